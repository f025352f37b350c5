"""The parts of a Chinese statistical form around a table: 表号, 制表机关, 批准文号, 有效期至 at the top
right, 填报单位（盖章）, and the signatures below the table (单位负责人, 统计负责人, 填表人, 联系电话,
报出日期).  Shared by the submission and the department workbook.

Each field is a label cell ("表号：") with its value in the cells to its right, underlined: an
empty value is a blank line to write on after printing.  Labels stand alone in their cell, so that
a reader finds a field as "the cell after its label".  报出日期 is a real date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports import styles
from exports.cells import write_text
from models.profile import Contacts, FormHeader

UNIT_LABEL = "填报单位（盖章）"
DATE_LABEL = "报出日期"
FOOTER_LABELS = ("单位负责人", "统计负责人", "填表人", "联系电话", DATE_LABEL)
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
VALUE_WIDTH = 12  # a name or a telephone number (text runs on over empty cells beside it)
DATE_WIDTH = 18  # 2023年10月18日: a number never runs on, it shows ### when cut


@dataclass(frozen=True)
class Field:
    label: str
    value: str | date | None
    editable: bool = False  # a yellow, unlocked cell the filer fills in


def footer_fields(contacts: Contacts, reported: date | None, editable: bool = False) -> list[Field]:
    """单位负责人 is the profile's 负责人, 统计负责人 its 审核人, 填表人 its 填报人."""
    values = (contacts.head, contacts.reviewer, contacts.filer, contacts.phone, reported)
    return [Field(label, value or None, editable) for label, value in zip(FOOTER_LABELS, values, strict=True)]


def form_block(ws: Worksheet, top: int, form: FormHeader, columns: int) -> None:
    """表号, 制表机关, 批准文号, 有效期至 one under another from row ``top``, in the last two columns."""
    for row, (label, text) in enumerate(form.items(), top):
        labelled(ws, row, columns - 1, (columns, columns), Field(label, text or None))
        ws.row_dimensions[row].height = 20


def labelled(ws: Worksheet, row: int, label_column: int, span: tuple[int, int], field: Field) -> Cell:
    """``field``'s label at ``label_column`` and its value over the columns ``span`` (merged); the value cell."""
    label = ws.cell(row, label_column)
    write_text(label, f"{field.label}：")
    label.font, label.alignment = styles.BODY, styles.RIGHT
    first, last = span
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    for column in range(first, last + 1):
        ws.cell(row, column).border = styles.UNDERLINE
    cell = ws.cell(row, first)
    if isinstance(field.value, date) or field.label == DATE_LABEL:
        cell.value, cell.number_format = field.value, DATE_FORMAT
    else:
        write_text(cell, field.value)
    cell.font, cell.alignment = styles.BODY, styles.LEFT_NOWRAP
    if field.editable:
        cell.protection, cell.fill = styles.UNLOCKED, styles.INPUT_FILL
    return cell


def footer(ws: Worksheet, top: int, fields: list[Field], merge: bool = True) -> int:
    """The signature fields below the table from row ``top``, laid out in the sheet's own column
    widths; the last row used.  Without ``merge`` each value is one cell (a sheet whose table must
    have no merged cells below its header): text runs on over the empty cells beside it."""
    widths = [ws.column_dimensions[get_column_letter(c)].width or 9 for c in range(1, ws.max_column + 1)]
    row = top
    for line in arrange(widths, [f.label for f in fields], merge):
        for (label_column, span), field in zip(line, fields[:len(line)], strict=True):
            labelled(ws, row, label_column, span, field)
        fields = fields[len(line):]
        ws.row_dimensions[row].height = 26
        row += 1
    return row - 1


Placement = tuple[int, tuple[int, int]]  # label column, (first, last) value column


def arrange(widths: list[float], labels: list[str], merge: bool = True) -> list[list[Placement]]:
    """Rows of placements for ``labels``, left to right, a new row when one is full: a label goes in
    a column wide enough for it, its value in the columns after it (one, unless ``merge``)."""
    rows: list[list[Placement]] = [[]]
    column = 1
    for label in labels:
        placed = _place(widths, column, label, merge)
        if placed is None:
            rows.append([])
            placed = _place(widths, 1, label, merge)
            if placed is None:
                raise ValueError(f"工作表太窄，放不下表尾“{label}”")
        rows[-1].append(placed)
        column = placed[1][1] + 1
    return rows


def _place(widths: list[float], start: int, label: str, merge: bool) -> Placement | None:
    need = styles.text_width(f"{label}：")
    room_needed = DATE_WIDTH if label == DATE_LABEL else VALUE_WIDTH
    for label_column in range(start, len(widths)):
        if widths[label_column - 1] < need:
            continue
        last, room = label_column + 1, widths[label_column]
        while merge and room < room_needed and last < len(widths):
            last += 1
            room += widths[last - 1]
        if room >= room_needed:
            return label_column, (label_column + 1, last)
    return None
