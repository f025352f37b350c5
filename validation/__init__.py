"""Reading typed figures and checking them against the catalog's rules.

The package itself stays light (the window needs only this before its first paint; the rules,
the parser and their regular expressions are imported when a figure is first checked).
"""

from __future__ import annotations

from models.periods import Period

HISTORY_QUARTERS = 8  # a level is judged against its last two years, quarter by quarter
HISTORY_YEARS = 5  # a cumulative or single-quarter figure against the same quarter of five earlier years


def history_periods(period: Period) -> tuple[tuple[Period, ...], tuple[Period, ...]]:
    """The recent quarters and the same quarter of earlier years before ``period``, latest first:
    the comparable past values of a level and of a cumulative figure (the outlier rule)."""
    recent, before = [], period
    for _ in range(HISTORY_QUARTERS):
        before = before.previous()
        recent.append(before)
    seasons = tuple(Period(year=period.year - n, quarter=period.quarter) for n in range(1, HISTORY_YEARS + 1))
    return tuple(recent), seasons


def periods_needed(period: Period) -> list[Period]:
    """The periods whose figures the rules of ``period`` read, oldest first (see ``validation.engine``)."""
    recent, seasons = history_periods(period)
    return sorted({*period.quarters_so_far(), *recent, *seasons})
