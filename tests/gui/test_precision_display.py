"""A figure typed finer than its precision: the table shows it rounded half-up, the editor and the
tooltip keep what was typed (结案率 28936 ÷ 34200 = 84.6082% to four places, seed 000 reports 84.61%)."""

from PySide6.QtCore import Qt

from gui.figures_model import Column
from gui.trends import TrendChart, TrendData
from models.values import Entry
from tests.conftest import seed_text
from tests.gui.test_entry import cell, start_typing

EDIT = Qt.ItemDataRole.EditRole
TIP = Qt.ItemDataRole.ToolTipRole


def _store(window, code, number, raw, period="2023Q3", dept="court"):
    window.ctx.store.set_value(Entry(period=period, dept=dept, metric=code, number=number, raw=raw))


def test_the_grid_shows_the_rounded_figure_and_the_editor_opens_with_what_was_typed(qtbot, window):
    assert "结案率84.61%" in seed_text("000")
    _store(window, "ct_close_rate", 84.6082, "84.6082%")
    _store(window, "ct_close_rate", 80.125, "80.125%", period="2022Q3")
    window.open_session()
    assert window.current_dept() is None  # the coordinator's 全部 view
    assert cell(window, "ct_close_rate") == "84.61%"
    assert cell(window, "ct_close_rate", Column.LAST_YEAR) == "80.13%"  # 80.125: half-up, not binary 80.12
    assert cell(window, "ct_close_rate", role=EDIT) == "84.6082%"
    assert "填报原文：84.6082%" in cell(window, "ct_close_rate", role=TIP)
    editor = start_typing(qtbot, window, "ct_close_rate")
    assert editor.text() == "84.6082%"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # leaving the editor unchanged stores nothing
    assert window.ctx.store.get("2023Q3", "court", "ct_close_rate").raw == "84.6082%"
    assert cell(window, "ct_close_rate") == "84.61%"


def test_the_department_view_shows_the_same(qtbot, window):
    _store(window, "ct_close_rate", 99.995, "99.995%")
    window.show_choice("2023Q3", "court")
    assert window.current_dept() == "court"
    assert cell(window, "ct_close_rate") == "100.00%"
    assert cell(window, "ct_close_rate", role=EDIT) == "99.995%"


def test_a_figure_at_or_below_its_precision_is_shown_as_typed(qtbot, window):
    _store(window, "ct_close_rate", 100.0, "100%")
    _store(window, "ct_cases_accepted", 34200.0, "34,200")
    window.open_session()
    assert cell(window, "ct_close_rate") == "100%"
    assert cell(window, "ct_cases_accepted") == "34,200"
    assert "填报原文" not in cell(window, "ct_close_rate", role=TIP)


def test_the_trend_labels_round_half_up(qtbot):
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.set_data(TrendData("结案率", "%", 2, False, 2023, {2023: {3: 84.6082}}))
    assert chart.point_text(84.6082) == "84.61%"
    assert chart.point_text(2.675) == "2.68%"  # binary formatting gives 2.67
    assert chart.point_text(100.0) == "100%"
    chart.set_data(TrendData("民商事案件平均审理周期", "天", 1, False, 2023, {2023: {3: 86.45}}))
    assert chart.point_text(86.45) == "86.5"
