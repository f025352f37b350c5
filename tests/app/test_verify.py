"""verify: a submission re-saved by a spreadsheet program is recognised by its contents; a changed
one is shown cell by cell against the recorded submission."""

import shutil
import subprocess

import openpyxl
import pytest

from storage import submissions
from tests.app.test_exchange_commands import explain_every_warning
from tests.conftest import run_on
from tests.exports.helpers import submission_rows

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def submitted(capsys, demo_ctx, db_path, tmp_path):
    """The demo district's 2023Q3 final submission (every warning explained)."""
    explain_every_warning(demo_ctx)
    path = tmp_path / "报送.xlsx"
    code, out, err = run_on(capsys, db_path, "export", "2023Q3", "--out", path)
    assert code == 0 and "已记录报送件 #1" in out, err
    return path


def resave_with_libreoffice(path, tmp_path):
    out = tmp_path / "另存"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=180)
    return out / path.name


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) 未安装：无法做真实的另存")
def test_a_submission_saved_again_by_libreoffice_has_the_same_content(capsys, submitted, db_path, tmp_path):
    resaved = resave_with_libreoffice(submitted, tmp_path)
    assert resaved.read_bytes() != submitted.read_bytes()
    code, out, err = run_on(capsys, db_path, "verify", resaved)
    assert code == 0, err
    assert "内容与报送件 #1 一致（文件经过重新保存）" in out


def test_a_figure_changed_after_the_export_is_named_by_its_cell(capsys, demo_ctx, submitted, db_path, tmp_path):
    wb = openpyxl.load_workbook(submitted)
    ws = wb["执行合同"]
    cell = ws.cell(submission_rows(ws)["ct_close_rate"], 5)
    assert cell.value == 0.8461
    cell.value = 0.8561
    changed = tmp_path / "改过.xlsx"
    wb.save(changed)
    code, _, err = run_on(capsys, db_path, "verify", changed)
    assert code == 1
    assert "与最接近的报送件 #1" in err and "1 处内容不同" in err
    assert f"执行合同!{cell.coordinate}：报送件中为 84.61%，文件中为 85.61%" in err


def test_a_note_cleared_and_a_sheet_removed_are_listed(capsys, submitted, db_path, tmp_path):
    wb = openpyxl.load_workbook(submitted)
    ws = wb["执行合同"]
    note = ws.cell(submission_rows(ws)["ct_law_firm_visits"], 10)
    recorded = note.value
    note.value = None
    del wb["纳税"]
    changed = tmp_path / "改过.xlsx"
    wb.save(changed)
    code, _, err = run_on(capsys, db_path, "verify", changed)
    assert code == 1 and "2 处内容不同" in err
    assert f"执行合同!{note.coordinate}：报送件中为 “{recorded}”，文件中为 （空）" in err
    assert "工作表“纳税”：报送件中为 （有此工作表），文件中为 （空）" in err
    assert err.index("工作表“纳税”") < err.index("执行合同!")  # in the workbook's order: 纳税 comes first


def test_the_recorded_cells_are_those_of_the_file(capsys, demo_ctx, submitted):
    (snapshot,) = submissions.submissions(demo_ctx.store, "2023Q3")
    cells = submissions.submitted_cells(demo_ctx.store, snapshot.id)
    ws = openpyxl.load_workbook(submitted)["执行合同"]
    row = submission_rows(ws)["ct_cases_accepted"]
    assert cells["执行合同"][f"E{row}"] == 34200 and cells["执行合同"][f"C{row}"] == "ct_cases_accepted"


def test_a_submission_recorded_without_cells_is_said_to_be_checked_by_sha256_only(capsys, demo_ctx, db_path, tmp_path):
    submissions.record_submission(demo_ctx.store, "2023Q3", "旧版.xlsx", "0" * 64, [], [])  # an earlier version's
    draft = tmp_path / "草稿.xlsx"
    run_on(capsys, db_path, "export", "2023Q3", "--draft", "--out", draft)
    code, _, err = run_on(capsys, db_path, "verify", draft)
    assert code == 1 and "不一致" in err and "处内容不同" not in err
    assert "另有 1 份报送件由早期版本记录，未存单元格内容，只能按 SHA-256 核对。" in err
