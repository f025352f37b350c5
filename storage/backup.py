"""Backups through SQLite's online backup API: made, verified, rotated, restored.

Backups sit in a ``backups`` folder beside the database, one file each, named after the
database, the time and the occasion (``data-20231008-093000-import.db``), each with a small
manifest beside it (``….manifest.json``: size, SHA-256, structure version, row counts).

A backup is written under a hidden temporary name, checked (``integrity_check``, a database of
this program, row counts), flushed to disk and only then renamed into place, manifest last: a
backup killed or starved of disk half-way leaves no file under a backup's name.  Only a backup
whose file still matches its manifest and passes the checks again is listed as good, offered
to a damaged database or restored.  Safety copies taken before a restore are never rotated away.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import storage.schema as schema
from models.file_errors import os_error_reason
from storage.errors import DiskFaultError, StoreError, primary_code

KEEP = 20
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)(\d\d))(?:-(?P<seq>\d+))?"
                   r"-(?P<reason>[a-z0-9_]+)\.db$")
REASONS = {
    "manual": "手动备份", "daily": "每日备份", "import": "导入前", "migration": "升级前",
    "export": "最终导出前", "restore": "恢复前",
}
NEVER_ROTATED = {"restore"}  # the copy taken before a restore is the only one of what it replaced
MANIFEST_FORMAT = 1
SQLITE_HEADER = b"SQLite format 3\x00"
STALE_PARTIAL_SECONDS = 3600  # a temporary file this old is what a killed backup left behind


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken: datetime
    reason: str
    sequence: int = 0  # orders backups taken within the same second

    @property
    def label(self) -> str:
        return f"{self.taken:%Y-%m-%d %H:%M:%S} {REASONS.get(self.reason, self.reason)}"

    @property
    def manifest(self) -> Path:
        return manifest_path(self.path)

    def problem(self) -> str:
        """Empty when this backup can be restored, else why not (in Chinese)."""
        return backup_problem(self.path)


@dataclass(frozen=True)
class Verified:
    """What a check of a database file found: the structure version and each table's rows."""

    version: int
    counts: dict[str, int]


def is_backup_name(name: str) -> re.Match | None:
    return _NAME.match(name)


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name.removesuffix(".db") + ".manifest.json")


# ---- making a backup ------------------------------------------------------------------------
def make_backup(conn: sqlite3.Connection, db_path: Path, reason: str, keep: int = KEEP) -> Path:
    """Copy the open database into a new verified backup file; keep only the newest ``keep``."""
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    _remove_stale_partials(folder)
    partial, manifest = partial_name(folder / f"{db_path.stem}.db"), None
    try:
        copy_database(conn, partial)
        found = verify_database(partial)
        if isinstance(found, str):
            raise StoreError(f"{db_path.name} 的备份校验未通过（{found}），没有保存这份备份。原数据库未受影响。")
        fsync_file(partial)
        manifest = _write_manifest(partial, reason, found)
        target = _claim_name(partial, db_path, reason)
        os.replace(manifest, manifest_path(target))  # the manifest last: it makes the backup good
        fsync_dir(folder)
    except (OSError, sqlite3.Error) as exc:
        raise DiskFaultError(f"未能备份数据库 {db_path}（写入 {folder} 时）：{fault_reason(exc)}"
                             "本次操作未完成，原数据库未受影响。") from exc
    finally:
        for leftover in (partial, manifest):
            if leftover is not None:
                leftover.unlink(missing_ok=True)
    rotate(db_path, keep)
    return target


_SQLITE_AS_ERRNO = {"SQLITE_FULL": errno.ENOSPC, "SQLITE_IOERR": errno.EIO, "SQLITE_READONLY": errno.EROFS,
                    "SQLITE_PERM": errno.EACCES, "SQLITE_CANTOPEN": errno.EACCES}


def fault_reason(exc: OSError | sqlite3.Error) -> str:
    """Why a backup could not be written, in Chinese, whether the system or SQLite said it."""
    if isinstance(exc, sqlite3.Error):
        exc = OSError(_SQLITE_AS_ERRNO.get(primary_code(exc), errno.EIO), "")
    return os_error_reason(exc)


def partial_name(path: Path) -> Path:
    """A hidden name of this process's own that no listing takes for a backup."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.partial")


def _claim_name(partial: Path, db_path: Path, reason: str) -> Path:
    """Give the written backup its name; two programs backing up in the same second get two names."""
    while True:
        target = _new_backup_path(db_path, reason)
        try:
            _rename_new(partial, target)
            return target
        except FileExistsError:
            continue


def _rename_new(source: Path, target: Path) -> None:
    """Rename, refusing to replace a file already there (FileExistsError)."""
    if os.name == "nt":
        os.rename(source, target)  # Windows never replaces on rename
        return
    try:
        os.link(source, target)
    except FileExistsError:
        raise  # the name is taken: the caller moves on to the next one
    except OSError:  # a file system without hard links (a USB stick, some shares)
        if target.exists():
            raise FileExistsError(target) from None
        os.replace(source, target)
        return
    os.unlink(source)


def _remove_stale_partials(folder: Path) -> None:
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    for leftover in folder.glob(".*.partial"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            pass  # another program's, or gone already: it is never taken for a backup anyway


def copy_database(conn: sqlite3.Connection, target: Path) -> None:
    target.unlink(missing_ok=True)
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
    finally:
        copy.close()


def _write_manifest(partial: Path, reason: str, found: Verified) -> Path:
    manifest = {
        "format": MANIFEST_FORMAT, "reason": reason, "size": partial.stat().st_size,
        "sha256": _sha256(partial), "schema_version": found.version, "counts": found.counts,
    }
    path = partial.with_name(partial.name.removesuffix(".partial") + ".manifest.partial")
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    fsync_file(path)
    return path


def _new_backup_path(db_path: Path, reason: str) -> Path:
    now = datetime.now().replace(microsecond=0)
    same_second = [b.sequence for b in backups(db_path) if b.taken == now]
    stamp = now.strftime("%Y%m%d-%H%M%S")
    if same_second:  # several backups within one second keep their order
        stamp += f"-{max(same_second) + 1}"
    return backup_dir(db_path) / f"{db_path.stem}-{stamp}-{reason}.db"


# ---- finding backups --------------------------------------------------------------------------
def backups(db_path: Path) -> list[BackupFile]:
    """This database's backup files, newest first (good or not: see ``BackupFile.problem``)."""
    found = []
    for path in backup_dir(db_path).glob(f"{db_path.stem}-*.db"):
        match = _NAME.match(path.name)
        if match and match["stem"] == db_path.stem:
            taken = _taken(match)
            if taken is None:
                continue  # a name like a backup's with an impossible date: not one of ours
            found.append(BackupFile(path, taken, match["reason"], int(match["seq"] or 0)))
    return sorted(found, key=lambda b: (b.taken, b.sequence), reverse=True)


def good_backups(db_path: Path) -> list[BackupFile]:
    """The backups that pass verification, newest first: what may be offered and restored."""
    return [b for b in backups(db_path) if not b.problem()]


def _taken(match: re.Match) -> datetime | None:
    """The time in a backup's name (read by hand: strptime costs the start-up 8 ms on first use)."""
    try:
        return datetime(*(int(part) for part in match.groups()[2:8]))
    except ValueError:
        return None


def rotate(db_path: Path, keep: int = KEEP) -> None:
    """Keep the newest ``keep`` backups; the copies taken before a restore are never deleted.

    Only files that look like whole backups count towards ``keep`` (a cheap look, no checksum);
    a file under a backup's name that is empty or no database is neither counted nor deleted.
    """
    rotating = [b for b in backups(db_path) if b.reason not in NEVER_ROTATED and _looks_whole(b.path)]
    for old in rotating[keep:]:
        old.path.unlink(missing_ok=True)
        old.manifest.unlink(missing_ok=True)


def _looks_whole(path: Path) -> bool:
    manifest = _read_manifest(path)
    if isinstance(manifest, dict):
        return path.exists() and manifest.get("size") == path.stat().st_size
    return manifest is None and not _file_problem(path)  # a backup from before manifests


def has_backup_today(db_path: Path) -> bool:
    today = datetime.now().date()
    return any(b.taken.date() == today for b in backups(db_path))


def newest_good_backup(db_path: Path) -> BackupFile | None:
    """The most recent backup that passes verification (offered when the database is damaged)."""
    return next((b for b in backups(db_path) if not b.problem()), None)


# ---- verification -------------------------------------------------------------------------------
def integrity_problem(path: Path) -> str:
    """Empty when the file is a sound database of this program, else what is wrong with it."""
    found = verify_database(path)
    return found if isinstance(found, str) else ""


def verify_database(path: Path) -> Verified | str:
    """Check a database file of this program, read-only: what it holds, or what is wrong (Chinese)."""
    problem = _file_problem(path)
    if problem:
        return problem
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.DatabaseError:
        return "无法打开"
    try:
        return _verify_open(conn)
    except sqlite3.DatabaseError as exc:
        return "文件已损坏" if "malformed" in str(exc) else "文件已损坏或不是数据库"
    finally:
        conn.close()


def _file_problem(path: Path) -> str:
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as exc:
        return f"无法读取：{os_error_reason(exc)}"
    if size == 0:
        return "文件是空的（0 字节）"
    if header != SQLITE_HEADER:
        return "不是数据库文件"
    return ""


def _verify_open(conn: sqlite3.Connection) -> Verified | str:
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    if rows != ["ok"]:
        return f"完整性校验未通过（发现 {len(rows)} 处问题）"
    version = schema.version(conn)
    if version > schema.LATEST:
        return f"由更新版本的程序建立（结构版本 {version}）"
    if version < 1:
        return "不是本程序的数据库（没有结构版本）"
    missing = _missing_tables(conn, version)
    if missing:
        return f"不是本程序的数据库（缺少表：{'、'.join(missing)}）"
    counts = {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
              for name in expected_tables(version)}
    return Verified(version=version, counts=counts)


def _missing_tables(conn: sqlite3.Connection, version: int) -> list[str]:
    columns = {name: column_names(conn, name) for name in expected_tables(version)}
    return [f"{name}（{'、'.join(sorted(want - columns[name]))}）" if columns[name] else name
            for name, want in expected_tables(version).items() if not want <= columns[name]]


def column_names(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}


@cache
def expected_tables(version: int) -> dict[str, frozenset[str]]:
    """Each table this program's structure ``version`` has, with its columns (made once, in memory)."""
    import sqlite_utils

    db = sqlite_utils.Database(memory=True)
    schema.migrate(db, target=version)
    names = [r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name NOT LIKE 'sqlite_%'")]
    return {name: frozenset(column_names(db.conn, name)) for name in names}


def backup_problem(path: Path) -> str:
    """Empty when a backup file can be restored: it matches its manifest and passes the checks.

    A backup from an earlier version of the program has no manifest; it is judged by its content.
    """
    found = verify_database(path)
    if isinstance(found, str):
        return found
    manifest = _read_manifest(path)
    if manifest is None:
        return ""
    if not isinstance(manifest, dict):
        return manifest
    return _manifest_mismatch(path, manifest, found)


def _read_manifest(path: Path) -> dict | str | None:
    """The manifest of a backup; None when there is none, text when it cannot be read."""
    try:
        text = manifest_path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return "校验清单无法读取"
    try:
        manifest = json.loads(text)
    except ValueError:
        return "校验清单已损坏"
    return manifest if isinstance(manifest, dict) else "校验清单已损坏"


def _manifest_mismatch(path: Path, manifest: dict, found: Verified) -> str:
    if manifest.get("size") != path.stat().st_size or manifest.get("sha256") != _sha256(path):
        return "文件与备份时记录的大小或校验和不符（备份后被改动或未写完）"
    if manifest.get("schema_version") != found.version or manifest.get("counts") != found.counts:
        return "各表行数与备份时记录的不符"
    return ""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---- flushing to disk ------------------------------------------------------------------------------
def fsync_file(path: Path) -> None:
    with path.open("rb+") as file:
        os.fsync(file.fileno())


def fsync_dir(folder: Path) -> None:
    """Make a rename durable; Windows has no directory handles to flush (NTFS journals renames)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
