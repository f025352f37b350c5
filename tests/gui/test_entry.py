"""Typing figures into the real table (offscreen): accepted, refused in the cell, kept as a draft,
saved and checked at once, undone and redone, and refused on a locked period."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from gui.dialogs import DepartmentDialog
from gui.figures_model import Column
from tests.conftest import seed_text
from tests.gui.conftest import on_next_dialog, type_text

Q3 = "2023Q3"
EDITING = QAbstractItemView.State.EditingState


def select(window, code, column=Column.VALUE):
    index = window.model.index(window.model.row_of(code), column)
    window.table.setCurrentIndex(index)
    window.table.setFocus()
    return index


def start_typing(qtbot, window, code, column=Column.VALUE) -> QLineEdit:
    select(window, code, column)
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    assert window.table.state() == EDITING
    (editor,) = [e for e in window.table.viewport().findChildren(QLineEdit) if e.isVisible()]
    editor.setFocus()
    editor.selectAll()
    return editor


def type_figure(qtbot, window, code, text, key=Qt.Key.Key_Return, column=Column.VALUE) -> QLineEdit:
    editor = start_typing(qtbot, window, code, column)
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, key)
    return editor


def cell(window, code, column=Column.VALUE, role=Qt.ItemDataRole.DisplayRole):
    return window.model.data(window.model.index(window.model.row_of(code), column), role)


def current_code(window):
    return window.model.row_at(window.table.currentIndex().row()).metric.code


def stored(window, code, dept):
    return window.ctx.store.get(Q3, dept, code)


def test_figures_typed_as_in_the_reports_are_saved_at_once(qtbot, window):
    # seed 000: 全程网办率99.38%；区本级共有依申请政务服务事项1297项
    text = seed_text("000")
    assert "全程网办率99.38%" in text and "依申请政务服务事项1297项" in text
    window.ctx.store.set_value(_entry("gs_full_online_rate", 99.0, "99%"))
    window.open_session()
    type_figure(qtbot, window, "gs_full_online_rate", "99.38%")
    value = stored(window, "gs_full_online_rate", "gov_data")
    assert (value.number, value.raw) == (99.38, "99.38%")
    assert window.table.state() != EDITING
    assert current_code(window) == "gs_instant_items"  # Enter moved down, as in Excel
    type_figure(qtbot, window, "gs_items", "１，２９８")
    assert stored(window, "gs_items", "gov_data").number == 1298
    type_figure(qtbot, window, "gs_items", "1,297项")
    assert (stored(window, "gs_items", "gov_data").number, cell(window, "gs_items")) == (1297, "1,297项")
    reasons = {a.reason for a in window.ctx.store.audit(period=Q3, metric="gs_items")}
    assert "界面填报" in reasons


def _entry(code, number, raw, dept="gov_data"):
    from models.values import Entry

    return Entry(period=Q3, dept=dept, metric=code, number=number, raw=raw)


def test_junk_is_refused_in_the_editor_and_the_typed_text_stays(qtbot, window):
    before = stored(window, "gs_items", "gov_data")
    editor = type_figure(qtbot, window, "gs_items", "XX项")
    assert window.table.state() == EDITING  # the editor stays open …
    assert editor.text() == "XX项"  # … with what was typed
    assert "c62828" in editor.styleSheet()  # a red frame
    assert "占位符" in editor.toolTip()
    assert "占位符" in window.statusBar().currentMessage()
    assert stored(window, "gs_items", "gov_data") == before
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # Tab is refused the same way
    assert window.table.state() == EDITING and editor.text() == "XX项"


def test_leaving_a_refused_cell_keeps_the_text_as_a_red_draft(qtbot, window):
    before = stored(window, "gs_online_rate", "gov_data")
    editor = start_typing(qtbot, window, "gs_online_rate")
    type_text(qtbot, editor, "101%")  # a share above 100%
    select(window, "gs_items")  # click elsewhere: the view closes the editor
    assert window.table.state() != EDITING
    assert cell(window, "gs_online_rate") == "101%"
    assert cell(window, "gs_online_rate", Column.STATUS) == "未保存"
    assert "100%" in cell(window, "gs_online_rate", role=Qt.ItemDataRole.ToolTipRole)
    assert stored(window, "gs_online_rate", "gov_data") == before
    editor = start_typing(qtbot, window, "gs_online_rate")
    assert editor.text() == "101%"  # editing again starts from the draft
    editor.selectAll()
    type_text(qtbot, editor, "100%")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert cell(window, "gs_online_rate", Column.STATUS) == "正常"
    assert stored(window, "gs_online_rate", "gov_data").raw == "100%"


def test_tab_moves_right_and_shift_enter_moves_up(qtbot, window):
    type_figure(qtbot, window, "ct_law_firm_visits", "71", key=Qt.Key.Key_Tab)
    assert window.table.currentIndex().column() == Column.NOTE  # 上年同期…状态 are read-only: skipped
    assert current_code(window) == "ct_law_firm_visits"
    select(window, "ct_firm_visits")
    qtbot.keyClick(window.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert current_code(window) == "ct_law_firm_visits"
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert current_code(window) == "ct_firm_visits"


def test_breaking_a_ratio_marks_the_rate_and_undo_redo_restore_it(qtbot, window):
    # 结案率 84.61% = 28936 ÷ 34200; typing 30000 结案 breaks the identity (reported on 结案率)
    blocking_before = len(window.session.blocking())
    type_figure(qtbot, window, "ct_cases_closed", "30000")
    assert cell(window, "ct_close_rate", Column.STATUS) == "错误"
    assert "84.61" in cell(window, "ct_close_rate", role=Qt.ItemDataRole.ToolTipRole)
    assert len(window.session.blocking()) == blocking_before + 1
    assert re.search(r"需处理 \d+ 项（错误 1", window.blocking_label.text())
    assert any(f.rule == "ratio:ct_close_rate" for f in window.session.findings["ct_close_rate"])
    assert window.actions["undo"].text() == "撤销 填报 结案数 = 30000"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window, "ct_cases_closed", "court").number == 28936
    assert cell(window, "ct_close_rate", Column.STATUS) == "正常"
    assert len(window.session.blocking()) == blocking_before
    assert window.actions["redo"].text() == "重做 填报 结案数 = 30000"
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored(window, "ct_cases_closed", "court").number == 30000
    assert cell(window, "ct_close_rate", Column.STATUS) == "错误"
    reasons = [a.reason for a in window.ctx.store.audit(period=Q3, metric="ct_cases_closed")]
    assert reasons[-3:] == ["界面填报", "撤销：界面填报", "界面填报"]


def test_a_note_is_typed_in_the_note_column_and_needs_a_figure(qtbot, window):
    type_figure(qtbot, window, "ct_close_rate", "截至9月30日", column=Column.NOTE)
    assert stored(window, "ct_close_rate", "court").note == "截至9月30日"
    window.fill_periods()
    window.period_box.setCurrentIndex(window.period_box.findData("2023Q4"))
    editor = type_figure(qtbot, window, "ct_close_rate", "待统计", column=Column.NOTE)
    assert window.table.state() == EDITING and "请先填写" in editor.toolTip()


def test_delete_clears_the_selected_figures_in_one_undoable_step(qtbot, window):
    first = select(window, "ct_cases_accepted")
    last = window.model.index(window.model.row_of("ct_cases_closed"), Column.VALUE)
    window.table.selectionModel().select(
        window.table.model().index(first.row(), Column.VALUE), window.table.selectionModel().SelectionFlag.Select)
    window.table.selectionModel().select(last, window.table.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert stored(window, "ct_cases_accepted", "court") is None
    assert stored(window, "ct_cases_closed", "court") is None
    assert cell(window, "ct_cases_closed", Column.STATUS) == "未填"
    window.editor.undo()
    assert stored(window, "ct_cases_accepted", "court").raw == "34200"
    assert stored(window, "ct_cases_closed", "court").raw == "28936"


def test_a_locked_period_refuses_editing_until_unlocked(qtbot, window, said):
    window.dept_box.setCurrentIndex(window.dept_box.findData("court"))
    handled = on_next_dialog(lambda d: (d.reason.setText("已报送市营商办"), d.accept()), DepartmentDialog)
    window.data_commands.lock_period()
    assert handled and window.ctx.store.is_locked(Q3, "court")
    assert "已锁定" in window.lock_label.text()
    select(window, "ct_close_rate")
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    assert window.table.state() != EDITING
    assert "已锁定" in window.statusBar().currentMessage() and "已报送市营商办" in window.statusBar().currentMessage()
    assert window.model.setData(window.model.index(window.model.row_of("ct_close_rate"), Column.VALUE), "80%") is False
    assert stored(window, "ct_close_rate", "court").raw == "84.61%"
    assert cell(window, "ct_close_rate") == "80%"  # what was typed stays visible, not saved
    handled = on_next_dialog(lambda d: d.accept(), DepartmentDialog)  # unlock without a reason …
    window.data_commands.unlock_period()
    assert handled and window.ctx.store.is_locked(Q3, "court")  # … is not accepted
    handled = on_next_dialog(lambda d: (d.reason.setText("法院更正结案率"), d.accept()), DepartmentDialog)
    window.data_commands.unlock_period()
    assert not window.ctx.store.is_locked(Q3, "court")
    editor = start_typing(qtbot, window, "ct_close_rate")
    assert editor.text() == "80%"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert stored(window, "ct_close_rate", "court").raw == "80%"


def test_undo_is_refused_while_its_period_is_locked(qtbot, window, said):
    type_figure(qtbot, window, "ct_law_firm_visits", "71")
    window.ctx.store.lock(Q3, "court", "已报送")
    window.editor.undo()
    assert said and "已锁定" in said[-1][1]
    assert stored(window, "ct_law_firm_visits", "court").raw == "71"
    assert window.editor.stack.canUndo()


@pytest.mark.slow
def test_two_thousand_edits_in_a_row_do_not_crash(qtbot, window):
    """Each edit parses, stores, checks and repaints; PySide6 6.12.0 aborted after a few hundred."""
    model, codes = window.model, ["ct_cases_accepted", "ct_cases_closed", "ct_law_firm_visits", "ct_firm_visits"]
    rows = [model.row_of(code) for code in codes]
    for n in range(2000):
        row = rows[n % len(rows)]
        assert model.setData(model.index(row, Column.VALUE), str(30000 + n))
        if n % 250 == 0:
            qtbot.wait(1)  # let the view paint now and then
    assert window.ctx.store.get(Q3, "court", codes[1999 % 4]).number == 31999
    assert window.editor.stack.count() == 2000
    assert len(window.ctx.store.audit(period=Q3, dept="court")) >= 2000
