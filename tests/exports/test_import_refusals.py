"""Every refused import: the report names sheet!cell, value and reason, and the database is untouched."""

import zipfile

import openpyxl
import pytest

from app import exchange
from app.errors import UsageError
from exports import safe_open
from exports.department import COLUMN_OF
from exports.identity import META_SHEET
from models.periods import Period
from tests.conftest import seed_text
from tests.exports.helpers import cell_of, fill, rows_by_code
from tests.exports.test_safe_open import LAUGHS, ole_file, rewrite_part

Q3 = Period.parse("2023Q3")


@pytest.fixture
def court_blank(demo_ctx, tmp_path):
    catalog = demo_ctx.catalog_for(Q3)
    return exchange.write_blank(demo_ctx, Q3, catalog.department("court"), tmp_path / "区法院.xlsx").path


def state(ctx):
    store = ctx.store
    return store.values(), store.audit(), store.locks(), store.explanations("2023Q3")


def refused(ctx, path, **options):
    before = state(ctx)
    with pytest.raises(exchange.ImportRefused) as caught:
        exchange.import_workbook(ctx, path, **options)
    assert state(ctx) == before
    return caught.value.plan.refusals


def unreadable(ctx, path, match):
    before = state(ctx)
    with pytest.raises(UsageError, match=match):
        exchange.import_workbook(ctx, path)
    assert state(ctx) == before


def edit(path, change):
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def test_a_placeholder_from_seed_001_refuses_the_whole_import(demo_ctx, court_blank):
    assert "反馈问题XX个" in seed_text("001")
    fill(court_blank, {"ct_cases_closed": 29000, "ct_cases_accepted": "XX"})
    refusals = refused(demo_ctx, court_blank)
    sheet, cell = cell_of(court_blank, "ct_cases_accepted")
    assert [(r.where, r.value) for r in refusals] == [(f"{sheet}!{cell}", "XX")]
    assert "受理案件数" in refusals[0].reason
    assert refusals[0].text().startswith(f"{sheet}!{cell}  “XX”：")


def test_a_share_above_100_percent_is_refused(demo_ctx, court_blank):
    fill(court_blank, {"ct_close_rate": 1.2})  # shows 120.00% in the percent cell
    (refusal,) = refused(demo_ctx, court_blank)
    assert refusal.value == "1.2" and "结案率" in refusal.reason


def test_unknown_code(demo_ctx, court_blank):
    def rename(wb):
        ws = wb["执行合同"]
        ws.cell(rows_by_code(ws)["ct_law_firm_visits"], COLUMN_OF["code"]).value = "ct_lawyer_visits"

    (refusal,) = refused(demo_ctx, edit(court_blank, rename))
    assert refusal.value == "ct_lawyer_visits" and "不在2023年指标目录中" in refusal.reason


def test_a_row_for_another_departments_metric(demo_ctx, court_blank):
    def smuggle(wb):
        ws = wb["执行合同"]
        ws.append(["pc_saving_rate", "资金节约率", "%", "期末时点", "9%"])

    (refusal,) = refused(demo_ctx, edit(court_blank, smuggle))
    assert refusal.value == "pc_saving_rate"
    assert refusal.reason == "“资金节约率”由区财政局牵头填报，区法院的填报表不能修改它"


def test_duplicate_codes(demo_ctx, court_blank):
    def duplicate(wb):
        ws = wb["办理破产"]
        ws.append(["ct_close_rate", "结案率", "%", "期末时点", "85%"])

    (refusal,) = refused(demo_ctx, edit(court_blank, duplicate))
    first_sheet, first_cell = cell_of(court_blank, "ct_close_rate", "code")
    assert refusal.where.startswith("办理破产!A") and refusal.value == "ct_close_rate"
    assert f"{first_sheet}!{first_cell}" in refusal.reason


def test_content_without_a_code(demo_ctx, court_blank):
    def orphan(wb):
        wb["执行合同"].append([None, None, None, None, 123])

    (refusal,) = refused(demo_ctx, edit(court_blank, orphan))
    assert refusal.value == "123" and "没有指标代码" in refusal.reason


def test_a_sheet_copied_from_another_periods_workbook(demo_ctx, court_blank):
    edit(court_blank, lambda wb: wb["办理破产"].cell(3, 2, "2023年第二季度"))
    (refusal,) = refused(demo_ctx, court_blank)
    assert (refusal.where, refusal.value) == ("办理破产!B3", "2023年第二季度")
    assert "统计期" in refusal.reason


def test_a_sheet_of_another_department(demo_ctx, court_blank):
    edit(court_blank, lambda wb: wb["执行合同"].cell(2, 2, "区财政局"))
    (refusal,) = refused(demo_ctx, court_blank)
    assert refusal.where == "执行合同!B2" and "填报单位" in refusal.reason


def test_a_workbook_of_another_period_than_the_one_chosen(demo_ctx, court_blank):
    refusals = refused(demo_ctx, court_blank, expect_period=Period.parse("2023Q2"))
    assert "不是所选的2023年第二季度" in refusals[0].reason
    other = demo_ctx.catalog(2023).department("finance")
    assert "不是所选的区财政局" in refused(demo_ctx, court_blank, expect_dept=other)[0].reason


def test_a_locked_period(demo_ctx, court_blank):
    demo_ctx.store.lock("2023Q3", "court", reason="已报送")
    fill(court_blank, {"ct_cases_closed": 29000})
    (refusal,) = refused(demo_ctx, court_blank)
    assert "已锁定" in refusal.reason and refusal.value == "区法院 2023年第三季度"
    (refusal,) = refused(demo_ctx, court_blank, dry_run=True)
    assert "已锁定" in refusal.reason


def test_a_note_without_any_figure(ctx, tmp_path):
    catalog = ctx.catalog_for(Q3)
    path = exchange.write_blank(ctx, Q3, catalog.department("court"), tmp_path / "空白.xlsx").path
    fill(path, {}, notes={"ct_cases_old": "旧存案件另报"})
    (refusal,) = refused(ctx, path)
    assert "本期数值为空" in refusal.reason


def test_a_formula_without_a_saved_result(demo_ctx, court_blank):
    fill(court_blank, {"ct_close_rate": "=ROUND(28936/34200*100,2)"})
    (refusal,) = refused(demo_ctx, court_blank)
    assert "没有保存计算结果" in refusal.reason


def test_a_formula_with_the_result_excel_saved_is_taken(demo_ctx, court_blank):
    fill(court_blank, {"ct_close_rate": "=ROUND(28936/34200,4)"})
    sheet, cell = cell_of(court_blank, "ct_close_rate")
    index = openpyxl.load_workbook(court_blank).sheetnames.index(sheet) + 1
    rewrite_part(court_blank, f"xl/worksheets/sheet{index}.xml",
                 lambda xml: xml.replace("<f>ROUND(28936/34200,4)</f><v></v>", "<f>ROUND(28936/34200,4)</f><v>0.8461</v>"))
    plan = exchange.import_workbook(demo_ctx, court_blank)
    assert demo_ctx.store.get("2023Q3", "court", "ct_close_rate").number == 84.61
    assert plan.count("changed") == 0  # the same figure as stored


@pytest.mark.parametrize("make, match", [
    (lambda p: ole_file(p, ["Workbook"]), r"\.xls"),
    (lambda p: ole_file(p, ["EncryptionInfo", "EncryptedPackage"]), "密码"),
    (lambda p: p.write_text("指标代码,本期数值\nct_close_rate,84.61%\n", encoding="utf-8"), "不是电子表格"),
])
def test_files_that_are_no_xlsx(ctx, tmp_path, make, match):
    path = tmp_path / "填报表.xlsx"
    make(path)
    unreadable(ctx, path, match)


def test_a_corrupted_workbook(demo_ctx, court_blank):
    court_blank.write_bytes(court_blank.read_bytes()[:-200])
    unreadable(demo_ctx, court_blank, "损坏|不是 Excel 工作簿")


def test_limits(demo_ctx, court_blank, monkeypatch):
    monkeypatch.setattr(safe_open, "MAX_FILE_BYTES", 1000)
    unreadable(demo_ctx, court_blank, "文件过大")
    monkeypatch.setattr(safe_open, "MAX_FILE_BYTES", 2**24)
    monkeypatch.setattr(safe_open, "MAX_CELLS", 100)
    unreadable(demo_ctx, court_blank, "单元格过多")


def test_an_entity_expansion_payload(demo_ctx, court_blank):
    def add_entities(xml):
        body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
        return LAUGHS + body.replace(">ct_close_rate<", ">&lol3;<")

    with zipfile.ZipFile(court_blank) as archive:
        part = next(n for n in archive.namelist() if b">ct_close_rate<" in archive.read(n))
    rewrite_part(court_blank, part, add_entities)
    unreadable(demo_ctx, court_blank, "不安全的 XML")


def test_a_workbook_not_written_by_the_program(ctx, tmp_path):
    path = tmp_path / "自制.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["指标代码", "本期数值"])
    wb.active.append(["ct_close_rate", "84.61%"])
    wb.save(path)
    unreadable(ctx, path, "不是本程序生成的部门填报表")


def test_a_workbook_from_a_newer_program(demo_ctx, court_blank):
    edit(court_blank, lambda wb: wb[META_SHEET].cell(2, 2, "99"))
    unreadable(demo_ctx, court_blank, "更新版本的程序")


def test_a_submission_is_no_department_workbook(demo_ctx, tmp_path):
    path = exchange.export_submission(demo_ctx, Q3, tmp_path / "报送.xlsx", draft=True).path
    unreadable(demo_ctx, path, "这是报送件，不是部门填报表；请导入部门填报表")
