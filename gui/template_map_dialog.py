"""按自有模板导出: the province's form, which of its rows is which metric, before it is filled.

The coordinator sees every row of the form with the metric it was matched to and how (代码, 名称,
建议, 已保存 …), the columns that will be filled, and the rows the catalog lacks; confirms a
suggestion or chooses a row's metric from the catalog (type part of a name or code); saves the
mapping for the next copies of the same form (``app.template_forms``, audited) and exports.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import template_forms
from app.context import AppContext
from exports.form_fill import period_of
from exports.form_layout import MEASURE_NAMES
from exports.form_match import SUGGESTED, FormMapping
from gui.template_map_model import TemplateRowsModel
from models.catalog import Catalog
from models.periods import Period

PERIOD_NAMES = {"current": "本期", "prev": "上年同期", "q1": "一季度", "q2": "二季度", "q3": "三季度", "q4": "四季度",
                "h1": "上半年", "q1-q3": "前三季度", "year": "全年"}


class TemplateMapDialog(QDialog):
    def __init__(self, ctx: AppContext, path: Path, mapping: FormMapping, catalog: Catalog, period: Period,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.path, self.catalog, self.period = ctx, Path(path), catalog, period
        self.setWindowTitle(self.tr("模板对应关系 — {name}").format(name=self.path.name))
        self.resize(960, 620)
        self.model = TemplateRowsModel(mapping, catalog, self)
        self.table = QTableView()
        self.metrics = QComboBox()
        self.summary, self.columns, self.unmatched, self.status = QLabel(), QLabel(), QLabel(), QLabel()
        self.confirm_button = QPushButton(self.tr("确认建议"))
        self.choose_button = QPushButton(self.tr("对应到所选指标"))
        self.ignore_button = QPushButton(self.tr("该行不填"))
        self.export_button: QPushButton | None = None
        self._layout()
        self.model.dataChanged.connect(self._refresh)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self._refresh()
        first = next((i for i, m in enumerate(mapping.matches) if m.how == SUGGESTED), 0)
        self.select_row(first)

    @property
    def mapping(self) -> FormMapping:
        return self.model.mapping

    # ---- layout ---------------------------------------------------------------------------
    def _layout(self) -> None:
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.metrics.setEditable(True)
        self.metrics.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for metric in self.catalog.metrics:
            self.metrics.addItem(f"{metric.name}（{metric.code}）", metric.code)
        completer = QCompleter(self.metrics.model(), self.metrics)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.metrics.setCompleter(completer)
        self.metrics.lineEdit().setPlaceholderText(self.tr("输入指标名称或代码的一部分"))
        self.confirm_button.clicked.connect(lambda: self.model.confirm(self.current_row()))
        self.choose_button.clicked.connect(self.choose_metric)
        self.ignore_button.clicked.connect(lambda: self.model.decide(self.current_row(), None))
        for label in (self.summary, self.columns, self.unmatched, self.status):
            label.setWordWrap(True)
        self.unmatched.setStyleSheet("color: #7f6000")
        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("本行对应：")))
        choose.addWidget(self.metrics, 1)
        for button in (self.choose_button, self.confirm_button, self.ignore_button):
            choose.addWidget(button)
        body = QVBoxLayout(self)
        body.addWidget(self.summary)
        body.addWidget(self.table, 1)
        body.addLayout(choose)
        body.addWidget(self.columns)
        body.addWidget(self.unmatched)
        body.addWidget(self.status)
        body.addWidget(self._buttons())

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        save = buttons.addButton(self.tr("保存对应关系"), QDialogButtonBox.ButtonRole.ResetRole)
        self.export_button = buttons.addButton(self.tr("保存并导出…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        save.clicked.connect(self.save)
        buttons.accepted.connect(self.save_and_export)
        buttons.rejected.connect(self.reject)
        return buttons

    # ---- what is shown ----------------------------------------------------------------------
    def _refresh(self, *_) -> None:
        mapping = self.mapping
        usable, suggestions = len(mapping.usable), len(mapping.suggestions)
        saved = self.tr("（沿用已保存的对应关系）") if mapping.from_saved else ""
        self.summary.setText(self.tr(
            "{sheets} 张表，{rows} 行指标：已对应 {usable} 行，建议待确认 {suggestions} 行，未对应 {unmatched} 行{saved}。"
            "绿色的行会填写；黄色的建议须确认后才会在正式导出中填写。").format(
            sheets=len(mapping.layout.sheets), rows=len(mapping.matches), usable=usable, suggestions=suggestions,
            unmatched=len(mapping.unmatched), saved=saved))
        self.columns.setText(self.tr("填写的列：") + "；".join(self._column_text(c) for c in mapping.columns))
        rows = "、".join(self.tr("第{row}行“{label}”").format(row=m.row.row, label=m.row.label) for m in mapping.unmatched)
        self.unmatched.setText(self.tr("未对应（指标目录中没有，导出时留空）：{rows}").format(rows=rows) if rows else "")
        self._row_chosen()

    def _column_text(self, column) -> str:
        what = MEASURE_NAMES[column.measure]
        if column.measure in ("value", "yoy"):
            what = PERIOD_NAMES[column.period] + ("" if column.measure == "value" else what)
            what += f"（{period_of(column, self.period).label}）"
        return f"{column.letter}列“{column.header}”→{what}"

    def _row_chosen(self, *_) -> None:
        match = self.model.match_at(self.current_row())
        self.confirm_button.setEnabled(match is not None and match.how == SUGGESTED)
        self.choose_button.setEnabled(match is not None)
        self.ignore_button.setEnabled(match is not None)
        if match is not None and match.metric:
            self.metrics.setCurrentIndex(self.metrics.findData(match.metric))

    def current_row(self) -> int:
        return self.table.currentIndex().row()

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)

    # ---- decisions ------------------------------------------------------------------------------
    def choose_metric(self) -> None:
        code = self._typed_metric()
        if code is None:
            self.status.setText(self.tr("没有找到“{text}”对应的指标：请从列表中选择，或输入指标名称、代码的一部分。").format(
                text=self.metrics.currentText()))
            return
        self.model.decide(self.current_row(), self.catalog.metric(code))
        self.status.setText("")

    def _typed_metric(self) -> str | None:
        text = self.metrics.currentText().strip()
        found = self.metrics.findText(text)
        if found >= 0:
            return self.metrics.itemData(found)
        matches = [m.code for m in self.catalog.metrics if text and (text == m.code or text in m.name)]
        return matches[0] if len(matches) == 1 else None

    def save(self) -> bool:
        template_forms.save_mapping(self.ctx, self.mapping, self.path.name)
        self.model.changed = False
        self.status.setText(self.tr("已保存对应关系：下季度同一表样的报表会自动沿用。"))
        return True

    def save_and_export(self) -> None:
        if self.model.changed or not self.mapping.from_saved:
            self.save()
        self.accept()
