"""The quarter's hand-over: each department's state for a period, queries on figures, sign-offs,
deadlines and the coordinator's board, as plain data (no storage, no Qt).

States, in the order a quarter runs::

    未开始 → 填报中 → 已提交 → (退回修改 → 已提交 …) → 已审核 → 已报送

未开始 and 填报中 are never stored: they follow from whether the department has figures in the
period.  The others are stored when a transition makes them.  Unlocking an accepted (已审核) or
reported (已报送) department returns it to 退回修改: the department corrects and submits again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class State(StrEnum):
    NOT_STARTED = "未开始"
    FILING = "填报中"
    SUBMITTED = "已提交"
    RETURNED = "退回修改"
    ACCEPTED = "已审核"
    REPORTED = "已报送"


DERIVED = (State.NOT_STARTED, State.FILING)  # follow from the figures, never stored
LOCKED_STATES = (State.ACCEPTED, State.REPORTED)  # the figures are locked


class Role(StrEnum):
    REVIEWER = "审核人"
    HEAD = "负责人"


@dataclass(frozen=True, slots=True, kw_only=True)
class StateRecord:
    """A stored state: who made it, when, why (a return's reason, naming a figure or not)."""

    period: str
    dept: str
    state: State
    who: str = ""
    at: str = ""
    reason: str = ""
    metric: str = ""  # the figure a return names, if any
    submitted_at: str = ""  # when the department last submitted (kept through review)


@dataclass(frozen=True, slots=True, kw_only=True)
class Query:
    """A question of the coordinator on one figure, the department's answer, and its closing."""

    id: int
    period: str
    dept: str
    metric: str
    text: str
    who: str = ""
    at: str = ""
    answer: str = ""
    answer_who: str = ""
    answer_at: str = ""
    closed_who: str = ""
    closed_at: str = ""

    @property
    def is_open(self) -> bool:
        return not self.closed_at

    @property
    def answered(self) -> bool:
        return bool(self.answer)


@dataclass(frozen=True, slots=True, kw_only=True)
class Signoff:
    """A 审核人's or 负责人's confirmation of a period's figures as they stood (``content_hash``).

    ``void_reason`` is empty while nothing changed since; otherwise it says what voided it.
    """

    period: str
    role: Role
    name: str
    who: str
    at: str
    content_hash: str
    void_reason: str = ""

    @property
    def valid(self) -> bool:
        return not self.void_reason


@dataclass(frozen=True, slots=True, kw_only=True)
class BoardRow:
    """One department's line on the coordinator's board."""

    dept: str
    name: str
    filed: int  # required figures filed
    required: int  # required figures due this quarter
    errors: int
    warnings: int  # warnings without a 说明
    queries: int  # open queries
    state: State
    submitted_at: str  # "" when not submitted
    timeliness: str  # 还剩N天 / 已逾期N天 / 按时提交 / 逾期N天提交 / 未设截止日期


@dataclass(frozen=True, slots=True, kw_only=True)
class Board:
    district: str
    period: str
    label: str  # 2023年第三季度
    deadline: date | None
    today: date
    rows: tuple[BoardRow, ...]
    signoffs: tuple[Signoff, ...]

    @property
    def deadline_text(self) -> str:
        return time_left(self.deadline, self.today)


@dataclass(frozen=True, slots=True, kw_only=True)
class QuarterCell:
    """A department's state in one quarter, and how late it handed over (or is), "" when on time."""

    state: State
    late: str = ""  # 已逾期N天 / 逾期N天提交

    @property
    def text(self) -> str:
        return f"{self.state.value}（{self.late}）" if self.late else self.state.value


@dataclass(frozen=True, slots=True, kw_only=True)
class QuarterRow:
    dept: str
    name: str
    cells: tuple[QuarterCell, ...]  # one per quarter of the year so far, in order


@dataclass(frozen=True, slots=True, kw_only=True)
class QuarterBoard:
    """Each filing department's state in every quarter of a year up to one period."""

    district: str
    year: int
    periods: tuple[str, ...]  # 2023Q1 …
    labels: tuple[str, ...]  # 第一季度 …
    rows: tuple[QuarterRow, ...]


def time_left(deadline: date | None, today: date) -> str:
    """还剩N天 / 今天截止 / 已逾期N天 against ``today``."""
    if deadline is None:
        return "未设截止日期"
    days = (deadline - today).days
    if days > 0:
        return f"还剩{days}天"
    return "今天截止" if days == 0 else f"已逾期{-days}天"


def timeliness(deadline: date | None, today: date, submitted: date | None) -> str:
    """A submitted department is judged by the day it submitted, the others by ``today``."""
    if submitted is None or deadline is None:
        return time_left(deadline, today)
    late = (submitted - deadline).days
    return "按时提交" if late <= 0 else f"逾期{late}天提交"


def parse_deadline(text: str) -> date:
    """A deadline as written in the profile or typed: 2023-10-10 (also 2023/10/10, 2023年10月10日)."""
    cleaned = text.strip().replace("/", "-").replace("年", "-").replace("月", "-").rstrip("日")
    try:
        return date.fromisoformat("-".join(part.zfill(2) for part in cleaned.split("-")))
    except ValueError:
        raise ValueError(f"“{text}”不是有效的日期，请写作 2023-10-10") from None
