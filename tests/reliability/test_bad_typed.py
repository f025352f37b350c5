"""Typed figures and notes that must never be stored, through the real entry paths.

Each case goes through the ``set`` command (exit 2, a Chinese message naming the period, the
metric, what was typed and why), through the GUI's entry session, the object the table's
editor asks, and typed as text into a department workbook through ``import`` (exit 1, the same
reason); afterwards a full dump of the database (figures, audit, explanations, locks …)
is exactly what it was.  Notes that look odd but are what the filer meant (emoji, a leading =,
tabs) are stored exactly as typed.
"""

from __future__ import annotations

import pytest

from exports.cells import EXCEL_ERRORS
from exports.department import COLUMN_OF
from main import main
from models.loader import load_catalog
from models.texts import INVALID
from tests.reliability.corpus.typed import KEPT_NOTES, SHARE, TYPED_NOTES, TYPED_VALUES
from tests.reliability.support import dump
from validation.parsing import SHOWN_LENGTH, EntryError

CATALOG = load_catalog(2023)
Q3 = "2023Q3"


def run_set(db, code, text, *options) -> int:
    value = ["--", text] if text.startswith("-") else [text]  # argparse reads "-5" after "--" as a value
    return main(["--db", str(db), "set", Q3, code, *options, *value])


@pytest.mark.parametrize("case, code, text, why", TYPED_VALUES, ids=[c[0] for c in TYPED_VALUES])
def test_a_bad_figure_is_refused_by_the_set_command(demo_db, capsys, case, code, text, why):
    before = dump(demo_db)
    assert run_set(demo_db, code, text) == 2
    err = capsys.readouterr().err
    name = CATALOG.metric(code).name
    assert err.startswith(f"错误：2023年第三季度 {name}：{name}")
    assert why in err and "（未保存）" in err
    shown = text.strip()[:SHOWN_LENGTH]
    seen = all(c.isprintable() or c.isspace() for c in shown)  # spaces of any kind are repeated as typed
    assert (seen and shown in err) or "<U+" in err or not shown
    assert len(err) < 400  # a long text is cut, not repeated whole
    assert dump(demo_db) == before


@pytest.mark.parametrize("case, code, text, why", TYPED_VALUES, ids=[c[0] for c in TYPED_VALUES])
def test_a_bad_figure_is_refused_by_the_entry_session(demo_app, qapp, case, code, text, why):
    from app.session import EntrySession
    from models.periods import Period

    before = dump(demo_app.store.path)
    session = EntrySession(demo_app, Period.parse(Q3), CATALOG.department_of(code))
    if not text.strip():  # an emptied cell clears the figure (undoably) instead
        assert session.value_entry(code, text).number is None
        return
    with pytest.raises(EntryError) as refused:
        session.value_entry(code, text)
    assert CATALOG.metric(code).name in str(refused.value) and why in str(refused.value)
    assert dump(demo_app.store.path) == before


@pytest.mark.parametrize("case, note, why", TYPED_NOTES, ids=[c[0] for c in TYPED_NOTES])
def test_a_note_that_no_workbook_can_hold_is_refused(demo_db, capsys, case, note, why):
    before = dump(demo_db)
    assert run_set(demo_db, SHARE, "84.61%", "--note", note) == 2
    err = capsys.readouterr().err
    assert f"{Q3} court {SHARE} 的说明" in err and why in err and "（未保存）" in err
    assert dump(demo_db) == before


@pytest.mark.parametrize("case, note", KEPT_NOTES, ids=[c[0] for c in KEPT_NOTES])
def test_an_odd_note_is_stored_exactly_as_typed(demo_app, demo_db, tmp_path, capsys, case, note):
    from app import exchange
    from models.periods import Period

    demo_app.close()
    assert run_set(demo_db, SHARE, "84.61%", "--note", note) == 0
    (figure,) = [row for row in dump(demo_db)["figures"] if row[:3] == (Q3, "court", SHARE)]
    assert figure[5] == note
    from app.context import AppContext

    ctx = AppContext(demo_db)
    try:
        out = exchange.export_submission(ctx, Period.parse(Q3), tmp_path / "报送.xlsx", draft=True).path
    finally:
        ctx.close()
    assert note.replace("\r\n", "\n") in _all_texts(out).replace("\r\n", "\n")


# What a cell can hold; an Excel error value in a cell is refused as such (“是 Excel 错误值”).
IN_A_CELL = [case for case in TYPED_VALUES
             if case[2].strip() and not INVALID.search(case[2]) and case[2] not in EXCEL_ERRORS]


@pytest.fixture(scope="session")
def blanks(demo_db_once, tmp_path_factory):
    """Each department's blank workbook for 2023Q3, by department code, written once."""
    from app import exchange
    from app.context import AppContext
    from models.periods import Period
    from tests.reliability.support import copy_database

    folder = tmp_path_factory.mktemp("typed-blanks")
    ctx = AppContext(copy_database(demo_db_once, folder / "demo.db"))
    period, written = Period.parse(Q3), {}
    for dept in sorted({CATALOG.department_of(code) for _case, code, _text, _why in IN_A_CELL}):
        found = ctx.catalog_for(period).department(dept)
        written[dept] = exchange.write_blank(ctx, period, found, folder / f"{dept}.xlsx").path
    ctx.close()
    return written


@pytest.mark.parametrize("case, code, text, why", IN_A_CELL, ids=[c[0] for c in IN_A_CELL])
def test_a_bad_figure_typed_into_a_workbook_is_refused_by_the_import(demo_db, blanks, tmp_path, capsys,
                                                                     case, code, text, why):
    """The same text typed as text into the value cell of a department's workbook: the same reason."""
    from tests.exports.helpers import fill

    path = fill(blanks[CATALOG.department_of(code)], {code: text}, out=tmp_path / "填报表.xlsx")
    _as_text(path, code)
    before = dump(demo_db)
    assert main(["--db", str(demo_db), "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert CATALOG.metric(code).name in err and why in err, err[:600]
    assert dump(demo_db) == before


def _as_text(path, code) -> None:
    """Make the value cell a string cell, as Excel stores text typed into a cell ('=…', '#DIV/0!')."""
    import openpyxl

    from tests.exports.helpers import rows_by_code

    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        row = rows_by_code(ws).get(code) if ws.sheet_state == "visible" else None
        if row:
            ws.cell(row, COLUMN_OF["value"]).data_type = "s"
    wb.save(path)


def test_the_gui_keeps_every_refused_figure_as_a_draft(qtbot, demo_app, qapp, tmp_path):
    """The table's editor: each refusal stays in its cell as a red draft; nothing reaches the database."""
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow

    window = MainWindow(demo_app, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show_choice(Q3, None)  # every department's figures
    before = dump(demo_app.store.path)
    refused = [(code, text) for _case, code, text, _why in TYPED_VALUES if text.strip()]
    for code, text in refused:
        assert window.editor.commit(code, "value", text) is False
        assert window.session.drafts[(code, "value")].text == text
    assert dump(demo_app.store.path) == before
    window.editor.session.drafts.clear()


def _all_texts(path) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)


@pytest.mark.parametrize("written", ["٨٤.٦١%", "8²%", "８٤.61%"], ids=["arabic-indic", "superscript", "mixed"])
def test_a_report_figure_in_such_digits_is_flagged_by_the_crosscheck(demo_db, tmp_path, capsys, written):
    """The cross-check reads digits as the entry parser does: such a figure is neither read as a
    number nor passed over; it must be rewritten before the report goes out (exit 1)."""
    report = tmp_path / "工作报告.txt"
    report.write_text(f"区法院：本季度结案率{written}。\n", encoding="utf-8")
    assert main(["--db", str(demo_db), "crosscheck", Q3, str(report)]) == 1
    out = capsys.readouterr().out
    assert f"“{written}”" in out and "未发现问题" not in out
