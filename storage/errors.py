"""Errors the store raises; each message is Chinese text a user can act on.

Faults of the disk (full, read-only, I/O errors) reach here as ``sqlite3`` or ``OSError``
exceptions whose text is English; ``explain_sqlite`` and ``explain_os_error`` say them in
Chinese, naming the file and what to do.
"""

from __future__ import annotations

import errno
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
    code = _primary_code(exc)
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


def _primary_code(exc: sqlite3.Error) -> str:
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


# ---- files ----------------------------------------------------------------------------------

_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
_NO_PERMISSION = (errno.EACCES, errno.EPERM)
_REASONS = {
    **dict.fromkeys(_FULL, "磁盘空间不足。请清理磁盘空间，或换一个有空间的位置后重试。"),
    errno.EFBIG: "文件超出系统允许的大小。请换一个位置（磁盘）后重试。",
    errno.EROFS: "磁盘是只读的。请换一个可写的位置后重试。",
    **dict.fromkeys(_NO_PERMISSION, "没有权限（文件或文件夹只读、没有权限，或文件正被其他程序如 Excel 打开）。"
                                    "请关闭占用它的程序、检查权限，或换一个位置后重试。"),
    errno.EIO: "磁盘读写出错（I/O 错误）。请检查磁盘、U 盘或网络盘是否连接正常后重试。",
    errno.ENOENT: "文件或所在文件夹不存在。请检查路径。",
    errno.ENOTDIR: "路径中有一段不是文件夹。请检查路径。",
    errno.EISDIR: "这是文件夹，不是文件。请给出文件名。",
    errno.ENAMETOOLONG: "路径过长。请换一个较短的文件名或位置。",
}
DISK_FAULTS = frozenset((*_FULL, errno.EFBIG, errno.EROFS, *_NO_PERMISSION, errno.EIO))


class FileFault(OSError):
    """An ``OSError`` said in Chinese: ``strerror`` is the reason, ``str`` names the file too."""

    def __str__(self) -> str:
        return f"无法写入 {self.filename}：{self.strerror}"


def os_error_reason(exc: OSError) -> str:
    """Why a file could not be read or written, and what to do, in Chinese (no file named)."""
    if isinstance(exc, FileFault):
        return exc.strerror
    name = errno.errorcode.get(exc.errno, "") if exc.errno is not None else ""
    return _REASONS.get(exc.errno, f"系统错误代码 {name or exc.errno or type(exc).__name__}。请检查文件与磁盘后重试。")


def explain_os_error(exc: OSError, path: Path | str | None = None, action: str = "读写") -> str:
    """The sentence for people: ``无法写入 X：磁盘空间不足。…``."""
    if isinstance(exc, FileFault) and path is None:
        return str(exc)
    return f"无法{action} {path or exc.filename or '文件'}：{os_error_reason(exc)}"
