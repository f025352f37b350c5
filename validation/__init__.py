"""Reading typed figures and checking them against the catalog's rules.

The package itself stays light (the window needs only this before its first paint; the rules,
the parser and their regular expressions are imported when a figure is first checked).
"""

from __future__ import annotations

from models.periods import Period


def periods_needed(period: Period) -> list[Period]:
    """The periods whose figures the rules of ``period`` read, oldest first (see ``validation.engine``)."""
    wanted = {*period.quarters_so_far(), period.previous(), period.same_quarter_last_year()}
    return sorted(wanted)
