"""The built-in submission and the department workbook as statistical forms: the header and the
signatures on every indicator sheet, one number format per metric, numbers and dates as such,
nothing to recalculate.  Made through the commands, as the coordinator makes them."""

import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from exports.cells import typed_text
from exports.department import COLUMN_OF
from models.loader import load_catalog
from storage import Store
from tests.conftest import run_on
from tests.exports.helpers import field_cell, rows_by_code, submission_rows

FORM = {"表号": "营商统1表", "制表机关": "红谷滩区营商环境优化办公室", "批准文号": "赣营商办〔2023〕12号",
        "有效期至": "2024年12月"}
CONTACTS = {"head": "王五", "reviewer": "李四", "filer": "张三", "phone": "0791-86668888"}
SIGNATURES = {"单位负责人": "王五", "统计负责人": "李四", "填表人": "张三", "联系电话": "0791-86668888"}
FORM_LABELS = tuple(FORM)


@pytest.fixture
def district(capsys, demo_db):
    """The demo district with its form particulars and contacts set."""
    for label, text in FORM.items():
        assert run_on(capsys, demo_db, "profile", "set-form", label, text)[0] == 0
    for field, text in CONTACTS.items():
        assert run_on(capsys, demo_db, "profile", "set-contact", field, text)[0] == 0
    return demo_db


def export(capsys, db, tmp_path, name="报送.xlsx"):
    out = tmp_path / name
    code, _, err = run_on(capsys, db, "export", "2023Q3", "--draft", "--out", out)
    assert code == 0, err
    return out


def blank(capsys, db, tmp_path, dept="court"):
    out = tmp_path / f"{dept}.xlsx"
    code, _, err = run_on(capsys, db, "blank", "2023Q3", "--dept", dept, "--out", out)
    assert code == 0, err
    return out


def indicator_sheets(wb):
    return [ws for ws in wb.worksheets if ws.sheet_state == "visible" and ws.title not in ("封面", "校验结果")]


def test_every_indicator_sheet_carries_the_form_header_and_signatures(capsys, district, tmp_path):
    wb = openpyxl.load_workbook(export(capsys, district, tmp_path))
    sheets = indicator_sheets(wb)
    assert len(sheets) == len(load_catalog(2023).indicators)
    for ws in sheets:
        assert {label: field_cell(ws, label).value for label in FORM_LABELS} == FORM, ws.title
        assert {label: field_cell(ws, label).value for label in SIGNATURES} == SIGNATURES, ws.title
        assert ws["A2"].value == "填报单位（盖章）：区营商办"
        reported = field_cell(ws, "报出日期")
        assert isinstance(reported.value, datetime) and reported.value.date() == date.today()
        assert reported.is_date and "年" in reported.number_format
        last_metric = max(submission_rows(ws).values())
        assert reported.row > last_metric  # below the table
        assert ws.print_area.endswith(f"$J${ws.max_row}")  # the signatures are printed
        assert ws.print_title_rows == "$6:$7"


def test_unset_particulars_are_blank_lines_to_write_on(capsys, demo_db, tmp_path):
    ws = openpyxl.load_workbook(export(capsys, demo_db, tmp_path))["执行合同"]
    for label in (*FORM_LABELS, *SIGNATURES):
        cell = field_cell(ws, label)
        assert cell.value is None and cell.border.bottom.style == "thin", label


def test_numbers_dates_and_serial_numbers_are_real(capsys, district, tmp_path):
    wb = openpyxl.load_workbook(export(capsys, district, tmp_path))
    cover = {wb["封面"].cell(r, 2).value: wb["封面"].cell(r, 3) for r in range(5, 13)}
    assert isinstance(cover["报送日期"].value, datetime) and cover["报送日期"].is_date
    for ws in indicator_sheets(wb):
        rows = submission_rows(ws)
        assert [ws.cell(r, 1).value for r in rows.values()] == list(range(1, len(rows) + 1))
    findings = wb["校验结果"]
    numbers = [findings.cell(r, 1).value for r in range(4, findings.max_row + 1)]
    assert numbers == list(range(1, len(numbers) + 1)) and numbers


def test_one_number_format_per_metric_from_its_precision(capsys, district, tmp_path):
    catalog = load_catalog(2023)
    wb = openpyxl.load_workbook(export(capsys, district, tmp_path))
    for ws in indicator_sheets(wb):
        for code, row in submission_rows(ws).items():
            metric = catalog.metric(code)
            places = "." + "0" * metric.decimals if metric.decimals else ""
            wanted = f"0{places}%" if metric.unit == "%" else f"#,##0{places}"
            for column in (5, 6):
                cell = ws.cell(row, column)
                if isinstance(cell.value, (int, float)):
                    assert cell.number_format == wanted, (code, column)
    # 网上可办率 typed 100% this year and 99.6% last year, 全程网办率 99.38%: all read with 2 decimals
    ws = wb["政务服务"]
    rows = submission_rows(ws)
    shown = [typed_text(c.value, c.number_format) for c in (ws.cell(rows["gs_online_rate"], 5),
                                                           ws.cell(rows["gs_online_rate"], 6),
                                                           ws.cell(rows["gs_full_online_rate"], 5))]
    assert shown == ["100%", "99.6%", "99.38%"]  # the numbers themselves, as fractions of 1
    assert {ws.cell(rows[c], 5).number_format for c in ("gs_online_rate", "gs_full_online_rate")} == {"0.00%"}
    cases = ws.cell(rows["gs_nearby_cases"], 5)
    assert (cases.value, cases.number_format) == (109233, "#,##0")  # shows 109,233


def calculation_on_load(path) -> str:
    with zipfile.ZipFile(path) as archive:
        workbook_xml = archive.read("xl/workbook.xml").decode()
    return "full" if 'fullCalcOnLoad="1"' in workbook_xml else "none"


def test_nothing_to_recalculate_when_opened(capsys, district, tmp_path):
    report = tmp_path / "校验报告.xlsx"
    run_on(capsys, district, "validate", "2023Q3", "--out", report)
    for path in (export(capsys, district, tmp_path), blank(capsys, district, tmp_path), report):
        assert calculation_on_load(path) == "none", path.name
        wb = openpyxl.load_workbook(path)
        assert not [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_a_template_with_formulas_is_recalculated_when_opened(capsys, district, tmp_path):
    template = tmp_path / "省模板.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["B1"] = "依申请政务服务事项数", "{{metric:gs_items}}"
    wb.save(template)
    plain = tmp_path / "无公式.xlsx"
    assert run_on(capsys, district, "export", "2023Q3", "--draft", "--template", template, "--out", plain)[0] == 0
    wb.active["C1"] = "=B1*2"
    wb.save(template)
    computed = tmp_path / "有公式.xlsx"
    assert run_on(capsys, district, "export", "2023Q3", "--draft", "--template", template, "--out", computed)[0] == 0
    assert (calculation_on_load(plain), calculation_on_load(computed)) == ("none", "full")


def test_the_department_workbook_is_the_same_form(capsys, district, tmp_path):
    wb = openpyxl.load_workbook(blank(capsys, district, tmp_path))
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        assert {label: field_cell(ws, label).value for label in FORM_LABELS} == FORM, ws.title
        assert field_cell(ws, "填报单位（盖章）").value == "区法院"
        assert {label: field_cell(ws, label).value for label in SIGNATURES} == SIGNATURES
        reported = field_cell(ws, "报出日期")
        assert reported.value is None and reported.is_date and not reported.protection.locked
        assert reported.row > max(rows_by_code(ws).values())
        assert ws.print_area.endswith(f"${ws.max_row}")
    ws = wb["执行合同"]
    accepted = ws.cell(rows_by_code(ws)["ct_cases_accepted"], COLUMN_OF["value"])
    assert (accepted.value, accepted.number_format) == (34200, "#,##0")


def test_signatures_typed_by_the_department_come_back_with_the_import(capsys, district, tmp_path):
    path = blank(capsys, district, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["执行合同"]
    field_cell(ws, "填表人").value = "赵六"
    field_cell(ws, "统计负责人").value = "钱七"
    field_cell(ws, "报出日期").value = datetime(2023, 10, 8)
    ws.cell(rows_by_code(ws)["ct_law_firm_visits"], COLUMN_OF["value"]).value = 72
    wb.save(path)
    code, _, err = run_on(capsys, district, "import", path)
    assert code == 0, err
    with Store(district) as store:
        (entry,) = [a for a in store.audit("2023Q3", "court", "ct_law_firm_visits") if a.action == "set"][-1:]
    assert (entry.new_raw, entry.reason) == ("72", "导入 court.xlsx（审核人：钱七，填报人：赵六）")


def test_a_row_typed_below_the_signatures_is_still_checked(capsys, district, tmp_path):
    path = blank(capsys, district, tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["执行合同"].append(["pc_saving_rate", "资金节约率", "%", "期末时点", "9%"])
    wb.save(path)
    code, _, err = run_on(capsys, district, "import", path)
    assert code == 1 and "pc_saving_rate" in err and "区法院的填报表不能修改它" in err


def test_a_note_that_reads_like_a_signature_label_is_still_a_metric_row(capsys, district, tmp_path):
    path = blank(capsys, district, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["执行合同"]
    row = rows_by_code(ws)["ct_law_firm_visits"]
    ws.cell(row, COLUMN_OF["value"]).value = 73
    ws.cell(row, COLUMN_OF["note"]).value = "联系电话"
    wb.save(path)
    code, out, err = run_on(capsys, district, "import", path, "--dry-run")
    assert code == 0 and "修改 1 项" in out, err


def test_a_note_and_an_explanation_stand_on_their_own_lines(capsys, district, tmp_path):
    assert run_on(capsys, district, "set", "2023Q3", "ct_law_firm_visits", "70", "--note", "含线上走访")[0] in (0, 1)
    assert run_on(capsys, district, "explain", "2023Q3", "ct_law_firm_visits", "swing", "新设法官工作站")[0] == 0
    ws = openpyxl.load_workbook(export(capsys, district, tmp_path))["执行合同"]
    note = ws.cell(submission_rows(ws)["ct_law_firm_visits"], 10).value
    assert note == "含线上走访\n【较上季度或上年同期大幅波动】新设法官工作站"
