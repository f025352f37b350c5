"""On a 1366×768 screen (728 pixels high without the taskbar) the window and every dialog fit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QScreen

from tests.gui.conftest import on_next_dialog
from tests.gui.test_chinese_buttons import DIALOGS

SCREEN = QRect(0, 0, 1366, 728)  # 1366×768 less a taskbar of 40 pixels


@pytest.fixture
def small_screen(monkeypatch):
    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: QRect(SCREEN))
    return SCREEN


def fits(size: QSize) -> bool:
    return size.width() <= SCREEN.width() and size.height() <= SCREEN.height()


def test_the_first_window_fits_the_screen_and_its_size_is_remembered(qtbot, demo_ctx, settings, small_screen):
    from gui.app import main_window

    first = main_window(demo_ctx, settings)
    qtbot.addWidget(first)
    outer = first.size() + QSize(16, 40)  # with the frame and title bar the window manager adds
    assert fits(outer) and first.width() >= 1200 and first.height() >= 650
    assert fits(first.minimumSizeHint())
    assert SCREEN.contains(QRect(first.pos(), outer))
    # within the offscreen screen (800×600), which Qt's restoring keeps it to, and not below the minimum
    chosen = QSize(first.minimumSizeHint().width(), 560)
    first.resize(chosen)
    first.close()
    again = main_window(demo_ctx, settings)
    qtbot.addWidget(again)
    assert again.size() == chosen


@pytest.mark.parametrize("command", sorted(DIALOGS))
def test_every_dialog_fits_the_screen(command, qtbot, window, small_screen):
    window.jump_to("rp_pledge_transfers")  # a row with a warning to explain
    if command == "restore_backup":
        window.ctx.store.backup("manual")
    sizes = []

    def measure(dialog):
        sizes.extend([dialog.size(), dialog.sizeHint(), dialog.minimumSizeHint()])
        dialog.reject()

    handled = on_next_dialog(measure)
    window.actions[command].trigger()
    qtbot.waitUntil(lambda: bool(handled), timeout=5000)
    assert all(fits(size) for size in sizes), sizes


def test_the_report_crosscheck_fits_the_screen(window, small_screen):
    window.actions["crosscheck_text"].trigger()
    dialog = window.file_commands.crosscheck_dialog
    sizes = [dialog.size() + QSize(16, 40), dialog.sizeHint(), dialog.minimumSizeHint()]
    dialog.close()
    assert all(fits(size) for size in sizes), sizes
