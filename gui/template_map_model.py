"""The rows of a province form and the metric each is matched to: a thin table over ``FormMapping``.

Decisions go through ``exports.form_match.set_row`` (the same the ``template map`` command uses);
the model only says which rows changed.  Matched rows are tinted green, suggestions waiting for
confirmation yellow, rows left out or unmatched grey.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from exports.form_match import IGNORED, SUGGESTED, FormMapping, RowMatch, set_row
from gui.table_model import ListTableModel
from models.catalog import Catalog, Metric

MATCHED = QColor("#e2f0d9")
SUGGESTION = QColor("#fff2cc")
UNMATCHED = QColor("#808080")


class TemplateRowsModel(ListTableModel):
    headers = ("行", "表中名称", "对应指标", "指标代码", "对应方式")

    def __init__(self, mapping: FormMapping, catalog: Catalog, parent=None):
        super().__init__(parent)
        self.mapping, self.catalog = mapping, catalog
        self.changed = False  # a decision not yet saved

    def rows(self) -> list[RowMatch]:
        return self.mapping.matches

    def header_text(self, header: str) -> str:
        return self.tr(header)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.mapping.matches):
            return None
        match = self.mapping.matches[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(match, index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(match)
        if role == Qt.ItemDataRole.ForegroundRole and not match.usable and match.how != SUGGESTED:
            return QBrush(UNMATCHED)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(match)
        return None

    def _text(self, match: RowMatch, column: int) -> str:
        metric = self.catalog.metric(match.metric) if match.metric else None
        if column == 0:
            return f"{match.row.sheet} 第{match.row.row}行" if len(self.mapping.layout.sheets) > 1 else str(match.row.row)
        if column == 1:
            return match.row.label or match.row.code
        if column == 2:
            return metric.name if metric else (self.tr("不填") if match.how == IGNORED else self.tr("（未对应）"))
        if column == 3:
            return metric.code if metric else ""
        if match.how == SUGGESTED:
            return self.tr("建议，待确认（相似度 {similarity:.2f}）").format(similarity=match.similarity)
        return self.tr(match.how) if match.how else self.tr("未对应")

    def _background(self, match: RowMatch) -> QBrush | None:
        if match.how == SUGGESTED:
            return QBrush(SUGGESTION)
        return QBrush(MATCHED) if match.usable else None

    def _tip(self, match: RowMatch) -> str:
        if match.how == SUGGESTED:
            return self.tr("名称相近，须确认后才会在正式导出中填写")
        if not match.metric:
            return self.tr("指标目录中没有这一行，导出时留空")
        return ""

    def match_at(self, row: int) -> RowMatch | None:
        return self.mapping.matches[row] if 0 <= row < len(self.mapping.matches) else None

    def decide(self, row: int, metric: Metric | None) -> None:
        """This row is ``metric`` (confirmed), or left out when None."""
        match = self.match_at(row)
        if match is None:
            return
        set_row(self.mapping, match.row.key, metric)
        self.changed = True
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))

    def confirm(self, row: int) -> None:
        match = self.match_at(row)
        if match is not None and match.how == SUGGESTED:
            self.decide(row, self.catalog.metric(match.metric))
