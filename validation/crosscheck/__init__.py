"""Cross-checking a department's narrative report against the filed figures.

``crosscheck(text, catalog, period=…, filed=…)`` reads every figure of the text, matches it to a
catalog metric within the indicator section it stands in, and reports placeholders, figures that
differ from the filed values, arithmetic the text gets wrong and figures of metrics never filed.
Pure functions over plain data: the caller supplies the filed values.
"""

from __future__ import annotations

from collections.abc import Mapping

from models.catalog import Catalog
from models.periods import Period
from validation.crosscheck.checks import Checker, agrees
from validation.crosscheck.figures import chinese_number, extract_figures
from validation.crosscheck.messages import KIND_LABELS
from validation.crosscheck.model import (
    BLOCKING_KINDS,
    Approx,
    CrossFinding,
    CrossReport,
    Figure,
    Kind,
    Match,
    Reading,
    Ref,
    Section,
    Sentence,
)
from validation.crosscheck.reading import read

__all__ = [
    "BLOCKING_KINDS", "KIND_LABELS", "Approx", "CrossFinding", "CrossReport", "Figure", "Kind", "Match",
    "Reading", "Ref", "Section", "Sentence", "agrees", "chinese_number", "crosscheck", "extract_figures", "read",
]


def crosscheck(text: str, catalog: Catalog, *, period: Period | None = None,
               filed: Mapping[str, float] | None = None, last_year: Mapping[str, float] | None = None,
               dept: str | None = None) -> CrossReport:
    """Read ``text`` and check it.  Without ``filed`` only placeholders and arithmetic are checked.

    ``dept`` (a department code) limits the findings to that department's metrics and sections,
    and the metrics a figure outside any indicator section may be matched to.
    """
    reading = read(text, catalog, period, dept)
    checker = Checker(reading, catalog, period, filed, last_year)
    return CrossReport(reading, tuple(checker.findings(dept)))
