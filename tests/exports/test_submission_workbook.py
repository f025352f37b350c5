"""The built-in provincial submission: layout, print set-up, fonts, 校验结果 and draft marks."""

import openpyxl
import pytest

from app import exchange
from exports.progress import Cancelled
from exports.submission import FIRST_ROW, submission_workbook
from models.catalog import Severity
from models.periods import Period
from tests.exports.helpers import formula_cells, submission_rows

Q3 = Period.parse("2023Q3")


@pytest.fixture
def draft(demo_ctx, tmp_path):
    return exchange.export_submission(demo_ctx, Q3, tmp_path / "报送草稿.xlsx", draft=True)


def test_sheets_cover_indicators_and_findings(draft, catalog):
    wb = openpyxl.load_workbook(draft.path)
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert visible == ["封面", *[i.name for i in catalog.indicators], "校验结果"]
    cover = {wb["封面"].cell(r, 2).value: wb["封面"].cell(r, 3).value for r in range(5, 13)}
    assert cover["区县"] == "红谷滩区" and cover["填报单位"] == "区营商办"
    assert cover["统计期"] == "2023年第三季度（2023年前三季度累计）"
    assert set(cover) >= {"填报人", "联系电话", "审核人", "负责人", "报送日期"}


def test_every_metric_of_every_department_is_in_place(draft, demo_ctx, catalog):
    wb = openpyxl.load_workbook(draft.path)
    stored = {v.metric: v for v in demo_ctx.store.values(periods=["2023Q3"])}
    for indicator in catalog.indicators:
        ws = wb[indicator.name]
        rows = submission_rows(ws)
        assert list(rows) == [m.code for m in indicator.metrics]
        for metric in indicator.metrics:
            cell = ws.cell(rows[metric.code], 5)
            number = cell.value * 100 if cell.number_format.endswith("%") else cell.value
            assert number == pytest.approx(stored[metric.code].number), metric.code
            assert ws.cell(rows[metric.code], 9).value == catalog.department(catalog.department_of(metric.code)).name


def test_figures_read_uniformly_at_the_metric_precision(draft):
    ws = openpyxl.load_workbook(draft.path)["政府采购"]
    rows = submission_rows(ws)
    growth = ws.cell(rows["pc_emall_growth"], 5)  # 同比增长102.46%: above 100% is legal
    assert (growth.value, growth.number_format) == (1.0246, "0.00%")
    saving = ws.cell(rows["pc_saving_rate"], 5)  # typed 5.9%: reads 5.90% like the rest of its column
    assert (saving.value, saving.number_format) == (0.059, "0.00%")
    planned = ws.cell(rows["pc_planned"], 5)  # typed 39238 (万元): reads 39238.00
    assert (planned.value, planned.number_format) == (39238, "#,##0.00")


def test_looks_like_an_official_document(draft):
    ws = openpyxl.load_workbook(draft.path)["执行合同"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:J1", "A6:A7", "B6:B7", "E6:F6", "G6:H6", "J6:J7"} <= merged
    assert (ws["E6"].value, ws["E7"].value, ws["F7"].value) == ("指标数值", "本期", "上年同期")
    assert ws["A1"].font.name == "黑体" and ws["A1"].font.charset == 134
    assert ws.cell(FIRST_ROW, 2).font.name == "宋体"
    assert all(ws.cell(FIRST_ROW, c).border.left.style == "thin" for c in range(1, 11))
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$6:$7"
    assert ws.freeze_panes == f"C{FIRST_ROW}"


def test_findings_sheet_lists_every_finding(draft):
    ws = openpyxl.load_workbook(draft.path)["校验结果"]
    listed = [ws.cell(r, 7).value for r in range(4, ws.max_row + 1)]
    assert len(listed) == len(draft.report.findings) > 0
    severities = [ws.cell(r, 2).value for r in range(4, ws.max_row + 1)]
    assert severities == sorted(severities, key=["错误", "警告", "提示"].index)
    assert {f.message for f in draft.report.findings} == set(listed)
    status = {ws.cell(r, 2).value: ws.cell(r, 9).value for r in range(4, ws.max_row + 1)}
    assert status == {"警告": "待说明", "提示": "—"}  # an info asks for no 说明


def test_explained_warnings_appear_with_their_explanation(demo_ctx, tmp_path):
    report = exchange.submission_data(demo_ctx, Q3, draft=True).report
    warning = next(f for f in report.of_severity(Severity.WARNING) if f.metric == "ct_law_firm_visits")
    demo_ctx.store.explain("2023Q3", "court", warning.metric, warning.rule, "今年新设营商服务法官工作站，走访增加", warning.fingerprint)
    wb = openpyxl.load_workbook(exchange.export_submission(demo_ctx, Q3, tmp_path / "x.xlsx", draft=True).path)
    findings = wb["校验结果"]
    row = next(r for r in range(4, findings.max_row + 1) if findings.cell(r, 4).value == "走访律所数")
    assert (findings.cell(row, 8).value, findings.cell(row, 9).value) == ("今年新设营商服务法官工作站，走访增加", "已说明")
    ws = wb["执行合同"]
    notes = {code: ws.cell(r, 10).value for code, r in submission_rows(ws).items()}
    assert notes["ct_law_firm_visits"] == "【较上季度或上年同期大幅波动】今年新设营商服务法官工作站，走访增加"


def test_a_draft_is_marked_on_every_sheet(draft):
    wb = openpyxl.load_workbook(draft.path)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        titles = [c.value for row in ws.iter_rows(max_row=2) for c in row if isinstance(c.value, str)]
        assert any("草稿" in t for t in titles), ws.title
        assert ws.oddHeader.center.text == "草稿" and ws.sheet_properties.tabColor.rgb == "00C00000"


def test_no_formula_in_the_output(draft):
    assert formula_cells(draft.path) == []


def test_progress_and_cancel(demo_ctx):
    data = exchange.submission_data(demo_ctx, Q3, draft=True)
    seen = []
    submission_workbook(data, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (len(data.catalog.metrics) + len(data.report.findings),) * 2
    with pytest.raises(Cancelled):
        submission_workbook(data, is_cancelled=lambda: True)


def test_a_cancelled_export_leaves_no_file(demo_ctx, tmp_path):
    with pytest.raises(Cancelled):
        exchange.export_submission(demo_ctx, Q3, tmp_path / "x.xlsx", draft=True, is_cancelled=lambda: True)
    assert list(tmp_path.glob("*.xlsx")) == []
