"""On a PC whose system language is English, every button and label of every dialog the window
opens is Chinese: Qt's own translations follow the program's language, not the system's."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
)

from gui.app import install_translators
from tests.gui.conftest import on_next_dialog

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def english_system(monkeypatch):
    """A PC set to American English: the locale Qt reads, and the environment's language."""
    monkeypatch.setenv("LANG", "C")
    monkeypatch.setenv("LANGUAGE", "en_US")
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    app = QApplication.instance()
    installed = install_translators(app)
    yield installed
    for translator in installed:
        app.removeTranslator(translator)
    QLocale.setDefault(before)


def english(texts) -> list[str]:
    """The texts among ``texts`` with no Chinese in them (an empty text has nothing to say)."""
    return [text for text in texts if text.strip() and not CHINESE.search(text)]


def button_texts(dialog) -> list[str]:
    return [button.text() for box in dialog.findChildren(QDialogButtonBox)
            for button in box.findChildren(QAbstractButton) if button.isVisible()]


def test_qt_translations_are_chinese_whatever_the_system_locale(english_system):
    assert any(t.filePath().endswith("qtbase_zh_CN.qm") for t in english_system)
    box = QMessageBox()
    every = QMessageBox.StandardButton
    box.setStandardButtons(every.Yes | every.No | every.Ok | every.Cancel | every.Save | every.Close
                           | every.Discard | every.Apply)
    texts = [button.text() for button in box.buttons()]
    assert len(texts) == 8 and english(texts) == []


# command → what it opens first (the window's default choice is 全部, 2023年三季度)
DIALOGS = {
    "open_database": "QFileDialog",
    "import_workbook": "QFileDialog",
    "export_blank": "DepartmentDialog",
    "export_with_template": "QFileDialog",
    "lock_period": "DepartmentDialog",
    "edit_profile": "ProfileDialog",
    "import_profile": "QFileDialog",
    "new_year": "QInputDialog",
    "export_catalog": "QInputDialog",
    "import_catalog": "QFileDialog",
    "restore_backup": "QInputDialog",
    "show_keys": "RecordsDialog",
    "show_start": "GettingStartedDialog",
    "show_audit": "RecordsDialog",
    "explain_current": "ExplanationDialog",
}


@pytest.mark.parametrize("command", sorted(DIALOGS))
def test_every_dialog_of_the_menus_has_chinese_buttons(command, qtbot, window, english_system):
    window.jump_to("rp_pledge_transfers")  # a row with a warning to explain
    if command == "restore_backup":
        window.ctx.store.backup("manual")
    seen = {}

    def inspect(dialog):
        seen["kind"] = type(dialog).__name__
        seen["buttons"] = button_texts(dialog)
        if isinstance(dialog, QFileDialog):  # Qt's own dialog (no native one offscreen): its labels too
            seen["labels"] = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
        dialog.reject()

    handled = on_next_dialog(inspect)
    window.actions[command].trigger()
    qtbot.waitUntil(lambda: bool(handled), timeout=5000)
    assert seen["kind"] == DIALOGS[command]
    assert seen["buttons"] and english(seen["buttons"]) == []
    assert english(seen.get("labels", [])) == []


def test_the_unsaved_input_prompt_says_what_each_button_does(window, said, english_system):
    window.editor.session.drafts[("gs_online_rate", "value")] = _draft()
    window.period_box.setCurrentIndex(0)
    assert said[-1][0] == "有未保存的输入"
    assert sorted(said.buttons[-1]) == sorted(["放弃输入并离开", "返回修改"])
    assert window.editor.session.drafts  # 返回修改 (the default, Esc): still there, the period unchanged
    said.choice = "放弃输入并离开"
    window.period_box.setCurrentIndex(0)
    assert not window.editor.session.drafts and window.period_box.currentIndex() == 0


def test_message_boxes_of_the_menus_have_chinese_buttons(window, said, english_system):
    for command in ("show_about", "new_year_targets", "restore_backup", "show_diff", "compare_years"):
        if command == "new_year_targets":
            window.settings_commands._ask_targets(2023, 2024)
        else:
            window.actions[command].trigger()
    assert len(said.buttons) >= 3
    assert all(texts and english(texts) == [] for texts in said.buttons), said.buttons


def test_the_paste_result_has_chinese_buttons(window, said, english_system):
    from PySide6.QtGui import QGuiApplication

    window.jump_to("gs_online_rate")
    QGuiApplication.clipboard().setText("约11943")
    window.editor.paste()
    assert said[-1][0] == "粘贴结果" and said.buttons[-1] and english(said.buttons[-1]) == []


def _draft():
    from app.session import Draft

    return Draft("九十九", "无法识别的数值")


def test_the_report_crosscheck_has_chinese_buttons(window, english_system):
    window.actions["crosscheck_text"].trigger()
    dialog = window.file_commands.crosscheck_dialog
    texts = [button.text() for button in dialog.findChildren(QAbstractButton) if button.isVisible()]
    dialog.close()
    assert texts and english(texts) == []


def test_the_welcome_of_the_first_start_is_chinese_and_fits_1366x768(qtbot, english_system):
    from gui.first_start import WelcomeDialog

    welcome = WelcomeDialog()
    qtbot.addWidget(welcome)
    welcome.show()
    texts = [button.text() for button in welcome.findChildren(QAbstractButton)]
    assert len(texts) == 4 and english(texts) == []
    hint = welcome.sizeHint()
    assert hint.width() <= 1366 and hint.height() <= 728
