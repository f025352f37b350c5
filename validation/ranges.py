"""Type and range of one figure: shared by the parser (refusing an entry) and the engine."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.catalog import Metric, Severity, ValueType


@dataclass(frozen=True, slots=True)
class Outcome:
    """A failed check: the case (a key of the message table), the parameters the finding is
    computed from (its fingerprint) and, rarely, a severity other than the rule's own."""

    case: str
    params: dict = field(default_factory=dict)
    severity: Severity | None = None


def bounds(metric: Metric) -> tuple[float, float]:
    """Lower and upper bound as floats; no upper bound is infinity."""
    upper = metric.upper_bound
    return metric.lower_bound, float("inf") if upper is None else upper


def check_range(metric: Metric, number: float) -> Outcome | None:
    """Type and range: bounds of the value type and of the metric, whole numbers for counts."""
    lower, upper = bounds(metric)
    case, bound = None, None
    if number < lower:
        case, bound = _below_case(metric, lower), lower
    elif number > upper:
        case, bound = ("share_above" if metric.value_type == ValueType.SHARE and metric.maximum is None
                       else "above"), upper
    elif metric.is_integer and not float(number).is_integer():
        case = "integer"
    if case is None:
        return None
    return Outcome(case, {"number": number, "bound": bound})


def _below_case(metric: Metric, lower: float) -> str:
    if lower == 0 and metric.minimum is None:
        return "negative"
    if metric.value_type == ValueType.GROWTH and lower == -100 and metric.minimum is None:
        return "growth_below"
    return "below"
