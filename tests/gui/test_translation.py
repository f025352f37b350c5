"""Visible text goes through Qt's translations: an English .qm, once someone writes one, applies
(to the app's messages too, as the window shows them)."""

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from gui.app import install_translators
from gui.figures_model import FiguresModel

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS><TS version="2.1" language="en">
<context><name>FiguresModel</name>
 <message><source>指标名称</source><translation>Indicator</translation></message>
 <message><source>未填</source><translation>Empty</translation></message></context>
<context><name>MainWindow</name>
 <message><source>文件(&amp;F)</source><translation>&amp;File</translation></message></context>
<context><name>Messages</name>
 <message><source>超出表格末行，未粘贴</source><translation>Below the last row: not pasted</translation></message>
</context></TS>
"""


@pytest.fixture
def english(tmp_path):
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not installed")
    (tmp_path / "yingshang_en.ts").write_text(TS, encoding="utf-8")
    subprocess.run([str(lrelease), str(tmp_path / "yingshang_en.ts"), "-qm", str(tmp_path / "yingshang_en.qm")],
                   check=True, capture_output=True)
    app = QApplication.instance()
    installed = install_translators(app, QLocale(QLocale.Language.English), tmp_path)
    yield installed
    for translator in installed:
        app.removeTranslator(translator)


def test_an_english_translation_replaces_headers_menus_and_messages(english, qtbot, demo_ctx, settings):
    from app import messages
    from app.messages import Message
    from gui.main_window import MainWindow
    from gui.messages import shown

    assert any(t.filePath().endswith("yingshang_en.qm") for t in english)
    assert FiguresModel().headerData(0, Qt.Orientation.Horizontal) == "Indicator"
    window = MainWindow(demo_ctx, settings)
    qtbot.addWidget(window)
    assert window.menuBar().actions()[0].text() == "&File"
    assert shown(Message(messages.BELOW_LAST_ROW)) == "Below the last row: not pasted"


def test_without_a_translation_the_chinese_source_shows(tmp_path):
    app = QApplication.instance()
    installed = install_translators(app, QLocale(QLocale.Language.English), tmp_path)
    try:
        assert not any(t.filePath().startswith(str(tmp_path)) for t in installed)
        assert FiguresModel().headerData(0, Qt.Orientation.Horizontal) == "指标名称"
    finally:
        for translator in installed:
            app.removeTranslator(translator)
