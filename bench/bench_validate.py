"""Batch validation: 1,000,000 values through the real engine against a hand-inlined loop.

100 districts × 250 metrics × 4 quarters × 10 years, generated here with a synthetic catalog of
25 indicators (each: a ratio 结案率 = 结案数 ÷ 受理数, a stated growth rate with its base, parts
within wholes, shares with targets, durations, steps).  About 0.3 % of the values carry a fault
(a share above 100 %, a placeholder text, a ratio that does not hold, a cumulative figure that
falls), so findings are built as in real use.

Measured over the same figures:

1. the engine in batch: ``validate_periods`` once per district over its 40 periods, given the
   figures as the store returns them (``Value`` models), every rule of the catalog (also swing,
   target and part ≤ whole), a ``Finding`` with its Chinese message for each failure;
2. the engine as the application calls it: ``validate`` once per district and period, given the
   values of ``periods_needed`` (so each figure is indexed several times);
3. the baseline: what a hand-written loop would do — the six rule kinds range, ratio, ytd, yoy,
   placeholder and outlier (median and MAD of the past changes), inlined over plain tuples
   ``(period, metric, number, raw)``, counting failures (no functions, no findings, no messages).

Then the growth table (1, 10 and 100 districts: 10,000 to 1,000,000 values) and the peak memory
of each at 1,000,000 values, each in a fresh process holding the figures in its own form.

Run: ``.venv/bin/python bench/bench_validate.py [--districts N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common  # noqa: E402
from models.catalog import Catalog  # noqa: E402
from models.loader import definitions_from_data  # noqa: E402
from models.periods import Period  # noqa: E402
from models.profile import Department, DistrictProfile  # noqa: E402
from models.values import Value  # noqa: E402
from validation import history_periods, periods_needed  # noqa: E402
from validation.engine import validate, validate_periods  # noqa: E402

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
    definitions = definitions_from_data({
        "year": YEARS[-1], "title": "基准测试目录", "indicators": indicators,
        "relations": [r for i in range(INDICATORS) for r in _relations(i)],
    }, "基准测试目录")
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
    return Value(period=period.code, dept="office", metric=code, number=float(number), raw=raw,
                 note="", source="", who="bench", at="")


def _fault(code: str, number: float, raw: str, rng: random.Random) -> tuple[float, str]:
    kind = rng.choice(("range", "placeholder", "shift"))
    if kind == "range":
        return (101.0, "101%") if code.endswith("rate") else (-1.0, "-1")
    if kind == "placeholder":
        return number, "XX"
    return number * 0.5, raw  # breaks a ratio, a yoy, or makes a cumulative figure fall


# ---- the baseline: a hand-inlined loop over five rule kinds, over plain tuples -------------------

Row = tuple[str, str, float, str]  # period code, metric code, number, text as typed
_DIGITS = "0123456789"
_PLAIN = "0123456789.,+-% "


def as_rows(values: list[Value]) -> list[Row]:
    return [(v.period, v.metric, v.number, v.raw) for v in values]


def baseline_plan(catalog: Catalog) -> tuple[list, list, list, list]:
    """What a hand-written checker would hard-code: bounds per metric, ratio and yoy triples, periods
    with the history each kind of figure is judged against."""
    table = [(m.code, m.lower_bound, m.upper_bound if m.upper_bound is not None else float("inf"),
              m.is_integer, m.is_cumulative_sum, m.kind.value == "level", m.value_type.value != "growth")
             for m in catalog.metrics]
    ratios = [r.metrics for r in catalog.rules if r.kind.value == "ratio"]
    yoys = [r.metrics for r in catalog.rules if r.kind.value == "yoy"]
    periods = []
    for p in PERIODS:
        recent, seasons = history_periods(p)
        periods.append((p.code, p.previous().code if p.quarter > 1 else "", p.same_quarter_last_year().code,
                        [q.code for q in reversed(recent)], [q.code for q in reversed(seasons)]))
    return table, ratios, yoys, periods


def _outside_history(n: float, history: list[float]) -> bool:
    """The outlier rule written out: the change from the last past value against median ± 3·1.4826·MAD
    of the past changes (widened to every past change, to standing still and to the median change
    itself), the mean deviation when the MAD is 0."""
    changes = [b - a for a, b in zip(history, history[1:], strict=False)]
    count = len(changes)
    change = n - history[-1]
    low, high = min(changes), max(changes)
    if count < 4 or (low < high and min(low, 0.0) <= change <= max(high, 0.0)):
        return False
    changes.sort()
    half = count // 2
    median = changes[half] if count % 2 else (changes[half - 1] + changes[half]) / 2
    deviations = sorted([abs(x - median) for x in changes])
    mad = deviations[half] if count % 2 else (deviations[half - 1] + deviations[half]) / 2
    spread = 1.4826 * mad if mad else 1.253314 * sum(deviations) / count
    if not spread:
        return False
    half = max(3 * spread, abs(median))
    return change < min(median - half, changes[0]) or change > max(median + half, changes[-1])


def baseline(rows: list[Row], plan: tuple) -> int:
    """Range, placeholder, never-decreasing and outliers per figure, then ratio and yoy identities: failures."""
    table, ratios, yoys, periods = plan
    index: dict[str, dict[str, tuple[float, str]]] = {}
    for period, metric, number, raw in rows:
        found = index.get(period)
        if found is None:
            found = index[period] = {}
        found[metric] = (number, raw)
    failures, empty = 0, {}
    for code, previous, last_year, recent, seasons in periods:
        now = index.get(code, empty)
        prev = index.get(previous, empty).get
        last = index.get(last_year, empty).get
        get = now.get
        recent_rows = [index[q] for q in recent if q in index]
        season_rows = [index[q] for q in seasons if q in index]
        for metric, lo, hi, integer, ytd, level, changes in table:
            figure = get(metric)
            if figure is None:
                continue
            n, raw = figure
            if not lo <= n <= hi or (integer and n % 1):
                failures += 1
            if raw and (raw.strip(_PLAIN) or not (raw[0] in _DIGITS or raw[-1] in _DIGITS)):
                failures += 1
            if ytd:
                before = prev(metric)
                if before is not None and n < before[0]:
                    failures += 1
            if changes:
                past = [f[0] for row in (recent_rows if level else season_rows) if (f := row.get(metric))]
                if len(past) > 4 and _outside_history(n, past):
                    failures += 1
        for result, numerator, denominator in ratios:
            r, a, b = get(result), get(numerator), get(denominator)
            if r is None or a is None or b is None or not b[0]:
                continue
            decimals = len(r[1].rstrip("%").partition(".")[2])
            if abs(r[0] - a[0] / b[0] * 100) >= 10.0 ** -decimals:
                failures += 1
        for growth, base in yoys:
            g, b1, b0 = get(growth), get(base), last(base)
            if g is None or b1 is None or b0 is None or not b0[0]:
                continue
            decimals = len(g[1].rstrip("%").partition(".")[2])
            if abs(g[0] - (b1[0] / b0[0] - 1) * 100) >= 10.0 ** -decimals:
                failures += 1
    return failures


# ---- the engine ----------------------------------------------------------------------------------

def engine_batch(values: list[Value], catalog: Catalog) -> int:
    return sum(len(r.findings) for r in validate_periods(values, catalog, PERIODS))


def needed_slices(values: list[Value]) -> list[tuple[Period, list[Value]]]:
    by_period: dict[str, list[Value]] = {}
    for v in values:
        by_period.setdefault(v.period, []).append(v)
    return [(p, [v for q in periods_needed(p) for v in by_period.get(q.code, ())]) for p in PERIODS]


def engine_per_period(slices: list[tuple[Period, list[Value]]], catalog: Catalog) -> int:
    return sum(len(validate(values, catalog, period).findings) for period, values in slices)


# ---- measuring ------------------------------------------------------------------------------------

@dataclass
class Figures:
    """Every district's figures in the engine's form and the baseline's."""

    values: list[list[Value]]
    rows: list[list[Row]]

    @classmethod
    def generate(cls, districts: int, forms: tuple[str, ...] = ("values", "rows")) -> Figures:
        rng = random.Random(20231)
        values, rows = [], []
        for district in range(districts):
            generated = district_values(district, rng)
            rows.append(as_rows(generated) if "rows" in forms else [])
            values.append(generated if "values" in forms else [])
        gc.freeze()  # a million long-lived models: keep the collector from walking them in every run
        return cls(values, rows)

    def count(self, districts: int) -> int:
        return sum(len(v) for v in self.values[:districts])


def timings(figures: Figures, catalog: Catalog, districts: int, runs: int) -> dict[str, float]:
    plan = baseline_plan(catalog)
    values, rows = figures.values[:districts], figures.rows[:districts]
    return common.alternate({
        "engine": lambda: sum(engine_batch(v, catalog) for v in values),
        "baseline": lambda: sum(baseline(r, plan) for r in rows),
    }, runs)


def per_period_time(figures: Figures, catalog: Catalog, runs: int) -> float:
    slices = [needed_slices(v) for v in figures.values]
    return common.median_time(lambda: sum(engine_per_period(s, catalog) for s in slices), runs)


def counts(figures: Figures, catalog: Catalog) -> tuple[int, int]:
    plan = baseline_plan(catalog)
    return (sum(engine_batch(v, catalog) for v in figures.values),
            sum(baseline(r, plan) for r in figures.rows))


def memory_child(kind: str, districts: int) -> None:
    """In a fresh process: the figures in one form, then the work over them; print the peak RSS."""
    catalog = synthetic_catalog()
    if kind in ("engine", "values"):
        figures = Figures.generate(districts, ("values",))
        if kind == "engine":
            sum(engine_batch(v, catalog) for v in figures.values)
    elif kind == "baseline":
        figures = Figures.generate(districts, ("rows",))
        plan = baseline_plan(catalog)
        sum(baseline(r, plan) for r in figures.rows)
    common.report_peak_memory()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--memory", choices=("engine", "values", "baseline", "none"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory:
        memory_child(args.memory, args.districts)
        return
    catalog = synthetic_catalog()
    figures = Figures.generate(args.districts)
    n = figures.count(args.districts)
    print(f"{n:,} 个数值（{len(catalog.metrics)} 项指标 × {len(PERIODS)} 个季度 × {args.districts} 个区县）")
    findings, failures = counts(figures, catalog)
    print(f"引擎发现问题 {findings:,} 项（全部规则）；基线计数失败 {failures:,} 次（六类规则）")
    full = timings(figures, catalog, args.districts, args.runs)
    per_period = per_period_time(figures, catalog, max(3, args.runs // 2))
    _print_main(n, full, per_period, args.runs)
    growth = _growth(figures, catalog, args.districts, args.runs, full)
    memory = {kind: common.peak_memory_mib(Path(__file__), "--memory", kind, "--districts", str(args.districts))
              for kind in ("none", "baseline", "values", "engine")}
    _print_memory(n, memory)
    _record(n, full, growth, memory)


def _print_main(n: int, full: dict, per_period: float, runs: int) -> None:
    rows = [["引擎：validate_periods，每区县一次", full["engine"]],
            ["引擎：validate，每区县每季度一次", per_period],
            ["基线：手写循环，六类规则，普通元组", full["baseline"]]]
    print()
    print(common.table(["", "秒（中位数）", "数值/秒", "÷ 基线"],
                       [[label, f"{sec:.3f}", f"{n / sec:,.0f}", f"{sec / full['baseline']:.2f}×"] for label, sec in rows]))
    print(f"（引擎与基线交替各 {runs} 次；逐季度方式 {max(3, runs // 2)} 次）")


def _growth(figures: Figures, catalog: Catalog, districts: int, runs: int, full: dict) -> list[tuple]:
    sizes = sorted({max(1, districts // 100), max(1, districts // 10)} - {districts})
    found = [(size, timings(figures, catalog, size, runs)) for size in sizes] + [(districts, full)]
    print(f"\n增长（每种规模引擎与基线交替各 {runs} 次，中位数）")
    rows = [[f"{size} 个区县", f"{figures.count(size):,}", f"{t['engine']:.3f}", f"{t['baseline']:.3f}",
             f"{t['engine'] / t['baseline']:.2f}×", f"{t['engine'] / size * 1000:.1f}"] for size, t in found]
    print(common.table(["规模", "数值", "引擎 秒", "基线 秒", "倍数", "引擎 每区县 毫秒"], rows))
    first, last = found[0], found[-1]
    growth = (last[1]["engine"] / last[0]) / (first[1]["engine"] / first[0])
    print(f"（线性增长时“每区县”一列不变：{last[0]} 个区县时每区县用时为 {first[0]} 个时的 {growth:.2f} 倍）")
    return found


def _print_memory(n: int, memory: dict) -> None:
    print(f"\n峰值内存（RSS，各在一个新进程中生成数据并运行一次；{n:,} 个数值）")
    print(common.table(["", "MiB"], [
        ["只载入程序（无数据）", f"{memory['none']:.0f}"],
        ["基线：普通元组 + 手写循环", f"{memory['baseline']:.0f}"],
        ["Value 模型（如数据库读出），不运行引擎", f"{memory['values']:.0f}"],
        ["引擎：Value 模型 + 引擎", f"{memory['engine']:.0f}"],
    ], indent="  "))
    print(f"  （引擎本身多用 {memory['engine'] - memory['values']:.0f} MiB；其余是 {n:,} 个 Value 记录本身）")


def _record(n: int, full: dict, growth: list[tuple], memory: dict) -> None:
    common.record_ratio(f"3. 批量校验 {n:,} 个数值", full["engine"], full["baseline"], "s", goal_ratio=2)
    common.record_ratio(f"6. 峰值内存：批量校验 {n:,} 个数值（Value 模型 + 引擎）", memory["engine"],
                        memory["baseline"], "MiB")
    common.record_growth("7. 增长：批量校验，每区县毫秒", [size for size, _ in growth],
                         [t["engine"] for _, t in growth], [t["baseline"] for _, t in growth], "区县")


if __name__ == "__main__":
    main()
