"""保护中小投资者 marked 不适用 for 2023 (本区不考核): the 区法院's rows say 不适用 in grey with the reason in
the tooltip and no status icon, and a figure typed there is refused with the reason, nothing stored."""

from PySide6.QtCore import Qt

from app.year_settings import mark_not_applicable
from gui.figures_model import Column
from tests.gui.test_entry import EDITING, cell, stored, type_figure

REASON = "本区本年度不考核保护中小投资者"


def test_a_metric_not_applicable_is_shown_greyed_and_refuses_a_figure(qtbot, window):
    mark_not_applicable(window.ctx, 2023, "investor_protection", REASON)
    window.settings_changed("保护中小投资者不适用")
    window.show_choice("2023Q3", "court")
    assert cell(window, "iv_fast_track_cases") == "不适用"
    assert cell(window, "iv_fast_track_cases", Column.STATUS) == "不适用"
    assert cell(window, "iv_fast_track_cases", Column.STATUS, Qt.ItemDataRole.DecorationRole) is None
    assert REASON in cell(window, "iv_fast_track_cases", role=Qt.ItemDataRole.ToolTipRole)
    assert cell(window, "ct_close_rate", Column.STATUS, Qt.ItemDataRole.DecorationRole) is not None
    before = stored(window, "iv_fast_track_cases", "court")
    editor = type_figure(qtbot, window, "iv_fast_track_cases", "12")
    assert window.table.state() == EDITING and editor.text() == "12"
    assert REASON in editor.toolTip() and "不适用" in window.statusBar().currentMessage()
    assert stored(window, "iv_fast_track_cases", "court") == before
