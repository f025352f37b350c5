"""A realistic district's figures for 2022 Q1–Q4 and 2023 Q1–Q3, so a newcomer sees a year at once.

The third quarters come from the district's own report (seed 000) and, for figures the report
does not give, from plausible example values (``models/data/demo_honggutan.json``).  Other
quarters follow from them: cumulative sums grow through the year, levels and rates drift slowly,
and every figure bound by a relation (ratio, sum, difference, year-on-year growth, stock and
flows) is computed from its parts so that the demo satisfies its own identities.  The bases of the
growth rates are also given for 2021 (``BASE_PERIODS``, back-computed from the 2022 growth), and so
is each stock at the end of 2021 (the opening of 2022's flows), so that the first year's growth
rates and balances can be checked.  The report's own third-quarter figures are kept as printed
(its 简易注销同比 36.92% is 2084 ÷ 1522 truncated, not rounded: an info, 应四舍五入).
"""

from __future__ import annotations

import json
from pathlib import Path

from app.context import AppContext
from models.catalog import (
    Catalog,
    DifferenceRelation,
    Metric,
    RatioRelation,
    SumRelation,
    ValueType,
    YoyRelation,
)
from models.loader import DATA_DIR
from models.periods import Period
from models.precision import rounded
from models.relations import StockFlowRelation
from models.values import Entry
from storage import settings as stored

DEMO_FILE = DATA_DIR / "demo_honggutan.json"
DEMO_PERIODS = [Period(year=2022, quarter=q) for q in (1, 2, 3, 4)] + [
    Period(year=2023, quarter=q) for q in (1, 2, 3)
]
BASE_PERIODS = [Period(year=2021, quarter=q) for q in (1, 2, 3, 4)]
DEMO_KEY = "demo"  # a setting present in a database that holds the demo district's figures
# Share of the third quarter's cumulative figure reached by the end of each quarter.
_YTD_SHARE = {1: 0.27, 2: 0.6, 3: 1.0, 4: 1.36}
# Levels that should rise (or fall) drift by this fraction per quarter towards the third.
_LEVEL_DRIFT = {ValueType.SHARE: 0.004, ValueType.COUNT: 0.01}


def load_demo(ctx: AppContext) -> tuple[int, int]:
    """Store the demo figures that are not there yet; return (written, kept)."""
    entries = demo_entries(ctx.catalog(2023))
    existing = {v.key for v in ctx.store.values(periods=[p.code for p in BASE_PERIODS + DEMO_PERIODS])}
    missing = [e for e in entries if (e.period, e.dept, e.metric) not in existing]
    ctx.store.set_values(missing, reason="载入演示数据", source="demo")
    if not is_demo(ctx):
        stored.save_setting(ctx.store, DEMO_KEY, {"periods": [p.code for p in DEMO_PERIODS]}, reason="载入演示数据")
    return len(missing), len(entries) - len(missing)


def is_demo(ctx: AppContext) -> bool:
    """Whether the database holds the demo district's figures (loaded on a first start or by ``demo``)."""
    return stored.load_setting(ctx.store, DEMO_KEY) is not None


def load_anchors(path: Path = DEMO_FILE) -> tuple[dict[str, float], dict[str, float]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["figures"], data["same_period_last_year"]


def demo_entries(catalog: Catalog, path: Path = DEMO_FILE) -> list[Entry]:
    this_year, last_year = load_anchors(path)
    numbers: dict[tuple[str, str], float] = {}
    for period in DEMO_PERIODS:
        anchors = this_year if period.year == 2023 else last_year
        for metric in catalog.metrics:
            if metric.code in anchors:
                numbers[(period.code, metric.code)] = _scaled(metric, anchors[metric.code], period)
        _apply_relations(catalog, numbers, period)
        if period == DEMO_PERIODS[-1]:  # the report's own figures stand as it printed them
            numbers.update({(period.code, code): float(n) for code, n in this_year.items()})
    numbers.update(_stocks(catalog, numbers))
    numbers.update(_bases_before(catalog, numbers))
    for period in DEMO_PERIODS[:4]:  # the first year's growth, as its rounded bases give it
        for relation in catalog.definitions.relations:
            if isinstance(relation, YoyRelation):
                _derive(catalog, relation, numbers, period)
    return [_entry(catalog, period, code, number) for (period, code), number in sorted(numbers.items())]


def _bases_before(catalog: Catalog, numbers: dict) -> dict:
    """2021's figure of each growth rate's base, as the 2022 growth states it (base ÷ (1 + growth))."""
    found = {}
    for relation in catalog.definitions.relations:
        if not isinstance(relation, YoyRelation):
            continue
        for before in BASE_PERIODS:
            period = Period(year=before.year + 1, quarter=before.quarter)
            base, growth = numbers.get((period.code, relation.base)), numbers.get((period.code, relation.growth))
            if base is not None and growth is not None:
                found[(before.code, relation.base)] = _rounded(catalog.metric(relation.base), base / (1 + growth / 100))
    return found


def _stocks(catalog: Catalog, numbers: dict) -> dict:
    """Each stock (期末) in every demo quarter from its third-quarter figure and its year-to-date
    flows: last year's closing stock is this one less this year's flows so far, the year before's
    that less last year's full flows, and every quarter's is its year's opening plus its flows.
    Returns the stock at the end of the year before the demo (2021Q4), the opening of 2022."""
    last = DEMO_PERIODS[-1]
    found = {}
    for relation in catalog.definitions.relations:
        if not isinstance(relation, StockFlowRelation) or (last.code, relation.closing) not in numbers:
            continue

        def flows(period: Period, relation=relation) -> float:
            return numbers[(period.code, relation.inflow)] - numbers[(period.code, relation.outflow)]

        opening = {last.year: numbers[(last.code, relation.closing)] - flows(last)}
        opening[last.year - 1] = opening[last.year] - flows(Period(year=last.year - 1, quarter=4))
        for period in DEMO_PERIODS:
            numbers[(period.code, relation.closing)] = opening[period.year] + flows(period)
        found[(f"{last.year - 2}Q4", relation.closing)] = opening[last.year - 1]
    return found


def _scaled(metric: Metric, anchor: float, period: Period) -> float:
    if metric.is_cumulative_sum:
        return _rounded(metric, anchor * _YTD_SHARE[period.quarter])
    drift = _LEVEL_DRIFT.get(metric.value_type, 0.0)
    sign = {"higher": 1, "lower": -1}.get(metric.direction.value, 0)
    number = anchor * (1 + sign * drift * (period.quarter - 3))
    upper = metric.upper_bound
    return _rounded(metric, min(number, upper) if upper is not None else number)


def _rounded(metric: Metric, number: float) -> float:
    return float(rounded(number, metric.decimals))  # 四舍五入, as a filer rounds


def _apply_relations(catalog: Catalog, numbers: dict, period: Period) -> None:
    """Recompute figures that relations determine, in an order where inputs come first."""
    relations = catalog.definitions.relations
    order = (DifferenceRelation, SumRelation, RatioRelation, YoyRelation)
    for relation_type in order:
        for relation in relations:
            if isinstance(relation, relation_type):
                _derive(catalog, relation, numbers, period)


def _derive(catalog: Catalog, relation, numbers: dict, period: Period) -> None:
    get = lambda code, p=period: numbers.get((p.code, code))  # noqa: E731
    if isinstance(relation, DifferenceRelation):
        result, inputs = relation.result, (get(relation.minuend), get(relation.subtrahend))
        compute = lambda a, b: a - b  # noqa: E731
    elif isinstance(relation, SumRelation):
        result, inputs = relation.total, tuple(get(p) for p in relation.parts)
        compute = lambda *parts: sum(parts)  # noqa: E731
    elif isinstance(relation, RatioRelation):
        result, inputs = relation.result, (get(relation.numerator), get(relation.denominator))
        compute = lambda n, d: n / d * 100 if d else None  # noqa: E731
    else:  # year-on-year growth: the first demo year's growth is given and its base's 2021 figure follows
        last = period.same_quarter_last_year()
        result, inputs = relation.growth, (get(relation.base), get(relation.base, last))
        compute = lambda now, before: (now / before - 1) * 100 if before else None  # noqa: E731
    if any(value is None for value in inputs):
        return
    number = compute(*inputs)
    if number is not None:
        numbers[(period.code, result)] = _rounded(catalog.metric(result), number)


def _entry(catalog: Catalog, period: str, code: str, number: float) -> Entry:
    metric = catalog.metric(code)
    return Entry(
        period=period, dept=catalog.department_of(code), metric=code, number=number,
        raw=format_number(number, metric), source="演示数据",
    )


def format_number(number: float, metric: Metric) -> str:
    """The figure as a filer would type it: no trailing zeros, % for rates."""
    text = f"{number:.{metric.decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + ("%" if metric.unit == "%" else "")
