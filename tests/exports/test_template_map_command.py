"""``template map`` and ``export --template`` with province forms, from the coordinator's command line."""

import json

import openpyxl

from tests.conftest import run_on
from tests.exports.province_forms import coded_form, named_form, quarterly_form, spans_form, two_sheet_form


def test_map_prints_rows_by_code_name_and_suggestion_and_the_columns(capsys, demo_db, tmp_path):
    form = coded_form(tmp_path / "代码表.xlsx")
    code, out, _ = run_on(capsys, demo_db, "template", "map", form)
    assert code == 0
    assert "报送表!第3行 “结案率” → 结案率（ct_close_rate；代码）" in out
    assert "报送表!第6行 “线上办电” → 线上办电率（el_online_rate；建议，相似度 0.89，待确认）" in out
    assert "按指标代码 3 行，按名称 0 行，已确认 0 行，建议待确认 1 行，不填 0 行，未对应 0 行" in out
    assert "D“本期数值”=本期；E“上年同期”=上年同期；F“同比”=本期同比；G“目标”=目标；H“说明”=说明" in out


def test_map_json_and_a_row_left_out(capsys, demo_db, tmp_path):
    form = named_form(tmp_path / "表.xlsx", ("全程网办率", "营商环境满意度", "政务服务全程网办"))
    code, out, _ = run_on(capsys, demo_db, "template", "map", form, "--json")
    found = json.loads(out)
    assert code == 0 and not found["saved"] and not found["from_saved"]
    assert [(r["row"], r["metric"], r["how"]) for r in found["rows"]] == [
        (3, "gs_full_online_rate", "名称"), (4, "", "未对应"), (5, "gs_full_online_rate", "建议")]
    assert found["unmatched"] == [{"sheet": "指标情况", "row": 4, "label": "营商环境满意度"}]
    assert {"column": "B", "header": "本期", "measure": "value", "period": "current", "sheet": "指标情况"} in found["columns"]
    code, out, _ = run_on(capsys, demo_db, "template", "map", form, "--set", "4=", "--accept", "--json")
    found = json.loads(out)
    assert found["saved"] and [r["how"] for r in found["rows"]] == ["名称", "不填", "已确认"] and found["unmatched"] == []
    code, out, _ = run_on(capsys, demo_db, "template", "map", form, "--json")
    assert json.loads(out)["from_saved"] and [r["how"] for r in json.loads(out)["rows"]] == ["已保存", "不填", "已保存"]


def test_map_refuses_a_row_or_code_that_is_not_there(capsys, demo_db, tmp_path):
    form = named_form(tmp_path / "表.xlsx", ("全程网办率",))
    code, _, err = run_on(capsys, demo_db, "template", "map", form, "--set", "9=gs_items")
    assert code == 2 and "第9行不是模板中的指标行。模板中的指标行：3" in err
    code, _, err = run_on(capsys, demo_db, "template", "map", form, "--set", "3=no_such_metric")
    assert code == 2 and "指标代码“no_such_metric”不在2023年指标目录中" in err
    code, _, err = run_on(capsys, demo_db, "template", "map", form, "--set", "gs_items")
    assert code == 2 and "应写成 行号=指标代码" in err


def test_a_workbook_without_any_table_is_refused_with_the_reason(capsys, demo_db, tmp_path):
    path = tmp_path / "通知.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "关于报送2023年三季度营商环境数据的通知"
    wb.save(path)
    code, _, err = run_on(capsys, demo_db, "template", "map", path)
    assert code == 2 and "找不到指标表" in err and "指标名称" in err
    code, _, err = run_on(capsys, demo_db, "export", "2023Q3", "--out", tmp_path / "x.xlsx", "--template", path, "--draft")
    assert code == 2 and "找不到指标表" in err and not (tmp_path / "x.xlsx").exists()


def test_export_prints_what_it_matched_and_the_formulas_it_kept(capsys, demo_db, tmp_path):
    form = quarterly_form(tmp_path / "季度表.xlsx", extra=("营商环境满意度",))
    code, out, _ = run_on(capsys, demo_db, "export", "2023Q3", "--out", tmp_path / "草稿.xlsx", "--template", form, "--draft")
    assert code == 0
    assert "数值 12 个" in out and "按名称 4 行" in out
    assert "未对应（目录中没有，已留空）：第9行“办件合计”、第10行“营商环境满意度”" in out
    assert "D“2023年／一季度”=一季度" in out


def test_spans_and_year_on_year_of_each_quarter(capsys, demo_db, tmp_path):
    """一季度 over 数值/同比, 上半年, 前三季度, 全年 (not known in Q3); rates without % format as percentages."""
    form = spans_form(tmp_path / "分期表.xlsx")
    out = tmp_path / "草稿.xlsx"
    assert run_on(capsys, demo_db, "export", "2023Q3", "--out", out, "--template", form, "--draft")[0] == 0
    rows = list(openpyxl.load_workbook(out)["分期情况"].iter_rows(min_row=3, max_col=8, values_only=True))
    assert rows[0] == ("全程网办率", 98.58, "+1.51个百分点", 98.98, "+1.52个百分点", 99.38, None, None)
    assert rows[1] == ("就近办办件量", 107048, "+35.8%", 108141, "+35.8%", 109233, None, None)
    assert rows[2][7] == "≥95%"


def test_section_headings_are_no_rows_and_two_sheets_need_the_sheet_named(capsys, demo_db, tmp_path):
    form = two_sheet_form(tmp_path / "分表.xlsx")
    code, out, _ = run_on(capsys, demo_db, "template", "map", form, "--json")
    rows = [(r["sheet"], r["row"], r["metric"], r["how"]) for r in json.loads(out)["rows"]]
    assert rows == [("政务服务", 3, "gs_full_online_rate", "名称"), ("政务服务", 4, "gs_full_online_rate", "建议"),
                    ("获得电力", 3, "el_online_rate", "名称"), ("获得电力", 4, "el_low_voltage_steps", "名称")]
    code, _, err = run_on(capsys, demo_db, "template", "map", form, "--set", "4=gs_online_rate")
    assert code == 2 and "第4行在多张工作表中都有，请写成 工作表!行号" in err
    code, out, _ = run_on(capsys, demo_db, "template", "map", form, "--set", "政务服务!4=gs_online_rate")
    assert code == 0 and "已保存：第4行“（二）政务服务全程网办” → 网上可办率" in out
