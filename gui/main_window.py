"""The main window: pick a department and a period, enter figures, see and explain findings.

The window lays out the widgets and keeps the period shown; the menus' work is done by the parts
it builds (``EntryEditor``, ``FileCommands``, ``SettingsCommands``, ``DataCommands``,
``HelpCommands``), each given the window as the ``WindowHost`` it declares it needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.editing import Edit
from app.session import EntrySession, period_choices
from gui import settings as remembered
from gui.actions import build_menus
from gui.data_commands import DataCommands, HelpCommands
from gui.entry_editor import EntryEditor
from gui.figures_model import EDITABLE, Column, FiguresModel
from gui.figures_view import FigureDelegate, FiguresView
from gui.file_choosers import FileChoosers
from gui.file_commands import FileCommands
from gui.findings_panel import FindingsPanel
from gui.first_start import mark_demo
from gui.indicator_list import IndicatorList
from gui.indicators_model import CODE_ROLE, IndicatorsModel
from gui.labels import SteadyLabel
from gui.messages import shown
from gui.metric_finder import MetricFinder
from gui.metric_info import MetricInfoDock
from gui.query_commands import QueryCommands
from gui.screen_fit import fit_to_screen
from gui.settings_commands import SettingsCommands
from gui.tasks import TaskRunner
from gui.trends import TrendData, TrendsPanel
from gui.workflow_commands import WorkflowCommands
from models.periods import Period

ALL_DEPARTMENTS = "全部"
TREND_PAUSE_MS = 80  # the chart follows edits once they pause: an edit waits only for what the filer looks at


class AfterFirstPaint(QObject):
    """Calls ``then`` once ``widget`` has painted for the first time (start-up: show, then check)."""

    def __init__(self, widget: QWidget, then):
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)  # after this paint has reached the screen
        return False


class MainWindow(QMainWindow):
    """Implements ``gui.host.WindowHost`` for its parts."""

    database_chosen = Signal(object)  # the Path of another database, chosen from the menu: gui.app opens it

    def __init__(self, ctx: AppContext, settings: QSettings | None = None, owns_context: bool = False,
                 check_later: bool = False):
        """``check_later``: paint the figures first and check them right after (start-up)."""
        super().__init__()
        self.ctx = ctx
        self.owns_context = owns_context  # a database opened from the menu closes with its window
        self.successor: MainWindow | None = None
        self.settings = settings or QSettings()
        self.session: EntrySession | None = None
        self.setWindowTitle(self.tr("营商环境指标填报") + f" — {ctx.store.path.name}")
        self.tasks = TaskRunner(self)
        self.trend_timer = QTimer(self, singleShot=True, interval=TREND_PAUSE_MS)
        self.trend_timer.timeout.connect(self._trend_after_pause)
        self.choosers = FileChoosers(self, self.settings)
        self._build_parts()
        self._build_widgets()
        mark_demo(self)
        self.actions = build_menus(self, self.table)
        self.query_commands.build(self.findings_dock)
        self._fill_choices()
        self._restore()
        self._connect()
        self.open_session(remembered.INDICATOR.get(self.settings) or None, check_later=check_later)

    # ---- building -------------------------------------------------------------------
    def _build_parts(self) -> None:
        """The controllers behind the menus: each works through this window as its host."""
        self.editor = EntryEditor(self)
        self.file_commands = FileCommands(self)
        self.settings_commands = SettingsCommands(self)
        self.data_commands = DataCommands(self)
        self.help_commands = HelpCommands(self)
        self.workflow_commands = WorkflowCommands(self)
        self.query_commands = QueryCommands(self)
        self.file_commands.database_chosen.connect(self.database_chosen)

    def _build_widgets(self) -> None:
        self.model = FiguresModel(self)
        self.model.set_commit(self.editor.commit)
        self.table = FiguresView()
        self.table.setModel(self.model)
        self.delegate = FigureDelegate(self.editor.check, self._lock_reason, self.table)
        for column in EDITABLE:  # the other columns keep the view's own delegate: painted without Python
            self.table.setItemDelegateForColumn(column, self.delegate)
        self.table.fit_columns()
        self.indicators = IndicatorsModel(self)
        self.indicator_list = IndicatorList()
        self.indicator_list.setModel(self.indicators)
        self.dept_box, self.period_box = QComboBox(), QComboBox()
        self.dept_box.setMinimumContentsLength(8)
        self.finder = MetricFinder()
        self.setCentralWidget(self._central())
        self.findings_panel = FindingsPanel()
        self.findings_dock = self._dock(self.tr("问题列表"), "findings", self.findings_panel,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.trends_panel = TrendsPanel()
        self.trends_dock = self._dock(self.tr("趋势"), "trends", self.trends_panel,
                                      Qt.DockWidgetArea.RightDockWidgetArea)
        self.metric_info = MetricInfoDock(self, self.table, self.trends_dock)
        self._build_status_bar()

    def _central(self) -> QWidget:
        bar = QHBoxLayout()
        for text, box in ((self.tr("填报单位(&U)"), self.dept_box), (self.tr("统计期(&P)"), self.period_box)):
            label = QLabel(text)
            label.setBuddy(box)
            bar.addWidget(label)
            bar.addWidget(box)
            bar.addSpacing(16)
        bar.addStretch(1)
        bar.addWidget(self.finder)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.indicator_list)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([190, 900])
        body = QVBoxLayout()
        body.addLayout(bar)
        body.addWidget(self.splitter, 1)
        widget = QWidget()
        widget.setLayout(body)
        return widget

    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_status_bar(self) -> None:
        self.lock_label, self.filled_label, self.blocking_label = SteadyLabel(), SteadyLabel(), SteadyLabel()
        for label in (self.lock_label, self.filled_label, self.blocking_label):
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addPermanentWidget(label)

    def _connect(self) -> None:
        self.dept_box.currentIndexChanged.connect(self._choice_changed)
        self.period_box.currentIndexChanged.connect(self._choice_changed)
        self.indicator_list.selectionModel().currentChanged.connect(self._indicator_changed)
        self.delegate.refused.connect(lambda index, why: self.say(why, error=True))
        self.delegate.move.connect(self.table.move_by)
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        self.table.clear_requested.connect(self.editor.clear)
        self.findings_panel.jump.connect(self.jump_to)
        self.finder.chosen.connect(self.jump_to)
        self.findings_panel.explain_requested.connect(self.editor.explain)
        self.editor.stack.indexChanged.connect(self._undo_texts)
        self.tasks.finished.connect(self._undo_texts)

    def _fill_choices(self) -> None:
        self.dept_box.addItem(self.tr(ALL_DEPARTMENTS), None)
        for code, name in self.filing_departments():
            self.dept_box.addItem(name, code)
        self.fill_periods()

    def filing_departments(self) -> list[tuple[str, str]]:
        catalog = self.ctx.catalog()
        return [(d.code, d.name) for d in catalog.departments if catalog.metrics_of_department(d.code)]

    def fill_periods(self, wanted: str | None = None) -> None:
        wanted = wanted or self.period_box.currentData()
        self.period_box.blockSignals(True)
        self.period_box.clear()
        for period in period_choices(self.ctx.store.periods(), self.ctx.catalog().year):
            self.period_box.addItem(period.label, period.code)
        found = self.period_box.findData(wanted)
        self.period_box.setCurrentIndex(found if found >= 0 else min(1, self.period_box.count() - 1))
        self.period_box.blockSignals(False)

    # ---- choosing what to show ----------------------------------------------------------
    def current_period(self) -> Period:
        return Period.parse(self.period_box.currentData())

    def current_dept(self) -> str | None:
        return self.dept_box.currentData()

    def current_indicator(self) -> str | None:
        return self.indicator_list.currentIndex().data(CODE_ROLE)

    def _choice_changed(self) -> None:
        if self.session and (self.session.period, self.session.dept) == (self.current_period(), self.current_dept()):
            return
        if not self.editor.confirm_discard_drafts():
            self._show_choice(self.session.period.code, self.session.dept)
            return
        self.open_session()

    def _show_choice(self, period: str, dept: str | None) -> None:
        for box, data in ((self.period_box, period), (self.dept_box, dept)):
            box.blockSignals(True)
            box.setCurrentIndex(max(box.findData(data), 0))
            box.blockSignals(False)

    def open_session(self, indicator: str | None = None, check_later: bool = False) -> None:
        """Show the chosen period and department: figures, findings, indicators."""
        indicator = indicator if indicator is not None else self.current_indicator()
        self.session = EntrySession(self.ctx, self.current_period(), self.current_dept(), check=not check_later)
        if check_later:
            session = self.session
            self._after_paint = AfterFirstPaint(self.table.viewport(), lambda: self._first_check(session))
        self.indicators.set_session(self.session)
        row = self.indicators.row_of(indicator)
        self.indicator_list.selectionModel().setCurrentIndex(
            self.indicators.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.model.set_session(self.session, self.current_indicator())
        self.findings_panel.set_session(self.session)
        self.query_commands.show_queries()
        self.finder.set_rows(self.session.rows)
        self.table.setCurrentIndex(self.model.index(0, Column.VALUE))
        self._update_status()
        self.update_lock_label()

    def _first_check(self, session: EntrySession) -> None:
        """The check of a session shown before it was checked, once the event loop runs."""
        if session is self.session and not session.checked:
            session.check()
            self.metrics_changed({row.metric.code for row in session.rows})

    def _indicator_changed(self, *_) -> None:
        if self.session is not None:
            self.model.set_session(self.session, self.current_indicator())
            self.table.setCurrentIndex(self.model.index(0, Column.VALUE))

    def show_choice(self, period: str, dept: str | None) -> None:
        """Switch to a period and department (after an import, say), keeping drafts' warning."""
        if self.period_box.findData(period) < 0:
            self.fill_periods(period)
        self._show_choice(period, dept)
        self._choice_changed()

    def settings_changed(self, message: str) -> None:
        """After the profile, a catalog or the whole database changed: rebuild the choices and the table."""
        self.ctx.reload()
        period, dept = self.period_box.currentData(), self.current_dept()
        for box in (self.dept_box, self.period_box):
            box.blockSignals(True)
            box.clear()
        self._fill_choices()
        for box, wanted in ((self.dept_box, dept), (self.period_box, period)):
            found = box.findData(wanted)
            box.setCurrentIndex(found if found >= 0 else 0)
            box.blockSignals(False)
        self.open_session(self.current_indicator())
        self.say(message)

    def revalidate(self) -> None:
        if self.editor.confirm_discard_drafts():
            self.open_session()
            self.say(self.tr("已重新读取并校验 {period} 的数据。").format(period=self.session.period.label))

    # ---- after changes --------------------------------------------------------------------
    def edit_applied(self, edit: Edit) -> None:
        """An edit (or its undo) reached the database: re-check and repaint what it touched."""
        if self.session is None:
            return
        changed = self.session.refresh(edit.keys())
        self.metrics_changed(changed)
        elsewhere = {period for period, _, _ in edit.keys()} - {self.session.period.code}
        if elsewhere:
            self.fill_periods()
            labels = "、".join(Period.parse(p).label for p in sorted(elsewhere))
            self.say(self.tr("“{label}”改动了 {periods} 的数据。").format(label=edit.label, periods=labels))

    def metrics_changed(self, codes: set[str]) -> None:
        self.model.metrics_changed(codes)
        self.indicators.statuses_changed({self.session.row(code).indicator.code for code in codes})
        self.findings_panel.set_session(self.session)
        self._update_status()
        if self.current_code() in codes:
            self.trend_timer.start()  # restarted by every edit: one repaint when they pause

    def _update_status(self) -> None:
        session = self.session
        self.filled_label.setText(self.tr("已填 {filed} / {total} 项").format(
            filed=len(session.values), total=len(session.rows)))
        if not session.checked:
            text, style = self.tr("校验中…"), ""
        else:  # a department's view says what it lacks to hand over, the 全部 view what a formal export lacks
            from app.readiness import readiness  # the rules: not needed to paint the first window

            ready = readiness(self.ctx, session)
            text = "｜".join(shown(part) for part in (ready.text, ready.handover) if part)
            style = "color: #2e7d32;" if ready.ok else "color: #c62828; font-weight: bold;"
        if self.blocking_label.styleSheet() != style:  # a new style sheet re-polishes the label
            self.blocking_label.setStyleSheet(style)
        self.blocking_label.setText(text)

    def update_lock_label(self) -> None:
        """Which departments shown are locked for this period."""
        locked = sorted({row.dept for row in self.session.rows} & set(self.session.locks))
        names = "、".join(self.dept_name(d) for d in locked)
        self.lock_label.setText(self.tr("🔒 已锁定：{names}").format(names=names) if locked else "")

    def dept_name(self, code: str | None) -> str:
        # departments come from the district profile, the same in every year's catalog
        catalog = self.session.catalog if self.session else self.ctx.catalog()
        dept = catalog.department(code) if code else None
        return dept.name if dept else self.tr(ALL_DEPARTMENTS)

    def say(self, text: str, error: bool = False) -> None:
        self.statusBar().showMessage(("⚠ " if error else "") + text, 15000)

    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def show_records(self, title: str, summary: str, headers: Iterable[str] = (), rows: Iterable[tuple] = (),
                     folder: Path | None = None, accept_text: str = "") -> bool:
        from gui.dialogs import RecordsDialog  # the window paints without the dialogs

        dialog = RecordsDialog(title, summary, tuple(headers), list(rows), self, folder, accept_text)
        return dialog.exec() == QDialog.DialogCode.Accepted

    # ---- the table ------------------------------------------------------------------------
    def _lock_reason(self, code: str) -> str | None:
        locked = self.session.lock_reason(code) if self.session else None
        return shown(locked) if locked else None

    def current_code(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).metric.code if index.isValid() else None

    def _current_changed(self, *_) -> None:
        self.show_trend()

    def _trend_after_pause(self) -> None:
        if self.isVisible():  # a closed window may have let go of its database meanwhile
            self.show_trend()

    def show_trend(self) -> None:
        """Chart the current metric now (a pending repaint after edits is no longer needed)."""
        self.trend_timer.stop()
        code = self.current_code()
        if code is None or self.session is None:
            return
        row = self.session.row(code)
        data = TrendData.of(row.metric, self.session.period.year, self.session.series(code))
        caption = self.tr("{name} · {dept}").format(name=row.metric.name, dept=self.dept_name(row.dept))
        self.trends_panel.show_trend(data, caption)

    def jump_to(self, code: str) -> None:
        """Select the 本期数值 cell of a metric, showing all indicators if it is filtered out."""
        row = self.model.row_of(code)
        if row is None:
            self.indicator_list.setCurrentIndex(self.indicators.index(0))
            row = self.model.row_of(code)
        if row is None:
            return
        index = self.model.index(row, Column.VALUE)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.table.setFocus()

    # ---- edit menu (undo, copy, paste and clear are the editor's) ------------------------------
    def perform(self, edit: Edit) -> bool:
        return self.editor.perform(edit)

    def record(self, done: Edit, inverse: Edit) -> None:
        self.editor.record(done, inverse)

    def confirm_discard_drafts(self) -> bool:
        return self.editor.confirm_discard_drafts()

    def _undo_texts(self, *_) -> None:
        stack = self.editor.stack
        undo, redo = self.actions["undo"], self.actions["redo"]
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())
        undo.setText(self.tr("撤销 {label}").format(label=stack.undoText()) if stack.canUndo() else self.tr("撤销"))
        redo.setText(self.tr("重做 {label}").format(label=stack.redoText()) if stack.canRedo() else self.tr("重做"))

    def explain_current(self) -> None:
        code = self.current_code()
        findings = self.editor.explainable(code) if code else []
        if not findings:
            self.say(self.tr("本行没有需要说明的警告。"), error=True)
            return
        chosen = self.findings_panel.current_finding()
        self.editor.explain(chosen if chosen in findings else findings[0])

    def next_finding(self, step: int = 1) -> None:
        proxy = self.findings_panel.proxy
        if not proxy.rowCount():
            self.say(self.tr("没有问题。"))
            return
        current = self.findings_panel.table.currentIndex()
        row = (current.row() + step) % proxy.rowCount() if current.isValid() else 0
        self.findings_panel.table.selectRow(row)
        self.findings_panel.table.scrollTo(self.findings_panel.table.currentIndex())
        self.show_findings()
        self.jump_to(self.findings_panel.current_finding().metric)

    def previous_finding(self) -> None:
        self.next_finding(-1)

    # ---- view menu ---------------------------------------------------------------------
    def show_findings(self) -> None:
        self.findings_dock.show()

    def toggle_findings(self) -> None:
        self.findings_dock.setVisible(not self.findings_dock.isVisible())

    def toggle_trends(self) -> None:
        self.trends_dock.setVisible(not self.trends_dock.isVisible())

    def toggle_indicators(self) -> None:
        self.indicator_list.setVisible(not self.indicator_list.isVisible())

    def focus_department(self) -> None:
        self.dept_box.setFocus()
        self.dept_box.showPopup()

    def focus_period(self) -> None:
        self.period_box.setFocus()
        self.period_box.showPopup()

    def focus_table(self) -> None:
        self.table.setFocus()

    # ---- remembering ---------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = remembered.GEOMETRY.get(self.settings)
        if geometry.isEmpty():  # the first start: as large as suits the table, within the screen
            fit_to_screen(self, QSize(1280, 800))
        else:
            self.restoreGeometry(geometry)
        if not self.restoreState(remembered.WINDOW_STATE.get(self.settings)):
            self.resizeDocks([self.trends_dock], [340], Qt.Orientation.Horizontal)
            self.resizeDocks([self.findings_dock], [270], Qt.Orientation.Vertical)
        self._show_choice(remembered.PERIOD.get(self.settings) or self.period_box.currentData(),
                          remembered.DEPARTMENT.get(self.settings) or None)

    def _remember(self) -> None:
        remembered.GEOMETRY.set(self.settings, self.saveGeometry())
        remembered.WINDOW_STATE.set(self.settings, self.saveState())
        remembered.DEPARTMENT.set(self.settings, self.current_dept() or "")
        remembered.PERIOD.set(self.settings, self.period_box.currentData())
        remembered.INDICATOR.set(self.settings, self.current_indicator() or "")
        self.settings.sync()

    def release(self) -> None:
        """Remember the window and let go of the database (another window took over)."""
        self.trend_timer.stop()  # it would read the database
        self._remember()
        if self.owns_context:
            self.ctx.close()

    def closeEvent(self, event) -> None:
        if self.tasks.busy or not self.editor.confirm_discard_drafts():
            event.ignore()
            return
        self.release()
        super().closeEvent(event)
