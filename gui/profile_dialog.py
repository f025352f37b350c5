"""区县配置: the district's name, contacts, departments, who leads which indicator (of every
evaluation year), which metrics a department other than the lead files, and each year's targets
and 不适用 marks (gui.year_targets_page: stored as soon as they are changed).

The dialog edits a working copy of the profile through the same functions the ``profile``
command uses (app.profile), so every rule holds here too: a refused change says why in place
and nothing typed is lost; saving checks the whole profile against every catalog and either
moves figures to a new lead department (when asked) or refuses to hide them.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import filing
from app import profile as edits
from app.context import AppContext
from app.errors import UsageError
from gui.screen_fit import fit_to_screen
from gui.year_targets_page import YearTargetsPage
from models.profile import FORM_FIELDS, DistrictProfile
from storage import StoreError

CONTACTS = (("filer", "填报人"), ("phone", "联系电话"), ("reviewer", "审核人"), ("head", "负责人"))


class ProfileDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, first_run: bool = False):
        super().__init__(parent)
        self.ctx = ctx
        self.profile: DistrictProfile = ctx.profile
        self.saved: list[str] | None = None  # what saving did, once it succeeded
        self.setWindowTitle(self.tr("区县配置"))
        fit_to_screen(self, QSize(980, 640), centre=False)
        self.district = QLineEdit(self.profile.district)
        self.contacts = {field: QLineEdit(getattr(self.profile.contacts, field)) for field, _ in CONTACTS}
        self.form = {field: QLineEdit(getattr(self.profile.form, field)) for field in FORM_FIELDS}
        self.departments = QTableWidget(0, 3)
        self.leads = QTableWidget(0, 2)
        self.filers = QTableWidget(0, 3)
        self.years = filing.catalog_years(ctx)
        self.year_targets = YearTargetsPage(ctx)
        self.move_figures = QCheckBox(self.tr("牵头单位或填报单位变化时，连同已填数值一起转给新单位"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c00000")
        self._layout(first_run)
        self._fill_departments()
        self._fill_leads()
        self._fill_filers()

    # ---- layout -------------------------------------------------------------------------
    def _layout(self, first_run: bool) -> None:
        tabs = QTabWidget()
        tabs.addTab(self._basic_tab(), self.tr("基本信息"))
        tabs.addTab(self._departments_tab(), self.tr("部门"))
        tabs.addTab(self._leads_tab(), self.tr("牵头单位"))
        tabs.addTab(self._filers_tab(), self.tr("填报单位"))
        tabs.addTab(self.year_targets, self.tr("目标与不适用"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        body = QVBoxLayout(self)
        if first_run:
            intro = QLabel(self.tr("新数据库：请先设置本区县的名称、部门和各指标的牵头单位。以后可在“设置 → 区县配置”中修改。"))
            intro.setWordWrap(True)
            body.addWidget(intro)
        body.addWidget(tabs, 1)
        body.addWidget(self.problem)
        body.addWidget(buttons)

    def _basic_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(self.tr("区县名称"), self.district)
        for field, label in CONTACTS:
            form.addRow(self.tr(label), self.contacts[field])
        note = QLabel(self.tr("填报人、联系电话、审核人、负责人写入导出工作簿的表尾：分别作为填表人、联系电话、"
                              "统计负责人、单位负责人。"))
        note.setWordWrap(True)
        form.addRow(note)
        for field, label in FORM_FIELDS.items():
            form.addRow(self.tr(label), self.form[field])
        particulars = QLabel(self.tr("表号、制表机关、批准文号、有效期至按省里的通知填写，印在每张指标表的右上角；"
                                     "未填的留空，打印后手写。"))
        particulars.setWordWrap(True)
        form.addRow(particulars)
        return page

    def _departments_tab(self) -> QWidget:
        self.departments.setHorizontalHeaderLabels([self.tr("代码"), self.tr("名称"), self.tr("状态")])
        self.departments.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        _rows_only(self.departments)
        row = _buttons(((self.tr("新增部门…"), self.add_department), (self.tr("改名…"), self.rename_department),
                        (self.tr("撤销"), self.retire_department)))
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.departments, 1)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("已有填报数值的部门不能删除，只能撤销；撤销后其数值仍保留。")))
        return page

    def _leads_tab(self) -> QWidget:
        self.leads.setHorizontalHeaderLabels([self.tr("一级指标"), self.tr("牵头单位")])
        self.leads.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.leads.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.leads.verticalHeader().setVisible(False)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.leads, 1)
        layout.addWidget(self.move_figures)
        return page

    def _filers_tab(self) -> QWidget:
        self.filers.setHorizontalHeaderLabels([self.tr("指标"), self.tr("牵头单位"), self.tr("填报单位")])
        self.filers.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        _rows_only(self.filers)
        self.filers.verticalHeader().setVisible(False)
        row = _buttons(((self.tr("指定填报单位…"), self.choose_filer), (self.tr("改回由牵头单位填报"), self.clear_filer)))
        page = QWidget()
        layout = QVBoxLayout(page)
        note = QLabel(self.tr("指标默认由一级指标的牵头单位填报；这里列出由其他部门填报的指标（如获得电力中由供电公司填报的线上办电率）。"))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.filers, 1)
        layout.addLayout(row)
        return page

    # ---- filling ----------------------------------------------------------------------------
    def _fill_departments(self) -> None:
        self.departments.setRowCount(len(self.profile.departments))
        for row, dept in enumerate(self.profile.departments):
            status = self.tr("已撤销") if dept.retired else ""
            for column, text in enumerate((dept.code, dept.name, status)):
                self.departments.setItem(row, column, QTableWidgetItem(text))

    def _indicators(self) -> list[tuple[str, str]]:
        """(code, name) of every year's indicators, the latest year's first; one of earlier years only
        says which years have it."""
        latest, *earlier = reversed(self.years.values())
        found = {i.code: i.name for i in latest.indicators}
        for definitions in earlier:
            for indicator in definitions.indicators:
                if indicator.code not in found:
                    years = [str(y) for y, d in self.years.items() if any(i.code == indicator.code for i in d.indicators)]
                    found[indicator.code] = self.tr("{name}（仅{years}年目录）").format(
                        name=indicator.name, years="、".join(years))
        return list(found.items())

    def _fill_leads(self) -> None:
        active = [d for d in self.profile.departments if not d.retired]
        indicators = self._indicators()
        self.leads.setRowCount(len(indicators))
        for row, (code, name) in enumerate(indicators):
            self.leads.setItem(row, 0, QTableWidgetItem(name))
            box = QComboBox()
            for dept in active:
                box.addItem(dept.name, dept.code)
            box.setCurrentIndex(box.findData(self.profile.leads.get(code)))
            box.setProperty("indicator", code)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            self.leads.setCellWidget(row, 1, box)
        widest = max((self.leads.cellWidget(r, 1).sizeHint().width() for r in range(self.leads.rowCount())), default=0)
        self.leads.setColumnWidth(1, widest + 12)  # cell widgets do not size their column by themselves

    def _fill_filers(self) -> None:
        names = {d.code: d.name for d in self.profile.departments}
        metrics = self._metrics()
        self.filers.setRowCount(len(self.profile.filers))
        for row, (code, dept) in enumerate(sorted(self.profile.filers.items())):
            name, indicator = metrics.get(code, (code, ""))
            lead = names.get(self.profile.leads.get(indicator), "")
            for column, text in enumerate((f"{name}（{code}）", lead, names[dept])):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, code)
                self.filers.setItem(row, column, item)

    def _metrics(self) -> dict[str, tuple[str, str]]:
        """metric code → (name, indicator code), over every year, the latest year's names first."""
        found: dict[str, tuple[str, str]] = {}
        for definitions in reversed(self.years.values()):
            for indicator in definitions.indicators:
                for metric in indicator.metrics:
                    found.setdefault(metric.code, (metric.name, indicator.code))
        return found

    def lead_box(self, indicator: str) -> QComboBox:
        for row in range(self.leads.rowCount()):
            box = self.leads.cellWidget(row, 1)
            if box.property("indicator") == indicator:
                return box
        raise KeyError(indicator)

    # ---- edits ------------------------------------------------------------------------------
    def _apply(self, change) -> bool:
        """Apply one edit to the working copy (with the leads chosen so far); a refusal is shown and
        changes nothing."""
        try:
            self.profile = change(self._with_chosen_leads(self.profile))
        except UsageError as exc:
            self.problem.setText(str(exc))
            return False
        self.problem.clear()
        self._fill_departments()
        self._fill_leads()
        self._fill_filers()
        return True

    def choose_filer(self) -> None:
        """Pick a metric (of any year), then the department that files it instead of the lead."""
        metrics = self._metrics()
        labels = [f"{name}（{code}）" for code, (name, _indicator) in metrics.items()]
        chosen, ok = QInputDialog.getItem(self, self.tr("指定填报单位"), self.tr("指标："), labels, 0, True)
        if not ok or chosen not in labels:
            return
        code = list(metrics)[labels.index(chosen)]
        active = [d.name for d in self.profile.departments if not d.retired]
        dept, ok = QInputDialog.getItem(self, self.tr("指定填报单位"), self.tr("“{name}”由哪个部门填报：").format(
            name=metrics[code][0]), active, 0, False)
        if ok:
            self._apply(lambda p: edits.with_filer(p, code, dept))

    def clear_filer(self) -> None:
        rows = {index.row() for index in self.filers.selectedIndexes()}
        if len(rows) != 1:
            self.problem.setText(self.tr("请先在表中选中一个指标。"))
            return
        code = self.filers.item(rows.pop(), 0).data(Qt.ItemDataRole.UserRole)
        self._apply(lambda p: edits.without_filer(p, code))

    def _selected_department(self) -> str | None:
        rows = {index.row() for index in self.departments.selectedIndexes()}
        if len(rows) != 1:
            self.problem.setText(self.tr("请先在表中选中一个部门。"))
            return None
        return self.departments.item(rows.pop(), 0).text()

    def add_department(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("新增部门"), self.tr("部门名称（如 区商务局）："))
        if not ok or not name.strip():
            return
        code, ok = QInputDialog.getText(self, self.tr("新增部门"), self.tr("部门代码（小写英文字母、数字、下划线，如 commerce）："))
        if ok:
            self._apply(lambda p: edits.with_department(p, code.strip(), name.strip()))

    def rename_department(self) -> None:
        code = self._selected_department()
        if code is None:
            return
        old = self.profile.department(code).name
        name, ok = QInputDialog.getText(self, self.tr("部门改名"), self.tr("新名称（原名作为别名保留）："), text=old)
        if ok and name.strip() and name.strip() != old:
            self._apply(lambda p: edits.with_renamed(p, code, name.strip()))

    def retire_department(self) -> None:
        code = self._selected_department()
        if code is not None:
            self._apply(lambda p: edits.with_retired(p, code))

    # ---- saving -----------------------------------------------------------------------------
    def _collected(self) -> DistrictProfile:
        # the years' targets and marks as the 目标与不适用 page stored them
        profile = replace(self.profile, years=self.ctx.profile.years)
        profile = edits.with_district(profile, self.district.text())
        for field, _ in CONTACTS:
            profile = edits.with_contact(profile, field, self.contacts[field].text())
        for field, edit in self.form.items():
            profile = edits.with_form(profile, field, edit.text())
        return self._with_chosen_leads(profile)

    def _with_chosen_leads(self, profile: DistrictProfile) -> DistrictProfile:
        for row in range(self.leads.rowCount()):
            box = self.leads.cellWidget(row, 1)
            indicator, dept = box.property("indicator"), box.currentData()
            if dept and dept != profile.leads.get(indicator):
                profile = edits.with_lead(profile, indicator, dept)
        return profile

    def save(self) -> None:
        try:
            profile = self._collected()
            self.saved = edits.save_profile(self.ctx, profile, reason=self.tr("在“区县配置”中修改"),
                                            move_figures=self.move_figures.isChecked())
        except (UsageError, StoreError) as exc:
            self.problem.setText(str(exc))
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
            return
        self.accept()


def _rows_only(table: QTableWidget) -> None:
    """A table read and chosen from by whole rows, changed only through its buttons."""
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)


def _buttons(actions) -> QHBoxLayout:
    """A row of buttons, left-aligned, each calling its slot."""
    row = QHBoxLayout()
    for text, slot in actions:
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
    row.addStretch(1)
    return row
