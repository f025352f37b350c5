"""Every change a filer makes in the window, as undoable edits: typing, pasting, clearing, 说明.

Each accepted change is stored at once (one transaction, audited), checked at once, and pushed
on the undo stack; what cannot be read stays in its cell as a draft with the reason.  The editor
is the 编辑 menu's controller: it reaches the window only through ``WindowHost``.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QMessageBox

from app.editing import Edit, SetExplanation, SetFigures, entry_from_value, find_explanation
from app.messages import message_of
from app.paste import PastePlan, block_cells, plan_paste
from app.session import Draft, EntrySession
from gui.clipboard import block_text, parse_block
from gui.explanation_dialog import ExplanationDialog
from gui.figures_model import EDITABLE, HEADERS
from gui.host import WindowHost
from gui.messages import shown
from gui.undo import EditCommand, locked_keys, next_redo, next_undo
from models.catalog import RULE_LABELS, Severity
from models.findings import Finding
from models.values import Entry
from storage import LockedError, Store, StoreError
from validation.errors import EntryError

REASON = "界面填报"
FIELDS = {int(column): field for column, field in EDITABLE.items()}


class EntryEditor(QObject):
    def __init__(self, host: WindowHost):
        super().__init__(host.window())
        self.host = host
        self.stack = QUndoStack(self)

    @property
    def session(self) -> EntrySession:
        """The period shown (the window opens one before any edit can come)."""
        return self.host.session

    @property
    def store(self) -> Store:
        return self.host.ctx.store

    # ---- typing ---------------------------------------------------------------------
    def check(self, code: str, field: str, text: str) -> str | None:
        """Why typed text cannot be stored (for the open editor), or None."""
        try:
            self._entry(code, field, text)
        except EntryError as exc:
            return shown(message_of(exc))
        locked = self.session.lock_reason(code)
        return shown(locked) if locked else None

    def commit(self, code: str, field: str, text: str) -> bool:
        """Store what was typed in a cell; refused text stays in the cell as a draft."""
        session = self.session
        try:
            entry = self._entry(code, field, text)
        except EntryError as exc:
            return self._keep_draft(code, field, text, message_of(exc))
        locked = session.lock_reason(code)
        if locked:
            return self._keep_draft(code, field, text, locked)
        had_draft = session.drafts.pop((code, field), None) is not None
        if session.unchanged(code, entry):
            if had_draft:
                self.host.metrics_changed({code})
            return True
        return self.perform(SetFigures((entry,), self._label(code, entry, field), reason=REASON))

    def _entry(self, code: str, field: str, text: str) -> Entry:
        session = self.session
        return session.value_entry(code, text) if field == "value" else session.note_entry(code, text)

    def _label(self, code: str, entry: Entry, field: str) -> str:
        name = self.session.row(code).metric.name
        if field == "note":
            return self.tr("修改备注 {name}").format(name=name)
        if entry.number is None:
            return self.tr("清除 {name}").format(name=name)
        return self.tr("填报 {name} = {raw}").format(name=name, raw=entry.raw)

    def _keep_draft(self, code: str, field: str, text: str, reason: str) -> bool:
        self.session.drafts[(code, field)] = Draft(text, reason)
        self.host.metrics_changed({code})
        name = self.session.row(code).metric.name
        self.host.say(self.tr("未保存 {name}：{reason}").format(name=name, reason=shown(reason)), error=True)
        return False

    # ---- applying edits ---------------------------------------------------------------
    def perform(self, edit: Edit) -> bool:
        """Apply an edit now and make it undoable; a refusal is said and changes nothing."""
        try:
            inverse = edit.apply(self.store)
        except LockedError as exc:
            self.host.warn(self.tr("已锁定"), str(exc))
            return False
        except StoreError as exc:
            self.host.warn(self.tr("未能保存"), str(exc))
            return False
        self.record(edit, inverse)
        return True

    def record(self, done: Edit, inverse: Edit) -> None:
        """Make undoable an edit a use case has already applied (an import: backed up and stored in app/)."""
        self.stack.push(EditCommand(self.store, done, inverse, self.applied, self._failed))
        self.applied(done)

    def applied(self, edit: Edit) -> None:
        self.host.edit_applied(edit)

    def _failed(self, exc: StoreError) -> None:
        self.host.warn(self.tr("无法撤销或重做"), str(exc))

    def undo(self) -> None:
        command = next_undo(self.stack)
        if command is not None and self._allowed(command.undo_edit, self.tr("撤销")):
            self.stack.undo()
            self._show_changed(command.undo_edit)
            self.host.say(self.tr("已撤销：{label}").format(label=command.text()))

    def redo(self) -> None:
        command = next_redo(self.stack)
        if command is not None and self._allowed(command.redo_edit, self.tr("重做")):
            self.stack.redo()
            self._show_changed(command.redo_edit)
            self.host.say(self.tr("已重做：{label}").format(label=command.text()))

    def _show_changed(self, edit: Edit) -> None:
        """The cursor goes to the first cell an undo or redo changed in the period shown."""
        changed = {metric for period, _, metric in edit.keys() if period == self.session.period.code}
        first = next((row.metric.code for row in self.session.rows if row.metric.code in changed), None)
        if first is not None:
            self.host.jump_to(first)

    def _allowed(self, edit: Edit, what: str) -> bool:
        locked = locked_keys(self.store, edit)
        if locked:
            names = "、".join(f"{self._dept_name(d)} {p}" for p, d in locked)
            self.host.warn(self.tr("已锁定"), self.tr("{names} 已锁定，不能{what}“{label}”。请先解锁。").format(
                names=names, what=what, label=edit.label))
        return not locked

    def _dept_name(self, code: str) -> str:
        dept = self.session.catalog.department(code)
        return dept.name if dept else code

    # ---- clipboard and clearing -----------------------------------------------------------
    def copy(self) -> None:
        indexes = sorted(self.host.table.selectedIndexes(), key=lambda i: (i.row(), i.column()))
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        texts = {(i.row(), i.column()): str(i.data() or "") for i in indexes}
        block = [[texts.get((r, c), "") for c in columns] for r in rows]
        QGuiApplication.clipboard().setText(block_text(block))

    def paste(self, text: str | None = None) -> PastePlan | None:
        """Paste a block copied from Excel at the current cell (or a single value into the selection)."""
        block = parse_block(QGuiApplication.clipboard().text() if text is None else text)
        current = self.host.table.currentIndex()
        if not block or not current.isValid():
            self.host.say(self.tr("剪贴板中没有可粘贴的内容，或没有选中单元格。"), error=True)
            return None
        cells = self._paste_cells(block, current)
        model = self.host.model
        rows = [model.row_at(r) for r in range(model.rowCount())]
        headers = tuple(model.header_text(header) for header in HEADERS)
        plan = plan_paste(self.session, rows, cells, FIELDS, headers)
        self._apply_paste(plan)
        return plan

    def _paste_cells(self, block, current):
        selected = self.host.table.selectedIndexes()
        if len(block) == 1 and len(block[0]) == 1 and len(selected) > 1:
            return [(i.row(), i.column(), block[0][0]) for i in selected]
        return block_cells(block, current.row(), current.column())

    def _apply_paste(self, plan: PastePlan) -> None:
        for refusal in plan.refused:
            if refusal.field is not None:
                self.session.drafts[(refusal.code, refusal.field)] = Draft(refusal.text, refusal.reason)
        for entry in plan.entries:
            self.session.drafts.pop((entry.metric, "value"), None)
            self.session.drafts.pop((entry.metric, "note"), None)
        self.host.metrics_changed({r.code for r in plan.refused if r.code})
        stored = bool(plan.entries) and self.perform(
            SetFigures(tuple(plan.entries), self.tr("粘贴 {count} 项").format(count=len(plan.entries)),
                       reason=self.tr("粘贴")))
        self._report_paste(plan, stored)

    def _report_paste(self, plan: PastePlan, stored: bool) -> None:
        from gui.dialogs import paste_summary

        title, text, details = paste_summary(plan, stored, self.host.model, self.session)
        self.host.say(text, error=bool(plan.refused))
        if plan.refused:
            box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                              self.host.window())
            box.setInformativeText(details)
            box.exec()

    def clear(self) -> None:
        """Delete: discard drafts in the selected cells, else clear their figures (one undo step)."""
        session, entries = self.session, {}
        for index in self.host.table.selectedIndexes():
            field = FIELDS.get(index.column())
            code = self.host.model.row_at(index.row()).metric.code
            if field is None or session.drafts.pop((code, field), None) is not None:
                self.host.metrics_changed({code})
                continue
            old = session.values.get(code)
            if old is not None and not session.lock_reason(code):
                base = entries.get(code) or entry_from_value(old)
                entries[code] = replace(base, number=None) if field == "value" else replace(base, note="")
        self._clear_entries(list(entries.values()))

    def _clear_entries(self, entries: list[Entry]) -> None:
        if entries:
            self.perform(SetFigures(tuple(entries), self.tr("清除 {count} 项").format(count=len(entries)),
                                    reason=self.tr("清除")))

    # ---- 说明 ------------------------------------------------------------------------
    def explain(self, finding: Finding) -> bool:
        """Open the 说明 dialog for a finding and store (or withdraw) the explanation."""
        if finding.severity == Severity.ERROR:
            self.host.warn(self.tr("不能用说明放行错误"),
                           self.tr("“{message}”是错误：请更正数据，错误不能通过说明放行。").format(
                               message=finding.message))
            return False
        row = self.session.row(finding.metric)
        existing = find_explanation(self.store, finding.period, finding.dept, finding.metric, finding.rule)
        dialog = ExplanationDialog(finding, row, self.session.values.get(finding.metric), existing,
                                   self.host.window())
        if dialog.exec() != ExplanationDialog.DialogCode.Accepted:
            return False
        text = dialog.text()
        if (existing is None and not text) or (existing and existing.text == text
                                                 and existing.fingerprint == finding.fingerprint):
            return False
        label = (self.tr("说明 {name}：{rule}") if text else self.tr("撤回说明 {name}：{rule}")).format(
            name=row.metric.name, rule=RULE_LABELS[finding.kind])
        return self.perform(SetExplanation(finding.period, finding.dept, finding.metric, finding.rule, text,
                                           finding.fingerprint, label=label))

    def explainable(self, code: str) -> list[Finding]:
        return [f for f in self.session.findings.get(code, ()) if f.severity != Severity.ERROR]

    def confirm_discard_drafts(self) -> bool:
        """Before leaving a period: drafts are typed text; say what would be lost and ask."""
        drafts = self.session.drafts if self.session else {}
        if not drafts:
            return True
        names = "、".join(self.session.row(code).metric.name for code, _ in list(drafts)[:5])
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("有未保存的输入"), self.tr(
            "{count} 个单元格中的内容无法识别、尚未保存（{names}…）。\n离开后这些输入将被丢弃。").format(
                count=len(drafts), names=names), QMessageBox.StandardButton.NoButton, self.host.window())
        box.setInformativeText(self.tr("按“返回修改”回到表格改正这些输入（无法识别的内容不能保存）。"))
        discard = box.addButton(self.tr("放弃输入并离开"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(self.tr("返回修改"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.exec()
        return box.clickedButton() is discard
