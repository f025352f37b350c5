"""Filling a coordinator's own template: the province changes its layout, the program follows.

A template is any .xlsx whose cells hold placeholders:

- ``{{metric:CODE}}``  this period's figure of a metric
- ``{{prev:CODE}}``    the same quarter last year
- ``{{note:CODE}}``    the filer's note and the written explanations of its findings
- ``{{meta:字段}}``     a header field: 区县, 统计期, 统计期累计, 统计期代码, 评价年度, 填报单位,
  填报人, 联系电话, 审核人, 负责人, 报送日期, 填报日期

A cell holding only a figure placeholder becomes a number (a fraction when the template formats
the cell as a percentage, so it shows 99.38%); placeholders inside other text become text.
Everything else — styles, merged cells, formulas, other sheets — stays as the template has it.
Placeholders that name nothing known are reported and emptied: no ``{{…}}`` ever reaches the
output.  So are placeholders Excel would never show or fill: one inside a formula (its cell is
emptied rather than left a broken formula) and one in the covered part of a merged range (openpyxl
drops those cells; a read-only pass finds them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from exports import styles
from exports.cells import is_percent_format, reported_number, write_text
from exports.progress import CancelledFn, ProgressFn, Steps
from exports.safe_open import guarded, open_workbook
from exports.submission import DRAFT_MARK, SubmissionData, mark_draft
from models.catalog import Metric
from models.precision import shown
from models.values import Value

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z]+)\s*:\s*([^{}]*?)\s*\}\}")
ANY_PLACEHOLDER = re.compile(r"\{\{[^{}]*\}\}")
UNCLOSED = re.compile(r"\{\{[^{}]*\}?")  # {{metric:code} or {{metric:code with no end
KINDS = ("metric", "prev", "note", "meta")


@dataclass(frozen=True)
class PlaceholderProblem:
    where: str
    placeholder: str
    reason: str

    def text(self) -> str:
        return f"{self.where}  {self.placeholder}：{self.reason}"


@dataclass
class TemplateFill:
    workbook: Workbook
    problems: list[PlaceholderProblem] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)  # figure placeholders without a stored figure
    metrics: set[str] = field(default_factory=set)  # metrics the template shows
    replaced: int = 0


def open_template(path: Path) -> Workbook:
    """The template opened safely, keeping its formatting; an .xltx is written out as a workbook."""
    wb = open_workbook(path, read_only=False)
    wb.template = False
    return wb


def has_placeholders(wb: Workbook) -> bool:
    """Does any cell hold ``{{…`` (a placeholder, or a broken one that must be reported)?"""
    with_text = (c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row)
    return any(isinstance(value, str) and "{{" in value for value in with_text)


def fill_template(path: Path, data: SubmissionData, progress: ProgressFn | None = None,
                  is_cancelled: CancelledFn | None = None, wb: Workbook | None = None) -> TemplateFill:
    """Fill every placeholder of the template (opened here unless given); the caller saves it."""
    wb = open_template(path) if wb is None else wb
    fill = TemplateFill(workbook=wb)
    steps = Steps(sum(ws.max_row * ws.max_column for ws in wb.worksheets), progress, is_cancelled, every=5000)
    with guarded(path):
        for ws in wb.worksheets:
            _fill_sheet(ws, data, fill, steps)
            if data.draft:
                mark_template_draft(ws)
    _report_covered_placeholders(path, wb, fill)
    steps.finish()
    return fill


def _fill_sheet(ws: Worksheet, data: SubmissionData, fill: TemplateFill, steps: Steps) -> None:
    for row in ws.iter_rows():
        for cell in row:
            value = cell.value
            if isinstance(value, str) and "{{" in value and cell.data_type == "s":
                _fill_cell(cell, f"{ws.title}!{cell.coordinate}", data, fill)
            elif isinstance(value, str) and ANY_PLACEHOLDER.search(value) and cell.data_type == "f":
                _formula_placeholder(cell, f"{ws.title}!{cell.coordinate}", fill)
        steps.advance(len(row))


def _fill_cell(cell: Cell, where: str, data: SubmissionData, fill: TemplateFill) -> None:
    text = cell.value
    whole = PLACEHOLDER.fullmatch(text.strip())
    if whole and whole.group(1) in ("metric", "prev"):
        _figure_cell(cell, where, whole, data, fill)
        return
    replaced = PLACEHOLDER.sub(lambda m: _text_for(m, where, data, fill), text)
    replaced = ANY_PLACEHOLDER.sub(lambda m: _malformed(m, where, fill), replaced)
    replaced = UNCLOSED.sub(lambda m: _malformed(m, where, fill), replaced)
    write_text(cell, replaced or None)


def _figure_cell(cell: Cell, where: str, match: re.Match, data: SubmissionData, fill: TemplateFill) -> None:
    metric = _metric(match, where, data, fill)
    figure = _figure(match, metric, data, where, fill) if metric else None
    if figure is None:
        cell.value = None
        return
    cell.value = reported_number(figure.number, metric, percent_cell=is_percent_format(cell.number_format))


def _text_for(match: re.Match, where: str, data: SubmissionData, fill: TemplateFill) -> str:
    kind, name = match.group(1), match.group(2)
    if kind == "meta":
        fields = data.header_fields()
        if name not in fields:
            return _problem(fill, where, match, f"不认识的表头字段，可用：{'、'.join(fields)}")
        fill.replaced += 1
        return fields[name]
    metric = _metric(match, where, data, fill)
    if metric is None:
        return ""
    if kind == "note":
        fill.metrics.add(metric.code)
        fill.replaced += 1
        return data.note(metric.code)
    figure = _figure(match, metric, data, where, fill)
    return shown(figure, metric) if figure else ""


def _metric(match: re.Match, where: str, data: SubmissionData, fill: TemplateFill) -> Metric | None:
    kind, code = match.group(1), match.group(2)
    if kind not in KINDS:
        _problem(fill, where, match, f"不认识的占位符类型“{kind}”，可用：{'、'.join(KINDS)}")
        return None
    metric = data.catalog.metric(code)
    if metric is None:
        _problem(fill, where, match, f"指标代码“{code}”不在{data.catalog.year}年指标目录中")
    return metric


def _figure(match: re.Match, metric: Metric, data: SubmissionData, where: str, fill: TemplateFill) -> Value | None:
    """This period's (metric) or last year's (prev) figure; noted when there is none."""
    current = match.group(1) == "metric"
    figure = (data.values if current else data.last_year).get(metric.code)
    if current:
        fill.metrics.add(metric.code)
    fill.replaced += 1
    if figure is None:
        fill.empty.append(f"{where} {metric.name}（{'本期' if current else '上年同期'}未填报）")
    return figure


def _formula_placeholder(cell: Cell, where: str, fill: TemplateFill) -> None:
    fill.problems.append(PlaceholderProblem(where, ANY_PLACEHOLDER.search(cell.value).group(0), (
        "占位符写在公式里，不会被替换（该单元格已留空）。请把占位符放在单独的单元格中，公式引用那个单元格")))
    cell.value = None


def _report_covered_placeholders(path: Path, wb: Workbook, fill: TemplateFill) -> None:
    """Placeholders in the covered cells of merged ranges: openpyxl dropped them while loading."""
    covered = {ws.title: _covered_cells(ws) for ws in wb.worksheets}
    if not any(covered.values()):
        return
    source = open_workbook(path, read_only=True)
    try:
        with guarded(path):
            for ws in source.worksheets:
                if covered.get(ws.title):
                    _find_covered(ws, covered[ws.title], fill)
    finally:
        source.close()


def _covered_cells(ws: Worksheet) -> dict[tuple[int, int], str]:
    """(row, column) of every cell hidden under a merged range → the range."""
    cells = {}
    for merged in ws.merged_cells.ranges:
        for row, column in merged.cells:
            if (row, column) != (merged.min_row, merged.min_col):
                cells[(row, column)] = merged.coord
    return cells


def _find_covered(ws, covered: dict[tuple[int, int], str], fill: TemplateFill) -> None:
    rows = [row for row, _ in covered]
    for cells in ws.iter_rows(min_row=min(rows), max_row=max(rows)):
        for cell in cells:
            merged = covered.get((getattr(cell, "row", 0), getattr(cell, "column", 0)))
            value = getattr(cell, "value", None)
            found = ANY_PLACEHOLDER.search(value) if merged and isinstance(value, str) else None
            if found:
                fill.problems.append(PlaceholderProblem(f"{ws.title}!{cell.coordinate}", found.group(0), (
                    f"占位符在合并单元格 {merged} 被合并的部分，Excel 不显示也不填写它。"
                    f"请把它放在合并区域左上角的 {merged.split(':')[0]}")))


def _malformed(match: re.Match, where: str, fill: TemplateFill) -> str:
    return _problem(fill, where, match, "占位符写法不对，应写成 {{metric:指标代码}}、{{meta:填报单位}} 这样的形式")


def _problem(fill: TemplateFill, where: str, match: re.Match, reason: str) -> str:
    fill.problems.append(PlaceholderProblem(where, match.group(0), reason))
    return ""


def mark_template_draft(ws: Worksheet) -> None:
    """Print header, tab colour and a visible mark just right of the template's content."""
    mark_draft(ws)
    cell = ws.cell(1, ws.max_column + 1)
    write_text(cell, DRAFT_MARK)
    cell.font = styles.font(16, bold=True, color="FFC00000")
