"""Reading a province form that has no placeholders: its header rows, its columns, its row labels.

The province sends its own form every quarter: a title, a header of one or two rows (often merged:
"2023年" over 一季度…四季度, "指标数值" over 本期 and 上年同期), a column of indicator names or codes,
and empty cells to fill.  This module finds the header, says what each column asks for, and lists
the rows with their labels; ``exports.form_match`` says which metric each row is.

A column's header is read level by level from the bottom row of the header up; a merged cell's
value counts for every column it spans.  The bottom-most level that names what is asked decides it
(本期, 同比, 目标, 单位 …); a period named on any level (一季度, 上半年, 全年, 上年同期 …) says for
which period.  So "一季度" over "数值" and "同比" gives the first quarter's figure and its 同比.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from models.simplified import simplified

HEADER_SEARCH_ROWS = 20  # a form's header starts within its first rows
MAX_LABEL = 60  # a longer text in the label column is a note under the table, not an indicator

# What a column asks for ("measure") and for which period, by the words of its header.  Checked in
# this order: 前三季度 before 三季度, 上年同期 before 本期, 目标 before 全年/年度.
PERIOD_WORDS = (
    ("prev", ("上年同期", "去年同期", "上年同季度")),
    ("q1-q3", ("前三季度", "1-3季度", "一至三季度")),
    ("h1", ("上半年", "1-2季度", "一至二季度")),
    ("q1", ("一季度", "1季度", "第一季度", "q1")),
    ("q2", ("二季度", "2季度", "第二季度", "q2")),
    ("q3", ("三季度", "3季度", "第三季度", "q3")),
    ("q4", ("四季度", "4季度", "第四季度", "q4")),
    ("current", ("本期", "本季度", "本季", "当期", "本年累计")),
)
MEASURE_WORDS = (
    ("skip", ("序号", "达标", "完成情况", "牵头", "配合", "责任", "数据来源", "填报单位")),
    ("yoy", ("同比",)),
    ("target", ("目标",)),
    ("explanation", ("说明",)),
    ("remark", ("备注",)),
    ("unit", ("单位", "计量单位")),
    ("code", ("指标代码", "代码", "编码", "编号")),
    ("value", ("数值", "数据", "完成值", "实际值")),
    ("label", ("指标名称", "指标", "项目", "名称", "内容")),
)
MEASURE_NAMES = {"value": "数值", "yoy": "同比", "target": "目标", "explanation": "说明", "remark": "备注",
                 "unit": "单位", "code": "指标代码", "label": "指标名称", "skip": "不填"}
YEAR_WORDS = ("全年", "年度", "全年累计")
# Labels that are the table's footer or a note, not an indicator: 填表人：…, 注：…
_FIELD = re.compile(r"[:：]")
_NUMBERING = re.compile(r"^\s*(?:[(（]?[0-9一二三四五六七八九十]+[)）、.．]|[0-9]+(?=[\u4e00-\u9fff]))\s*")


def comparable(text: str) -> str:
    """A header or label as compared: half-width, simplified, no spaces, numbering or quotes."""
    text = simplified(unicodedata.normalize("NFKC", str(text)))
    text = _NUMBERING.sub("", text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in "\"'“”‘’").lower()


@dataclass(frozen=True)
class FormColumn:
    sheet: str
    column: int  # 1-based
    header: str  # the header's levels joined top-down, as the form shows them
    measure: str  # value, yoy, target, explanation, remark, unit, code, label
    period: str = "current"  # current, prev, q1…q4, h1, q1-q3, year

    @property
    def letter(self) -> str:
        return get_column_letter(self.column)


@dataclass(frozen=True)
class FormRow:
    sheet: str
    row: int
    labels: tuple[str, ...]  # the texts of the label columns, left to right
    code: str  # the text of the code column ("" when none)

    @property
    def key(self) -> str:
        return f"{self.sheet}!{self.row}"

    @property
    def label(self) -> str:
        return next((text for text in reversed(self.labels) if text), "")


@dataclass
class FormSheet:
    title: str
    header_rows: tuple[int, ...]
    columns: list[FormColumn] = field(default_factory=list)
    rows: list[FormRow] = field(default_factory=list)

    @property
    def value_columns(self) -> list[FormColumn]:
        return [c for c in self.columns if c.measure not in ("label", "code", "skip")]


@dataclass
class FormLayout:
    sheets: list[FormSheet]
    sheet_names: list[str] = field(default_factory=list)  # every sheet of the workbook, tables or not

    @property
    def rows(self) -> list[FormRow]:
        return [row for sheet in self.sheets for row in sheet.rows]

    @property
    def columns(self) -> list[FormColumn]:
        return [column for sheet in self.sheets for column in sheet.value_columns]

    def sheet(self, title: str) -> FormSheet:
        return next(s for s in self.sheets if s.title == title)

    def structure(self) -> str:
        """The form's identity across quarters: sheet names, header cells and row labels, never its
        values or its file name, so that next quarter's copy of the same form is recognised."""
        shape = {"sheets": self.sheet_names,
                 "tables": [[s.title, [c.header for c in s.columns], [list(r.labels) + [r.code] for r in s.rows]]
                            for s in self.sheets]}
        text = json.dumps(shape, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_layout(wb: Workbook) -> FormLayout:
    """Every visible sheet with a recognisable header (a label or code column and a value column)."""
    sheets = []
    for ws in wb.worksheets:
        if ws.sheet_state == "visible":
            sheet = _read_sheet(ws)
            if sheet is not None:
                sheets.append(sheet)
    return FormLayout(sheets, list(wb.sheetnames))


def _read_sheet(ws: Worksheet) -> FormSheet | None:
    merged = _merged_values(ws)
    header = _header_rows(ws, merged)
    if not header:
        return None
    sheet = FormSheet(ws.title, header)
    for column in range(1, ws.max_column + 1):
        levels = [_text(ws, row, column, merged) for row in header]
        found = classify(levels)
        if found is not None:
            sheet.columns.append(FormColumn(ws.title, column, "／".join(dict.fromkeys(t for t in levels if t)), *found))
    labels = [c.column for c in sheet.columns if c.measure == "label"]
    codes = [c.column for c in sheet.columns if c.measure == "code"]
    if not (labels or codes) or not sheet.value_columns:
        return None
    headings = _heading_rows(ws, max(labels or codes), min(c.column for c in sheet.value_columns))
    for row in range(header[-1] + 1, ws.max_row + 1):
        found = None if row in headings else _form_row(ws, row, labels, codes)
        if found is not None:
            sheet.rows.append(found)
    return sheet


def _merged_values(ws: Worksheet) -> dict[tuple[int, int], object]:
    """(row, column) of every cell a merged range covers → the range's value (its top-left cell's)."""
    values = {}
    for merged in ws.merged_cells.ranges:
        value = ws.cell(merged.min_row, merged.min_col).value
        for row, column in merged.cells:
            values[(row, column)] = value
    return values


def _text(ws: Worksheet, row: int, column: int, merged: dict) -> str:
    value = merged.get((row, column), ws.cell(row, column).value)
    if value is None or (isinstance(value, str) and value.startswith("=")):
        return ""
    return " ".join(str(value).split())


def _header_rows(ws: Worksheet, merged: dict) -> tuple[int, ...]:
    """The rows of the table header: the first row naming a label or code column and a value
    column (or with a row of periods below it), and the rows right below it that are still header."""
    last = min(ws.max_row, HEADER_SEARCH_ROWS)
    for row in range(1, last + 1):
        texts = [comparable(_text(ws, row, c, merged)) for c in range(1, ws.max_column + 1)]
        named = [c for c, text in enumerate(texts, 1) if _measure(text) in ("label", "code")]
        # a title merged across the table (2023年第三季度营商环境指标统计表) names both in one text
        values = any(_period(t) or _measure(t) not in (None, "skip", "label", "code")
                     for t in set(texts) - {texts[c - 1] for c in named})
        if named and (values or _period_row(ws, row + 1, merged, named)):
            rows = [row]
            while rows[-1] < ws.max_row and _period_row(ws, rows[-1] + 1, merged, named):
                rows.append(rows[-1] + 1)
            return tuple(rows)
    return ()


def _period_row(ws: Worksheet, row: int, merged: dict, named: list[int]) -> bool:
    """A further header row: its label cells are covered by the header above (merged) or empty,
    no cell holds a number, and some cell names a period or what a column asks for."""
    if any(ws.cell(row, c).value is not None for c in named):
        return False
    cells = [merged.get((row, c), ws.cell(row, c).value) for c in range(1, ws.max_column + 1)]
    if any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in cells):
        return False
    texts = [comparable(v) for v in cells if isinstance(v, str) and v.strip()]
    return any(_period(t) or _measure(t) not in (None, "label", "code", "skip") for t in texts)


def classify(levels: list[str]) -> tuple[str, str] | None:
    """(measure, period) of a column from its header levels (top-down); None when nothing is named."""
    texts = [comparable(t) for t in levels if t]
    measure = next((m for m in map(_measure, reversed(texts)) if m), None)
    period = next((p for p in map(_period, reversed(texts)) if p), None)
    if measure is None and period is None:
        return None
    if measure in (None, "label") and period is not None:
        measure = "value"  # "一季度" alone, or "一季度" under "指标": that quarter's figure
    return measure, period or "current"


def _measure(text: str) -> str | None:
    if not text:
        return None
    return next((m for m, words in MEASURE_WORDS if any(w in text for w in words)), None)


def _period(text: str) -> str | None:
    if not text:
        return None
    found = next((p for p, words in PERIOD_WORDS if any(w in text for w in words)), None)
    if found is None and any(w in text for w in YEAR_WORDS) and "目标" not in text:
        return "year"
    return found


def _form_row(ws: Worksheet, row: int, labels: list[int], codes: list[int]) -> FormRow | None:
    texts = tuple(_cell_text(ws, row, c) for c in labels)
    code = next((t for t in (_cell_text(ws, row, c) for c in codes) if t), "")
    label = next((t for t in reversed(texts) if t), "")
    if not (label or code) or len(label) > MAX_LABEL or (not code and _FIELD.search(label)):
        return None
    return FormRow(ws.title, row, texts, code)


def _cell_text(ws: Worksheet, row: int, column: int) -> str:
    value = ws.cell(row, column).value
    if value is None or isinstance(value, bool) or (isinstance(value, str) and value.startswith("=")):
        return ""
    return " ".join(str(value).split())


def _heading_rows(ws: Worksheet, last_label: int, first_value: int) -> set[int]:
    """Rows of section headings (一、政务服务): one merged cell spans the labels and the value columns."""
    rows: set[int] = set()
    for merged in ws.merged_cells.ranges:
        if merged.min_col <= last_label and merged.max_col >= first_value:
            rows.update(range(merged.min_row, min(merged.max_row, ws.max_row) + 1))
    return rows
