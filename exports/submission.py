"""The provincial submission in the built-in layout: a cover, one sheet per indicator, 校验结果.

It should look like what a government office sends: a statistical form's header (表号, 制表机关,
批准文号, 有效期至, 填报单位（盖章）) and signatures (单位负责人 … 报出日期) on every indicator sheet,
a two-level merged header, borders, Chinese fonts, one number format per metric from its precision,
A4 landscape print set-up with the table's header rows repeated on every page and the print area
holding the signatures.  A draft says so on every sheet (title, tab colour and printed page header).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports import styles
from exports.cells import number_format, reported_number, text_cell, write_text
from exports.files import sheet_title
from exports.findings_sheet import findings_sheet
from exports.form import DATE_FORMAT, UNIT_LABEL, footer, footer_fields, form_block
from exports.identity import CURRENT_VERSION, SUBMISSION, Identity, write_identity
from exports.progress import CancelledFn, ProgressFn, Steps
from models.catalog import RULE_LABELS, Catalog, Indicator, Metric, Severity
from models.findings import Finding, Report
from models.periods import Period
from models.profile import Contacts
from models.texts import writable
from models.values import Value

DRAFT_MARK = "草稿"
# (header, width); the two-level header groups columns 5–6 and 7–8.
COLUMNS = (("序号", 6), ("指标名称", 30), ("指标代码", 18), ("单位", 8), ("本期", 13), ("上年同期", 13),
           ("目标值", 11), ("达标情况", 10), ("填报单位", 15), ("说明", 42))
GROUPS = {5: ("指标数值", 6), 7: ("年度目标", 8)}  # first column → (group header, last column)
COVER_FIELDS = ("区县", "统计期", "填报单位", "填报人", "联系电话", "审核人", "负责人", "报送日期")
FORM_ROWS = (2, 5)  # 表号 … 有效期至 at the right; 填报单位（盖章） and the indicator's particulars at the left
HEADER_ROWS = (6, 7)
FIRST_ROW = 8


@dataclass(frozen=True)
class SubmissionData:
    """Everything the submission shows; the application layer gathers it from the store."""

    catalog: Catalog
    period: Period
    values: Mapping[str, Value]  # metric code → this period's figure
    last_year: Mapping[str, Value]
    report: Report
    contacts: Contacts
    written_at: str  # ISO date-time of the export
    draft: bool = False

    @property
    def district(self) -> str:
        return self.catalog.profile.district

    @property
    def office(self) -> str:
        coordinator = self.catalog.department(self.catalog.profile.coordinator)
        return coordinator.name if coordinator else ""

    def title(self, text: str) -> str:
        return f"{text}（{DRAFT_MARK}）" if self.draft else text

    def explanations(self, metric: str) -> list[Finding]:
        return self._explained.get(metric, [])

    @cached_property
    def _explained(self) -> dict[str, list[Finding]]:
        """Explained findings by metric, gathered once (not one pass over all findings per row)."""
        found: dict[str, list[Finding]] = {}
        for finding in self.report.findings:
            if finding.explained:
                found.setdefault(finding.metric, []).append(finding)
        return found

    def dept_name(self, metric: str) -> str:
        dept = self.catalog.department(self.catalog.department_of(metric))
        return dept.name if dept else ""

    def note(self, metric: str) -> str:
        """The filer's note and every written explanation of a finding on this metric."""
        value = self.values.get(metric)
        parts = [value.note] if value and value.note else []
        parts += [f"【{RULE_LABELS[f.kind]}】{f.explanation}" for f in self.explanations(metric)]
        return "\n".join(parts)

    @property
    def reported(self) -> date:
        """报送日期 / 报出日期: the day of the export."""
        return date.fromisoformat(self.written_at[:10])

    def header_fields(self) -> dict[str, str]:
        """Fields a template may name as {{meta:…}} and the cover shows."""
        contacts, period = self.contacts, self.period
        return {"区县": self.district, "统计期": period.label, "统计期累计": period.cumulative_label,
                "统计期代码": period.code, "评价年度": str(self.catalog.year), "填报单位": self.office,
                "填报人": contacts.filer, "联系电话": contacts.phone, "审核人": contacts.reviewer,
                "负责人": contacts.head, "报送日期": self.written_at[:10], "填报日期": self.written_at[:10],
                "单位负责人": contacts.head, "统计负责人": contacts.reviewer, "填表人": contacts.filer,
                "报出日期": self.written_at[:10], **dict(self.catalog.profile.form.items())}


def submission_workbook(data: SubmissionData, progress: ProgressFn | None = None,
                        is_cancelled: CancelledFn | None = None) -> Workbook:
    steps = Steps(len(data.catalog.metrics) + len(data.report.findings), progress, is_cancelled)
    wb = Workbook()
    cover(wb.active, data)
    taken = {wb.active.title}
    for number, indicator in enumerate(data.catalog.indicators, 1):
        ws = wb.create_sheet(sheet_title(writable(indicator.name), taken))
        indicator_sheet(ws, data, number, indicator, steps)
    findings_sheet(wb.create_sheet(sheet_title("校验结果", taken)), data, steps)
    if data.draft:
        for ws in wb.worksheets:
            mark_draft(ws)
    write_identity(wb, Identity(kind=SUBMISSION, version=CURRENT_VERSION[SUBMISSION],
                                period=data.period.code, catalog_year=data.catalog.year,
                                written_at=data.written_at, draft=data.draft,
                                extra={"district": data.district}))
    steps.finish()
    return wb


def mark_draft(ws: Worksheet) -> None:
    ws.sheet_properties.tabColor = "C00000"
    styles.mark_print_header(ws, DRAFT_MARK)


# ---- cover ---------------------------------------------------------------------------

def cover(ws: Worksheet, data: SubmissionData) -> None:
    ws.title = "封面"
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 18
    ws.column_dimensions["C"].width = 50
    _merged_text(ws, "B2:C2", data.title(f"{data.district}营商环境评价指标数据报送表"), styles.font(22, True, styles.TITLE_FONT), 48)
    _merged_text(ws, "B3:C3", f"（{data.period.cumulative_label}）", styles.font(14), 26)
    row = 5
    for label, value in _cover_fields(data):
        _field(ws, row, label, value)
        row += 1
    date_cell = ws.cell(row - 1, 3)  # 报送日期, the last field: a date, not text
    date_cell.value, date_cell.number_format = data.reported, DATE_FORMAT
    _merged_text(ws, f"B{row + 1}:C{row + 1}", _summary(data), styles.BODY, 60, styles.LEFT)
    if data.draft:
        _merged_text(ws, f"B{row + 2}:C{row + 2}", "草 稿 —— 数据尚未通过校验，不得作为正式报送件", styles.font(16, True, color="FFC00000"), 32)
    styles.print_landscape(ws)


def _cover_fields(data: SubmissionData) -> list[tuple[str, str]]:
    fields = data.header_fields()
    fields["统计期"] = f"{data.period.label}（{data.period.cumulative_label}累计）"
    return [(label, fields[label]) for label in COVER_FIELDS]  # 报送日期 last


def _field(ws: Worksheet, row: int, label: str, value: str) -> None:
    write_text(ws.cell(row, 2), label)
    write_text(ws.cell(row, 3), value or None)
    ws.cell(row, 2).font, ws.cell(row, 2).alignment = styles.HEADER, styles.CENTER
    ws.cell(row, 2).fill = styles.HEADER_FILL
    ws.cell(row, 3).font, ws.cell(row, 3).alignment = styles.font(12), styles.LEFT
    ws.cell(row, 2).border = ws.cell(row, 3).border = styles.GRID
    ws.row_dimensions[row].height = 26


def _summary(data: SubmissionData) -> str:
    report, catalog = data.report, data.catalog
    errors, warnings = report.of_severity(Severity.ERROR), report.of_severity(Severity.WARNING)
    explained = sum(1 for f in warnings if f.explained)
    return (f"一级指标 {len(catalog.indicators)} 个，指标 {len(catalog.metrics)} 项，已填报 {len(data.values)} 项。"
            f"校验结果：错误 {len(errors)} 项，警告 {len(warnings)} 项（已说明 {explained} 项），"
            f"提示 {len(report.of_severity(Severity.INFO))} 项，详见“校验结果”工作表。")


def _merged_text(ws: Worksheet, span: str, text: str, font, height: float, alignment=styles.CENTER) -> None:
    ws.merge_cells(span)
    cell = ws[span.split(":")[0]]
    write_text(cell, text)
    cell.font, cell.alignment = font, alignment
    ws.row_dimensions[cell.row].height = height


# ---- one sheet per indicator ------------------------------------------------------------

def indicator_sheet(ws: Worksheet, data: SubmissionData, number: int, indicator: Indicator, steps: Steps) -> None:
    last = get_column_letter(len(COLUMNS))
    title = f"{data.district}{data.period.cumulative_label}营商环境评价指标数据——{number}. {indicator.name}"
    _merged_text(ws, f"A1:{last}1", data.title(title), styles.TITLE, 34)
    top, bottom = FORM_ROWS
    before_form = get_column_letter(len(COLUMNS) - 2)
    _merged_text(ws, f"A{top}:{before_form}{top}", f"{UNIT_LABEL}：{data.office}", styles.BODY, 20, styles.LEFT)
    _merged_text(ws, f"A{top + 1}:{before_form}{bottom}", _info_line(data, indicator), styles.SUBTITLE, 20, styles.LEFT)
    form_block(ws, top, data.catalog.profile.form, len(COLUMNS))
    two_level_header(ws)
    widest_code = max(styles.text_width(m.code) for m in indicator.metrics)
    ws.column_dimensions["C"].width = max(COLUMNS[2][1], widest_code * 0.85 + 2)  # small font
    arrays = [styles.style_array(ws, name) for name in _ROW_STYLES]
    for row, metric in enumerate(indicator.metrics, FIRST_ROW):
        _metric_row(ws, row, data, metric, arrays)
        steps.advance()
    ws.freeze_panes = f"C{FIRST_ROW}"
    end = footer(ws, ws.max_row + 2, footer_fields(data.contacts, data.reported))
    styles.print_landscape(ws, f"{HEADER_ROWS[0]}:{HEADER_ROWS[1]}", area=f"A1:{last}{end}")


def _info_line(data: SubmissionData, indicator: Indicator) -> str:
    catalog = data.catalog
    lead = catalog.lead_of(indicator.code)
    cooperating = [catalog.department(c).name for c in catalog.profile.cooperating.get(indicator.code, ())]
    filers = dict.fromkeys(catalog.department_of(m.code) for m in indicator.metrics if catalog.department_of(m.code) != lead)
    parts = [f"牵头单位：{catalog.department(lead).name}", f"统计期：{data.period.label}"]
    if cooperating:
        parts.insert(1, f"配合单位：{'、'.join(cooperating)}")
    if filers:  # metrics another department files (its name stands in each row's 填报单位)
        parts.insert(1, f"另有填报单位：{'、'.join(catalog.department(d).name for d in filers)}")
    return "    ".join(parts)


def two_level_header(ws: Worksheet) -> None:
    top, bottom = HEADER_ROWS
    for column, (header, width) in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(column)].width = width
        for row in HEADER_ROWS:
            styles.apply(ws.cell(row, column), "header")
        if column in GROUPS:
            group, end = GROUPS[column]
            write_text(ws.cell(top, column), group)
            ws.merge_cells(start_row=top, start_column=column, end_row=top, end_column=end)
        if any(first <= column <= end for first, (_g, end) in GROUPS.items()):
            write_text(ws.cell(bottom, column), header)
        else:
            write_text(ws.cell(top, column), header)
            ws.merge_cells(start_row=top, start_column=column, end_row=bottom, end_column=column)
    ws.row_dimensions[top].height = ws.row_dimensions[bottom].height = 22


_ROW_STYLES = ("center", "left", "code", "center", "number", "number", "center", "center", "center", "left")


def _metric_row(ws: Worksheet, row: int, data: SubmissionData, metric: Metric, arrays: list) -> None:
    """Append one metric's row (``row`` is the next one: the header ends just above the first)."""
    value, before = data.values.get(metric.code), data.last_year.get(metric.code)
    texts = (None, metric.name, metric.code, metric.unit, None, None,
             metric.target.text(metric.unit) if metric.target else "", _attainment(metric, value),
             data.dept_name(metric.code), data.note(metric.code))
    cells = [text_cell(ws, text or None, array) for text, array in zip(texts, arrays, strict=True)]
    cells[0] = Cell(ws, value=row - FIRST_ROW + 1, style_array=arrays[0])  # 序号, a number
    array = styles.style_array(ws, "number", number_format(metric))  # the precision: a column reads uniformly
    for column, figure in ((5, value), (6, before)):
        if figure is not None:
            cells[column - 1] = Cell(ws, value=reported_number(figure.number, metric), style_array=array)
    reason = data.catalog.not_applicable(metric.code)
    if reason:  # 不适用: said in the figure's cell, the reason in 说明; no figure is reported
        cells[4] = text_cell(ws, "不适用", arrays[6])
        cells[7] = text_cell(ws, "", arrays[7])
        cells[9] = text_cell(ws, f"不适用：{reason}", arrays[9])
        texts = (*texts[:9], f"不适用：{reason}")
    ws.append(cells)
    wrapped = [(texts[i - 1] or "", COLUMNS[i - 1][1]) for i in (2, 9, 10)]
    ws.row_dimensions[row].height = styles.row_height(wrapped)


def _attainment(metric: Metric, value: Value | None) -> str:
    if metric.target is None or value is None:
        return ""
    return "达标" if metric.target.met_by(value.number) else "未达标"

