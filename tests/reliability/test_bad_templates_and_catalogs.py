"""Templates and catalog files with mistakes: refused with the cell or entry named, nothing stored.

Templates go through ``export --template`` on a period whose findings are all explained, so the
only thing that can stop the final export is the template itself.  Catalog files go through the
loader of the shipped files and through ``profile import-catalog``, the way a district brings in
an edited catalog.
"""

from __future__ import annotations

import copy
import json

import openpyxl
import pytest

from main import main
from models.catalog import CatalogError
from models.loader import catalog_from_file
from tests.reliability.corpus.catalogs import CATALOG_CASES, SHIPPED
from tests.reliability.corpus.templates import TEMPLATE_CASES, template
from tests.reliability.support import copy_database, dump


@pytest.fixture(scope="session")
def explained_db_once(demo_db_once, tmp_path_factory):
    """The demo district with every blocking finding of 2023Q3 explained: a final export may go out."""
    from app.checking import validate_period
    from app.context import AppContext
    from models.periods import Period

    ctx = AppContext(copy_database(demo_db_once, tmp_path_factory.mktemp("explained") / "demo.db"))
    for finding in validate_period(ctx, Period.parse("2023Q3"), final=True).blocking:
        ctx.store.explain(finding.period, finding.dept, finding.metric, finding.rule, "已核实", finding.fingerprint)
    ctx.close()
    return ctx.store.path


@pytest.fixture
def explained_db(explained_db_once, tmp_path):
    return copy_database(explained_db_once, tmp_path / "demo.db")


def export(db, template_path, out, *options) -> int:
    return main(["--db", str(db), "export", "2023Q3", "--template", str(template_path), "--out", str(out), *options])


def test_the_good_template_goes_out_as_a_final_submission(explained_db, tmp_path):
    template()(tmp_path / "省模板.xlsx")
    assert export(explained_db, tmp_path / "省模板.xlsx", tmp_path / "报送.xlsx") == 0


@pytest.mark.parametrize("case, make, status, words", TEMPLATE_CASES, ids=[c[0] for c in TEMPLATE_CASES])
def test_a_bad_template_refuses_the_final_export(explained_db, tmp_path, capsys, case, make, status, words):
    path, out = tmp_path / "省模板.xlsx", tmp_path / "报送.xlsx"
    make(path)
    before = dump(explained_db)
    assert export(explained_db, path, out) == status
    err = capsys.readouterr().err
    assert all(w in err for w in words), err
    assert not out.exists()
    assert dump(explained_db) == before


@pytest.mark.parametrize("case, make, status, words", [c for c in TEMPLATE_CASES if c[2] == 1],
                         ids=[c[0] for c in TEMPLATE_CASES if c[2] == 1])
def test_a_draft_from_a_bad_template_lists_the_problem_and_leaves_no_placeholder(explained_db, tmp_path, capsys,
                                                                                  case, make, status, words):
    path, out = tmp_path / "省模板.xlsx", tmp_path / "草稿.xlsx"
    make(path)
    assert export(explained_db, path, out, "--draft") == 0
    said = capsys.readouterr().out
    assert "模板问题（已留空）" in said and all(w in said for w in words)
    texts = [str(c.value) for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows() for c in row]
    assert not [t for t in texts if "{{" in t or "}}" in t]
    assert "红谷滩区" in texts  # the good placeholders are filled all the same


def spoiled(tmp_path, spoil):
    data = copy.deepcopy(SHIPPED)
    written = spoil(data)
    path = tmp_path / "catalog_2023.json"
    path.write_bytes(written if isinstance(written, bytes) else json.dumps(data, ensure_ascii=False).encode())
    return path


@pytest.mark.parametrize("case, spoil, words", CATALOG_CASES, ids=[c[0] for c in CATALOG_CASES])
def test_a_bad_catalog_file_is_refused_by_the_loader(tmp_path, case, spoil, words):
    with pytest.raises(CatalogError) as refused:
        catalog_from_file(spoiled(tmp_path, spoil))
    message = str(refused.value)
    assert message.startswith("catalog_2023.json：") and all(w in message for w in words), message
    assert "Input should" not in message.split("（")[0]  # said in Chinese first


@pytest.mark.parametrize("case, spoil, words", CATALOG_CASES, ids=[c[0] for c in CATALOG_CASES])
def test_a_bad_catalog_file_is_refused_by_import_catalog(demo_db, tmp_path, capsys, case, spoil, words):
    path = spoiled(tmp_path, spoil)
    before = dump(demo_db)
    assert main(["--db", str(demo_db), "profile", "import-catalog", str(path)]) == 2
    err = capsys.readouterr().err
    assert "catalog_2023.json" in err and all(w in err for w in words), err
    assert dump(demo_db) == before
