"""The trends view: one metric's quarters this year and last year against its target.

Drawn with QPainter (PySide6-Essentials has no QtCharts): axes, two series, the target line,
a legend and Chinese labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.formatting import nice_ticks
from models.catalog import Kind, Metric, Target
from models.precision import trimmed

THIS_YEAR = QColor("#1f6fd1")
LAST_YEAR = QColor("#9a9a9a")
TARGET = QColor("#d32f2f")
QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")
YEAR_TO_DATE = ("一季度", "上半年", "前三季度", "全年")


@dataclass
class TrendData:
    name: str = ""
    unit: str = ""
    decimals: int = 0
    cumulative: bool = False
    year: int = 0
    series: dict[int, dict[int, float]] = field(default_factory=dict)  # year → quarter → number
    target: Target | None = None
    bounds: tuple[float | None, float | None] = (0.0, None)  # what the figure can be at all

    @classmethod
    def of(cls, metric: Metric, year: int, series: dict[int, dict[int, float]]) -> TrendData:
        return cls(metric.name, metric.unit, max(metric.decimals, 0), metric.kind == Kind.YTD,
                   year, series, metric.target, (metric.lower_bound, metric.upper_bound))

    def numbers(self) -> list[float]:
        found = [n for quarters in self.series.values() for n in quarters.values()]
        return found + ([self.target.value] if self.target else [])

    def axis(self) -> list[float]:
        """Ticks around the figures and the target, as Excel scales a chart: 95–100 for rates
        near 99%, from 0 for counts that grow from little; never beyond what the figure can be."""
        numbers = self.numbers()
        if not numbers:
            return [0.0, 1.0]
        low, high = min(numbers), max(numbers)
        pad = (high - low) * 0.15 or abs(high) * 0.05 or 1.0
        lower, upper = self.bounds
        low = max(low - pad, lower) if lower is not None else low - pad
        high = min(high + pad, upper) if upper is not None and high <= upper else high + pad
        if 0 < low < (high - low):  # close to zero: start at zero
            low = 0.0
        return nice_ticks(low, high)


class TrendChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.data = TrendData()
        self.setMinimumSize(320, 220)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # fills its background: nothing beneath repaints
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 280)

    def set_data(self, data: TrendData) -> None:
        if data != self.data:
            self.data = data
            self.update()

    # ---- geometry -------------------------------------------------------------------
    def _plot_rect(self, metrics: QFontMetrics) -> QRectF:
        labels = [self._tick_text(t) for t in self._ticks()]
        left = max((metrics.horizontalAdvance(t) for t in labels), default=20) + 14
        lines = max((line for _, _, line in self._legend_places(metrics)), default=0) + 1
        top = lines * (metrics.height() + 4) + metrics.height() + 12  # the legend, then room for point labels
        bottom = metrics.height() + 12
        return QRectF(left, top, max(self.width() - left - 16, 10), max(self.height() - top - bottom, 10))

    def _ticks(self) -> list[float]:
        return self.data.axis()

    def _tick_text(self, tick: float) -> str:
        return trimmed(tick, 3)

    def _x(self, plot: QRectF, quarter: int) -> float:
        return plot.left() + plot.width() * (quarter - 0.5) / 4

    def _y(self, plot: QRectF, ticks: list[float], number: float) -> float:
        low, high = ticks[0], ticks[-1]
        return plot.bottom() - (number - low) / (high - low) * plot.height()

    # ---- painting -------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        metrics = painter.fontMetrics()
        if not self.data.name or not any(self.data.series.values()):
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("暂无数据：选择一项指标查看趋势"))
            return
        plot, ticks = self._plot_rect(metrics), self._ticks()
        self._draw_axes(painter, plot, ticks)
        if self.data.target is not None:
            self._draw_target(painter, plot, ticks)
        years = sorted(self.data.series)
        for year, colour, style in zip(years, (LAST_YEAR, THIS_YEAR), (Qt.PenStyle.DashLine, Qt.PenStyle.SolidLine),
                                       strict=False):
            self._draw_series(painter, plot, ticks, self.data.series[year], colour, style, year == self.data.year)
        self._draw_legend(painter, metrics)

    def _draw_axes(self, painter: QPainter, plot: QRectF, ticks: list[float]) -> None:
        text_colour = self.palette().text().color()
        grid = QPen(QColor("#e2e2e2"), 1)
        for tick in ticks:
            y = self._y(plot, ticks, tick)
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_colour)
            box = QRectF(0, y - 10, plot.left() - 6, 20)
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self._tick_text(tick))
        painter.setPen(QPen(text_colour, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        names = YEAR_TO_DATE if self.data.cumulative else QUARTERS
        for quarter, name in enumerate(names, 1):
            x = self._x(plot, quarter)
            box = QRectF(x - plot.width() / 8, plot.bottom() + 4, plot.width() / 4, 20)
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self.tr(name))

    def _draw_target(self, painter: QPainter, plot: QRectF, ticks: list[float]) -> None:
        y = self._y(plot, ticks, self.data.target.value)
        painter.setPen(QPen(TARGET, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))

    def _draw_series(self, painter: QPainter, plot: QRectF, ticks: list[float], quarters: dict[int, float],
                     colour: QColor, style: Qt.PenStyle, labelled: bool) -> None:
        points = [(q, QPointF(self._x(plot, q), self._y(plot, ticks, n))) for q, n in sorted(quarters.items())]
        painter.setPen(QPen(colour, 2.2, style))
        for (qa, a), (qb, b) in zip(points, points[1:], strict=False):
            if qb == qa + 1:  # no line across a missing quarter
                painter.drawLine(a, b)
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(colour if labelled else self.palette().base().color())
        for quarter, point in points:
            painter.drawEllipse(point, 4, 4)
            if labelled:
                self._label_point(painter, point, quarters[quarter], colour)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def point_text(self, number: float) -> str:
        """A point's label: the figure at the metric's precision, half-up (84.6082 → 84.61%)."""
        return trimmed(number, self.data.decimals) + ("%" if self.data.unit == "%" else "")

    def _label_point(self, painter: QPainter, point: QPointF, number: float, colour: QColor) -> None:
        text = self.point_text(number)
        font = QFont(painter.font())
        font.setBold(True)
        painter.save()
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(QRectF(point.x() - 60, point.y() - 24, 120, 18),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)
        painter.restore()

    def _legend(self) -> list[tuple[str, QColor | None, Qt.PenStyle]]:
        years = sorted(self.data.series)
        entries = [(self.tr("单位：{unit}").format(unit=self.data.unit), None, Qt.PenStyle.NoPen)]
        entries += [(self.tr("{year}年").format(year=y), c, s) for y, c, s in
                    zip(years, (LAST_YEAR, THIS_YEAR), (Qt.PenStyle.DashLine, Qt.PenStyle.SolidLine), strict=False)]
        if self.data.target is not None:
            target = self.tr("目标 {target}").format(target=self.data.target.text(self.data.unit))
            entries.append((target, TARGET, Qt.PenStyle.DashLine))
        return entries

    def _legend_places(self, metrics: QFontMetrics) -> list[tuple[tuple, float, int]]:
        """Each legend entry with its x and line: entries wrap when the chart is narrow."""
        places, x, line = [], 12.0, 0
        for entry in self._legend():
            width = metrics.horizontalAdvance(entry[0]) + (30 if entry[1] is not None else 0)
            if x > 12 and x + width > self.width() - 8:
                x, line = 12.0, line + 1
            places.append((entry, x, line))
            x += width + 16
        return places

    def _draw_legend(self, painter: QPainter, metrics: QFontMetrics) -> None:
        for (text, colour, style), x, line in self._legend_places(metrics):
            y = 6 + metrics.height() * 0.5 + line * (metrics.height() + 4)
            if colour is not None:
                painter.setPen(QPen(colour, 2.2, style))
                painter.drawLine(QPointF(x, y), QPointF(x + 24, y))
                x += 30
            painter.setPen(self.palette().text().color())
            painter.drawText(QPointF(x, y + metrics.ascent() / 2 - 1), text)


class TrendsPanel(QWidget):
    """The chart with a line saying which metric and department it shows."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.chart = TrendChart()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.caption)
        layout.addWidget(self.chart, 1)

    def show_trend(self, data: TrendData, caption: str) -> None:
        self.caption.setText(caption)
        self.chart.set_data(data)
