"""Reading a filled department workbook: every row matched by 指标代码 and checked for scope.

The reader is pure: it turns a file into rows (figure parsed exactly like a typed entry) and a
list of refusals, each naming sheet!cell, the value and the reason.  Whether anything is stored
(all-or-nothing, locks, what changes) is decided by the application layer.

Guards against a file that reads but means something else than it seems:

- a row whose 指标名称 is not the name of its 指标代码 (cells shifted by a row, a code typed
  over) is refused: the figure beside it belongs to another metric;
- merged cells over the table's columns are refused: one typed figure would stand for two rows
  (an .ods does not say which cells are merged; there the covered cells read as empty, and an
  empty value cell never clears a stored figure);
- a current-format workbook missing every row of an indicator (a deleted sheet) is refused;
  single missing rows are mentioned (their stored figures stay as they are);
- a formula is taken by the result Excel saved with the file (what the filer saw); one without a
  saved result, or one computed from another workbook (an external link), is refused;
- a note or source that no workbook cell can hold (over 32,767 characters) is refused.

The file may be an .xlsx, .ods or .xls (Excel, WPS or LibreOffice saved it; ``exports.book_read``).
A cell is read as it holds what the filer typed: the value cell of a rate is a percent cell (the
program formats it so, and the sheet protection keeps its format), so the fraction 0.9938 it holds
is 99.38% whatever number of decimals the cell shows.

From format version 3 on, 说明 is the explanation of the row's findings (the 问题 column shows
them) and 备注 the note on the figure; in versions 1 and 2 说明 is the note.

A file with a problem in every cell is not checked to its end: after ``MAX_LISTED`` refusals and
one more (which says there are more), checking stops; each refusal quotes at most
``MAX_SHOWN_CHARS`` characters of its cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from exports.book_read import BookData, SheetData, read_book
from exports.cells import CellValueError, text_of, typed_text
from exports.department import field_of, filed_by, signature_row
from exports.identity import DEPARTMENT, META_SHEET, Identity, IdentityError, identity_of, key_values
from exports.progress import CancelledFn, ProgressFn, Steps
from exports.workbook_kind import meta_edited, not_a_department_workbook
from models.catalog import Catalog
from models.listing import MAX_LISTED, shortened
from models.periods import Period, PeriodError
from models.profile import Department
from models.texts import text_problem
from validation.parsing import EntryError, Parsed, parse_entry

NOT_APPLICABLE_TEXT = "不适用"

MAX_COLUMNS = 40  # the table is narrower; a bogus sheet dimension must not make us read 16,384
HEADER_SEARCH_ROWS = 30
# Header texts by column key; several spellings are accepted (older versions, hand edits).
HEADERS = {
    "code": ("指标代码",),
    "name": ("指标名称",),
    "value": ("本期数值", "本期数", "本期值"),
    "explanation": ("说明",),
    "note": ("备注",),
    "source": ("数据来源", "来源"),
}
NOTE_AS_EXPLANATION_UNTIL = 2  # versions 1 and 2 have no 问题 column: their 说明 is the note
OLD_HEADERS = {**{k: v for k, v in HEADERS.items() if k != "explanation"}, "note": ("说明", "备注")}
LABELS = {"code": "指标代码", "value": "本期数值", "explanation": "说明", "note": "备注", "source": "数据来源"}
# Columns each format version has; a missing one is a refusal, an absent optional one is kept.
REQUIRED = {1: ("code", "value", "note"), 2: ("code", "value", "note", "source"),
            3: ("code", "value", "explanation", "note", "source")}
COMPLETE_FROM_VERSION = 2  # the program writes every row of the department from this version on
_EXTERNAL_REFERENCE = re.compile(r"\[[^\]]+\][^!]*!")  # [1]Sheet1!A1, '[台账.xlsx]Sheet1'!A1


@dataclass(frozen=True)
class Refusal:
    where: str  # sheet!cell
    value: str  # as quoted: long contents are cut (models.listing.shortened)
    reason: str

    def __post_init__(self):
        object.__setattr__(self, "value", shortened(self.value))

    def text(self) -> str:
        shown = f"“{self.value}”" if self.value else "（空）"
        return f"{self.where}  {shown}：{self.reason}"


@dataclass(frozen=True)
class ImportedRow:
    """One table row of the workbook with a known metric of the workbook's department."""

    where: str  # sheet!cell of the value
    metric: str
    parsed: Parsed | None  # None: the value cell is empty
    note: str | None  # None: the workbook has no 备注 column
    source: str | None  # None: the workbook has no 数据来源 column
    explanation: str = ""  # the 说明 typed for the row's findings (format version 3)
    explanation_where: str = ""  # sheet!cell of the 说明


@dataclass
class DepartmentImport:
    path: Path
    identity: Identity
    period: Period
    dept: Department
    catalog: Catalog
    rows: list[ImportedRow] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # 填报人, 联系电话 … as filled in
    notices: list[str] = field(default_factory=list)
    unreadable_tables: int = 0  # sheets whose table header lacks a column: their rows are unknown
    stopped: bool = False  # reading stopped after MAX_LISTED + 1 refusals: there may be more

    def refuse(self, refusal: Refusal) -> None:
        self.refusals.append(refusal)
        if len(self.refusals) > MAX_LISTED:
            raise _TooManyRefusals


class _TooManyRefusals(Exception):
    """Enough refusals to refuse the file and list a screenful: the rest is not read."""


@dataclass
class _Cell:
    where: str
    value: object
    data_type: str  # "f": a formula (its value is the result saved with the file)
    formula: str = ""


def read_department_workbook(path: Path, catalog_for: Callable[[Period], Catalog],
                             progress: ProgressFn | None = None,
                             is_cancelled: CancelledFn | None = None) -> DepartmentImport:
    """Read and check a department workbook; raises WorkbookError / IdentityError if unusable."""
    book = read_book(path, MAX_COLUMNS)
    found = _identify(book, catalog_for)
    steps = Steps(len(found.catalog.metrics_of_department(found.dept.code)), progress, is_cancelled, every=50)
    seen: dict[str, str] = {}
    try:
        formulas = _read_sheets(book, found, seen, steps)
        if formulas:
            _resolve_formulas(found, formulas)
        _check_complete(found, seen)
    except _TooManyRefusals:
        found.stopped = True
    steps.finish()
    return found


def _identify(book: BookData, catalog_for) -> DepartmentImport:
    meta = book.sheet(META_SHEET)
    if meta is None:
        raise IdentityError(not_a_department_workbook(book))
    identity = identity_of(key_values(meta.rows), DEPARTMENT)
    try:
        period = Period.parse(identity.period)
    except PeriodError as exc:
        raise IdentityError(f"填报表记录的统计期“{identity.period}”无法识别，文件可能被改动过。") from exc
    catalog = catalog_for(period)
    dept = catalog.department(identity.dept)
    if dept is None:
        raise IdentityError(f"填报表记录的部门代码“{identity.dept}”不在本区县的部门列表中。")
    edited = meta_edited(book, meta, period, dept, catalog)
    if edited:
        raise IdentityError(edited)
    return DepartmentImport(path=book.path, identity=identity, period=period, dept=dept, catalog=catalog)


# ---- reading the sheets --------------------------------------------------------------

def _read_sheets(book: BookData, found: DepartmentImport, seen: dict[str, str], steps: Steps) -> list:
    pending: list = []
    for sheet in book.sheets:
        if sheet.title != META_SHEET:
            pending += _read_sheet(book, sheet, found, seen, steps)
    return pending


def _read_sheet(book: BookData, sheet: SheetData, found: DepartmentImport, seen: dict[str, str],
                steps: Steps) -> list:
    header = _find_header(sheet, found)
    if header is None:
        found.notices.append(f"工作表“{sheet.title}”没有“指标代码”表头，未读取。")
        return []
    columns, header_row = header
    if not _has_columns(sheet.title, header_row, columns, found):
        return []
    _refuse_merged_table_cells(sheet, columns, header_row, found)
    pending = []
    for number in range(header_row, len(sheet.rows)):
        texts = [text_of(v) for v in sheet.rows[number]]
        if signature_row(texts):  # below the table: 填表人 … 报出日期 are fields, not a metric's row
            _header_fields(sheet, number, texts, found)
            continue
        row = _row_cells(book, sheet, number, columns)
        if row is not None:
            pending += _take_row(row, found, seen)
            steps.advance()
    return pending


def _find_header(sheet: SheetData, found: DepartmentImport) -> tuple[dict[str, int], int] | None:
    """Scan the header block (checking 填报单位 and 统计期) down to the 指标代码 row; the table
    header's columns and its row number (1-based)."""
    for number, cells in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        texts = [text_of(v) for v in cells]
        if HEADERS["code"][0] in texts:
            return _column_map(texts, found.identity.version), number + 1
        _header_fields(sheet, number, texts, found)
    return None


def _column_map(texts: list[str], version: int) -> dict[str, int]:
    headers = OLD_HEADERS if version <= NOTE_AS_EXPLANATION_UNTIL else HEADERS
    columns = {}
    for index, text in enumerate(texts):
        for key, names in headers.items():
            if text in names and key not in columns:
                columns[key] = index
                break
    return columns


def _has_columns(title: str, header_row: int, columns: dict[str, int], found: DepartmentImport) -> bool:
    old = found.identity.version <= NOTE_AS_EXPLANATION_UNTIL
    missing = [OLD_HEADERS[key][0] if old else LABELS[key] for key in REQUIRED[found.identity.version]
               if key not in columns]
    for name in missing:
        found.refuse(Refusal(f"{title}!{header_row}行", "", f"表头缺少“{name}”列，无法读取本工作表"))
    found.unreadable_tables += bool(missing)
    return not missing


def _header_fields(sheet: SheetData, number: int, texts: list[str], found: DepartmentImport) -> None:
    for index, text in enumerate(texts):
        label = field_of(text)
        if label is None or index + 1 >= len(texts):
            continue
        _check_header_field(label, texts[index + 1], sheet.where(number, index + 1), found)


def _check_header_field(label: str, value: str, where: str, found: DepartmentImport) -> None:
    """A sheet copied from another period's or department's workbook is refused."""
    if label == "统计期" and value:
        try:
            period = Period.parse(value)
        except PeriodError:
            period = None
        if period != found.period:
            found.refuse(Refusal(where, value, f"工作表的统计期与本填报表（{found.period.label}）不符"))
    elif label == "填报单位" and value:
        dept = found.catalog.department(value)
        if dept is None or dept.code != found.dept.code:
            found.refuse(Refusal(where, value, f"工作表的填报单位与本填报表（{found.dept.name}）不符"))
    elif value and label not in found.fields:
        found.fields[label] = value


def _row_cells(book: BookData, sheet: SheetData, number: int, columns: dict[str, int]) -> dict[str, _Cell] | None:
    values = sheet.rows[number]
    row = {}
    for key, index in columns.items():
        where = sheet.where(number, index)
        formula = book.formulas.get(where, "")
        value = book.errors.get(where) or (values[index] if index < len(values) else None)
        row[key] = _Cell(where, value, "f" if formula else "", formula)
    if all(text_of(c.value) == "" and not c.formula for c in row.values()):
        return None
    return row


# ---- checking one row ----------------------------------------------------------------

def _take_row(row: dict[str, _Cell], found: DepartmentImport, seen: dict[str, str]) -> list:
    """Check a row; returns it as pending when a cell holds a formula whose result is needed."""
    code_cell = row["code"]
    code = text_of(code_cell.value)
    if not code:
        filled = next(c for c in row.values() if c.value is not None or c.formula)
        found.refuse(Refusal(filled.where, text_of(filled.value), "这一行有内容，但没有指标代码"))
        return []
    if not _code_in_scope(code, code_cell.where, found, seen) or not _name_fits(code, row, found):
        return []
    if any(c.data_type == "f" for c in row.values()):
        return [(code, row)]
    _accept(code, row, found)
    return []


def _code_in_scope(code: str, where: str, found: DepartmentImport, seen: dict[str, str]) -> bool:
    catalog, dept = found.catalog, found.dept
    reason = None
    if catalog.metric(code) is None:
        reason = f"指标代码不在{catalog.year}年指标目录中"
    elif code in seen:
        reason = f"指标代码重复（{seen[code]} 已有同一指标）"
    elif catalog.department_of(code) != dept.code:
        owner = catalog.department(catalog.department_of(code)).name
        reason = f"“{catalog.metric(code).name}”由{owner}牵头填报，{dept.name}的填报表不能修改它"
    seen.setdefault(code, where)
    if reason:
        found.refuse(Refusal(where, code, reason))
    return reason is None


def _name_fits(code: str, row: dict[str, _Cell], found: DepartmentImport) -> bool:
    """The row's 指标名称 must be its code's: otherwise the cells beside it belong to another row."""
    cell = row.get("name")
    typed = _comparable(text_of(cell.value)) if cell else ""
    metric = found.catalog.metric(code)
    if not typed or typed in {_comparable(n) for n in (metric.name, *metric.aliases)}:
        return True
    found.refuse(Refusal(cell.where, text_of(cell.value), (
        f"指标代码“{code}”对应“{metric.name}”，与本行的指标名称不符：行可能错位（插入或删除了单元格、"
        "改动了代码），本行的数值无法确定属于哪项指标。请核对指标代码与指标名称后再导入")))
    return False


def _comparable(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def _accept(code: str, row: dict[str, _Cell], found: DepartmentImport) -> None:
    metric = found.catalog.metric(code)
    cell = row["value"]
    try:
        text = typed_text(cell.value, "0%" if metric.unit == "%" else None)  # a rate's value cell is a percent cell
        if text == NOT_APPLICABLE_TEXT and found.catalog.not_applicable(code):
            return  # the workbook shows 不适用 where the district does not report: nothing to store
        parsed = None if text is None else parse_entry(text, metric)
    except (CellValueError, EntryError) as exc:
        found.refuse(Refusal(cell.where, text_of(cell.value), f"{metric.name}：{exc}"))
        return
    if not _texts_fit(metric.name, row, found):
        return
    explained = row.get("explanation")
    found.rows.append(ImportedRow(
        where=cell.where, metric=code, parsed=parsed,
        note=text_of(row["note"].value) if "note" in row else None,
        source=text_of(row["source"].value) if "source" in row else None,
        explanation=text_of(explained.value) if explained else "", explanation_where=explained.where if explained else "",
    ))


def _texts_fit(name: str, row: dict[str, _Cell], found: DepartmentImport) -> bool:
    fits = True
    note = "说明" if found.identity.version <= NOTE_AS_EXPLANATION_UNTIL else "备注"
    for key, label in (("note", note), ("explanation", "说明"), ("source", "数据来源")):
        cell = row.get(key)
        problem = text_problem(text_of(cell.value)) if cell else ""
        if problem:
            found.refuse(Refusal(cell.where, text_of(cell.value), f"{name}的{label}{problem}"))  # Refusal shortens it
            fits = False
    return fits


# ---- the shape of the table: merged cells, missing rows ---------------------------------

def _refuse_merged_table_cells(sheet: SheetData, columns: dict[str, int], header_row: int,
                               found: DepartmentImport) -> None:
    """Merged cells over the table's columns below the header (an .ods does not say which are merged)."""
    names = {index + 1: LABELS.get(key) or HEADERS[key][0] for key, index in columns.items()}
    for first_row, first_col, last_row, last_col in sheet.merged or []:
        hit = [name for column, name in sorted(names.items()) if first_col <= column <= last_col]
        if hit and last_row > header_row:
            ref = f"{sheet.where(first_row - 1, first_col - 1)}:{sheet.where(last_row - 1, last_col - 1).split('!')[1]}"
            found.refuse(Refusal(ref, "", (
                f"表格中“{'、'.join(hit)}”列的单元格被合并，一个数值无法对应到各项指标。"
                "请取消合并，逐项填写后再导入")))


def _check_complete(found: DepartmentImport, seen: dict[str, str]) -> None:
    """Every metric the department files has its row; a whole indicator missing is refused."""
    complete = found.identity.version >= COMPLETE_FROM_VERSION and not found.unreadable_tables
    for indicator in found.catalog.indicators_filed_by(found.dept.code):
        filed = filed_by(found.catalog, indicator, found.dept.code)
        missing = [m for m in filed if m.code not in seen]
        if complete and len(missing) == len(filed):
            found.refuse(Refusal(found.path.name, indicator.name, (
                f"填报表缺少“{indicator.name}”的全部 {len(missing)} 项指标（工作表被删除？）。"
                "请恢复该工作表，或用 blank 重新生成填报表后再填写")))
        elif missing:
            names = "、".join(f"{m.name}（{m.code}）" for m in missing)
            found.notices.append(f"填报表缺少{indicator.name}的指标行：{names}；数据库中这些数值保持不变。")


# ---- formulas: take the result Excel saved with the file -----------------------------

def _resolve_formulas(found: DepartmentImport, pending: list) -> None:
    for code, row in pending:
        for cell in row.values():
            if cell.data_type != "f":
                continue
            if _EXTERNAL_REFERENCE.search(cell.formula):
                found.refuse(Refusal(
                    cell.where, cell.formula,
                    "公式引用了其他工作簿（外部链接），其结果可能已过时，本程序也不会打开其他文件。请改填数值",
                ))
                break
            if cell.value is None:
                found.refuse(Refusal(
                    cell.where, cell.formula,
                    "单元格是公式，但文件中没有保存计算结果（文件未经 Excel/WPS 保存）。请在 Excel 中打开并保存，或改填数值",
                ))
                break
            cell.data_type = ""
        else:
            _accept(code, row, found)
