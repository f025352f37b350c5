"""Restoring a backup: a verified copy brought up to date, swapped in within one transaction.

``Store.restore`` attaches the copy ``prepared_copy`` makes and calls ``restore_into`` in the
transaction that also records the restore; ``Store.recover`` puts a copy in place of a damaged
file with ``replace_damaged``.  What makes a file restorable is ``storage.backup``'s verification.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from storage import schema
from storage.backup import (
    backup_problem,
    column_names,
    copy_database,
    fault_reason,
    fsync_dir,
    fsync_file,
    integrity_problem,
    is_backup_name,
    manifest_path,
    partial_name,
)
from storage.errors import DiskFaultError, StoreError


# ---- restoring --------------------------------------------------------------------------------
def prepared_copy(source: Path, folder: Path) -> Path:
    """A verified copy of a backup, brought to this version's structure, ready to restore from.

    The copy (a hidden temporary file in ``folder``) is the caller's to delete.
    """
    problem = _source_problem(source)
    if problem:
        raise StoreError(f"不能从 {source.name} 恢复：{problem}。当前数据没有任何改动。")
    copy = partial_name(folder / f"restoring-{source.name}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _copy_and_migrate(source, copy)
    except (OSError, sqlite3.Error) as exc:
        copy.unlink(missing_ok=True)
        raise DiskFaultError(f"不能从 {source.name} 恢复：无法在 {folder} 写入恢复用的副本：{fault_reason(exc)}"
                             "当前数据没有任何改动。") from exc
    return copy


def _copy_and_migrate(source: Path, copy: Path) -> None:
    import sqlite_utils

    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        copy_database(origin, copy)
    finally:
        origin.close()
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        schema.migrate(sqlite_utils.Database(conn))
    finally:
        conn.close()


def _source_problem(source: Path) -> str:
    """Why a file cannot be restored from; a named backup must also match its manifest."""
    if is_backup_name(source.name) or manifest_path(source).exists():
        return backup_problem(source)
    return integrity_problem(source)


def restore_into(conn: sqlite3.Connection) -> int:
    """Within the caller's transaction, make the open database hold what ``restored`` holds.

    The caller has attached the prepared copy as ``restored``.  The figures and every other
    table of state are replaced; the history tables (audit, submissions) keep every row they
    have and gain the rows only the backup has, so that nothing that happened after the backup
    was taken is lost.  Returns how many history rows came in from the backup.
    """
    carried = 0
    for table in _tables(conn, "main"):
        if table in schema.HISTORY:
            carried += _append_missing(conn, table)
            continue
        columns = ", ".join(f'"{c}"' for c in sorted(column_names(conn, table)))
        conn.execute(f'DELETE FROM main."{table}"')
        conn.execute(f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM restored."{table}"')
    return carried


def _tables(conn: sqlite3.Connection, database: str) -> list[str]:
    return [r[0] for r in conn.execute(f"SELECT name FROM {database}.sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def _append_missing(conn: sqlite3.Connection, table: str) -> int:
    """Rows of a history table that only the backup has, appended in their order with new ids."""
    columns = [f'"{c}"' for c in sorted(column_names(conn, table)) if c != "id"]
    same = " AND ".join(f"h.{c} IS r.{c}" for c in columns)
    cursor = conn.execute(
        f'INSERT INTO main."{table}" ({", ".join(columns)}) SELECT {", ".join("r." + c for c in columns)} '
        f'FROM restored."{table}" r WHERE NOT EXISTS (SELECT 1 FROM main."{table}" h WHERE {same}) '
        "ORDER BY r.id")
    return cursor.rowcount


def missing_safeguards(path: Path) -> list[str]:
    """The append-only triggers a database file should have and lacks (its history may have been rewritten)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    finally:
        conn.close()
    return [name for name in schema.SAFEGUARDS if name not in have]


def replace_damaged(db_path: Path, prepared: Path) -> Path:
    """Put a prepared database in place of a damaged file, which is kept under another name."""
    damaged = db_path.with_name(f"{db_path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
    if db_path.exists():
        _keep_aside(db_path, damaged)  # someone may still want to look at it
    for suffix in ("-wal", "-shm"):  # a stale log beside the new file would be replayed into it
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            side.replace(damaged.with_name(damaged.name + suffix))
    fsync_file(prepared)
    os.replace(prepared, db_path)
    fsync_dir(db_path.parent)
    return damaged


def _keep_aside(path: Path, kept: Path) -> None:
    """A second name for the damaged file; the file stays where it is until it is replaced."""
    try:
        os.link(path, kept)
    except OSError:  # a file system without hard links
        import shutil

        shutil.copy2(path, kept)
