"""A department's 说明 travels: the workbook shows each row's findings (问题), the filer answers a
warning in 说明, and the coordinator's import stores it as that warning's explanation."""

import openpyxl
import pytest

from app import exchange
from app.checking import validate_period
from exports.department import COLUMN_OF, TABLE_HEADER_ROW
from models.periods import Period
from tests.conftest import run_on
from tests.exports.helpers import cell_of, fill, rows_by_code

Q3 = Period.parse("2023Q3")
VISITS = "ct_law_firm_visits"  # the demo: 70 law firms visited against 40 a year before, +75% (a swing warning)
WHY = "今年开展律所走访专项行动，走访范围扩大到全区律所"


@pytest.fixture
def court_blank(demo_ctx, tmp_path):
    catalog = demo_ctx.catalog_for(Q3)
    return exchange.write_blank(demo_ctx, Q3, catalog.department("court"), tmp_path / "区法院.xlsx").path


def court_warnings(ctx):
    return {f.metric: f for f in validate_period(ctx, Q3, dept="court").findings if f.severity == "warning"}


def cell_text(path, code, column):
    sheet, cell = cell_of(path, code, column)
    return openpyxl.load_workbook(path)[sheet][cell].value


def test_the_workbook_shows_each_rows_findings_beside_its_explanation(demo_ctx, court_blank):
    ws = openpyxl.load_workbook(court_blank)["执行合同"]
    headers = [ws.cell(TABLE_HEADER_ROW, c).value for c in range(1, ws.max_column + 1)]
    assert headers.index("问题") < headers.index("说明") < headers.index("备注")
    assert cell_text(court_blank, VISITS, "findings") == "【请核实】" + court_warnings(demo_ctx)[VISITS].message
    assert cell_text(court_blank, "ct_cases_accepted", "findings") is None
    sheet = openpyxl.load_workbook(court_blank)["执行合同"]
    row = rows_by_code(sheet)[VISITS]
    assert sheet.cell(row, COLUMN_OF["findings"]).protection.locked  # the program's text: locked
    assert sheet.cell(row, COLUMN_OF["explanation"]).protection.locked is False  # the filer's answer: open


def test_an_explanation_in_the_workbook_becomes_the_warnings_explanation(demo_ctx, court_blank):
    assert not court_warnings(demo_ctx)[VISITS].explained
    fill(court_blank, {}, explanations={VISITS: WHY}, notes={VISITS: "见走访台账"})
    plan = exchange.import_workbook(demo_ctx, court_blank)
    assert [(e.metric, e.rule, e.text) for e in plan.explanations] == [(VISITS, "swing", WHY)]
    warning = court_warnings(demo_ctx)[VISITS]
    assert warning.explanation == WHY  # the coordinator sees it explained
    (stored,) = [e for e in demo_ctx.store.explanations("2023Q3", "court") if e.metric == VISITS]
    assert stored.fingerprint == warning.fingerprint and stored.who == "测试员"
    assert demo_ctx.store.get("2023Q3", "court", VISITS).note == "见走访台账"  # 备注 is the note
    audit = [a for a in demo_ctx.store.audit("2023Q3", "court", VISITS) if a.action == "explain"]
    assert [a.new_raw for a in audit] == [WHY]


def test_the_import_with_explanations_is_one_step_undone_together(demo_ctx, court_blank):
    fill(court_blank, {"ct_cases_closed": 28940}, explanations={VISITS: WHY})
    plan = exchange.import_workbook(demo_ctx, court_blank)
    plan.undo.apply(demo_ctx.store)
    assert not court_warnings(demo_ctx)[VISITS].explained
    assert demo_ctx.store.get("2023Q3", "court", "ct_cases_closed").number == 28936
    plan.as_edit().apply(demo_ctx.store)  # redo
    assert court_warnings(demo_ctx)[VISITS].explanation == WHY


def test_an_explanation_where_no_warning_remains_is_kept_as_a_note(demo_ctx, court_blank):
    # the filer brings the figure back in line (40 → 45 visits: +12.5%, no swing) and still explains
    fill(court_blank, {VISITS: 45}, explanations={VISITS: WHY})
    plan = exchange.import_workbook(demo_ctx, court_blank)
    assert plan.explanations == []
    assert demo_ctx.store.get("2023Q3", "court", VISITS).note == WHY
    sheet, cell = cell_of(court_blank, VISITS, "explanation")
    (notice,) = [n for n in plan.notices if WHY[:10] in n]
    assert notice.startswith(f"{sheet}!{cell} 走访律所数：") and "作为备注保存" in notice


def test_an_explanation_on_a_row_with_several_warnings_explains_each(demo_ctx, court_blank):
    # both visit counts swing; one 说明 each row: every warning of the row present at import is explained
    fill(court_blank, {}, explanations={VISITS: WHY, "ct_firm_visits": "走访企业纳入年度考核"})
    plan = exchange.import_workbook(demo_ctx, court_blank, dry_run=True)
    assert sorted((e.metric, e.text) for e in plan.explanations) == [
        ("ct_firm_visits", "走访企业纳入年度考核"), (VISITS, WHY)]
    assert all(f.explained for f in plan.findings if f.severity == "warning")  # the preview counts them
    assert demo_ctx.store.explanations("2023Q3", "court") == []  # a dry run stores nothing


def test_the_dry_run_lists_the_explanations(demo_db, tmp_path, capsys):
    out = tmp_path / "区法院.xlsx"
    assert run_on(capsys, demo_db, "blank", "2023Q3", "--dept", "court", "--out", str(out))[0] == 0
    fill(out, {}, explanations={VISITS: WHY})
    status, printed, _ = run_on(capsys, demo_db, "import", str(out), "--dry-run")
    assert status == 0
    assert "说明 1 项" in printed and f"[说明] 走访律所数（规则 swing）：{WHY}" in printed
    assert run_on(capsys, demo_db, "import", str(out))[0] == 0
    status, printed, _ = run_on(capsys, demo_db, "validate", "2023Q3", "--dept", "court")
    assert "（已说明 1 项）" in printed


def test_a_second_blank_carries_the_explanation_back(demo_ctx, court_blank, tmp_path):
    fill(court_blank, {}, explanations={VISITS: WHY})
    exchange.import_workbook(demo_ctx, court_blank)
    again = exchange.write_blank(demo_ctx, Q3, demo_ctx.catalog_for(Q3).department("court"), tmp_path / "再次.xlsx").path
    assert cell_text(again, VISITS, "explanation") == WHY
    plan = exchange.import_workbook(demo_ctx, again, dry_run=True)
    assert plan.explanations == []  # the same 说明 for the same figures: nothing to store again
