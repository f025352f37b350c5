"""Earlier periods' figures as this year's catalog names and measures them: the one reading of
stored figures that every comparison across years goes through (validation, the window's live
checks, last-year columns, trends, the narrative cross-check, the workbooks).

Figures stay stored under the code and in the unit their year's catalog gave them.  When a later
catalog renames a metric (``renamed_from``) or changes its unit (万元 → 元), ``models.lineage``
says where each metric's earlier figures are; ``figures`` reads them there and hands them on
under today's code, converted to today's unit.

A converted figure keeps what the filer typed visible and honest: the text gets its unit (115.22
typed for a 万元 metric reads ``115.22万元`` beside a 元 metric: what was typed, and what it is in
元); when only a rename factor explains the change, the text cannot say it, so the figure is shown
by its converted number and its note says what was typed and how it was converted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

from models.catalog import Catalog, CatalogYear, Metric
from models.lineage import Source, governing_year, sources
from models.periods import Period
from models.values import Value


def figures(ctx, catalog: Catalog, periods: Iterable[Period | str], dept: str | None = None,
            metrics: Iterable[str] | None = None) -> list[Value]:
    """The stored figures of ``periods`` (of ``dept``, of ``metrics``: codes of ``catalog``) under
    ``catalog``'s codes and units, ordered by period as the store orders them."""
    codes = sorted({p if isinstance(p, str) else p.code for p in periods})
    wanted = None if metrics is None else set(metrics)
    by_year: dict[int, list[str]] = {}
    years = ctx.available_years()
    for code in codes:
        by_year.setdefault(governing_year(years, Period.parse(code).year), []).append(code)
    found: list[Value] = []
    for year, in_year in by_year.items():
        if year == catalog.year:
            found += ctx.store.values(periods=in_year, dept=dept, metrics=wanted)
        else:
            found += _translated(ctx, catalog, in_year, dept, wanted)
    found.sort(key=lambda v: v.period)  # stable: within a period the store's order stays
    return found


def translated(ctx, catalog: Catalog, values: Iterable[Value]) -> list[Value]:
    """Figures read from the store (any periods) as ``catalog`` names them; figures of a metric
    that has no successor in ``catalog`` are left out."""
    years = ctx.available_years()
    out: list[Value] = []
    table: dict[int, dict[str, tuple[str, Source]]] = {}
    for value in values:
        year = governing_year(years, Period.parse(value.period).year)
        if year == catalog.year:
            out.append(value)
            continue
        if year not in table:
            table[year] = _by_old_code(ctx, catalog, Period.parse(value.period).year)
        hit = table[year].get(value.metric)
        if hit is not None:
            out.append(as_today(value, catalog.metric(hit[0]), hit[1]))
    return out


def today_code(ctx, catalog: Catalog, period: str, code: str) -> str | None:
    """The code ``catalog`` gives the metric stored as ``code`` in ``period`` (None: none of its metrics)."""
    period_year = Period.parse(period).year
    if governing_year(ctx.available_years(), period_year) == catalog.year:
        return code
    hit = _by_old_code(ctx, catalog, period_year).get(code)
    return hit[0] if hit else None


def _translated(ctx, catalog: Catalog, periods: list[str], dept: str | None, wanted: set[str] | None) -> list[Value]:
    old = _by_old_code(ctx, catalog, Period.parse(periods[0]).year)
    if wanted is not None:
        old = {code: hit for code, hit in old.items() if hit[0] in wanted}
    if not old:
        return []
    stored = ctx.store.values(periods=periods, dept=dept, metrics=sorted(old) if wanted is not None else None)
    return [as_today(v, catalog.metric(old[v.metric][0]), old[v.metric][1]) for v in stored if v.metric in old]


def _by_old_code(ctx, catalog: Catalog, period_year: int) -> dict[str, tuple[str, Source]]:
    """old code → (today's code, where its figures are) for figures of ``period_year``."""
    found = sources(_Definitions(ctx), catalog.year, period_year)
    return {source.code: (code, source) for code, source in found.items()}


def as_today(value: Value, metric: Metric, source: Source) -> Value:
    """One stored figure as ``metric`` (today's) reads it."""
    if source.same:
        return value
    if source.factor == 1.0:
        return replace(value, metric=metric.code)
    number = source.convert(value.number)
    shown = _with_unit(value.raw, source.unit, metric, number)
    if shown is not None:
        return replace(value, metric=metric.code, number=number, raw=shown)
    typed = f"{value.raw}{'' if _has_unit(value.raw) else source.unit}"
    note = f"上年按“{source.code}”填报“{typed}”，×{source.factor:g} 换算为本年口径"
    return replace(value, metric=metric.code, number=number, raw="",
                   note=f"{note}；{value.note}" if value.note else note)


def _with_unit(raw: str, unit: str, metric: Metric, number: float) -> str | None:
    """The typed text with its unit, when today's metric reads it as ``number``; else None."""
    from validation.errors import EntryError
    from validation.parsing import parse_entry

    text = raw.strip() if _has_unit(raw) else f"{raw.strip()}{unit}"
    try:
        parsed = parse_entry(text, metric)
    except EntryError:
        return None
    return text if abs(parsed.number - number) <= 1e-9 * max(1.0, abs(number)) else None


def _has_unit(raw: str) -> bool:
    text = raw.strip()
    return bool(text) and not (text[-1].isdigit() or text[-1] == ".")


class _Definitions(Mapping[int, CatalogYear]):
    """Every catalog year there is, each read when ``models.lineage`` first looks at it."""

    def __init__(self, ctx):
        self._ctx = ctx
        self._years = ctx.available_years()

    def __getitem__(self, year: int) -> CatalogYear:
        if year not in self._years:
            raise KeyError(year)
        return self._ctx.catalog(year).definitions

    def __iter__(self) -> Iterator[int]:
        return iter(self._years)

    def __len__(self) -> int:
        return len(self._years)
