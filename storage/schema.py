"""Database schema as a list of forward migrations; ``PRAGMA user_version`` records how far."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the migrations get a Database from the store, which imports sqlite-utils only to migrate
    import sqlite_utils


def _v1_figures_and_audit(db: sqlite_utils.Database) -> None:
    db["figures"].create(
        {"period": str, "dept": str, "metric": str, "number": float, "raw": str,
         "note": str, "who": str, "at": str},
        pk=("period", "dept", "metric"),
        not_null={"period", "dept", "metric", "number", "raw"},
        defaults={"note": "", "who": "", "at": ""},
    )
    db["audit"].create(
        {"id": int, "at": str, "who": str, "action": str, "period": str, "dept": str,
         "metric": str, "old_raw": str, "new_raw": str, "old_number": float,
         "new_number": float, "reason": str, "source": str},
        pk="id",
        not_null={"at", "action", "period", "dept"},
        defaults={"who": "", "metric": "", "reason": "", "source": ""},
    )
    db["audit"].create_index(["period", "dept", "metric"])
    ensure_safeguards(db.conn)


# The audit log is append-only: the application never rewrites history.
SAFEGUARDS = {
    f"audit_no_{event.lower()}": f"CREATE TRIGGER IF NOT EXISTS audit_no_{event.lower()} BEFORE {event} ON audit "
                                 "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
    for event in ("UPDATE", "DELETE")
}
HISTORY = ("audit", "submissions")  # what happened: a restore adds to these tables, never takes away


def ensure_safeguards(conn: sqlite3.Connection) -> None:
    """(Re-)create the triggers that keep the audit append-only (a restore checks them too)."""
    for sql in SAFEGUARDS.values():
        conn.execute(sql)


def _v2_explanations_locks_submissions(db: sqlite_utils.Database) -> None:
    db["figures"].add_column("source", str, not_null_default="")
    db["explanations"].create(
        {"period": str, "dept": str, "metric": str, "rule": str, "text": str,
         "fingerprint": str, "who": str, "at": str},
        pk=("period", "dept", "metric", "rule"),
        not_null={"text", "fingerprint"},
    )
    db["locks"].create(
        {"period": str, "dept": str, "who": str, "at": str, "reason": str},
        pk=("period", "dept"),
    )
    db["submissions"].create(
        {"id": int, "period": str, "at": str, "who": str, "file_name": str,
         "sha256": str, "figures_json": str, "note": str},
        pk="id",
        not_null={"period", "at", "sha256", "figures_json"},
    )
    db["submissions"].create_index(["period"])
    db["submissions"].create_index(["sha256"])


def _v3_profile_and_catalogs(db: sqlite_utils.Database) -> None:
    """The district profile and user-made catalogs live in the database, not beside the program."""
    db["settings"].create({"key": str, "value": str, "who": str, "at": str}, pk="key",
                          not_null={"value"})
    db["catalogs"].create({"year": int, "definition": str, "who": str, "at": str}, pk="year",
                          not_null={"definition"})


def _v4_note_history(db: sqlite_utils.Database) -> None:
    """A figure's note (备注) before and after each edit: notes are history too."""
    db["audit"].add_column("old_note", str)
    db["audit"].add_column("new_note", str)


def _v5_workflow(db: sqlite_utils.Database) -> None:
    """The quarter's hand-over: stored department states, queries on figures, sign-offs."""
    db["states"].create(
        {"period": str, "dept": str, "state": str, "who": str, "at": str, "reason": str,
         "metric": str, "submitted_at": str},
        pk=("period", "dept"),
        not_null={"state"},
        defaults={"who": "", "at": "", "reason": "", "metric": "", "submitted_at": ""},
    )
    db["queries"].create(
        {"id": int, "period": str, "dept": str, "metric": str, "text": str, "who": str, "at": str,
         "answer": str, "answer_who": str, "answer_at": str, "closed_who": str, "closed_at": str},
        pk="id",
        not_null={"period", "dept", "metric", "text"},
        defaults={"who": "", "at": "", "answer": "", "answer_who": "", "answer_at": "",
                  "closed_who": "", "closed_at": ""},
    )
    db["queries"].create_index(["period", "dept", "metric"])
    db["signoffs"].create(
        {"id": int, "period": str, "role": str, "name": str, "who": str, "at": str,
         "content_hash": str, "audit_id": int},
        pk="id",
        not_null={"period", "role", "name", "content_hash", "audit_id"},
    )
    db["signoffs"].create_index(["period", "role"])


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_figures_and_audit,
    _v2_explanations_locks_submissions,
    _v3_profile_and_catalogs,
    _v4_note_history,
    _v5_workflow,
]
LATEST = len(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database, target: int = LATEST) -> list[int]:
    """Apply the missing migrations up to ``target``, each in its own transaction.

    Returns the versions applied.  The caller has checked the file is not newer than LATEST.
    """
    applied = []
    for number in range(version(db.conn) + 1, target + 1):
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[number - 1](db)
            db.conn.execute(f"PRAGMA user_version = {number}")
            db.conn.execute("COMMIT")
        except BaseException:
            db.conn.execute("ROLLBACK")
            raise
        applied.append(number)
    return applied
