"""工作报告数字核对: a narrative report beside the filed data, its problems highlighted.

The person opens a .txt/.docx report or pastes its text; every figure the cross-check reads is
shaded, the sentences with a problem are coloured by kind, and a side list names each problem.
Choosing an item selects its sentence in the text and shows the message and the suggestion.
Editing the text checks it again after a short pause.  Self-contained: it takes the application
context and can be shown from any menu (``CrossCheckDialog(ctx).show()``).
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.narrative_check import check_text
from exports.narrative import NarrativeError, read_narrative
from gui.screen_fit import fit_to_screen
from gui.table_model import ListTableModel
from models.periods import Period
from validation.crosscheck import KIND_LABELS, CrossFinding, CrossReport, Kind
from validation.crosscheck.messages import shown

Role = Qt.ItemDataRole
FINDING_ROLE = Role.UserRole + 1
RECHECK_DELAY_MS = 400
ALL_DEPARTMENTS = "全部部门"
# (sentence background, figure background) per kind; figures read without a problem are shaded.
COLOURS = {
    Kind.MISMATCH: ("#fbd5d5", "#ef8a8a"),
    Kind.ARITHMETIC: ("#fde3c4", "#f3aa55"),
    Kind.PLACEHOLDER: ("#fff1a8", "#f2c811"),
    Kind.NOT_FILED: ("#dbe8fb", "#8fb3ea"),
}
READ_FIGURE = "#dcefdc"


def tr(text: str) -> str:
    return QCoreApplication.translate("CrossCheckDialog", text)


class Column(IntEnum):
    KIND = 0
    METRIC = 1
    TEXT = 2
    FILED = 3


HEADERS = ("问题", "指标", "文中", "已填报")


class CrossFindingsModel(ListTableModel):
    """The findings of one cross-check, one row each."""

    headers = HEADERS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._findings: list[CrossFinding] = []
        self._names: dict[str, str] = {}
        self._units: dict[str, str] = {}

    def rows(self):
        return self._findings

    def header_text(self, header: str) -> str:
        return tr(header)

    def set_report(self, report: CrossReport | None, catalog=None) -> None:
        self.beginResetModel()
        self._findings = list(report.findings) if report else []
        if catalog is not None:
            self._names = {m.code: m.name for m in catalog.metrics}
            self._units = {m.code: m.unit for m in catalog.metrics}
        self.endResetModel()

    def finding(self, row: int) -> CrossFinding:
        return self._findings[row]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Role.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        if role == Role.DisplayRole:
            return self._display(finding, Column(index.column()))
        if role == Role.ToolTipRole:
            return f"{finding.message}\n{tr('建议')}：{finding.suggestion}"
        if role == Role.DecorationRole and index.column() == Column.KIND:
            return QColor(COLOURS[finding.kind][1])
        if role == Role.TextAlignmentRole and index.column() in (Column.TEXT, Column.FILED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == FINDING_ROLE:
            return finding
        return None

    def _display(self, finding: CrossFinding, column: Column) -> str:
        unit = self._units.get(finding.metric or "", "")
        if column == Column.KIND:
            return tr(KIND_LABELS[finding.kind])
        if column == Column.METRIC:
            return self._names.get(finding.metric or "", "—")
        number = finding.text_value if column == Column.TEXT else finding.filed_value
        return f"{shown(number)}{unit}" if number is not None else "—"


class CrossCheckDialog(QDialog):
    """Open or paste a report; see which of its figures disagree with what was filed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, period: str | None = None,
                 dept: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.report: CrossReport | None = None
        self.setWindowTitle(tr("工作报告数字核对"))
        self.editor = QPlainTextEdit()
        self.model = CrossFindingsModel(self)
        self.table = QTableView()
        self.period_box, self.dept_box = QComboBox(), QComboBox()
        self.open_button = QPushButton(tr("打开报告文件…"))
        self.summary = QLabel()
        self.detail = QLabel()
        self._timer = QTimer(self, singleShot=True, interval=RECHECK_DELAY_MS)
        self._build()
        self._fill_choices(period, dept)
        self._connect()
        fit_to_screen(self, QSize(1180, 720), centre=False)

    # ---- building -------------------------------------------------------------------
    def _build(self) -> None:
        self.editor.setPlaceholderText(tr("把工作报告的文字粘贴到这里，或点“打开报告文件…”选择 .txt 或 .docx 文件。"))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._build_table()
        for label in (self.summary, self.detail):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(72)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.editor)
        splitter.addWidget(self._side())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        body = QVBoxLayout(self)
        body.addLayout(self._bar())
        body.addWidget(splitter, 1)
        body.addWidget(self.summary)

    def _build_table(self) -> None:
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.METRIC, QHeaderView.ResizeMode.Stretch)

    def _bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        for text, widget in ((tr("统计期"), self.period_box), (tr("填报单位"), self.dept_box)):
            bar.addWidget(QLabel(text))
            bar.addWidget(widget)
            bar.addSpacing(12)
        bar.addWidget(self.open_button)
        bar.addStretch(1)
        bar.addWidget(QLabel(_legend()))
        return bar

    def _side(self) -> QWidget:
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(tr("发现的问题（点一条，左边选中它所在的句子）")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        return side

    def _fill_choices(self, period: str | None, dept: str | None) -> None:
        catalog = self.ctx.catalog()
        periods = self.ctx.store.periods() or [Period(year=catalog.year, quarter=1).code]
        for code in reversed(periods):
            self.period_box.addItem(Period.parse(code).label, code)
        self.dept_box.addItem(tr(ALL_DEPARTMENTS), None)
        for department in catalog.departments:
            if catalog.metrics_of_department(department.code):
                self.dept_box.addItem(department.name, department.code)
        for box, wanted in ((self.period_box, period), (self.dept_box, dept)):
            found = box.findData(wanted) if wanted else -1
            if found >= 0:
                box.setCurrentIndex(found)

    def _connect(self) -> None:
        self.editor.textChanged.connect(self._timer.start)
        self._timer.timeout.connect(self.recheck)
        self.period_box.currentIndexChanged.connect(self.recheck)
        self.dept_box.currentIndexChanged.connect(self.recheck)
        self.open_button.clicked.connect(self.choose_file)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _: self.show_finding(current.row()))

    # ---- input ----------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("打开工作报告"), "", tr("工作报告 (*.txt *.docx);;所有文件 (*)"))
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        """Load a report file; a file that cannot be read is explained and the text kept as it was."""
        try:
            text = read_narrative(path)
        except NarrativeError as exc:
            QMessageBox.warning(self, tr("无法读取报告"), str(exc))
            return False
        self.editor.setPlainText(text)
        self.setWindowTitle(f"{tr('工作报告数字核对')} — {path.name}")
        self.recheck()
        return True

    def set_text(self, text: str) -> None:
        self.editor.setPlainText(text)
        self.recheck()

    # ---- checking and showing ---------------------------------------------------------------
    def current_period(self) -> Period:
        return Period.parse(self.period_box.currentData())

    def recheck(self) -> None:
        self._timer.stop()
        text = self.editor.toPlainText()
        if not text.strip():
            self.report = None
            self.model.set_report(None)
            self.editor.setExtraSelections([])
            self.summary.setText(tr("还没有报告文字。"))
            self.detail.clear()
            return
        period = self.current_period()
        self.report = check_text(self.ctx, period, text, self.dept_box.currentData())
        self.model.set_report(self.report, self.ctx.catalog_for(period))
        self.editor.setExtraSelections(self._highlights(self.report))
        self.summary.setText(_summary(self.report))
        self.detail.setText(tr("点右侧的一条问题查看说明和建议。") if self.report.findings else "")

    def _highlights(self, report: CrossReport) -> list[QTextEdit.ExtraSelection]:
        positions = _Utf16(report.reading.text)
        marked = []
        for match in report.reading.matches:
            marked.append(self._selection(positions, (match.figure.start, match.figure.end), READ_FIGURE))
        for finding in report.findings:
            sentence_colour, figure_colour = COLOURS[finding.kind]
            marked.append(self._selection(positions, finding.sentence_span, sentence_colour))
            marked.append(self._selection(positions, finding.span, figure_colour, bold=True))
        return marked

    def _selection(self, positions, span, colour: str, bold: bool = False) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(positions[span[0]])
        cursor.setPosition(positions[span[1]], QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        text_format = QTextCharFormat()
        text_format.setBackground(QColor(colour))
        if bold:
            text_format.setFontWeight(QFont.Weight.Bold)
        text_format.setProperty(QTextFormat.Property.FullWidthSelection, False)
        selection.format = text_format
        return selection

    def show_finding(self, row: int) -> None:
        """Select the finding's sentence in the text, scroll to it, and show what to do."""
        if self.report is None or not 0 <= row < self.model.rowCount():
            return
        finding = self.model.finding(row)
        positions = _Utf16(self.report.reading.text)
        cursor = self.editor.textCursor()
        cursor.setPosition(positions[finding.sentence_span[1]])
        cursor.setPosition(positions[finding.sentence_span[0]], QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()
        self.detail.setText(f"<b>{KIND_LABELS[finding.kind]}</b>：{_escape(finding.message)}<br>"
                            f"{tr('建议')}：{_escape(finding.suggestion)}")

    def selected_text(self) -> str:
        return self.editor.textCursor().selectedText()


class _Utf16:
    """Python string offsets → Qt document positions, which count UTF-16 code units (a character
    beyond the Basic Multilingual Plane, such as 𠀀, takes two)."""

    def __init__(self, text: str):
        self._table: list[int] | None = None
        if any(ord(char) > 0xFFFF for char in text):
            self._table = [0]
            for char in text:
                self._table.append(self._table[-1] + (2 if ord(char) > 0xFFFF else 1))

    def __getitem__(self, offset: int) -> int:
        return offset if self._table is None else self._table[offset]


def _summary(report: CrossReport) -> str:
    reading = report.reading
    figures = sum(1 for f in reading.figures if not f.is_placeholder)
    matched = sum(1 for m in reading.matches if m.value is not None)
    head = tr("识别数字 {figures} 个，对应到指标 {matched} 个。").format(figures=figures, matched=matched)
    if not report.findings:
        return head + tr("未发现问题：文中的数字与已填报的数值一致。")
    counts = "，".join(f"{KIND_LABELS[k]} {len(report.of_kind(k))}" for k in Kind if report.of_kind(k))
    return head + tr("发现 {count} 处：{counts}。").format(count=len(report.findings), counts=counts)


def _legend() -> str:
    parts = [f'<span style="background:{READ_FIGURE}">&nbsp;数字&nbsp;</span>']
    parts += [f'<span style="background:{COLOURS[k][1]}">&nbsp;{KIND_LABELS[k]}&nbsp;</span>' for k in Kind]
    return " ".join(parts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
