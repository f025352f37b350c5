"""Moving single figures and texts between the program and worksheet cells.

Writing: text a person typed (notes, explanations, names) always becomes a string cell, never a
formula, even when it starts with ``=``, and never breaks the file: a character no workbook can
hold (stored by an older version) is written as � (``models.texts.writable``).  Figures become
numbers with a format that fits their unit and precision (rates as real Excel percentages, 0.00%):
in reports rounded half-up to the precision (``reported_number``), in a department's own
workbook as stored, so that what was typed comes back unchanged when the workbook is imported.

Reading: what openpyxl returns for a cell is turned back into the text the filer would have
typed, so that an imported cell goes through exactly the same parser as a typed entry.  A cell
formatted ``0.00%`` that shows 99.38% holds 0.9938; the filer typed (and sees) "99.38%".
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from openpyxl.cell.cell import Cell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.worksheet import Worksheet

from models.catalog import Metric
from models.precision import rounded
from models.texts import writable

_FORMULA_STARTS = ("=", "+", "-", "@")
# Parts of a number format that print literally: "quoted text", \x escapes, [colours/conditions].
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


class CellValueError(ValueError):
    """A cell whose content cannot be a figure (a date, TRUE/FALSE, an error value …)."""


# ---- writing ------------------------------------------------------------------------

def write_text(cell: Cell, text: str | None) -> None:
    """Store ``text`` as a string cell whatever it starts with, as a workbook can hold it."""
    cell.value = None if text is None else writable(str(text))
    if cell.value is None:
        return
    cell.data_type = "s"
    if cell.value.startswith(_FORMULA_STARTS):
        # quotePrefix keeps it text even when someone edits the cell in Excel later.
        cell.quotePrefix = True


def text_cell(ws: Worksheet, text: str | None, style_array: StyleArray) -> Cell:
    """A new cell holding ``text`` as ``write_text`` stores it, for ``ws.append`` (no lookups by
    coordinate: building a 100,000-cell sheet this way costs a third of ``ws.cell`` + ``write_text``)."""
    if text is not None:
        text = writable(text)
    if text is None or not text.startswith(_FORMULA_STARTS):
        cell = Cell(ws, value=text, style_array=style_array)
        if text is not None:
            cell.data_type = "s"
        return cell
    cell = Cell(ws, style_array=style_array)
    write_text(cell, text)
    return cell


def number_format(metric: Metric, decimals: int | None = None) -> str:
    """The cell format of a figure: the metric's precision unless told (0.00% for a rate), so that
    a column reads uniformly whatever each figure was typed with (100% shows 100.00% beside
    99.38%); counts and amounts with thousands separators (#,##0 and #,##0.00)."""
    places = metric.decimals if decimals is None else decimals
    fraction = "." + "0" * places if places else ""
    return f"0{fraction}%" if metric.unit == "%" else f"#,##0{fraction}"


def reported_number(number: float, metric: Metric, percent_cell: bool = True) -> float | int:
    """The figure as a report gives it, for a cell: rounded half-up to the metric's precision
    (84.6082% → 0.8461 in a percent cell), never left to the spreadsheet's own rounding."""
    return cell_number(rounded(number, metric.decimals), metric, percent_cell)


def cell_number(number: float | Decimal, metric: Metric, percent_cell: bool = True) -> float | int:
    """The number to put in a cell, exactly as stored: a fraction for rates in percent-formatted cells."""
    exact = number if isinstance(number, Decimal) else Decimal(repr(float(number)))
    if metric.unit == "%" and percent_cell:
        exact /= 100
    if exact == exact.to_integral_value() and abs(exact) < 2**53:
        return int(exact)
    return float(exact)


# ---- reading ------------------------------------------------------------------------

def is_percent_format(fmt: str | None) -> bool:
    """True when Excel multiplies the value by 100 for display (a % outside quotes)."""
    if not fmt:
        return False
    return "%" in _LITERALS.sub("", fmt)


def typed_text(value: object, fmt: str | None, data_type: str = "") -> str | None:
    """The text a filer typed or sees for a cell value; None for an empty cell."""
    if value is None:
        return None
    if data_type == "e" or value in EXCEL_ERRORS:
        raise CellValueError(f"是 Excel 错误值 {value}，请检查该单元格的公式")
    if isinstance(value, bool):
        raise CellValueError("是逻辑值（TRUE/FALSE），不是数值")
    if isinstance(value, (datetime, date, time, timedelta)):
        raise CellValueError("是日期或时间，不是数值（请把单元格格式改为“常规”或“数值”后重填）")
    if isinstance(value, (int, float)):
        return _number_text(value, fmt)
    text = str(value)
    return text if text.strip() else None


EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}


def _number_text(value: int | float, fmt: str | None) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        raise CellValueError("不是有效的数值")
    # 15 significant digits is what Excel itself keeps; it drops binary noise such as
    # 0.9938 * 100 = 99.38000000000001.
    number = Decimal(format(value, ".15g"))
    if is_percent_format(fmt):
        return plain(number * 100) + "%"
    return plain(number)


def plain(number: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 1.297E+3 → 1297, 99.3800 → 99.38."""
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def text_of(value: object) -> str:
    """A note or source cell as text; numbers as typed, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return plain(Decimal(format(value, ".15g")))
    return str(value).strip()
