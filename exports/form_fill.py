"""Filling a province form through its mapping: each matched row's cells, column by column.

A figure is written as a number rounded half-up to the metric's precision, with the metric's number
format: a cell the form formats as a percentage holds the fraction (0.9938, shown 99.38%), any other
cell of a rate the percentage itself (99.38, shown 99.38).  Periods: 本期 is the export's quarter,
一季度…四季度 the quarters of its year, 上半年/前三季度/全年 the figure at the end of Q2/Q3/Q4 (for a
metric counted per quarter alone, the sum of its quarters; never for a rate), 上年同期 the same quarter
last year.  A column for a quarter after the export's is left as it is.  同比 is the program's own
(percentage points for rates, growth for the rest), 目标 the target, 说明 the written explanations of
the findings, 备注 the filer's note, 单位 the unit (only where the form left it empty).

Nothing else changes: a cell holding a formula is never written (it is listed), covered parts of
merged cells are not touched, styles, print set-up and other sheets stay as the form has them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.workbook.workbook import Workbook

from exports.cells import is_percent_format, number_format, reported_number, write_text
from exports.form_layout import FormColumn
from exports.form_match import FormMapping, RowMatch
from exports.submission import SubmissionData
from models.catalog import RULE_LABELS, Kind, Metric
from models.periods import Period
from models.values import Value

YearOnYear = Callable[[Metric, Value | None, Value | None], str]
NOT_APPLICABLE_TEXT = "不适用"
_AGGREGATES = {"h1": 2, "q1-q3": 3, "year": 4}
_QUARTERS = {"q1": 1, "q2": 2, "q3": 3, "q4": 4}


@dataclass(frozen=True)
class FormFigures:
    """What a form may ask for: every quarter of the export's year so far and the year before."""

    data: SubmissionData
    by_period: Mapping[str, Mapping[str, Value]]  # period code → metric code → figure
    year_on_year: YearOnYear

    @property
    def period(self) -> Period:
        return self.data.period


@dataclass
class FormFill:
    workbook: Workbook
    numbers: int = 0  # figures written
    texts: int = 0  # 同比, 目标, 说明, 备注, 单位 written
    formulas: list[str] = field(default_factory=list)  # cells kept because they hold a formula
    missing: list[str] = field(default_factory=list)  # matched rows without this period's figure
    empty: list[str] = field(default_factory=list)  # other periods' figures the store does not have
    metrics: set[str] = field(default_factory=set)  # the metrics the filled form shows

    @property
    def filled(self) -> int:
        return self.numbers + self.texts


def fill_form(wb: Workbook, mapping: FormMapping, figures: FormFigures) -> FormFill:
    """Write every usable row of ``mapping`` into ``wb`` (already opened keeping its formatting)."""
    fill = FormFill(workbook=wb)
    for match in mapping.usable:
        metric = figures.data.catalog.metric(match.metric)
        fill.metrics.add(metric.code)
        sheet = mapping.layout.sheet(match.row.sheet)
        for column in sheet.value_columns:
            _fill_cell(wb[sheet.title].cell(match.row.row, column.column), match, column, metric, figures, fill)
    return fill


def period_of(column: FormColumn, period: Period) -> Period:
    """The period a column asks for, in an export of ``period``."""
    if column.period == "prev":
        return period.same_quarter_last_year()
    quarter = _QUARTERS.get(column.period) or _AGGREGATES.get(column.period) or period.quarter
    return Period(year=period.year, quarter=quarter)


def _fill_cell(cell: Cell, match: RowMatch, column: FormColumn, metric: Metric, figures: FormFigures,
               fill: FormFill) -> None:
    where = f"{column.sheet}!{cell.coordinate}"
    if isinstance(cell, MergedCell):
        return
    if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")):
        fill.formulas.append(f"{where}（{match.row.label or metric.name}，{column.header}）")
        return
    wanted = period_of(column, figures.period)
    if wanted > figures.period:
        return  # a later quarter: not known yet
    if column.measure == "value":
        _figure_cell(cell, where, metric, column, wanted, figures, fill)
    else:
        _text_cell(cell, metric, column, wanted, figures, fill)


def _figure_cell(cell: Cell, where: str, metric: Metric, column: FormColumn, wanted: Period,
                 figures: FormFigures, fill: FormFill) -> None:
    catalog = figures.data.catalog
    figure = figure_of(figures, metric, column.period, wanted)
    if figure is None:
        if wanted == figures.period and catalog.not_applicable(metric.code):
            write_text(cell, NOT_APPLICABLE_TEXT)
            fill.texts += 1
        elif wanted == figures.period and metric.frequency.due_in(wanted.quarter):
            fill.missing.append(f"{where} {metric.name}（{wanted.label}未填报）")
        elif wanted.year == figures.period.year or column.period == "prev":
            fill.empty.append(f"{where} {metric.name}（{wanted.label}无数值，已留空）")
        return
    percent = is_percent_format(cell.number_format)
    cell.value = reported_number(figure.number, metric, percent_cell=percent)
    shape = number_format(metric)
    cell.number_format = shape if percent or metric.unit != "%" else shape.rstrip("%")
    fill.numbers += 1


def figure_of(figures: FormFigures, metric: Metric, asked: str, wanted: Period) -> Value | None:
    """The figure a column shows: as filed for the period, or for a metric counted per quarter
    alone and a span (上半年, 前三季度, 全年), the sum of the span's quarters (never for a rate)."""
    if asked not in _AGGREGATES or metric.kind != Kind.QUARTER:
        return figures.by_period.get(wanted.code, {}).get(metric.code)
    if metric.unit == "%":
        return None
    parts = [figures.by_period.get(p.code, {}).get(metric.code) for p in wanted.quarters_so_far()]
    if any(part is None for part in parts):
        return None
    total = sum((Decimal(repr(part.number)) for part in parts), Decimal(0))
    return replace(parts[-1], number=float(total), raw=f"{total}{metric.unit}")


def _text_cell(cell: Cell, metric: Metric, column: FormColumn, wanted: Period, figures: FormFigures,
               fill: FormFill) -> None:
    text = _text_for(metric, column, wanted, figures)
    if column.measure == "unit" and cell.value not in (None, ""):
        return  # the form prints its own unit
    if text:
        write_text(cell, text)
        fill.texts += 1


def _text_for(metric: Metric, column: FormColumn, wanted: Period, figures: FormFigures) -> str:
    data = figures.data
    if column.measure == "yoy":
        now = figure_of(figures, metric, column.period, wanted)
        before = figure_of(figures, metric, column.period, wanted.same_quarter_last_year())
        return str(figures.year_on_year(metric, now, before))
    if column.measure == "target":
        return metric.target.text(metric.unit) if metric.target else ""
    if column.measure == "unit":
        return metric.unit
    if wanted != data.period:
        return ""  # 说明 and 备注 belong to the export's period
    if column.measure == "explanation":
        return "\n".join(f"【{RULE_LABELS[f.kind]}】{f.explanation}" for f in data.explanations(metric.code))
    value = data.values.get(metric.code)
    return value.note if value and column.measure == "remark" else ""
