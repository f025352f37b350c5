"""The metrics of one evaluation year with the district's target and 不适用 mark of each: the table
of the 区县配置 dialog's 目标与不适用 page."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from gui.table_model import ListTableModel
from models.catalog import Catalog, Indicator, Metric

Role = Qt.ItemDataRole
CODE_ROLE = Role.UserRole + 1  # the metric code
DIMMED = QColor("#808080")  # a metric the district does not report this year


def tr(text: str) -> str:
    return QCoreApplication.translate("YearTargetsModel", text)


@dataclass(frozen=True, slots=True)
class TargetRow:
    indicator: Indicator
    metric: Metric
    reason: str  # why it is 不适用 this year; "" when it applies
    whole_indicator: bool  # the mark is on the indicator, not on the metric itself

    def texts(self) -> tuple[str, ...]:
        metric, target = self.metric, self.metric.target
        if target is None:
            shown = ("", "", "", "")
        else:
            baseline = "" if target.baseline is None else f"{target.baseline:g}{metric.unit}"
            shown = (target.text(metric.unit), tr("第{due}季度").format(due=target.due), baseline, target.source)
        reason = tr("整个一级指标：{reason}").format(reason=self.reason) if self.whole_indicator else self.reason
        return (self.indicator.name, metric.name, metric.unit, *shown, reason)


class YearTargetsModel(ListTableModel):
    headers = ("一级指标", "指标", "单位", "目标", "考核季度", "基线", "出处", "不适用原因")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[TargetRow] = []
        self._texts: list[tuple[str, ...]] = []

    def header_text(self, header: str) -> str:
        return tr(header)

    def rows(self) -> list[TargetRow]:
        return self._rows

    def set_catalog(self, catalog: Catalog | None) -> None:
        """Show a year's catalog as the district judges it (its own targets where it set them)."""
        self.beginResetModel()
        self._rows = [] if catalog is None else [
            TargetRow(indicator, metric, catalog.not_applicable(metric.code), _on_indicator(catalog, indicator, metric))
            for indicator in catalog.indicators for metric in indicator.metrics]
        self._texts = [row.texts() for row in self._rows]
        self.endResetModel()

    def row(self, number: int) -> TargetRow:
        return self._rows[number]

    def texts(self, number: int) -> tuple[str, ...]:
        return self._texts[number]

    def row_of(self, metric_code: str) -> int:
        return next((n for n, row in enumerate(self._rows) if row.metric.code == metric_code), -1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Role.DisplayRole):
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, text = self._rows[index.row()], self._texts[index.row()][index.column()]
        if role == Role.DisplayRole:
            return text
        if role == Role.ToolTipRole:
            return text or None
        if role == CODE_ROLE:
            return row.metric.code
        if role == Role.ForegroundRole and row.reason:
            return DIMMED
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _on_indicator(catalog: Catalog, indicator: Indicator, metric: Metric) -> bool:
    """The metric is 不适用 because its whole indicator is (not by a mark of its own)."""
    settings = catalog.profile.years.get(catalog.year)
    marks = settings.not_applicable if settings else {}
    return metric.code not in marks and indicator.code in marks



class YearTargetsFilter(QSortFilterProxyModel):
    """The rows whose name, code or texts hold what was typed; or only those with a target or a mark."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = ""
        self.only_set = False

    def set_filter(self, text: str, only_set: bool) -> None:
        self.beginFilterChange()
        self.text, self.only_set = text.strip().lower(), only_set
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        row = model.row(source_row)
        if self.only_set and row.metric.target is None and not row.reason:
            return False
        if not self.text:
            return True
        texts = (row.metric.code, row.indicator.code, *model.texts(source_row))
        return any(self.text in text.lower() for text in texts)
