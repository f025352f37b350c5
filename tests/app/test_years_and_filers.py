"""Indicators added and retired between years, and metrics filed by a department other than the lead.

Set up as the 营商办 would: a 2024 catalog made from 2023's through the catalog workbook, with
跨境贸易 added (lead 区商务局, a new department) and 保护中小投资者 retired; 获得电力's 线上办电率
filed by 区供电公司 while 区住建局 (the lead) files the approval times, as seed 003's co-led measures
and the power company's own reports need.
"""

from __future__ import annotations

import json

import openpyxl
import pytest

from app.context import AppContext
from app.session import EntrySession
from exports.department import COLUMN_OF
from models.periods import Period
from storage import Store
from tests.conftest import run_on as run
from tests.exports.helpers import fill, rows_by_code

CROSS_BORDER = [  # 指标 rows as a coordinator types them (A 一级指标代码 … G 类型, H 保留位数)
    ["cross_border", "cb_import_hours", "进口整体通关时间", None, "小时", "时点", "时长", 2],
    ["cross_border", "cb_export_hours", "出口整体通关时间", None, "小时", "时点", "时长", 2],
    ["cross_border", "cb_trade_amount", "进出口总额", None, "万元", "累计", "金额", 2],
]
RETIRED = "investor_protection"  # 保护中小投资者: no relation or target names its metrics


def catalog_json(capsys, db_path, year):
    code, out, _ = run(capsys, db_path, "catalog", "--year", year, "--json")
    assert code == 0
    return json.loads(out)


def rows_where(ws, column: int, wanted) -> list[int]:
    return [r for r in range(2, ws.max_row + 1) if wanted(ws.cell(r, column).value)]


def book_2024(capsys, db_path, tmp_path, edit) -> object:
    """export-catalog 2024 as a workbook, edited with openpyxl as in Excel."""
    book = tmp_path / "目录2024.xlsx"
    assert run(capsys, db_path, "profile", "export-catalog", "2024", book)[0] == 0
    wb = openpyxl.load_workbook(book)
    edit(wb)
    wb.save(book)
    return book


def add_cross_border_retire_investor(wb, lead="区商务局") -> None:
    wb["一级指标"].append(["cross_border", "跨境贸易", lead])
    for row in CROSS_BORDER:
        wb["指标"].append(row)
    indicators, metrics = wb["一级指标"], wb["指标"]
    for row in reversed(rows_where(metrics, 1, lambda v: v == RETIRED)):
        metrics.delete_rows(row)
    for row in rows_where(indicators, 1, lambda v: v == RETIRED):
        indicators.delete_rows(row)


@pytest.fixture
def two_years(demo_db, capsys, tmp_path):
    """2024 with 跨境贸易 (led by the new 区商务局) and without 保护中小投资者, imported through the workbook."""
    assert run(capsys, demo_db, "profile", "add-dept", "commerce", "区商务局")[0] == 0
    assert run(capsys, demo_db, "profile", "new-year", "2024", "--targets", "copy")[0] == 0
    book = book_2024(capsys, demo_db, tmp_path, add_cross_border_retire_investor)
    code, out, err = run(capsys, demo_db, "profile", "import-catalog", book)
    assert code == 0, err
    assert "新增一级指标：跨境贸易（cross_border）" in out and "删除一级指标：保护中小投资者（investor_protection）" in out
    assert "牵头单位：cross_border （无） → 区商务局" in out
    return demo_db


def test_the_workbook_names_the_lead_of_each_indicator_from_the_profile(capsys, demo_db, tmp_path):
    run(capsys, demo_db, "profile", "new-year", "2024", "--targets", "copy")
    wb = openpyxl.load_workbook(book_2024(capsys, demo_db, tmp_path, lambda wb: None))
    indicators = wb["一级指标"]
    assert indicators["C1"].value == "牵头单位" and wb["指标"]["X1"].value == "填报单位"
    leads = {indicators.cell(r, 1).value: indicators.cell(r, 3).value for r in range(2, indicators.max_row + 1)}
    assert leads["electricity"] == "区住建局" and leads["contract_enforcement"] == "区法院" and len(leads) == 17
    lists = {str(v.sqref): v.formula1 for v in indicators.data_validations.dataValidation}
    assert "区商务局" not in lists["C2:C2001"] and "区供电公司" in lists["C2:C2001"]


def test_an_indicator_added_and_one_retired_each_year_keeps_its_own(capsys, two_years, tmp_path):
    leads = json.loads(run(capsys, two_years, "profile", "show", "--json")[1])["leads"]
    assert leads["cross_border"] == "commerce" and leads[RETIRED] == "court"  # 2023 still needs its lead
    in_2024 = {i["code"]: i for i in catalog_json(capsys, two_years, 2024)["indicators"]}
    in_2023 = {i["code"]: i for i in catalog_json(capsys, two_years, 2023)["indicators"]}
    assert "cross_border" in in_2024 and RETIRED not in in_2024 and in_2024["cross_border"]["lead"] == "commerce"
    assert RETIRED in in_2023 and "cross_border" not in in_2023
    assert [m["code"] for m in in_2024["cross_border"]["metrics"]] == [row[1] for row in CROSS_BORDER]

    assert run(capsys, two_years, "set", "2024Q1", "cb_import_hours", "25.5")[0] == 0
    _, out, _ = run(capsys, two_years, "show", "2024Q1", "--dept", "区商务局")
    assert "【跨境贸易】区商务局" in out and "进口整体通关时间：25.5小时" in out
    code, out, err = run(capsys, two_years, "set", "2024Q1", "iv_avg_trial_days", "80")
    assert code == 2 and "iv_avg_trial_days" in err  # retired in 2024: no such metric that year

    for period, has, lacks in (("2023Q3", "保护中小投资者", "跨境贸易"), ("2024Q1", "跨境贸易", "保护中小投资者")):
        out_path = tmp_path / f"报送{period}.xlsx"
        code, _, err = run(capsys, two_years, "export", period, "--out", out_path, "--draft")
        assert code == 0, err
        sheets = openpyxl.load_workbook(out_path, read_only=True).sheetnames
        assert has in sheets and lacks not in sheets, (period, sheets)


def test_last_year_still_validates_as_before(capsys, demo_db, tmp_path):
    before = run(capsys, demo_db, "validate", "2023Q3", "--json")
    assert run(capsys, demo_db, "profile", "add-dept", "commerce", "区商务局")[0] == 0
    run(capsys, demo_db, "profile", "new-year", "2024", "--targets", "copy")
    book = book_2024(capsys, demo_db, tmp_path, add_cross_border_retire_investor)
    assert run(capsys, demo_db, "profile", "import-catalog", book)[0] == 0
    after = run(capsys, demo_db, "validate", "2023Q3", "--json")
    assert after == before  # same findings, same exit status
    _, out, _ = run(capsys, demo_db, "show", "2023Q3", "--dept", "区法院")
    assert "【保护中小投资者】区法院" in out  # the indicator 2024 retired is still 2023's


def test_the_new_leads_department_gets_a_workbook_for_its_new_indicator(capsys, two_years, tmp_path):
    out_path = tmp_path / "商务局.xlsx"
    code, out, err = run(capsys, two_years, "blank", "2024Q1", "--dept", "区商务局", "--out", out_path)
    assert code == 0, err
    wb = openpyxl.load_workbook(out_path)
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert [ws.title for ws in visible] == ["跨境贸易"]
    assert set(rows_by_code(visible[0])) == {row[1] for row in CROSS_BORDER}
    code, _, err = run(capsys, two_years, "blank", "2023Q3", "--dept", "区商务局", "--out", out_path)
    assert code == 2 and "没有由它填报的指标" in err


def test_a_lead_for_no_years_indicator_is_a_typo_refused_by_name(capsys, demo_db, tmp_path):
    path = tmp_path / "区县配置.json"
    run(capsys, demo_db, "profile", "export", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["leads"]["cross_bordr"] = "tax"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, demo_db, "profile", "import", path)
    assert code == 2 and "cross_bordr（牵头单位：区税务局）" in err and "不是任何年度目录中的一级指标代码" in err
    code, _, err = run(capsys, demo_db, "profile", "filer", "el_onlne_rate", "power_supply")
    assert code == 2 and "el_onlne_rate（填报单位：区供电公司）" in err and "未保存" in err
    assert "cross_bordr" not in run(capsys, demo_db, "profile", "show", "--json")[1]


def test_a_retired_indicators_lead_can_still_change(capsys, two_years):
    code, out, err = run(capsys, two_years, "profile", "set-lead", RETIRED, "justice", "--move-figures")
    assert code == 0, err
    assert "investor_protection：" in out and "由 court 转给 justice" in out
    _, out, _ = run(capsys, two_years, "show", "2023Q3", "--dept", "区司法局")
    assert "【保护中小投资者】区司法局" in out


def test_a_workbook_that_moves_an_indicator_with_figures_is_refused_unless_moved(capsys, demo_db, tmp_path, catalog):
    filed = 7 * len(catalog.indicator("electricity").metrics)  # every 获得电力 metric in the demo's 7 quarters
    assert filed == 91
    run(capsys, demo_db, "profile", "new-year", "2024", "--targets", "copy")

    def lead_to_power_company(wb):
        ws = wb["一级指标"]
        (row,) = rows_where(ws, 1, lambda v: v == "electricity")
        ws.cell(row, 3).value = "供电公司"  # an alias names the department too
    book = book_2024(capsys, demo_db, tmp_path, lead_to_power_company)
    code, _, err = run(capsys, demo_db, "profile", "import-catalog", book)
    assert code == 1 and f"已有 {filed} 项数值" in err and "--move-figures" in err
    assert json.loads(run(capsys, demo_db, "profile", "show", "--json")[1])["leads"]["electricity"] == "housing"
    assert catalog_imports(demo_db) == 0  # the catalog was not stored either
    code, out, _ = run(capsys, demo_db, "profile", "import-catalog", book, "--move-figures")
    assert code == 0 and f"electricity：将有 {filed} 项数值由 housing 转给 power_supply" in out
    assert catalog_imports(demo_db) == 1
    assert json.loads(run(capsys, demo_db, "profile", "show", "--json")[1])["leads"]["electricity"] == "power_supply"
    with Store(demo_db) as store:
        assert len(store.values(dept="power_supply")) == filed
        assert [a.action for a in store.audit()].count("reassign") == filed


def catalog_imports(db_path) -> int:
    with Store(db_path) as store:
        return sum(1 for a in store.audit() if a.action == "catalog" and "导入目录" in (a.reason or ""))


# ---- a metric filed by another department than the lead ------------------------------------------

@pytest.fixture
def power_files_online_rate(demo_db, capsys):
    """获得电力 led by 区住建局; 线上办电率 filed by 区供电公司 (its 2022–2023 figures moved along)."""
    code, _, err = run(capsys, demo_db, "profile", "filer", "el_online_rate", "区供电公司")
    assert code == 1 and "指标 el_online_rate 原由 housing 填报，已有 7 项数值" in err and "--move-figures" in err
    code, out, err = run(capsys, demo_db, "profile", "filer", "el_online_rate", "区供电公司", "--move-figures")
    assert code == 0 and "el_online_rate：7 项数值由 housing 转给 power_supply" in out, err
    return demo_db


def test_a_filer_sees_the_figure_in_its_workbook_and_grid_and_the_lead_does_not(capsys, power_files_online_rate,
                                                                               tmp_path):
    db = power_files_online_rate
    books = {}
    for dept in ("power_supply", "housing"):
        books[dept] = tmp_path / f"{dept}.xlsx"
        assert run(capsys, db, "blank", "2023Q3", "--dept", dept, "--out", books[dept])[0] == 0
    power = openpyxl.load_workbook(books["power_supply"])
    housing = openpyxl.load_workbook(books["housing"])
    assert set(rows_by_code(power["获得电力"])) == {"el_online_rate"}
    assert "el_online_rate" not in rows_by_code(housing["获得电力"])
    assert {"el_approval_low_days", "el_low_voltage_steps"} <= set(rows_by_code(housing["获得电力"]))
    row = rows_by_code(power["获得电力"])["el_online_rate"]
    assert power["获得电力"].cell(row, COLUMN_OF["value"]).value == pytest.approx(0.9998)  # the moved 99.98%, pre-filled

    ctx = AppContext(db)
    try:
        period = Period.parse("2023Q3")
        grid = EntrySession(ctx, period, "power_supply")
        assert [r.metric.code for r in grid.rows] == ["el_online_rate"] and grid.values["el_online_rate"].number == 99.98
        lead = EntrySession(ctx, period, "housing")
        assert "el_online_rate" not in {r.metric.code for r in lead.rows}
        assert "el_approval_low_days" in {r.metric.code for r in lead.rows}
        everyone = EntrySession(ctx, period, None)
        assert everyone.row("el_online_rate").dept == "power_supply"
    finally:
        ctx.close()
    _, out, _ = run(capsys, db, "show", "2023Q3", "--dept", "区供电公司")
    assert "线上办电率：99.98%（区供电公司填报）" in out


def test_a_filers_workbook_imports_and_the_leads_may_not_carry_its_figure(capsys, power_files_online_rate, tmp_path):
    db = power_files_online_rate
    power, housing = tmp_path / "供电.xlsx", tmp_path / "住建.xlsx"
    run(capsys, db, "blank", "2023Q3", "--dept", "power_supply", "--out", power)
    run(capsys, db, "blank", "2023Q3", "--dept", "housing", "--out", housing)
    fill(power, {"el_online_rate": "99.5%"})
    code, out, err = run(capsys, db, "import", power)
    assert code == 0, err
    with Store(db) as store:
        assert store.get("2023Q3", "power_supply", "el_online_rate").number == 99.5
        assert store.get("2023Q3", "housing", "el_online_rate") is None
    wb = openpyxl.load_workbook(housing)  # a lead's workbook with the filer's row typed in by hand
    ws = wb["获得电力"]
    row = ws.max_row + 1
    ws.cell(row, COLUMN_OF["code"]).value, ws.cell(row, COLUMN_OF["value"]).value = "el_online_rate", 98
    wb.save(housing)
    code, _, err = run(capsys, db, "import", housing)
    assert code == 1 and "el_online_rate" in err and "区供电公司" in err


def test_the_submission_names_the_filer_in_the_row_and_the_sheet(capsys, power_files_online_rate, tmp_path):
    out_path = tmp_path / "报送.xlsx"
    assert run(capsys, power_files_online_rate, "export", "2023Q3", "--out", out_path, "--draft")[0] == 0
    ws = openpyxl.load_workbook(out_path)["获得电力"]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert any("另有填报单位：区供电公司" in t for t in texts)
    row = next(r for r in ws.iter_rows() if any(c.value == "el_online_rate" for c in r))
    values = [c.value for c in row]
    assert values[8] == "区供电公司" and values[4] == pytest.approx(0.9998)  # 填报单位, 本期 (as a percentage)


def test_a_filer_cleared_moves_the_figures_back_or_is_refused(capsys, power_files_online_rate):
    db = power_files_online_rate
    code, _, err = run(capsys, db, "profile", "filer", "el_online_rate", "--clear")
    assert code == 1 and "原由 power_supply 填报，已有 7 项数值" in err
    code, out, _ = run(capsys, db, "profile", "filer", "el_online_rate", "--clear", "--move-figures")
    assert code == 0 and "7 项数值由 power_supply 转给 housing" in out
    assert json.loads(run(capsys, db, "profile", "show", "--json")[1])["filers"] == {}
    code, _, err = run(capsys, db, "profile", "filer", "el_online_rate", "--clear")
    assert code == 2 and "没有单独指定填报单位" in err
    code, _, err = run(capsys, db, "profile", "filer", "el_online_rate")
    assert code == 2 and "二者选一" in err


def test_a_department_that_files_a_metric_cannot_be_retired(capsys, power_files_online_rate):
    code, _, err = run(capsys, power_files_online_rate, "profile", "retire-dept", "区供电公司")
    assert code == 1 and "仍填报 el_online_rate" in err


def test_the_workbook_sets_and_clears_filers_with_the_catalog(capsys, demo_db, tmp_path):
    """指标!填报单位: 区供电公司 for the online rate and blank for the rest; the moved figures follow."""
    run(capsys, demo_db, "profile", "new-year", "2024", "--targets", "copy")

    def power_files(wb):
        ws = wb["指标"]
        column = [c.value for c in ws[1]].index("填报单位") + 1
        for code in ("el_online_rate", "el_automation_coverage"):
            (row,) = rows_where(ws, 2, lambda v, code=code: v == code)
            ws.cell(row, column).value = "power_supply"
        (row,) = rows_where(ws, 2, lambda v: v == "el_approval_low_days")
        ws.cell(row, column).value = "区住建局"  # the lead itself: no override
    book = book_2024(capsys, demo_db, tmp_path, power_files)
    code, out, err = run(capsys, demo_db, "profile", "import-catalog", book, "--move-figures")
    assert code == 0, err
    assert "填报单位：el_online_rate （无） → 区供电公司" in out
    filers = json.loads(run(capsys, demo_db, "profile", "show", "--json")[1])["filers"]
    assert filers == {"el_automation_coverage": "power_supply", "el_online_rate": "power_supply"}
    metrics = {m["code"]: m for i in catalog_json(capsys, demo_db, 2023)["indicators"] for m in i["metrics"]}
    assert metrics["el_online_rate"]["dept"] == "power_supply" and metrics["el_approval_low_days"]["dept"] == "housing"
    again = tmp_path / "again.xlsx"
    assert run(capsys, demo_db, "profile", "export-catalog", "2024", again)[0] == 0
    ws = openpyxl.load_workbook(again)["指标"]
    column = [c.value for c in ws[1]].index("填报单位") + 1
    written = {ws.cell(r, 2).value: ws.cell(r, column).value for r in range(2, ws.max_row + 1)}
    assert written["el_online_rate"] == "区供电公司" and written["el_approval_low_days"] is None


def test_the_new_lead_is_stored_with_the_catalog_and_audited(capsys, two_years):
    with Store(two_years) as store:
        entries = [a for a in store.audit() if (a.reason or "") == "导入目录 目录2024.xlsx"]
    assert [a.action for a in entries] == ["catalog", "settings"]
    assert '"cross_border": "commerce"' in entries[1].new_raw


@pytest.mark.parametrize(("cell", "typed", "words"), [
    ("C18", "区商务局", ("区县配置中没有这个部门", "新部门请先在区县配置中增加")),
    ("C18", None, ("新增的一级指标“跨境贸易”须填写牵头单位",)),
], ids=["unknown-department", "new-indicator-without-lead"])
def test_a_bad_department_cell_is_refused_by_name_and_nothing_changes(capsys, demo_db, tmp_path, cell, typed, words):
    """区商务局 not yet added to the profile, or no lead at all for the new 跨境贸易."""
    run(capsys, demo_db, "profile", "new-year", "2024", "--targets", "copy")
    before = run(capsys, demo_db, "profile", "show", "--json")[1]

    def edit(wb):
        add_cross_border_retire_investor(wb, lead=typed)
    book = book_2024(capsys, demo_db, tmp_path, edit)
    assert openpyxl.load_workbook(book)["一级指标"]["A18"].value == "cross_border"  # after the retired row
    code, _, err = run(capsys, demo_db, "profile", "import-catalog", book)
    assert code == 2 and f"一级指标!{cell}" in err and "目录未导入" in err
    assert all(w in err for w in words), err
    assert run(capsys, demo_db, "profile", "show", "--json")[1] == before
    assert "cross_border" not in run(capsys, demo_db, "catalog", "--year", "2024", "--json")[1]


def test_completeness_asks_the_filer_for_its_metric(capsys, power_files_online_rate):
    """A quarter nothing is filed in yet: 线上办电率 is 区供电公司's to file, the approval times 区住建局's."""
    db = power_files_online_rate
    _, out, _ = run(capsys, db, "validate", "2023Q4", "--dept", "区供电公司", "--final", "--json")
    missing = {(f["metric"], f["dept"]) for f in json.loads(out) if f["rule"] == "required"}
    assert missing == {("el_online_rate", "power_supply")}
    _, out, _ = run(capsys, db, "validate", "2023Q4", "--dept", "区住建局", "--final", "--json")
    missing = {(f["metric"], f["dept"]) for f in json.loads(out) if f["rule"] == "required"}
    assert ("el_approval_low_days", "housing") in missing and not {m for m, _ in missing} & {"el_online_rate"}
