"""A department workbook filled with the demo district's figures and a 说明, re-saved by LibreOffice
as .xlsx, .ods and .xls (what a department with WPS or LibreOffice sends back), imports with its
figures and its explanation.

LibreOffice comes from the test set-up; without it these tests are skipped (``tests.exports.office``).
"""

import openpyxl
import pytest

from app import exchange
from app.checking import validate_period
from exports.department import COLUMN_OF
from exports.identity import META_SHEET
from models.periods import Period
from tests.exports.helpers import fill, rows_by_code
from tests.exports.office import needs_soffice, resave

Q3 = Period.parse("2023Q3")
VISITS = "ct_law_firm_visits"
WHY = "今年开展律所走访专项行动"
# What the filer typed: 结案数 28940 (the demo has 28936) and 结案率 84.6199% in a cell formatted 0.00%
# (it shows 84.62%; the cell holds what was typed, and the import takes what the cell holds).
TYPED = {"ct_cases_closed": 28940, "ct_close_rate": 0.846199}


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """The court's workbook from the demo district, filled in: written once for the module."""
    from app.context import AppContext
    from app.demo import load_demo

    folder = tmp_path_factory.mktemp("office")
    ctx = AppContext(folder / "blank.db", who="区法院")
    load_demo(ctx)
    path = exchange.write_blank(ctx, Q3, ctx.catalog_for(Q3).department("court"), folder / "区法院.xlsx").path
    ctx.close()
    fill(path, TYPED, explanations={VISITS: WHY})
    return path


@needs_soffice
@pytest.mark.parametrize("form", ["xlsx", "ods", "xls"])
def test_a_workbook_resaved_by_libreoffice_imports_figures_and_explanation(demo_ctx, filled, tmp_path, form):
    saved = resave(filled, form, tmp_path / form)
    plan = exchange.import_workbook(demo_ctx, saved)
    store = demo_ctx.store
    assert store.get("2023Q3", "court", "ct_cases_closed").number == 28940
    rate = store.get("2023Q3", "court", "ct_close_rate")
    assert (rate.number, rate.raw) == (84.6199, "84.6199%")  # what the cell holds, not the 84.62% it shows
    assert plan.count("changed") == 2 and plan.count("new") == 0  # every other figure arrives unchanged
    assert [(e.metric, e.text) for e in plan.explanations] == [(VISITS, WHY)]
    visits = next(f for f in validate_period(demo_ctx, Q3, dept="court").findings if f.metric == VISITS)
    assert visits.explanation == WHY
    assert plan.reading.identity.period == "2023Q3"  # _meta survived (LibreOffice keeps it hidden)


@needs_soffice
def test_libreoffice_keeps_the_identity_sheet_hidden(filled, tmp_path):
    saved = resave(filled, "xlsx", tmp_path)
    wb = openpyxl.load_workbook(saved)
    assert wb[META_SHEET].sheet_state in ("hidden", "veryHidden")
    assert wb[META_SHEET]["B4"].value == "court"


@needs_soffice
def test_a_workbook_typed_into_in_libreoffice_keeps_the_percent_typed(demo_ctx, filled, tmp_path):
    """Percent cells re-saved with the same 0.00% format: the value is the fraction, whatever is shown."""
    saved = resave(filled, "ods", tmp_path)
    again = resave(saved, "xlsx", tmp_path / "again")  # .xlsx → .ods → .xlsx, as passed between offices
    ws = openpyxl.load_workbook(again)["执行合同"]
    cell = ws.cell(rows_by_code(ws)["ct_close_rate"], COLUMN_OF["value"])
    assert "%" in cell.number_format and cell.value == pytest.approx(0.846199)
    plan = exchange.import_workbook(demo_ctx, again, dry_run=True)
    (rate,) = [c.entry for c in plan.changes if c.entry.metric == "ct_close_rate"]
    assert rate.raw == "84.6199%"
