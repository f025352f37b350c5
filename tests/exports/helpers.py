"""Helpers for workbook tests: fill a blank department workbook the way a filer would."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from exports.department import COLUMN_OF, TABLE_HEADER_ROW
from exports.submission import FIRST_ROW


def rows_by_code(ws) -> dict[str, int]:
    """Row number of every 指标代码 on a department sheet."""
    found = {}
    for row in range(TABLE_HEADER_ROW + 1, ws.max_row + 1):
        code = ws.cell(row, COLUMN_OF["code"]).value
        if code and not str(code).endswith("："):  # the signatures below the table
            found[code] = row
    return found


def submission_rows(ws) -> dict[str, int]:
    """Row number of every 指标代码 on a submission sheet (the rows numbered by 序号)."""
    return {ws.cell(r, 3).value: r for r in range(FIRST_ROW, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)}


def field_cell(ws, label: str):
    """The cell a form field's value goes in: the one right of its label (“填表人：”)."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == f"{label}：":
                return ws.cell(cell.row, cell.column + 1)
    raise KeyError(label)


def fill(path: Path, figures: dict[str, object], notes: dict[str, str] | None = None,
         sources: dict[str, str] | None = None, out: Path | None = None,
         explanations: dict[str, str] | None = None) -> Path:
    """Type ``figures`` (metric code → what the filer types or a number) into the value cells,
    ``notes`` into 备注, ``explanations`` into 说明 and ``sources`` into 数据来源."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        rows = rows_by_code(ws)
        for column, wanted in (("value", figures), ("note", notes or {}), ("source", sources or {}),
                               ("explanation", explanations or {})):
            for code, value in wanted.items():
                if code in rows:
                    cell = ws.cell(rows[code], COLUMN_OF[column])
                    cell.value = value
                    if column != "value" and isinstance(value, str):
                        cell.data_type = "s"  # a note typed as text ('=…), not a formula
    target = out or path
    wb.save(target)
    return target


def cell_of(path: Path, code: str, column: str = "value"):
    """The cell (sheet name, cell) holding ``column`` of a metric's row."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        rows = rows_by_code(ws) if ws.sheet_state == "visible" else {}
        if code in rows:
            return ws.title, ws.cell(rows[code], COLUMN_OF[column]).coordinate
    raise KeyError(code)


def formula_cells(path: Path) -> list[str]:
    """Every cell of a workbook that holds a formula."""
    wb = openpyxl.load_workbook(path)
    return [f"{ws.title}!{c.coordinate}" for ws in wb.worksheets for row in ws.iter_rows()
            for c in row if c.data_type == "f"]
