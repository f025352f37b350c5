"""The entry table widget: Excel-like keys, a cell editor that refuses what it cannot read.

A refused figure keeps its editor open with a red frame and the reason beside it; if the filer
leaves the cell anyway, the model keeps the text as a draft (shown red, not saved), so nothing
typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QToolTip,
    QWidget,
)

from app.status import Status
from gui import icons
from gui.figures_model import EDITABLE, METRIC_ROLE, STATUS_ROLE, Column

# (metric code, field, typed text) → the reason the text cannot be stored, or None
CheckFn = Callable[[str, str, str], str | None]
REFUSED_STYLE = "QLineEdit { border: 2px solid #c62828; background: #fff5f5; }"
MOVES = {  # key → (rows, columns) to move after committing, as in Excel
    Qt.Key.Key_Return: (1, 0), Qt.Key.Key_Enter: (1, 0), Qt.Key.Key_Tab: (0, 1), Qt.Key.Key_Backtab: (0, -1),
}


class FigureDelegate(QStyledItemDelegate):
    refused = Signal(QModelIndex, str)  # where, and why the typed text was not taken
    move = Signal(int, int)  # rows, columns: where the cursor goes after a commit

    def __init__(self, check: CheckFn, locked: Callable[[str], str | None], parent=None):
        super().__init__(parent)
        self._check, self._locked = check, locked
        self._editing: dict[QWidget, QPersistentModelIndex] = {}

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget | None:
        why = self._locked(index.data(METRIC_ROLE))
        if why:
            self.refused.emit(index, why)
            return None
        editor = QLineEdit(parent)
        editor.setFrame(False)
        self._editing[editor] = QPersistentModelIndex(index)
        editor.destroyed.connect(lambda *_: self._forget(editor))
        return editor

    def _forget(self, editor) -> None:
        self._editing.pop(editor, None)

    def setEditorData(self, editor: QLineEdit, index: QModelIndex) -> None:
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QLineEdit, model, index: QModelIndex) -> None:
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def reason(self, editor: QLineEdit) -> str | None:
        index = self._editing.get(editor)
        if index is None or not index.isValid():
            return None
        return self._check(index.data(METRIC_ROLE), EDITABLE[Column(index.column())], editor.text())

    def eventFilter(self, editor, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in MOVES and editor in self._editing:
            return self._finish(editor, event)
        return super().eventFilter(editor, event)

    def _finish(self, editor: QLineEdit, event: QKeyEvent) -> bool:
        """Enter/Tab: commit and move like Excel, or refuse and keep the editor with the text."""
        why = self.reason(editor)
        if why:
            self._show_refusal(editor, why)
            return True
        rows, columns = MOVES[event.key()]
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and rows:
            rows = -rows
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.move.emit(rows, columns)
        return True

    def _show_refusal(self, editor: QLineEdit, why: str) -> None:
        editor.setStyleSheet(REFUSED_STYLE)
        editor.setToolTip(why)
        # beside the cell on its own row (Qt puts a tip 16 px below the point), rows around stay readable
        QToolTip.showText(editor.mapToGlobal(editor.rect().topRight()) + QPoint(10, -16), why, editor)
        index = self._editing[editor]
        self.refused.emit(QModelIndex(index), why)

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        if index.column() == Column.VALUE and index.data(STATUS_ROLE) in (Status.DRAFT, Status.ERROR):
            painter.save()
            painter.setPen(QPen(icons.strong(Status.ERROR), 2))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()


class FiguresView(QTableView):
    """A table that moves like Excel: Enter goes down, Tab right (read-only cells skipped); typing starts editing."""

    clear_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.setWordWrap(False)

    def dataChanged(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()) -> None:
        if list(roles) != [Qt.ItemDataRole.ToolTipRole]:  # a tooltip is read when shown, never painted
            super().dataChanged(top_left, bottom_right, roles)

    def move_by(self, rows: int, columns: int) -> None:
        current = self.currentIndex()
        if current.isValid():
            self.setCurrentIndex(self.step(current, rows, columns))

    def step(self, current: QModelIndex, rows: int, columns: int) -> QModelIndex:
        """The next cell a filer can type in, as Excel's Enter and Tab go: down or up its column (or
        to the row's first such cell when the column is read-only), right or left along the row and
        on to the next row's.  ``current`` itself when there is none that way."""
        model = self.model()
        if rows:
            row = min(max(current.row() + rows, 0), model.rowCount() - 1)
            columns_of_row = [c for c in range(model.columnCount()) if self._editable(row, c)]
            column = current.column() if current.column() in columns_of_row else next(iter(columns_of_row), None)
            return model.index(row, column) if column is not None else current
        row, column, width = current.row(), current.column(), model.columnCount()
        while columns:
            row, column = divmod(row * width + column + columns, width)
            if not 0 <= row < model.rowCount():
                return current
            if self._editable(row, column):
                return model.index(row, column)
        return current

    def _editable(self, row: int, column: int) -> bool:
        return bool(self.model().flags(self.model().index(row, column)) & Qt.ItemFlag.ItemIsEditable)

    def moveCursor(self, action, modifiers) -> QModelIndex:
        """Tab and Shift+Tab outside an editor skip the read-only cells too."""
        steps = {QAbstractItemView.CursorAction.MoveNext: 1, QAbstractItemView.CursorAction.MovePrevious: -1}
        if action in steps and self.currentIndex().isValid():
            return self.step(self.currentIndex(), 0, steps[action])
        return super().moveCursor(action, modifiers)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.move_by(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1, 0)
                return
            if event.key() == Qt.Key.Key_Delete and not event.modifiers():
                self.clear_requested.emit()
                return
        super().keyPressEvent(event)

    def fit_columns(self) -> None:
        widths = {Column.NAME: 230, Column.UNIT: 52, Column.VALUE: 96, Column.LAST_YEAR: 88,
                  Column.YOY: 112, Column.TARGET: 76, Column.STATUS: 84}
        for column, width in widths.items():
            self.setColumnWidth(column, width)
