"""The reader: rows matched by 指标代码 whatever their position, older formats, header fields."""

from datetime import datetime

import openpyxl
import pytest

from app import exchange
from exports.department_import import read_department_workbook
from exports.identity import DEPARTMENT, META_SHEET
from exports.progress import Cancelled
from models.periods import Period
from tests.exports.helpers import field_cell, fill

Q3 = Period.parse("2023Q3")


def version_1_workbook(path, rows, period="2023Q3", dept="court"):
    """The minimum layout of format version 1, columns in another order than version 2 writes."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "执行合同"
    ws.append(["区法院2023年前三季度营商环境指标填报表"])
    ws.append(["填报单位", "区法院", None, "统计期", "2023年第三季度"])
    ws.append([])
    ws.append(["指标名称", "指标代码", "本期数值", "单位", "上年同期", "说明"])
    for row in rows:
        ws.append(row)
    meta = wb.create_sheet(META_SHEET)
    for key, value in (("format", DEPARTMENT), ("version", "1"), ("period", period), ("dept", dept)):
        meta.append([key, value])
    meta.sheet_state = "veryHidden"
    wb.save(path)
    return path


def test_an_older_version_workbook_is_imported(demo_ctx, tmp_path):
    path = version_1_workbook(tmp_path / "旧版.xlsx", [
        ["结案数", "ct_cases_closed", 28940, "件", 25870, "补录3件"],
        ["走访律所数", "ct_law_firm_visits", "70", "家", 40, None],
    ])
    plan = exchange.import_workbook(demo_ctx, path)
    assert (plan.count("changed"), plan.count("unchanged")) == (1, 1)
    closed = demo_ctx.store.get("2023Q3", "court", "ct_cases_closed")
    assert (closed.number, closed.note) == (28940, "补录3件")
    assert closed.source == "演示数据"  # version 1 had no 数据来源 column: the stored source stands


def test_a_version_1_workbook_without_its_columns_is_refused(demo_ctx, tmp_path):
    path = version_1_workbook(tmp_path / "旧版.xlsx", [["结案数", "ct_cases_closed", 28940]])
    wb = openpyxl.load_workbook(path)
    wb["执行合同"]["F4"] = None  # no 说明 column
    wb.save(path)
    with pytest.raises(exchange.ImportRefused) as refused:
        exchange.import_workbook(demo_ctx, path)
    (refusal,) = refused.value.plan.refusals
    assert refusal.where == "执行合同!4行" and "缺少“说明”列" in refusal.reason


def test_rows_are_matched_by_code_not_position(demo_ctx, tmp_path):
    blank = exchange.write_blank(demo_ctx, Q3, demo_ctx.catalog(2023).department("court"), tmp_path / "b.xlsx").path
    wb = openpyxl.load_workbook(blank)
    ws = wb["执行合同"]
    ws.insert_rows(6, amount=2)  # a filer inserts blank rows above the table body
    ws.move_range("A10:K10", rows=-4)  # and moves a row up (its code goes with it)
    wb.save(blank)
    fill(blank, {"ct_close_rate": "84.62%"})
    plan = exchange.import_workbook(demo_ctx, blank, dry_run=True)
    (change,) = [c for c in plan.changes if c.kind == "changed"]
    assert (change.entry.metric, change.entry.raw) == ("ct_close_rate", "84.62%")


def test_header_fields_are_read(demo_ctx, tmp_path):
    blank = exchange.write_blank(demo_ctx, Q3, demo_ctx.catalog(2023).department("court"), tmp_path / "b.xlsx").path
    wb = openpyxl.load_workbook(blank)
    ws = wb["执行合同"]
    for label, typed in (("填表人", "张三"), ("联系电话", "0791-8888888"), ("统计负责人", "李四"),
                         ("报出日期", datetime(2023, 10, 8))):
        field_cell(ws, label).value = typed
    wb.save(blank)
    reading = read_department_workbook(blank, demo_ctx.catalog_for)
    assert reading.fields == {"填报日期": "2023-10-08", "填报人": "张三", "联系电话": "0791-8888888", "审核人": "李四"}
    assert (reading.period, reading.dept.code, reading.identity.version) == (Q3, "court", 3)


def test_extra_sheets_are_mentioned_not_silently_skipped(demo_ctx, tmp_path):
    blank = exchange.write_blank(demo_ctx, Q3, demo_ctx.catalog(2023).department("court"), tmp_path / "b.xlsx").path
    wb = openpyxl.load_workbook(blank)
    wb.create_sheet("草稿计算")["A1"] = "28936/34200"
    wb.save(blank)
    plan = exchange.import_workbook(demo_ctx, blank, dry_run=True)
    assert "工作表“草稿计算”没有“指标代码”表头，未读取。" in plan.notices


def test_reading_reports_progress_and_can_be_cancelled(demo_ctx, tmp_path):
    blank = exchange.write_blank(demo_ctx, Q3, demo_ctx.catalog(2023).department("court"), tmp_path / "b.xlsx").path
    seen = []
    read_department_workbook(blank, demo_ctx.catalog_for, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (14, 14)
    with pytest.raises(Cancelled):
        read_department_workbook(blank, demo_ctx.catalog_for, is_cancelled=lambda: True)


def test_an_identity_typed_as_numbers_is_read_as_text(demo_ctx, tmp_path):
    """An office program may keep a retyped version 3 or catalog year 2023 as numbers (3.0)."""
    blank = exchange.write_blank(demo_ctx, Q3, demo_ctx.catalog(2023).department("court"), tmp_path / "b.xlsx").path
    wb = openpyxl.load_workbook(blank)
    meta = wb[META_SHEET]
    for row in range(1, meta.max_row + 1):
        if meta.cell(row, 1).value in ("version", "catalog_year"):
            meta.cell(row, 2).value = float(meta.cell(row, 2).value)
    wb.save(blank)
    reading = read_department_workbook(blank, demo_ctx.catalog_for)
    assert (reading.identity.version, reading.identity.catalog_year) == (3, 2023)
