"""A coordinator's own template: placeholders filled, everything else kept as the province made it."""

import openpyxl
import pytest
from openpyxl.styles import Font, PatternFill

from app import exchange
from app.checking import validate_period
from main import main
from models.catalog import Severity
from models.periods import Period
from storage import submissions
from tests.exports.helpers import formula_cells

Q3 = Period.parse("2023Q3")


def make_template(path, extra_rows=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "报送表"
    ws.merge_cells("A1:D1")
    ws["A1"] = "{{meta:区县}}{{meta:统计期累计}}营商环境指标报送表"
    ws["A1"].font = Font(name="方正小标宋简体", size=18, bold=True)
    ws["A2"], ws["C2"] = "填报单位：{{meta:填报单位}}", "填报人：{{ meta : 填报人 }}"
    ws.append(["指标", "本期", "上年同期", "说明"])
    for cell in ws[3]:
        cell.fill = PatternFill("solid", fgColor="FFDDEBF7")
    ws.append(["结案率", "{{metric:ct_close_rate}}", "{{prev:ct_close_rate}}", "{{note:ct_close_rate}}"])
    ws["B4"].number_format = "0.00%"
    ws.append(["受理案件数", "{{metric:ct_cases_accepted}}", "{{prev:ct_cases_accepted}}", None])
    ws.append(["结案数", "{{metric:ct_cases_closed}}", "{{prev:ct_cases_closed}}", None])
    ws.append(["受理与结案合计", "=B5+B6", None, None])
    ws.append(["结案率为{{metric:ct_close_rate}}（上年{{prev:ct_close_rate}}）", None, None, None])
    for row in extra_rows:
        ws.append(row)
    ws.column_dimensions["A"].width = 24
    notes = wb.create_sheet("填表说明")
    notes["A1"] = "本表由区营商办汇总报送"
    notes["A2"] = "=1+1"
    notes["B2"] = 2023
    notes.merge_cells("A4:C4")
    wb.save(path)
    return path


def all_text(path):
    wb = openpyxl.load_workbook(path)
    return [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def test_placeholders_are_filled_and_the_rest_kept(demo_ctx, tmp_path):
    template = make_template(tmp_path / "省模板.xlsx")
    result = exchange.export_submission(demo_ctx, Q3, tmp_path / "报送.xlsx", template=template, draft=True)
    assert result.problems == []
    wb = openpyxl.load_workbook(result.path)
    ws = wb["报送表"]
    assert ws["A1"].value == "红谷滩区2023年前三季度营商环境指标报送表"
    assert (ws["A2"].value, ws["C2"].value) == ("填报单位：区营商办", "填报人：")
    assert (ws["B4"].value, ws["B4"].number_format) == (0.8461, "0.00%")  # shows 84.61%
    assert ws["C4"].value == 83.4  # a General cell holds the percentage itself
    assert (ws["B5"].value, ws["B6"].value) == (34200, 28936)
    assert ws["A8"].value == "结案率为84.61%（上年83.4%）"
    # kept: merged cells, fonts, fills, formulas, widths, the second sheet
    assert "A1:D1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A1"].font.name == "方正小标宋简体" and ws["A1"].font.sz == 18
    assert ws["B3"].fill.fgColor.rgb == "FFDDEBF7"
    assert ws["B7"].value == "=B5+B6" and ws.column_dimensions["A"].width == 24
    notes = wb["填表说明"]
    assert (notes["A1"].value, notes["A2"].value, notes["B2"].value) == ("本表由区营商办汇总报送", "=1+1", 2023)
    assert "A4:C4" in {str(r) for r in notes.merged_cells.ranges}
    assert set(formula_cells(result.path)) == {"报送表!B7", "填表说明!A2"}  # only the template's own
    assert not any("{{" in text for text in all_text(result.path))


def test_a_note_placeholder_never_becomes_a_formula(demo_ctx, tmp_path):
    report = validate_period(demo_ctx, Q3)
    warning = next(f for f in report.of_severity(Severity.WARNING) if f.metric == "ct_law_firm_visits")
    demo_ctx.store.explain("2023Q3", "court", warning.metric, warning.rule, "=HYPERLINK(\"http://x\")", warning.fingerprint)
    template = make_template(tmp_path / "省模板.xlsx", extra_rows=[["走访律所", "{{metric:ct_law_firm_visits}}", None, "{{note:ct_law_firm_visits}}"]])
    path = exchange.export_submission(demo_ctx, Q3, tmp_path / "报送.xlsx", template=template, draft=True).path
    cell = openpyxl.load_workbook(path)["报送表"]["D9"]
    assert cell.data_type == "s" and cell.value.endswith("=HYPERLINK(\"http://x\")")


def test_unknown_placeholders_are_reported_and_emptied(demo_ctx, tmp_path):
    template = make_template(tmp_path / "省模板.xlsx", extra_rows=[
        ["{{metric:ct_closing_rate}}", "{{foo:ct_close_rate}}", "{{metric}}", "单位负责人：{{meta:局长}}"]])
    result = exchange.export_submission(demo_ctx, Q3, tmp_path / "报送.xlsx", template=template, draft=True)
    problems = {p.where: p for p in result.problems}
    assert set(problems) == {"报送表!A9", "报送表!B9", "报送表!C9", "报送表!D9"}
    assert "不在2023年指标目录中" in problems["报送表!A9"].reason
    assert "不认识的占位符类型“foo”" in problems["报送表!B9"].reason
    assert "写法不对" in problems["报送表!C9"].reason
    assert "不认识的表头字段" in problems["报送表!D9"].reason
    ws = openpyxl.load_workbook(result.path)["报送表"]
    assert [ws.cell(9, c).value for c in range(1, 5)] == [None, None, None, "单位负责人："]
    assert not any("{{" in text for text in all_text(result.path))


def test_a_final_export_refuses_a_template_with_unknown_placeholders(capsys, demo_ctx, db_path, tmp_path):
    for finding in validate_period(demo_ctx, Q3, final=True).of_severity(Severity.WARNING):
        demo_ctx.store.explain(finding.period, finding.dept, finding.metric, finding.rule, "已核实", finding.fingerprint)
    template = make_template(tmp_path / "省模板.xlsx", extra_rows=[["{{metric:ct_closing_rate}}"]])
    out = tmp_path / "报送.xlsx"
    code = main(["--db", str(db_path), "export", "2023Q3", "--out", str(out), "--template", str(template)])
    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert "模板占位符有误 1 处" in err and "报送表!A9  {{metric:ct_closing_rate}}" in err

    good = make_template(tmp_path / "省模板2.xlsx")
    result = exchange.export_submission(demo_ctx, Q3, out, template=good)
    (snapshot,) = submissions.submissions(demo_ctx.store, "2023Q3")
    assert snapshot.sha256 == result.sha256
    assert set(snapshot.scope) == {"ct_close_rate", "ct_cases_accepted", "ct_cases_closed"}
    assert {f.metric for f in snapshot.figures} == set(snapshot.scope)


def test_a_draft_template_marks_every_sheet(demo_ctx, tmp_path):
    path = exchange.export_submission(demo_ctx, Q3, tmp_path / "报送.xlsx",
                                      template=make_template(tmp_path / "省模板.xlsx"), draft=True).path
    for ws in openpyxl.load_workbook(path).worksheets:
        assert "草稿" in ws.oddHeader.center.text
        assert "草稿" in [c.value for c in ws[1]]


def test_an_unreadable_template_is_bad_input(demo_ctx, tmp_path):
    template = tmp_path / "模板.xlsx"
    template.write_bytes(b"not a workbook")
    with pytest.raises(exchange.UsageError, match="模板无法使用"):
        exchange.export_submission(demo_ctx, Q3, tmp_path / "报送.xlsx", template=template, draft=True)


def test_progress_and_cancel_while_filling(demo_ctx, tmp_path):
    from exports.progress import Cancelled
    from exports.template import fill_template

    data = exchange.submission_data(demo_ctx, Q3, draft=True)
    template = make_template(tmp_path / "省模板.xlsx")
    seen = []
    fill_template(template, data, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] > 0
    with pytest.raises(Cancelled):
        fill_template(template, data, is_cancelled=lambda: True)
