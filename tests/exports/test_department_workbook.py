"""The blank department workbook: what a filer sees and may change."""

import openpyxl
import pytest

from exports.department import COLUMN_OF, COLUMNS, TABLE_HEADER_ROW, DepartmentBook, department_workbook
from exports.files import save_atomically, sheet_title
from exports.identity import META_SHEET, read_identity
from exports.progress import Cancelled
from models.periods import Period
from models.profile import Contacts
from models.values import Value
from tests.exports.helpers import field_cell, rows_by_code

Q3 = Period.parse("2023Q3")


def value(metric, number, raw, period="2023Q3", dept="court", note=""):
    return Value(period=period, dept=dept, metric=metric, number=number, raw=raw, note=note)


@pytest.fixture
def court_book(catalog):
    # 结案率 84.61% and 受理 34200 are seed 000's figures; last year's are the demo's.
    current = {"ct_close_rate": value("ct_close_rate", 84.61, "84.61%", note="=含旧存665件"),
               "ct_cases_accepted": value("ct_cases_accepted", 34200, "34200")}
    last_year = {"ct_close_rate": value("ct_close_rate", 83.4, "83.4%", period="2022Q3")}
    return DepartmentBook(catalog=catalog, period=Q3, dept=catalog.department("court"), current=current,
                          last_year=last_year, contacts=Contacts(filer="张三", phone="0791-1234567"),
                          written_at="2023-10-08T09:00:00+08:00")


@pytest.fixture
def court_file(court_book, tmp_path):
    path = tmp_path / "区法院.xlsx"
    save_atomically(department_workbook(court_book), path)
    return path


def test_one_sheet_per_indicator_the_department_leads(court_file, catalog):
    wb = openpyxl.load_workbook(court_file)
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert visible == [i.name for i in catalog.indicators_led_by("court")] == ["执行合同", "办理破产", "保护中小投资者"]
    assert wb[META_SHEET].sheet_state == "veryHidden"


def test_header_block_and_table(court_file, catalog):
    ws = openpyxl.load_workbook(court_file)["执行合同"]
    labels = ("填报单位（盖章）", "统计期", "表号", "制表机关", "批准文号", "有效期至",
              "单位负责人", "统计负责人", "填表人", "联系电话", "报出日期")
    block = {label: field_cell(ws, label).value for label in labels}
    assert block == {"填报单位（盖章）": "区法院", "统计期": "2023年第三季度", "表号": None, "制表机关": None,
                     "批准文号": None, "有效期至": None, "单位负责人": None, "统计负责人": None,
                     "填表人": "张三", "联系电话": "0791-1234567", "报出日期": None}
    headers = [ws.cell(TABLE_HEADER_ROW, c).value for c in range(1, len(COLUMNS) + 1)]
    assert {"指标代码", "指标名称", "单位", "本期数值", "上年同期", "目标值", "说明", "数据来源"} <= set(headers)
    assert list(rows_by_code(ws)) == [m.code for m in catalog.indicator("contract_enforcement").metrics]


def test_figures_are_prefilled_with_formats_per_unit(court_file):
    ws = openpyxl.load_workbook(court_file)["执行合同"]
    rows = rows_by_code(ws)
    rate = ws.cell(rows["ct_close_rate"], COLUMN_OF["value"])
    assert (rate.value, rate.number_format) == (0.8461, "0.00%")
    assert ws.cell(rows["ct_close_rate"], COLUMN_OF["last_year"]).value == 0.834
    accepted = ws.cell(rows["ct_cases_accepted"], COLUMN_OF["value"])
    assert (accepted.value, accepted.number_format) == (34200, "#,##0")
    assert ws.cell(rows["ct_cases_closed"], COLUMN_OF["value"]).value is None
    assert ws.cell(rows["ct_avg_trial_days"], COLUMN_OF["target"]).value == "≤90天"


def test_a_note_starting_with_equals_stays_text(court_file):
    ws = openpyxl.load_workbook(court_file)["执行合同"]
    note = ws.cell(rows_by_code(ws)["ct_close_rate"], COLUMN_OF["note"])
    assert (note.value, note.data_type) == ("=含旧存665件", "s")


def test_only_the_filers_cells_are_unlocked(court_file):
    ws = openpyxl.load_workbook(court_file)["执行合同"]
    assert ws.protection.sheet
    row = rows_by_code(ws)["ct_close_rate"]
    for key, _header, _width, editable in COLUMNS:
        assert ws.cell(row, COLUMN_OF[key]).protection.locked is not editable, key
    assert not field_cell(ws, "填表人").protection.locked
    assert not field_cell(ws, "报出日期").protection.locked
    assert field_cell(ws, "填报单位（盖章）").protection.locked  # the workbook's, not the filer's


def test_frozen_header_widths_and_print_setup(court_file):
    ws = openpyxl.load_workbook(court_file)["执行合同"]
    assert ws.freeze_panes == f"C{TABLE_HEADER_ROW + 1}"
    assert ws.column_dimensions["B"].width >= 20
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == f"${TABLE_HEADER_ROW}:${TABLE_HEADER_ROW}"


def validation_of(ws, cell):
    return next(dv for dv in ws.data_validations.dataValidation if cell.coordinate in dv.sqref)


def test_value_cells_have_excel_validation_with_the_range(court_file):
    ws = openpyxl.load_workbook(court_file)["执行合同"]
    rows = rows_by_code(ws)
    value = lambda code: ws.cell(rows[code], COLUMN_OF["value"])  # noqa: E731
    rate = validation_of(ws, value("ct_close_rate"))
    assert (rate.type, rate.operator, rate.formula1, rate.formula2) == ("decimal", "between", "0", "1")
    count = validation_of(ws, value("ct_cases_accepted"))
    assert (count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert "件" in count.prompt and "整数" in count.error
    assert value("ct_cases_closed").coordinate in count.sqref  # one rule for cells with the same check


def test_growth_rates_may_exceed_one_hundred_percent(catalog, tmp_path):
    book = DepartmentBook(catalog=catalog, period=Q3, dept=catalog.department("finance"), current={},
                          last_year={}, contacts=Contacts(), written_at="")
    ws = department_workbook(book)["政府采购"]
    growth = validation_of(ws, ws.cell(rows_by_code(ws)["pc_emall_growth"], COLUMN_OF["value"]))
    assert (growth.operator, growth.formula1) == ("greaterThanOrEqual", "-1")


def test_identity_is_recorded(court_file):
    identity = read_identity(openpyxl.load_workbook(court_file), "yingshang-tianbao/department")
    assert (identity.period, identity.dept, identity.version, identity.catalog_year) == ("2023Q3", "court", 3, 2023)


def test_progress_and_cancel(court_book):
    seen = []
    department_workbook(court_book, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (14, 14)
    with pytest.raises(Cancelled):
        department_workbook(court_book, is_cancelled=lambda: True)


def test_sheet_titles_are_valid_and_unique():
    taken = set()
    assert sheet_title("知识产权创造、保护和运用", taken) == "知识产权创造、保护和运用"
    assert sheet_title("a/b:c*d?[e]", taken) == "abcde"
    assert sheet_title("x" * 40, taken) == "x" * 31
    assert sheet_title("X" * 40, taken) == "X" * 28 + "(2)"  # names differ only in case clash


def test_each_row_says_what_the_metric_means(court_file):
    ws = openpyxl.load_workbook(court_file)["执行合同"]
    rows = rows_by_code(ws)
    assert ws.cell(TABLE_HEADER_ROW, COLUMN_OF["meaning"]).value == "指标解释"
    rate = ws.cell(rows["ct_close_rate"], COLUMN_OF["meaning"])
    assert rate.value.splitlines() == [
        "本年1月1日至本期末累计：结案数占受理案件数（含旧存）的比例（种子报告：28936 ÷ 34200 = 84.61%）。",
        "计算公式：结案率 = 结案数 ÷ 受理案件数 × 100%"]
    assert rate.protection.locked and rate.alignment.wrap_text
    assert ws.row_dimensions[rows["ct_close_rate"]].height >= 30  # two lines and more are not clipped
    old = ws.cell(rows["ct_cases_old"], COLUMN_OF["meaning"]).value
    assert "计算公式" not in old and "数据来源" not in old and "填报频率" not in old  # nothing said: nothing shown


def test_the_meaning_names_the_source_and_a_frequency_other_than_quarterly(catalog):
    from exports.department import meaning_text

    assert "数据来源：江西省电子卖场" in meaning_text(catalog.metric("pc_emall_amount"))
    assert meaning_text(catalog.metric("ii_rd_growth")).endswith("填报频率：年度（第四季度填报）")


def test_a_workbook_with_the_meaning_column_imports_by_its_headers(demo_ctx, tmp_path):
    from app import exchange
    from tests.exports.helpers import fill

    blank = exchange.write_blank(demo_ctx, Q3, demo_ctx.catalog(2023).department("court"), tmp_path / "b.xlsx").path
    fill(blank, {"ct_close_rate": "84.62%"}, sources={"ct_close_rate": "审判管理系统"})
    plan = exchange.import_workbook(demo_ctx, blank, dry_run=True)
    assert not plan.refusals
    (change,) = [c for c in plan.changes if c.kind == "changed"]
    assert (change.entry.metric, change.entry.raw, change.entry.source) == ("ct_close_rate", "84.62%", "审判管理系统")
