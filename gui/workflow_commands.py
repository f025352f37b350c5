"""The quarter's hand-over in the window: a department submits, the 营商办 returns or accepts.

The department acting is the one the window shows; in the 全部 view it is the 营商办 (the profile's
coordinator).  Each command is one use case of ``app.workflow``; a refusal is shown as the use case
words it, and nothing is changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from app.errors import UsageError
from gui.host import WindowHost
from storage import StoreError


class WorkflowCommands(QObject):
    def __init__(self, host: WindowHost):
        super().__init__(host.window())
        self.host = host
        self.ctx = host.ctx

    def submit_handover(self) -> None:
        """提交给营商办: the department shown submits its own figures (the 营商办 chooses one in 全部)."""
        from app import workflow

        session = self.host.session
        dept, acting = session.dept, session.dept
        if dept is None:
            dept = self._choose(self.tr("提交"), self.tr("替哪个部门提交 {period} 的数据（如部门送来纸质或邮件确认）？"))
            acting = self.ctx.profile.coordinator
        if dept is not None:
            self._run(self.tr("未能提交"), lambda: workflow.submit(self.ctx, session.period, dept, acting), dept)

    def return_handover(self) -> None:
        """退回修改: the 营商办 returns a submitted department, with a reason."""
        from app import workflow

        period = self.host.session.period
        found = self._choose(self.tr("退回修改"), self.tr("退回哪个部门 {period} 已提交的数据？部门将看到原因。"),
                             reason=True)
        if found is not None:
            dept, reason = found
            self._run(self.tr("未能退回"),
                      lambda: workflow.return_(self.ctx, period, dept, self._acting(), reason), dept)

    def accept_handover(self) -> None:
        """审核通过: the 营商办 accepts a submitted department; its figures are locked."""
        from app import workflow

        period = self.host.session.period
        dept = self._choose(self.tr("审核通过"), self.tr("审核通过哪个部门 {period} 已提交的数据？通过后数据锁定。"))
        if dept is not None:
            self._run(self.tr("未能审核通过"), lambda: workflow.accept(self.ctx, period, dept, self._acting()), dept)

    def _acting(self) -> str:
        return self.host.session.dept or self.ctx.profile.coordinator

    def _choose(self, title: str, prompt: str, reason: bool = False):
        from gui.dialogs import DepartmentDialog

        session = self.host.session
        dialog = DepartmentDialog(title, prompt.format(period=session.period.label), self.host.filing_departments(),
                                  session.dept, self.host.window(), reason_label=self.tr("原因（必填）：") if reason else "",
                                  reason_required=reason)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        dept, why = dialog.chosen()
        return (dept, why) if reason else dept

    def _run(self, failed: str, action: Callable, dept: str) -> None:
        try:
            record = action()
        except (UsageError, StoreError) as exc:
            self.host.warn(failed, str(exc))
            return
        session = self.host.session
        session.reload_locks()
        self.host.update_lock_label()
        self.host.metrics_changed({row.metric.code for row in session.rows if row.dept == dept})
        self.host.say(self.tr("{dept} {period}：{state}").format(
            dept=self.host.dept_name(dept), period=session.period.label, state=record.state.value))
