"""Characters no workbook can hold: refused where text comes in, and never fatal to an export.

A workbook is XML, and XML 1.0 has no place for control characters other than tab and line
breaks, for half a surrogate pair, nor for U+FFFE/U+FFFF; the other Unicode noncharacters
(U+FDD0–U+FDEF, the last two code points of every plane) are refused with them.  Such a text
used to be stored, after which every export, blank workbook and validation report of the period
crashed.

- Every way text comes in refuses it, naming the position and the character, and stores nothing:
  ``set --note``, a typed figure, ``explain``, the import of a department workbook, the profile
  commands and the import of a profile file.
- A database written by an older version may hold such text already (planted here with sqlite3,
  as that version would have stored it).  ``blank``, ``export --draft``, the final export (every
  finding explained), ``export --template`` and ``validate --out --narrative`` all succeed; the
  files open, hold no such character, and show “�” where it was.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3

import openpyxl
import pytest

from main import main
from models.texts import INVALID
from tests.reliability.corpus.templates import template
from tests.reliability.corpus.workbooks import CONTRACTS, cell_xml, in_sheet, rewrite, where
from tests.reliability.support import copy_database, dump

Q3 = "2023Q3"
SHARE = "ct_close_rate"
MARK = "\ufffd"  # what an export shows in place of a character no workbook can hold
# (case, character): XML's own exclusions, then the noncharacters refused with them.
CHARACTERS = [
    ("U+FFFE", "\ufffe"), ("U+FFFF", "\uffff"), ("U+0001", "\x01"), ("U+001F", "\x1f"),
    ("U+FDD0", "\ufdd0"), ("U+FDEF", "\ufdef"), ("U+1FFFE", "\U0001fffe"), ("U+10FFFF", "\U0010ffff"),
]
IDS = [c[0] for c in CHARACTERS]


def refused(capsys, db, argv, code: str, position: int, status: int = 2) -> str:
    """Run a command that must refuse; its message names the character and where it is."""
    before = dump(db)
    assert main(["--db", str(db), *argv]) == status
    err = capsys.readouterr().err
    assert f"第{position}个字符" in err and f"（{code}）" in err, err
    assert dump(db) == before
    return err


# ---- refused where it comes in ----------------------------------------------------------------

@pytest.mark.parametrize("code, char", CHARACTERS, ids=IDS)
def test_a_note_with_it_is_refused_by_set(demo_db, capsys, code, char):
    err = refused(capsys, demo_db, ["set", Q3, SHARE, "84.61%", "--note", f"核实{char}无误"], code, 3)
    assert f"{Q3} court {SHARE} 的说明" in err


@pytest.mark.parametrize("code, char", CHARACTERS, ids=IDS)
def test_a_figure_with_it_is_refused_by_set(demo_db, capsys, code, char):
    refused(capsys, demo_db, ["set", Q3, SHARE, f"84.6{char}1%"], code, 5)


@pytest.mark.parametrize("code, char", CHARACTERS, ids=IDS)
def test_an_explanation_with_it_is_refused(demo_db, demo_app, capsys, code, char):
    from app.checking import validate_period
    from models.periods import Period

    finding = validate_period(demo_app, Period.parse(Q3), final=True).blocking[0]
    demo_app.close()
    err = refused(capsys, demo_db, ["explain", Q3, finding.metric, finding.rule, f"扩大{char}采购目录"], code, 3)
    assert "的说明" in err


@pytest.mark.parametrize("code, char", CHARACTERS, ids=IDS)
def test_a_workbook_note_with_it_is_refused_by_import(demo_db, court_blank, tmp_path, capsys, code, char):
    """A workbook made by another program may carry a noncharacter (XML allows them); the import
    names the cell.  The characters XML excludes make the file itself unreadable."""
    path = tmp_path / "区法院.xlsx"
    shutil.copyfile(court_blank, path)
    text = f"<is><t>已{char}核实</t></is>"
    rewrite(in_sheet(CONTRACTS), cell_xml("ct_cases_closed", text, "inlineStr", "note"))(path)
    if _XML_CHAR.fullmatch(char):
        err = refused(capsys, demo_db, ["import", str(path)], code, 2, status=1)
        assert where("ct_cases_closed", "note") in err
    else:
        before = dump(demo_db)
        assert main(["--db", str(demo_db), "import", str(path)]) == 2
        assert "无法读取" in capsys.readouterr().err
        assert dump(demo_db) == before


_XML_CHAR = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # XML 1.0, production 2


PROFILE_COMMANDS = [
    ("set-district", lambda c: ["profile", "set-district", f"红谷{c}滩区"], 3),
    ("add-dept", lambda c: ["profile", "add-dept", "archive", f"区档案{c}馆"], 4),
    ("rename-dept", lambda c: ["profile", "rename-dept", "court", f"区人民{c}法院"], 4),
    ("set-contact", lambda c: ["profile", "set-contact", "filer", f"张{c}三"], 2),
]


@pytest.mark.parametrize("command, argv, position", PROFILE_COMMANDS, ids=[c[0] for c in PROFILE_COMMANDS])
@pytest.mark.parametrize("code, char", CHARACTERS, ids=IDS)
def test_a_profile_text_with_it_is_refused(demo_db, capsys, command, argv, position, code, char):
    refused(capsys, demo_db, argv(char), code, position)


@pytest.mark.parametrize("code, char", CHARACTERS, ids=IDS)
def test_a_profile_file_with_it_is_refused(demo_db, demo_app, tmp_path, capsys, code, char):
    from models.records import to_data

    data = to_data(demo_app.profile)
    demo_app.close()
    data["contacts"]["reviewer"] = f"李{char}四"
    path = tmp_path / "区县配置.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8", errors="surrogatepass")
    err = refused(capsys, demo_db, ["profile", "import", str(path)], code, 2)
    assert "reviewer" in err


# ---- an older database that holds it: every writer still writes ---------------------------------

PLANTED = "\ufffe\x01\uffff\ufdd0\U0001fffe"  # one of each kind, in every text an export shows


@pytest.fixture(scope="session")
def court_blank(demo_db_once, tmp_path_factory):
    from app import exchange
    from app.context import AppContext
    from models.periods import Period

    folder = tmp_path_factory.mktemp("blank")
    ctx = AppContext(copy_database(demo_db_once, folder / "demo.db"))
    period = Period.parse(Q3)
    path = exchange.write_blank(ctx, period, ctx.catalog_for(period).department("court"), folder / "区法院.xlsx").path
    ctx.close()
    return path


@pytest.fixture
def old_db(demo_db):
    """The demo district, every 2023Q3 finding explained, then texts an older version let in."""
    from app.checking import validate_period
    from app.context import AppContext
    from models.periods import Period
    from models.records import to_data

    ctx = AppContext(demo_db)
    for finding in validate_period(ctx, Period.parse(Q3), final=True).blocking:
        ctx.store.explain(finding.period, finding.dept, finding.metric, finding.rule, "已核实", finding.fingerprint)
    profile, definitions = to_data(ctx.profile), to_data(ctx.catalog(2023).definitions)
    ctx.close()
    _plant(demo_db, profile, definitions)
    return demo_db


def _plant(db, profile: dict, definitions: dict) -> None:
    profile["district"] = f"红谷滩{PLANTED}区"
    profile["contacts"] = {"filer": f"张{PLANTED}三", "phone": "0791", "reviewer": "李四", "head": "王五"}
    for dept in profile["departments"]:
        dept["name"] += PLANTED
    indicator = definitions["indicators"][0]
    indicator["name"] += PLANTED
    indicator["metrics"][0]["name"] += PLANTED
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE figures SET note = ?, source = ?", (f"已核实{PLANTED}", f"审判{PLANTED}系统"))
        conn.execute("UPDATE explanations SET text = ?", (f"新增{PLANTED}采购目录",))
        conn.execute("INSERT INTO settings (key, value) VALUES ('district_profile', ?)",
                     (json.dumps(profile, ensure_ascii=False),))
        conn.execute("INSERT INTO catalogs (year, definition) VALUES (2023, ?)",
                     (json.dumps(definitions, ensure_ascii=False),))
    conn.close()


def opened_texts(path) -> str:
    """Every text of every sheet (hidden ones too) and every sheet name, of a file that opens."""
    wb = openpyxl.load_workbook(path)
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    return "\n".join(wb.sheetnames + cells)


def shows_the_mark_and_nothing_illegal(path) -> str:
    texts = opened_texts(path)
    assert MARK * len(PLANTED) in texts
    assert not INVALID.search(texts), [hex(ord(c)) for c in INVALID.findall(texts)]
    return texts


def run(db, *argv) -> int:
    return main(["--db", str(db), *argv])


def test_the_planted_texts_are_really_there(old_db):
    conn = sqlite3.connect(old_db)
    notes = [row[0] for row in conn.execute("SELECT note FROM figures")]
    conn.close()
    assert notes and all(PLANTED in n for n in notes)


def test_a_blank_workbook_is_written(old_db, tmp_path, capsys):
    out = tmp_path / "区法院.xlsx"
    assert run(old_db, "blank", Q3, "--dept", "court", "--out", str(out)) == 0
    texts = shows_the_mark_and_nothing_illegal(out)
    assert f"红谷滩{MARK * len(PLANTED)}区" in texts and f"审判{MARK * len(PLANTED)}系统" in texts


def test_a_draft_is_written(old_db, tmp_path, capsys):
    out = tmp_path / "草稿.xlsx"
    assert run(old_db, "export", Q3, "--draft", "--out", str(out)) == 0
    assert f"新增{MARK * len(PLANTED)}采购目录" in shows_the_mark_and_nothing_illegal(out)


def test_the_final_export_is_written_and_verifies(old_db, tmp_path, capsys):
    out = tmp_path / "报送.xlsx"
    assert run(old_db, "export", Q3, "--out", str(out)) == 0, capsys.readouterr().err
    texts = shows_the_mark_and_nothing_illegal(out)
    assert f"张{MARK * len(PLANTED)}三" in texts
    assert run(old_db, "verify", str(out)) == 0


def test_an_export_through_a_template_is_written(old_db, tmp_path, capsys):
    template()(tmp_path / "省模板.xlsx")
    out = tmp_path / "报送.xlsx"
    argv = ["export", Q3, "--template", str(tmp_path / "省模板.xlsx"), "--out", str(out)]
    assert run(old_db, *argv) == 0, capsys.readouterr().err
    texts = shows_the_mark_and_nothing_illegal(out)
    assert f"已核实{MARK * len(PLANTED)}" in texts


def test_a_validation_report_with_a_narrative_is_written(old_db, tmp_path, capsys):
    narrative = tmp_path / "工作报告.txt"
    narrative.write_text("区法院受理案件共1件。\n", encoding="utf-8")  # a report file with them is refused as unreadable
    out = tmp_path / "校验报告.xlsx"
    assert run(old_db, "validate", Q3, "--out", str(out), "--narrative", str(narrative)) in (0, 1)
    assert capsys.readouterr().err.count("Traceback") == 0
    assert openpyxl.load_workbook(out).sheetnames == ["校验结果", "文字报告核对"]
    shows_the_mark_and_nothing_illegal(out)


def test_every_planted_character_is_one_the_entry_refuses():
    """The mark stands for exactly what is refused at entry: nothing else is replaced."""
    assert all(INVALID.fullmatch(c) for c in PLANTED)
    assert not INVALID.search("\t\n\r 说明 👍 𠀀 \ufffd \ufdcf \ufdf0 \ufffd \U0001fffd")


def test_a_blank_workbook_comes_back_through_the_import(old_db, tmp_path, capsys):
    """The department sends its blank back: the header names it as the export wrote it (with �)."""
    out = tmp_path / "区法院.xlsx"
    assert run(old_db, "blank", Q3, "--dept", "court", "--out", str(out)) == 0
    assert run(old_db, "import", "--dry-run", str(out)) == 0, capsys.readouterr().err


def test_a_profile_an_older_version_let_them_into_can_still_be_changed_field_by_field(old_db, capsys):
    assert run(old_db, "profile", "set-contact", "filer", "张三") == 0
    capsys.readouterr()
    assert run(old_db, "profile", "show", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["contacts"]["filer"] == "张三"
    assert shown["district"] == f"红谷滩{MARK * len(PLANTED)}区"  # mended in passing, and visibly so
