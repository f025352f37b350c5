"""Start-up: the window paints the figures first and checks them right after; the session's own
check (over the figures it read) finds what a check from the database finds."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.checking import validate_period
from app.session import EntrySession
from gui.main_window import MainWindow
from models.periods import Period

Q3 = Period(year=2023, quarter=3)
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("dept", [None, "court", "gov_data"])
def test_session_check_finds_what_a_check_from_the_database_finds(demo_ctx, dept):
    session = EntrySession(demo_ctx, Q3, dept)
    shown = {row.metric.code for row in session.rows}
    expected = [f for f in validate_period(demo_ctx, Q3, dept).findings if f.metric in shown]
    assert expected, "the demo district has findings to compare"
    assert sorted(session.all_findings(), key=lambda f: f.key) == sorted(expected, key=lambda f: f.key)


def test_a_session_read_without_checking_has_figures_and_no_findings_until_checked(demo_ctx):
    session = EntrySession(demo_ctx, Q3, None, check=False)
    assert not session.checked and session.findings == {} and session.all_findings() == []
    assert len(session.values) == 174
    session.check()
    assert session.checked
    assert session.all_findings() == EntrySession(demo_ctx, Q3, None).all_findings()


def test_window_shows_figures_first_then_checks_once_the_table_has_painted(qtbot, demo_ctx, settings):
    window = MainWindow(demo_ctx, settings, check_later=True)
    qtbot.addWidget(window)
    assert not window.session.checked
    assert window.blocking_label.text() == "校验中…"
    assert window.filled_label.text() == "已填 174 / 174 项"
    assert window.findings_panel.model.rowCount() == 0
    window.show()
    qtbot.waitUntil(lambda: window.session.checked)
    expected = EntrySession(demo_ctx, Q3, None).all_findings()
    assert window.session.all_findings() == expected
    assert window.findings_panel.model.rowCount() == len(expected)
    assert window.blocking_label.text().startswith("需处理")


def test_an_edit_before_the_first_check_is_checked_with_it(qtbot, demo_ctx, settings):
    window = MainWindow(demo_ctx, settings, check_later=True)
    qtbot.addWidget(window)
    assert window.editor.commit("ct_cases_closed", "value", "29000")
    window.show()
    qtbot.waitUntil(lambda: window.session.checked)
    rules = {f.rule for f in window.session.findings.get("ct_close_rate", ())}
    assert "ratio:ct_close_rate" in rules  # 29000 ÷ 34200 = 84.80%, not the stated 84.61%


PAINT_A_TALL_WIDGET = """
import os, sys
{prelude}
from PySide6.QtWidgets import QApplication, QScrollBar
app = QApplication([])
bar = QScrollBar()
bar.resize(14, 600)
bar.grab()  # a fill of 600 lines
print(len(os.listdir("/proc/self/task")))
"""


def _threads_after_painting(prelude: str) -> int:
    env = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    out = subprocess.run([sys.executable, "-c", PAINT_A_TALL_WIDGET.format(prelude=prelude)], env=env,
                         cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    return int(out.stdout.split()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts threads in /proc")
def test_the_program_paints_on_its_own_thread_without_handing_fills_to_a_pool():
    # Qt alone hands a tall fill to its pool of threads and waits (see gui/__init__.py)
    assert _threads_after_painting("import gui") < _threads_after_painting("")
