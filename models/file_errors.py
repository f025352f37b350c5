"""Why a file could not be read or written, said in Chinese: the system's own text is English
(``[Errno 28] No space left on device``) and no user of this program reads English."""

from __future__ import annotations

import errno
import re
from pathlib import Path

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
    errno.EISDIR: "同名的文件夹已存在，不能当作文件。请给出文件名。",
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
    if exc.errno is None and re.search(r"[\u4e00-\u9fff]", str(exc)):  # our own refusal, already said for people
        return str(exc)
    name = errno.errorcode.get(exc.errno, "") if exc.errno is not None else ""
    return _REASONS.get(exc.errno, f"系统错误代码 {name or exc.errno or type(exc).__name__}。请检查文件与磁盘后重试。")


def unreadable_json(path: Path, exc: Exception) -> str:
    """Why a JSON file (a catalog, a district profile) could not be read, said for people."""
    if isinstance(exc, OSError):
        return explain_os_error(exc, path, "读取")
    if isinstance(exc, UnicodeDecodeError):
        return f"{Path(path).name}：不是 UTF-8 编码的文字文件（第 {exc.start + 1} 个字节无法解读）。请用本程序导出的文件。"
    return (f"{Path(path).name}：不是有效的 JSON 文件（第 {exc.lineno} 行第 {exc.colno} 列格式错误）。"
            "请检查是否少了引号、逗号或括号。")


def explain_os_error(exc: OSError, path: Path | str | None = None, action: str = "读写") -> str:
    """The sentence for people: ``无法写入 X：磁盘空间不足。…``."""
    if isinstance(exc, FileFault) and path is None:
        return str(exc)
    return f"无法{action} {path or exc.filename or '文件'}：{os_error_reason(exc)}"
