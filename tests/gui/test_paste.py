"""Pasting in the window: one undo step, refused cells listed and kept in their cells; copying
and reading Excel's clipboard text."""

from PySide6.QtGui import QGuiApplication

from gui.clipboard import block_text, parse_block
from gui.figures_model import Column
from tests.app.test_paste import labour_figures


def test_excel_clipboard_text_is_read_into_rows_of_cells():
    assert parse_block("197\t说明\r\n19\t\r\n") == [["197", "说明"], ["19", ""]]
    assert parse_block('"截至\n9月30日"\t216') == [["截至\n9月30日", "216"]]
    assert parse_block("") == []
    rows = [["1,297", 'a "b"'], ["99.38%", "两行\n说明"]]
    assert parse_block(block_text(rows)) == rows


def test_pasting_in_the_window_is_one_undo_step_and_keeps_refused_text(window, said):
    window.fill_periods()
    window.period_box.setCurrentIndex(window.period_box.findData("2023Q4"))
    window.dept_box.setCurrentIndex(window.dept_box.findData("hr_social"))
    online, offline, total, firms = labour_figures()
    window.jump_to("lb_fairs_online")
    QGuiApplication.clipboard().setText(f"{online}\n{offline}\n{total}\n约{firms}\n")
    window.editor.paste()
    store = window.ctx.store
    assert [store.get("2023Q4", "hr_social", c).raw for c in ("lb_fairs_online", "lb_fairs_offline", "lb_fairs_total")] \
        == ["197", "19", "216"]
    assert store.get("2023Q4", "hr_social", "lb_fair_firms") is None
    row = window.model.row_of("lb_fair_firms")
    assert window.model.data(window.model.index(row, Column.VALUE)) == "约11943"
    assert window.model.data(window.model.index(row, Column.STATUS)) == "未保存"
    title, text = said[-1]
    assert title == "粘贴结果" and "已粘贴 3 项" in text and "1 个单元格未保存" in text and "约11943" in text
    assert window.editor.stack.count() == 1 and window.actions["undo"].text() == "撤销 粘贴 3 项"
    window.editor.undo()
    assert all(store.get("2023Q4", "hr_social", c) is None for c in ("lb_fairs_online", "lb_fairs_total"))


def test_one_value_fills_every_selected_cell(window):
    window.fill_periods()
    window.period_box.setCurrentIndex(window.period_box.findData("2023Q4"))
    window.dept_box.setCurrentIndex(window.dept_box.findData("housing"))
    selection = window.table.selectionModel()
    window.jump_to("cp_construction_legal_days")
    for code in ("cp_construction_legal_days", "cp_fire_design_legal_days"):
        selection.select(window.model.index(window.model.row_of(code), Column.VALUE), selection.SelectionFlag.Select)
    window.editor.paste("10个工作日")
    store = window.ctx.store
    assert store.get("2023Q4", "housing", "cp_construction_legal_days").number == 10
    assert store.get("2023Q4", "housing", "cp_fire_design_legal_days").number == 10


def test_copy_puts_the_selected_cells_on_the_clipboard_for_excel(window):
    window.dept_box.setCurrentIndex(window.dept_box.findData("court"))
    selection = window.table.selectionModel()
    window.jump_to("ct_cases_accepted")
    for code in ("ct_cases_accepted", "ct_cases_closed"):
        for column in (Column.NAME, Column.VALUE):
            selection.select(window.model.index(window.model.row_of(code), column), selection.SelectionFlag.Select)
    window.editor.copy()
    assert parse_block(QGuiApplication.clipboard().text()) == [["受理案件数", "34200"], ["结案数", "28936"]]
