"""Planning a paste of blocks copied from Excel (no Qt): readable cells become entries, the rest
are refused with their reasons."""

import re
from enum import IntEnum

from app.paste import block_cells, plan_paste
from app.session import EntrySession
from models.periods import Period
from tests.conftest import seed_text

Q4 = Period(year=2023, quarter=4)


class Column(IntEnum):
    """A table laid out as the window's: name, figure, two read-only columns, note."""

    NAME = 0
    VALUE = 1
    LAST_YEAR = 2
    STATUS = 3
    NOTE = 4


HEADERS = ("指标名称", "本期数值", "上年同期", "状态", "说明")
FIELDS = {Column.VALUE: "value", Column.NOTE: "note"}


def labour_figures():
    """seed 000: 累计开展线上招聘会197场线下19场，共216场，共组织11943家企业"""
    found = re.search(r"线上招聘会(\d+)场线下(\d+)场,共(\d+)场,共组织(\d+)家企业", seed_text("000"))
    return list(found.groups())


def plan(session, block, code, column=Column.VALUE):
    row = [r.metric.code for r in session.rows].index(code)
    return plan_paste(session, session.rows, block_cells(block, row, column), FIELDS, HEADERS)


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
    block = [["197"] + [""] * 2 + ["截至12月31日"]]
    planned = plan(session, block, "lb_fairs_online")
    assert [(e.number, e.note) for e in planned.entries] == [(197, "截至12月31日")]
    alone = plan(session, [["只有说明"]], "lb_fairs_offline", Column.NOTE)
    assert not alone.entries and "请先填写" in alone.refused[0].reason


def test_an_unsavable_note_beside_a_new_figure_is_refused_in_its_cell_not_at_saving(demo_ctx):
    session = EntrySession(demo_ctx, Q4, "hr_social")
    planned = plan(session, [["197", "", "", "截至\x0712月31日"]], "lb_fairs_online")  # a control character
    assert [(r.code, r.column) for r in planned.refused] == [("lb_fairs_online", Column.NOTE)]


def test_figures_equal_to_the_stored_ones_are_counted_not_written(demo_ctx):
    session = EntrySession(demo_ctx, Period(year=2023, quarter=3), "hr_social")
    online, offline, total, _ = labour_figures()
    planned = plan(session, [[online], [offline], [total]], "lb_fairs_online")
    assert (planned.entries, planned.unchanged) == ([], 3)
