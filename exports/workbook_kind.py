"""Which of the program's workbooks a file is, when it was given where a department workbook belongs.

The coordinator picks files from one folder holding every kind the program writes: the
provincial submission (报送件, with its own ``_meta``), the validation report (a 校验结果 sheet),
the catalog workbook (目录, 一级指标, 指标 …).  Importing one of them by mistake is named as what
it is, never called damaged.  A department workbook whose ``_meta`` sheet was unhidden and edited
(another department or period typed in) gives one message, not a refusal per sheet and per row.
"""

from __future__ import annotations

from exports.book_read import BookData, SheetData
from exports.cells import text_of
from exports.department import field_of
from exports.identity import META_SHEET
from models.catalog import Catalog
from models.periods import Period, PeriodError
from models.profile import Department

DEPARTMENT_NAME = "部门填报表"
ADVICE = "；请导入部门填报表（用 blank 命令或“文件 → 生成部门填报表”生成，由部门填写后交回）。"
# Sheet names only the program's other workbooks carry (exports.catalog_book, app.validation_report).
CATALOG_SHEETS = {"目录", "一级指标", "指标"}
REPORT_SHEET = "校验结果"
HEADER_ROWS = 30


def not_a_department_workbook(book: BookData) -> str:
    """What a workbook without ``_meta`` is, said for the coordinator."""
    names = set(book.sheet_names)
    if CATALOG_SHEETS <= names:
        return f"这是指标目录工作簿，不是{DEPARTMENT_NAME}（目录请在“设置 → 导入年度目录”中导入）{ADVICE}"
    if REPORT_SHEET in names:
        return f"这是校验报告，不是{DEPARTMENT_NAME}{ADVICE}"
    return (f"不是本程序生成的{DEPARTMENT_NAME}（缺少隐藏的“{META_SHEET}”信息页），无法确定统计期和填报单位"
            f"{ADVICE}")


def meta_edited(book: BookData, meta: SheetData, period: Period, dept: Department, catalog: Catalog) -> str:
    """A message when every sheet's header names another department or period than ``_meta``:
    the information page was edited (the headers are protected cells, ``_meta`` is hidden)."""
    headers = [_header(sheet) for sheet in book.sheets if sheet.title != META_SHEET]
    units = {_dept_code(catalog, unit) for unit, _ in headers if unit}
    periods = {_period(label) for _, label in headers if label}
    if len(units) == 1 and units != {dept.code} or len(periods) == 1 and periods != {period}:
        shown = "（该页已被取消隐藏）" if meta.visible else ""
        said = "、".join(dict.fromkeys([u for u, _ in headers if u] + [p for _, p in headers if p]))
        return (f"隐藏信息页 {META_SHEET}!B3:B4 被改动过{shown}：它记录的是{dept.name}{period.label}，"
                f"而各工作表表头是{said}。无法确定这份填报表属于哪个部门、哪个统计期，未导入任何数据。"
                "请用 blank 命令重新生成填报表，把数值抄入后再导入。")
    return ""


def _header(sheet: SheetData) -> tuple[str, str]:
    """填报单位 and 统计期 as the sheet's header block shows them."""
    found = {}
    for cells in sheet.rows[:HEADER_ROWS]:
        texts = [text_of(v) for v in cells]
        if "指标代码" in texts:
            break
        for index, text in enumerate(texts[:-1]):
            label = field_of(text)  # “填报单位（盖章）：” as well as the older “填报单位：”
            if label in ("填报单位", "统计期") and label not in found:
                found[label] = texts[index + 1]
    return found.get("填报单位", ""), found.get("统计期", "")


def _dept_code(catalog: Catalog, name: str) -> str:
    dept = catalog.department(name)
    return dept.code if dept else name


def _period(label: str) -> Period | str:
    try:
        return Period.parse(label)
    except PeriodError:
        return label
