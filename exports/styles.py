"""Fonts, borders, fills and print set-up shared by the workbooks this program writes.

Chinese text needs a font that has Chinese glyphs.  宋体 (SimSun) and 黑体 (SimHei) are on every
Chinese Windows PC and WPS install; ``charset=134`` (GB2312) tells Excel, WPS and LibreOffice to
fall back to another Chinese font when the named one is missing, instead of a Latin font that
shows empty boxes.
"""

from __future__ import annotations

import math
import re
from copy import copy
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.worksheet import Worksheet

GB2312 = 134
BODY_FONT = "宋体"
TITLE_FONT = "黑体"


def font(size: float = 11, bold: bool = False, name: str = BODY_FONT, color: str | None = None) -> Font:
    return Font(name=name, size=size, bold=bold, charset=GB2312, color=color)


TITLE = font(16, bold=True, name=TITLE_FONT)
SUBTITLE = font(11)
HEADER = font(11, bold=True, name=TITLE_FONT)
BODY = font(11)
SMALL = font(9, color="FF595959")
DRAFT = font(11, bold=True, color="FFC00000")

_THIN = Side(style="thin", color="FF000000")
GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
UNDERLINE = Border(bottom=_THIN)

HEADER_FILL = PatternFill("solid", fgColor="FFD9E1F2")
KEY_FILL = PatternFill("solid", fgColor="FFF2F2F2")  # columns the filer must not change
INPUT_FILL = PatternFill("solid", fgColor="FFFFF2CC")  # cells the filer fills

CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
LEFT_NOWRAP = Alignment(horizontal="left", vertical="center")
RIGHT = Alignment(horizontal="right", vertical="center")

UNLOCKED = Protection(locked=False)


# Cell styles by name: font, border, alignment, fill and protection together.
CELL_STYLES = {
    "header": {"font": HEADER, "alignment": CENTER, "fill": HEADER_FILL, "border": GRID},
    "left": {"font": BODY, "alignment": LEFT, "border": GRID},
    "center": {"font": BODY, "alignment": CENTER, "border": GRID},
    "number": {"font": BODY, "alignment": RIGHT, "border": GRID},
    "code": {"font": SMALL, "alignment": LEFT_NOWRAP, "border": GRID},
    "key": {"font": BODY, "alignment": LEFT_NOWRAP, "border": GRID, "fill": KEY_FILL},
    "input_left": {"font": BODY, "alignment": LEFT, "border": GRID, "fill": INPUT_FILL, "protection": UNLOCKED},
    "input_number": {"font": BODY, "alignment": RIGHT, "border": GRID, "fill": INPUT_FILL, "protection": UNLOCKED},
    "flagged": {"font": DRAFT, "alignment": CENTER, "border": GRID},
}
_RESOLVED: WeakKeyDictionary = WeakKeyDictionary()  # workbook → {(name, number format): StyleArray}


def style_array(ws: Worksheet, name: str, number_format: str = "General") -> StyleArray:
    """The workbook's style array for a named combination of styles and a number format.

    Assigning a Font or Border makes openpyxl hash it against the workbook's style tables each
    time, which was most of the time of a 100,000-cell export.  Each combination is resolved
    once per workbook, on a cell that is never placed in a sheet, and its array copied onto the
    cells that use it (as openpyxl's own sheet copy does).
    """
    resolved = _RESOLVED.setdefault(ws.parent, {})
    array = resolved.get((name, number_format))
    if array is None:
        probe = Cell(ws)
        for attribute, value in CELL_STYLES[name].items():
            setattr(probe, attribute, value)
        probe.number_format = number_format
        array = resolved[(name, number_format)] = copy(probe._style)
    return array


def apply(cell: Cell, name: str, number_format: str = "General") -> None:
    """Give ``cell`` a named combination of styles and a number format."""
    cell._style = copy(style_array(cell.parent, name, number_format))


_WIDE = re.compile("[\u2e81-\U0010ffff]")  # CJK and beyond: about two Latin characters wide


def text_width(text: str) -> float:
    """Display width in Excel column units: a Chinese character is about two Latin ones."""
    text = str(text)
    wide = len(_WIDE.findall(text))
    return 2.1 * wide + 1.1 * (len(text) - wide)


def row_height(cells: list[tuple[str, float]], font_size: float = 11, minimum: float = 18) -> float:
    """Height in points that shows every line of wrapped ``(text, column width)`` cells.

    Excel, WPS and LibreOffice do not re-measure wrapped text when they open a file, so rows
    would otherwise stay one line high and clip it.
    """
    lines = 1
    for text, width in cells:
        usable = max(width - 1.5, 1)
        count = sum(max(math.ceil(text_width(part) / usable), 1) for part in str(text).split("\n"))
        lines = max(lines, count)
    return max(minimum, lines * font_size * 1.4 + 4)


def print_landscape(ws: Worksheet, title_rows: str = "", header_text: str = "", area: str = "") -> None:
    """A4 landscape, fit to one page wide, title rows repeated, page numbers in the footer; only
    ``area`` printed when given (the form with its signatures, nothing beside it)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.8  # room for the printed 草稿 header
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows:
        ws.print_title_rows = title_rows
    if area:
        ws.print_area = area
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    if header_text:
        mark_print_header(ws, header_text)


def mark_print_header(ws: Worksheet, text: str) -> None:
    ws.oddHeader.center.text = text
    ws.oddHeader.center.size = 14
    ws.oddHeader.center.color = "C00000"
