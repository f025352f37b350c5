"""Texts the store accepts: every stored text ends up in a cell of some exported workbook.

A workbook cell cannot hold control characters other than tab and line breaks (openpyxl refuses
to write them, Excel reports the file as damaged), nor more than 32,767 characters; half of a
surrogate pair (bytes that were not UTF-8 on a command line) cannot even be written to SQLite.
Such text is refused when it is stored, with what and where named, instead of failing later
in an export.  Emoji and every other printable character are stored as typed.
"""

from __future__ import annotations

import re

from storage.errors import StoreError

MAX_TEXT = 32_767  # Excel's limit for one cell
_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class TextError(StoreError):
    """A text that could not be exported faithfully, refused before it is stored."""


def text_problem(text: str) -> str:
    """Why ``text`` cannot be stored, or ""."""
    found = _INVALID.search(text)
    if found is not None:
        return (f"第{found.start() + 1}个字符是看不见的控制字符或无效字符（U+{ord(found.group()):04X}），"
                "Excel 工作簿无法保存它；可能是从其他软件复制时带入的，请删除后重试")
    if len(text) > MAX_TEXT:
        return f"太长（{len(text):,}个字符），超过 Excel 单元格的上限 {MAX_TEXT:,} 个字符，请精简"
    return ""


def check_text(text: str | None, what: str) -> None:
    """Raise TextError naming ``what`` (e.g. "2023Q3 court ct_close_rate 的说明") if unstorable."""
    problem = text_problem(text or "")
    if problem:
        raise TextError(f"{what}：{problem}（未保存）。")


def check_texts(value: object, what: str) -> None:
    """Every string inside a JSON-like value (a profile, a setting)."""
    if isinstance(value, str):
        check_text(value, what)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_texts(item, f"{what}.{key}")
    elif isinstance(value, (list, tuple)):
        for item in value:
            check_texts(item, what)
