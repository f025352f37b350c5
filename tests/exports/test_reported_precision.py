"""Figures typed finer than their precision: reported rounded half-up, kept as typed where they come back.

结案率 = 28936 ÷ 34200 = 84.608187…% (seed 000): a court that types it to four places, 84.6082%,
reports 84.61% to the province; its own workbook still holds 84.6082% for the import to read.
"""

import shutil
import subprocess

import openpyxl
import pytest

from app import exchange
from exports.cells import typed_text
from exports.department import COLUMN_OF
from exports.submission import FIRST_ROW
from models.periods import Period
from models.values import Entry
from tests.conftest import seed_text
from tests.exports.helpers import cell_of
from tests.exports.test_template import make_template

Q3 = Period.parse("2023Q3")


@pytest.fixture
def finer(demo_ctx):
    """The demo's figures, with this year's and last year's 结案率 typed finer than two places."""
    assert "结案率84.61%" in seed_text("000")  # the report's own figure, at the precision
    for period, number, raw in (("2023Q3", 84.6082, "84.6082%"), ("2022Q3", 80.125, "80.125%")):
        demo_ctx.store.set_value(Entry(period=period, dept="court", metric="ct_close_rate", number=number, raw=raw))
    return demo_ctx


def _row(ws, code):
    return next(r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(r, 3).value == code)


def test_the_submission_reports_the_figure_rounded_half_up_at_its_precision(finer, tmp_path):
    path = exchange.export_submission(finer, Q3, tmp_path / "报送.xlsx", draft=True).path
    ws = openpyxl.load_workbook(path)["执行合同"]
    row = _row(ws, "ct_close_rate")
    now, before = ws.cell(row, 5), ws.cell(row, 6)
    assert (now.value, now.number_format) == (0.8461, "0.00%")  # reads back 84.61%
    assert typed_text(now.value, now.number_format) == "84.61%"
    assert (before.value, before.number_format) == (0.8013, "0.00%")  # 80.125 → 80.13, half-up
    closed = ws.cell(_row(ws, "ct_cases_closed"), 5)
    assert (closed.value, closed.number_format) == (28936, "#,##0")


def test_a_figure_at_its_precision_is_reported_unchanged(demo_ctx, tmp_path):
    path = exchange.export_submission(demo_ctx, Q3, tmp_path / "报送.xlsx", draft=True).path
    ws = openpyxl.load_workbook(path)["执行合同"]
    now = ws.cell(_row(ws, "ct_close_rate"), 5)
    assert (now.value, now.number_format) == (0.8461, "0.00%")  # typed 84.61%


def test_the_department_workbook_keeps_what_was_typed_and_shows_it_at_the_precision(finer, tmp_path):
    court = finer.catalog(2023).department("court")
    path = exchange.write_blank(finer, Q3, court, tmp_path / "区法院.xlsx").path
    sheet, coordinate = cell_of(path, "ct_close_rate")
    ws = openpyxl.load_workbook(path)[sheet]
    cell = ws[coordinate]
    assert cell.number_format == "0.00%"  # Excel shows 84.61%
    assert typed_text(cell.value, cell.number_format) == "84.6082%"  # the import reads what was typed
    before = ws.cell(cell.row, COLUMN_OF["last_year"])
    assert (before.value, before.number_format) == (0.8013, "0.00%")  # shown only: reported rounded


def test_the_province_template_gets_the_reported_figure(finer, tmp_path):
    template = make_template(tmp_path / "省表.xlsx")
    path = exchange.export_submission(finer, Q3, tmp_path / "报送.xlsx", template=template, draft=True).path
    ws = openpyxl.load_workbook(path)["报送表"]
    assert ws["B4"].value == 0.8461 and ws["C4"].value == 80.13  # C4 is no percent cell: 80.13
    assert ws["A8"].value == "结案率为84.61%（上年80.13%）"


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) and pdftotext are needed to render the workbook")
def test_rendered_by_libreoffice_the_rate_column_reads_uniformly(finer, tmp_path):
    path = exchange.export_submission(finer, Q3, tmp_path / "报送.xlsx", draft=True).path
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "报送.pdf"), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    assert "84.61%" in text and "80.13%" in text
    assert "84.6082" not in text and "80.125" not in text
    assert "5.90%" in text  # 资金节约率 typed 5.9%: two places like the rest of the column
