"""Single cells: numbers back to the text a filer typed, text that never becomes a formula."""

from datetime import date, datetime

import openpyxl
import pytest

from exports.cells import (
    CellValueError,
    cell_number,
    is_percent_format,
    number_format,
    reported_number,
    text_cell,
    text_of,
    typed_text,
    write_text,
)
from exports.styles import style_array
from models.texts import MAX_TEXT
from tests.conftest import seed_text
from validation.parsing import parse_entry

SEED = seed_text("000")


@pytest.mark.parametrize("fmt, percent", [
    ("0.00%", True), ("0%", True), ("#,##0.0%;[Red]-0.0%", True), ("General", False), (None, False),
    ('0.00"%"', False), ("0.00\\%", False), ("[$%-804]0.00", False), ("0", False), ("@", False),
])
def test_percent_formats_are_told_from_a_literal_percent_sign(fmt, percent):
    assert is_percent_format(fmt) is percent


def test_a_percent_formatted_fraction_reads_as_the_percentage_the_filer_sees(catalog):
    # 0.9938 in a 0.00% cell shows "99.38%" (全程网办率 in seed 000).
    assert "全程网办率99.38%" in SEED
    text = typed_text(0.9938, "0.00%")
    assert text == "99.38%"
    parsed = parse_entry(text, catalog.metric("gs_full_online_rate"))
    assert parsed.number == 99.38


@pytest.mark.parametrize("value, fmt, expected", [
    (1297, "General", "1297"),
    (1297.0, "0", "1297"),
    (84.61, "General", "84.61"),
    (1.0, "0.00%", "100%"),
    (0.0, "0.00%", "0%"),
    (1.0246, "0.00%", "102.46%"),  # 电子卖场同比增长102.46%: growth may exceed 100%
    (-0.145, "0.0%", "-14.5%"),
    (0.9938000000000001, "0.00%", "99.38%"),  # binary noise from Excel arithmetic
    (99.38000000000001, "General", "99.38"),
    (6074.82, "0.00", "6074.82"),
    (1e-7, "General", "0.0000001"),
])
def test_numbers_become_the_text_typed(value, fmt, expected):
    assert typed_text(value, fmt) == expected


def test_formula_results_keep_their_full_precision_for_the_parser_to_judge():
    assert typed_text(28936 / 34200, "0.00%") == "84.6081871345029%"


@pytest.mark.parametrize("value", [True, False, datetime(2023, 9, 30), date(2023, 9, 30), float("nan"),
                                   float("inf"), "#DIV/0!", "#N/A"])
def test_values_that_are_no_figure_are_refused(value):
    with pytest.raises(CellValueError):
        typed_text(value, "General")


def test_error_cells_are_refused_by_type():
    with pytest.raises(CellValueError, match="错误值"):
        typed_text("#REF!", "General", data_type="e")


def test_text_is_returned_as_typed_and_blank_text_is_empty():
    assert typed_text("１２９７", "General") == "１２９７"
    assert typed_text(" 84.61 ％ ", "@") == " 84.61 ％ "
    assert typed_text("   ", "General") is None
    assert typed_text(None, "0.00%") is None


def test_notes_read_as_text():
    assert text_of(None) == ""
    assert text_of(1297) == "1297"
    assert text_of(0.1 + 0.2) == "0.3"
    assert text_of(datetime(2023, 10, 8)) == "2023-10-08"
    assert text_of("  已核实  ") == "已核实"


@pytest.mark.parametrize("text", ["=1+1", "+86 0791", "-5天后补报", "@张三", "=HYPERLINK(\"http://x\")"])
def test_typed_text_is_never_a_formula(tmp_path, text):
    wb = openpyxl.Workbook()
    write_text(wb.active["A1"], text)
    wb.save(tmp_path / "t.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "t.xlsx").active["A1"]
    assert (cell.value, cell.data_type) == (text, "s")
    assert cell.quotePrefix


def test_figures_in_cells(catalog):
    rate, count = catalog.metric("ct_close_rate"), catalog.metric("ct_cases_accepted")
    assert (number_format(rate), number_format(count)) == ("0.00%", "#,##0")
    assert number_format(rate, 1) == "0.0%"
    assert cell_number(84.61, rate) == 0.8461
    assert cell_number(84.61, rate, percent_cell=False) == 84.61
    assert cell_number(34200.0, count) == 34200 and isinstance(cell_number(34200.0, count), int)


def test_a_report_cell_holds_the_figure_at_its_precision_rounded_half_up(catalog):
    rate, count = catalog.metric("ct_close_rate"), catalog.metric("ct_cases_accepted")
    amount = catalog.metric("pc_emall_amount")  # 万元, two decimals
    assert reported_number(84.6082, rate) == 0.8461  # typed 84.6082%, reported 84.61%
    assert reported_number(84.6082, rate, percent_cell=False) == 84.61
    assert reported_number(84.6049, rate) == 0.846
    assert reported_number(99.995, rate) == 1 and isinstance(reported_number(99.995, rate), int)
    assert reported_number(2.675, amount) == 2.68  # binary round(2.675, 2) would give 2.67
    assert reported_number(6074.82, amount) == 6074.82  # already at the precision: unchanged
    assert reported_number(34200.0, count) == 34200
    # the department's own workbook keeps what was typed: cell_number never rounds
    assert cell_number(84.6082, rate) == 0.846082


@pytest.mark.parametrize("stored, written", [
    ("核实\ufffe无误", "核实\ufffd无误"),
    ("\x01\uffff", "\ufffd\ufffd"),
    ("半个\udcff代理对", "半个\ufffd代理对"),
    ("=\ufdd0说明\U0010ffff", "=\ufdd0说明\U0010ffff".replace("\ufdd0", "\ufffd").replace("\U0010ffff", "\ufffd")),
    ("第一行\t分列\n第二行 👍 \ue000", "第一行\t分列\n第二行 👍 \ue000"),  # all of it kept
])
def test_text_no_workbook_can_hold_is_written_with_a_mark_and_the_file_opens(tmp_path, stored, written):
    """What an older version stored: both ways of writing text put � in place of what XML cannot hold."""
    wb = openpyxl.Workbook()
    ws = wb.active
    write_text(ws.cell(1, 1), stored)
    ws.append([text_cell(ws, stored, style_array(ws, "left"))])
    wb.save(tmp_path / "x.xlsx")
    back = openpyxl.load_workbook(tmp_path / "x.xlsx").active
    assert back["A1"].value == back["A2"].value == written


def test_text_longer_than_a_cell_is_cut_to_fit(tmp_path):
    wb = openpyxl.Workbook()
    write_text(wb.active["A1"], "说" * (MAX_TEXT + 10))
    assert len(wb.active["A1"].value) == MAX_TEXT and wb.active["A1"].value.endswith("说…")
