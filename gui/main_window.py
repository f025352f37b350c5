"""The main window: pick a department and a period, see its figures."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from gui.figures_model import FiguresModel, build_rows
from models.periods import Period

ALL_DEPARTMENTS = "全部"


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, settings: QSettings | None = None):
        super().__init__()
        self.ctx = ctx
        self.settings = settings or QSettings()
        self.setWindowTitle(self.tr("营商环境指标填报") + f" — {ctx.store.path.name}")
        self.model = FiguresModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.dept_box = QComboBox()
        self.period_box = QComboBox()
        self.setCentralWidget(self._layout())
        self._fill_choices()
        self.dept_box.currentIndexChanged.connect(self.refresh)
        self.period_box.currentIndexChanged.connect(self.refresh)
        self.refresh()
        self._restore()

    def _layout(self) -> QWidget:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("填报单位")))
        bar.addWidget(self.dept_box)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("统计期")))
        bar.addWidget(self.period_box)
        bar.addStretch(1)
        body = QVBoxLayout()
        body.addLayout(bar)
        body.addWidget(self.table)
        widget = QWidget()
        widget.setLayout(body)
        return widget

    def _fill_choices(self) -> None:
        catalog = self.ctx.catalog()
        self.dept_box.addItem(self.tr(ALL_DEPARTMENTS), None)
        for dept in catalog.departments:
            if catalog.indicators_led_by(dept.code):
                self.dept_box.addItem(dept.name, dept.code)
        periods = self.ctx.store.periods() or [Period(year=catalog.year, quarter=1).code]
        for code in reversed(periods):
            self.period_box.addItem(Period.parse(code).label, code)

    def current_period(self) -> Period:
        return Period.parse(self.period_box.currentData())

    def current_dept(self) -> str | None:
        return self.dept_box.currentData()

    def refresh(self) -> None:
        period, dept = self.current_period(), self.current_dept()
        catalog = self.ctx.catalog_for(period)
        current = self.ctx.store.values(periods=[period.code], dept=dept)
        last = self.ctx.store.values(periods=[period.same_quarter_last_year().code], dept=dept)
        self.model.set_rows(build_rows(catalog, dept, current, last))
        self.statusBar().showMessage(
            self.tr("{period}：已填报 {filed} 项 / 共 {total} 项").format(
                period=period.label, filed=len(current), total=self.model.rowCount())
        )

    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)
        for box, key in ((self.dept_box, "window/dept"), (self.period_box, "window/period")):
            found = box.findData(self.settings.value(key))
            if found >= 0:
                box.setCurrentIndex(found)

    def closeEvent(self, event) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/dept", self.current_dept())
        self.settings.setValue("window/period", self.period_box.currentData())
        super().closeEvent(event)
