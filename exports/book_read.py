"""Reading the values of a workbook someone sent us: .xlsx, .ods or .xls, as the file holds them.

Excel, WPS and LibreOffice save a department workbook in any of the three; calamine reads all
three (and several times faster than openpyxl).  The safety checks stay in front of it
(``exports.safe_open``): size, the zip directory, one pass of a real XML parser over every part
of an .xlsx or .ods (no DTD, well-formed, cells and the grid a reader fills within limits), and
for an .xls a walk over its records (``exports.xls_check``).

What comes back is plain data: every sheet's values row by row (None for an empty cell) and its
merged ranges.  A cell holds what the filer sees the program judge: the number stored in it (a
rate in a percent cell is the fraction 0.9938 the filer typed as 99.38%), never its formatted
text; a formula gives the result the office program saved with the file.  Formula texts and error
values (#REF! …, which calamine gives as empty cells) are only known in an .xlsx (``formulas``,
``errors``, read by openpyxl for the rare workbook that has any): the import refuses a formula
without a saved result, one that reads another workbook, and an error value.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from openpyxl.utils import get_column_letter

from exports.safe_open import WorkbookError, check_spreadsheet, guarded

Value = str | int | float | bool | date | datetime | time | timedelta | None
FORMS = {"xlsx": "Excel 工作簿（.xlsx）", "ods": "OpenDocument 电子表格（.ods）", "xls": "Excel 97-2003 工作簿（.xls）"}


@dataclass
class SheetData:
    title: str
    visible: bool  # a hidden (or very hidden) sheet is read too: the import decides what it means
    rows: list[list[Value]]
    merged: list[tuple[int, int, int, int]] | None  # (first row, first column, last row, last column),
    # 1-based; None when the format does not say (.ods)

    def where(self, row: int, column: int) -> str:
        """sheet!A1 of a 0-based position in ``rows``."""
        return f"{self.title}!{get_column_letter(column + 1)}{row + 1}"


@dataclass
class BookData:
    path: Path
    form: str  # xlsx, ods or xls
    sheets: list[SheetData]
    formulas: dict[str, str] = field(default_factory=dict)  # sheet!A1 → formula text (.xlsx)
    errors: dict[str, str] = field(default_factory=dict)  # sheet!A1 → error value such as #REF! (.xlsx)

    @property
    def sheet_names(self) -> list[str]:
        return [s.title for s in self.sheets]

    def sheet(self, title: str) -> SheetData | None:
        return next((s for s in self.sheets if s.title == title), None)


def read_book(path: Path, max_columns: int | None = None) -> BookData:
    """Check ``path`` and read every sheet's values; WorkbookError with the reason otherwise."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum  # loaded when a file is read

    path = Path(path)
    checked = check_spreadsheet(path)
    with _calamine_errors(path):
        wb = CalamineWorkbook.from_path(str(path))
        try:
            sheets = [_sheet(wb.get_sheet_by_name(meta.name), meta.visible == SheetVisibleEnum.Visible, max_columns)
                      for meta in wb.sheets_metadata]
        finally:
            wb.close()
    book = BookData(path=path, form=checked.form, sheets=sheets)
    if checked.formulas or checked.errors:
        book.formulas, book.errors = _special_cells(path, max_columns)
    return book


def _sheet(sheet, visible: bool, max_columns: int | None) -> SheetData:
    rows = []
    for values in sheet.to_python(skip_empty_area=False):
        row = [None if v == "" else v for v in (values[:max_columns] if max_columns else values)]
        while row and row[-1] is None:
            row.pop()
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    merged = sheet.merged_cell_ranges
    spans = None if merged is None else [(r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in merged]
    return SheetData(title=sheet.name, visible=visible, rows=rows, merged=spans)


@contextmanager
def _calamine_errors(path: Path) -> Iterator[None]:
    from python_calamine import CalamineError, PasswordError

    try:
        yield
    except PasswordError as exc:
        raise WorkbookError(f"{path.name}：工作簿设置了打开密码（已加密），无法读取。请取消密码后再导入。") from exc
    except (CalamineError, ValueError, OSError) as exc:
        if isinstance(exc, WorkbookError):
            raise
        raise WorkbookError(f"{path.name}：文件已损坏或不是标准的电子表格，无法读取。") from exc


def _special_cells(path: Path, max_columns: int | None) -> tuple[dict[str, str], dict[str, str]]:
    """Formula texts and error values of an .xlsx by sheet!A1 (openpyxl reads them)."""
    from exports.safe_open import open_workbook

    wb = open_workbook(path, read_only=True)
    formulas, errors = {}, {}
    try:
        with guarded(path):
            for ws in wb.worksheets:
                ws.reset_dimensions()
                for cells in ws.iter_rows(max_col=max_columns):
                    for cell in cells:
                        kind = getattr(cell, "data_type", "")
                        if kind in ("f", "e"):
                            (formulas if kind == "f" else errors)[f"{ws.title}!{cell.coordinate}"] = str(cell.value)
    finally:
        wb.close()
    return formulas, errors
