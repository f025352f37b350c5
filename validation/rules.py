"""The rule kinds: what each one checks, with its tolerance, as small pure functions.

One function per kind of ``models.catalog.RuleKind`` (range, placeholder, ytd, swing, target;
ratio, yoy, sum, difference, part ≤ whole, commitment ≤ limit and stock-flow); ``validation.engine``
dispatches to them by kind, the parser uses ``check_range`` to refuse a typed figure.

Each check returns ``None`` when the figures pass, or an ``Outcome``: the case (a key of the
message table), the parameters the finding is computed from (they become its fingerprint, so
an explanation lapses when they change) and, rarely, a severity other than the rule's own.

Tolerances follow from the metric's reporting precision (保留位数, ``Metric.decimals``), never from
a fixed epsilon:

- A rate or growth rate passes when, rounded half-up (四舍五入) to its precision, it equals the
  exact quotient rounded half-up to the same precision (84.61 for 28936 ÷ 34200 = 84.608…).
  Typed with fewer decimals it is still read at the precision (84 is 84.00 and fails); typed
  with more it is rounded first (84.6082 passes).  A quotient cut off instead of rounded (seed
  000's 简易注销同比 36.92% for 2084 ÷ 1522 − 1 = 36.925…) is an info: 应四舍五入.  Operands
  that are not whole numbers carry their own rounding (half a unit of their last decimal), which
  widens the range of exact values the rate may be rounded from.
- A sum or difference passes when the figures agree within the rounding they can carry: half a
  unit of the last decimal of every non-integer figure, at least at its precision; counts are exact.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum
from functools import lru_cache

from models.catalog import Metric, RuleKind, Severity, ValueType
from models.periods import Period
from models.precision import rounded
from models.values import Value
from validation.errors import EntryError
from validation.messages import (
    STORED_WHY,
    IdentityCase,
    NegativeCase,
    NotAboveCase,
    OutlierCase,
    PlaceholderCase,
    RangeCase,
    RatioCase,
    StockFlowCase,
    SwingCase,
    TargetCase,
    YoyCase,
    YtdCase,
)

# A relative epsilon for float noise: 0.1 + 0.2 must equal 0.3 for an identity check.
_EPS = 1e-9
NOISE = _EPS  # relative float noise of a difference of stored figures


@dataclass(frozen=True, slots=True)
class Outcome:
    """A failed check: the case (its message in ``validation.messages``), the parameters the
    finding is computed from (its fingerprint) and, rarely, a severity other than the rule's own."""

    case: StrEnum
    params: dict = field(default_factory=dict)
    severity: Severity | None = None


# ---- what was typed: a figure's precision, read once per text ----------------------------------

_PLAIN = re.compile(r"[-+]?[\d,]*\.?(\d*)%?")


@lru_cache(maxsize=65536)
def _plain_decimals(raw: str) -> int | None:
    match = _PLAIN.fullmatch(raw.strip())
    return len(match.group(1)) if match else None


@lru_cache(maxsize=16384)
def _reading(raw: str, metric: Metric) -> tuple[int | None, str | None, bool]:
    """What the parser makes of a stored text, once per text and metric: the decimals typed in the
    metric's unit (``3.9万`` of a count: 0; ``60748200元`` of a 万元 amount: 2), or None and the
    placeholder case the text was refused with (None when it is refused for its range), and
    whether it is an approximation (``8000余``) the metric allows."""
    from validation.parsing import parse_entry  # the parser checks ranges with this module: imported on use

    try:
        parsed = parse_entry(raw, metric)
    except EntryError as exc:
        return None, exc.case if exc.rule == RuleKind.PLACEHOLDER else None, False
    return parsed.decimals, None, parsed.approximate


def is_approximate(value: Value, metric: Metric) -> bool:
    """Filed as an approximation (``40余``): no exact operand of an identity."""
    return bool(metric.approximate_ok and value.raw and _plain_decimals(value.raw) is None
                and _reading(value.raw, metric)[2])


def typed_decimals(value: Value, metric: Metric) -> int:
    """Decimals the filer typed for this figure (its precision), in the metric's unit."""
    decimals = _plain_decimals(value.raw) if value.raw else None
    if decimals is None:
        decimals = _reading(value.raw, metric)[0]
    if decimals is None:  # no usable text: judge by the stored number itself
        text = repr(float(value.number))
        decimals = 0 if text.endswith(".0") or "e" in text else len(text.partition(".")[2])
    return decimals


def half_unit(value: Value, metric: Metric) -> float:
    """The rounding a figure can carry: none for counts, half its last decimal otherwise; a figure
    typed with fewer decimals than its precision stands for itself at the precision (100 = 100.00)."""
    if metric.is_integer:
        return 0.0
    return 0.5 * 10.0 ** -max(typed_decimals(value, metric), metric.decimals)


def _relative(value: Value, metric: Metric) -> float:
    return half_unit(value, metric) / abs(value.number) if value.number else 0.0


def _truncated(number: Decimal, decimals: int) -> Decimal:
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN)


def _judge_rate(stated: float, metric: Metric, exact: Decimal, carried: float, cases, params: dict) -> Outcome | None:
    """A rate against the exact value it is derived from, at the metric's precision: None when it
    passes, an info when it is the exact value cut off instead of rounded, else a mismatch."""
    precision = metric.decimals
    at_precision = rounded(stated, precision)
    margin = Decimal(repr(carried))
    if rounded(exact - margin, precision) <= at_precision <= rounded(exact + margin, precision):
        return None
    expected = rounded(exact, precision)
    params = params | {"exact": float(round(exact, 4)), "expected": float(expected), "precision": precision}
    if at_precision == _truncated(exact, precision):
        return Outcome(cases.TRUNCATED, params, Severity.INFO)
    return Outcome(cases.MISMATCH, params | {"diff": float(abs(at_precision - expected))})


# ---- per-metric rules -------------------------------------------------------------------------

def bounds(metric: Metric) -> tuple[float, float]:
    """Lower and upper bound as floats; no upper bound is infinity."""
    upper = metric.upper_bound
    return metric.lower_bound, math.inf if upper is None else upper


def check_range(metric: Metric, number: float) -> Outcome | None:
    """Type and range: the bounds of the value type (``models.catalog.VALUE_TYPES``) or the metric's
    own, whole numbers for counts.  The parser refuses a typed figure with the same check."""
    lower, upper = bounds(metric)
    if number < lower:
        return Outcome(_below_case(metric), {"number": number, "bound": lower})
    if number > upper:
        share = metric.value_type == ValueType.SHARE and metric.maximum is None
        case = RangeCase.SHARE_ABOVE if share else RangeCase.ABOVE
        return Outcome(case, {"number": number, "bound": upper})
    if metric.is_integer and not float(number).is_integer():
        return Outcome(RangeCase.INTEGER, {"number": number, "bound": None})
    return None


def _below_case(metric: Metric) -> RangeCase:
    """A type's own bound says why (no negative figures, no fall beyond −100%); a metric's is a bound."""
    if metric.minimum is not None:
        return RangeCase.BELOW
    return RangeCase.GROWTH_BELOW if metric.value_type == ValueType.GROWTH else RangeCase.NEGATIVE


def check_stored_text(raw: str, metric: Metric) -> Outcome | None:
    """The text kept beside a stored figure is a placeholder or an approximation (old data, imports)."""
    _, refused, approximate = _reading(raw, metric)
    if approximate:
        return Outcome(PlaceholderCase.APPROXIMATE, {"raw": raw.strip()}, Severity.INFO)
    if refused is None:
        return None
    return Outcome(PlaceholderCase.STORED, {"raw": raw.strip(), "why": STORED_WHY.get(refused, "不是数值")})


def check_ytd(number: float, before: float, before_period: Period) -> Outcome | None:
    """A cumulative figure never falls from an earlier quarter of the same year."""
    if number >= before - _EPS * max(1.0, abs(before)):
        return None
    return Outcome(YtdCase.FELL, {"number": number, "before": before, "other": before_period.code})


def check_negative(number: float) -> Outcome | None:
    """Below zero where that is possible but unusual (a saving, a reduction rate): 核实性."""
    return Outcome(NegativeCase.BELOW_ZERO, {"number": number}) if number < 0 else None


def check_swing(number: float, before: float, other: Period, limit: float, points: bool = False) -> Outcome | None:
    """A change beyond ``limit``: percentage points for a rate (100% → 60% is 40 points), else percent;
    from zero a relative change has no size, so say so."""
    params = {"number": number, "before": before, "other": other.code}
    if points:
        change = number - before
        if abs(change) <= limit:
            return None
        return Outcome(SwingCase.POINTS, params | {"change": round(change, 2), "limit": limit})
    if before == 0:
        if number == 0:
            return None
        return Outcome(SwingCase.FROM_ZERO, params | {"before": 0})
    change = (number - before) / abs(before) * 100
    if abs(change) <= limit:
        return None
    return Outcome(SwingCase.CHANGE, params | {"change": round(change, 1), "limit": limit})


MIN_HISTORY = 4  # past changes needed before history, not a fixed threshold, judges a figure
_MAD_SCALE = 1.4826  # MAD × this estimates the standard deviation of normal data
_MEAN_AD_SCALE = 1.253314  # mean absolute deviation × this, when more than half the history is equal


def outlier_band(history: list[float], k: float) -> tuple[float, float, float] | None:
    """Where a figure may lie given its comparable past values (``history``, oldest first): the
    last value plus the usual change, median ± k·σ̂ of the changes between consecutive past values
    (σ̂ from their MAD: Iglewicz–Hoaglin's modified z-score, as DHIS2's outlier detection), widened
    to take in every change the history itself had, and standing still.  Judging the changes rather than the values
    keeps a steady trend or a reform that moved a level two quarters ago from looking unusual.
    Returns (median change, low, high), or None when the history is too short or never moved."""
    changes = [b - a for a, b in zip(history, history[1:], strict=False)]
    if len(changes) < MIN_HISTORY:
        return None
    return band_of_changes(changes, history[-1], k, _EPS * max(map(abs, history)))


def band_of_changes(changes: list[float], last: float, k: float, noise: float) -> tuple[float, float, float] | None:
    """``outlier_band`` from the past changes already taken (sorted here in place); ``noise`` is
    the float noise below which two changes are equal (9.84 − 9.88 and 9.8 − 9.84)."""
    changes.sort()
    n = len(changes)
    half = n // 2
    median = changes[half] if n % 2 else (changes[half - 1] + changes[half]) / 2
    deviations = [abs(x - median) for x in changes]
    deviations.sort()
    mad = deviations[half] if n % 2 else (deviations[half - 1] + deviations[half]) / 2
    spread = _MAD_SCALE * mad if mad > noise else _MEAN_AD_SCALE * sum(deviations) / n
    if spread <= noise:
        return None
    # Never narrower than the usual change itself: standing still, or moving twice as fast as
    # usual, is no outlier however regular the history (18.00 … 19.30 at 1% a quarter, then 19.40).
    half = max(k * spread, abs(median))
    return median, last + min(median - half, changes[0]), last + max(median + half, changes[-1])


def check_outlier(number: float, history: list[tuple[Period, float]], band: tuple[float, float, float],
                  decimals: int) -> Outcome | None:
    """Outside the band its own history gives (same quarter of earlier years, or recent quarters;
    ``history`` oldest first)."""
    median, low, high = band
    if low <= number <= high:
        return None
    return Outcome(OutlierCase.OUTSIDE, {
        "number": number, "median": round(median, decimals + 2), "low": round(low, decimals),
        "high": round(high, decimals), "count": len(history), "first": history[0][0].code,
        "last": history[-1][0].code, "history": "、".join(_shown(v) for _, v in history),
    })


def _shown(number: float) -> str:
    return f"{number:.4f}".rstrip("0").rstrip(".") if number % 1 else str(int(number))


def target_for(metric: Metric, period: Period) -> tuple[float, bool]:
    """The figure a period is held to, and whether it is pro-rated.

    A cumulative sum with an annual floor (新增就业 ≥ 59000) is judged against the share of the
    time to its due quarter gone by (序时进度: Q1 a quarter of it, Q3 three quarters, Q4 all); a
    ceiling on a cumulative sum is already broken whenever it is passed, and a level or a rate
    (also a cumulative growth rate) is held to the target itself.
    """
    target = metric.target
    if metric.is_cumulative_sum and target.op == ">=" and period.quarter < target.due:
        return target.value * period.quarter / target.due, True
    return target.value, False


def check_target(metric: Metric, number: float, period: Period) -> Outcome | None:
    """A missed target is a warning from its due quarter on; before it, a level or a rate shows its
    progress (an info, no 说明 needed), and a cumulative sum is held to its pro-rated progress."""
    expected, prorated = target_for(metric, period)
    target = metric.target
    met = number >= expected if prorated else target.met_by(number)  # pro-rated: a floor (≥) only
    if met:
        return None
    params = {"number": number, "op": target.op, "target": target.value}
    if prorated:
        progress = {"expected": round(expected, 2), "quarter": period.quarter, "due": target.due}
        return Outcome(TargetCase.BEHIND, params | progress)
    passed_ceiling = metric.is_cumulative_sum and target.op == "<="  # a sum only grows: missed for good
    if period.quarter < target.due and not passed_ceiling:
        return Outcome(TargetCase.PROGRESS, params | {"due": target.due} | _from_baseline(target, number),
                       Severity.INFO)
    return Outcome(TargetCase.MISSED, params)


def _from_baseline(target, number: float) -> dict:
    """How far a stock target has come from its baseline, in percent of the way (None without one)."""
    if target.baseline is None or target.baseline == target.value:
        return {}
    return {"done": round((number - target.baseline) / (target.value - target.baseline) * 100, 1)}


# ---- relations ------------------------------------------------------------------------------

def check_ratio(rate: tuple[Value, Metric], numerator: tuple[Value, Metric],
                denominator: tuple[Value, Metric]) -> Outcome | None:
    """rate = numerator ÷ denominator × 100, at the rate's precision."""
    (r, r_metric), (n, n_metric), (d, d_metric) = rate, numerator, denominator
    params = {"rate": r.number, "numerator": n.number, "denominator": d.number}
    if d.number == 0:
        case = RatioCase.ZERO_BOTH if n.number == 0 else RatioCase.ZERO_DENOMINATOR
        return Outcome(case, params, Severity.WARNING if n.number == 0 else None)
    exact = Decimal(repr(n.number)) / Decimal(repr(d.number)) * 100
    carried = abs(float(exact)) * (_relative(n, n_metric) + _relative(d, d_metric))
    return _judge_rate(r.number, r_metric, exact, carried, RatioCase, params)


def check_yoy(growth: tuple[Value, Metric], now: tuple[Value, Metric],
              before: Value | None) -> Outcome | None:
    """A stated growth rate agrees with this and last year's figures of its base, at its precision;
    from a zero base or without last year's figure it cannot be checked (核实性)."""
    (g, g_metric), (b1, b_metric) = growth, now
    if before is None:
        return Outcome(YoyCase.BASE_MISSING, {"growth": g.number, "now": b1.number}, Severity.WARNING)
    params = {"growth": g.number, "now": b1.number, "before": before.number}
    if before.number == 0:
        return Outcome(YoyCase.BASE_ZERO, params, Severity.WARNING)
    exact = (Decimal(repr(b1.number)) / Decimal(repr(before.number)) - 1) * 100
    carried = abs(b1.number / before.number) * 100 * (_relative(b1, b_metric) + _relative(before, b_metric))
    return _judge_rate(g.number, g_metric, exact, carried, YoyCase, params)


def check_sum(total: tuple[Value, Metric], parts: list[tuple[Value, Metric]]) -> Outcome | None:
    """total = Σ parts, within the rounding every figure can carry."""
    exact = math.fsum(v.number for v, _ in parts)
    tolerance = sum(half_unit(v, m) for v, m in [total, *parts])
    if _agrees(total[0].number, exact, tolerance):
        return None
    params = {"total": total[0].number, **{f"part{i}": v.number for i, (v, _) in enumerate(parts, 1)}}
    return Outcome(IdentityCase.MISMATCH, params | _deviation(total[0].number, exact, tolerance))


def check_difference(result: tuple[Value, Metric], minuend: tuple[Value, Metric],
                     subtrahend: tuple[Value, Metric]) -> Outcome | None:
    """result = minuend − subtrahend (节约资金 = 计划 − 实际), within the figures' rounding."""
    exact = minuend[0].number - subtrahend[0].number
    tolerance = sum(half_unit(v, m) for v, m in (result, minuend, subtrahend))
    if _agrees(result[0].number, exact, tolerance):
        return None
    params = {"result": result[0].number, "minuend": minuend[0].number, "subtrahend": subtrahend[0].number}
    return Outcome(IdentityCase.MISMATCH, params | _deviation(result[0].number, exact, tolerance))


def check_stock_flow(closing: tuple[Value, Metric], opening: Value | None, inflow: tuple[Value, Metric],
                     outflow: tuple[Value, Metric], opening_period: Period) -> Outcome | None:
    """期末 = 期初 + 流入 − 流出 within the figures' rounding; 期初 is the stock filed at the end of
    ``opening_period``.  Without it the balance cannot be checked (核实性, as a growth rate's
    missing base)."""
    params = {"closing": closing[0].number, "inflow": inflow[0].number, "outflow": outflow[0].number,
              "other": opening_period.code}
    if opening is None:
        return Outcome(StockFlowCase.OPENING_MISSING, params, Severity.WARNING)
    exact = opening.number + inflow[0].number - outflow[0].number
    tolerance = sum(half_unit(v, m) for v, m in (closing, (opening, closing[1]), inflow, outflow))
    if _agrees(closing[0].number, exact, tolerance):
        return None
    params |= {"opening": opening.number}
    return Outcome(StockFlowCase.MISMATCH, params | _deviation(closing[0].number, exact, tolerance))


def check_not_above(small: float, large: float, names: tuple[str, str]) -> Outcome | None:
    """part ≤ whole, commitment ≤ legal limit: ``names`` are the two parameters' keys."""
    if small <= large + _EPS * max(1.0, abs(large)):
        return None
    return Outcome(NotAboveCase.EXCEEDS, {names[0]: small, names[1]: large})


def _agrees(stated: float, exact: float, tolerance: float) -> bool:
    return abs(stated - exact) <= tolerance + _EPS * max(1.0, abs(exact))


def _deviation(stated: float, exact: float, tolerance: float) -> dict:
    return {"expected": round(exact, 4), "diff": round(abs(stated - exact), 4), "tolerance": round(tolerance, 4)}
