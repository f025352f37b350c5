"""The province's own form as a template: which row is which metric, saved per form, and the fill.

- ``read_mapping``: open a form, find its header and rows, apply the mapping saved for a form of
  the same structure (or match automatically: 指标代码, then names and aliases, then suggestions).
- ``decide``: the coordinator confirms a suggestion or chooses a row's metric (or leaves a row
  out); ``save_mapping`` keeps the decisions in the database (audited) for next quarter's copy.
- ``fill``: what ``export --template`` does with a template: placeholders when it has any (as
  before), otherwise the form filled through its mapping.  ``form_problems`` says why a formal
  export of a form is refused: nothing filled, unconfirmed suggestions, matched rows without
  this period's figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.context import AppContext
from app.errors import UsageError
from app.formatting import year_on_year
from app.history import figures
from exports.form_fill import FormFigures, FormFill, fill_form, period_of
from exports.form_layout import MEASURE_NAMES, read_layout
from exports.form_match import (
    SUGGESTED,
    FormMapping,
    confirm_suggestions,
    match_rows,
    set_row,
)
from exports.progress import CancelledFn, ProgressFn
from exports.safe_open import WorkbookError, guarded
from exports.submission import SubmissionData
from exports.template import (
    PlaceholderProblem,
    fill_template,
    has_placeholders,
    mark_template_draft,
    open_template,
)
from models.catalog import Catalog
from models.periods import Period
from models.values import Value
from storage.settings import load_setting, save_setting


@dataclass
class Filled:
    """A template filled either way; ``form`` and ``mapping`` only for a form without placeholders."""

    workbook: object
    problems: list[PlaceholderProblem] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    metrics: set[str] = field(default_factory=set)
    mapping: FormMapping | None = None
    form: FormFill | None = None


def read_mapping(ctx: AppContext, path: Path, catalog: Catalog, wb=None) -> tuple[object, FormMapping]:
    """The opened form and its mapping (the saved one for this structure, else automatic)."""
    wb = _open(path) if wb is None else wb
    with guarded(path):
        layout = read_layout(wb)
    if not layout.sheets:
        raise UsageError(f"模板 {Path(path).name} 中找不到指标表：没有一张工作表的表头同时有“指标名称”（或“指标代码”）"
                         "列和“本期”“一季度”“上年同期”等数值列。请检查表头文字，或在模板中写入 {{metric:指标代码}} 占位符")
    mapping = match_rows(layout, catalog)
    saved = load_setting(ctx.store, mapping.key)
    if saved:
        mapping = match_rows(layout, catalog, saved)
    return wb, mapping


def form_mapping(ctx: AppContext, path: Path, catalog: Catalog) -> FormMapping | None:
    """The mapping of a province form, for the window to show; None for a template with
    placeholders (it needs no mapping)."""
    try:
        wb = _open(path)
        if has_placeholders(wb):
            return None
        return read_mapping(ctx, path, catalog, wb)[1]
    except WorkbookError as exc:
        raise UsageError(f"模板无法使用：{exc}") from exc


def decide(mapping: FormMapping, catalog: Catalog, settings: dict[str, str], accept: bool = False) -> list[str]:
    """Apply the coordinator's choices (row key or row number → metric code, "" to leave a row
    out); with ``accept`` confirm every suggestion.  Returns what was decided, as sentences."""
    done = [f"确认建议：第{m.row.row}行“{m.row.label}” → {catalog.metric(m.metric).name}"
            for m in (confirm_suggestions(mapping) if accept else [])]
    for where, code in settings.items():
        key = row_key(mapping, where)
        metric = catalog.metric(code) if code else None
        if code and metric is None:
            raise UsageError(f"第{where}行：指标代码“{code}”不在{catalog.year}年指标目录中（可用 catalog 查看全部代码）")
        match = set_row(mapping, key, metric)
        done.append(f"第{match.row.row}行“{match.row.label}” → {metric.name if metric else '不填（不对应任何指标）'}")
    return done


def row_key(mapping: FormMapping, where: str) -> str:
    """"12" or "报送表!12" → the row's key; a UsageError naming the rows there are."""
    keys = [m.row.key for m in mapping.matches]
    found = [k for k in keys if k == where or (where.isdigit() and k.rsplit("!", 1)[1] == where)]
    if len(found) == 1:
        return found[0]
    rows = "、".join(k.rsplit("!", 1)[1] for k in keys[:40])
    why = "在多张工作表中都有，请写成 工作表!行号" if found else "不是模板中的指标行"
    raise UsageError(f"第{where}行{why}。模板中的指标行：{rows}")


def save_mapping(ctx: AppContext, mapping: FormMapping, file_name: str) -> None:
    """Keep the decided rows for every form of the same structure (audited as a setting)."""
    save_setting(ctx.store, mapping.key, mapping.saved(file_name), reason=f"保存模板对应关系：{file_name}")


def fill(ctx: AppContext, template: Path, data: SubmissionData, progress: ProgressFn | None = None,
         is_cancelled: CancelledFn | None = None) -> Filled:
    try:
        return _fill(ctx, template, data, progress, is_cancelled)
    except WorkbookError as exc:
        raise UsageError(f"模板无法使用：{exc}") from exc


def _fill(ctx: AppContext, template: Path, data: SubmissionData, progress, is_cancelled) -> Filled:
    wb = _open(template)
    if has_placeholders(wb):
        done = fill_template(template, data, progress, is_cancelled, wb=wb)
        return Filled(done.workbook, done.problems, done.empty, done.metrics)
    wb, mapping = read_mapping(ctx, template, data.catalog, wb)
    with guarded(template):
        form = fill_form(wb, mapping, FormFigures(data, figures_for(ctx, data), year_on_year))
    if data.draft:
        for ws in mapping.layout.sheets:
            mark_template_draft(wb[ws.title])
    return Filled(wb, form_problems(mapping, form), list(form.empty), set(form.metrics), mapping, form)


def form_problems(mapping: FormMapping, form: FormFill) -> list[PlaceholderProblem]:
    """Why a formal export of this form is refused (empty when it may go to the province)."""
    problems = [PlaceholderProblem(f"{m.row.sheet}!第{m.row.row}行", m.row.label, (
        f"建议对应“{m.metric}”（相似度 {m.similarity:.2f}），尚未确认：用 template map 模板 --set {m.row.row}=指标代码 "
        "确认或改正，或在“按自有模板导出”对话框中确认")) for m in mapping.with_how(SUGGESTED)]
    problems += [PlaceholderProblem(text.split(" ", 1)[0], text.split(" ", 1)[1],
                                    "模板中对应了该指标，但本期没有数值：请先填报，或在对应关系中把该行设为不填")
                 for text in form.missing]
    if form.numbers == 0:
        problems.insert(0, PlaceholderProblem(
            "模板", "", f"没有填入任何数值（对应上指标的行 {len(mapping.usable)} 行，数值列 {len(mapping.columns)} 列）："
            "正式报送件不能是空表。请用 template map 查看并确认对应关系"))
    return problems


def figures_for(ctx: AppContext, data: SubmissionData) -> dict[str, dict[str, Value]]:
    """Every quarter of the export's year up to its own, and the same quarters a year before."""
    period, catalog = data.period, data.catalog
    wanted = period.quarters_so_far() + [p.same_quarter_last_year() for p in period.quarters_so_far()]
    found: dict[str, dict[str, Value]] = {p.code: {} for p in wanted}
    for value in figures(ctx, catalog, wanted):
        if catalog.metric(value.metric) and value.dept == catalog.department_of(value.metric) \
                and not catalog.not_applicable(value.metric):
            found.setdefault(value.period, {})[value.metric] = value
    found[period.code] = dict(data.values)
    return found


def _open(path: Path):
    try:
        return open_template(Path(path))
    except WorkbookError as exc:
        raise UsageError(f"模板无法使用：{exc}") from exc


def period_columns(mapping: FormMapping, period: Period) -> list[str]:
    """The matched columns as sentences: 'C 一季度（2023年第一季度）'."""
    return [f"{c.sheet}!{c.letter}“{c.header}”：{MEASURE_NAMES[c.measure]}"
            + (f"（{period_of(c, period).label}）" if c.measure in ("value", "yoy") else "")
            for c in mapping.columns]
