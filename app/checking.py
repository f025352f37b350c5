"""Validation against the store: load what the rules read, run the engine.

The Excel export (a final export refuses while ``report.blocking``), the GUI (live checking after
each edit) and the command line all go through these two functions.
"""

from __future__ import annotations

from models.findings import Finding, Report
from models.periods import Period
from validation import periods_needed
from validation.engine import validate, validate_metric


def validate_period(ctx, period: Period, dept: str | None = None, final: bool = False) -> Report:
    """Every rule over ``period`` (one department's metrics, or all); ``final`` adds completeness."""
    catalog = ctx.catalog_for(period)
    return validate(_values(ctx, period), catalog, period, dept=dept,
                    explanations=ctx.store.explanations(period.code, dept), final=final)


def validate_cell(ctx, period: Period, metric_code: str) -> list[Finding]:
    """The findings of the rules that read one metric: what the GUI shows after an edit."""
    catalog = ctx.catalog_for(period)
    return validate_metric(_values(ctx, period), catalog, period, metric_code,
                           explanations=ctx.store.explanations(period.code))


def _values(ctx, period: Period):
    # Every department's figures: a relation may read a metric another department files.
    return ctx.store.values(periods=[p.code for p in periods_needed(period)])
