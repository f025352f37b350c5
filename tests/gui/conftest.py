"""Fixtures for driving the real window offscreen: a window over the demo district, a way to
answer the next modal dialog, and message boxes that record what they said instead of blocking."""

from __future__ import annotations

import time
from functools import partial

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from shiboken6 import isValid


@pytest.fixture(autouse=True)
def _application(qapp):
    """Icons and fonts need the QApplication even in tests without a widget."""
    return qapp


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, demo_ctx, settings):
    from gui.app import main_window

    shown = main_window(demo_ctx, settings)  # made as the application makes it
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    if isValid(shown):  # not deleted: another database opened from its menu replaces the window
        shown.editor.session.drafts.clear()  # nothing to confirm on close
        shown.close()  # before the database closes: a chart waiting for a pause in editing would read it


class Said(list):
    """What message boxes said, as (title, text); ``answer`` is the button a question gets;
    ``buttons`` the texts of each box's buttons, as the filer would have seen them."""

    answer = QMessageBox.StandardButton.Yes
    choice = ""  # text of the button a custom message box gets clicked

    def __init__(self):
        super().__init__()
        self.buttons: list[list[str]] = []


STANDARD = {"question": QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No}


def _standard_texts(kind, args, kwargs) -> list[str]:
    """The texts Qt gives the standard buttons a static message box would have shown."""
    shown = args[0] if args else kwargs.get("buttons", STANDARD.get(kind, QMessageBox.StandardButton.Ok))
    box = QMessageBox()
    box.setStandardButtons(shown)
    texts = [button.text() for button in box.buttons()]
    box.deleteLater()
    return texts


@pytest.fixture(autouse=True)
def said(monkeypatch):
    record = Said()

    def static(kind):
        def show(parent, title, text, *args, **kwargs):
            record.append((title, text))
            record.buttons.append(_standard_texts(kind, args, kwargs))
            return record.answer if kind == "question" else QMessageBox.StandardButton.Ok
        return show

    for kind in ("warning", "information", "critical", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, static(kind))

    def exec_box(box):
        record.append((box.windowTitle(), box.text() + ("\n" + box.informativeText() if box.informativeText() else "")))
        record.buttons.append([button.text() for button in box.buttons()])
        for button in box.buttons():
            if button.text() == record.choice:
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return record


def on_next_dialog(handler, kind=QDialog, timeout_s: float = 5.0) -> list:
    """Call ``handler(dialog)`` once the next modal dialog of ``kind`` is up (``exec`` runs its own
    event loop, so a timer gets there).  Returns a list that holds the dialog once handled; a
    dialog that never came is closed after the timeout so that a test fails instead of hanging."""
    handled, deadline = [], time.monotonic() + timeout_s

    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            handled.append(dialog)
            handler(dialog)
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, poll)
        elif dialog is not None:
            dialog.reject()

    QTimer.singleShot(0, poll)
    return handled


class Paints(QObject):
    """Counts the paint events of a widget."""

    def __init__(self, widget):
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        self.count += event.type() == QEvent.Type.Paint
        return False


def drain(qtbot, rounds: int = 3) -> None:
    """Run the event loop until it is idle: every posted event (repaints included) delivered and a
    zero-timer fired, ``rounds`` times over, so that what a change scheduled has happened.  Used
    instead of waiting a fixed time, which is too short on a busy machine and too long elsewhere."""
    app = QCoreApplication.instance()
    for _ in range(rounds):
        app.sendPostedEvents()
        fired = []
        QTimer.singleShot(0, partial(fired.append, True))
        qtbot.waitUntil(fired.__len__, timeout=5000)


def type_text(qtbot, editor, text):
    """Type as a filer does: plain keys for ASCII, the input method's commit for 中文 and full-width."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(editor, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(editor, event)
