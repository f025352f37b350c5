"""Relations between metrics, declared as data in a year's catalog, and the audit grades.

A relation names the metrics it reads (the subject first: findings are reported on it); the
engine's rule of the same kind checks it (``validation.rules``).  Split from ``models.catalog``,
which re-exports every name here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Literal

from models.profile import check_code
from models.records import FORBID_EXTRA, ByKind


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


# ---- relations between metrics, declared as data ------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class _Relation:
    __pydantic_config__ = FORBID_EXTRA

    code: str = ""  # stable; derived from kind and subject when left out
    severity: Severity | None = None  # None: the kind's default
    description: str = ""

    def metrics(self) -> tuple[str, ...]:  # the subject first
        raise NotImplementedError

    def __post_init__(self) -> None:
        for code in self.metrics():
            check_code(code, "指标代码")
        if not self.code:
            object.__setattr__(self, "code", f"{self.kind}:{self.metrics()[0]}")


@dataclass(frozen=True, slots=True, kw_only=True)
class RatioRelation(_Relation):
    """rate = numerator ÷ denominator × 100 (结案率 = 结案数 ÷ 受理数)."""

    kind: Literal["ratio"]
    result: str
    numerator: str
    denominator: str

    def metrics(self) -> tuple[str, ...]:
        return (self.result, self.numerator, self.denominator)


@dataclass(frozen=True, slots=True, kw_only=True)
class SumRelation(_Relation):
    """total = sum of parts (线上 + 线下 = 合计)."""

    kind: Literal["sum"]
    total: str
    parts: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.parts) < 2:
            raise ValueError("分项 parts 至少要有 2 项")
        _Relation.__post_init__(self)  # not super(): a slots dataclass is a new class

    def metrics(self) -> tuple[str, ...]:
        return (self.total, *self.parts)


@dataclass(frozen=True, slots=True, kw_only=True)
class DifferenceRelation(_Relation):
    """result = minuend − subtrahend (节约资金 = 计划 − 实际)."""

    kind: Literal["difference"]
    result: str
    minuend: str
    subtrahend: str

    def metrics(self) -> tuple[str, ...]:
        return (self.result, self.minuend, self.subtrahend)


@dataclass(frozen=True, slots=True, kw_only=True)
class PartLeWholeRelation(_Relation):
    """part ≤ whole (简易注销 ≤ 注销)."""

    kind: Literal["part_le_whole"]
    part: str
    whole: str

    def metrics(self) -> tuple[str, ...]:
        return (self.part, self.whole)


@dataclass(frozen=True, slots=True, kw_only=True)
class CommitmentLeLimitRelation(_Relation):
    """a committed time limit ≤ the legal one (承诺 5 个工作日 ≤ 法定 10 个工作日)."""

    kind: Literal["commitment_le_limit"]
    commitment: str
    limit: str

    def metrics(self) -> tuple[str, ...]:
        return (self.commitment, self.limit)


@dataclass(frozen=True, slots=True, kw_only=True)
class YoyRelation(_Relation):
    """a stated growth rate agrees with this and last year's figures of its base."""

    kind: Literal["yoy"]
    growth: str
    base: str

    def metrics(self) -> tuple[str, ...]:
        return (self.growth, self.base)


@dataclass(frozen=True, slots=True, kw_only=True)
class StockFlowRelation(_Relation):
    """期末 = 期初 + 流入 − 流出 (市场主体总量 = 上年末总量 + 新设 − 注销): a stock and the flows that move it.

    ``closing`` is a level (时点) filed every period; 期初 is no separate figure but the same metric
    filed at the end of the period the flows start from: last year's fourth quarter when the flows
    are year-to-date (累计, as 新设 and 注销 are), the previous quarter when they are quarterly (当季).
    One relation rather than a difference plus a "期初 = 上期期末" link: the auditor checks one
    balance (平衡关系) and reads all four figures, each with its period, in one finding; a filed 期初
    could itself disagree with last year's filing and give two findings for one mistake.
    """

    kind: Literal["stock_flow"]
    closing: str
    inflow: str
    outflow: str

    def metrics(self) -> tuple[str, ...]:
        return (self.closing, self.inflow, self.outflow)


Relation = Annotated[
    RatioRelation | SumRelation | DifferenceRelation | PartLeWholeRelation | CommitmentLeLimitRelation | YoyRelation
    | StockFlowRelation,
    ByKind(),
]
