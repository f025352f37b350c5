"""Queries in the window: the 营商办 asks about a figure, the department answers, the 营商办 closes.

The department acting is the one the window shows; in the 全部 view it is the 营商办 (the profile's
coordinator), as for the hand-over commands.  The figure is the entry table's current row, or the
query chosen in the 问询 list while the list has the focus.  Each command is one use case of
``app.queries``; a refusal is shown as the use case words it, and nothing is changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QDialog, QDockWidget, QInputDialog, QMenu

from app.errors import UsageError
from gui.host import WindowHost
from gui.queries_panel import QueriesPanel
from models.workflow import Query
from storage import StoreError

CONTEXT_MENU = ("explain_current", "show_audit", None, "ask_query", "answer_query", "close_query")


class QueryCommands(QObject):
    def __init__(self, host: WindowHost):
        super().__init__(host.window())
        self.host = host
        self.ctx = host.ctx
        self.panel: QueriesPanel | None = None
        self.dock: QDockWidget | None = None

    # ---- the list and the context menu -------------------------------------------------------
    def build(self, beside: QDockWidget) -> None:
        """The 问询 dock, tabbed with ``beside`` (the findings), and the table's context menu."""
        window = self.host.window()
        self.panel = QueriesPanel(self._names)
        self.panel.add_buttons([self.host.actions[name] for name in ("ask_query", "answer_query", "close_query")])
        self.panel.jump.connect(self.host.jump_to)
        self.panel.show_closed_changed.connect(lambda *_: self.show_queries())
        self.dock = QDockWidget(self.tr("问询"), window)
        self.dock.setObjectName("queries")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        window.tabifyDockWidget(beside, self.dock)
        beside.raise_()
        table = self.host.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)

    def _context_menu(self, at: QPoint) -> None:
        menu = self.context_menu()
        menu.exec(self.host.table.viewport().mapToGlobal(at))

    def context_menu(self) -> QMenu:
        menu = QMenu(self.host.table)
        for name in CONTEXT_MENU:
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.host.actions[name])
        return menu

    def show_queries(self) -> None:
        """Fill the list with the period's queries on the figures shown (open ones, or all)."""
        session = self.host.session
        if self.panel is None or session is None:
            return
        from app import queries

        session.reload_queries()
        found = queries.queries(self.ctx, session.period, session.dept,
                                open_only=not self.panel.show_closed.isChecked())
        self.panel.set_queries([q for q in found if session.index_of(q.metric) is not None])

    def show_list(self) -> None:
        if self.dock is not None:
            self.dock.show()
            self.dock.raise_()

    def _names(self, query: Query) -> tuple[str, str]:
        catalog = self.host.session.catalog
        metric = catalog.metric(query.metric)
        return self.host.dept_name(query.dept), metric.name if metric else query.metric

    # ---- the commands -------------------------------------------------------------------------
    def ask_query(self) -> None:
        """提出问询: the 营商办 asks about the figure of the current row."""
        from app import queries

        target = self._target()
        if target is None:
            return
        dept, code = target
        if not self._may(self.tr("未能提出问询"), lambda: queries.may_ask(self.ctx, self._period(), dept, code,
                                                                       self._acting())):
            return
        text = self._text(self.tr("提出问询"), self.tr("就{dept}“{name}”（{period}）向该部门提问：").format(
            dept=self.host.dept_name(dept), name=self._metric_name(code), period=self.host.session.period.label))
        if text is not None:
            self._run(self.tr("未能提出问询"), lambda: queries.ask(self.ctx, self._period(), dept, code, text,
                                                                 self._acting()), self.tr("已提出问询"))

    def answer_query(self) -> None:
        """回复问询: the department answers the open query on the figure of the current row."""
        from app import queries

        target = self._target()
        if target is None:
            return
        dept, code = target
        asked = self._may(self.tr("未能回复问询"), lambda: queries.may_answer(self.ctx, self._period(), dept, code,
                                                                          self._acting()))
        if not asked:
            return
        text = self._text(self.tr("回复问询"), self.tr("营商办问：{text}\n{dept}“{name}”的回复：").format(
            text=asked.text, dept=self.host.dept_name(dept), name=self._metric_name(code)), asked.answer)
        if text is not None:
            self._run(self.tr("未能回复问询"), lambda: queries.answer(self.ctx, self._period(), dept, code, text,
                                                                  self._acting()), self.tr("已回复问询"))

    def close_query(self) -> None:
        """关闭问询: the 营商办 closes the open query on the figure of the current row."""
        from app import queries

        target = self._target()
        if target is not None:
            dept, code = target
            self._run(self.tr("未能关闭问询"), lambda: queries.close(self.ctx, self._period(), dept, code,
                                                                 self._acting()), self.tr("已关闭问询"))

    # ---- helpers ------------------------------------------------------------------------------
    def _target(self) -> tuple[str, str] | None:
        """(department, metric) of the figure acted on: the list's query while the list has the focus."""
        if self.panel is not None and self.panel.table.hasFocus() and self.panel.current_query() is not None:
            query = self.panel.current_query()
            return query.dept, query.metric
        code = self.host.current_code()
        if code is None:
            self.host.say(self.tr("请先在表格中选中一项指标。"), error=True)
            return None
        return self.host.session.row(code).dept, code

    def _text(self, title: str, prompt: str, start: str = "") -> str | None:
        dialog = QInputDialog(self.host.window())
        dialog.setWindowTitle(title)
        dialog.setLabelText(prompt)
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        dialog.setTextValue(start)
        dialog.resize(520, 260)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.textValue()

    def _may(self, failed: str, check: Callable[[], object]):
        """What ``check`` gives, or None once its refusal is shown (before anything is typed)."""
        try:
            return check()
        except (UsageError, StoreError) as exc:
            self.host.warn(failed, str(exc))
            return None

    def _run(self, failed: str, action: Callable[[], Query], done: str) -> None:
        try:
            query = action()
        except (UsageError, StoreError) as exc:
            self.host.warn(failed, str(exc))
            return
        self.show_queries()
        self.host.metrics_changed({query.metric})  # the cell's marker, the status bar
        self.host.say(f"{done}：{self.host.dept_name(query.dept)}“{self._metric_name(query.metric)}”")

    def _acting(self) -> str:
        return self.host.session.dept or self.ctx.profile.coordinator

    def _period(self):
        return self.host.session.period

    def _metric_name(self, code: str) -> str:
        metric = self.host.session.catalog.metric(code)
        return metric.name if metric else code
