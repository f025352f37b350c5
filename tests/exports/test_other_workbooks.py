"""The coordinator picks the wrong file from the folder: each of the program's other workbooks is
named as what it is, and a department workbook whose hidden _meta page was edited gives one message."""

import openpyxl
import pytest

from app import exchange
from app.errors import UsageError
from app.profile import export_catalog
from app.validation_report import write_validation_report
from exports.identity import META_SHEET
from models.periods import Period

Q3 = Period.parse("2023Q3")


def refused_with(ctx, path) -> str:
    before = ctx.store.values(), ctx.store.audit()
    with pytest.raises(UsageError) as caught:
        exchange.import_workbook(ctx, path)
    assert (ctx.store.values(), ctx.store.audit()) == before
    return str(caught.value)


def test_a_submission_is_named_as_a_submission(demo_ctx, tmp_path):
    path = exchange.export_submission(demo_ctx, Q3, tmp_path / "报送.xlsx", draft=True).path
    message = refused_with(demo_ctx, path)
    assert message == "报送.xlsx：这是报送件，不是部门填报表；请导入部门填报表。"


def test_a_validation_report_is_named_as_one(demo_ctx, tmp_path):
    path = tmp_path / "校验报告.xlsx"
    write_validation_report(demo_ctx, Q3, path)
    message = refused_with(demo_ctx, path)
    assert message.startswith("校验报告.xlsx：这是校验报告，不是部门填报表；请导入部门填报表") and "损坏" not in message


def test_a_catalog_workbook_is_named_as_one(demo_ctx, tmp_path):
    path = tmp_path / "目录.xlsx"
    export_catalog(demo_ctx, 2023, path)
    message = refused_with(demo_ctx, path)
    assert message.startswith("目录.xlsx：这是指标目录工作簿，不是部门填报表") and "导入年度目录" in message


@pytest.mark.parametrize("key, value, said", [("dept", "finance", "区财政局"), ("period", "2023Q2", "2023年第二季度")])
def test_an_unhidden_and_edited_meta_gives_one_message(demo_ctx, tmp_path, key, value, said):
    path = exchange.write_blank(demo_ctx, Q3, demo_ctx.catalog_for(Q3).department("court"), tmp_path / "区法院.xlsx").path
    wb = openpyxl.load_workbook(path)
    meta = wb[META_SHEET]
    meta.sheet_state = "visible"  # a filer unhides the page and types another department or period
    row = next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == key)
    meta.cell(row, 2).value = value
    wb.save(path)
    message = refused_with(demo_ctx, path)
    assert message.count("\n") == 0 and message.startswith(f"区法院.xlsx：隐藏信息页 {META_SHEET}!B3:B4 被改动过（该页已被取消隐藏）")
    assert said in message and "区法院" in message
