"""The district's own targets and 不适用 marks per year, as the 营商办 sets them.

红谷滩's demo year judges with the targets its profile holds for 2023 (borrowed from 湾里管理局's
plan and labelled so); the coordinator replaces one with the district's own plan, clears one, and
marks 保护中小投资者 不适用 because the district has no such assessment.  Every figure a filer then
types for it is refused, completeness no longer asks for it, and the department workbook and the
provincial submission say 不适用 with the reason.
"""

from __future__ import annotations

import json

import openpyxl
import pytest

from app.context import AppContext
from app.session import EntrySession
from models.periods import Period
from models.records import to_data
from models.values import Entry
from storage import settings as stored
from tests.conftest import run_on as run
from validation.errors import EntryError

OWN_PLAN = "红谷滩区2023年优化营商环境方案"
NO_SUCH = "本区本年度不考核保护中小投资者"


def district_year(db_path, year=2023):
    ctx = AppContext(db_path, who="测试")
    return ctx.profile.years.get(year)


def audit_reasons(db_path) -> list[str]:
    ctx = AppContext(db_path, who="测试")
    return [row["reason"] for row in ctx.store.db["audit"].rows_where(order_by="id")]


# ---- targets ----------------------------------------------------------------------------

def test_the_districts_own_target_judges_its_figure_and_names_its_plan(capsys, demo_db):
    """全程网办率 99.38% in Q3 has no target in the demo; the district's plan asks ≥99.5% by Q3."""
    before = run(capsys, demo_db, "validate", "2023Q3")[1]
    assert "gs_full_online_rate，规则 target" not in before
    code, out, err = run(capsys, demo_db, "profile", "target", "2023", "gs_full_online_rate", ">=", "99.5",
                         "--due", "3", "--source", OWN_PLAN)
    assert code == 0, err
    assert "≥99.5%" in out
    _, out, _ = run(capsys, demo_db, "validate", "2023Q3")
    line = next(line for line in out.splitlines() if "gs_full_online_rate，规则 target" in line)
    assert "[警告]" in line and "99.38%" in line and "未达到年度目标≥99.5%" in line and OWN_PLAN in line
    assert any("gs_full_online_rate 的目标设为" in reason for reason in audit_reasons(demo_db))


def test_setting_one_target_keeps_the_others_of_the_year(capsys, demo_db):
    targets_before = dict(district_year(demo_db).targets)
    assert run(capsys, demo_db, "profile", "target", "2023", "gs_full_online_rate", "≥", "99.5")[0] == 0
    after = district_year(demo_db).targets
    assert {code: after[code] for code in targets_before} == targets_before
    assert set(after) - set(targets_before) == {"gs_full_online_rate"}


def test_a_cleared_target_judges_no_more(capsys, demo_db):
    """无事不扰 99.96% in Q3 is a progress note against the borrowed ≥100%; cleared, no note."""
    assert "ms_no_disturb_rate，规则 target" in run(capsys, demo_db, "validate", "2023Q3")[1]
    code, _, err = run(capsys, demo_db, "profile", "target", "2023", "ms_no_disturb_rate", "--clear")
    assert code == 0, err
    assert "ms_no_disturb_rate，规则 target" not in run(capsys, demo_db, "validate", "2023Q3")[1]
    assert "ms_no_disturb_rate" not in district_year(demo_db).targets
    code, _, err = run(capsys, demo_db, "profile", "target", "2023", "ms_no_disturb_rate", "--clear")
    assert code == 2 and "没有目标，无需清除" in err


def test_a_district_without_targets_is_judged_by_none_of_the_catalogs(demo_db):
    """Another district's plan does not apply to 红谷滩: an empty target set is no target at all."""
    ctx = AppContext(demo_db, who="测试")
    profile = ctx.profile
    empty = to_data(profile)
    empty["years"][2023]["targets"] = {}
    stored.save_setting(ctx.store, stored.PROFILE_KEY, empty, reason="测试：本区没有目标")
    ctx.reload()
    assert [m.code for m in ctx.catalog(2023).metrics if m.target] == []
    assert profile.years[2023].targets  # the demo's borrowed targets were there before


@pytest.mark.parametrize(("argv", "words"), [
    (("2023", "gs_no_such", ">=", "1"), ("2023年目录中没有指标“gs_no_such”",)),
    (("2023", "gs_online_rate", ">=", "120"), ("gs_online_rate", "网上可办率")),
    (("2023", "gs_online_rate", "≠", "96"), ("比较须为 ≥、≤、= 或 >", "≠")),  # > is 实现突破 (more than)
    (("2023", "gs_online_rate", ">=", "96", "--due", "5"), ("1～4",)),
    (("2023", "gs_online_rate"), ("请给出比较和目标值",)),
    (("2031", "gs_online_rate", ">=", "96"), ("没有 2031 年的目录",)),
])
def test_a_bad_target_is_refused_naming_what_and_nothing_changes(capsys, demo_db, argv, words):
    before = district_year(demo_db)
    code, out, err = run(capsys, demo_db, "profile", "target", *argv)
    assert code == 2, out
    assert all(word in err for word in words), err
    assert district_year(demo_db) == before


# ---- 不适用 -----------------------------------------------------------------------------

@pytest.fixture
def investor_not_applicable(capsys, demo_db):
    code, out, err = run(capsys, demo_db, "profile", "not-applicable", "2023", "investor_protection", NO_SUCH)
    assert code == 0, err
    assert "仍保存在数据库中" in out  # the demo filed its figures: kept, no longer judged or reported
    return demo_db


def test_a_metric_not_applicable_refuses_a_figure_with_the_reason(capsys, investor_not_applicable):
    code, _, err = run(capsys, investor_not_applicable, "set", "2023Q3", "iv_fast_track_cases", "12")
    assert code != 0 and "不适用" in err and NO_SUCH in err
    session = EntrySession(AppContext(investor_not_applicable, who="区法院"), Period.parse("2023Q3"), "court")
    with pytest.raises(EntryError) as refused:  # the window: typed into the grid
        session.value_entry("iv_fast_track_cases", "12")
    assert "不适用" in str(refused.value) and NO_SUCH in str(refused.value)
    assert session.value_entry("iv_fast_track_cases", "").number is None  # clearing stays possible


def test_completeness_no_longer_asks_for_what_is_not_applicable(capsys, demo_db):
    ctx = AppContext(demo_db, who="测试")
    metrics = [m.code for m in ctx.catalog(2023).indicator("investor_protection").metrics]
    ctx.store.set_values([Entry(period="2023Q3", dept="court", metric=m, number=None) for m in metrics],
                         reason="测试：清空本期")
    _, out, _ = run(capsys, demo_db, "validate", "2023Q3", "--final")
    assert any(code in out and "required" in out for code in metrics)
    run(capsys, demo_db, "profile", "not-applicable", "2023", "investor_protection", NO_SUCH)
    _, out, _ = run(capsys, demo_db, "validate", "2023Q3", "--final")
    assert not any(code in out for code in metrics)


def test_the_department_workbook_and_the_submission_say_not_applicable(capsys, investor_not_applicable, tmp_path):
    blank = tmp_path / "区法院.xlsx"
    assert run(capsys, investor_not_applicable, "blank", "2023Q3", "--dept", "court", "--out", blank)[0] == 0
    cells = [c for ws in openpyxl.load_workbook(blank).worksheets for row in ws.iter_rows() for c in row
             if c.value == "不适用"]
    assert len(cells) >= 4 and all(NO_SUCH in c.comment.text for c in cells)
    out = tmp_path / "报送.xlsx"
    assert run(capsys, investor_not_applicable, "export", "2023Q3", "--out", out, "--draft")[0] == 0
    texts = [str(c.value) for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows() for c in row
             if c.value is not None]
    assert texts.count("不适用") >= 4 and f"不适用：{NO_SUCH}" in texts


def test_not_applicable_needs_a_reason_and_a_code_of_the_year(capsys, demo_db):
    code, _, err = run(capsys, demo_db, "profile", "not-applicable", "2023", "investor_protection", "  ")
    assert code == 2 and "须写明原因" in err
    code, _, err = run(capsys, demo_db, "profile", "not-applicable", "2023", "no_such", NO_SUCH)
    assert code == 2 and "没有指标或一级指标“no_such”" in err
    assert district_year(demo_db).not_applicable == {}


def test_applicable_again_restores_checking(capsys, investor_not_applicable):
    code, _, err = run(capsys, investor_not_applicable, "profile", "applicable", "2023", "investor_protection")
    assert code == 0, err
    assert district_year(investor_not_applicable).not_applicable == {}
    assert run(capsys, investor_not_applicable, "set", "2023Q3", "iv_fast_track_cases", "12")[0] == 0
    code, _, err = run(capsys, investor_not_applicable, "profile", "applicable", "2023", "investor_protection")
    assert code == 2 and "没有标为不适用" in err


# ---- through the catalog workbook --------------------------------------------------------

def test_the_workbooks_targets_and_not_applicable_become_the_districts(capsys, demo_db, tmp_path):
    """目标 sheet: the coordinator's own target; 一级指标!不适用原因: investor protection not assessed."""
    book = tmp_path / "目录2023.xlsx"
    assert run(capsys, demo_db, "profile", "export-catalog", "2023", book)[0] == 0
    wb = openpyxl.load_workbook(book)
    targets = wb["目标"]
    row = next(r for r in range(2, targets.max_row + 1) if targets.cell(r, 1).value == "gs_online_rate")
    targets.cell(row, 3).value = 98
    indicators = wb["一级指标"]
    headers = [c.value for c in indicators[1]]
    row = next(r for r in range(2, indicators.max_row + 1) if indicators.cell(r, 1).value == "investor_protection")
    indicators.cell(row, headers.index("不适用原因") + 1).value = NO_SUCH
    wb.save(book)
    code, out, err = run(capsys, demo_db, "profile", "import-catalog", book)
    assert code == 0, err
    assert "gs_online_rate" in out and "98" in out
    settings = district_year(demo_db)
    assert settings.targets["gs_online_rate"].value == 98
    assert settings.not_applicable == {"investor_protection": NO_SUCH}
    ctx = AppContext(demo_db, who="测试")
    assert all("target" not in json.dumps(m) for i in stored.load_catalog_definition(ctx.store, 2023)["indicators"]
               for m in i["metrics"])  # the stored catalog holds no targets: they are the district's
