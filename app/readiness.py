"""What the window's status bar says about the period shown, truthfully (no Qt).

For the 营商办's view (全部) it is whether a formal export would succeed; for a department's view,
whether the department can hand its figures to the 营商办 — a department never makes the formal
export — with its state and the period's deadline.  Missing required figures and typed text not
yet saved count like the findings do; the green verdict is given only after the same final check
the export and ``submit`` run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.checking import validate_period
from app.signoff import signoffs, summary
from app.workflow import state_of
from models.catalog import Severity
from models.workflow import DERIVED, State, time_left
from storage import workflow as stored


@dataclass(frozen=True)
class Readiness:
    ok: bool  # nothing stands in the way (green)
    text: str
    handover: str = ""  # a department's state and deadline; in the 全部 view the sign-offs, if any


def readiness(ctx, session, today: date | None = None) -> Readiness:
    blocking = session.blocking()
    errors = sum(1 for f in blocking if f.severity == Severity.ERROR)
    counts = [("错误", errors), ("待说明警告", len(blocking) - errors), ("必填未填", len(missing_required(session))),
              ("未保存", len({code for code, _ in session.drafts})), ("问询未回复", _unanswered(ctx, session))]
    total = sum(n for _, n in counts)
    shown = "，".join([f"{label} {n}" for label, n in counts[:2]] + [f"{label} {n}" for label, n in counts[2:] if n])
    handover = _handover(ctx, session, today) if session.dept else _signed(ctx, session)
    if total == 0 and not validate_period(ctx, session.period, session.dept, final=True).ok:
        total, shown = 1, "正式报送标准下另有须处理的问题，请用“导出报送工作簿”查看"
    if total:
        return Readiness(False, f"需处理 {total} 项（{shown}）", handover)
    if session.dept is None:
        return Readiness(True, "无需处理的问题，可以正式报送", handover)
    if state_of(ctx, session.period, session.dept).state in (*DERIVED, State.RETURNED):
        return Readiness(True, "无需处理的问题，可以提交给营商办", handover)
    return Readiness(True, "无需处理的问题", handover)


def _signed(ctx, session) -> str:
    """The 营商办's view: the sign-offs of the period, a void one saying what voided it."""
    return summary(signoffs(ctx, session.period))


def _unanswered(ctx, session) -> int:
    """A department's open queries without an answer: they block its submission (not a formal export)."""
    if session.dept is None:
        return 0
    return sum(1 for q in stored.queries(ctx.store, session.period.code, session.dept, open_only=True) if not q.answered)


def missing_required(session) -> list[str]:
    """Required metrics due this quarter that the period shown has no figure for (不适用 ones excepted)."""
    return session.missing_required()


def _handover(ctx, session, today: date | None) -> str:
    record = state_of(ctx, session.period, session.dept)
    deadline = session.catalog.profile.deadline(session.period.code)
    state = record.state.value
    if record.state == State.RETURNED and record.reason:
        state += f"（{record.reason}）"
    due = f"，截止 {deadline.isoformat()}，{time_left(deadline, today or date.today())}" if deadline else ""
    if record.state not in (*DERIVED, State.RETURNED):
        due = ""  # handed over: the deadline is no longer the department's worry
    return f"本期状态：{state}{due}"
