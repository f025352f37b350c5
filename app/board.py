"""The coordinator's board: for one period, each filing department's completeness, problems, queries,
state and timeliness against the period's deadline, and the sign-offs.

``board`` builds it as plain data (``models.workflow.Board``); the ``status`` command prints it or
writes it as a workbook (``write_board``), the window shows it.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from app.checking import validate_period
from app.exchange import save_workbook
from app.signoff import signoffs
from app.workflow import applicable_metrics, filing_departments, states
from exports.board import board_workbook
from models.catalog import RuleKind, Severity
from models.findings import Finding
from models.periods import Period
from models.workflow import (
    DERIVED,
    Board,
    BoardRow,
    QuarterBoard,
    QuarterCell,
    QuarterRow,
    State,
    StateRecord,
    timeliness,
)
from storage import workflow as stored

QUARTER_LABELS = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


def board(ctx, period: Period, today: date | None = None) -> Board:
    catalog = ctx.catalog_for(period)
    today = today or date.today()
    deadline = catalog.profile.deadline(period.code)
    depts = filing_departments(catalog)
    findings = validate_period(ctx, period, final=True).findings
    filed = {(v.dept, v.metric) for v in ctx.store.values(periods=[period.code])}
    open_queries = stored.queries(ctx.store, period.code, open_only=True)
    records = states(ctx, period, depts)
    rows = []
    for dept in depts:
        required = [m.code for m in applicable_metrics(catalog, dept) if m.required and m.frequency.due_in(period.quarter)]
        own = [f for f in findings if f.dept == dept]
        rows.append(BoardRow(
            dept=dept, name=catalog.department(dept).name,
            filed=sum(1 for code in required if (dept, code) in filed), required=len(required),
            errors=_count(own, Severity.ERROR), warnings=_count(own, Severity.WARNING, unexplained=True),
            queries=sum(1 for q in open_queries if q.dept == dept), state=records[dept].state,
            submitted_at=_submitted(records[dept]),
            timeliness=timeliness(deadline, today, _day(_submitted(records[dept]))),
        ))
    return Board(district=catalog.profile.district, period=period.code, label=period.label, deadline=deadline,
                 today=today, rows=tuple(rows), signoffs=tuple(signoffs(ctx, period)))


def quarters(ctx, period: Period, today: date | None = None) -> QuarterBoard:
    """Each filing department's state in every quarter of ``period``'s year up to it, with lateness."""
    catalog = ctx.catalog_for(period)
    today = today or date.today()
    depts = filing_departments(catalog)
    periods = period.quarters_so_far()
    records = [states(ctx, p, depts) for p in periods]
    deadlines = [catalog.profile.deadline(p.code) for p in periods]
    rows = tuple(QuarterRow(dept=dept, name=catalog.department(dept).name,
                            cells=tuple(_cell(found[dept], deadline, today) for found, deadline in zip(
                                records, deadlines, strict=True)))
                 for dept in depts)
    return QuarterBoard(district=catalog.profile.district, year=period.year, periods=tuple(p.code for p in periods),
                        labels=tuple(QUARTER_LABELS[p.quarter] for p in periods), rows=rows)


def _cell(record: StateRecord, deadline: date | None, today: date) -> QuarterCell:
    """Lateness is shown only when it is late: past the deadline and not handed over, or handed over late."""
    when = timeliness(deadline, today, _day(_submitted(record)))
    return QuarterCell(state=record.state, late=when if "逾期" in when else "")


def write_board(ctx, period: Period, out: Path, today: date | None = None) -> Board:
    """The board as a workbook for the leaders' meeting."""
    found = board(ctx, period, today)
    save_board(found, out)
    return found


def save_board(found: Board, out: Path) -> None:
    """A board already built (the one the window shows) as a workbook."""
    save_workbook(board_workbook(found), out)


def _count(findings: list[Finding], severity: Severity, unexplained: bool = False) -> int:
    """Missing required figures are counted as filed / required, not again here."""
    return sum(1 for f in findings if f.severity == severity and f.kind != RuleKind.REQUIRED
               and not (unexplained and f.explained))


def _submitted(record: StateRecord) -> str:
    """When a department handed over what now stands (a returned one has yet to hand over again)."""
    return "" if record.state in (*DERIVED, State.RETURNED) else record.submitted_at


def _day(at: str) -> date | None:
    return datetime.fromisoformat(at).date() if at else None
