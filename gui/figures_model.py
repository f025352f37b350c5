"""A thin Qt table model over the figures of one period (and optionally one department)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.catalog import Catalog, Indicator, Metric
from models.values import Value

_ROOT = QModelIndex()
COLUMNS = ("一级指标", "指标名称", "单位", "本期数值", "上年同期", "说明")


@dataclass(frozen=True)
class FigureRow:
    indicator: Indicator
    metric: Metric
    current: Value | None
    last_year: Value | None


def build_rows(catalog: Catalog, dept: str | None, current: list[Value],
               last_year: list[Value]) -> list[FigureRow]:
    """One row per metric the department files (every metric when ``dept`` is None)."""
    now = {v.metric: v for v in current}
    before = {v.metric: v for v in last_year}
    rows = []
    for indicator in catalog.indicators:
        if dept is not None and catalog.lead_of(indicator.code) != dept:
            continue
        for metric in indicator.metrics:
            rows.append(FigureRow(indicator, metric, now.get(metric.code), before.get(metric.code)))
    return rows


class FiguresModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[FigureRow] = []

    def set_rows(self, rows: list[FigureRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> FigureRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return f"{row.metric.code}：{row.metric.description or row.metric.name}"
        return None

    @staticmethod
    def _display(row: FigureRow, column: int) -> str:
        if column == 0:
            return row.indicator.name
        if column == 1:
            return row.metric.name
        if column == 2:
            return row.metric.unit
        if column == 3:
            return row.current.raw if row.current else ""
        if column == 4:
            return row.last_year.raw if row.last_year else ""
        return row.current.note if row.current else ""
