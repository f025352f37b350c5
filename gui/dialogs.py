"""Dialogs that show records: results of imports and exports, the audit trail, the diff, locks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
)

from app.paste import PastePlan
from gui.figures_model import HEADERS
from gui.screen_fit import fit_to_screen
from gui.table_model import ListTableModel
from models.listing import first

MAX_LISTED = 30


class RecordsModel(ListTableModel):
    """Read-only rows of texts under headers: a thin adapter for the record dialogs."""

    def __init__(self, headers: tuple[str, ...], rows: list[tuple[str, ...]], parent=None):
        super().__init__(parent)
        self.headers, self._rows = headers, rows

    def rows(self):
        return self._rows

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        return None


class RecordsDialog(QDialog):
    """A summary line, a table of records, and buttons: close, open the folder, or confirm."""

    def __init__(self, title: str, summary: str, headers: tuple[str, ...], rows: list[tuple[str, ...]],
                 parent=None, folder: Path | None = None, accept_text: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        fit_to_screen(self, QSize(860, 480 if rows else 200), centre=False)
        rows, rest = first(rows, what="")  # a file with a problem in every cell: a screenful and a count
        self.summary = QLabel(f"{summary}\n（仅列出前 {len(rows)} 项）{rest}" if rest else summary)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = RecordsModel(headers, rows, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        if rows:
            layout.addWidget(self._table(), 1)
        layout.addWidget(self._buttons(folder, accept_text))

    def _table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table = table
        return table

    def _buttons(self, folder: Path | None, accept_text: str) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        if accept_text:
            buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
            buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        else:
            buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole).setDefault(True)
        if folder is not None:
            self.open_folder_button = buttons.addButton(self.tr("打开所在文件夹"), QDialogButtonBox.ButtonRole.ActionRole)
            self.open_folder_button.clicked.connect(lambda: open_folder(folder))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons


def open_folder(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class DepartmentDialog(QDialog):
    """Choose a department and write a reason (locking, unlocking, a blank workbook)."""

    def __init__(self, title: str, prompt: str, departments: list[tuple[str, str]], current: str | None,
                 parent=None, reason_label: str = "", reason_required: bool = False):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.dept_box = QComboBox()
        for code, name in departments:
            self.dept_box.addItem(name, code)
        self.dept_box.setCurrentIndex(max(self.dept_box.findData(current), 0))
        self.reason = QLineEdit()
        self._required = reason_required
        form = QFormLayout(self)
        explanation = QLabel(prompt)
        explanation.setWordWrap(True)
        form.addRow(explanation)
        form.addRow(self.tr("填报单位："), self.dept_box)
        if reason_label:
            form.addRow(reason_label, self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self) -> None:
        if self._required and not self.reason.text().strip():
            self.reason.setStyleSheet("QLineEdit { border: 2px solid #c62828; }")
            self.reason.setPlaceholderText(self.tr("必须写明原因"))
            return
        self.accept()

    def chosen(self) -> tuple[str, str]:
        return self.dept_box.currentData(), self.reason.text().strip()


def tr(text: str) -> str:
    return QCoreApplication.translate("Dialogs", text)


def paste_summary(plan: PastePlan, stored: bool, model, session) -> tuple[str, str, str]:
    """Title, one-line summary and the list of refused cells of a paste."""
    parts = []
    if stored:
        parts.append(tr("已粘贴 {count} 项（可用 Ctrl+Z 一步撤销）").format(count=len(plan.entries)))
    elif plan.entries:
        parts.append(tr("{count} 项未能保存").format(count=len(plan.entries)))
    else:
        parts.append(tr("没有数值被改动"))
    if plan.refused:
        parts.append(tr("{count} 个单元格未保存（原文留在红框单元格中）").format(count=len(plan.refused)))
    if plan.unchanged:
        parts.append(tr("{count} 项与原值相同").format(count=plan.unchanged))
    if plan.blank:
        parts.append(tr("{count} 个空白单元格未改动").format(count=plan.blank))
    lines = [_refusal_line(r, session) for r in plan.refused[:MAX_LISTED]]
    if len(plan.refused) > MAX_LISTED:
        lines.append(tr("…… 另有 {count} 个").format(count=len(plan.refused) - MAX_LISTED))
    return tr("粘贴结果"), "；".join(parts) + "。", "\n".join(lines)


def _refusal_line(refusal, session) -> str:
    if refusal.code:
        where = session.row(refusal.code).metric.name
    else:
        where = tr("第 {row} 行").format(row=refusal.row + 1)
    if refusal.column < len(HEADERS):
        column = tr(HEADERS[refusal.column])
    else:
        column = tr("第 {column} 列").format(column=refusal.column + 1)
    return f"{where} · {column}：“{refusal.text}” — {refusal.reason}"
