"""What a metric means, shown to the filer: the 指标名称 cell's tooltip and the 指标说明 dock.

Both read the catalog's 指标解释 / 计算公式 / 数据来源 / 填报频率 of the metric; a field the catalog
leaves empty is left out rather than shown blank.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QTableView, QTextBrowser, QVBoxLayout, QWidget

from models.catalog import Frequency, Kind, Metric

FREQUENCY_TEXT = {Frequency.QUARTER: "季度（每季度填报）", Frequency.HALF: "半年（第二、四季度填报）",
                  Frequency.YEAR: "年度（第四季度填报）"}
KIND_TEXT = {Kind.YTD: "本年累计", Kind.LEVEL: "期末时点", Kind.QUARTER: "当季"}
TIP_WIDTH = 36  # characters per tooltip line: a plain-text tooltip never wraps by itself


def tr(text: str) -> str:
    return QCoreApplication.translate("MetricInfo", text)


def meaning_fields(metric: Metric) -> list[tuple[str, str]]:
    """(label, text) of each field the catalog fills, in the order a filer reads them."""
    fields = [(tr("指标解释"), metric.description), (tr("计算公式"), metric.formula),
              (tr("数据来源"), metric.data_source), (tr("填报频率"), tr(FREQUENCY_TEXT[metric.frequency]))]
    return [(label, text) for label, text in fields if text]


def meaning_tip_lines(metric: Metric) -> list[str]:
    """The tooltip lines of the 指标名称 cell, wrapped to a readable width."""
    lines = []
    for label, text in meaning_fields(metric):
        first, *rest = wrapped(f"{label}：{text}", TIP_WIDTH)
        lines += [first] + ["　　" + line for line in rest]
    return lines


def wrapped(text: str, width: int) -> list[str]:
    """Break Chinese text every ``width`` characters, never inside a number or a Latin word."""
    lines = []
    while len(text) > width:
        cut = width
        while cut > width // 2 and _joined(text[cut - 1], text[cut]):
            cut -= 1
        cut = cut if cut > width // 2 else width
        lines.append(text[:cut])
        text = text[cut:]
    return lines + [text]


def _joined(before: str, after: str) -> bool:
    word = str.isascii
    return (word(before) and before.isalnum() or before in ".%") and (word(after) and after.isalnum() or after in ".%")


class MetricInfoPanel(QWidget):
    """The current metric's name, unit and kind, then its meaning field by field."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.caption)
        layout.addWidget(self.body, 1)
        self.show_metric(None)

    def show_metric(self, metric: Metric | None) -> None:
        if metric is None:
            self.caption.setText(tr("选择一项指标，这里显示它的解释、计算公式和数据来源。"))
            self.body.clear()
            return
        self.caption.setText(f"<b>{escape(metric.name)}</b>（{escape(metric.unit)}，"
                             f"{tr(KIND_TEXT[metric.kind])}，{escape(metric.code)}）")
        parts = [f"<p><b>{escape(label)}</b><br>{escape(text)}</p>" for label, text in meaning_fields(metric)]
        if not metric.description:
            parts.insert(0, "<p>" + tr("目录中尚无本指标的解释，请向营商办询问口径。") + "</p>")
        self.body.setHtml("".join(parts))

    def text(self) -> str:
        return self.caption.text() + "\n" + self.body.toPlainText()


class MetricInfoDock(QDockWidget):
    """The 指标说明 dock: tabbed with the trend chart, following the entry table's current row."""

    def __init__(self, window: QMainWindow, table: QTableView, beside: QDockWidget):
        super().__init__(tr("指标说明"), window)
        self.setObjectName("meaning")
        self.panel = MetricInfoPanel()
        self.setWidget(self.panel)
        self._table = table
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        window.tabifyDockWidget(beside, self)
        beside.raise_()  # the chart stays in front until the filer asks for the meaning
        table.selectionModel().currentChanged.connect(self.follow)
        table.model().modelReset.connect(lambda: self.follow(table.currentIndex()))

    def follow(self, current: QModelIndex, *_) -> None:
        model = self._table.model()
        self.panel.show_metric(model.row_at(current.row()).metric if current.isValid() else None)

    def toggle(self) -> None:
        """Bring the panel to the front, or close it if it is in front already."""
        if self.isVisible() and not self.visibleRegion().isEmpty():
            self.hide()
        else:
            self.show()
            self.raise_()
