"""A metric's annual target: kept apart so that both the catalog and a district's profile name it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from models.records import FORBID_EXTRA


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    """An annual target such as 线上办电率 ≥ 95%, judged from its due quarter on.

    Before ``due`` a figure is shown as progress (an info); from it on a miss is a warning.
    A cumulative ≥ target keeps its pro-rated 序时进度 check every quarter (``rules.target_for``).
    ``baseline`` is where a stock target starts from (到2023年底由 90% 提高到 96%), for the progress.
    """

    __pydantic_config__ = FORBID_EXTRA

    op: Literal[">=", "<=", "==", ">"]  # ">": more than the value (实现突破: > 0)
    value: float
    source: str = ""  # where the target comes from, e.g. the district's action plan
    due: int = 4  # the quarter of the year the target is due (到年底: 4)
    baseline: float | None = None

    def __post_init__(self) -> None:
        if self.due not in (1, 2, 3, 4):
            raise ValueError(f"目标到期季度 due 须为 1～4，而不是 {self.due}")

    def met_by(self, number: float) -> bool:
        if self.op == ">=":
            return number >= self.value
        if self.op == "<=":
            return number <= self.value
        if self.op == ">":
            return number > self.value
        return number == self.value

    def text(self, unit: str) -> str:
        shown = {">=": "≥", "<=": "≤", "==": "=", ">": ">"}[self.op]
        return f"{shown}{self.value:g}{unit}"
