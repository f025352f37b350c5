"""The 文件 menu: another database, importing department workbooks, exporting workbooks.

The work itself is ``app.exchange`` (pure functions with progress and cancel callbacks) run by
the window's TaskRunner; this controller asks for files, shows what will happen and what happened.
Another database is only chosen here: ``gui.app`` opens it in a window that replaces this one.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from app.errors import UsageError
from exports.progress import Cancelled
from gui.file_choosers import SPREADSHEETS
from gui.host import WindowHost
from gui.tasks import fault_text
from models.catalog import RULE_LABELS, Severity
from models.listing import MAX_LISTED
from models.periods import Period
from storage import StoreError

if TYPE_CHECKING:
    from app import exchange

NARRATIVE = "工作报告 (*.txt *.docx);;所有文件 (*)"
KINDS = {"new": "新增", "changed": "修改", "unchanged": "不变"}
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def _exchange():
    """``app.exchange`` brings openpyxl (a third of a second): loaded when a workbook is first used.

    Likewise the dialogs and the whole-period check are imported where used: the window paints
    without them."""
    from app import exchange

    return exchange


class FileCommands(QObject):
    """The 文件 menu's commands, working through the window's declared needs."""

    database_chosen = Signal(object)  # the Path of another database to open in place of this one

    def __init__(self, host: WindowHost):
        super().__init__(host.window())
        self.host = host
        self.ctx = host.ctx

    def open_database(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.host.window(), self.tr("打开或新建数据库"), str(self.ctx.store.path.parent),
            self.tr("数据库 (*.db);;所有文件 (*)"), options=QFileDialog.Option.DontConfirmOverwrite)
        if name and self.host.confirm_discard_drafts():
            self.database_chosen.emit(Path(name))

    # ---- failures, said the same way for every task ------------------------------------------
    def _task_failed(self, what: str, exc: Exception) -> None:
        fault = fault_text(exc, self.ctx.store.path)
        if isinstance(exc, Cancelled):
            self.host.say(self.tr("{what}已取消，未写入任何内容。").format(what=what))
        elif fault is not None:
            self.host.warn(self.tr("{what}未完成").format(what=what), fault)
        elif isinstance(exc, (UsageError, StoreError)):
            self.host.warn(self.tr("{what}未完成").format(what=what), str(exc))
        else:
            self.host.warn(self.tr("{what}未完成").format(what=what),
                           self.tr("意外错误：{error}。数据库未受影响；请把此信息告诉技术支持。").format(error=exc))

    # ---- import -----------------------------------------------------------------------------
    def import_workbook(self, path: Path | None = None) -> None:
        path = path or self.host.choosers.open(self.tr("导入部门填报表"), SPREADSHEETS)
        if path is None:
            return
        self.host.tasks.run(self.tr("正在读取并核对 {name}…").format(name=path.name),
                            partial(_exchange().plan_import, self.ctx, path),
                            self._import_planned, self._import_failed)

    def _import_failed(self, exc: Exception) -> None:
        if not isinstance(exc, _exchange().ImportRefused):
            self._task_failed(self.tr("导入"), exc)
            return
        plan = exc.plan
        count = self.tr("超过 {limit}").format(limit=MAX_LISTED) if plan.reading.stopped else len(plan.refusals)
        self.host.show_records(self.tr("导入被拒绝"),
                               self.tr("{file}：{count} 处问题，未保存任何数据。请在填报表中改正后重新导入。").format(
                                   file=plan.file_name, count=count),
                               (self.tr("位置"), self.tr("内容"), self.tr("原因")),
                               [(r.where, r.value, r.reason) for r in plan.refusals])

    def _import_planned(self, plan: exchange.ImportPlan) -> None:
        reading = plan.reading
        catalog = reading.catalog
        summary = self.tr("{file}：{dept} {period}。将新增 {new} 项，修改 {changed} 项，{same} 项不变，说明 {explained} 项。").format(
            file=plan.file_name, dept=reading.dept.name, period=reading.period.label,
            new=plan.count("new"), changed=plan.count("changed"), same=plan.count("unchanged"),
            explained=len(plan.explanations))
        if plan.notices:
            summary += "\n" + "\n".join(plan.notices[:5])
        summary += "\n" + self._checked_text(plan)
        rows = [(catalog.metric(c.entry.metric).name, self.tr(KINDS[c.kind]), c.old.raw if c.old else "",
                 c.entry.raw, c.entry.note, self._findings_text(plan.findings_of(c.entry.metric)))
                for c in plan.changes]
        headers = (self.tr("指标"), self.tr("变动"), self.tr("原值"), self.tr("新值"), self.tr("备注"), self.tr("导入后校验"))
        if not self.host.show_records(self.tr("导入预览"), summary, headers, rows, accept_text=self.tr("导入")):
            self.host.say(self.tr("未导入 {file}。").format(file=plan.file_name))
            return
        try:
            _exchange().apply_import(self.ctx, plan)  # a verified backup first, then one transaction
        except StoreError as exc:
            self.host.warn(self.tr("未导入"), self.tr("未导入 {file}：{error}").format(file=plan.file_name, error=exc))
            return
        self.host.record(plan.as_edit(), plan.undo)
        self.host.show_choice(reading.period.code, self.host.current_dept() and reading.dept.code)
        self.host.say(self.tr("已导入 {file}：新增 {new} 项，修改 {changed} 项（可用 Ctrl+Z 撤销）。").format(
            file=plan.file_name, new=plan.count("new"), changed=plan.count("changed")) + plan.handover.split("\n")[0])

    def _checked_text(self, plan: exchange.ImportPlan) -> str:
        """The rules over the department's period as imported, counted by grade."""
        if not plan.findings:
            return self.tr("导入后校验：没有发现问题。")
        counts = {severity: sum(1 for f in plan.findings if f.severity == severity) for severity in Severity}
        explained = sum(1 for f in plan.findings if f.severity == Severity.WARNING and f.explained)
        return self.tr("导入后校验：错误 {errors} 项（须改正），警告 {warnings} 项（已说明 {explained} 项），提示 {infos} 项。").format(
            errors=counts[Severity.ERROR], warnings=counts[Severity.WARNING], explained=explained,
            infos=counts[Severity.INFO])

    def _findings_text(self, findings) -> str:
        labels = {Severity.ERROR: self.tr("错误"), Severity.WARNING: self.tr("警告"), Severity.INFO: self.tr("提示")}
        return "；".join(f"{labels[f.severity]}：{f.message}" for f in findings)

    # ---- exports ------------------------------------------------------------------------------
    def export_blank(self) -> None:
        period = self.host.current_period()
        catalog = self.ctx.catalog_for(period)
        code = self.host.current_dept()
        if code is None:
            from gui.dialogs import DepartmentDialog

            dialog = DepartmentDialog(self.tr("导出空白填报表"), self.tr("为哪个部门生成 {period} 的填报表？").format(
                period=period.label), self.host.filing_departments(), None, self.host.window())
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            code = dialog.chosen()[0]
        dept = catalog.department(code)
        path = self.host.choosers.save(self.tr("保存空白填报表"), f"{dept.name}_{period.code}_填报表.xlsx")
        if path is not None:
            self.host.tasks.run(self.tr("正在生成 {name}…").format(name=path.name),
                                partial(_exchange().write_blank, self.ctx, period, dept, path),
                                self._blank_written, partial(self._task_failed, self.tr("生成填报表")))

    def _blank_written(self, result: exchange.BlankResult) -> None:
        self.host.say(self.tr("已生成 {path}").format(path=result.path))
        self.host.show_records(self.tr("已生成空白填报表"),
                               self.tr("已保存到 {path}\n{sheets} 张工作表（{names}），{metrics} 项指标，已预填 {prefilled} 项。").format(
                                   path=result.path, sheets=len(result.sheets), names="、".join(result.sheets),
                                   metrics=result.metrics, prefilled=result.prefilled),
                               folder=result.path.parent)

    def export_submission(self, template: Path | None = None) -> None:
        period = self.host.current_period()
        draft = self._ask_draft(period)
        if draft is None:
            return
        district = self.ctx.catalog_for(period).profile.district
        suggested = f"{district}_{period.code}_营商环境指标{'_草稿' if draft else ''}.xlsx"
        path = self.host.choosers.save(self.tr("保存报送工作簿"), suggested)
        if path is not None:
            self.host.tasks.run(self.tr("正在生成 {name}…").format(name=path.name),
                                partial(_exchange().export_submission, self.ctx, period, path, template, draft),
                                self._submission_written, self._export_failed)

    def export_with_template(self) -> None:
        """A template with placeholders is filled as it is; a province form without them is shown
        first with the metric each row is matched to, for the coordinator to confirm and save."""
        template = self.host.choosers.open(self.tr("选择省里下发的报表或模板（.xlsx）"))
        if template is not None and self.map_template(template):
            self.export_submission(template)

    def map_template(self, template: Path) -> bool:
        """True when the export should go on (a placeholder template, or a form whose mapping was accepted)."""
        from app import template_forms
        from gui.template_map_dialog import TemplateMapDialog

        period = self.host.current_period()
        catalog = self.ctx.catalog_for(period)
        try:
            mapping = template_forms.form_mapping(self.ctx, template, catalog)
        except (UsageError, OSError, StoreError) as exc:
            self._task_failed(self.tr("读取模板"), exc)
            return False
        if mapping is None:
            return True
        self.template_dialog = TemplateMapDialog(self.ctx, template, mapping, catalog, period, self.host.window())
        return self.template_dialog.exec() == QDialog.DialogCode.Accepted

    def _ask_draft(self, period: Period) -> bool | None:
        """Final or draft? Says first how many findings would refuse a final export."""
        from app.checking import validate_period

        blocking = validate_period(self.ctx, period, final=True).blocking
        box = QMessageBox(self.host.window())
        box.setWindowTitle(self.tr("导出报送工作簿"))
        box.setIcon(QMessageBox.Icon.Question)
        if blocking:
            box.setText(self.tr("{period} 还有 {count} 项问题未解决（错误或未说明的警告、未填的必填项），正式导出会被拒绝。"
                                "可以先导出草稿（每张表标注“草稿”）。").format(period=period.label, count=len(blocking)))
        else:
            box.setText(self.tr("{period} 的数据已全部通过校验。正式导出会记录这次报送，供以后比较。").format(
                period=period.label))
        final = box.addButton(self.tr("正式导出"), QMessageBox.ButtonRole.AcceptRole)
        draft = box.addButton(self.tr("导出草稿"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(draft if blocking else final)
        box.exec()
        return {final: False, draft: True}.get(box.clickedButton())

    def _submission_written(self, result: exchange.ExportResult) -> None:
        kind = self.tr("草稿") if result.draft else self.tr("正式报送件")
        summary = self.tr("已生成{kind}：{path}").format(kind=kind, path=result.path)
        if result.submission is not None:
            summary += "\n" + self.tr("已记录这次报送（{at}，SHA-256 {sha}…），以后可“与上次报送比较”。").format(
                at=result.submission.at[:16], sha=result.sha256[:12])
        rows = [(p.where, p.placeholder, p.reason) for p in result.problems]
        rows += [("", placeholder, self.tr("没有已填数值，留空")) for placeholder in result.empty]
        filled = result.filled
        if filled is not None and filled.form is not None:
            summary += "\n" + self.tr("按表头和指标名称填写：数值 {numbers} 个，文字 {texts} 个；含公式的单元格 {formulas} 个未改动。").format(
                numbers=filled.form.numbers, texts=filled.form.texts, formulas=len(filled.form.formulas))
            rows += [(f"{m.row.sheet}!第{m.row.row}行", m.row.label, self.tr("指标目录中没有，留空"))
                     for m in filled.mapping.unmatched]
        self.host.say(summary.splitlines()[0])
        self.host.show_records(self.tr("导出完成"), summary, (self.tr("位置"), self.tr("内容"), self.tr("说明")), rows,
                               folder=result.path.parent)

    def _export_failed(self, exc: Exception) -> None:
        if not isinstance(exc, _exchange().ExportRefused):
            self._task_failed(self.tr("导出"), exc)
            return
        session = self.host.session
        rows = [(self.tr(SEVERITY[f.severity]), self._metric_name(f.metric), RULE_LABELS[f.kind], f.message)
                for f in exc.blocking]
        rows += [(self.tr("模板"), p.placeholder, p.where, p.reason) for p in exc.problems]
        self.host.show_records(self.tr("不能正式导出"),
                               self.tr("{reason}\n请改正错误、为警告写明说明后再正式导出；或先导出草稿。").format(reason=exc),
                               (self.tr("级别"), self.tr("指标"), self.tr("规则"), self.tr("问题")), rows)
        if session is not None:
            self.host.show_findings()

    def _metric_name(self, code: str) -> str:
        metric = self.ctx.catalog_for(self.host.current_period()).metric(code)
        return metric.name if metric else code

    def export_report(self) -> None:
        self._write_report()

    def export_report_narrative(self) -> None:
        """The validation report with the figures of a narrative report (.txt/.docx) checked too."""
        narrative = self.host.choosers.open(self.tr("选择要核对的工作报告"), NARRATIVE)
        if narrative is not None:
            self._write_report(narrative)

    def _write_report(self, narrative: Path | None = None) -> None:
        from app.validation_report import write_validation_report  # brings openpyxl

        period, dept = self.host.current_period(), self.host.current_dept()
        who = self.host.dept_name(dept) if dept else self.ctx.catalog_for(period).profile.district
        path = self.host.choosers.save(self.tr("保存校验报告"), f"{who}_{period.code}_校验报告.xlsx")
        if path is not None:
            self.host.tasks.run(self.tr("正在生成 {name}…").format(name=path.name),
                                partial(write_validation_report, self.ctx, period, path, dept,
                                        narrative=narrative),
                                self._report_written, partial(self._task_failed, self.tr("导出校验报告")))

    def _report_written(self, result) -> None:
        self.host.say(self.tr("已生成 {path}").format(path=result.path))
        self.host.show_records(self.tr("已生成校验报告"),
                               self.tr("已保存到 {path}\n共 {count} 个问题，其中 {blocking} 个须处理后才能正式报送。").format(
                                   path=result.path, count=result.findings, blocking=result.blocking),
                               folder=result.path.parent)

    # ---- tools ------------------------------------------------------------------------------
    def crosscheck_text(self) -> None:
        """The report cross-check, beside the window (not modal): for the period and department shown."""
        from gui.crosscheck_view import CrossCheckDialog

        dialog = CrossCheckDialog(self.ctx, self.host.window(), period=self.host.current_period().code,
                                  dept=self.host.current_dept())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.crosscheck_dialog = dialog
