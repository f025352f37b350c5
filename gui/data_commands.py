"""The 数据 and 帮助 menus: locks, a cell's audit trail, the diff against the last submission; 入门.

Dialogs and submissions are imported where used: the window paints without them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox

from app.errors import UsageError
from gui.actions import shortcut_table
from gui.host import WindowHost
from storage import StoreError

ACTIONS = {"set": "填报", "clear": "清除", "explain": "说明", "unexplain": "撤回说明", "lock": "锁定",
           "unlock": "解锁", "submit": "报送", "restore": "恢复", "state": "状态", "query": "问询", "answer": "回复",
           "close-query": "关闭问询", "signoff": "签字"}
REVISIONS = {"changed": "修改", "added": "报送后新填", "removed": "报送后清除"}


class DataCommands(QObject):
    """The 数据 menu's commands on the period shown, through the window's declared needs."""

    def __init__(self, host: WindowHost):
        super().__init__(host.window())
        self.host = host
        self.ctx = host.ctx

    # ---- locks ----------------------------------------------------------------------------
    def lock_period(self) -> None:
        session = self.host.session
        choices = [(c, n) for c, n in self.host.filing_departments() if c not in session.locks]
        if not choices:
            self.host.say(self.tr("{period} 各部门都已锁定。").format(period=session.period.label))
            return
        from gui.dialogs import DepartmentDialog

        dialog = DepartmentDialog(
            self.tr("锁定"), self.tr("锁定后，该部门 {period} 的数据不能再修改或导入，直到解锁。").format(
                period=session.period.label), choices, session.dept or self._current_dept_of_row(),
            self.host.window(), reason_label=self.tr("原因（可不填）："))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._change_lock(*dialog.chosen(), locking=True)

    def unlock_period(self) -> None:
        session = self.host.session
        choices = [(c, n) for c, n in self.host.filing_departments() if c in session.locks]
        if not choices:
            self.host.say(self.tr("{period} 没有锁定的部门。").format(period=session.period.label))
            return
        from gui.dialogs import DepartmentDialog

        dialog = DepartmentDialog(
            self.tr("解锁"), self.tr("解锁后可以再修改 {period} 的数据。解锁会记入修改记录。").format(
                period=session.period.label), choices, session.dept or self._current_dept_of_row(),
            self.host.window(), reason_label=self.tr("原因（必填）："), reason_required=True)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._change_lock(*dialog.chosen(), locking=False)

    def _change_lock(self, dept: str, reason: str, locking: bool) -> None:
        from app import workflow

        session = self.host.session
        period = session.period
        try:
            if locking:
                self.ctx.store.lock(period.code, dept, reason)
            else:
                workflow.unlock(self.ctx, period, dept, reason)  # an accepted department returns to 退回修改
        except (StoreError, UsageError) as exc:
            self.host.warn(self.tr("未能锁定") if locking else self.tr("未能解锁"), str(exc))
            return
        session.reload_locks()
        self.host.update_lock_label()
        self.host.metrics_changed({row.metric.code for row in session.rows if row.dept == dept})
        done = self.tr("已锁定") if locking else self.tr("已解锁")
        self.host.say(f"{done}：{self.host.dept_name(dept)} {period.label}")

    def _current_dept_of_row(self) -> str | None:
        code = self.host.current_code()
        return self.host.session.row(code).dept if code else None

    # ---- history --------------------------------------------------------------------------
    def show_audit(self) -> None:
        code = self.host.current_code()
        if code is None:
            self.host.say(self.tr("请先选中一个指标。"), error=True)
            return
        session = self.host.session
        period, dept, _ = session.key(code)
        trail = self.ctx.store.audit(period=period, dept=dept, metric=code)
        rows = [(a.at.replace("T", " ")[:19], a.who, self.tr(ACTIONS.get(a.action, a.action)),
                 a.old_raw or "", a.new_raw or "", a.old_note or "", a.new_note or "", a.reason, a.source)
                for a in reversed(trail)]
        name = session.row(code).metric.name
        summary = self.tr("{name}（{dept}，{period}）：共 {count} 条记录，最新的在上。").format(
            name=name, dept=self.host.dept_name(dept), period=session.period.label, count=len(rows))
        headers = tuple(self.tr(h) for h in ("时间", "操作人", "操作", "原值", "新值", "原备注", "新备注", "原因", "来源"))
        self.host.show_records(self.tr("修改记录 — {name}").format(name=name), summary, headers, rows)

    def show_diff(self) -> None:
        from storage import submissions

        session = self.host.session
        period = session.period
        last = submissions.latest_submission(self.ctx.store, period.code)
        if last is None:
            QMessageBox.information(self.host.window(), self.tr("与上次报送比较"),
                                    self.tr("{period} 还没有正式报送记录（正式导出报送工作簿时记录）。").format(
                                        period=period.label))
            return
        revised = submissions.revisions(self.ctx.store, last)
        catalog = session.catalog
        name = self.host.dept_name
        rows = [(name(r.dept), catalog.metric(r.metric).name if catalog.metric(r.metric) else r.metric,
                 self.tr(REVISIONS[r.kind]), r.submitted.raw if r.submitted else "", r.current.raw if r.current else "",
                 "；".join(r.reasons)) for r in revised]
        summary = self.tr("上次正式报送：{file}（{who}，{at}）。此后有 {count} 项数据改动。").format(
            file=last.file_name, who=last.who, at=last.at[:16].replace("T", " "), count=len(rows))
        headers = tuple(self.tr(h) for h in ("填报单位", "指标", "变动", "报送值", "现值", "改动原因"))
        title = self.tr("与上次报送比较 — {period}").format(period=period.label)
        self.host.show_records(title, summary, headers, rows)


    # ---- the quarter ------------------------------------------------------------------------
    def show_board(self) -> None:
        """填报进度: every filing department's state and problems for the period shown."""
        from app.board import board, quarters
        from gui.board_dialog import BoardDialog

        period = self.host.session.period
        found = board(self.ctx, period)
        BoardDialog(found, self._export_board, self.host.window(), lambda: quarters(self.ctx, period)).exec()

    def show_signoff(self) -> None:
        """签字确认: the 审核人 and the 负责人 sign the period's figures; the status bar follows."""
        from app import signoff
        from gui.signoff_dialog import SignoffDialog

        period = self.host.session.period
        dialog = SignoffDialog(lambda: signoff.snapshot(self.ctx, period),
                               lambda role, name: signoff.sign(self.ctx, period, role, name), self.host.window())
        dialog.exec()
        self.host.metrics_changed(set())  # the status bar says who has signed

    def _export_board(self, found) -> None:
        from app.board import save_board

        path = self.host.choosers.save(self.tr("导出填报进度看板"), f"填报进度_{found.period}.xlsx")
        if path is None:
            return
        try:
            save_board(found, path)
        except UsageError as exc:
            self.host.warn(self.tr("未能导出看板"), str(exc))
            return
        self.host.say(self.tr("已导出看板：{path}").format(path=path))


class HelpCommands(QObject):
    """The 帮助 menu: the shortcuts really bound, and which database is open."""

    def __init__(self, host: WindowHost):
        super().__init__(host.window())
        self.host = host

    def show_start(self) -> None:
        from gui.first_start import GettingStartedDialog

        GettingStartedDialog(self.host.window()).exec()

    def show_keys(self) -> None:
        headers = (self.tr("菜单"), self.tr("命令"), self.tr("快捷键"))
        tips = self.tr("表格中：直接输入即开始填写；Enter 保存并下移，Tab 保存并右移，Shift+Enter 上移；"
                       "Esc 放弃本次输入；F2 修改单元格；Delete 清除。")
        self.host.show_records(self.tr("快捷键"), tips, headers, shortcut_table(self.host.actions))

    def show_about(self) -> None:
        QMessageBox.about(self.host.window(), self.tr("关于"), self.tr(
            "营商环境指标填报\n区县各部门季度营商环境指标的填报、校验、汇总与报送。\n数据库：{path}").format(
                path=self.host.ctx.store.path))
