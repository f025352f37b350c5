"""Texts shown beside the figures (year on year) and the trend chart's round numbers (no Qt).

The figures themselves are shown through ``models.precision.shown`` (at the metric's precision)."""

from __future__ import annotations

import math

from app import messages
from app.messages import Message
from models.catalog import Metric
from models.precision import rounded
from models.values import Value


def year_on_year(metric: Metric, now: Value | None, before: Value | None) -> str:
    """同比: percentage points for rates, growth in % for everything else; "" when unknown.
    Worked out from the two figures as shown (at the metric's precision), rounded half-up."""
    if now is None or before is None:
        return ""
    this, last = rounded(now.number, metric.decimals), rounded(before.number, metric.decimals)
    if metric.unit == "%":
        points = rounded(this - last, 2)
        return Message(messages.LEVEL) if points == 0 else Message(messages.POINTS, points=f"{points:+.2f}")
    if last == 0:
        return "—"
    return f"{rounded((this / last - 1) * 100, 1):+.1f}%"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round axis ticks (steps of 1, 2 or 5 × 10ⁿ) covering ``low``…``high``."""
    if high <= low:
        high = low + 1
    raw_step = (high - low) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw_step)
    first = math.floor(low / step) * step
    ticks = [first]
    while ticks[-1] < high - 1e-9:
        ticks.append(ticks[-1] + step)
    return [round(t, 10) for t in ticks]
