"""Backups that are not backups are never offered, and a restore never loses or forges history.

Each test starts from the demo district (红谷滩区, 2022Q1–2023Q3) and plays what happens in an
office: a backup cut short, a file that only looks like a backup, a restore after more work was
done, a backup file whose audit safeguards were removed.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
import sqlite_utils

from main import main
from models.values import Entry
from storage import Store, StoreError, schema
from storage import backup as backups
from tests.reliability.support import dump

Q3 = "2023Q3"


def accepted(demo_app) -> str:
    return demo_app.store.get(Q3, "court", "ct_cases_accepted").raw


def set_accepted(store: Store, raw: str, note: str = "") -> None:
    store.set_value(Entry(period=Q3, dept="court", metric="ct_cases_accepted", number=float(raw), raw=raw,
                          note=note), reason="更正")


# ---- backups that are not backups ----------------------------------------------------------------
def fake_backup(demo_db, content: bytes, stamp: str = "20991231-235959") -> object:
    folder = backups.backup_dir(demo_db)
    folder.mkdir(exist_ok=True)
    path = folder / f"{demo_db.stem}-{stamp}-manual.db"
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("content", [b"", b"SQLite format 3\x00" + b"\x00" * 100, b"PK\x03\x04 a workbook"],
                         ids=["empty", "header-only", "not-a-database"])
def test_a_file_under_a_backups_name_is_neither_listed_as_good_nor_offered_nor_restored(demo_app, demo_db,
                                                                                         content, capsys):
    good = demo_app.store.backup("manual")
    broken = fake_backup(demo_db, content)
    assert backups.newest_good_backup(demo_db).path == good
    assert good in [b.path for b in backups.good_backups(demo_db)]
    assert broken not in [b.path for b in backups.good_backups(demo_db)]
    demo_app.close()
    before = dump(demo_db)
    assert main(["--db", str(demo_db), "backup", "--list"]) == 0
    listing = capsys.readouterr().out
    assert f"{broken}  【不可用于恢复：" in listing
    assert main(["--db", str(demo_db), "restore", str(broken)]) == 1
    assert "不能从" in capsys.readouterr().err
    assert dump(demo_db) == before


def test_a_database_of_another_program_is_refused(demo_app, demo_db, tmp_path, capsys):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE figures (x)")
        conn.execute("PRAGMA user_version = 2")
    demo_app.close()
    before = dump(demo_db)
    assert main(["--db", str(demo_db), "restore", str(other)]) == 1
    assert "不是本程序的数据库（缺少表" in capsys.readouterr().err
    assert dump(demo_db) == before


def test_a_backup_changed_after_it_was_taken_is_refused(demo_app, demo_db, capsys):
    taken = demo_app.store.backup("manual")
    with sqlite3.connect(taken) as conn:  # someone "fixes" a figure inside the backup file
        conn.execute("UPDATE figures SET raw = '1', number = 1 WHERE metric = 'ct_cases_accepted'")
    assert "不符" in backups.backup_problem(taken)
    assert backups.newest_good_backup(demo_db).path != taken
    demo_app.close()
    before = dump(demo_db)
    assert main(["--db", str(demo_db), "restore", str(taken)]) == 1
    assert dump(demo_db) == before


def test_a_damaged_database_is_offered_only_a_verified_backup(demo_app, demo_db):
    good = demo_app.store.backup("manual")
    fake_backup(demo_db, b"")  # newer, and empty: what a killed backup of an earlier version left
    demo_app.close()
    demo_db.write_bytes(b"no longer a database" * 500)
    with pytest.raises(StoreError, match=f"最近一份完好的备份：{good}"):
        Store(demo_db)


# ---- restore keeps history ----------------------------------------------------------------------------
def test_audit_rows_written_after_the_backup_survive_the_restore(demo_app):
    store = demo_app.store
    saved = store.backup("manual")
    set_accepted(store, "34300")
    later = store.audit()[-1]
    store.restore(saved)
    assert accepted(demo_app) == "34200"  # the figure goes back …
    trail = store.audit()
    assert [(a.action, a.new_raw, a.at) for a in trail if a.action == "set"][-1] == ("set", "34300", later.at)
    assert trail[-1].action == "restore" and saved.name in trail[-1].reason  # … its history does not


def test_a_submission_recorded_after_the_backup_survives_the_restore(demo_app, tmp_path):
    from app import exchange
    from app.checking import validate_period
    from models.periods import Period
    from storage import submissions

    store, period = demo_app.store, Period.parse(Q3)
    saved = store.backup("manual")
    for finding in validate_period(demo_app, period).blocking:
        store.explain(finding.period, finding.dept, finding.metric, finding.rule, "已核实", finding.fingerprint)
    exchange.export_submission(demo_app, period, tmp_path / "报送.xlsx")
    store.restore(saved)
    assert submissions.latest_submission(store, Q3) is not None
    assert main(["--db", str(store.path), "verify", str(tmp_path / "报送.xlsx")]) == 0


def test_restoring_the_same_backup_twice_adds_no_history_twice(demo_app):
    store = demo_app.store
    saved = store.backup("manual")
    set_accepted(store, "34300")
    store.restore(saved)
    count = len(store.audit())
    store.restore(saved)
    assert len(store.audit()) == count + 1  # only the second restore's own row


def test_a_backup_without_the_audit_safeguards_is_restored_with_them(demo_app, demo_db):
    store = demo_app.store
    saved = store.backup("manual")
    with sqlite3.connect(saved) as conn:  # the history in this copy can now be rewritten …
        conn.execute("DROP TRIGGER audit_no_update")
        conn.execute("DROP TRIGGER audit_no_delete")
        conn.execute("UPDATE audit SET who = '某人' WHERE id = 1")
    backups.manifest_path(saved).unlink()  # … and it no longer claims to be the backup it was
    store.restore(saved)
    assert "缺少审计保护触发器" in store.audit()[-1].reason
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.conn.execute("DELETE FROM audit")
    first = store.audit()[0]
    assert first.who != "某人"  # the live history stands; the rewritten row only comes in as an extra row
    assert any(a.who == "某人" for a in store.audit())


def test_the_live_database_regains_safeguards_someone_dropped(demo_app):
    store = demo_app.store
    saved = store.backup("manual")
    store.conn.execute("DROP TRIGGER audit_no_delete")
    store.restore(saved)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.conn.execute("DELETE FROM audit")


def test_a_backup_from_an_earlier_version_is_brought_up_to_date(demo_app, tmp_path):
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old, isolation_level=None)
    schema.migrate(sqlite_utils.Database(conn), target=2)
    conn.execute("INSERT INTO figures (period, dept, metric, number, raw) "
                 "VALUES ('2023Q3', 'court', 'ct_cases_accepted', 30000, '30000')")
    conn.close()
    store = demo_app.store
    store.restore(old)
    assert accepted(demo_app) == "30000"
    assert store.schema_version == schema.LATEST


def test_the_copy_taken_before_a_restore_is_never_rotated_away(demo_app, demo_db):
    store = demo_app.store
    saved = store.backup("manual")
    safety = store.restore(saved)
    for _ in range(4):
        backups.make_backup(store.conn, demo_db, "manual", keep=2)
    left = backups.backups(demo_db)
    assert safety in [b.path for b in left]
    assert len([b for b in left if b.reason == "manual"]) == 2


def test_a_damaged_database_is_recovered_with_an_audited_restore(demo_app, demo_db, capsys):
    good = demo_app.store.backup("manual")
    trail = len(demo_app.store.audit())
    demo_app.close()
    demo_db.write_bytes(b"no longer a database" * 500)
    assert main(["--db", str(demo_db), "restore", str(good)]) == 0
    with Store(demo_db) as store:
        audit = store.audit()
        assert len(audit) == trail + 1 and audit[-1].action == "restore" and "已损坏" in audit[-1].reason
    assert [p for p in backups.backup_dir(demo_db).iterdir() if p.name.startswith(".")] == []


# ---- notes are history --------------------------------------------------------------------------------
def test_changing_a_note_records_old_and_new_text(demo_app):
    store = demo_app.store
    set_accepted(store, "34200", note="含旧存665件")
    set_accepted(store, "34200", note="含旧存665件，口径调整")
    row = store.audit(Q3, "court", "ct_cases_accepted")[-1]
    assert (row.old_note, row.new_note) == ("含旧存665件", "含旧存665件，口径调整")


def test_replacing_an_explanation_records_the_text_it_replaced(demo_app):
    store = demo_app.store
    store.explain(Q3, "court", "ct_cases_accepted", "swing", "新增立案窗口", "fp")
    store.explain(Q3, "court", "ct_cases_accepted", "swing", "新增立案窗口两个", "fp")
    row = store.audit(Q3, "court", "ct_cases_accepted")[-1]
    assert (row.action, row.old_raw, row.new_raw) == ("explain", "新增立案窗口", "新增立案窗口两个")


def test_set_without_a_note_keeps_the_note_and_its_source(demo_db, capsys):
    assert main(["--db", str(demo_db), "set", Q3, "ct_close_rate", "84.61%", "--note", "口径调整"]) == 0
    with Store(demo_db) as store:
        source = store.get(Q3, "court", "ct_close_rate").source
    assert main(["--db", str(demo_db), "set", Q3, "ct_close_rate", "84.6%"]) == 0
    with Store(demo_db) as store:
        figure = store.get(Q3, "court", "ct_close_rate")
        assert (figure.raw, figure.note, figure.source) == ("84.6%", "口径调整", source)
        last = store.audit(Q3, "court", "ct_close_rate")[-1]
        assert (last.old_note, last.new_note) == ("口径调整", "口径调整")
    assert main(["--db", str(demo_db), "set", Q3, "ct_close_rate", "84.6%", "--note", ""]) == 0
    with Store(demo_db) as store:
        assert store.get(Q3, "court", "ct_close_rate").note == ""


def test_the_window_and_the_command_leave_the_same_audit_row(demo_db, capsys, tmp_path):
    from app.context import AppContext
    from app.editing import SetFigures, typed_entry
    from tests.reliability.support import copy_database

    twin = copy_database(demo_db, tmp_path / "twin" / "demo.db")
    assert main(["--db", str(demo_db), "set", Q3, "ct_close_rate", "84.6%"]) == 0
    ctx = AppContext(twin, who=Store(demo_db).who)
    key = (Q3, "court", "ct_close_rate")
    entry = typed_entry(key, 84.6, "84.6%", ctx.store.get(*key))
    SetFigures((entry,), "填报", reason="命令行填报").apply(ctx.store)
    rows = [Store(path).audit(*key)[-1] for path in (demo_db, twin)]
    ctx.close()
    fields = ("action", "old_raw", "new_raw", "old_number", "new_number", "old_note", "new_note", "reason")
    assert [tuple(getattr(r, f) for f in fields) for r in rows][0] == [tuple(getattr(r, f) for f in fields)
                                                                       for r in rows][1]


def test_the_manifest_records_what_the_backup_holds(demo_app):
    taken = demo_app.store.backup("manual")
    manifest = json.loads(backups.manifest_path(taken).read_text(encoding="utf-8"))
    assert manifest["counts"]["figures"] == len(demo_app.store.values())
    assert manifest["counts"]["audit"] == len(demo_app.store.audit())
