"""The repository every part of the application uses: figures, audit log, explanations, locks.

All SQL lives in this package.  Every write runs in one ``BEGIN IMMEDIATE`` transaction and
leaves an audit row; the database runs in WAL mode with ``synchronous=FULL`` so that an
acknowledged edit survives a crash or a power cut.

Queries go straight through ``sqlite3``; sqlite-utils (``Store.db``) is imported only when a
migration or a nested transaction needs it: importing it (with click, dateutil and its plugin
scan) was a tenth of the desktop program's start-up.
"""

from __future__ import annotations

import getpass
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import storage.backup as backups
import storage.restore as restoring
import storage.schema as schema
from models.file_errors import os_error_reason
from models.values import AuditEntry, Change, Entry, Explanation, Lock, Value
from storage.errors import (
    DiskFaultError,
    LockedError,
    NewerSchemaError,
    NotADatabaseError,
    StoreError,
    explain_sqlite,
)
from storage.texts import check_text

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 5000


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name, e.g. in some service accounts
        return "unknown"


class Store:
    """One open database file.  Safe to share between threads: writes are serialized."""

    def __init__(self, path: str | Path, who: str | None = None, busy_timeout_ms: int = BUSY_TIMEOUT_MS):
        self.path = Path(path)
        self.who = who or current_user()
        self.busy_timeout_ms = busy_timeout_ms
        self._lock = threading.RLock()
        try:
            self.conn = self._connect()
            self._db: sqlite_utils.Database | None = None
            self._check_integrity()
            self._open_schema()
        except NotADatabaseError as exc:
            raise NotADatabaseError(f"{exc}{_backup_hint(self.path)}") from exc

    # ---- opening ------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.path, isolation_level=None, timeout=self.busy_timeout_ms / 1000,
                check_same_thread=False,
            )
        except OSError as exc:  # a folder that cannot be made: read-only disk, no permission
            raise DiskFaultError(f"无法建立数据库 {self.path}：{os_error_reason(exc)}") from exc
        except sqlite3.DatabaseError as exc:
            raise _explain(exc, self.path) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise _explain(exc, self.path) from exc
        return conn

    def _check_integrity(self) -> None:
        rows = self._rows("PRAGMA quick_check")
        problems = [next(iter(row.values())) for row in rows]
        if problems != ["ok"]:
            self.close()
            raise NotADatabaseError(f"数据库 {self.path} 已损坏：{'；'.join(problems[:3])}")

    def _open_schema(self) -> None:
        found = schema.version(self.conn)
        if found > schema.LATEST:
            self.close()
            raise NewerSchemaError(
                f"数据库 {self.path} 由更新版本的程序创建（结构版本 {found}，本程序支持到 {schema.LATEST}）。"
                "请升级程序后再打开；为保护数据，本程序不会改动它。"
            )
        if found == schema.LATEST:
            return
        if 0 < found < schema.LATEST:
            self.backup("migration")
        try:
            with self._lock:
                schema.migrate(self.db)
        except sqlite3.DatabaseError as exc:
            raise _explain(exc, self.path) from exc

    @property
    def schema_version(self) -> int:
        return schema.version(self.conn)

    @property
    def db(self) -> sqlite_utils.Database:
        """The connection wrapped by sqlite-utils (migrations, savepoints), made on first use."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    def close(self) -> None:
        self.conn.close()

    # ---- backups ----------------------------------------------------------------------
    def backup(self, reason: str = "manual") -> Path:
        """A verified copy of the database in the backups folder (the newest 20 are kept)."""
        with self._lock:
            return backups.make_backup(self.conn, self.path, reason)

    def daily_backup(self) -> Path | None:
        """The first use of a day leaves a backup."""
        if backups.has_backup_today(self.path) or not self.periods():
            return None
        return self.backup("daily")

    def restore(self, source: Path) -> Path:
        """Replace the content with a backup file; the current content is backed up first.

        One transaction swaps the figures and records the restore, so a restore killed half-way
        leaves the database as it was.  History is never lost: every audit row and submission
        the database has stays, and the append-only safeguards are checked and re-created.
        """
        source = Path(source)
        with self._lock:
            prepared = restoring.prepared_copy(source, backups.backup_dir(self.path))
            try:
                safety = self.backup("restore")
                self._swap_in(prepared, source, safety)
            finally:
                prepared.unlink(missing_ok=True)
        return safety

    @classmethod
    def recover(cls, db_path: Path, source: Path, who: str | None = None) -> Path:
        """Put a verified backup in place of a database file that no longer opens.

        The damaged file is kept under another name (returned); the restore is audited in the
        new file before it takes the database's place, so the two happen together or not at all.
        """
        source, db_path = Path(source), Path(db_path)
        prepared = restoring.prepared_copy(source, backups.backup_dir(db_path))
        try:
            with cls(prepared, who=who) as store, store.transaction():
                store._audit(now(), "restore", "", "", source=str(source),
                             reason=f"数据库 {db_path.name} 已损坏，从 {source.name} 恢复（损坏的文件改名保留）")
            return restoring.replace_damaged(db_path, prepared)
        finally:
            prepared.unlink(missing_ok=True)

    def _swap_in(self, prepared: Path, source: Path, safety: Path) -> None:
        unsafe = restoring.missing_safeguards(prepared)
        self.conn.execute("ATTACH DATABASE ? AS restored", (str(prepared),))
        try:
            with self.transaction():
                carried = restoring.restore_into(self.conn)
                schema.ensure_safeguards(self.conn)
                self._audit(now(), "restore", "", "", reason=_restore_reason(source, safety, carried, unsafe),
                            source=str(source))
        finally:
            self.conn.execute("DETACH DATABASE restored")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested calls join the outer one (savepoint)."""
        with self._lock:
            conn = self.conn
            if conn.in_transaction:
                with self.db.atomic():
                    yield conn
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise _explain(exc, self.path) from exc
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                # After a full disk or an I/O error SQLite may have rolled back already, or the
                # ROLLBACK fails too: either way the user must see the original error, in Chinese.
                if conn.in_transaction:
                    try:
                        conn.execute("ROLLBACK")
                    except sqlite3.DatabaseError:
                        pass  # what is not rolled back now is undone from the journal on next open
                if isinstance(exc, sqlite3.DatabaseError):
                    raise _explain(exc, self.path) from exc
                raise

    # ---- figures --------------------------------------------------------------------
    def get(self, period: str, dept: str, metric: str) -> Value | None:
        rows = self._rows(
            "SELECT * FROM figures WHERE period = ? AND dept = ? AND metric = ?",
            (period, dept, metric),
        )
        return Value(**rows[0]) if rows else None

    def values(
        self,
        periods: Iterable[str] | None = None,
        dept: str | None = None,
        metrics: Iterable[str] | None = None,
    ) -> list[Value]:
        """Stored figures, filtered; ordered by period, department, metric."""
        where, params = [], []
        for column, wanted in (("period", periods), ("metric", metrics)):
            if wanted is not None:
                wanted = list(wanted)
                where.append(f"{column} IN ({', '.join('?' * len(wanted))})")
                params += wanted
        if dept is not None:
            where.append("dept = ?")
            params.append(dept)
        sql = "SELECT * FROM figures"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY period, dept, metric"
        return [Value(**row) for row in self._rows(sql, params)]

    def periods(self) -> list[str]:
        """Periods that have at least one figure, oldest first."""
        return [row["period"] for row in self._rows("SELECT DISTINCT period FROM figures ORDER BY period")]

    def set_value(self, entry: Entry, reason: str = "", source: str = "") -> Change:
        return self.set_values([entry], reason=reason, source=source)[0]

    def set_values(self, entries: Iterable[Entry], reason: str = "", source: str = "") -> list[Change]:
        """Store entries all-or-nothing; a locked department-period refuses the whole batch."""
        entries = list(entries)
        for entry in entries:
            _check_entry_texts(entry)
        with self.transaction():
            self._refuse_locked({(e.period, e.dept) for e in entries})
            at = now()
            return [self._apply(entry, at, reason, source) for entry in entries]

    def _apply(self, entry: Entry, at: str, reason: str, source: str) -> Change:
        old = self.get(entry.period, entry.dept, entry.metric)
        kind = _change_kind(old, entry)
        if kind == "unchanged":
            return Change(entry=entry, old=old, kind=kind)
        conn = self.conn
        if kind == "cleared":
            conn.execute(
                "DELETE FROM figures WHERE period = ? AND dept = ? AND metric = ?",
                (entry.period, entry.dept, entry.metric),
            )
        else:
            conn.execute(
                "INSERT OR REPLACE INTO figures (period, dept, metric, number, raw, note, source, who, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.period, entry.dept, entry.metric, entry.number, entry.raw, entry.note,
                 entry.source, self.who, at),
            )
        self._audit(
            at, "clear" if kind == "cleared" else "set", entry.period, entry.dept, entry.metric,
            old=old, new_raw=entry.raw if entry.number is not None else None,
            new_number=entry.number, reason=reason, source=source,
            new_note=entry.note if entry.number is not None else None,
        )
        return Change(entry=entry, old=old, kind=kind)

    # ---- audit log ------------------------------------------------------------------
    def _audit(self, at: str, action: str, period: str, dept: str, metric: str = "", *,
               old: Value | None = None, new_raw: str | None = None, old_raw: str | None = None,
               new_number: float | None = None, reason: str = "", source: str = "",
               new_note: str | None = None) -> None:
        self.conn.execute(
            "INSERT INTO audit (at, who, action, period, dept, metric, old_raw, new_raw, "
            "old_number, new_number, reason, source, old_note, new_note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (at, self.who, action, period, dept, metric, old.raw if old else old_raw, new_raw,
             old.number if old else None, new_number, reason, source, old.note if old else None, new_note),
        )

    def audit(self, period: str | None = None, dept: str | None = None,
              metric: str | None = None) -> list[AuditEntry]:
        """The audit trail, oldest first, filtered by what is given."""
        where, params = [], []
        for column, wanted in (("period", period), ("dept", dept), ("metric", metric)):
            if wanted is not None:
                where.append(f"{column} = ?")
                params.append(wanted)
        sql = "SELECT * FROM audit" + (" WHERE " + " AND ".join(where) if where else "")
        return [AuditEntry(**_no_nulls(row)) for row in self._rows(sql + " ORDER BY id", params)]

    # ---- explanations ---------------------------------------------------------------
    def explain(self, period: str, dept: str, metric: str, rule: str, text: str,
                fingerprint: str) -> Explanation:
        """Record (or replace) the written explanation of one finding."""
        text = text.strip()
        if not text:
            raise StoreError("说明不能为空：请写明数据为何如此。")
        check_text(text, f"{period} {dept} {metric} “{rule}”的说明")
        with self.transaction():
            self._refuse_locked({(period, dept)})
            at = now()
            before = self._rows("SELECT text FROM explanations WHERE period = ? AND dept = ? "
                                "AND metric = ? AND rule = ?", (period, dept, metric, rule))
            self.conn.execute(
                "INSERT OR REPLACE INTO explanations (period, dept, metric, rule, text, fingerprint, who, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (period, dept, metric, rule, text, fingerprint, self.who, at),
            )
            self._audit(at, "explain", period, dept, metric, old_raw=before[0]["text"] if before else None,
                        new_raw=text, reason=rule)
        return Explanation(period=period, dept=dept, metric=metric, rule=rule, text=text,
                           fingerprint=fingerprint, who=self.who, at=at)

    def explanations(self, period: str, dept: str | None = None) -> list[Explanation]:
        sql, params = "SELECT * FROM explanations WHERE period = ?", [period]
        if dept is not None:
            sql, params = sql + " AND dept = ?", params + [dept]
        return [Explanation(**row) for row in self._rows(sql, params)]

    def remove_explanation(self, period: str, dept: str, metric: str, rule: str) -> None:
        """Withdraw the explanation of one finding (e.g. undoing it); audited like any change."""
        key = (period, dept, metric, rule)
        with self.transaction():
            self._refuse_locked({(period, dept)})
            found = self._rows("SELECT text FROM explanations WHERE period = ? AND dept = ? "
                               "AND metric = ? AND rule = ?", key)
            if not found:
                raise StoreError(f"{dept} {period} {metric} 的“{rule}”没有说明可撤回。")
            self.conn.execute("DELETE FROM explanations WHERE period = ? AND dept = ? "
                                 "AND metric = ? AND rule = ?", key)
            self._audit(now(), "unexplain", period, dept, metric, old_raw=found[0]["text"], reason=rule)

    # ---- locks ----------------------------------------------------------------------
    def lock(self, period: str, dept: str, reason: str = "") -> Lock:
        with self.transaction():
            if self.is_locked(period, dept):
                raise StoreError(f"{dept} {period} 已经锁定。")
            at = now()
            self.conn.execute(
                "INSERT INTO locks (period, dept, who, at, reason) VALUES (?, ?, ?, ?, ?)",
                (period, dept, self.who, at, reason),
            )
            self._audit(at, "lock", period, dept, reason=reason)
        return Lock(period=period, dept=dept, who=self.who, at=at, reason=reason)

    def unlock(self, period: str, dept: str, reason: str) -> None:
        if not reason.strip():
            raise StoreError("解锁必须写明原因。")
        with self.transaction():
            if not self.is_locked(period, dept):
                raise StoreError(f"{dept} {period} 没有锁定。")
            self.conn.execute("DELETE FROM locks WHERE period = ? AND dept = ?", (period, dept))
            self._audit(now(), "unlock", period, dept, reason=reason.strip())

    def is_locked(self, period: str, dept: str) -> bool:
        return bool(self._rows("SELECT 1 FROM locks WHERE period = ? AND dept = ?", (period, dept)))

    def locks(self, period: str | None = None) -> list[Lock]:
        sql, params = "SELECT * FROM locks", []
        if period is not None:
            sql, params = sql + " WHERE period = ?", [period]
        return [Lock(**_no_nulls(row)) for row in self._rows(sql + " ORDER BY period, dept", params)]

    def _refuse_locked(self, keys: set[tuple[str, str]]) -> None:
        locked = sorted(key for key in keys if self.is_locked(*key))
        if locked:
            raise LockedError(locked)

    # ---- helpers --------------------------------------------------------------------
    def _rows(self, sql: str, params: Iterable = ()) -> list[dict]:
        try:
            cursor = self.conn.execute(sql, list(params))
            columns = [column[0] for column in cursor.description]
            return [dict(zip(columns, row, strict=True)) for row in cursor]
        except sqlite3.DatabaseError as exc:
            raise _explain(exc, self.path) from exc


def _change_kind(old: Value | None, entry: Entry) -> str:
    if entry.number is None:
        return "cleared" if old else "unchanged"
    if old is None:
        return "new"
    same = (old.number, old.raw, old.note, old.source) == (entry.number, entry.raw, entry.note, entry.source)
    return "unchanged" if same else "changed"


def _check_entry_texts(entry: Entry) -> None:
    where = f"{entry.period} {entry.dept} {entry.metric}"
    for text, what in ((entry.raw, " 的数值原文"), (entry.note, " 的说明"), (entry.source, " 的数据来源")):
        check_text(text, where + what)


def _no_nulls(row: dict) -> dict:
    """Text columns that SQLite left NULL read as empty text; numbers stay None."""
    return {k: ("" if v is None and k in ("who", "reason", "source", "metric") else v) for k, v in row.items()}


def _restore_reason(source: Path, safety: Path, carried: int, unsafe: list[str]) -> str:
    reason = f"从 {source.name} 恢复；恢复前的数据库已备份为 {safety.name}"
    if carried:
        reason += f"；并入备份中独有的历史记录 {carried} 条"
    if unsafe:
        reason += f"；备份文件缺少审计保护触发器（{'、'.join(unsafe)}），其中的审计记录可能被改写过"
    return reason


def _backup_hint(path: Path) -> str:
    good = backups.newest_good_backup(path)
    if good is None:
        return ""
    return f"\n最近一份完好的备份：{good.path}（{good.label}）。可用 restore 命令恢复。"


def _explain(exc: sqlite3.DatabaseError, path: Path) -> StoreError:
    return explain_sqlite(exc, path)
