"""Value types and units: what every figure of a type must be, in one table.

``validation.rules.check_range`` refuses a typed figure and flags a stored one outside these
bounds; a metric (``models.catalog.Metric``) may narrow them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """How a figure behaves over the quarters of a year."""

    YTD = "ytd"  # 累计: cumulative year to date, never falls within a year
    LEVEL = "level"  # 时点: a state at period end
    QUARTER = "quarter"  # 当季: the quarter alone


class ValueType(StrEnum):
    SHARE = "share"
    GROWTH = "growth"
    COUNT = "count"
    AMOUNT = "amount"
    DURATION = "duration"
    STEPS = "steps"
    NUMBER = "number"  # any other non-negative figure
    REDUCTION = "reduction"  # a change or reduction rate (压缩比例、节约率): at most 100%, may be negative
    BALANCE = "balance"  # an amount that is a difference (节约资金): may be negative


@dataclass(frozen=True, slots=True)
class TypeBounds:
    """What every figure of a value type must be; a metric may narrow the bounds (``minimum``/``maximum``)."""

    name: str  # as a message names the type
    lower: float
    upper: float | None  # None: unbounded above
    integer: bool = False
    units: tuple[str, ...] = ()  # the units the type allows; () any unit but %
    flag_negative: bool = False  # possible but unusual below zero: a 核实性 warning (rule ``negative``)

    @property
    def rate(self) -> bool:
        """A rate in %: it moves in percentage points and is no sum that accumulates."""
        return self.units == ("%",)


DURATION_UNITS = ("天", "工作日", "小时")
MONEY_UNITS = ("万元", "元")

# The bounds of each value type, in one table: the range rule (``validation.rules.check_range``)
# refuses a typed figure and flags a stored one outside them.
VALUE_TYPES: dict[ValueType, TypeBounds] = {
    ValueType.SHARE: TypeBounds("占比", lower=0.0, upper=100.0, units=("%",)),
    ValueType.GROWTH: TypeBounds("增长率", lower=-100.0, upper=None, units=("%",)),
    ValueType.COUNT: TypeBounds("计数", lower=0.0, upper=None, integer=True),  # of things: cases, firms, people
    ValueType.AMOUNT: TypeBounds("金额", lower=0.0, upper=None, units=MONEY_UNITS),
    ValueType.DURATION: TypeBounds("时长", lower=0.0, upper=None, units=DURATION_UNITS),
    ValueType.STEPS: TypeBounds("环节数", lower=0.0, upper=None, integer=True),  # procedural steps
    ValueType.NUMBER: TypeBounds("数值", lower=0.0, upper=None),  # densities, capacities, averages
    ValueType.REDUCTION: TypeBounds("压缩率", lower=-math.inf, upper=100.0, units=("%",), flag_negative=True),
    ValueType.BALANCE: TypeBounds("差额", lower=-math.inf, upper=None, units=MONEY_UNITS, flag_negative=True),
}


UNITS = (
    "%", "件", "户", "项", "个", "次", "人", "万元", "元", "天", "工作日", "小时", "千伏安",
    "场", "家", "条", "份", "起", "类", "人次", "户次", "万人", "件/万人", "期",
)

# A figure in the first unit times the factor is the figure in the second: what a unit changed
# between two years' catalogs does to last year's figures (8 hours a working day).  Pairs not
# listed do not convert: 件 and 户 count different things, a calendar day is no working day.
UNIT_FACTORS: dict[tuple[str, str], float] = {
    ("万元", "元"): 10000.0, ("元", "万元"): 0.0001,
    ("小时", "工作日"): 0.125, ("工作日", "小时"): 8.0,
}


def unit_factor(old: str, new: str) -> float | None:
    """What a figure in ``old`` is multiplied by to read in ``new``; None when it cannot be converted."""
    return 1.0 if old == new else UNIT_FACTORS.get((old, new))
