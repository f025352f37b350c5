"""Backups through SQLite's online backup API: made, verified, rotated, restored.

Backups sit in a ``backups`` folder beside the database, one file each, named after the
database, the time and the occasion (``data-20231008-093000-import.db``).  Each is checked
with ``PRAGMA integrity_check`` right after it is written; a backup that fails the check is
deleted and reported, never kept as if it were good.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from storage import schema
from storage.errors import StoreError

KEEP = 20
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)(\d\d))(?:-(?P<seq>\d+))?"
                   r"-(?P<reason>[a-z0-9_]+)\.db$")
REASONS = {
    "manual": "手动备份", "daily": "每日备份", "import": "导入前", "migration": "升级前",
    "export": "最终导出前", "restore": "恢复前",
}


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken: datetime
    reason: str
    sequence: int = 0  # orders backups taken within the same second

    @property
    def label(self) -> str:
        return f"{self.taken:%Y-%m-%d %H:%M:%S} {REASONS.get(self.reason, self.reason)}"


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def make_backup(conn: sqlite3.Connection, db_path: Path, reason: str, keep: int = KEEP) -> Path:
    """Copy the open database into a new verified backup file; keep only the newest ``keep``."""
    target = _new_backup_path(db_path, reason)
    target.parent.mkdir(parents=True, exist_ok=True)
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
    finally:
        copy.close()
    problem = integrity_problem(target)
    if problem:
        target.unlink(missing_ok=True)
        raise StoreError(f"备份 {target.name} 校验未通过（{problem}），已删除该备份。原数据库未受影响。")
    rotate(db_path, keep)
    return target


def _new_backup_path(db_path: Path, reason: str) -> Path:
    now = datetime.now().replace(microsecond=0)
    same_second = [b.sequence for b in backups(db_path) if b.taken == now]
    stamp = now.strftime("%Y%m%d-%H%M%S")
    if same_second:  # several backups within one second keep their order
        stamp += f"-{max(same_second) + 1}"
    return backup_dir(db_path) / f"{db_path.stem}-{stamp}-{reason}.db"


def backups(db_path: Path) -> list[BackupFile]:
    """This database's backups, newest first."""
    found = []
    for path in backup_dir(db_path).glob(f"{db_path.stem}-*.db"):
        match = _NAME.match(path.name)
        if match and match["stem"] == db_path.stem:
            taken = _taken(match)
            if taken is None:
                continue  # a name like a backup's with an impossible date: not one of ours
            found.append(BackupFile(path, taken, match["reason"], int(match["seq"] or 0)))
    return sorted(found, key=lambda b: (b.taken, b.sequence), reverse=True)


def _taken(match: re.Match) -> datetime | None:
    """The time in a backup's name (read by hand: strptime costs the start-up 8 ms on first use)."""
    try:
        return datetime(*(int(part) for part in match.groups()[2:8]))
    except ValueError:
        return None


def rotate(db_path: Path, keep: int = KEEP) -> None:
    for old in backups(db_path)[keep:]:
        old.path.unlink(missing_ok=True)


def has_backup_today(db_path: Path) -> bool:
    today = datetime.now().date()
    return any(b.taken.date() == today for b in backups(db_path))


def integrity_problem(path: Path) -> str:
    """Empty when the file is a sound SQLite database, else what is wrong with it."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        version = schema.version(conn)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    if [r[0] for r in rows] != ["ok"]:
        return "；".join(r[0] for r in rows[:5])
    if version > schema.LATEST:
        return f"由更新版本的程序建立（结构版本 {version}）"
    return ""


def newest_good_backup(db_path: Path) -> BackupFile | None:
    """The most recent backup that passes the integrity check (offered when the database is damaged)."""
    return next((b for b in backups(db_path) if not integrity_problem(b.path)), None)


def restore_into(conn: sqlite3.Connection, source: Path) -> None:
    """Replace the open database's content with a verified backup file, in one step."""
    problem = integrity_problem(source)
    if problem:
        raise StoreError(f"不能从 {source.name} 恢复：{problem}")
    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        origin.backup(conn)
    finally:
        origin.close()


def restore_file(db_path: Path, source: Path) -> None:
    """Restore a database file that cannot be opened (damaged) from a verified backup."""
    problem = integrity_problem(source)
    if problem:
        raise StoreError(f"不能从 {source.name} 恢复：{problem}")
    damaged = db_path.with_name(f"{db_path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
    if db_path.exists():
        db_path.rename(damaged)  # keep the damaged file: someone may still want to look at it
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            side.rename(damaged.with_name(damaged.name + suffix))
    target, origin = sqlite3.connect(db_path), sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        origin.backup(target)
    finally:
        target.close()
        origin.close()
