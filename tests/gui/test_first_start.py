"""A newcomer sees that the demo is a demo, chooses where to begin, and finds a 入门 page."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QLabel

from gui.first_start import DEMO_NAME, GettingStartedDialog, Start, WelcomeDialog, first_start
from tests.gui.conftest import on_next_dialog


def test_the_demo_database_says_so_in_the_title_and_the_status_bar(window):
    assert "演示数据" in window.windowTitle()
    mark = window.statusBar().findChild(QLabel, "demo_mark")
    assert mark is not None and mark.isVisible() and "演示数据" in mark.text()


def test_a_district_database_is_not_marked(qtbot, ctx, settings):
    from gui.app import main_window

    own = main_window(ctx, settings)
    qtbot.addWidget(own)
    assert "演示数据" not in own.windowTitle()
    assert own.statusBar().findChild(QLabel, "demo_mark") is None


def answer_welcome(choice: str):
    return on_next_dialog(lambda dialog: dialog.buttons[choice].click(), WelcomeDialog)


def test_the_first_start_offers_the_demo(tmp_path):
    handled = answer_welcome("demo")
    assert first_start(tmp_path) == Start(tmp_path / DEMO_NAME, demo=True)
    assert handled


def test_the_first_start_offers_setting_up_the_district(tmp_path):
    answer_welcome("set_up")
    assert first_start(tmp_path) == Start(tmp_path / "data.db", set_up=True)


def test_the_first_start_opens_an_existing_database_and_asks_again_when_none_is_chosen(tmp_path, monkeypatch):
    answers = iter([("", ""), (str(tmp_path / "区里的.db"), "")])  # cancelled, then a file
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: next(answers))
    welcomes = []

    def choose_open(dialog):
        welcomes.append(dialog)
        if len(welcomes) == 1:
            on_next_dialog(choose_open, WelcomeDialog)
        dialog.buttons["open"].click()

    on_next_dialog(choose_open, WelcomeDialog)
    assert first_start(tmp_path) == Start(tmp_path / "区里的.db")
    assert len(welcomes) == 2


def test_leaving_the_welcome_starts_nothing(tmp_path):
    on_next_dialog(lambda dialog: dialog.reject(), WelcomeDialog)
    assert first_start(tmp_path) is None


def test_help_has_a_getting_started_page(qtbot, window):
    seen = []

    def read(dialog):
        seen.append(dialog.text.toPlainText())
        dialog.reject()

    handled = on_next_dialog(read, GettingStartedDialog)
    window.actions["show_start"].trigger()
    qtbot.waitUntil(lambda: bool(handled), timeout=5000)
    assert "入门" in seen[0] and "演示数据" in seen[0] and "Ctrl+M" in seen[0]
