"""Saving workbooks without ever leaving half a file, and fingerprinting files."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

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
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".~", suffix=".xlsx", dir=path.parent)
    os.close(handle)
    try:
        wb.save(temporary)
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return sha256_of(path)


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("", name).strip("'") or "Sheet"
    title, number = base[:31], 2
    while title.lower() in {t.lower() for t in taken}:
        suffix = f"({number})"
        title, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(title)
    return title
