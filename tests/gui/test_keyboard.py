"""The keyboard does what an Excel user expects: Tab and Enter skip read-only cells, Ctrl+F finds a
metric, undo shows the cell it changed, Enter in the findings list goes to the cell, the 说明 dialog
takes Tab and Ctrl+Enter, and a window replaced by another database is gone with its shortcuts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from gui.explanation_dialog import ExplanationDialog
from gui.figures_model import Column
from tests.gui.conftest import on_next_dialog, type_text
from tests.gui.test_entry import current_code, select, stored, type_figure

CTRL = Qt.KeyboardModifier.ControlModifier


def test_tab_and_enter_skip_read_only_cells(qtbot, window):
    select(window, "ct_law_firm_visits", Column.NAME)
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)  # 指标名称 and 单位 are read-only
    assert window.table.currentIndex().column() == Column.VALUE
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)  # 上年同期 … 状态 are read-only
    assert window.table.currentIndex().column() == Column.NOTE
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)  # on to the next row's first cell to type in
    assert window.table.currentIndex().column() == Column.VALUE
    assert current_code(window) != "ct_law_firm_visits"
    qtbot.keyClick(window.table, Qt.Key.Key_Backtab)
    assert (current_code(window), window.table.currentIndex().column()) == ("ct_law_firm_visits", Column.NOTE)
    select(window, "ct_law_firm_visits", Column.STATUS)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)  # down, into the row's 本期数值
    assert window.table.currentIndex().column() == Column.VALUE
    assert current_code(window) != "ct_law_firm_visits"


def test_ctrl_f_finds_a_metric_by_name_or_code(qtbot, window):
    select(window, "gs_online_rate")
    qtbot.keyClick(window.table, Qt.Key.Key_F, CTRL)
    assert window.finder.hasFocus()
    type_text(qtbot, window.finder, "带押")
    popup = window.finder.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert current_code(window) == "rp_pledge_transfers" and window.table.hasFocus()
    assert window.table.currentIndex().column() == Column.VALUE and window.finder.text() == ""
    qtbot.keyClick(window.table, Qt.Key.Key_F, CTRL)
    type_text(qtbot, window.finder, "ct_close_rate")
    qtbot.keyClick(window.finder, Qt.Key.Key_Return)
    assert current_code(window) == "ct_close_rate"


def test_ctrl_f_finds_a_metric_hidden_by_the_indicator_list(qtbot, window):
    window.indicator_list.setCurrentIndex(window.indicators.index(1))
    assert window.model.row_of("ct_close_rate") is None
    window.finder.find_metric()
    type_text(qtbot, window.finder, "ct_close_rate")
    qtbot.keyClick(window.finder, Qt.Key.Key_Return)
    assert current_code(window) == "ct_close_rate"


def test_undo_and_redo_go_to_the_cell_they_changed(qtbot, window):
    type_figure(qtbot, window, "ct_law_firm_visits", "71")
    select(window, "gs_online_rate")
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    assert current_code(window) == "ct_law_firm_visits" and window.table.hasFocus()
    assert stored(window, "ct_law_firm_visits", "court").raw != "71"
    select(window, "gs_online_rate")
    qtbot.keyClick(window.table, Qt.Key.Key_Y, CTRL)
    assert current_code(window) == "ct_law_firm_visits"


def test_enter_in_the_findings_list_goes_to_the_cell(qtbot, window):
    panel = window.findings_panel
    panel.table.setFocus()
    panel.table.selectRow(2)
    finding = panel.current_finding()
    assert finding.metric != current_code(window)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert current_code(window) == finding.metric and window.table.hasFocus()


def test_tab_in_the_explanation_dialog_moves_focus(qtbot, window):
    finding = next(f for f in window.editor.explainable("rp_pledge_transfers"))
    typed = []

    def write(dialog):
        try:
            dialog.editor.setFocus()
            type_text(qtbot, dialog.editor, "本期新开展")
            qtbot.keyClick(dialog.editor, Qt.Key.Key_Tab)  # moves on, never a tab character
            typed.append((dialog.editor.hasFocus(), "\t" in dialog.editor.toPlainText()))
            dialog.editor.setFocus()
            type_text(qtbot, dialog.editor, "业务")
            dialog.save_button.click()
        finally:
            if dialog.isVisible():  # Ctrl+Enter did not save: the test fails instead of hanging
                dialog.reject()

    handled = on_next_dialog(write, ExplanationDialog)
    assert window.editor.explain(finding)
    assert handled and typed == [(False, False)]
    (stored_text,) = [e.text for e in window.ctx.store.explanations(finding.period) if e.metric == finding.metric]
    assert stored_text == "本期新开展业务"


def test_a_window_replaced_by_another_database_is_gone_with_its_shortcuts(qtbot, window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from gui.profile_dialog import ProfileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "另一个.db"), ""))
    on_next_dialog(lambda dialog: dialog.reject(), ProfileDialog)
    window.actions["open_database"].trigger()
    successor = window.successor
    qtbot.addWidget(successor)
    qtbot.waitUntil(lambda: not isValid(window))
    alt_u = [action for top in QApplication.topLevelWidgets() if top.isVisible() for action in top.findChildren(QAction)
             if QKeySequence("Alt+U") in action.shortcuts()]
    assert alt_u == [successor.actions["focus_department"]]
