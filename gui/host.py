"""What the window's parts need of the window, declared once.

The controllers of the menus (``FileCommands``, ``SettingsCommands``, ``DataCommands``,
``HelpCommands``) and the ``EntryEditor`` are built by the ``MainWindow`` with the window as their
host, as git-cola's commands receive one context: they reach the database, the period shown and
the filer only through what ``WindowHost`` names here, so each part can be read (and driven) alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.context import AppContext
from app.editing import Edit
from app.session import EntrySession
from gui.figures_model import FiguresModel
from gui.figures_view import FiguresView
from gui.file_choosers import FileChoosers
from gui.tasks import TaskRunner
from models.periods import Period


@runtime_checkable
class WindowHost(Protocol):
    # ---- what the parts work with --------------------------------------------------------
    ctx: AppContext
    settings: QSettings
    session: EntrySession | None  # the period and department shown; None only while the window is built
    tasks: TaskRunner  # long work off the main thread
    choosers: FileChoosers
    actions: dict[str, QAction]  # every menu command by name
    table: FiguresView  # the entry table: its selection and current cell
    model: FiguresModel

    def window(self) -> QWidget:
        """The top-level window: the parent of every dialog (``QWidget.window``)."""
        ...

    # ---- what is shown -------------------------------------------------------------------
    def current_period(self) -> Period: ...

    def current_dept(self) -> str | None: ...

    def current_code(self) -> str | None:
        """The metric of the table's current row."""
        ...

    def dept_name(self, code: str | None) -> str: ...

    def filing_departments(self) -> list[tuple[str, str]]:
        """(code, name) of the departments that lead an indicator."""
        ...

    # ---- telling the filer ---------------------------------------------------------------
    def say(self, text: str, error: bool = False) -> None:
        """A line in the status bar."""
        ...

    def warn(self, title: str, text: str) -> None: ...

    def show_records(self, title: str, summary: str, headers: Iterable[str] = (), rows: Iterable[tuple] = (),
                     folder: Path | None = None, accept_text: str = "") -> bool:
        """A summary over a table of records, modal; True when accepted (a button ``accept_text``)."""
        ...

    # ---- changes ---------------------------------------------------------------------------
    def perform(self, edit: Edit) -> bool:
        """Apply an edit and put it on the undo stack (False: refused, and said)."""
        ...

    def record(self, done: Edit, inverse: Edit) -> None:
        """Put an edit that a use case has already applied on the undo stack."""
        ...

    def confirm_discard_drafts(self) -> bool: ...

    def edit_applied(self, edit: Edit) -> None:
        """An edit or its undo reached the database: re-check and repaint what it touched."""
        ...

    def metrics_changed(self, codes: set[str]) -> None: ...

    def show_choice(self, period: str, dept: str | None) -> None: ...

    def settings_changed(self, message: str) -> None:
        """The profile, a catalog or the whole database changed: rebuild the choices and the table."""
        ...

    def update_lock_label(self) -> None: ...

    def show_findings(self) -> None: ...

    def jump_to(self, code: str) -> None:
        """Put the cursor on the 本期数值 cell of a metric."""
        ...
