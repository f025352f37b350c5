"""Schema versions: a new file, an older file, a newer file, a file that is no database."""

import sqlite3

import pytest
import sqlite_utils

from storage import NewerSchemaError, NotADatabaseError, Store, schema


def test_an_empty_file_is_migrated_to_the_latest_version(db_path):
    db_path.touch()
    with Store(db_path) as store:
        assert store.schema_version == schema.LATEST
        assert {"figures", "audit", "explanations", "locks", "submissions"} <= set(store.db.table_names())


def test_a_version_1_database_keeps_its_figures_and_audit(db_path):
    conn = sqlite3.connect(db_path, isolation_level=None)
    schema.migrate(sqlite_utils.Database(conn), target=1)
    conn.execute("INSERT INTO figures (period, dept, metric, number, raw, note, who, at) "
                 "VALUES ('2023Q3', 'court', 'ct_close_rate', 84.61, '84.61%', '', '甲', '2023-10-08T09:00:00+08:00')")
    conn.execute("INSERT INTO audit (at, who, action, period, dept, metric, new_raw, new_number) "
                 "VALUES ('2023-10-08T09:00:00+08:00', '甲', 'set', '2023Q3', 'court', 'ct_close_rate', '84.61%', 84.61)")
    assert schema.version(conn) == 1
    conn.close()
    with Store(db_path) as store:
        assert store.schema_version == schema.LATEST
        value = store.get("2023Q3", "court", "ct_close_rate")
        assert (value.raw, value.source) == ("84.61%", "")
        assert len(store.audit()) == 1
        store.lock("2023Q3", "court")  # tables of version 2 work on the migrated file
        assert store.is_locked("2023Q3", "court")


def test_a_version_2_database_gains_profile_and_catalog_tables(db_path):
    conn = sqlite3.connect(db_path, isolation_level=None)
    schema.migrate(sqlite_utils.Database(conn), target=2)
    conn.execute("INSERT INTO locks (period, dept, who, at, reason) VALUES ('2023Q3', 'court', '甲', 'x', '已报送')")
    conn.close()
    with Store(db_path) as store:
        assert store.schema_version == schema.LATEST
        assert store.is_locked("2023Q3", "court")
        assert {"settings", "catalogs"} <= set(store.db.table_names())


def test_a_database_from_a_newer_program_is_refused_untouched(db_path):
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerSchemaError, match="更新版本"):
        Store(db_path)
    assert db_path.read_bytes() == before


def test_a_file_that_is_not_a_database(db_path):
    db_path.write_bytes(b"PK\x03\x04 this is a zip, not SQLite" * 100)
    with pytest.raises(NotADatabaseError, match="不是有效的数据库文件"):
        Store(db_path)


def test_a_failing_migration_leaves_the_previous_version(db_path, monkeypatch):
    def broken(db):
        db["explanations"].create({"x": int})
        raise RuntimeError("disk full")

    monkeypatch.setattr(schema, "MIGRATIONS", [schema.MIGRATIONS[0], broken])
    monkeypatch.setattr(schema, "LATEST", 2)
    with pytest.raises(RuntimeError):
        Store(db_path)
    conn = sqlite3.connect(db_path)
    assert schema.version(conn) == 1
    assert "explanations" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def test_a_version_4_database_gains_the_workflow_tables(db_path):
    conn = sqlite3.connect(db_path, isolation_level=None)
    schema.migrate(sqlite_utils.Database(conn), target=4)
    conn.execute("INSERT INTO locks (period, dept, who, at, reason) VALUES ('2023Q3', 'court', '甲', 'x', '已报送')")
    conn.close()
    with Store(db_path) as store:
        assert store.schema_version == schema.LATEST
        assert {"states", "queries", "signoffs"} <= set(store.db.table_names())
        assert store.is_locked("2023Q3", "court")
