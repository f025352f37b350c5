"""Benchmark of the validation engine: 1,000,000 values, printed as values per second.

100 districts × 250 metrics × 4 quarters × 10 years, generated here with a synthetic catalog of
25 indicators (each: a ratio 结案率 = 结案数 ÷ 受理数, a stated growth rate with its base, parts
within wholes, shares with targets, durations, steps).  About 0.3 % of the values carry a fault
(a share above 100 %, a placeholder text, a ratio that does not hold, a cumulative figure that
falls), so findings are built as in real use.

Three timings, each over the same values:

1. the engine in batch: ``validate_periods`` once per district over its 40 periods (the figures
   indexed once per district);
2. the engine as the application calls it: ``validate`` once per district and period, given the
   values of ``periods_needed`` (so each figure is indexed several times);
3. the baseline: a hand-inlined loop over five rule kinds (range, ratio, ytd, yoy, placeholder)
   with no functions, no findings objects, no messages.

Run: ``.venv/bin/python bench/bench_validate.py [--districts N]``.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from models.catalog import Catalog, CatalogYear  # noqa: E402
from models.periods import Period  # noqa: E402
from models.profile import Department, DistrictProfile  # noqa: E402
from models.values import Value  # noqa: E402
from validation.engine import periods_needed, validate, validate_periods  # noqa: E402

INDICATORS = 25
YEARS = range(2014, 2024)
PERIODS = [Period(year=y, quarter=q) for y in YEARS for q in (1, 2, 3, 4)]
FAULT_RATE = 0.003


# ---- the synthetic catalog ---------------------------------------------------------------------

def _metrics(i: int) -> list[dict]:
    p = f"i{i:02d}"
    return [
        {"code": f"{p}_accepted", "name": f"受理数{i}", "unit": "件", "kind": "ytd", "value_type": "count"},
        {"code": f"{p}_closed", "name": f"结案数{i}", "unit": "件", "kind": "ytd", "value_type": "count"},
        {"code": f"{p}_rate", "name": f"结案率{i}", "unit": "%", "kind": "level", "value_type": "share", "decimals": 2},
        {"code": f"{p}_amount", "name": f"采购金额{i}", "unit": "万元", "kind": "ytd", "value_type": "amount",
         "decimals": 2},
        {"code": f"{p}_growth", "name": f"采购金额同比{i}", "unit": "%", "kind": "ytd", "value_type": "growth",
         "decimals": 2},
        {"code": f"{p}_online", "name": f"网办率{i}", "unit": "%", "kind": "level", "value_type": "share",
         "decimals": 2, "target": {"op": ">=", "value": 90}},
        {"code": f"{p}_days", "name": f"办理时间{i}", "unit": "工作日", "kind": "level", "value_type": "duration",
         "decimals": 1, "target": {"op": "<=", "value": 20}},
        {"code": f"{p}_steps", "name": f"环节数{i}", "unit": "个", "kind": "level", "value_type": "steps"},
        {"code": f"{p}_part", "name": f"简易注销{i}", "unit": "户", "kind": "ytd", "value_type": "count"},
        {"code": f"{p}_whole", "name": f"注销{i}", "unit": "户", "kind": "ytd", "value_type": "count"},
    ]


def _relations(i: int) -> list[dict]:
    p = f"i{i:02d}"
    return [
        {"kind": "ratio", "result": f"{p}_rate", "numerator": f"{p}_closed", "denominator": f"{p}_accepted"},
        {"kind": "yoy", "growth": f"{p}_growth", "base": f"{p}_amount"},
        {"kind": "part_le_whole", "part": f"{p}_closed", "whole": f"{p}_accepted"},
        {"kind": "part_le_whole", "part": f"{p}_part", "whole": f"{p}_whole"},
    ]


def synthetic_catalog() -> Catalog:
    indicators = [{"code": f"ind{i:02d}", "name": f"指标{i}", "metrics": _metrics(i)} for i in range(INDICATORS)]
    definitions = CatalogYear.model_validate({
        "year": YEARS[-1], "title": "基准测试目录", "indicators": indicators,
        "relations": [r for i in range(INDICATORS) for r in _relations(i)],
    })
    profile = DistrictProfile(
        district="基准区", coordinator="office", departments=(Department(code="office", name="营商办"),),
        leads={ind["code"]: "office" for ind in indicators},
    )
    return Catalog(definitions, profile, source="bench")


# ---- the synthetic figures ---------------------------------------------------------------------

def _typed(number: float, decimals: int, percent: bool) -> str:
    text = f"{number:.{decimals}f}"
    return text + "%" if percent else text


def district_values(district: int, rng: random.Random) -> list[Value]:
    """10 years × 4 quarters × 250 metrics of one district, consistent except for rare faults."""
    values: list[Value] = []
    sizes = {i: rng.uniform(200, 40000) for i in range(INDICATORS)}
    last_year_amount: dict[tuple[int, int], float] = {}
    for period in PERIODS:
        share_of_year = period.quarter / 4
        for i in range(INDICATORS):
            figures = _indicator_figures(i, period, share_of_year, sizes, last_year_amount, rng)
            values += [_value(district, period, code, number, raw, rng) for code, number, raw in figures]
    return values


def _indicator_figures(i, period, share_of_year, sizes, last_year_amount, rng):
    p = f"i{i:02d}"
    growth_of_size = 1 + 0.03 * (period.year - YEARS[0])
    accepted = round(sizes[i] * growth_of_size * share_of_year)
    closed = round(accepted * 0.85)
    rate = round(closed / accepted * 100, 2)
    amount = round(sizes[i] * 0.7 * growth_of_size * share_of_year, 2)
    before = last_year_amount.get((i, period.quarter))
    growth = round((amount / before - 1) * 100, 2) if before else 3.0
    last_year_amount[(i, period.quarter)] = amount
    whole = round(sizes[i] * 0.1 * share_of_year) + 1
    return [
        (f"{p}_accepted", accepted, str(accepted)), (f"{p}_closed", closed, str(closed)),
        (f"{p}_rate", rate, _typed(rate, 2, True)), (f"{p}_amount", amount, _typed(amount, 2, False)),
        (f"{p}_growth", growth, _typed(growth, 2, True)), (f"{p}_online", 95.5, "95.5%"),
        (f"{p}_days", 12.5, "12.5"), (f"{p}_steps", 3, "3"),
        (f"{p}_part", whole // 2, str(whole // 2)), (f"{p}_whole", whole, str(whole)),
    ]


def _value(district: int, period: Period, code: str, number: float, raw: str, rng: random.Random) -> Value:
    if rng.random() < FAULT_RATE:
        number, raw = _fault(code, number, raw, rng)
    return Value.model_construct(period=period.code, dept="office", metric=code, number=float(number), raw=raw,
                                 note="", source="", who="bench", at="")


def _fault(code: str, number: float, raw: str, rng: random.Random) -> tuple[float, str]:
    kind = rng.choice(("range", "placeholder", "shift"))
    if kind == "range":
        return (101.0, "101%") if code.endswith("rate") else (-1.0, "-1")
    if kind == "placeholder":
        return number, "XX"
    return number * 0.5, raw  # breaks a ratio, a yoy, or makes a cumulative figure fall


# ---- the baseline: a hand-inlined loop over five rule kinds --------------------------------------

def baseline(values: list[Value], catalog: Catalog) -> int:
    table = [(m.code, m.lower_bound, m.upper_bound if m.upper_bound is not None else float("inf"),
              m.is_integer, m.kind.value == "ytd" and m.value_type.value != "growth") for m in catalog.metrics]
    ratios = [r.metrics for r in catalog.rules if r.kind.value == "ratio"]
    yoys = [r.metrics for r in catalog.rules if r.kind.value == "yoy"]
    index: dict[str, dict[str, Value]] = {}
    for v in values:
        index.setdefault(v.period, {})[v.metric] = v
    failures = 0
    for period in PERIODS:
        now = index.get(period.code, {})
        prev = index.get(period.previous().code, {}) if period.quarter > 1 else {}
        last = index.get(period.same_quarter_last_year().code, {})
        for code, lo, hi, integer, ytd in table:
            v = now.get(code)
            if v is None:
                continue
            n = v.number
            if n < lo or n > hi or (integer and n % 1):
                failures += 1
            raw = v.raw
            if raw and not (raw.isascii() and (raw[0] in "0123456789" or raw[-1] in "0123456789")
                            and not raw.strip("0123456789.,+-% ")):
                failures += 1
            if ytd:
                b = prev.get(code)
                if b is not None and n < b.number:
                    failures += 1
        for result, numerator, denominator in ratios:
            r, a, b = now.get(result), now.get(numerator), now.get(denominator)
            if r is None or a is None or b is None or not b.number:
                continue
            decimals = len(r.raw.rstrip("%").partition(".")[2])
            if abs(r.number - a.number / b.number * 100) >= 10.0 ** -decimals:
                failures += 1
        for growth, base in yoys:
            g, b1, b0 = now.get(growth), now.get(base), last.get(base)
            if g is None or b1 is None or b0 is None or not b0.number:
                continue
            decimals = len(g.raw.rstrip("%").partition(".")[2])
            if abs(g.number - (b1.number / b0.number - 1) * 100) >= 10.0 ** -decimals + 0.01:
                failures += 1
    return failures


# ---- timing ----------------------------------------------------------------------------------------

def engine_batch(values: list[Value], catalog: Catalog) -> int:
    return sum(len(r.findings) for r in validate_periods(values, catalog, PERIODS))


def needed_slices(values: list[Value]) -> list[tuple[Period, list[Value]]]:
    by_period: dict[str, list[Value]] = {}
    for v in values:
        by_period.setdefault(v.period, []).append(v)
    return [(p, [v for q in periods_needed(p) for v in by_period.get(q.code, ())]) for p in PERIODS]


def engine_per_period(slices: list[tuple[Period, list[Value]]], catalog: Catalog) -> int:
    return sum(len(validate(values, catalog, period).findings) for period, values in slices)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=100)
    args = parser.parse_args(argv)
    catalog = synthetic_catalog()
    rng = random.Random(20231)
    totals = {"batch": 0.0, "per_period": 0.0, "baseline": 0.0}
    counts = {"values": 0, "batch": 0, "per_period": 0, "baseline": 0}
    for district in range(args.districts):
        values = district_values(district, rng)
        slices = needed_slices(values)
        counts["values"] += len(values)
        for name, work, data in (("batch", engine_batch, values), ("per_period", engine_per_period, slices),
                                 ("baseline", baseline, values)):
            gc.collect()  # no pause for another method's garbage
            start = time.perf_counter()
            counts[name] += work(data, catalog)
            totals[name] += time.perf_counter() - start
    _print(counts, totals, len(catalog.metrics))


def _print(counts: dict, totals: dict, metrics: int) -> None:
    n = counts["values"]
    print(f"values: {n:,} ({metrics} metrics × {len(PERIODS)} periods × {n // metrics // len(PERIODS)} districts)")
    labels = {"batch": "engine, validate_periods per district", "per_period": "engine, validate per period",
              "baseline": "baseline, hand-inlined five rule kinds"}
    for name, label in labels.items():
        seconds = totals[name]
        print(f"{label:42s} {seconds:7.3f} s  {n / seconds:>12,.0f} values/s  findings/failures: {counts[name]:,}")
    print(f"ratio engine batch / baseline:      {totals['batch'] / totals['baseline']:.2f}")
    print(f"ratio engine per period / baseline: {totals['per_period'] / totals['baseline']:.2f}")


if __name__ == "__main__":
    main()
