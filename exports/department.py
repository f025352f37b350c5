"""The blank department workbook a department fills offline and sends back for import.

One sheet per indicator the department leads, laid out as a statistical form: 填报单位（盖章） and
统计期 with 表号, 制表机关, 批准文号, 有效期至 at the top right (``exports.form``), a table with one row
per metric, and below it the signatures 单位负责人, 统计负责人, 填表人, 联系电话, 报出日期 (a date).
Only the yellow cells are unlocked: 本期数值, 说明, 备注, 数据来源 and the signatures.  问题 lists what
the program found for the figure when the workbook was made (errors and warnings, one a line); 说明
is the explanation of those warnings (stored as each warning's explanation on import, see
``app.exchange``), 备注 a note on the figure.  指标代码 identifies each row for the import, which
never relies on positions (it finds the table by its header texts and reads the signatures below it
as fields, ``signature_row``).  Figures already in the store are pre-filled.  The last
column, 指标解释, says what each metric counts, its 计算公式 and 数据来源 (read-only; the import
reads columns by their headers and passes it by).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from exports import styles
from exports.cells import cell_number, number_format, reported_number, write_text
from exports.files import sheet_title
from exports.form import (
    DATE_LABEL,
    FOOTER_LABELS,
    UNIT_LABEL,
    Field,
    footer,
    footer_fields,
    form_block,
    labelled,
)
from exports.identity import CURRENT_VERSION, DEPARTMENT, Identity, write_identity
from exports.progress import CancelledFn, ProgressFn, Steps
from models.catalog import Catalog, Frequency, Indicator, Kind, Metric, Severity
from models.findings import Finding
from models.periods import Period
from models.profile import Contacts, Department
from models.texts import writable
from models.values import Value

# Table columns: key, header text, width, editable by the filer.
COLUMNS = (
    ("code", "指标代码", 14, False),
    ("name", "指标名称", 30, False),
    ("unit", "单位", 7, False),
    ("kind", "口径", 9, False),
    ("value", "本期数值", 14, True),
    ("last_year", "上年同期", 14, False),
    ("target", "目标值", 11, False),
    ("findings", "问题", 36, False),
    ("explanation", "说明", 30, True),
    ("note", "备注", 20, True),
    ("source", "数据来源", 18, True),
    ("meaning", "指标解释", 44, False),
)
COLUMN_OF = {key: number for number, (key, *_rest) in enumerate(COLUMNS, 1)}
# Header block: (row, label column) → field; the value sits in the next cell to the right.
HEADER_FIELDS = {(2, 1): "填报单位", (3, 1): "统计期"}
HINT_ROWS = (4, 5)
TABLE_HEADER_ROW = 6
# The field a label cell names, as the import reports it (earlier versions wrote 填报日期, 填报人 and
# 审核人 above the table; the signatures below it now say 报出日期, 填表人 and 统计负责人).
LABEL_FIELDS = {UNIT_LABEL: "填报单位", "填报单位": "填报单位", "统计期": "统计期", "填报日期": "填报日期",
                "填报人": "填报人", "联系电话": "联系电话", "审核人": "审核人", "单位负责人": "负责人",
                "统计负责人": "审核人", "填表人": "填报人", DATE_LABEL: "填报日期"}
KIND_LABELS = {Kind.YTD: "累计", Kind.LEVEL: "期末时点", Kind.QUARTER: "当季"}
FREQUENCY_LABELS = {Frequency.HALF: "半年（第二、四季度填报）", Frequency.YEAR: "年度（第四季度填报）"}
HINT = ("填写说明：只填黄色单元格（本期数值、说明、备注、数据来源，以及表尾的单位负责人、统计负责人、填表人、联系电话、报出日期）。"
        "百分比直接输入，如 99.38%；请勿改动指标代码，导入时按指标代码逐行匹配。"
        "“问题”列是程序发现的问题：错误须改正数值，需核实的请改正或在“说明”中写明原因；“备注”是对数值的附注。"
        "最后一列“指标解释”写明每项指标统计什么、怎样计算、数据从哪里来。")


@dataclass(frozen=True)
class DepartmentBook:
    """Everything a blank department workbook shows."""

    catalog: Catalog
    period: Period
    dept: Department
    current: Mapping[str, Value]  # metric code → this period's stored figure
    last_year: Mapping[str, Value]  # metric code → the same quarter last year
    contacts: Contacts
    written_at: str
    findings: Mapping[str, Sequence[Finding]] = field(default_factory=dict)  # metric → errors and warnings
    explanations: Mapping[str, str] = field(default_factory=dict)  # metric → the 说明 already given


def department_workbook(book: DepartmentBook, progress: ProgressFn | None = None,
                        is_cancelled: CancelledFn | None = None) -> Workbook:
    indicators = book.catalog.indicators_filed_by(book.dept.code)
    steps = Steps(len(book.catalog.metrics_of_department(book.dept.code)), progress, is_cancelled, every=20)
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for indicator in indicators:
        ws = wb.create_sheet(sheet_title(writable(indicator.name), taken))
        _indicator_sheet(ws, book, indicator, steps)
    write_identity(wb, Identity(
        kind=DEPARTMENT, version=CURRENT_VERSION[DEPARTMENT], period=book.period.code,
        dept=book.dept.code, catalog_year=book.catalog.year, written_at=book.written_at,
        extra={"dept_name": book.dept.name, "district": book.catalog.profile.district},
    ))
    steps.finish()
    return wb


def filed_by(catalog: Catalog, indicator: Indicator, dept_code: str) -> list[Metric]:
    """The indicator's metrics the department files (another may file some of them, or lead the indicator)."""
    return [m for m in indicator.metrics if catalog.department_of(m.code) == dept_code]


def _indicator_sheet(ws: Worksheet, book: DepartmentBook, indicator: Indicator, steps: Steps) -> None:
    _title(ws, book, indicator)
    _header_block(ws, book)
    _table_header(ws)
    validations: dict[tuple, DataValidation] = {}  # one rule for all cells with the same check
    for row, metric in enumerate(filed_by(book.catalog, indicator, book.dept.code), TABLE_HEADER_ROW + 1):
        _metric_row(ws, row, book, metric)
        rule = _validation(metric)
        if rule is not None:
            key = (rule.type, rule.operator, rule.formula1, rule.formula2, rule.error, rule.prompt)
            validations.setdefault(key, rule).add(ws.cell(row, COLUMN_OF["value"]))
        steps.advance()
    for validation in validations.values():
        ws.add_data_validation(validation)
    # no merged cells below the table's header: the import refuses those over the table's columns
    end = footer(ws, ws.max_row + 2, footer_fields(book.contacts, None, editable=True), merge=False)
    _finish_sheet(ws, end)


def _title(ws: Worksheet, book: DepartmentBook, indicator: Indicator) -> None:
    last = get_column_letter(len(COLUMNS))
    ws.merge_cells(f"A1:{last}1")
    district = book.catalog.profile.district
    write_text(ws["A1"], f"{district}{book.period.cumulative_label}营商环境指标填报表——{indicator.name}")
    ws["A1"].font, ws["A1"].alignment = styles.TITLE, styles.CENTER
    ws.row_dimensions[1].height = 30
    top, bottom = HINT_ROWS
    ws.merge_cells(start_row=top, start_column=1, end_row=bottom, end_column=len(COLUMNS) - 2)
    write_text(ws.cell(top, 1), HINT)
    ws.cell(top, 1).font, ws.cell(top, 1).alignment = styles.SMALL, styles.LEFT
    width = sum(w for _key, _header, w, _editable in COLUMNS[:-2]) * 11 / 9  # 9-point type: more per line
    height = styles.row_height([(HINT, width)], font_size=9) / (bottom - top + 1)
    for row in range(top, bottom + 1):
        ws.row_dimensions[row].height = max(height, 20)  # the form's particulars beside it need 20


def _header_block(ws: Worksheet, book: DepartmentBook) -> None:
    """填报单位（盖章） and 统计期 at the left (the workbook's, locked), the form's particulars at the right."""
    labels = {"填报单位": UNIT_LABEL, "统计期": "统计期"}
    values = {"填报单位": book.dept.name, "统计期": book.period.label}
    for (row, column), name in HEADER_FIELDS.items():
        labelled(ws, row, column, (column + 1, column + 2), Field(labels[name], values[name]))
    form_block(ws, 2, book.catalog.profile.form, len(COLUMNS))


def field_of(text: str) -> str | None:
    """The header or signature field a label cell names (“填报单位（盖章）：” → 填报单位), else None."""
    return LABEL_FIELDS.get(text.strip().rstrip("：:").strip())


def signature_row(texts: list[str]) -> bool:
    """Whether a row holds signatures (“单位负责人：” … “报出日期：”) rather than a metric's figures; a
    label without its colon is not one (a note may well say 联系电话)."""
    return any(text.strip().rstrip("：:") in FOOTER_LABELS for text in texts if text and text.strip()[-1:] in "：:")


def _table_header(ws: Worksheet) -> None:
    for column, (_key, header, width, _editable) in enumerate(COLUMNS, 1):
        cell = ws.cell(TABLE_HEADER_ROW, column)
        write_text(cell, header)
        styles.apply(cell, "header")
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.row_dimensions[TABLE_HEADER_ROW].height = 24


_BODY_STYLES = {"code": "key", "name": "left", "unit": "center", "kind": "center", "value": "input_number",
                "last_year": "number", "target": "center", "findings": "left", "explanation": "input_left",
                "note": "input_left", "source": "input_left"}


def _metric_row(ws: Worksheet, row: int, book: DepartmentBook, metric: Metric) -> None:
    current, before = book.current.get(metric.code), book.last_year.get(metric.code)
    texts = {"code": metric.code, "name": metric.name, "unit": metric.unit,
             "kind": KIND_LABELS[metric.kind],
             "target": metric.target.text(metric.unit) if metric.target else "",
             "findings": findings_text(book.findings.get(metric.code, ())),
             "explanation": book.explanations.get(metric.code, ""),
             "note": current.note if current else "", "source": current.source if current else ""}
    figures = {"value": current, "last_year": before}
    for key, style in _BODY_STYLES.items():
        cell = ws.cell(row, COLUMN_OF[key])
        if key in figures:
            styles.apply(cell, style, number_format(metric))
            cell.value = _figure_number(key, figures[key], metric)
        else:
            styles.apply(cell, style)
            write_text(cell, texts[key] or None)
    reason = book.catalog.not_applicable(metric.code)
    if reason:  # not reported here: said in the value cell, the reason in its note; not for typing
        _not_applicable_cell(ws.cell(row, COLUMN_OF["value"]), reason)
    meaning = _meaning_cell(ws, row, metric)
    _widen(ws, COLUMN_OF["name"], metric.name)
    _widen(ws, COLUMN_OF["code"], metric.code)
    wrapped = [(texts[key] or "", _width(ws, key)) for key in ("name", "findings", "explanation", "note", "source")]
    ws.row_dimensions[row].height = max(styles.row_height(wrapped, minimum=20),
                                        styles.row_height([(meaning, _width(ws, "meaning") * 11 / 9)], font_size=9))  # 9-point type: more per line


SEVERITY_MARKS = {Severity.ERROR: "【须改正】", Severity.WARNING: "【请核实】"}


def findings_text(findings: Sequence[Finding]) -> str:
    """The 问题 cell: one finding a line, errors first, each marked with what it asks of the filer."""
    shown = sorted((f for f in findings if f.severity in SEVERITY_MARKS), key=lambda f: f.severity != Severity.ERROR)
    return "\n".join(f"{SEVERITY_MARKS[f.severity]}{f.message}" for f in shown)


def _not_applicable_cell(cell, reason: str) -> None:
    styles.apply(cell, "center")
    write_text(cell, "不适用")
    cell.comment = Comment(f"本区不适用：{reason}", "营商办")


def _meaning_cell(ws: Worksheet, row: int, metric: Metric) -> str:
    """指标解释 in small grey type beside the row: read where the figure is typed, printed with it."""
    text = meaning_text(metric)
    cell = ws.cell(row, COLUMN_OF["meaning"])
    styles.apply(cell, "left")
    cell.font = styles.SMALL
    write_text(cell, text or None)
    return text


def meaning_text(metric: Metric) -> str:
    """What is counted, then 计算公式 and 数据来源 when the catalog gives them; the frequency only
    when the figure is not due every quarter (a quarterly workbook's usual case is no news)."""
    lines = [metric.description] if metric.description else []
    lines += [f"{label}：{text}" for label, text in (("计算公式", metric.formula), ("数据来源", metric.data_source),
                                                    ("填报频率", FREQUENCY_LABELS.get(metric.frequency, ""))) if text]
    return "\n".join(lines)


def _width(ws: Worksheet, key: str) -> float:
    return ws.column_dimensions[get_column_letter(COLUMN_OF[key])].width


def _figure_number(key: str, figure: Value | None, metric: Metric) -> float | int | None:
    """本期数值 as stored (the workbook comes back: what was typed must survive it), shown at the
    precision by the cell format (the spreadsheet rounds it: LibreOffice may show a tie such as
    84.605% as 84.60%); 上年同期 as reported, rounded half-up to the precision."""
    if figure is None:
        return None
    return cell_number(figure.number, metric) if key == "value" else reported_number(figure.number, metric)


def _widen(ws: Worksheet, column: int, text: str, limit: float = 44) -> None:
    dimension = ws.column_dimensions[get_column_letter(column)]
    dimension.width = max(dimension.width or 0, min(styles.text_width(text) + 2, limit))


def _validation(metric: Metric) -> DataValidation | None:
    """Excel's own check on the value cell, with the unit and range as an input hint."""
    lower, upper = metric.lower_bound, metric.upper_bound
    scale = 100 if metric.unit == "%" else 1  # percent cells hold fractions
    kind = "whole" if metric.is_integer else "decimal"
    if lower is not None and upper is not None:
        rule = DataValidation(type=kind, operator="between", formula1=_num(lower / scale), formula2=_num(upper / scale))
    elif lower is not None:
        rule = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=_num(lower / scale))
    elif upper is not None:
        rule = DataValidation(type=kind, operator="lessThanOrEqual", formula1=_num(upper / scale))
    else:
        return None
    rule.allow_blank, rule.errorStyle = True, "warning"
    rule.error, rule.errorTitle = _range_text(metric), "数值超出范围"
    rule.prompt, rule.promptTitle = _hint_text(metric), "填报提示"
    rule.showErrorMessage = rule.showInputMessage = True
    return rule


def _num(number: float) -> str:
    return f"{number:g}"


def _range_text(metric: Metric) -> str:
    lower, upper, unit = metric.lower_bound, metric.upper_bound, metric.unit
    whole = "整数，" if metric.is_integer else ""
    if upper is None:
        return f"应为{whole}不小于 {lower:g}{unit} 的数值。可选“是”保留，导入时程序会再次校验。"
    return f"应为{whole}{lower:g}{unit}～{upper:g}{unit} 之间的数值。可选“是”保留，导入时程序会再次校验。"


def _hint_text(metric: Metric) -> str:
    parts = [f"单位：{metric.unit}", KIND_LABELS[metric.kind]]
    if metric.decimals:
        parts.append(f"保留 {metric.decimals} 位小数（多填的小数照原样保存）")
    if metric.target:
        parts.append(f"目标 {metric.target.text(metric.unit)}")
    return "；".join(parts)


def _finish_sheet(ws: Worksheet, last_row: int) -> None:
    ws.freeze_panes = f"C{TABLE_HEADER_ROW + 1}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # filers may still widen columns and rows
    ws.protection.formatRows = False
    area = f"A1:{get_column_letter(len(COLUMNS))}{last_row}"
    styles.print_landscape(ws, f"{TABLE_HEADER_ROW}:{TABLE_HEADER_ROW}", area=area)
