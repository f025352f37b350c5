"""A figure at its reporting precision (保留位数): rounded half-up (四舍五入) on its decimal text.

The one rounding of stored figures for showing, exporting and comparing.  It rounds the decimal a
float stands for (its shortest ``repr``: 2.675 is "2.675"), never the binary fraction that Python's
``round`` and ``format`` see (``round(2.675, 2)`` is 2.67; half-up says 2.68).  Ties go away from
zero: −0.125 → −0.13.

What the filer typed is kept beside the number (``Value.raw``): a figure with more decimals than
its precision (84.6082%) is shown 84.61%, one with fewer (100%, 60748200元 of a 万元 amount) as typed.
"""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Context, Decimal

from models.catalog import Metric
from models.values import Value

_WIDE = Context(prec=60)  # room for any figure at any precision: quantize never overflows


def rounded(number: float | int | Decimal | str, decimals: int) -> Decimal:
    """``number`` rounded half-up to ``decimals`` places (0 for whole numbers), never −0."""
    exact = number if isinstance(number, Decimal) else Decimal(_decimal_text(number))
    result = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=_WIDE)
    return result.copy_abs() if result.is_zero() else result


def fixed(number: float | int | Decimal | str, decimals: int) -> str:
    """The rounded figure with exactly ``decimals`` places: 84.6082 → "84.61", 100 → "100.00"."""
    return format(rounded(number, decimals), "f")


def trimmed(number: float | int | Decimal | str, decimals: int) -> str:
    """The rounded figure without trailing zeros: 84.6082 → "84.61", 84.60 → "84.6", 100 → "100"."""
    text = fixed(number, decimals)
    return text.rstrip("0").rstrip(".") if "." in text else text


def finer_than(number: float | int | Decimal | str, decimals: int) -> bool:
    """Whether ``number`` carries more decimals than ``decimals`` (rounding it changes it)."""
    exact = number if isinstance(number, Decimal) else Decimal(_decimal_text(number))
    return rounded(exact, decimals) != exact


def shown(value: Value, metric: Metric) -> str:
    """A stored figure as the window and the reports show it: as typed, unless it carries more
    decimals than the metric's precision; then rounded, in the metric's unit (84.6082% → 84.61%)."""
    if value.raw and not finer_than(value.number, metric.decimals):
        return value.raw
    text = fixed(value.number, metric.decimals) if value.raw else trimmed(value.number, metric.decimals)
    typed_unit = metric.unit and unicodedata.normalize("NFKC", value.raw).strip().endswith(metric.unit)
    return text + metric.unit if typed_unit else text


def _decimal_text(number: float | int | str) -> str:
    if isinstance(number, float):
        return repr(number)  # the shortest text that reads back as this float: what was typed
    return str(number)
