"""The province's own form without placeholders, filled from the demo district's figures.

Percent cells (a % number format) hold fractions: 全程网办率 2023Q3 is 0.9938 there and shows 99.38%;
a rate in a cell without % format holds the percentage itself (99.38)."""

import openpyxl
import pytest

from app import exchange, template_forms
from app.checking import validate_period
from app.context import AppContext
from exports.form_match import BY_CODE, BY_NAME, CONFIRMED, SAVED, SUGGESTED
from models.catalog import Severity
from models.periods import Period
from models.values import Entry
from storage import submissions
from tests.conftest import run_on
from tests.exports.helpers import formula_cells
from tests.exports.province_forms import coded_form, named_form, quarterly_form

Q3 = Period.parse("2023Q3")


def explain_warnings(ctx, period=Q3):
    for finding in validate_period(ctx, period, final=True).of_severity(Severity.WARNING):
        ctx.store.explain(finding.period, finding.dept, finding.metric, finding.rule, "已核实", finding.fingerprint)


def explain_in(db_path):
    ctx = AppContext(db_path)
    try:
        explain_warnings(ctx)
    finally:
        ctx.close()


def test_a_quarterly_form_gets_every_quarter_so_far(demo_ctx, tmp_path):
    form = quarterly_form(tmp_path / "季度表.xlsx", extra=("营商环境满意度",))
    result = exchange.export_submission(demo_ctx, Q3, tmp_path / "报送.xlsx", template=form, draft=True)
    ws = openpyxl.load_workbook(result.path)["季度统计表"]
    # 全程网办率, a rate in % cells: fractions of Q1, Q2, Q3; Q4 is not known yet
    assert [ws[f"{c}5"].value for c in "DEFG"] == [0.9858, 0.9898, 0.9938, None]
    assert ws["F5"].number_format == "0.00%"
    assert [ws[f"{c}7"].value for c in "DEFG"] == [107048, 108141, 109233, None]  # 就近办办件量, a running total since launch
    assert [ws[f"{c}8"].value for c in "DEF"] == [1940, 4311, 7185]
    assert ws["F6"].value == 1297 and ws["F6"].number_format == "#,##0"  # a count: thousands separated
    # the form's own: the SUM row, the units it printed, merged header, print titles, other sheet
    assert [ws[f"{c}9"].value for c in "DEFG"] == [f"=SUM({c}7:{c}8)" for c in "DEFG"]
    assert ws["C5"].value == "%" and ws["B10"].value == "营商环境满意度" and ws["D10"].value is None
    assert {"D3:G3", "B3:B4", "A1:H1"} <= {str(r) for r in ws.merged_cells.ranges}
    assert ws.print_title_rows == "$3:$4" and ws.page_setup.orientation == "landscape"
    assert ws["D4"].fill.fgColor.rgb == "FFDDEBF7"
    assert set(formula_cells(result.path)) == {f"季度统计表!{c}9" for c in "DEFG"} | {"填表说明!A2"}
    mapping = result.filled.mapping
    assert [(m.row.row, m.how) for m in mapping.matches] == [
        (5, BY_NAME), (6, BY_NAME), (7, BY_NAME), (8, BY_NAME), (9, ""), (10, "")]
    assert [m.row.label for m in mapping.unmatched] == ["办件合计", "营商环境满意度"]
    assert [(c.letter, c.period) for c in mapping.columns if c.measure == "value"] == [
        ("D", "q1"), ("E", "q2"), ("F", "q3"), ("G", "q4")]


def test_a_formal_export_of_a_filled_form_is_recorded(demo_ctx, tmp_path):
    explain_warnings(demo_ctx)
    form = quarterly_form(tmp_path / "季度表.xlsx")
    result = exchange.export_submission(demo_ctx, Q3, tmp_path / "报送.xlsx", template=form)
    assert result.submission is not None and result.problems == []
    assert sorted(f.metric for f in result.submission.figures) == [
        "gs_assistant_orders", "gs_full_online_rate", "gs_items", "gs_nearby_cases"]
    assert submissions.find_by_sha256(demo_ctx.store, result.sha256)


def test_codes_this_period_last_year_year_on_year_target_and_explanations(demo_ctx, tmp_path):
    explain_warnings(demo_ctx)
    form = coded_form(tmp_path / "代码表.xlsx")
    result = exchange.export_submission(demo_ctx, Q3, tmp_path / "报送.xlsx", template=form, draft=True)
    ws = openpyxl.load_workbook(result.path)["报送表"]
    assert [ws[f"{c}3"].value for c in "CDEFG"] == ["%", 0.8461, 0.834, "+1.21个百分点", None]
    assert [ws[f"{c}4"].value for c in "CDEF"] == ["件", 34200, 31020, "+10.3%"]
    # a rate in a cell without % format: the percentage itself, at the metric's precision
    assert (ws["D5"].value, ws["D5"].number_format, ws["E5"].value) == (99.38, "0.00", 97.85)
    # 线上办电 is only a suggestion: left empty until confirmed
    assert ws["D6"].value is None and ws["G6"].value is None
    how = {m.row.row: m.how for m in result.filled.mapping.matches}
    assert how == {3: BY_CODE, 4: BY_CODE, 5: BY_CODE, 6: SUGGESTED}


def test_explanations_go_to_the_form_s_说明_column(demo_ctx, tmp_path):
    explain_warnings(demo_ctx)
    path = named_form(tmp_path / "名称表.xlsx", ("帮代办平台受理工单数", "结案率"))
    result = exchange.export_submission(demo_ctx, Q3, tmp_path / "报送.xlsx", template=path)
    ws = openpyxl.load_workbook(result.path)["指标情况"]
    assert (ws["B3"].value, ws["C3"].value, ws["D3"].value) == (7185, 3120, "+130.3%")
    assert ws["E3"].value == "【较上季度或上年同期大幅波动】已核实" and ws["E4"].value is None


def test_names_as_reports_write_them_and_rows_the_catalog_lacks(demo_ctx, tmp_path):
    path = named_form(tmp_path / "名称表.xlsx", ("全程网办率（%）", "1.网上可办率", "政務服務全程網辦", "營商環境滿意度", "结案率"))
    _, mapping = template_forms.read_mapping(demo_ctx, path, demo_ctx.catalog(2023))
    found = [(m.row.row, m.metric, m.how) for m in mapping.matches]
    assert found[:2] == [(3, "gs_full_online_rate", BY_NAME), (4, "gs_online_rate", BY_NAME)]
    assert found[2][1:] == ("gs_full_online_rate", SUGGESTED)  # traditional characters, a longer name
    assert found[3] == (6, "", "") and found[4] == (7, "ct_close_rate", BY_NAME)


def test_a_suggestion_refuses_a_formal_export_until_confirmed(capsys, demo_db, db_path, tmp_path):
    explain_in(db_path)
    form = coded_form(tmp_path / "代码表.xlsx")
    out = tmp_path / "报送.xlsx"
    code, _, err = run_on(capsys, db_path, "export", "2023Q3", "--out", out, "--template", form)
    assert code == 1 and not out.exists()
    assert "建议待确认 1 行" in err and "报送表!第6行  线上办电：建议对应“el_online_rate”" in err
    assert run_on(capsys, db_path, "verify", out)[0] == 2  # nothing written
    code, text, _ = run_on(capsys, db_path, "template", "map", form, "--set", "6=el_online_rate")
    assert code == 0 and "已保存：第6行“线上办电” → 线上办电率" in text
    code, text, err = run_on(capsys, db_path, "export", "2023Q3", "--out", out, "--template", form)
    assert code == 0, err
    assert "沿用已保存的对应 4 行" in text and "已记录报送件" in text and "（4 项数值）" in text
    ws = openpyxl.load_workbook(out)["报送表"]
    assert (ws["D6"].value, ws["G6"].value) == (99.98, "≥95%")


def test_next_quarter_s_copy_maps_from_the_saved_mapping(demo_ctx, tmp_path):
    catalog = demo_ctx.catalog(2023)
    first = coded_form(tmp_path / "2023年三季度.xlsx")
    _, mapping = template_forms.read_mapping(demo_ctx, first, catalog)
    template_forms.decide(mapping, catalog, {"6": "el_online_rate"})
    template_forms.save_mapping(demo_ctx, mapping, first.name)
    # the copy the province sends next quarter: another name, last quarter's figures still in it
    copy = coded_form(tmp_path / "2023年四季度.xlsx")
    wb = openpyxl.load_workbook(copy)
    wb["报送表"]["D3"], wb["报送表"]["H4"] = 0.85, "上季度的说明"
    wb.save(copy)
    _, again = template_forms.read_mapping(demo_ctx, copy, catalog)
    assert again.key == mapping.key and again.from_saved
    assert [(m.metric, m.how) for m in again.matches][-1] == ("el_online_rate", SAVED)
    assert again.suggestions == []
    audit = demo_ctx.store.audit()
    assert any(a.action == "settings" and a.metric == mapping.key for a in audit)
    # another form (a row added) is not taken for this one
    changed = coded_form(tmp_path / "新表样.xlsx")
    wb = openpyxl.load_workbook(changed)
    wb["报送表"].append(["gs_items", "依申请政务服务事项数"])
    wb.save(changed)
    _, other = template_forms.read_mapping(demo_ctx, changed, catalog)
    assert other.key != mapping.key and not other.from_saved and other.matches[3].how == SUGGESTED


def test_a_row_decided_is_confirmed_and_a_row_left_out_is_not_unmatched(demo_ctx, tmp_path):
    catalog = demo_ctx.catalog(2023)
    path = named_form(tmp_path / "名称表.xlsx", ("政务服务全程网办", "营商环境满意度"))
    _, mapping = template_forms.read_mapping(demo_ctx, path, catalog)
    done = template_forms.decide(mapping, catalog, {"3": "gs_full_online_rate", "4": ""})
    assert done == ["第3行“政务服务全程网办” → 全程网办率", "第4行“营商环境满意度” → 不填（不对应任何指标）"]
    assert [m.how for m in mapping.matches] == [CONFIRMED, "不填"] and mapping.unmatched == []


def test_a_formal_export_that_fills_nothing_is_refused(capsys, demo_db, db_path, tmp_path):
    form = named_form(tmp_path / "空表.xlsx", ("营商环境满意度", "企业获得感"))
    out = tmp_path / "报送.xlsx"
    explain_in(db_path)
    code, _, err = run_on(capsys, db_path, "export", "2023Q3", "--out", out, "--template", form)
    assert code == 1 and not out.exists()
    assert "没有填入任何数值" in err and "未对应（目录中没有，已留空）：第3行“营商环境满意度”、第4行“企业获得感”" in err
    ctx = AppContext(db_path)
    try:
        assert submissions.submissions(ctx.store, "2023Q3") == []
    finally:
        ctx.close()
    code, text, _ = run_on(capsys, db_path, "export", "2023Q3", "--out", out, "--template", form, "--draft")
    assert code == 0 and out.exists() and "已导出草稿" in text


def test_a_matched_row_without_this_period_s_figure_refuses(demo_ctx, tmp_path):
    demo_ctx.store.set_value(Entry(period="2023Q3", dept="gov_data", metric="gs_key_tasks", number=None))
    explain_warnings(demo_ctx)
    form = named_form(tmp_path / "表.xlsx", ("全程网办率", "政务服务重点任务数"))
    with pytest.raises(exchange.ExportRefused) as refused:
        exchange.export_submission(demo_ctx, Q3, tmp_path / "报送.xlsx", template=form)
    assert [(p.where, p.placeholder) for p in refused.value.problems] == [
        ("指标情况!B4", "政务服务重点任务数（2023年第三季度未填报）")]
    assert not (tmp_path / "报送.xlsx").exists()


def test_a_metric_counted_per_quarter_alone_sums_over_a_span(demo_ctx):
    """No 2023 metric is counted per quarter alone; one made so from 就近办办件量 shows the rule."""
    from dataclasses import replace

    from app.exchange import submission_data
    from app.formatting import year_on_year
    from app.template_forms import figures_for
    from exports.form_fill import FormFigures, figure_of
    from models.value_types import Kind

    data = submission_data(demo_ctx, Q3, draft=True)
    figures = FormFigures(data, figures_for(demo_ctx, data), year_on_year)
    catalog = data.catalog
    per_quarter = replace(catalog.metric("gs_nearby_cases"), kind=Kind.QUARTER)
    by_quarter = [figures.by_period[f"2023Q{q}"]["gs_nearby_cases"].number for q in (1, 2, 3)]
    assert figure_of(figures, per_quarter, "h1", Period.parse("2023Q2")).number == sum(by_quarter[:2])
    assert figure_of(figures, per_quarter, "q1-q3", Q3).number == sum(by_quarter) == 107048 + 108141 + 109233
    assert figure_of(figures, catalog.metric("gs_nearby_cases"), "q1-q3", Q3).number == 109233  # a level: as filed
    rate = replace(catalog.metric("gs_full_online_rate"), kind=Kind.QUARTER)
    assert figure_of(figures, rate, "q1-q3", Q3) is None  # rates are never added up
