"""Saving workbooks without ever leaving half a file, and fingerprinting files."""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from models.file_errors import FileFault, os_error_reason

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while block := handle.read(2**20):
            digest.update(block)
    return digest.hexdigest()


def save_atomically(wb: Workbook, path: Path) -> str:
    """Write ``wb`` to ``path`` through a temporary file; return the SHA-256 of what was written.

    A failure (disk full, file open in Excel on Windows) leaves any earlier file at ``path`` as
    it was.
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise OSError(f"输出文件须以 .xlsx 结尾：{path.name}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".~", suffix=".xlsx", dir=path.parent)
    except OSError as exc:  # read-only or missing folder, no permission
        raise _fault(exc, path) from exc
    os.close(handle)
    try:
        with open(temporary, "wb") as written:
            written.write(_xlsx_bytes(wb))
            written.flush()
            os.fsync(written.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # disk full, I/O error, file open in Excel
            raise _fault(exc, path) from exc
        raise
    return sha256_of(path)


def _xlsx_bytes(wb: Workbook) -> bytes:
    """The workbook's file, made in memory: openpyxl abandons its zip writer when a write fails,
    and the writer fails once more when Python collects it (English text on the screen)."""
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _fault(exc: OSError, path: Path) -> FileFault:
    """The error said in Chinese, still an OSError for the callers that catch one."""
    return FileFault(exc.errno, os_error_reason(exc), str(path))


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("", name).strip("'") or "Sheet"
    title, number = base[:31], 2
    while title.lower() in {t.lower() for t in taken}:
        suffix = f"({number})"
        title, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(title)
    return title
