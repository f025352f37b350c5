"""A metric's history across the years' catalogs: under which code, and in which unit, its
figures of an earlier year are stored.

A catalog may rename a metric (``Metric.renamed_from``: its code in the previous year's catalog,
with ``rename_factor`` when the old figure must be scaled to compare) or change its unit
(万元 → 元, 小时 → 工作日: ``models.value_types.unit_factor``).  Figures stay stored as they were
filed, under the code and in the unit of the catalog of their year; whoever reads an earlier
year's figures beside this year's (year on year, swing, outliers, last-year columns, trends)
asks ``sources`` how to translate them.

A year without a catalog of its own is governed by the catalog the application picks for it
(``models.loader.pick_year``: the latest before it, else the first), so figures of 2021 and
2022 are stored under the codes of the 2023 catalog when that is the first there is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from models.catalog import CatalogYear, Metric
from models.loader import pick_year
from models.value_types import unit_factor


@dataclass(frozen=True, slots=True)
class Source:
    """Where a metric's figures of an earlier year are: ``code`` in ``unit`` under the catalog of
    ``year``; a stored number times ``factor`` compares with this year's."""

    code: str
    unit: str
    factor: float
    year: int  # the catalog year that governs the stored figures
    renamed: bool  # the code differs from this year's

    @property
    def same(self) -> bool:
        """The stored figure is this year's figure as it is: same code, nothing to convert."""
        return not self.renamed and self.factor == 1.0

    def convert(self, number: float) -> float:
        """A stored number as this year's metric reads it (decimal arithmetic: 115.22万元 is
        1152200元, not 1152199.9999999998)."""
        if self.factor == 1.0:
            return number
        return float(Decimal(repr(float(number))) * Decimal(repr(self.factor)))


def governing_year(years, period_year: int) -> int:
    """The catalog year whose codes and units figures of ``period_year`` are stored in."""
    return pick_year(period_year, years)


def previous_year(years, year: int) -> int | None:
    """The catalog before ``year``'s: the one ``renamed_from`` and a changed unit refer to."""
    earlier = [y for y in years if y < year]
    return max(earlier) if earlier else None


def sources(definitions: Mapping[int, CatalogYear], year: int, period_year: int) -> dict[str, Source]:
    """For each metric of ``year``'s catalog that has figures in ``period_year``: where they are.

    ``definitions`` holds every catalog year there is (read lazily: only the years between are
    looked at).  A metric whose chain breaks (a code missing in an earlier catalog, a unit that
    does not convert) has no source: its earlier figures are not compared at all, rather than
    compared wrongly.
    """
    years = sorted(definitions)
    target = governing_year(years, year)
    oldest = governing_year(years, period_year)
    current = {m.code: _start(m, target) for m in _metrics(definitions[target]).values()}
    step = target
    while step > oldest:
        before = previous_year(years, step)
        if before is None:
            break
        older = _metrics(definitions[before])
        current = {code: found for code, source in current.items()
                   if (found := _back(source, _metrics(definitions[step])[source.code], older, before))}
        step = before
    return current


def _start(metric: Metric, year: int) -> Source:
    return Source(code=metric.code, unit=metric.unit, factor=1.0, year=year, renamed=False)


def _back(source: Source, metric: Metric, older: dict[str, Metric], year: int) -> Source | None:
    """One step back: ``metric`` (this step's form of the figure) in the catalog of ``year``."""
    old = older.get(metric.renamed_from or metric.code)
    if old is None:
        return None
    units = unit_factor(old.unit, metric.unit)
    if units is None:
        return None
    factor = float(Decimal(repr(source.factor)) * Decimal(repr(units)) * Decimal(repr(float(metric.rename_factor))))
    return Source(code=old.code, unit=old.unit, factor=factor, year=year,
                  renamed=source.renamed or old.code != metric.code)


def _metrics(definitions: CatalogYear) -> dict[str, Metric]:
    return {m.code: m for indicator in definitions.indicators for m in indicator.metrics}


# ---- checking a new catalog against the one before it ------------------------------------------

@dataclass(frozen=True, slots=True)
class LineageProblem:
    """A metric of a new catalog whose history cannot be read: ``field`` is ``unit``,
    ``renamed_from`` or ``rename_factor`` (where a workbook shows it)."""

    code: str
    field: str
    reason: str


def lineage_problems(new: CatalogYear, previous: CatalogYear | None) -> list[LineageProblem]:
    """What a catalog says of the one before it (``previous``: None when there is none) that
    cannot hold: a unit changed beyond conversion, a ``renamed_from`` naming no metric of
    ``previous``, besides what ``rename_clashes`` finds."""
    problems = rename_clashes(new)
    refused = {p.code for p in problems}
    older = _metrics(previous) if previous is not None else {}
    for metric in _metrics(new).values():
        if metric.code in refused:
            continue
        problem = _rename_problem(metric, older, previous) if metric.renamed_from else None
        problem = problem or _unit_problem(metric, older.get(metric.renamed_from or metric.code))
        if problem is not None:
            problems.append(problem)
    return problems


def rename_clashes(new: CatalogYear) -> list[LineageProblem]:
    """Renames a catalog contradicts by itself: an old code that is still one of its metrics'
    codes, or one old code taken up by two metrics."""
    metrics = _metrics(new)
    problems, claimed = [], {}
    for metric in metrics.values():
        old_code = metric.renamed_from
        if not old_code:
            continue
        if old_code in metrics:
            problems.append(LineageProblem(metric.code, "renamed_from",
                                           f"原代码“{old_code}”在本目录中仍是一个指标（{metrics[old_code].name}）："
                                           "改名后旧代码不能再用；如两者都要保留，请清空原代码"))
        elif old_code in claimed:
            problems.append(LineageProblem(metric.code, "renamed_from",
                                           f"原代码“{old_code}”已由指标“{claimed[old_code]}”沿用，"
                                           "一个旧指标只能改名为一个新指标"))
        else:
            claimed[old_code] = metric.code
    return problems


def _rename_problem(metric: Metric, older: dict, previous: CatalogYear | None) -> LineageProblem | None:
    old_code = metric.renamed_from
    if previous is None:
        return LineageProblem(metric.code, "renamed_from", f"原代码“{old_code}”：没有更早年度的目录，无从改名")
    if old_code not in older:
        return LineageProblem(metric.code, "renamed_from",
                              f"原代码“{old_code}”不在 {previous.year} 年目录中，上年数值无从对应")
    return None


def _unit_problem(metric: Metric, old: Metric | None) -> LineageProblem | None:
    if old is None or unit_factor(old.unit, metric.unit) is not None:
        return None
    what = f"（原代码 {metric.renamed_from}）" if metric.renamed_from else ""
    return LineageProblem(metric.code, "unit",
                          f"单位由“{old.unit}”改为“{metric.unit}”{what}，上年数值无法换算："
                          "如确是新指标，请改用新代码")
