"""Broken and hostile department workbooks through ``import``: refused, named, nothing stored.

Each case of ``corpus.workbooks`` is imported through the command (exit status 1 when the file
was read but a row is refused, 2 when it cannot be read) and through ``app.exchange`` (what the
GUI calls); the message names the cell and the reason, and a full dump of the database is the
same afterwards.
"""

from __future__ import annotations

import shutil
import tracemalloc

import pytest

from app import exchange
from app.errors import UsageError
from main import main
from tests.reliability.corpus.workbooks import CASES, REFUSED, million_rows
from tests.reliability.support import copy_database, dump


@pytest.fixture(scope="session")
def court_blank_once(demo_db_once, tmp_path_factory):
    from app.context import AppContext
    from models.periods import Period

    folder = tmp_path_factory.mktemp("blank")
    ctx = AppContext(copy_database(demo_db_once, folder / "demo.db"))
    period = Period.parse("2023Q3")
    path = exchange.write_blank(ctx, period, ctx.catalog_for(period).department("court"), folder / "区法院.xlsx").path
    ctx.close()
    return path


def bad_file(court_blank_once, tmp_path, case):
    path = tmp_path / "区法院.xlsx"
    shutil.copyfile(court_blank_once, path)
    case.make(path)
    return path


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_import_command_refuses_and_stores_nothing(demo_db, court_blank_once, tmp_path, capsys, case):
    path = bad_file(court_blank_once, tmp_path, case)
    before = dump(demo_db)
    assert main(["--db", str(demo_db), "import", str(path)]) == case.status
    err = capsys.readouterr().err
    heading = "导入被拒绝，未保存任何数据：区法院.xlsx" if case.status == REFUSED else "错误：区法院.xlsx："
    assert err.startswith(heading) or case.name == "folder-named-xlsx", err[:300]
    for words in case.words:
        assert words in err, err[:2000]
    assert dump(demo_db) == before


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_application_layer_refuses_and_stores_nothing(demo_app, court_blank_once, tmp_path, case):
    path = bad_file(court_blank_once, tmp_path, case)
    before = dump(demo_app.store.path)
    expected = exchange.ImportRefused if case.status == REFUSED else UsageError
    with pytest.raises(expected) as raised:
        exchange.import_workbook(demo_app, path)
    said = ("\n".join(r.text() for r in raised.value.plan.refusals) if case.status == REFUSED
            else str(raised.value))
    assert all(words in said for words in case.words), said[:2000]
    assert dump(demo_app.store.path) == before


def test_a_million_rows_are_refused_from_the_zip_directory_without_loading_them(demo_app, court_blank_once,
                                                                                  tmp_path):
    """The cell count is read from the raw XML in 1 MB blocks and stops at the limit."""
    path = bad_file(court_blank_once, tmp_path, next(c for c in CASES if c.make is million_rows))
    tracemalloc.start()
    try:
        with pytest.raises(UsageError, match="单元格过多"):
            exchange.plan_import(demo_app, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * 2**20  # a loaded sheet of a million cells takes hundreds of MB


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40


def test_a_departments_file_changes_only_its_own_figures(demo_app, court_blank_once, tmp_path):
    """Every court figure changed in the file: the import touches court's rows and nobody else's."""
    from tests.exports.helpers import fill

    path = tmp_path / "区法院.xlsx"
    shutil.copyfile(court_blank_once, path)
    court = demo_app.catalog(2023).metrics_of_department("court")
    fill(path, {m.code: ("1%" if m.unit == "%" else "1") for m in court})
    before = dump(demo_app.store.path)
    plan = exchange.import_workbook(demo_app, path)
    after = dump(demo_app.store.path)
    assert plan.count("changed") == len(court)
    assert [r for r in after["figures"] if r[1] != "court"] == [r for r in before["figures"] if r[1] != "court"]
    new_audit = after["audit"][len(before["audit"]):]
    assert len(new_audit) == len(court) and {(r[4], r[5]) for r in new_audit} == {("2023Q3", "court")}
