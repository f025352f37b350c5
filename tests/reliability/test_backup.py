"""Backups: verified, rotated, taken before migrations and once a day; restore and recovery."""

import sqlite3

import pytest

from app.context import AppContext
from main import main
from models.values import Entry
from storage import NotADatabaseError, Store, schema
from storage import backup as backups


def figure(number=1297.0, raw="1297"):
    return Entry(period="2023Q3", dept="gov_data", metric="gs_items", number=number, raw=raw)


def test_a_backup_is_a_verified_single_file(store):
    store.set_value(figure())
    path = store.backup("manual")
    assert backups.integrity_problem(path) == "" and backups.backup_problem(path) == ""
    manifest = backups.manifest_path(path)
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([path.name, manifest.name])  # no -wal/-shm
    import json

    recorded = json.loads(manifest.read_text(encoding="utf-8"))
    assert recorded["counts"]["figures"] == 1 and recorded["schema_version"] == schema.LATEST
    assert recorded["size"] == path.stat().st_size
    with Store(path) as copy:
        assert copy.get("2023Q3", "gov_data", "gs_items").raw == "1297"


def test_only_the_newest_backups_are_kept(store, db_path):
    store.set_value(figure())
    made = [backups.make_backup(store.db.conn, db_path, "manual", keep=3) for _ in range(5)]
    kept = backups.backups(db_path)
    assert [b.path for b in kept] == list(reversed(made[-3:]))


def test_restore_brings_back_the_figures_and_keeps_a_safety_copy(store):
    store.set_value(figure())
    saved = store.backup("manual")
    store.set_value(figure(1300.0, "1300"))
    safety = store.restore(saved)
    assert store.get("2023Q3", "gov_data", "gs_items").raw == "1297"
    assert store.db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(safety) as before:
        assert before.get("2023Q3", "gov_data", "gs_items").raw == "1300"
    assert store.audit()[-1].action == "restore"


def test_a_damaged_backup_is_never_restored(store, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    store.set_value(figure())
    with pytest.raises(Exception, match="不能从 bad.db 恢复"):
        store.restore(bad)
    assert store.get("2023Q3", "gov_data", "gs_items").raw == "1297"


def test_migration_is_preceded_by_a_backup(db_path):
    conn = sqlite3.connect(db_path, isolation_level=None)
    import sqlite_utils

    schema.migrate(sqlite_utils.Database(conn), target=1)
    conn.close()
    Store(db_path).close()
    (taken,) = backups.backups(db_path)
    assert taken.reason == "migration"
    with sqlite3.connect(taken.path) as old:
        assert schema.version(old) == 1


def test_once_a_day_of_use(db_path):
    with Store(db_path) as store:
        store.set_value(figure())
    for _ in range(3):
        AppContext(db_path).close()
    assert [b.reason for b in backups.backups(db_path)] == ["daily"]


def test_a_damaged_database_names_the_newest_good_backup_and_restore_recovers(db_path, capsys):
    with Store(db_path) as store:
        store.set_value(figure())
        good = store.backup("manual")
    db_path.write_bytes(b"this is no longer a database" * 500)
    for side in ("-wal", "-shm"):
        db_path.with_name(db_path.name + side).unlink(missing_ok=True)
    with pytest.raises(NotADatabaseError, match=f"最近一份完好的备份：{good}"):
        Store(db_path)
    assert main(["--db", str(db_path), "restore", str(good)]) == 0
    with Store(db_path) as store:
        assert store.get("2023Q3", "gov_data", "gs_items").raw == "1297"
    assert any(p.name.startswith("test.db.damaged-") for p in db_path.parent.iterdir())


def test_backup_command_and_listing(db_path, capsys):
    with Store(db_path) as store:
        store.set_value(figure())
    assert main(["--db", str(db_path), "backup"]) == 0
    assert main(["--db", str(db_path), "backup", "--list"]) == 0
    out = capsys.readouterr().out
    assert "已备份并通过完整性校验" in out and "手动备份" in out
    assert main(["--db", str(db_path), "restore", str(db_path.parent / "missing.db")]) == 2


def test_import_and_final_export_are_preceded_by_a_backup(demo_ctx, tmp_path, db_path):
    from app import exchange
    from models.periods import Period

    period = Period.parse("2023Q3")
    court = demo_ctx.catalog_for(period).department("court")
    blank = tmp_path / "court.xlsx"
    exchange.write_blank(demo_ctx, period, court, blank)
    exchange.import_workbook(demo_ctx, blank)
    assert "import" in [b.reason for b in backups.backups(db_path)]
    exchange.export_submission(demo_ctx, period, tmp_path / "draft.xlsx", draft=True)
    assert "export" not in [b.reason for b in backups.backups(db_path)]
    from app.checking import validate_period

    for finding in validate_period(demo_ctx, period).blocking:
        demo_ctx.store.explain(finding.period, finding.dept, finding.metric, finding.rule, "已核实", finding.fingerprint)
    exchange.export_submission(demo_ctx, period, tmp_path / "final.xlsx")
    assert "export" in [b.reason for b in backups.backups(db_path)]
