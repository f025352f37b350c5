"""Checking a narrative report's figures against what is filed (shared by the CLI and the GUI)."""

from __future__ import annotations

from app.history import figures
from models.catalog import Catalog
from models.periods import Period
from validation.crosscheck import CrossReport, crosscheck


def check_text(ctx, period: Period, text: str, dept: str | None = None) -> CrossReport:
    """The cross-check of ``text`` against what is filed for ``period`` (shared by CLI and GUI)."""
    catalog = ctx.catalog_for(period)
    return crosscheck(
        text, catalog, period=period, dept=dept,
        filed=filed_numbers(ctx, catalog, period),
        last_year=filed_numbers(ctx, catalog, period.same_quarter_last_year()),
    )


def filed_numbers(ctx, catalog: Catalog, period: Period) -> dict[str, float]:
    """metric → filed number (under ``catalog``'s codes and units, also for last year's); the filing
    department's figure wins over another department's."""
    numbers: dict[str, float] = {}
    for value in figures(ctx, catalog, [period]):
        known = catalog.metric(value.metric) is not None
        if known and value.dept == catalog.department_of(value.metric):
            numbers[value.metric] = value.number
        else:
            numbers.setdefault(value.metric, value.number)
    return numbers
