"""Excel exchange use cases shared by the command line and the GUI.

- ``write_blank``: the blank department workbook, pre-filled from the store.
- ``plan_import`` / ``apply_import``: read a filled workbook, check it row by row and store it
  all-or-nothing (one transaction, audited with the file's name and SHA-256).
- ``export_submission``: the provincial submission (built-in layout or the coordinator's
  template); a final export refuses while blocking findings remain and records a snapshot before
  its file appears at the target (see ``_submit``).
(``verify``, whether a file is a recorded submission, is in ``app.verify``.)

Long work takes optional ``progress(done, total)`` and ``is_cancelled()`` callbacks and can run
in a worker thread; only ``apply_import`` and the snapshot write to the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from app import template_forms, workflow
from app.checking import validate_entries, validate_period
from app.context import AppContext
from app.editing import (
    Edit,
    ImportBatch,
    SetExplanation,
    Together,
    change_kind,
    entry_from_value,
    typed_entry,
)
from app.errors import UsageError
from app.history import figures
from app.import_explanations import plan_explanations
from exports.contents import workbook_contents
from exports.department import DepartmentBook, department_workbook
from exports.department_import import DepartmentImport, ImportedRow, Refusal, read_department_workbook
from exports.files import StagedFile, check_replaceable, save_atomically, sha256_of, stage_workbook
from exports.identity import IdentityError
from exports.progress import CancelledFn, ProgressFn
from exports.safe_open import WorkbookError
from exports.submission import SubmissionData, submission_workbook
from exports.template import PlaceholderProblem
from models.catalog import Catalog
from models.file_errors import explain_os_error, os_error_reason
from models.findings import Finding, Report
from models.periods import Period
from models.profile import Department
from models.values import Change, Entry, Value
from storage import submissions
from storage.store import now

# ---- blank department workbook -----------------------------------------------------

@dataclass(frozen=True)
class BlankResult:
    path: Path
    sha256: str
    sheets: list[str]
    metrics: int
    prefilled: int


def write_blank(ctx: AppContext, period: Period, dept: Department, out: Path,
                progress: ProgressFn | None = None, is_cancelled: CancelledFn | None = None) -> BlankResult:
    catalog = ctx.catalog_for(period)
    metrics = catalog.metrics_of_department(dept.code)
    if not metrics:
        raise UsageError(f"{dept.name}在{catalog.year}年指标目录中没有由它填报的指标，无需填报表。")
    current = _by_metric(ctx.store.values(periods=[period.code], dept=dept.code))
    last_year = _by_metric(figures(ctx, catalog, [period.same_quarter_last_year()], dept=dept.code))
    report = validate_period(ctx, period, dept=dept.code)
    found: dict[str, list[Finding]] = {}
    for finding in report.findings:
        found.setdefault(finding.metric, []).append(finding)
    explained = {f.metric: f.explanation for f in reversed(report.findings) if f.explained}
    book = DepartmentBook(catalog=catalog, period=period, dept=dept, current=current, last_year=last_year,
                          contacts=catalog.profile.contacts, written_at=now(), findings=found, explanations=explained)
    wb = department_workbook(book, progress, is_cancelled)
    sha = save_workbook(wb, out)
    return BlankResult(path=Path(out), sha256=sha, sheets=[ws.title for ws in wb.worksheets if ws.sheet_state == "visible"],
                       metrics=len(metrics), prefilled=sum(1 for m in metrics if m.code in current))


# ---- import ------------------------------------------------------------------------

class ImportRefused(Exception):
    """The workbook was read but at least one row is refused: nothing is stored."""

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        super().__init__(f"导入被拒绝：{len(plan.refusals)} 处问题，未保存任何数据。")


@dataclass
class ImportPlan:
    reading: DepartmentImport
    sha256: str
    entries: list[Entry] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)  # what storing the entries does (or did)
    undo: Edit | None = None  # once stored: the edit that takes the import back (the window's undo)
    refusals: list[Refusal] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # the department's period checked as imported
    handover: str = ""  # once stored: whether the import made the department's part 已提交, and why not
    explanations: list[SetExplanation] = field(default_factory=list)  # the 说明 typed for warnings

    def findings_of(self, metric: str) -> list[Finding]:
        return [f for f in self.findings if f.metric == metric]

    @property
    def file_name(self) -> str:
        return self.reading.path.name

    @property
    def audit_source(self) -> str:
        return f"{self.file_name} sha256:{self.sha256}"

    @property
    def reason(self) -> str:
        signed = "，".join(f"{k}：{v}" for k, v in self.reading.fields.items() if k in ("填报人", "审核人"))
        return f"导入 {self.file_name}" + (f"（{signed}）" if signed else "")

    def as_edit(self) -> ImportBatch | Together:
        """The import as an undoable edit for the GUI's undo stack: the figures, then the 说明."""
        batch = ImportBatch(tuple(self.entries), self.file_name, source=self.audit_source, reason=self.reason)
        return Together((batch, *self.explanations), batch.label) if self.explanations else batch

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)


def plan_import(ctx: AppContext, path: Path, expect_period: Period | None = None,
                expect_dept: Department | None = None, progress: ProgressFn | None = None,
                is_cancelled: CancelledFn | None = None) -> ImportPlan:
    """Read and check a workbook; raises ImportRefused with every refused cell, or returns the plan."""
    path = Path(path)
    try:
        reading = read_department_workbook(path, ctx.catalog_for, progress, is_cancelled)
    except WorkbookError as exc:
        raise UsageError(str(exc)) from exc
    except IdentityError as exc:
        raise UsageError(f"{path.name}：{exc}") from exc
    plan = ImportPlan(reading=reading, sha256=sha256_of(path), refusals=list(reading.refusals),
                      notices=list(reading.notices))
    _check_expectations(plan, expect_period, expect_dept)
    _check_lock(ctx, plan)
    stored = _by_metric(ctx.store.values(periods=[reading.period.code], dept=reading.dept.code))
    for row in reading.rows:
        _plan_row(plan, row, stored.get(row.metric))
    if plan.refusals:
        raise ImportRefused(plan)
    plan.findings = list(validate_entries(ctx, reading.period, reading.dept.code, plan.entries).findings)
    plan_explanations(plan, stored)
    return plan


def apply_import(ctx: AppContext, plan: ImportPlan) -> ImportPlan:
    """The whole import: a backup, then the planned entries and 说明 stored and audited in one
    transaction; ``plan.undo`` then takes it back.  LockedError if the period was locked meanwhile."""
    ctx.store.backup("import")
    forward = ImportBatch(tuple(plan.entries), plan.file_name, source=plan.audit_source, reason=plan.reason).forward()
    reading = plan.reading
    with ctx.store.transaction():  # the figures, their 说明 and the department's hand-over (已提交) together
        plan.changes = ctx.store.set_values(forward.entries, reason=forward.reason, source=forward.source)
        undo_explanations = [explanation.apply(ctx.store) for explanation in plan.explanations]
        plan.handover = workflow.submit_imported(ctx, reading.period, reading.dept.code)
    figures_undo = forward.inverse(plan.changes)
    plan.undo = Together((*reversed(undo_explanations), figures_undo), forward.label) if undo_explanations \
        else figures_undo
    return plan


def import_workbook(ctx: AppContext, path: Path, dry_run: bool = False, **options) -> ImportPlan:
    plan = plan_import(ctx, path, **options)
    return plan if dry_run else apply_import(ctx, plan)


def _check_expectations(plan: ImportPlan, period: Period | None, dept: Department | None) -> None:
    reading, where = plan.reading, plan.file_name
    if period is not None and period != reading.period:
        plan.refusals.insert(0, Refusal(where, reading.period.label, f"填报表的统计期不是所选的{period.label}"))
    if dept is not None and dept.code != reading.dept.code:
        plan.refusals.insert(0, Refusal(where, reading.dept.name, f"填报表的填报单位不是所选的{dept.name}"))


def _check_lock(ctx: AppContext, plan: ImportPlan) -> None:
    reading = plan.reading
    if ctx.store.is_locked(reading.period.code, reading.dept.code):
        plan.refusals.insert(0, Refusal(
            plan.file_name, f"{reading.dept.name} {reading.period.label}",
            "该部门本期数据已锁定，不能导入。如需修改，请先由营商办解锁（unlock）并说明原因",
        ))


def _plan_row(plan: ImportPlan, row: ImportedRow, old: Value | None) -> None:
    reading = plan.reading
    note = row.note if row.note is not None else (old.note if old else "")
    source = row.source if row.source is not None else (old.source if old else "")
    if row.parsed is None:
        _plan_empty(plan, row, old, note, source)
        return
    reason = reading.catalog.not_applicable(row.metric)
    if reason:  # listed, never silently stored
        name = reading.catalog.metric(row.metric).name
        plan.refusals.append(Refusal(row.where, row.parsed.raw, f"{name}：本区{reading.catalog.year}年不适用（{reason}），不能填报数值"))
        return
    # Same number typed differently ("1297" for "1,297"): the figure stands as first typed.
    raw = old.raw if old is not None and old.number == row.parsed.number else row.parsed.raw
    key = (reading.period.code, reading.dept.code, row.metric)
    _add(plan, typed_entry(key, row.parsed.number, raw, old, note=note, source=source), old)


def _plan_empty(plan: ImportPlan, row: ImportedRow, old: Value | None, note: str, source: str) -> None:
    """An empty value cell never clears a figure; a note without any figure is refused."""
    name = plan.reading.catalog.metric(row.metric).name
    if old is None:
        if note or source or row.explanation:
            plan.refusals.append(Refusal(row.where, "", f"{name}：填写了说明、备注或数据来源，但本期数值为空"))
        return
    if (note, source) != (old.note, old.source):
        _add(plan, replace(entry_from_value(old), note=note, source=source), old)
    else:
        plan.notices.append(f"{row.where} {name} 为空：数据库中已有 {old.raw}，保持不变（导入不会清除已填数值）。")


def _add(plan: ImportPlan, entry: Entry, old: Value | None) -> None:
    plan.entries.append(entry)
    plan.changes.append(Change(entry=entry, old=old, kind=change_kind(entry, old)))


# ---- export ------------------------------------------------------------------------

class ExportRefused(Exception):
    """A final export while errors, unexplained warnings or template problems remain."""

    def __init__(self, blocking: list[Finding], problems: list[PlaceholderProblem], mapping=None):
        self.blocking, self.problems, self.mapping = blocking, problems, mapping  # a province form: its mapping
        super().__init__(f"不能正式导出：{len(blocking)} 项校验问题未解决，{len(problems)} 处模板问题。")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sha256: str
    draft: bool
    report: Report
    problems: list[PlaceholderProblem]
    empty: list[str]
    submission: submissions.Submission | None
    filled: template_forms.Filled | None = None  # a template's fill (its mapping when a form)


def export_submission(ctx: AppContext, period: Period, out: Path, template: Path | None = None,
                      draft: bool = False, progress: ProgressFn | None = None,
                      is_cancelled: CancelledFn | None = None) -> ExportResult:
    data = submission_data(ctx, period, draft)
    if not draft and data.report.blocking:
        raise ExportRefused(data.report.blocking, [])
    problems, empty, scope, filled = [], [], {m.code for m in data.catalog.metrics}, None
    if template is None:
        wb = submission_workbook(data, progress, is_cancelled)
    else:
        filled = template_forms.fill(ctx, template, data, progress, is_cancelled)
        wb, problems, empty, scope = filled.workbook, filled.problems, filled.empty, filled.metrics
        if problems and not draft:
            raise ExportRefused([], problems, filled.mapping)
    if draft:
        sha, snapshot = save_workbook(wb, out), None
    else:
        figures = [data.values[code] for code in sorted(scope) if code in data.values]
        sha, snapshot = _submit(ctx, period, wb, Path(out), figures, scope)
    return ExportResult(path=Path(out), sha256=sha, draft=draft, report=data.report, problems=problems,
                        empty=empty, submission=snapshot, filled=filled)


def _submit(ctx: AppContext, period: Period, wb, out: Path, figures: list[Value],
            scope: set[str]) -> tuple[str, submissions.Submission]:
    """A final export in the order that makes a file at ``out`` always a recorded submission: the
    workbook is written beside it under a temporary name, the database backed up, the submission
    recorded, and only then is the file renamed into place.  A crash or a full disk before the
    rename leaves no file at ``out`` (and the temporary is removed by the next save there)."""
    staged = _staged(wb, out)
    try:
        ctx.store.backup("export")
        with ctx.store.transaction():  # the snapshot and every accepted department's 已报送 together
            snapshot = submissions.record_submission(ctx.store, period.code, out.name, staged.sha256, figures, scope,
                                                     cells=workbook_contents(wb))
            workflow.mark_reported(ctx, period)
    except BaseException:
        staged.discard()
        raise
    try:
        staged.put_in_place()
    except OSError as exc:
        raise UsageError(f"报送件 #{snapshot.id} 已记录，但文件未能写入 {out}：{os_error_reason(exc)}"
                         "请关闭占用该文件的程序后重新导出。") from exc
    return staged.sha256, snapshot


def _staged(wb, out: Path) -> StagedFile:
    try:
        check_replaceable(out)
        return stage_workbook(wb, out)
    except OSError as exc:
        raise UsageError(f"无法写入 {out}：{os_error_reason(exc)}请确认文件未被 Excel 打开且不是只读；"
                         "未记录报送件。") from exc


def submission_data(ctx: AppContext, period: Period, draft: bool) -> SubmissionData:
    catalog = ctx.catalog_for(period)
    values = _filed(catalog, ctx.store.values(periods=[period.code]))
    last_year = _filed(catalog, figures(ctx, catalog, [period.same_quarter_last_year()]))
    report = validate_period(ctx, period, final=True)
    return SubmissionData(catalog=catalog, period=period, values=values, last_year=last_year, report=report,
                          contacts=catalog.profile.contacts, written_at=now(), draft=draft)


def _filed(catalog: Catalog, values: list[Value]) -> dict[str, Value]:
    """Figures by metric, each from the department that files it; none of a metric 不适用 here."""
    return {v.metric: v for v in values if catalog.metric(v.metric) and v.dept == catalog.department_of(v.metric)
            and not catalog.not_applicable(v.metric)}


# ---- helpers -----------------------------------------------------------------------

def _by_metric(values: list[Value]) -> dict[str, Value]:
    return {v.metric: v for v in values}


def save_workbook(wb, out: Path) -> str:
    """Save atomically; the file's sha256.  A file that cannot be written is a UsageError naming it."""
    try:
        return save_atomically(wb, Path(out))
    except OSError as exc:
        raise UsageError(explain_os_error(exc, out, "写入")) from exc
