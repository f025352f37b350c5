"""District profile and evaluation-year catalogs: changes are checked, audited and lose no figure."""

import json

import pytest

from storage import Store
from tests.conftest import run_on as run


def figures_of(db_path, dept):
    with Store(db_path) as store:
        return store.values(dept=dept)


def test_show_lists_district_departments_leads_and_years(capsys, demo_db):
    code, out, _ = run(capsys, demo_db, "profile", "show")
    assert code == 0
    assert "区县：红谷滩区" in out and "获得电力：区住建局" in out and "评价年度目录：2023" in out
    code, out, _ = run(capsys, demo_db, "profile", "show", "--json")
    assert json.loads(out)["leads"]["contract_enforcement"] == "court"


def test_changing_a_lead_refuses_to_hide_figures_then_moves_them_when_asked(capsys, demo_db, catalog):
    housing_before = len(figures_of(demo_db, "housing"))
    filed = 7 * len(catalog.indicator("electricity").metrics)  # every 获得电力 metric in the demo's 7 quarters
    assert filed == 91
    code, _, err = run(capsys, demo_db, "profile", "set-lead", "electricity", "power_supply")
    assert code == 1 and f"已有 {filed} 项数值" in err and "--move-figures" in err
    assert len(figures_of(demo_db, "housing")) == housing_before
    code, out, _ = run(capsys, demo_db, "profile", "set-lead", "electricity", "区供电公司", "--move-figures")
    assert code == 0 and f"{filed} 项数值由 housing 转给 power_supply" in out
    moved = figures_of(demo_db, "power_supply")
    assert len(moved) == filed and {v.metric for v in moved} >= {"el_online_rate"}
    _, out, _ = run(capsys, demo_db, "show", "2023Q3", "--dept", "区供电公司")
    assert "线上办电率：99.98%" in out
    with Store(demo_db) as store:
        actions = [a.action for a in store.audit()]
    assert actions.count("reassign") == filed and "settings" in actions


def test_moving_onto_existing_figures_is_refused_whole(capsys, demo_db):
    with Store(demo_db) as store:
        from models.values import Entry
        store.set_value(Entry(period="2023Q3", dept="power_supply", metric="el_online_rate", number=99.9, raw="99.9"))
    code, _, err = run(capsys, demo_db, "profile", "set-lead", "electricity", "power_supply", "--move-figures")
    assert code == 1 and "不能合并" in err
    assert len(figures_of(demo_db, "housing")) > 91 and len(figures_of(demo_db, "power_supply")) == 1


def test_a_locked_period_blocks_moving(capsys, demo_db):
    with Store(demo_db) as store:
        store.lock("2023Q3", "housing", reason="已报送")
    code, _, err = run(capsys, demo_db, "profile", "set-lead", "electricity", "power_supply", "--move-figures")
    assert code == 1 and "已锁定" in err
    assert figures_of(demo_db, "power_supply") == []


def test_retiring_keeps_figures_and_needs_no_lead_left(capsys, demo_db):
    code, _, err = run(capsys, demo_db, "profile", "retire-dept", "区法院")
    assert code == 1 and "仍牵头" in err
    for indicator in ("contract_enforcement", "bankruptcy", "investor_protection"):
        assert run(capsys, demo_db, "profile", "set-lead", indicator, "justice", "--move-figures")[0] == 0
    code, _, _ = run(capsys, demo_db, "profile", "retire-dept", "court")
    assert code == 0
    _, out, _ = run(capsys, demo_db, "profile", "show")
    assert "区法院（已撤销）" in out
    assert len(figures_of(demo_db, "justice")) > 0


def test_rename_keeps_the_old_name_as_an_alias(capsys, demo_db):
    assert run(capsys, demo_db, "profile", "rename-dept", "market_reg", "区市场监督管理局（新）")[0] == 0
    _, out, _ = run(capsys, demo_db, "show", "2023Q3", "--dept", "区市场监管局")
    assert "新设立企业数：9057户" in out


def test_a_department_with_figures_cannot_be_dropped_by_an_imported_file(capsys, demo_db, tmp_path):
    path = tmp_path / "profile.json"
    assert run(capsys, demo_db, "profile", "export", path)[0] == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    data["departments"] = [d for d in data["departments"] if d["code"] != "tax"]
    data["leads"]["taxation"] = "finance"
    data["cooperating"] = {k: [d for d in v if d != "tax"] for k, v in data["cooperating"].items()}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, demo_db, "profile", "import", path, "--move-figures")
    assert code == 1 and "区税务局" in err and "不能删除" in err


def test_profile_file_travels_to_another_pc(capsys, demo_db, tmp_path):
    assert run(capsys, demo_db, "profile", "set-district", "湾里管理局")[0] == 0
    assert run(capsys, demo_db, "profile", "set-contact", "filer", "张三")[0] == 0
    assert run(capsys, demo_db, "profile", "set-form", "表号", "营商统1表")[0] == 0
    path = tmp_path / "profile.json"
    run(capsys, demo_db, "profile", "export", path)
    other = tmp_path / "other.db"
    assert run(capsys, other, "profile", "import", path)[0] == 0
    _, out, _ = run(capsys, other, "profile", "show", "--json")
    shown = json.loads(out)
    assert shown["district"] == "湾里管理局" and shown["contacts"]["filer"] == "张三"
    assert shown["form"]["form_number"] == "营商统1表"


def test_the_forms_particulars_are_set_shown_and_cleared(capsys, demo_db):
    code, out, _ = run(capsys, demo_db, "profile", "set-form", "批准文号", " 赣营商办〔2023〕12号 ")
    assert code == 0 and "表头“批准文号”设为 赣营商办〔2023〕12号" in out
    assert run(capsys, demo_db, "profile", "set-form", "valid_until", "2024年12月")[0] == 0
    _, out, _ = run(capsys, demo_db, "profile", "show")
    assert "报表表头：表号 （未设），制表机关 （未设），批准文号 赣营商办〔2023〕12号，有效期至 2024年12月" in out
    code, out, _ = run(capsys, demo_db, "profile", "set-form", "批准文号", "")
    assert code == 0 and "表头“批准文号”已清除" in out
    form = json.loads(run(capsys, demo_db, "profile", "show", "--json")[1])["form"]
    assert (form["approval"], form["valid_until"]) == ("", "2024年12月")
    code, _, err = run(capsys, demo_db, "profile", "set-form", "签发人", "王五")
    assert code == 2 and "表头没有“签发人”一项。可设：表号、制表机关、批准文号、有效期至" in err


def test_a_broken_profile_file_is_refused_with_its_name(capsys, demo_db, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"district": "x"}', encoding="utf-8")
    code, _, err = run(capsys, demo_db, "profile", "import", path)
    assert code == 2 and "bad.json" in err and "缺少必填项" in err


def test_new_year_catalog_edit_and_diff(capsys, demo_db, tmp_path):
    assert run(capsys, demo_db, "profile", "new-year", "2024", "--targets", "copy")[0] == 0
    code, _, err = run(capsys, demo_db, "profile", "new-year", "2024", "--targets", "copy")
    assert code == 1 and "已经存在" in err
    path = tmp_path / "c2024.json"
    assert run(capsys, demo_db, "profile", "export-catalog", "2024", path)[0] == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    metrics = next(i for i in data["indicators"] if i["code"] == "electricity")["metrics"]
    next(m for m in metrics if m["code"] == "el_online_rate")["target"]["value"] = 97
    metrics.append({"code": "el_green_share", "name": "绿电交易占比", "unit": "%", "kind": "level", "value_type": "share"})
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, demo_db, "profile", "import-catalog", path)
    assert code == 0 and "新增指标：绿电交易占比（el_green_share）" in out and "≥95%（来源：湾里管理局2023年行动方案（演示数据借用）） → ≥97%" in out
    code, out, _ = run(capsys, demo_db, "catalog", "--year", "2024", "--json")
    assert code == 0 and '"el_green_share"' in out
    _, out, _ = run(capsys, demo_db, "profile", "diff", "2023", "2024")
    assert "el_green_share" in out
    # last year's figures stay reachable: a 2024 figure is stored beside 2023's under the same code
    assert run(capsys, demo_db, "set", "2024Q1", "el_online_rate", "99.1%")[0] == 0
    with Store(demo_db) as store:
        assert [v.period for v in store.values(metrics=["el_online_rate"])][-2:] == ["2023Q3", "2024Q1"]


def test_a_new_year_says_which_targets_it_leaves_behind(capsys, demo_db):
    code, out, _ = run(capsys, demo_db, "profile", "new-year", "2024", "--targets", "empty")
    # the district's 41 targets of 2023: 35, and 6 more read from seed 004's plan for issue 18
    assert code == 0 and "目标：不带目标" in out and "未带入的目标 41 项" in out
    assert "修改 线上办电率（el_online_rate）的目标值：≥95%（来源：湾里管理局2023年行动方案（演示数据借用）） → 无" in out
    assert "修改 专利质押融资金额（ip_pledge_amount）的目标值：>0万元（来源：" in out


def test_a_dry_run_shows_the_difference_and_imports_nothing(capsys, demo_db, tmp_path):
    run(capsys, demo_db, "profile", "new-year", "2024", "--targets", "copy")
    path = tmp_path / "c2024.json"
    run(capsys, demo_db, "profile", "export-catalog", "2024", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["indicators"][0]["metrics"][0]["name"] = "依申请政务服务事项总数"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, demo_db, "profile", "import-catalog", path, "--dry-run")
    assert code == 0 and out.startswith("预览（未导入）：c2024.json")
    assert "修改 依申请政务服务事项总数（gs_items）的名称：依申请政务服务事项数 → 依申请政务服务事项总数" in out
    _, listed, _ = run(capsys, demo_db, "catalog", "--year", "2024", "--json")
    assert "依申请政务服务事项总数" not in listed  # nothing stored


def test_a_catalog_file_with_an_error_names_the_entry(capsys, demo_db, tmp_path):
    path = tmp_path / "c.json"
    assert run(capsys, demo_db, "profile", "export-catalog", "2023", path)[0] == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    data["year"] = 2025
    data["indicators"][0]["metrics"][0]["unit"] = "%"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, demo_db, "profile", "import-catalog", path)
    assert code == 2 and "c.json" in err and "gs_items" in err
    assert "2025" not in run(capsys, demo_db, "profile", "show")[1].split("评价年度目录：")[1]


def test_catalog_years_are_read_once_until_a_catalog_is_made(demo_db, monkeypatch):
    """Every catalog lookup asks for the years; the folder and the database are read only after a change."""
    from app.context import AppContext
    from app.profile import new_year
    from storage import settings as stored

    reads = []
    read = stored.catalog_years
    monkeypatch.setattr(stored, "catalog_years", lambda store: reads.append(1) or read(store))
    ctx = AppContext(demo_db)
    try:
        for _ in range(3):
            assert ctx.catalog().year == 2023
        assert len(reads) == 1
        new_year(ctx, 2024)
        assert ctx.available_years() == [2023, 2024] and ctx.catalog().year == 2024
        assert len(reads) == 2  # new_year used the kept years; the reload after it read them again
    finally:
        ctx.close()


# ---- names, codes and aliases name one department each ------------------------------------------

def profile_of(capsys, db_path):
    return json.loads(run(capsys, db_path, "profile", "show", "--json")[1])


@pytest.mark.parametrize(("argv", "clash"), [
    (("rename-dept", "justice", "区法院"), "“区法院”同时是区法院（court）的名称和区司法局（justice）的名称"),
    (("rename-dept", "justice", "法院"), "“法院”同时是区法院（court）的别名和区司法局（justice）的名称"),
    (("rename-dept", "justice", "court"), "“court”同时是区法院（court）的代码和区司法局（justice）的名称"),
    (("add-dept", "court_branch", "区人民法院"), "“区人民法院”同时是区法院（court）的别名和区人民法院（court_branch）的名称"),
    (("add-dept", "court", "区第二法院"), "“court”同时是区法院（court）的代码和区第二法院（court）的代码"),
], ids=["rename-to-a-name", "rename-to-an-alias", "rename-to-a-code", "add-with-an-alias", "add-with-a-code"])
def test_a_change_that_gives_two_departments_one_name_is_refused(capsys, demo_db, argv, clash):
    before = profile_of(capsys, demo_db)
    code, _, err = run(capsys, demo_db, "profile", *argv)
    assert code == 2 and clash in err and "不能重复" in err and "未保存" in err
    assert profile_of(capsys, demo_db) == before
    _, out, _ = run(capsys, demo_db, "show", "2023Q3", "--dept", "法院")
    assert "【执行合同】区法院" in out  # --dept still finds the department it always named


def test_an_imported_profile_with_a_name_twice_is_refused_naming_file_and_clash(capsys, demo_db, tmp_path):
    path = tmp_path / "区县配置.json"
    assert run(capsys, demo_db, "profile", "export", path)[0] == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    next(d for d in data["departments"] if d["code"] == "justice")["aliases"].append("区人民法院")
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = profile_of(capsys, demo_db)
    code, _, err = run(capsys, demo_db, "profile", "import", path)
    assert code == 2 and "区县配置.json" in err
    assert "“区人民法院”同时是区法院（court）的别名和区司法局（justice）的别名" in err
    assert profile_of(capsys, demo_db) == before


def test_renaming_to_an_own_alias_keeps_one_name_for_one_department(capsys, demo_db):
    assert run(capsys, demo_db, "profile", "rename-dept", "court", "区人民法院")[0] == 0
    court = next(d for d in profile_of(capsys, demo_db)["departments"] if d["code"] == "court")
    assert court["name"] == "区人民法院" and court["aliases"] == ["法院", "区法院"]


def test_a_profile_stored_with_a_shared_name_still_opens_and_codes_still_find_their_own(capsys, demo_db):
    """Stored before the rule: justice carries 区法院's code as an alias.  It opens, a code finds
    its own department, and changes that add no clash (even mending it) go through."""
    from app.context import AppContext
    from models.records import to_data
    from storage import settings as stored

    ctx = AppContext(demo_db)
    data = to_data(ctx.profile)
    next(d for d in data["departments"] if d["code"] == "justice")["aliases"].append("court")
    stored.save_setting(ctx.store, stored.PROFILE_KEY, data, "旧版本保存的配置")
    ctx.close()
    _, out, _ = run(capsys, demo_db, "show", "2023Q3", "--dept", "court")
    assert "【执行合同】区法院" in out
    assert run(capsys, demo_db, "profile", "set-contact", "filer", "张三")[0] == 0
    code, _, err = run(capsys, demo_db, "profile", "rename-dept", "finance", "court")
    assert code == 2 and "区财政局（finance）的名称" in err


def test_the_coordinator_edits_the_catalog_as_a_workbook(capsys, demo_db, tmp_path):
    """export-catalog to .xlsx, change a name in Excel's way, preview, import; a bad cell is named."""
    import openpyxl

    run(capsys, demo_db, "profile", "new-year", "2024", "--targets", "copy")
    book = tmp_path / "目录2024.xlsx"
    assert run(capsys, demo_db, "profile", "export-catalog", "2024", book)[0] == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["指标"]
    headers = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, headers.index("代码") + 1).value == "gs_items")
    ws.cell(row, headers.index("名称") + 1).value = "依申请政务服务事项总数"
    wb.save(book)
    code, out, _ = run(capsys, demo_db, "profile", "import-catalog", book, "--dry-run")
    assert code == 0 and "的名称：依申请政务服务事项数 → 依申请政务服务事项总数" in out
    assert run(capsys, demo_db, "profile", "import-catalog", book)[0] == 0
    _, listed, _ = run(capsys, demo_db, "catalog", "--year", "2024", "--json")
    assert "依申请政务服务事项总数" in listed
    ws.cell(row, headers.index("单位") + 1).value = "公斤"
    wb.save(book)
    code, _, err = run(capsys, demo_db, "profile", "import-catalog", book)
    assert code == 2 and "指标!" in err and "公斤" in err and "目录未导入" in err
