"""blank / import / export / verify / lock / unlock through the command line, as scripts use them."""

import openpyxl
import pytest

from app.checking import validate_period
from exports.department import COLUMN_OF
from exports.submission import FIRST_ROW
from main import main
from models.catalog import Severity
from models.periods import Period
from storage import submissions
from tests.conftest import seed_text
from tests.exports.helpers import field_cell, fill, formula_cells, rows_by_code

SEED = seed_text("000")
Q3 = Period.parse("2023Q3")
# What 区政数局 types for 2023 Q3, as seed 000 reports it; 全程网办率 typed as text, 网上可办率
# as a number in the percent cell, 事项数 in full-width digits.
GOV_DATA_TYPED = {
    "gs_items": "１２９７",
    "gs_online_rate": 1,
    "gs_full_online_rate": "99.38%",
    "gs_instant_items": 33,
    "gs_key_tasks": "24",
    "gs_license_reform_items": 74,
    "gs_nearby_cases": "109,233",
    "gs_oral_items": 1043,
}
GOV_DATA_NUMBERS = {"gs_items": 1297, "gs_online_rate": 100, "gs_full_online_rate": 99.38, "gs_instant_items": 33,
                    "gs_key_tasks": 24, "gs_license_reform_items": 74, "gs_nearby_cases": 109233, "gs_oral_items": 1043}


def run(capsys, db, *argv):
    code = main(["--db", str(db), *[str(a) for a in argv]])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_typed_figures_are_the_seeds():
    for text in ("政务服务事项1297项", "网上可办率100%", "全程网办率99.38%", "秒批秒办事项33项", "109233件", "1043条"):
        assert text in SEED


def test_round_trip_blank_fill_import_export(capsys, db_path, tmp_path):
    blank = tmp_path / "区政数局.xlsx"
    assert run(capsys, db_path, "blank", "2023Q3", "--dept", "区政数局", "--out", blank)[0] == 0
    fill(blank, GOV_DATA_TYPED, notes={"gs_items": "=依申请事项，含市四级平台", "gs_instant_items": "+3项为新增"},
         sources={"gs_items": "江西省政务服务网"})

    code, out, err = run(capsys, db_path, "import", blank)
    assert code == 0, err
    assert f"新增 {len(GOV_DATA_TYPED)} 项，修改 0 项" in out

    export = tmp_path / "报送.xlsx"
    code, out, _ = run(capsys, db_path, "export", "2023Q3", "--out", export, "--draft")
    assert code == 0 and "已导出草稿" in out
    ws = openpyxl.load_workbook(export)["政务服务"]
    rows = {ws.cell(r, 3).value: r for r in range(FIRST_ROW, ws.max_row + 1)}
    for code_, number in GOV_DATA_NUMBERS.items():
        cell = ws.cell(rows[code_], 5)
        shown = cell.value * 100 if cell.number_format.endswith("%") else cell.value
        assert shown == pytest.approx(number), code_
    note = ws.cell(rows["gs_items"], 10)
    assert (note.value, note.data_type) == ("=依申请事项，含市四级平台", "s")
    assert formula_cells(export) == []


def test_reimporting_the_same_figures_changes_nothing(capsys, demo_ctx, db_path, tmp_path):
    blank = tmp_path / "区法院.xlsx"
    run(capsys, db_path, "blank", "2023Q3", "--dept", "court", "--out", blank)
    audit_before = len(demo_ctx.store.audit())
    code, out, _ = run(capsys, db_path, "import", blank)
    assert code == 0 and "新增 0 项，修改 0 项，未变 14 项" in out
    assert len(demo_ctx.store.audit()) == audit_before


def test_dry_run_reports_and_writes_nothing(capsys, demo_ctx, db_path, tmp_path):
    blank = tmp_path / "区法院.xlsx"
    run(capsys, db_path, "blank", "2023Q3", "--dept", "court", "--out", blank)
    fill(blank, {"ct_cases_closed": "28,937", "ct_close_rate": None})
    before = demo_ctx.store.values(), demo_ctx.store.audit()
    code, out, _ = run(capsys, db_path, "import", blank, "--dry-run")
    assert code == 0
    assert "预览（未保存）" in out and "新增 0 项，修改 1 项，未变 12 项" in out
    assert "[修改] 结案数：28936 → 28,937" in out
    assert "结案率 为空：数据库中已有 84.61%，保持不变" in out
    assert (demo_ctx.store.values(), demo_ctx.store.audit()) == before


def test_the_preview_judges_the_figures_as_they_would_be_stored(capsys, demo_ctx, db_path, tmp_path):
    """The same rules, grades and messages as ``validate`` once the workbook is in."""
    blank = tmp_path / "区法院.xlsx"
    run(capsys, db_path, "blank", "2023Q3", "--dept", "court", "--out", blank)
    fill(blank, {"ct_cases_closed": "30000"})  # 30000 ÷ 34200 is 87.72%, not the 84.61% filed
    code, out, _ = run(capsys, db_path, "import", blank, "--dry-run")
    assert code == 0 and "导入后校验：错误 1，警告 2（错误须改正，警告须改正或写明说明）" in out
    assert ("[错误] 结案率（ct_close_rate，规则 ratio:ct_close_rate）：结案率填报84.61%，但结案数30000 ÷ "
            "受理案件数34200 × 100 = 87.7193%，保留2位小数（四舍五入）应为87.72%") in out
    run(capsys, db_path, "import", blank)
    _, validated, _ = run(capsys, db_path, "validate", "2023Q3", "--dept", "court")
    assert "结案数30000 ÷ 受理案件数34200 × 100 = 87.7193%" in validated


def test_each_change_is_audited_with_the_file_and_its_checksum(capsys, demo_ctx, db_path, tmp_path):
    blank = tmp_path / "区法院.xlsx"
    run(capsys, db_path, "blank", "2023Q3", "--dept", "court", "--out", blank)
    fill(blank, {"ct_law_firm_visits": 72})
    wb = openpyxl.load_workbook(blank)
    field_cell(wb["执行合同"], "填表人").value = "李四"
    wb.save(blank)
    code, out, _ = run(capsys, db_path, "import", blank)
    sha = out.split("SHA-256：")[1].split()[0]
    (entry,) = [a for a in demo_ctx.store.audit("2023Q3", "court", "ct_law_firm_visits") if a.action == "set"][-1:]
    assert entry.source == f"区法院.xlsx sha256:{sha}" and entry.new_raw == "72"
    assert entry.reason == "导入 区法院.xlsx（填报人：李四）"


def test_refused_import_lists_cells_and_exits_1(capsys, demo_ctx, db_path, tmp_path):
    blank = tmp_path / "区法院.xlsx"
    run(capsys, db_path, "blank", "2023Q3", "--dept", "court", "--out", blank)
    fill(blank, {"ct_cases_closed": "待补充", "ct_cases_accepted": 34300})
    code, out, err = run(capsys, db_path, "import", blank)
    assert code == 1
    assert "导入被拒绝，未保存任何数据" in err and "共 1 处问题" in err
    assert "执行合同!E9  “待补充”：结案数：" in err
    assert demo_ctx.store.get("2023Q3", "court", "ct_cases_accepted").number == 34200


def test_unreadable_file_exits_2(capsys, db_path, tmp_path):
    path = tmp_path / "旧表.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "Workbook".encode("utf-16-le"))
    code, _, err = run(capsys, db_path, "import", path)
    assert code == 2 and "另存为 Excel 工作簿" in err


def explain_every_warning(ctx):
    report = validate_period(ctx, Q3, final=True)
    for finding in report.of_severity(Severity.WARNING):
        ctx.store.explain(finding.period, finding.dept, finding.metric, finding.rule,
                          "=按省统计口径核实无误", finding.fingerprint)
    assert validate_period(ctx, Q3, final=True).ok


def test_final_export_refuses_with_the_blocking_findings(capsys, demo_ctx, db_path, tmp_path):
    out_file = tmp_path / "报送.xlsx"
    code, _, err = run(capsys, db_path, "export", "2023Q3", "--out", out_file)
    assert code == 1 and not out_file.exists()
    blocking = validate_period(demo_ctx, Q3, final=True).blocking
    assert blocking and f"未解决的校验问题 {len(blocking)} 项" in err
    assert "[警告] 走访律所数（swing）" in err
    assert submissions.submissions(demo_ctx.store) == []


def test_final_export_records_a_snapshot_that_verify_recognises(capsys, demo_ctx, db_path, tmp_path):
    explain_every_warning(demo_ctx)
    out_file = tmp_path / "报送.xlsx"
    code, out, _ = run(capsys, db_path, "export", "2023Q3", "--out", out_file)
    assert code == 0 and "已导出正式报送件" in out and "已记录报送件 #1" in out
    (snapshot,) = submissions.submissions(demo_ctx.store, "2023Q3")
    assert len(snapshot.figures) == len(demo_ctx.store.values(periods=["2023Q3"]))
    wb = openpyxl.load_workbook(out_file)
    assert "草稿" not in wb["政务服务"]["A1"].value
    ws = wb["执行合同"]
    notes = [ws.cell(r, 10).value for r in range(FIRST_ROW, ws.max_row + 1)]
    assert "【较上季度或上年同期大幅波动】=按省统计口径核实无误" in notes
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)

    code, out, _ = run(capsys, db_path, "verify", out_file)
    assert code == 0 and "一致：" in out and "#1" in out

    wb.save(tmp_path / "另存.xlsx")  # saved again, nothing changed: other bytes, the same values
    code, out, _ = run(capsys, db_path, "verify", tmp_path / "另存.xlsx")
    assert code == 0 and "内容与报送件 #1 一致（文件经过重新保存）" in out

    wb["执行合同"].cell(FIRST_ROW, 5).value = 1
    wb.save(tmp_path / "改过.xlsx")
    code, _, err = run(capsys, db_path, "verify", tmp_path / "改过.xlsx")
    assert code == 1 and "不一致" in err and "2023Q3 正式报送件" in err


def test_changes_after_a_submission_are_revisions_with_reasons(capsys, demo_ctx, db_path, tmp_path):
    explain_every_warning(demo_ctx)
    run(capsys, db_path, "export", "2023Q3", "--out", tmp_path / "报送.xlsx")
    code, _, err = run(capsys, db_path, "set", "2023Q3", "ct_law_firm_visits", "71")
    assert code in (0, 1), err
    (snapshot,) = submissions.submissions(demo_ctx.store, "2023Q3")
    (revision,) = submissions.revisions(demo_ctx.store, snapshot)
    assert (revision.metric, revision.kind, revision.submitted.raw, revision.current.raw) == (
        "ct_law_firm_visits", "changed", "70", "71")
    assert revision.reasons == ("命令行填报",)


def test_lock_refuses_edits_and_imports_until_unlocked_with_a_reason(capsys, demo_ctx, db_path, tmp_path):
    blank = tmp_path / "区法院.xlsx"
    run(capsys, db_path, "blank", "2023Q3", "--dept", "court", "--out", blank)
    code, out, _ = run(capsys, db_path, "lock", "2023Q3", "--dept", "区法院", "--reason", "已报送")
    assert code == 0 and "已锁定：区法院 2023年第三季度" in out

    code, _, err = run(capsys, db_path, "set", "2023Q3", "ct_law_firm_visits", "71")
    assert code == 1 and "已锁定" in err
    fill(blank, {"ct_law_firm_visits": 71})
    code, _, err = run(capsys, db_path, "import", blank)
    assert code == 1 and "已锁定，不能导入" in err
    assert demo_ctx.store.get("2023Q3", "court", "ct_law_firm_visits").raw == "70"

    code, _, err = run(capsys, db_path, "unlock", "2023Q3", "--dept", "court")
    assert code == 2 and "解锁必须写明原因" in err
    code, _, err = run(capsys, db_path, "unlock", "2023Q3", "--dept", "court", "--reason", "   ")
    assert code == 2
    assert demo_ctx.store.is_locked("2023Q3", "court")
    code, out, _ = run(capsys, db_path, "unlock", "2023Q3", "--dept", "court", "--reason", "更正走访律所数")
    assert code == 0 and "已解锁" in out
    unlock = [a for a in demo_ctx.store.audit("2023Q3", "court") if a.action == "unlock"][-1]
    assert unlock.reason == "更正走访律所数"
    assert run(capsys, db_path, "import", blank)[0] == 0
    assert demo_ctx.store.get("2023Q3", "court", "ct_law_firm_visits").raw == "71"


def test_locking_twice_is_refused(capsys, db_path):
    assert run(capsys, db_path, "lock", "2023Q3", "--dept", "court")[0] == 0
    code, _, err = run(capsys, db_path, "lock", "2023Q3", "--dept", "court")
    assert code == 1 and "已经锁定" in err


@pytest.mark.parametrize("argv, match", [
    (["blank", "2023Q3", "--dept", "区教育局", "--out", "x.xlsx"], "没有部门"),
    (["blank", "2023年第五季度", "--dept", "court", "--out", "x.xlsx"], "无法识别统计期"),
    (["blank", "2023Q3", "--dept", "business_office", "--out", "x.xlsx"], "没有由它填报的指标"),
    (["blank", "2023Q3", "--dept", "court", "--out", "x.csv"], "须以 .xlsx 结尾"),
    (["verify", "none.xlsx"], "无法读取 none.xlsx：文件或所在文件夹不存在"),
])
def test_bad_usage_exits_2(capsys, db_path, tmp_path, monkeypatch, argv, match):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, db_path, *argv)
    assert code == 2 and __import__("re").search(match, err), err


def test_blank_prefills_and_warns_when_locked(capsys, demo_ctx, db_path, tmp_path):
    demo_ctx.store.lock("2023Q3", "court")
    code, out, _ = run(capsys, db_path, "blank", "2023Q3", "--dept", "court", "--out", tmp_path / "b.xlsx")
    assert code == 0 and "已预填 14 项" in out and "已锁定" in out
    ws = openpyxl.load_workbook(tmp_path / "b.xlsx")["执行合同"]
    assert ws.cell(rows_by_code(ws)["ct_close_rate"], COLUMN_OF["value"]).value == 0.8461
