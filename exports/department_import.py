"""Reading a filled department workbook: every row matched by 指标代码 and checked for scope.

The reader is pure: it turns a file into rows (figure parsed exactly like a typed entry) and a
list of refusals, each naming sheet!cell, the value and the reason.  Whether anything is stored
(all-or-nothing, locks, what changes) is decided by the application layer.

Guards against a file that reads but means something else than it seems:

- a row whose 指标名称 is not the name of its 指标代码 (cells shifted by a row, a code typed
  over) is refused: the figure beside it belongs to another metric;
- merged cells over the table's columns are refused: one typed figure would stand for two rows;
- a current-format workbook missing every row of an indicator (a deleted sheet) is refused;
  single missing rows are mentioned (their stored figures stay as they are);
- a formula is taken by the result Excel saved with the file (what the filer saw); one without a
  saved result, or one computed from another workbook (an external link), is refused;
- a note or source that no workbook cell can hold (over 32,767 characters) is refused.

A file with a problem in every cell is not read to its end: after ``MAX_LISTED`` refusals and
one more (which says there are more), reading stops; each refusal quotes at most
``MAX_SHOWN_CHARS`` characters of its cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils.cell import range_boundaries

from exports.cells import CellValueError, text_of, typed_text
from exports.department import field_of, filed_by, signature_row
from exports.identity import DEPARTMENT, META_SHEET, Identity, IdentityError, read_identity
from exports.progress import CancelledFn, ProgressFn, Steps
from exports.safe_open import guarded, open_workbook
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
    "note": ("说明", "备注"),
    "source": ("数据来源", "来源"),
}
# Columns each format version has; a missing one is a refusal, an absent optional one is kept.
REQUIRED = {1: ("code", "value", "note"), 2: ("code", "value", "note", "source")}
COMPLETE_FROM_VERSION = 2  # the program writes every row of the department from this version on
_MERGE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
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
    note: str | None  # None: the workbook has no 说明 column
    source: str | None  # None: the workbook has no 数据来源 column


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
    fmt: str | None
    data_type: str


def read_department_workbook(path: Path, catalog_for: Callable[[Period], Catalog],
                             progress: ProgressFn | None = None,
                             is_cancelled: CancelledFn | None = None) -> DepartmentImport:
    """Read and check a department workbook; raises WorkbookError / IdentityError if unusable."""
    wb = open_workbook(path, read_only=True)
    try:
        with guarded(path):
            found = _identify(Path(path), wb, catalog_for)
            steps = Steps(len(found.catalog.metrics_of_department(found.dept.code)), progress, is_cancelled, every=50)
            seen: dict[str, str] = {}
            try:
                formulas = _read_sheets(wb, found, seen, steps)
            except _TooManyRefusals:
                found.stopped, formulas = True, []
    finally:
        wb.close()
    try:
        if formulas:
            _resolve_formulas(found, formulas)
        if not found.stopped:
            _check_complete(found, seen)
    except _TooManyRefusals:
        found.stopped = True
    steps.finish()
    return found


def _identify(path: Path, wb, catalog_for) -> DepartmentImport:
    identity = read_identity(wb, DEPARTMENT)
    try:
        period = Period.parse(identity.period)
    except PeriodError as exc:
        raise IdentityError(f"填报表记录的统计期“{identity.period}”无法识别，文件可能被改动过。") from exc
    catalog = catalog_for(period)
    dept = catalog.department(identity.dept)
    if dept is None:
        raise IdentityError(f"填报表记录的部门代码“{identity.dept}”不在本区县的部门列表中。")
    return DepartmentImport(path=path, identity=identity, period=period, dept=dept, catalog=catalog)


# ---- reading the sheets --------------------------------------------------------------

def _read_sheets(wb, found: DepartmentImport, seen: dict[str, str], steps: Steps) -> list:
    pending: list = []
    for ws in wb.worksheets:
        if ws.title == META_SHEET:
            continue
        ws.reset_dimensions()
        pending += _read_sheet(ws, found, seen, steps)
    return pending


def _read_sheet(ws, found: DepartmentImport, seen: dict[str, str], steps: Steps) -> list:
    rows = ws.iter_rows(max_col=MAX_COLUMNS)
    header = _find_header(rows, ws.title, found)
    if header is None:
        found.notices.append(f"工作表“{ws.title}”没有“指标代码”表头，未读取。")
        return []
    columns, header_row = header
    if not _has_columns(ws.title, header_row, columns, found):
        return []
    _refuse_merged_table_cells(ws, columns, header_row, found)
    pending = []
    for cells in rows:
        texts = [text_of(getattr(c, "value", None)) for c in cells]
        if signature_row(texts):  # below the table: 填表人 … 报出日期 are fields, not a metric's row
            _header_fields(ws.title, cells, texts, found)
            continue
        row = _row_cells(ws.title, cells, columns)
        if row is not None:
            pending += _take_row(row, found, seen)
            steps.advance()
    return pending


def _find_header(rows, title: str, found: DepartmentImport):
    """Scan the header block (checking 填报单位 and 统计期) down to the 指标代码 row."""
    for _ in range(HEADER_SEARCH_ROWS):
        cells = next(rows, None)
        if cells is None:
            return None
        texts = [text_of(getattr(c, "value", None)) for c in cells]
        if HEADERS["code"][0] in texts:
            row_number = next(c.row for c in cells if getattr(c, "value", None) is not None)
            return _column_map(texts), row_number
        _header_fields(title, cells, texts, found)
    return None


def _column_map(texts: list[str]) -> dict[str, int]:
    columns = {}
    for index, text in enumerate(texts):
        for key, names in HEADERS.items():
            if text in names and key not in columns:
                columns[key] = index
    return columns


def _has_columns(title: str, header_row: int, columns: dict[str, int], found: DepartmentImport) -> bool:
    missing = [HEADERS[key][0] for key in REQUIRED[found.identity.version] if key not in columns]
    for name in missing:
        found.refuse(Refusal(f"{title}!{header_row}行", "", f"表头缺少“{name}”列，无法读取本工作表"))
    found.unreadable_tables += bool(missing)
    return not missing


def _header_fields(title: str, cells, texts: list[str], found: DepartmentImport) -> None:
    for index, text in enumerate(texts):
        label = field_of(text)
        if label is None or index + 1 >= len(texts):
            continue
        value = texts[index + 1]
        where = f"{title}!{cells[index + 1].coordinate}" if hasattr(cells[index + 1], "coordinate") else title
        _check_header_field(label, value, where, found)


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


def _row_cells(title: str, cells, columns: dict[str, int]) -> dict[str, _Cell] | None:
    row = {}
    for key, index in columns.items():
        cell = cells[index] if index < len(cells) else None
        value = getattr(cell, "value", None)
        coordinate = getattr(cell, "coordinate", None)
        row[key] = _Cell(f"{title}!{coordinate}" if coordinate else title, value,
                         getattr(cell, "number_format", None), getattr(cell, "data_type", ""))
    if all(c.value is None or text_of(c.value) == "" for c in row.values()):
        return None
    return row


# ---- checking one row ----------------------------------------------------------------

def _take_row(row: dict[str, _Cell], found: DepartmentImport, seen: dict[str, str]) -> list:
    """Check a row; returns it as pending when a cell holds a formula whose result is needed."""
    code_cell = row["code"]
    code = text_of(code_cell.value)
    if not code:
        filled = next(c for c in row.values() if c.value is not None)
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
        text = typed_text(cell.value, cell.fmt, cell.data_type)
        if text == NOT_APPLICABLE_TEXT and found.catalog.not_applicable(code):
            return  # the workbook shows 不适用 where the district does not report: nothing to store
        parsed = None if text is None else parse_entry(text, metric)
    except (CellValueError, EntryError) as exc:
        found.refuse(Refusal(cell.where, text_of(cell.value), f"{metric.name}：{exc}"))
        return
    if not _texts_fit(metric.name, row, found):
        return
    found.rows.append(ImportedRow(
        where=cell.where, metric=code, parsed=parsed,
        note=text_of(row["note"].value) if "note" in row else None,
        source=text_of(row["source"].value) if "source" in row else None,
    ))


def _texts_fit(name: str, row: dict[str, _Cell], found: DepartmentImport) -> bool:
    fits = True
    for key, label in (("note", "说明"), ("source", "数据来源")):
        cell = row.get(key)
        problem = text_problem(text_of(cell.value)) if cell else ""
        if problem:
            found.refuse(Refusal(cell.where, text_of(cell.value), f"{name}的{label}{problem}"))  # Refusal shortens it
            fits = False
    return fits


# ---- the shape of the table: merged cells, missing rows ---------------------------------

def _refuse_merged_table_cells(ws, columns: dict[str, int], header_row: int, found: DepartmentImport) -> None:
    """Merged cells over the table's columns below the header (read-only sheets do not show them)."""
    letters = {index + 1: HEADERS[key][0] for key, index in columns.items()}
    for ref in _merged_ranges(ws):
        first_col, _, last_col, last_row = range_boundaries(ref)
        hit = [name for column, name in sorted(letters.items()) if first_col <= column <= last_col]
        if hit and last_row > header_row:
            found.refuse(Refusal(f"{ws.title}!{ref}", "", (
                f"表格中“{'、'.join(hit)}”列的单元格被合并，一个数值无法对应到各项指标。"
                "请取消合并，逐项填写后再导入")))


def _merged_ranges(ws) -> list[str]:
    """The mergeCell ranges of a read-only sheet, scanned from its XML in bounded blocks."""
    archive, part = getattr(ws.parent, "_archive", None), getattr(ws, "_worksheet_path", None)
    if archive is None or part is None:
        return []
    return [match.decode() for match in _scan(archive, part, _MERGE)]


def _scan(archive, part: str, pattern: re.Pattern, chunk: int = 2**20, overlap: int = 256) -> Iterator[bytes]:
    tail = b""
    with archive.open(part) as stream:
        while block := stream.read(chunk):
            data = tail + block
            cut = max(len(data) - overlap, 0)
            yield from (m.group(1) for m in pattern.finditer(data) if m.start() < cut)
            tail = data[cut:]
    yield from (m.group(1) for m in pattern.finditer(tail))


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
    results = _cached_results(found.path, {c.where for _code, row in pending for c in row.values()
                                           if c.data_type == "f"})
    for code, row in pending:
        for cell in row.values():
            if cell.data_type != "f":
                continue
            if _EXTERNAL_REFERENCE.search(str(cell.value)):
                found.refuse(Refusal(
                    cell.where, str(cell.value),
                    "公式引用了其他工作簿（外部链接），其结果可能已过时，本程序也不会打开其他文件。请改填数值",
                ))
                break
            if results.get(cell.where) is None:
                found.refuse(Refusal(
                    cell.where, str(cell.value),
                    "单元格是公式，但文件中没有保存计算结果（文件未经 Excel/WPS 保存）。请在 Excel 中打开并保存，或改填数值",
                ))
                break
            cell.value, cell.data_type = results[cell.where], ""
        else:
            _accept(code, row, found)


def _cached_results(path: Path, wanted: set[str]) -> dict[str, object]:
    wb = open_workbook(path, read_only=True, data_only=True)
    results = {}
    try:
        with guarded(path):
            for ws in wb.worksheets:
                ws.reset_dimensions()
                for cells in ws.iter_rows(max_col=MAX_COLUMNS):
                    for cell in cells:
                        where = f"{ws.title}!{getattr(cell, 'coordinate', '')}"
                        if where in wanted:
                            results[where] = cell.value
    finally:
        wb.close()
    return results
