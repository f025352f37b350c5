"""The findings panel: every finding of the period, filtered by severity and indicator."""

from __future__ import annotations

from difflib import SequenceMatcher
from enum import IntEnum

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.session import EntrySession
from app.status import LEVELS, Status, finding_level, finding_status
from gui import icons
from gui.labels import SteadyLabel
from gui.messages import shown
from models.catalog import RULE_LABELS
from models.findings import Finding

Role = Qt.ItemDataRole
FINDING_ROLE = Role.UserRole + 1
SORT_ROLE = Role.UserRole + 2  # severity order, table order of indicators and metrics, else the text


class Column(IntEnum):
    SEVERITY = 0
    INDICATOR = 1
    METRIC = 2
    RULE = 3
    MESSAGE = 4
    EXPLANATION = 5


HEADERS = ("级别", "一级指标", "指标", "规则", "问题", "说明")
SEVERITY_TEXT = {Status.ERROR: "错误", Status.WARNING: "警告", Status.EXPLAINED: "已说明", Status.INFO: "提示",
                 Status.EMPTY: "缺报", Status.DRAFT: "未保存"}
# Filter choices: (label, predicate on a finding's status and blocking flag)
SEVERITY_FILTERS = (
    ("全部级别", lambda status, blocking: True),
    ("需处理（阻止报送）", lambda status, blocking: blocking),
    ("错误", lambda status, blocking: status == Status.ERROR),
    ("缺报（必填未填）", lambda status, blocking: status == Status.EMPTY),
    ("未保存的输入", lambda status, blocking: status == Status.DRAFT),
    ("警告（未说明）", lambda status, blocking: status == Status.WARNING),
    ("警告（已说明）", lambda status, blocking: status == Status.EXPLAINED),
    ("提示", lambda status, blocking: status == Status.INFO),
)


EXPLAINABLE = (Status.WARNING, Status.EXPLAINED, Status.INFO)  # the levels a 说明 can be written for


def tr(text: str) -> str:
    return QCoreApplication.translate("FindingsPanel", text)


class FindingsModel(QStandardItemModel):
    """One session's findings, held as Qt items.

    A finding that comes or goes repaints every visible row of the list, and a view asks a dozen
    roles of each cell: held in C++ items, those answers cost no call into Python.  Within the
    session only the rows that changed are inserted, removed or refilled."""

    def __init__(self, session: EntrySession | None = None, parent=None):
        super().__init__(0, len(Column), parent)
        self.setHorizontalHeaderLabels([tr(header) for header in HEADERS])
        prototype = QStandardItem()  # items are made from it as their data is set
        prototype.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.setItemPrototype(prototype)
        self.session = session
        self._findings: list[Finding] = []
        self._places: list[int] = []
        self._shown: list[list[dict[int, object]]] = []  # per row, per column: the roles held in its item
        self.update()

    def update(self) -> None:
        """Bring the rows up to the session's findings (most edits leave them as they were)."""
        findings = list(self.session.listed_findings()) if self.session else []
        if findings == self._findings:
            return
        places = self._table_places(findings)
        keys = [f.key for f in findings]
        if keys != [f.key for f in self._findings]:
            self._move_rows(keys, findings, places)
        for row, (finding, place) in enumerate(zip(findings, places, strict=True)):
            if (finding, place) != (self._findings[row], self._places[row]):
                self._findings[row], self._places[row] = finding, place
                self._refill(row, self._cells(finding, place))

    def _refill(self, row: int, cells: list[dict[int, object]]) -> None:
        """Change only the roles that changed: a proxy sorts or filters a row again only when its
        sort or filter role is among them, and the view repaints only the cells signalled."""
        for column, (before, after) in enumerate(zip(self._shown[row], cells, strict=True)):
            changed = {role: value for role, value in after.items() if before.get(role) != value}
            if changed:
                self.setItemData(self.index(row, column), changed)
        self._shown[row] = cells

    def _table_places(self, findings: list[Finding]) -> list[int]:
        """Each finding's place in table order, kept in the item for sorting: its metric's row,
        then its turn among that metric's findings (a list position would go stale as rows come)."""
        places, turn, previous = [], 0, None
        for finding in findings:
            turn = turn + 1 if finding.metric == previous else 0
            previous = finding.metric
            places.append(self.session.index_of(finding.metric) * 1000 + min(turn, 999))
        return places

    def _move_rows(self, keys: list, findings: list[Finding], places: list[int]) -> None:
        """Remove and insert rows so that the keys shown become ``keys`` (both in table order)."""
        matcher = SequenceMatcher(a=[f.key for f in self._findings], b=keys, autojunk=False)
        for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):  # from the end: earlier rows keep their place
            if tag in ("delete", "replace"):
                self.removeRows(i1, i2 - i1)
                del self._findings[i1:i2], self._places[i1:i2], self._shown[i1:i2]
            if tag in ("insert", "replace"):
                for offset, (finding, place) in enumerate(zip(findings[j1:j2], places[j1:j2], strict=True)):
                    cells, row = self._cells(finding, place), i1 + offset
                    self._findings.insert(row, finding)
                    self._places.insert(row, place)
                    self._shown.insert(row, cells)
                    self.insertRow(row)
                    for column, roles in enumerate(cells):
                        self.setItemData(self.index(row, column), roles)

    def _cells(self, finding: Finding, place: int) -> list[dict[int, object]]:
        """Every role of every cell of a finding's row."""
        tip, status = self.tooltip(finding), finding_level(finding)
        cells = []
        for column in Column:
            text = self._text(finding, column, status)
            # severity first, then table place (under 10,000 metric rows × 1000 turns)
            order = (LEVELS.index(status) * 10_000_000 + place if column == Column.SEVERITY
                     else place if column in (Column.INDICATOR, Column.METRIC) else text)
            cell = {Role.DisplayRole: text, Role.ToolTipRole: tip, FINDING_ROLE: finding, SORT_ROLE: order}
            if column == Column.SEVERITY:
                cell[Role.DecorationRole] = icons.status_icon(status)
            cells.append(cell)
        return cells

    def finding(self, row: int) -> Finding:
        return self._findings[row]

    def _text(self, finding: Finding, column: Column, status: Status) -> str:
        row = self.session.row(finding.metric)
        if column == Column.SEVERITY:
            return tr(SEVERITY_TEXT[status])
        if column == Column.INDICATOR:
            return row.indicator.name
        if column == Column.METRIC:
            return row.metric.name
        if column == Column.RULE:
            return tr("未保存的输入") if status == Status.DRAFT else RULE_LABELS[finding.kind]
        if column == Column.MESSAGE:
            return shown(finding.message)
        return finding.explanation

    @staticmethod
    def tooltip(finding: Finding) -> str:
        text = shown(finding.message)
        if finding.explained:
            text += "\n" + tr("说明：{text}").format(text=finding.explanation)
        elif finding_status(finding) == Status.WARNING:
            text += "\n" + tr("双击定位到单元格；按“填写说明”写明原因后不再阻止报送。")
        return text


class FindingsFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._severity = 0
        self._indicator: str | None = None

    def set_filters(self, severity: int, indicator: str | None) -> None:
        self.beginFilterChange()
        self._severity, self._indicator = severity, indicator
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model: FindingsModel = self.sourceModel()
        finding = model.finding(source_row)
        if self._indicator and model.session.row(finding.metric).indicator.code != self._indicator:
            return False
        _, accepts = SEVERITY_FILTERS[self._severity]
        return accepts(finding_level(finding), finding.blocking)


class FindingsPanel(QWidget):
    jump = Signal(str)  # metric code
    explain_requested = Signal(object)  # Finding

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = FindingsModel(None, self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.severity_box, self.indicator_box = QComboBox(), QComboBox()
        self.explain_button = QPushButton(self.tr("填写说明…"))
        self.count_label = SteadyLabel()
        self.detail = QLabel()  # the chosen finding in full (the table cuts long messages)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = self._table()
        self._lay_out()
        for label, _ in SEVERITY_FILTERS:
            self.severity_box.addItem(tr(label))
        self.severity_box.currentIndexChanged.connect(self._filter)
        self.indicator_box.currentIndexChanged.connect(self._filter)
        self.explain_button.clicked.connect(self._explain_selected)
        self.table.activated.connect(self._jump)  # a double click, or Enter on the row
        self.table.selectionModel().currentChanged.connect(self._selection_changed)
        self._selection_changed()

    def _table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSortingEnabled(True)
        table.sortByColumn(Column.SEVERITY, Qt.SortOrder.AscendingOrder)  # errors first
        table.verticalHeader().setVisible(False)
        # findings come and go with every few edits: a scroll bar coming and going with them would
        # narrow and widen the stretched message column, and repaint the whole table twice
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        table.verticalScrollBar().setAutoFillBackground(True)  # opaque: its repaint stops at itself
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.MESSAGE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((Column.SEVERITY, 84), (Column.INDICATOR, 110), (Column.METRIC, 170),
                              (Column.RULE, 196), (Column.EXPLANATION, 200)):
            table.setColumnWidth(column, width)
        return table

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("级别")))
        bar.addWidget(self.severity_box)
        bar.addWidget(QLabel(self.tr("一级指标")))
        bar.addWidget(self.indicator_box)
        bar.addWidget(self.explain_button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        body = QVBoxLayout(self)
        body.setContentsMargins(4, 4, 4, 4)
        body.addLayout(bar)
        body.addWidget(self.table, 1)
        body.addWidget(self.detail)

    def set_session(self, session: EntrySession | None) -> None:
        if session is self.model.session:
            self.model.update()
        else:  # a new session's findings come as a new model: one reset of the view, not a row at a time
            old, self.model = self.model, FindingsModel(session, self)
            self.proxy.setSourceModel(self.model)
            old.deleteLater()
            self._fill_indicators(session)
        self._count()

    def _fill_indicators(self, session: EntrySession | None) -> None:
        wanted = self.indicator_box.currentData()
        self.indicator_box.blockSignals(True)
        self.indicator_box.clear()
        self.indicator_box.addItem(tr("全部一级指标"), None)
        seen = []
        for row in session.rows if session else []:
            if row.indicator.code not in seen:
                seen.append(row.indicator.code)
                self.indicator_box.addItem(row.indicator.name, row.indicator.code)
        self.indicator_box.setCurrentIndex(max(self.indicator_box.findData(wanted), 0))
        self.indicator_box.blockSignals(False)
        self._filter()

    def _filter(self) -> None:
        self.proxy.set_filters(self.severity_box.currentIndex(), self.indicator_box.currentData())
        self._count()

    def _count(self) -> None:
        self.count_label.setText(tr("显示 {shown} / 共 {total} 条").format(
            shown=self.proxy.rowCount(), total=self.model.rowCount()))

    def current_finding(self) -> Finding | None:
        index = self.table.currentIndex()
        return index.data(FINDING_ROLE) if index.isValid() else None

    def _selection_changed(self, *_) -> None:
        finding = self.current_finding()
        self.explain_button.setEnabled(finding is not None and finding_level(finding) in EXPLAINABLE)
        self.detail.setText(FindingsModel.tooltip(finding).replace("\n", "　") if finding else
                            tr("选中一条问题可看全文；双击或按 Enter 定位到单元格。"))

    def _jump(self, index: QModelIndex) -> None:
        self.jump.emit(index.data(FINDING_ROLE).metric)

    def _explain_selected(self) -> None:
        finding = self.current_finding()
        if finding is not None:
            self.explain_requested.emit(finding)
