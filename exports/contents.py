"""What a workbook holds, cell by cell: to tell a submission that was only re-saved from one that
was changed.

Opening a file in Excel, WPS or LibreOffice and saving it again changes its bytes (and so its
SHA-256) but none of its values.  A final export records its cells' values; ``verify`` reads the
file's and compares them.  Values are compared as a reader sees them: numbers as numbers (within
the 15 significant digits a spreadsheet keeps), dates as dates, text as text, an empty string as
an empty cell.  Formats, widths and styles are not compared, nor the very hidden ``_meta`` sheet
(what the program notes about the file, down to the second it was written: no one reads it as the
submission's content).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from exports.cells import is_percent_format, plain
from exports.identity import META_SHEET
from exports.safe_open import guarded, open_workbook

Contents = dict[str, dict[str, object]]  # sheet → coordinate → value (text, number or True/False)
SHEET = object()  # a change's value when a whole sheet is there on one side only


@dataclass(frozen=True)
class CellChange:
    where: str  # 工作表!单元格
    recorded: object  # the value in the recorded submission (None: empty)
    found: object  # the value in the file (None: empty)
    percent: bool = False  # the file shows the cell as a percentage (0.8461 is 84.61%)


def workbook_contents(wb: Workbook) -> Contents:
    """The values of a workbook being written (every sheet but ``_meta``, hidden ones too)."""
    found: Contents = {}
    for ws in wb.worksheets:
        if ws.title == META_SHEET:
            continue
        cells = {}
        for (row, column), cell in sorted(ws._cells.items()):
            value = normal(cell.value)
            if value is not None:
                cells[f"{get_column_letter(column)}{row}"] = value
        found[ws.title] = cells
    return found


def file_contents(path: Path, percent: set[str] | None = None) -> Contents:
    """The values of a workbook file (WorkbookError when it cannot be read); the cells formatted
    as percentages are added to ``percent`` as 工作表!单元格."""
    wb = open_workbook(path, read_only=True)
    percent = set() if percent is None else percent
    try:
        with guarded(path):
            return {ws.title: _sheet_values(ws, percent) for ws in wb.worksheets if ws.title != META_SHEET}
    finally:
        wb.close()


def _sheet_values(ws, percent: set[str]) -> dict[str, object]:
    cells = {}
    for row in ws.iter_rows():
        for cell in row:
            value = normal(getattr(cell, "value", None))
            if value is not None:
                cells[cell.coordinate] = value
                if isinstance(value, float) and is_percent_format(getattr(cell, "number_format", None)):
                    percent.add(f"{ws.title}!{cell.coordinate}")
    return cells


def normal(value: object) -> object:
    """A cell value as compared and recorded (JSON-ready): None for empty, dates as ISO text."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, (int, float, Decimal)):
        number = float(value)
        return number if math.isfinite(number) else str(value)
    return str(value)


def differences(recorded: Contents, found: Contents, percent: set[str] = frozenset()) -> list[CellChange]:
    """Every cell whose value differs, sheet by sheet in the recorded order; a missing sheet is one
    change.  ``percent``: the cells (工作表!单元格) the file shows as percentages."""
    changes = []
    for sheet in [*recorded, *(s for s in found if s not in recorded)]:
        if sheet not in found or sheet not in recorded:
            changes.append(CellChange(f"工作表“{sheet}”", SHEET if sheet in recorded else None,
                                      SHEET if sheet in found else None))
            continue
        before, after = recorded[sheet], found[sheet]
        for coordinate in sorted(before.keys() | after.keys(), key=_cell_order):
            if not same(before.get(coordinate), after.get(coordinate)):
                where = f"{sheet}!{coordinate}"
                changes.append(CellChange(where, before.get(coordinate), after.get(coordinate), where in percent))
    return changes


def same(a: object, b: object) -> bool:
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool):
        return math.isclose(a, b, rel_tol=1e-14, abs_tol=1e-300)
    return a == b


def shown(value: object, percent: bool = False) -> str:
    """A compared value for people: numbers without binary noise (a percentage as 84.61%), empty as （空）."""
    if value is None or value is SHEET:
        return "（空）" if value is None else "（有此工作表）"
    if isinstance(value, float) and not isinstance(value, bool):
        number = Decimal(format(value, ".15g"))
        return plain(number * 100) + "%" if percent else plain(number)
    return f"“{value}”" if isinstance(value, str) else str(value)


def _cell_order(coordinate: str) -> tuple[int, int]:
    letters = coordinate.rstrip("0123456789")
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return int(coordinate[len(letters):]), column
