"""A workbook with a problem in every row: the refusal lists the first 200 and stops checking.

The file has rows below the court's table, each an unknown 指标代码 of 32,767 characters (one
shared string).  Listing every refusal once printed 590 MB and took 1.4 GB of memory; now checking
stops after 201 refusals, each quoting at most 60 characters.  With 6,000 such rows (a 44 KB file)
a reader filling every cell would make 200 million characters: the file is refused before it is
read (``exports.cell_text``).
"""

from __future__ import annotations

import shutil
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from main import main
from models.listing import MAX_LISTED
from tests.reliability.corpus.workbooks import CONTRACTS, parts, sheet_part
from tests.reliability.support import dump

ROWS, LENGTH = 6000, 32767
SST = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def problem_in_every_row(path: Path, rows_below: int = ROWS) -> None:
    content = parts(path)
    name = sheet_part(path, CONTRACTS)
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c></row>' for n in range(1000, 1000 + rows_below))
    content[name] = content[name].replace(b"</sheetData>", rows.encode() + b"</sheetData>", 1)
    content["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        f'<si><t>{"坏" * LENGTH}</t></si></sst>').encode()
    content["[Content_Types].xml"] = content["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/></Types>'.encode())
    content["xl/_rels/workbook.xml.rels"] = content["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", f'<Relationship Id="rIdS" Type="{SST}" Target="sharedStrings.xml"/></Relationships>'.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in content.items():
            archive.writestr(part, data)


def court_blank(demo_db, tmp_path) -> Path:
    from app import exchange
    from app.context import AppContext
    from models.periods import Period

    ctx = AppContext(shutil.copyfile(demo_db, tmp_path / "blank.db"))
    period = Period.parse("2023Q3")
    path = exchange.write_blank(ctx, period, ctx.catalog_for(period).department("court"), tmp_path / "区法院.xlsx").path
    ctx.close()
    return path


@pytest.fixture
def hostile_workbook(demo_db, tmp_path):
    path = court_blank(demo_db, tmp_path)
    problem_in_every_row(path, rows_below=500)  # 16 million characters: under the limit, read
    return path


def imported(demo_db, path) -> tuple[int, int]:
    """Exit status and peak Python memory of importing ``path``."""
    tracemalloc.start()
    try:
        status = main(["--db", str(demo_db), "import", str(path)])
        return status, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_file_making_200_million_characters_is_refused_before_it_is_read(demo_db, tmp_path, capsys):
    path = court_blank(demo_db, tmp_path)
    problem_in_every_row(path)
    assert path.stat().st_size < 100_000
    before = dump(demo_db)
    status, peak = imported(demo_db, path)
    err = capsys.readouterr().err
    assert status == 2 and peak < 20 * 2**20, peak
    assert err.startswith("错误：区法院.xlsx：单元格文字过多") and "上限 20,000,000 字" in err and len(err) < 300
    assert dump(demo_db) == before


def test_a_refusal_lists_200_problems_in_bounded_output_and_memory(demo_db, hostile_workbook, capsys):
    assert hostile_workbook.stat().st_size < 100_000
    before = dump(demo_db)
    status, peak = imported(demo_db, hostile_workbook)
    err = capsys.readouterr().err
    assert status == 1
    assert len(err.encode()) < 100_000 and peak < 100 * 2**20, (len(err), peak)
    listed = [line for line in err.splitlines() if line.startswith(f"  {CONTRACTS}!A")]
    assert len(listed) == MAX_LISTED
    assert f"问题超过 {MAX_LISTED} 处" in err and "另有更多问题未列出" in err
    assert f"（共 {LENGTH} 字）" in listed[0]  # the cell is quoted cut, with its true length
    assert dump(demo_db) == before


def test_the_window_lists_200_rows_and_counts_the_rest(qtbot):
    from gui.dialogs import RecordsDialog

    rows = [(f"执行合同!A{n}", "坏", "指标代码不在2023年指标目录中") for n in range(5000)]
    dialog = RecordsDialog("导入被拒绝", "区法院.xlsx：超过 200 处问题", ("位置", "内容", "原因"), rows)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == MAX_LISTED
    assert f"另有 {5000 - MAX_LISTED} 项未列出" in dialog.summary.text()


def test_a_template_with_a_bad_placeholder_in_every_cell_lists_200(demo_db, tmp_path, capsys):
    """1,000 cells each holding a wrong placeholder of 30,000 characters: 200 listed, each cut."""
    from tests.reliability.corpus.templates import template

    path = tmp_path / "模板.xlsx"
    bad = "{{metric:" + "x" * 30_000 + "}}"
    template({f"E{row}": bad for row in range(1, 1001)})(path)
    status = main(["--db", str(demo_db), "export", "2023Q3", "--draft", "--template", str(path),
                   "--out", str(tmp_path / "草稿.xlsx")])
    out = capsys.readouterr().out
    assert status == 0 and len(out.encode()) < 100_000, len(out)
    assert sum(line.startswith("  模板问题") for line in out.splitlines()) == MAX_LISTED
    assert f"另有 {1000 - MAX_LISTED} 项问题未列出" in out


def test_a_report_with_a_placeholder_in_every_sentence_lists_the_first_and_counts_the_rest(demo_db, tmp_path, capsys):
    report = tmp_path / "工作推进情况.txt"
    report.write_text("8.执行合同指标(区法院牵头)\n" + "".join(f"第{n}项工作受理案件XX件。" for n in range(400)),
                      encoding="utf-8")
    assert main(["--db", str(demo_db), "crosscheck", "2023Q3", str(report)]) == 1
    out = capsys.readouterr().out
    assert f"\n{MAX_LISTED}. [" in out and f"\n{MAX_LISTED + 1}. [" not in out
    assert "项问题（用 --json 可得全部）未列出" in out
