"""The rule kinds: what each one checks, with its tolerance, as small pure functions.

One function per kind of ``models.catalog.RuleKind`` (range, placeholder, ytd, swing, target;
ratio, yoy, sum, difference, part ≤ whole and commitment ≤ limit); ``validation.engine``
dispatches to them by kind, the parser uses ``check_range`` to refuse a typed figure.

Each check returns ``None`` when the figures pass, or an ``Outcome``: the case (a key of the
message table), the parameters the finding is computed from (they become its fingerprint, so
an explanation lapses when they change) and, rarely, a severity other than the rule's own.

Tolerances follow from what was typed, never from a fixed epsilon:

- A rate or growth rate typed with *d* decimals passes when it differs from the exact quotient
  by less than one unit of its last decimal (10^-d; d at most the metric's decimals).  That accepts the quotient rounded and
  truncated (reports do both: seed 000's 简易注销同比 36.92% is 2084 ÷ 1522 − 1 = 36.925…
  cut off) and rejects anything further away (84.61 passes for 28936 ÷ 34200 = 84.608…; 90
  fails).  Operands that are not whole numbers carry their own rounding (half a unit of their
  last decimal), which is propagated into the tolerance.
- A sum or difference passes when the figures agree within the rounding they can carry: half a
  unit of the last typed decimal of every non-integer figure; counts are exact.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from models.catalog import Kind, Metric, RuleKind, Severity, ValueType
from models.periods import Period
from models.values import Value
from validation.errors import EntryError
from validation.messages import (
    STORED_WHY,
    IdentityCase,
    NotAboveCase,
    PlaceholderCase,
    RangeCase,
    RatioCase,
    SwingCase,
    TargetCase,
    YoyCase,
    YtdCase,
)

# A relative epsilon for float noise: 0.1 + 0.2 must equal 0.3 for an identity check.
_EPS = 1e-9


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
def _reading(raw: str, metric: Metric) -> tuple[int | None, str | None]:
    """What the parser makes of a stored text, once per text and metric: the decimals typed in the
    metric's unit (``3.9万`` of a count: 0; ``60748200元`` of a 万元 amount: 2), or None and the
    placeholder case the text was refused with (None when it is refused for its range)."""
    from validation.parsing import parse_entry  # the parser checks ranges with this module: imported on use

    try:
        return parse_entry(raw, metric).decimals, None
    except EntryError as exc:
        return None, exc.case if exc.rule == RuleKind.PLACEHOLDER else None


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
    """The rounding a figure can carry: none for counts, half its last typed decimal otherwise."""
    if metric.is_integer:
        return 0.0
    return 0.5 * 10.0 ** -typed_decimals(value, metric)


def _relative(value: Value, metric: Metric) -> float:
    return half_unit(value, metric) / abs(value.number) if value.number else 0.0


def _unit_of_last_decimal(value: Value, metric: Metric) -> float:
    """10^-d for a rate typed with d decimals; never finer than the metric allows (old data)."""
    return 10.0 ** -min(typed_decimals(value, metric), metric.decimals)


def _rate_passes(stated: float, exact: float, tolerance: float) -> bool:
    return abs(stated - exact) < tolerance * (1 - _EPS)


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
    refused = _reading(raw, metric)[1]
    if refused is None:
        return None
    return Outcome(PlaceholderCase.STORED, {"raw": raw.strip(), "why": STORED_WHY.get(refused, "不是数值")})


def check_ytd(number: float, before: float, before_period: Period) -> Outcome | None:
    """A cumulative figure never falls from an earlier quarter of the same year."""
    if number >= before - _EPS * max(1.0, abs(before)):
        return None
    return Outcome(YtdCase.FELL, {"number": number, "before": before, "other": before_period.code})


def check_swing(number: float, before: float, other: Period, limit: float) -> Outcome | None:
    """A change beyond ``limit`` percent; from zero the change has no size, so say so."""
    if before == 0:
        if number == 0:
            return None
        return Outcome(SwingCase.FROM_ZERO, {"number": number, "before": 0, "other": other.code})
    change = (number - before) / abs(before) * 100
    if abs(change) <= limit:
        return None
    return Outcome(SwingCase.CHANGE, {"number": number, "before": before, "other": other.code,
                              "change": round(change, 1), "limit": limit})


def target_for(metric: Metric, period: Period) -> tuple[float, bool]:
    """The figure a period is held to, and whether it is pro-rated.

    A cumulative sum with an annual floor (新增就业 ≥ 59000) is judged against the share of the
    year gone by (Q1 a quarter of it, Q3 three quarters, Q4 all); a ceiling on a cumulative sum
    is already broken whenever it is passed, and a level or a rate (also a cumulative growth
    rate) is held to the target itself in every quarter.
    """
    target = metric.target
    cumulative_sum = metric.kind == Kind.YTD and metric.value_type != ValueType.GROWTH
    if cumulative_sum and target.op == ">=" and period.quarter < 4:
        return target.value * period.quarter / 4, True
    return target.value, False


def check_target(metric: Metric, number: float, period: Period) -> Outcome | None:
    expected, prorated = target_for(metric, period)
    target = metric.target
    met = {">=": number >= expected, "<=": number <= expected}.get(target.op, number == expected)
    if met:
        return None
    params = {"number": number, "op": target.op, "target": target.value}
    if prorated:
        progress = {"expected": round(expected, 2), "quarter": period.quarter}
        return Outcome(TargetCase.BEHIND, params | progress)
    return Outcome(TargetCase.MISSED, params)


# ---- relations ------------------------------------------------------------------------------

def check_ratio(rate: tuple[Value, Metric], numerator: tuple[Value, Metric],
                denominator: tuple[Value, Metric]) -> Outcome | None:
    """rate = numerator ÷ denominator × 100, within the precision of the typed rate."""
    (r, r_metric), (n, n_metric), (d, d_metric) = rate, numerator, denominator
    params = {"rate": r.number, "numerator": n.number, "denominator": d.number}
    if d.number == 0:
        if n.number == 0:
            return Outcome(RatioCase.ZERO_BOTH, params, Severity.INFO)
        return Outcome(RatioCase.ZERO_DENOMINATOR, params)
    exact = n.number / d.number * 100
    carried = abs(exact) * (_relative(n, n_metric) + _relative(d, d_metric))
    tolerance = _unit_of_last_decimal(r, r_metric) + carried
    if _rate_passes(r.number, exact, tolerance):
        return None
    return Outcome(RatioCase.MISMATCH, params | _deviation(r.number, exact, tolerance))


def check_yoy(growth: tuple[Value, Metric], now: tuple[Value, Metric],
              before: Value) -> Outcome | None:
    """A stated growth rate agrees with this and last year's figures of its base."""
    (g, g_metric), (b1, b_metric) = growth, now
    params = {"growth": g.number, "now": b1.number, "before": before.number}
    if before.number == 0:
        return Outcome(YoyCase.BASE_ZERO, params, Severity.INFO)
    exact = (b1.number / before.number - 1) * 100
    carried = abs(b1.number / before.number) * 100 * (_relative(b1, b_metric) + _relative(before, b_metric))
    tolerance = _unit_of_last_decimal(g, g_metric) + carried
    if _rate_passes(g.number, exact, tolerance):
        return None
    return Outcome(YoyCase.MISMATCH, params | _deviation(g.number, exact, tolerance))


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


def check_not_above(small: float, large: float, names: tuple[str, str]) -> Outcome | None:
    """part ≤ whole, commitment ≤ legal limit: ``names`` are the two parameters' keys."""
    if small <= large + _EPS * max(1.0, abs(large)):
        return None
    return Outcome(NotAboveCase.EXCEEDS, {names[0]: small, names[1]: large})


def _agrees(stated: float, exact: float, tolerance: float) -> bool:
    return abs(stated - exact) <= tolerance + _EPS * max(1.0, abs(exact))


def _deviation(stated: float, exact: float, tolerance: float) -> dict:
    return {"expected": round(exact, 4), "diff": round(abs(stated - exact), 4), "tolerance": round(tolerance, 4)}
