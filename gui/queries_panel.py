"""The 问询 list: the 营商办's questions on the figures shown, who asked when, the answer and its state.

``QueriesModel`` is a thin table model over ``Query`` records (read through ``app.queries``); the
panel lays it out with the buttons that ask, answer and close (the window's actions, so that a
button and its menu entry are one command).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui import icons
from gui.table_model import ListTableModel
from models.workflow import Query

Role = Qt.ItemDataRole
QUERY_ROLE = Role.UserRole + 1
HEADERS = ("状态", "填报单位", "指标", "问询", "提问", "回复", "回复人")
STATE_COLUMN = 0


def tr(text: str) -> str:
    return QCoreApplication.translate("QueriesPanel", text)


def state_text(query: Query) -> str:
    if not query.is_open:
        return tr("已关闭")
    return tr("已回复，待关闭") if query.answered else tr("未回复")


def _when(at: str) -> str:
    return at[:16].replace("T", " ")


class QueriesModel(ListTableModel):
    """Queries as rows; ``names`` gives (department name, metric name) of a query."""

    headers = HEADERS

    def __init__(self, names: Callable[[Query], tuple[str, str]], parent=None):
        super().__init__(parent)
        self._names = names
        self._rows: list[Query] = []

    def rows(self) -> list[Query]:
        return self._rows

    def header_text(self, header: str) -> str:
        return tr(header)

    def set_queries(self, queries: list[Query]) -> None:
        self.beginResetModel()
        self._rows = list(queries)
        self.endResetModel()

    def query(self, row: int) -> Query:
        return self._rows[row]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Role.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        query = self._rows[index.row()]
        if role in (Role.DisplayRole, Role.ToolTipRole):
            return self._texts(query)[index.column()]
        if role == QUERY_ROLE:
            return query
        if role == Role.DecorationRole and index.column() == STATE_COLUMN and query.is_open:
            return icons.query_icon(query.answered)
        return None

    def _texts(self, query: Query) -> tuple[str, ...]:
        dept, metric = self._names(query)
        answer_by = f"{query.answer_who} {_when(query.answer_at)}" if query.answered else ""
        return (state_text(query), dept, metric, query.text, f"{query.who} {_when(query.at)}", query.answer, answer_by)


class QueriesPanel(QWidget):
    """The list with 显示已关闭 and the ask / answer / close buttons; double-click goes to the figure."""

    jump = Signal(str)  # metric code
    show_closed_changed = Signal(bool)

    def __init__(self, names: Callable[[Query], tuple[str, str]], parent=None):
        super().__init__(parent)
        self.model = QueriesModel(names, self)
        self.show_closed = QCheckBox(tr("显示已关闭的问询"))
        self.count_label = QLabel()
        self.table = self._table()
        self._bar = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._bar)
        layout.addWidget(self.table, 1)
        self.show_closed.toggled.connect(self.show_closed_changed)
        self.table.doubleClicked.connect(lambda index: self.jump.emit(index.data(QUERY_ROLE).metric))

    def _table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((140, 90, 170, 280, 150, 220)):
            table.setColumnWidth(column, width)
        return table

    def add_buttons(self, actions: list[QAction]) -> None:
        """The window's ask / answer / close commands as buttons above the list."""
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self._bar.addWidget(button)
        self._bar.addStretch(1)
        self._bar.addWidget(self.show_closed)
        self._bar.addWidget(self.count_label)

    def set_queries(self, queries: list[Query]) -> None:
        self.model.set_queries(queries)
        waiting = sum(1 for q in queries if q.is_open and not q.answered)
        self.count_label.setText(tr("共 {total} 条，未回复 {waiting} 条").format(total=len(queries), waiting=waiting))

    def current_query(self) -> Query | None:
        index = self.table.currentIndex()
        return index.data(QUERY_ROLE) if index.isValid() else None
