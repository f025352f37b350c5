"""区县配置 → 目标与不适用: the district's targets of an evaluation year and what does not apply to it.

Unlike the dialog's other pages, which edit a working copy saved by 保存, each change here is
stored at once through the functions the ``profile target``/``not-applicable``/``applicable``
commands use (app.year_settings: they check it against the year's catalog and audit it).  A
refused change says why under the form, which keeps what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import year_settings
from app.context import AppContext
from app.errors import UsageError
from gui.year_targets_model import TargetRow, YearTargetsFilter, YearTargetsModel
from storage import StoreError

OPS = (("≥", ">="), ("≤", "<="), ("=", "=="), (">", ">"))  # >: 实现突破 (more than 0)
NAME = 1  # the 指标 column takes the width left; the others fit their text
WIDTHS = {6: 190, 7: 170}  # 出处, 不适用原因: a set width (a plan's title can be long)
REFUSED = "color: #c00000"


def tr(text: str) -> str:
    return QCoreApplication.translate("YearTargetsPage", text)


class YearTargetsPage(QWidget):
    changed = Signal()  # a change was stored: the profile and the year's catalog are new

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.done: list[str] = []  # what the stored changes did, for the status bar
        self.year_box = QComboBox()
        for year in ctx.available_years():
            self.year_box.addItem(tr("{year}年").format(year=year), year)
        self.year_box.setCurrentIndex(self.year_box.count() - 1)
        self.model = YearTargetsModel(self)
        self.shown = YearTargetsFilter(self)
        self.shown.setSourceModel(self.model)
        self.find = QLineEdit()
        self.only_set = QCheckBox(tr("只看有目标或不适用的"))
        self.table = QTableView()
        self.op = QComboBox()
        for shown, op in OPS:
            self.op.addItem(shown, op)
        self.value, self.baseline, self.source, self.reason = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.unit, self.baseline_unit = QLabel(), QLabel()
        self.due = QComboBox()
        for quarter in (1, 2, 3, 4):
            self.due.addItem(tr("第{due}季度").format(due=quarter), quarter)
        self.scope = QComboBox()
        self.target_box, self.na_box = QGroupBox(), QGroupBox()
        self.set_button, self.clear_button = QPushButton(tr("保存目标")), QPushButton(tr("清除目标…"))
        self.mark_button, self.unmark_button = QPushButton(tr("标为不适用")), QPushButton(tr("恢复适用"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._layout()
        self.year_box.currentIndexChanged.connect(lambda: self._load(self._selected_code()))
        self.set_button.clicked.connect(self.set_target)
        self.clear_button.clicked.connect(self.clear_target)
        self.mark_button.clicked.connect(self.mark_not_applicable)
        self.unmark_button.clicked.connect(self.mark_applicable)
        self.find.textChanged.connect(self._filter)
        self.only_set.toggled.connect(self._filter)
        self._load(None)

    # ---- layout -------------------------------------------------------------------------
    def _layout(self) -> None:
        self.table.setModel(self.shown)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in WIDTHS.items():  # long texts: cut short in the table, whole in the tooltip
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda: self._fill_form())
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("评价年度")))
        top.addWidget(self.year_box)
        self.find.setPlaceholderText(tr("查找指标（名称或代码）"))
        self.find.setClearButtonEnabled(True)
        self.find.setMinimumWidth(self.fontMetrics().horizontalAdvance(self.find.placeholderText()) + 40)
        top.addWidget(self.find)
        top.addWidget(self.only_set)
        top.addStretch(1)
        note = QLabel(tr("本页的修改立即保存（记入审计表），不必再按“保存”。"))
        note.setStyleSheet("color: #606060")
        top.addWidget(note)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._target_form())
        layout.addWidget(self._na_form())
        layout.addWidget(self.message)

    def _target_form(self) -> QGroupBox:
        self.value.setPlaceholderText(tr("如 96"))
        self.baseline.setPlaceholderText(tr("可不填"))
        self.source.setPlaceholderText(tr("如 本区优化营商环境行动方案"))
        for box in (self.value, self.baseline):
            box.setMaximumWidth(90)
        grid = QGridLayout(self.target_box)
        row = ((tr("比较"), self.op), (tr("目标值"), self.value), (None, self.unit), (tr("考核季度"), self.due),
               (tr("基线"), self.baseline), (None, self.baseline_unit))
        column = 0
        for label, widget in row:
            if label is not None:
                grid.addWidget(QLabel(label), 0, column)
                column += 1
            grid.addWidget(widget, 0, column)
            column += 1
        grid.setColumnStretch(column, 1)
        grid.addWidget(QLabel(tr("出处")), 1, 0)
        grid.addWidget(self.source, 1, 1, 1, column)
        buttons = QHBoxLayout()
        buttons.addWidget(self.set_button)
        buttons.addWidget(self.clear_button)
        grid.addLayout(buttons, 1, column + 1)
        return self.target_box

    def _na_form(self) -> QGroupBox:
        self.reason.setPlaceholderText(tr("必填，如 本区无此项业务"))
        row = QHBoxLayout(self.na_box)
        for widget in (QLabel(tr("范围")), self.scope, QLabel(tr("原因"))):
            row.addWidget(widget)
        row.addWidget(self.reason, 1)
        row.addWidget(self.mark_button)
        row.addWidget(self.unmark_button)
        return self.na_box

    # ---- showing ------------------------------------------------------------------------
    def year(self) -> int:
        return self.year_box.currentData()

    def _load(self, keep: str | None) -> None:
        """The chosen year's metrics, the one selected before still selected when the year has it."""
        self.model.set_catalog(self.ctx.catalog(self.year()))
        self.select(keep)

    def _filter(self) -> None:
        keep = self._selected_code()
        self.shown.set_filter(self.find.text(), self.only_set.isChecked())
        self.select(keep)

    def _shown_row(self, metric_code: str) -> QModelIndex:
        return self.shown.mapFromSource(self.model.index(self.model.row_of(metric_code), 0))

    def select(self, metric_code: str | None) -> None:
        """Select a metric (the first one shown when None, or when it is filtered out)."""
        index = self._shown_row(metric_code) if metric_code else QModelIndex()
        if not index.isValid():
            index = self.shown.index(0, 0)
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
        self._fill_form()

    def current(self) -> TargetRow | None:
        index = self.shown.mapToSource(self.table.selectionModel().currentIndex())
        return self.model.row(index.row()) if index.isValid() else None

    def _selected_code(self) -> str | None:
        row = self.current()
        return row.metric.code if row else None

    def _fill_form(self) -> None:
        """The selected metric's target and mark, to change."""
        row = self.current()
        for widget in (self.target_box, self.na_box):
            widget.setEnabled(row is not None)
        if row is None:
            return
        metric, target = row.metric, row.metric.target
        self.target_box.setTitle(tr("目标：{name}（{code}）").format(name=metric.name, code=metric.code))
        self.na_box.setTitle(tr("不适用"))
        self.unit.setText(metric.unit)
        self.baseline_unit.setText(metric.unit)
        self.op.setCurrentIndex(self.op.findData(target.op if target else ">="))
        self.value.setText(f"{target.value:g}" if target else "")
        self.due.setCurrentIndex(self.due.findData(target.due if target else 4))
        self.baseline.setText(f"{target.baseline:g}" if target and target.baseline is not None else "")
        self.source.setText(target.source if target else "")
        self.clear_button.setEnabled(target is not None)
        self.scope.clear()
        self.scope.addItem(tr("本指标"), metric.code)
        self.scope.addItem(tr("整个一级指标“{name}”").format(name=row.indicator.name), row.indicator.code)
        self.scope.setCurrentIndex(1 if row.whole_indicator else 0)
        self.reason.setText(row.reason)
        self.unmark_button.setEnabled(bool(row.reason))

    def _say(self, text: str, refused: bool) -> None:
        self.message.setStyleSheet(REFUSED if refused else "")
        self.message.setText(text)

    # ---- changes ------------------------------------------------------------------------
    def _store(self, change) -> bool:
        """Store one change; a refusal is shown and leaves the form as typed."""
        keep = self._selected_code()
        try:
            done = change()
        except (UsageError, StoreError) as exc:
            self._say(str(exc), refused=True)
            return False
        self.done.extend(done[:1])
        self._load(keep)
        self._say(tr("已保存：") + "；".join(line.rstrip("。") for line in done) + tr("。"), refused=False)
        self.changed.emit()
        return True

    def set_target(self) -> bool:
        row = self.current()
        if row is None:
            return False
        unit = row.metric.unit

        def change() -> list[str]:
            value = year_settings.typed_number(self.value.text(), tr("目标值"), unit)
            if value is None:
                raise UsageError(tr("请填写目标值（如 96）。"))
            baseline = year_settings.typed_number(self.baseline.text(), tr("基线"), unit)
            return year_settings.set_target(self.ctx, self.year(), row.metric.code, self.op.currentData(), value,
                                            self.due.currentData(), baseline, self.source.text())

        return self._store(change)

    def clear_target(self) -> bool:
        row = self.current()
        if row is None or row.metric.target is None:
            return False
        asked = QMessageBox.question(self, tr("清除目标"), tr("清除 {year}年“{name}”的目标 {target}？").format(
            year=self.year(), name=row.metric.name, target=row.metric.target.text(row.metric.unit)))
        if asked != QMessageBox.StandardButton.Yes:
            return False
        return self._store(lambda: year_settings.clear_target(self.ctx, self.year(), row.metric.code))

    def mark_not_applicable(self) -> bool:
        if self.current() is None:
            return False
        code = self.scope.currentData()
        return self._store(lambda: year_settings.mark_not_applicable(self.ctx, self.year(), code, self.reason.text()))

    def mark_applicable(self) -> bool:
        row = self.current()
        if row is None or not row.reason:
            return False
        code = row.indicator.code if row.whole_indicator else row.metric.code
        return self._store(lambda: year_settings.mark_applicable(self.ctx, self.year(), code))
