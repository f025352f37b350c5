"""Validation against the store: load what the rules read, run the engine.

The Excel export (a final export refuses while ``report.blocking``), the GUI (live checking after
each edit) and the command line all go through these two functions.
"""

from __future__ import annotations

from app.history import figures
from models.findings import Finding, Report
from models.periods import Period
from models.values import Value
from validation import periods_needed
from validation.engine import validate, validate_metric


def validate_period(ctx, period: Period, dept: str | None = None, final: bool = False) -> Report:
    """Every rule over ``period`` (one department's metrics, or all); ``final`` adds completeness."""
    catalog = ctx.catalog_for(period)
    return validate(_values(ctx, period), catalog, period, dept=dept,
                    explanations=ctx.store.explanations(period.code, dept), final=final)


def validate_entries(ctx, period: Period, dept: str, entries) -> Report:
    """``dept``'s figures of ``period`` judged as if ``entries`` were stored: what an import would
    leave, with the same rules, grades and messages as everywhere else (the import preview)."""
    planned = {(e.period, e.dept, e.metric): e for e in entries}
    values = [v for v in _values(ctx, period) if v.key not in planned]
    values += [Value(period=e.period, dept=e.dept, metric=e.metric, number=e.number, raw=e.raw, note=e.note)
               for e in planned.values() if e.number is not None]
    values.sort(key=lambda v: v.period)  # the engine indexes figures period by period
    return validate(values, ctx.catalog_for(period), period, dept=dept,
                    explanations=ctx.store.explanations(period.code, dept))


def validate_cell(ctx, period: Period, metric_code: str) -> list[Finding]:
    """The findings of the rules that read one metric: what the GUI shows after an edit."""
    catalog = ctx.catalog_for(period)
    return validate_metric(_values(ctx, period), catalog, period, metric_code,
                           explanations=ctx.store.explanations(period.code))


def _values(ctx, period: Period):
    # Every department's figures: a relation may read a metric another department files.  Earlier
    # years' figures as this year's catalog names them (a renamed metric, a changed unit).
    return figures(ctx, ctx.catalog_for(period), periods_needed(period))
