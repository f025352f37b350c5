"""Shared by the reliability tests: a full dump of a database and a prepared demo database."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

TABLES = ("figures", "audit", "explanations", "locks", "submissions", "settings", "catalogs")
AUDIT_SOURCE = 12  # the column of an audit row that names the imported file


def dump(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of every table that holds what filers entered, read through a fresh connection."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() for table in TABLES}
    finally:
        conn.close()


def integrity(db_path: Path) -> str:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def copy_database(source: Path, target: Path) -> Path:
    """A copy of a closed database file (its backups folder is left behind)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target
