"""What a stored or exported text may hold: every text ends up in a cell of some workbook.

A workbook cell cannot hold control characters other than tab and line breaks (openpyxl refuses
to write them, Excel calls the file damaged), nor more than 32,767 characters; half of a
surrogate pair (bytes that were not UTF-8 on a command line) cannot even be written to SQLite.
Emoji and every other printable character are fine.  Used by the store, the workbook import
and the catalog loader, so that such text is refused where it comes in, not in an export.
"""

from __future__ import annotations

import re

MAX_TEXT = 32_767  # Excel's limit for one cell
INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def invisible_problem(text: str, pattern: re.Pattern = INVALID,
                      why: str = "Excel 工作簿无法保存它；", then: str = "请删除后重试") -> str:
    """Why ``text`` holds a character ``pattern`` forbids (one no workbook can keep), or ""."""
    found = pattern.search(text)
    if found is None:
        return ""
    return (f"第{found.start() + 1}个字符是看不见的控制字符或无效字符（U+{ord(found.group()):04X}），"
            f"{why}可能是从其他软件复制时带入的，{then}")


def text_problem(text: str) -> str:
    """Why ``text`` cannot be stored and exported faithfully, or ""."""
    problem = invisible_problem(text)
    if not problem and len(text) > MAX_TEXT:
        problem = f"太长（{len(text):,}个字符），超过 Excel 单元格的上限 {MAX_TEXT:,} 个字符，请精简"
    return problem
