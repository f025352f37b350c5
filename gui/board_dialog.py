"""The coordinator's board in the window: each filing department's completeness, problems, queries,
state and timeliness for the period shown, sortable and filtered by state, exportable as a workbook.

``BoardModel`` is a thin table model over ``app.board``'s ``Board``, ``QuarterModel`` over its
``QuarterBoard`` (each department's state in every quarter of the year so far, shown with 各季度);
the dialog only lays them out.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.table_model import ListTableModel
from models.workflow import Board, BoardRow, QuarterBoard, QuarterRow, State

COLUMNS = ("部门", "已填/应填", "错误", "待说明警告", "未关问询", "状态", "提交时间", "期限")
STATE_COLUMN = COLUMNS.index("状态")
SORT_ROLE = Qt.ItemDataRole.UserRole
ATTENTION = QColor("#c00000")
_WAITING = (State.NOT_STARTED, State.FILING, State.RETURNED)  # the department still has work to do
Index = QModelIndex | QPersistentModelIndex


class BoardModel(ListTableModel):
    headers = COLUMNS

    def __init__(self, board: Board | None = None, parent=None):
        super().__init__(parent)
        self._rows: tuple[BoardRow, ...] = board.rows if board else ()

    def rows(self) -> tuple[BoardRow, ...]:
        return self._rows

    def header_text(self, header: str) -> str:
        return self.tr(header)

    def set_board(self, board: Board) -> None:
        self.beginResetModel()
        self._rows = board.rows
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _shown(row)[column]
        if role == SORT_ROLE:
            return _sort_key(row)[column]
        if role == Qt.ItemDataRole.ForegroundRole and _needs_attention(row, column):
            return QBrush(ATTENTION)
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def row_of(self, index: int) -> BoardRow:
        return self._rows[index]


def _shown(row: BoardRow) -> tuple[str, ...]:
    submitted = row.submitted_at[:16].replace("T", " ") or "—"
    return (row.name, f"{row.filed}/{row.required}", str(row.errors), str(row.warnings), str(row.queries),
            row.state.value, submitted, row.timeliness)


def _sort_key(row: BoardRow) -> tuple:
    share = row.filed / row.required if row.required else 1.0
    return (row.name, share, row.errors, row.warnings, row.queries, list(State).index(row.state),
            row.submitted_at or "~", row.timeliness)


def _needs_attention(row: BoardRow, column: int) -> bool:
    checks = (False, row.filed < row.required, row.errors > 0, row.warnings > 0, row.queries > 0,
              row.state in _WAITING, False, "逾期" in row.timeliness)
    return checks[column]


class QuarterModel(ListTableModel):
    """One row per department, one column per quarter of the year so far: its state, and lateness."""

    def __init__(self, board: QuarterBoard, parent=None):
        super().__init__(parent)
        self.headers = ("部门", *board.labels)
        self._rows: tuple[QuarterRow, ...] = board.rows

    def rows(self) -> tuple[QuarterRow, ...]:
        return self._rows

    def header_text(self, header: str) -> str:
        return self.tr(header)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        cell = row.cells[column - 1] if column else None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text if cell else row.name
        if role == SORT_ROLE:
            return (list(State).index(cell.state), cell.late) if cell else row.name
        if role == Qt.ItemDataRole.ForegroundRole and cell is not None and (cell.late or cell.state == State.RETURNED):
            return QBrush(ATTENTION)
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class BoardDialog(QDialog):
    """填报进度: the board of one period; 导出看板 writes it as a workbook through ``export``; 各季度
    shows ``quarters()`` (read when first asked for) instead."""

    def __init__(self, board: Board, export, parent: QWidget | None = None, quarters=None):
        super().__init__(parent)
        self.board, self._export, self._quarters = board, export, quarters
        self.quarter_model: QuarterModel | None = None
        self.by_quarter = QCheckBox(self.tr("各季度"), self)
        self.by_quarter.setToolTip(self.tr("本年截至本期每个季度各部门的状态，每季度一列"))
        self.by_quarter.setVisible(quarters is not None)
        self.by_quarter.toggled.connect(self._show_quarters)
        self.setWindowTitle(self.tr("填报进度 — {period}").format(period=board.label))
        self.model = BoardModel(board, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(STATE_COLUMN)
        self.table = self._table()
        self.states = QComboBox(self)
        self.states.addItem(self.tr("全部状态"), "")
        for state in State:
            self.states.addItem(self.tr(state.value), state.value)
        self.states.currentIndexChanged.connect(self._filter)
        self.deadline = QLabel(self._deadline_text(), self)
        self.signoffs = QLabel(self._signoff_text(), self)
        self.signoffs.setWordWrap(True)
        self._layout()
        self.resize(900, 480)

    def _table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the profile's order until a header is clicked
        table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.deadline, 1)
        top.addWidget(self.by_quarter)
        top.addWidget(QLabel(self.tr("只看："), self))
        top.addWidget(self.states)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole).setDefault(True)
        self.export_button = buttons.addButton(self.tr("导出看板…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(lambda: self._export(self.board))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.signoffs)
        layout.addWidget(buttons)

    def _show_quarters(self, shown: bool) -> None:
        """Switch the table between the period's board and the states by quarter."""
        if shown and self.quarter_model is None:
            self.quarter_model = QuarterModel(self._quarters(), self)
            self.quarter_proxy = QSortFilterProxyModel(self)
            self.quarter_proxy.setSourceModel(self.quarter_model)
            self.quarter_proxy.setSortRole(SORT_ROLE)
        self.table.setModel(self.quarter_proxy if shown else self.proxy)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.states.setEnabled(not shown)  # the state filter reads the period's board

    def _filter(self) -> None:
        wanted = self.states.currentData()
        self.proxy.setFilterFixedString(wanted)

    def _deadline_text(self) -> str:
        board = self.board
        if board.deadline is None:
            return self.tr("{period} 未设截止日期（区县配置或 profile deadline 命令设置）。").format(period=board.label)
        return self.tr("{period} 截止日期 {day}，{left}。").format(period=board.label, day=board.deadline.isoformat(),
                                                              left=board.deadline_text)

    def _signoff_text(self) -> str:
        if not self.board.signoffs:
            return self.tr("签字确认：审核人、负责人均未签字。")
        parts = []
        for done in self.board.signoffs:
            state = self.tr("有效") if done.valid else self.tr("签字已失效：{why}").format(why=done.void_reason)
            parts.append(f"{done.role.value} {done.name}（{done.at[:16].replace('T', ' ')}）：{state}")
        return self.tr("签字确认：") + "；".join(parts)
