"""What a stored or exported text may hold: every text ends up in a cell of some workbook.

A workbook is XML, and XML 1.0 has no place for control characters other than tab and line
breaks, nor for U+FFFE and U+FFFF (openpyxl refuses to write them, Excel calls the file
damaged); a cell holds at most 32,767 characters; half of a surrogate pair (bytes that were not
UTF-8 on a command line) cannot even be written to SQLite.  The other Unicode noncharacters
(U+FDD0–U+FDEF and the last two code points of every plane) are never text a person meant, so
they are refused with them.  Emoji and every other printable character are fine.  Used by the
store, the workbook import and the catalog loader, so that such text is refused where it comes
in, not in an export; ``writable`` keeps the exports working on what older versions stored.
"""

from __future__ import annotations

import re

MAX_TEXT = 32_767  # Excel's limit for one cell
NONCHARACTERS = "\ufdd0-\ufdef" + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF)
                                           for plane in range(0, 0x110000, 0x10000))
INVALID = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff{NONCHARACTERS}]")
SHOWN_INSTEAD = "\ufffd"  # �, the replacement character: where an export met one of them


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


def writable(text: str) -> str:
    """``text`` as a workbook can hold it: each character ``INVALID`` names shown as �, and a
    text longer than a cell cut to fit.  For what older versions stored before it was refused."""
    text = INVALID.sub(SHOWN_INSTEAD, text)
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT - 1] + "…"
    return text
