"""Pasting blocks copied from Excel: planned without a GUI, applied in the window as one undo step,
refused cells listed and kept in their cells."""

import re

from PySide6.QtGui import QGuiApplication

from gui.clipboard import block_text, parse_block
from gui.figures_model import EDITABLE, HEADERS, Column
from gui.paste import block_cells, plan_paste
from gui.session import EntrySession
from models.periods import Period
from tests.conftest import seed_text

Q4 = Period(year=2023, quarter=4)
FIELDS = {int(column): field for column, field in EDITABLE.items()}


def labour_figures():
    """seed 000: 累计开展线上招聘会197场线下19场，共216场，共组织11943家企业"""
    found = re.search(r"线上招聘会(\d+)场线下(\d+)场,共(\d+)场,共组织(\d+)家企业", seed_text("000"))
    return list(found.groups())


def plan(session, block, code, column=Column.VALUE):
    row = [r.metric.code for r in session.rows].index(code)
    return plan_paste(session, session.rows, block_cells(block, row, column), FIELDS, HEADERS)


def test_excel_clipboard_text_is_read_into_rows_of_cells():
    assert parse_block("197\t说明\r\n19\t\r\n") == [["197", "说明"], ["19", ""]]
    assert parse_block('"截至\n9月30日"\t216') == [["截至\n9月30日", "216"]]
    assert parse_block("") == []
    rows = [["1,297", 'a "b"'], ["99.38%", "两行\n说明"]]
    assert parse_block(block_text(rows)) == rows


def test_a_column_of_seed_figures_becomes_entries(demo_ctx):
    session = EntrySession(demo_ctx, Q4, "hr_social")
    online, offline, total, firms = labour_figures()
    planned = plan(session, [[online], [offline], [total], [firms]], "lb_fairs_online")
    assert [(e.metric, e.number, e.raw) for e in planned.entries] == [
        ("lb_fairs_online", 197, "197"), ("lb_fairs_offline", 19, "19"),
        ("lb_fairs_total", 216, "216"), ("lb_fair_firms", 11943, "11943")]
    assert not planned.refused and all(e.period == "2023Q4" and e.dept == "hr_social" for e in planned.entries)


def test_unreadable_and_misplaced_cells_are_refused_with_reasons(demo_ctx):
    session = EntrySession(demo_ctx, Q4, "hr_social")
    block = [["XX场", "197"], ["", "19"], ["216", ""]]
    planned = plan(session, block, "lb_fairs_online")
    assert [e.metric for e in planned.entries] == ["lb_fairs_total"]
    reasons = {(r.code, r.column): r.reason for r in planned.refused}
    assert "占位符" in reasons[("lb_fairs_online", Column.VALUE)]
    assert reasons[("lb_fairs_online", Column.LAST_YEAR)] == "“上年同期”列不能填写，未粘贴"
    assert planned.blank == 2
    last = len(session.rows) - 1
    beyond = plan_paste(session, session.rows, block_cells([["1"], ["2"]], last, Column.VALUE), FIELDS, HEADERS)
    assert [r.reason for r in beyond.refused] == ["超出表格末行，未粘贴"]


def test_a_note_pasted_beside_its_figure_belongs_to_the_new_figure(demo_ctx):
    session = EntrySession(demo_ctx, Q4, "hr_social")
    block = [["197"] + [""] * 4 + ["截至12月31日"]]
    planned = plan(session, block, "lb_fairs_online")
    assert [(e.number, e.note) for e in planned.entries] == [(197, "截至12月31日")]
    alone = plan(session, [["只有说明"]], "lb_fairs_offline", Column.NOTE)
    assert not alone.entries and "请先填写" in alone.refused[0].reason


def test_figures_equal_to_the_stored_ones_are_counted_not_written(demo_ctx):
    session = EntrySession(demo_ctx, Period(year=2023, quarter=3), "hr_social")
    online, offline, total, _ = labour_figures()
    planned = plan(session, [[online], [offline], [total]], "lb_fairs_online")
    assert (planned.entries, planned.unchanged) == ([], 3)


def test_pasting_in_the_window_is_one_undo_step_and_keeps_refused_text(window, said):
    window.fill_periods()
    window.period_box.setCurrentIndex(window.period_box.findData("2023Q4"))
    window.dept_box.setCurrentIndex(window.dept_box.findData("hr_social"))
    online, offline, total, firms = labour_figures()
    window.jump_to("lb_fairs_online")
    QGuiApplication.clipboard().setText(f"{online}\n{offline}\n{total}\n约{firms}\n")
    window.paste()
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
    window.undo()
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
    window.copy()
    assert parse_block(QGuiApplication.clipboard().text()) == [["受理案件数", "34200"], ["结案数", "28936"]]
