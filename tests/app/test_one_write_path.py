"""Typed text becomes an entry in one place (``app.editing``): the window's session, the ``set``
command, paste and import leave the same figure and the same audit row for the same edit."""

from dataclasses import astuple, replace

from app.editing import SetFigures
from app.session import EntrySession
from models.periods import Period
from tests.conftest import run_cli

Q3 = Period(year=2023, quarter=3)
KEY = ("2023Q3", "court", "ct_close_rate")


def test_set_without_a_note_keeps_the_note_and_its_source(capsys, demo_ctx, db_path):
    assert run_cli(capsys, "--db", db_path, "set", "2023Q3", "ct_close_rate", "84.61%", "--note", "口径调整")[0] == 0
    assert run_cli(capsys, "--db", db_path, "set", "2023Q3", "ct_close_rate", "85%")[0] == 0
    kept = demo_ctx.store.get(*KEY)
    assert (kept.raw, kept.note, kept.source) == ("85%", "口径调整", "演示数据")
    assert run_cli(capsys, "--db", db_path, "set", "2023Q3", "ct_close_rate", "85%", "--note", "")[0] == 0
    assert demo_ctx.store.get(*KEY).note == ""


def test_the_command_and_the_window_leave_the_same_figure_and_audit_row(capsys, demo_ctx, db_path):
    store = demo_ctx.store
    before = store.get(*KEY)
    entry = EntrySession(demo_ctx, Q3, None).value_entry("ct_close_rate", "85%")
    undo = SetFigures((entry,), "填报", reason="界面填报").apply(store)  # as the window stores typing
    typed = store.get(*KEY)
    undo.apply(store)
    assert store.get(*KEY) == before
    assert run_cli(capsys, "--db", db_path, "set", "2023Q3", "ct_close_rate", "85%")[0] == 0
    assert _figure(store.get(*KEY)) == _figure(typed)
    window, command = [_row(a) for a in store.audit(metric="ct_close_rate") if a.new_raw == "85%"]
    assert window == command


def _figure(value):
    return (value.number, value.raw, value.note, value.source)


def _row(audit):
    """An audit row without what tells two edits apart: its number, time, user and stated reason."""
    return astuple(replace(audit, id=0, at="", who="", reason=""))
