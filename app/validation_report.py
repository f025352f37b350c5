"""导出校验报告: every finding of a period in a workbook of its own, for the coordinator to send
back to the departments (the submission's 校验结果 sheet, without the figures), and — when a
narrative report is given — a 文字报告核对 sheet with what its figures disagree on.

Run by the window's TaskRunner and by ``validate --out`` with ``progress``/``is_cancelled``.  It
composes what ``app.exchange`` and ``exports`` already provide; the checking is the final one
(completeness included), the same a final export applies.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from app.context import AppContext
from app.errors import UsageError
from app.exchange import save_workbook, submission_data
from app.narrative_check import check_text
from exports.findings_sheet import findings_sheet
from exports.narrative import NarrativeError, read_narrative
from exports.narrative_sheet import SHEET as NARRATIVE_SHEET
from exports.narrative_sheet import narrative_sheet
from exports.progress import CancelledFn, ProgressFn, Steps
from models.findings import Report
from models.periods import Period

SHEET = "校验结果"


@dataclass(frozen=True)
class ReportWritten:
    path: Path
    sha256: str
    findings: int
    blocking: int
    narrative_findings: int | None = None  # None: no narrative report was checked


def write_validation_report(ctx: AppContext, period: Period, out: Path, dept: str | None = None,
                            progress: ProgressFn | None = None,
                            is_cancelled: CancelledFn | None = None,
                            narrative: Path | None = None) -> ReportWritten:
    """All findings of ``period`` (one department's, or all) with their 说明 and status; with a
    narrative report (.txt/.docx), also the cross-check of its figures."""
    data = submission_data(ctx, period, draft=False)
    if dept is not None:
        mine = tuple(f for f in data.report.findings if f.dept == dept)
        data = dataclasses.replace(data, report=Report(period=period.code, findings=mine))
    steps = Steps(len(data.report.findings), progress, is_cancelled)
    wb = Workbook()
    wb.active.title = SHEET
    findings_sheet(wb.active, data, steps)
    checked = _narrative(ctx, wb, data, period, dept, narrative) if narrative else None
    steps.finish()
    sha = save_workbook(wb, Path(out))
    return ReportWritten(Path(out), sha, len(data.report.findings), len(data.report.blocking), checked)


def _narrative(ctx: AppContext, wb: Workbook, data, period: Period, dept: str | None, path: Path) -> int:
    try:
        text = read_narrative(Path(path))
    except NarrativeError as exc:
        raise UsageError(str(exc)) from exc
    report = check_text(ctx, period, text, dept)
    title = f"{data.district}{period.cumulative_label}工作报告数字核对"
    narrative_sheet(wb.create_sheet(NARRATIVE_SHEET), report, data.catalog, title, Path(path).name)
    return len(report.findings)
