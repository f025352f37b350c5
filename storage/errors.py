"""Errors the store raises; each message is Chinese text a user can act on.

Faults of the disk (full, read-only, I/O errors) reach here as ``sqlite3`` exceptions whose
text is English; ``explain_sqlite`` says them in Chinese, naming the file and what to do (files
other than the database: ``models.file_errors``).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


class StoreError(Exception):
    """Base class: a database problem explained for people."""


class NotADatabaseError(StoreError):
    pass


class NewerSchemaError(StoreError):
    pass


class DatabaseBusyError(StoreError):
    pass


class DiskFaultError(StoreError):
    """The disk refused a write or a read (full, read-only, I/O error): nothing was changed."""


class LockedError(StoreError):
    """An edit of a locked department-period."""

    def __init__(self, locked: list[tuple[str, str]]):
        self.locked = locked
        names = "、".join(f"{dept} {period}" for period, dept in locked)
        super().__init__(f"已锁定，不能修改：{names}。如需修改，请先由营商办解锁并说明原因。")


# ---- SQLite ----------------------------------------------------------------------------------

_UNFINISHED = "本次操作未完成，数据库中已保存的数据没有改变。"


def explain_sqlite(exc: sqlite3.Error, path: Path) -> StoreError:
    """The SQLite error ``exc`` met on the database at ``path``, said for people."""
    code = primary_code(exc)
    text = str(exc)
    if code in ("SQLITE_BUSY", "SQLITE_LOCKED") or "locked" in text or "busy" in text:
        return DatabaseBusyError(f"数据库 {path} 正被其他程序写入，等待后仍未释放。请稍后重试。")
    if code in ("SQLITE_NOTADB", "SQLITE_CORRUPT") or any(
            words in text for words in ("not a database", "malformed", "encrypted")):
        return NotADatabaseError(f"{path} 不是有效的数据库文件，或文件已损坏。")
    if code == "SQLITE_FULL" or "disk is full" in text:
        return DiskFaultError(f"磁盘空间不足，无法写入数据库 {path}。{_UNFINISHED}"
                              f"请清理该磁盘（{path.parent}）的空间后重试。")
    if code == "SQLITE_IOERR" or "disk I/O error" in text:
        return DiskFaultError(f"读写数据库 {path} 时磁盘出错（I/O 错误）。{_UNFINISHED}请检查磁盘、U 盘或网络盘"
                              "是否连接正常、空间是否足够后重试；如反复出现，请把数据库复制到其他磁盘后再用。")
    if code in ("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH") or "readonly" in text:
        return DiskFaultError(f"数据库 {path} 只能读取，不能写入（文件或所在文件夹只读，或没有写入权限）。{_UNFINISHED}"
                              "请取消文件的只读属性、检查文件夹权限，或把数据库复制到可写的文件夹后再打开。")
    if code == "SQLITE_CANTOPEN" or "unable to open" in text:
        return DiskFaultError(_cannot_open(path))
    if "append-only" in text:
        return StoreError(f"数据库 {path} 中的审计记录只能追加，不能修改或删除。{_UNFINISHED}")
    return StoreError(f"数据库 {path} 出错（错误代码 {code or type(exc).__name__}）。{_UNFINISHED}"
                      "请记下此信息并告诉技术支持。")


def primary_code(exc: sqlite3.Error) -> str:
    """SQLITE_IOERR for SQLITE_IOERR_WRITE and the like ('' when SQLite gave no code)."""
    name = getattr(exc, "sqlite_errorname", None) or ""
    return "_".join(name.split("_")[:2])


def _cannot_open(path: Path) -> str:
    folder = path.parent
    if not folder.is_dir():
        return f"无法打开数据库 {path}：文件夹 {folder} 不存在或无法访问。请检查路径（U 盘、网络盘是否已连接）。"
    if not os.access(folder, os.W_OK):
        return (f"无法打开数据库 {path}：所在文件夹 {folder} 只读或没有写入权限，而打开数据库须在它旁边写入"
                "日志文件（-wal、-shm）。请检查文件夹权限，或把数据库复制到可写的文件夹后再打开。")
    return (f"无法打开数据库 {path}：文件无法读写（没有权限、被其他程序占用或磁盘出错）。"
            "请检查文件权限与磁盘后重试。")
