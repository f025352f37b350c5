"""``set PERIOD METRIC VALUE [--note]`` and ``show PERIOD [--dept] [--json]``."""

from __future__ import annotations

import json

from app.checking import validate_cell
from app.editing import refuse_not_applicable, text_entry
from app.errors import UsageError
from cli import lookup
from cli.commands.validation import finding_lines
from models.precision import shown
from models.values import Value
from validation.errors import EntryError

HELP = {
    "set": "填报一项数值，例如：set 2023Q3 ct_close_rate 84.61%",
    "show": "查看某统计期已填报的数值",
}


def add_arguments(name, parser) -> None:
    parser.add_argument("period", help="统计期，如 2023Q3 或 2023年第三季度")
    if name == "set":
        parser.add_argument("metric", help="指标代码（见 catalog 命令）")
        parser.add_argument("value", help="数值，如 84.61%%、1,297、-14.5%%")
        parser.add_argument("--note", help="备注（不写则保留原有备注；写 --note \"\" 清除）")
        parser.set_defaults(handler=set_figure)
    else:
        parser.add_argument("--dept", help="部门代码或名称")
        parser.add_argument("--json", action="store_true", help="输出 JSON")
        parser.set_defaults(handler=show_figures)


def set_figure(args, ctx) -> int:
    period = lookup.period(args.period)
    catalog = ctx.catalog_for(period)
    metric = lookup.metric(catalog, args.metric)
    key = (period.code, catalog.department_of(metric.code), metric.code)
    note = args.note.strip() if args.note is not None else None  # no --note: the note stays
    try:
        refuse_not_applicable(catalog, metric.code)
        entry = text_entry(key, metric, args.value, ctx.store.get(*key), note=note)
    except EntryError as exc:
        raise UsageError(f"{period.label} {metric.name}：{exc}（未保存）") from exc
    change = ctx.store.set_value(entry, reason="命令行填报")
    dept = catalog.department(entry.dept).name
    before = f"（原值 {change.old.raw}）" if change.old else "（新填）"
    if change.kind == "unchanged":
        before = "（与原值相同，未改动）"
    print(f"已保存：{period.label} {dept} {metric.name} = {entry.raw}{before}")
    _print_live_findings(ctx, catalog, period, metric)
    return 0


def _print_live_findings(ctx, catalog, period, metric) -> None:
    """What the rules that read this metric say now (as the GUI shows after an edit)."""
    findings = validate_cell(ctx, period, metric.code)
    if not findings:
        print(f"校验：与{metric.name}相关的规则均通过。")
        return
    print(f"校验：与{metric.name}相关的问题 {len(findings)} 项")
    for finding in findings:
        print("\n".join(finding_lines(catalog, finding)))


def show_figures(args, ctx) -> int:
    period, catalog, dept = lookup.scope(ctx, args.period, args.dept)
    values = ctx.store.values(periods=[period.code], dept=dept)
    if args.json:
        print(json.dumps([_value_json(catalog, v) for v in values], ensure_ascii=False, indent=2))
    else:
        print(_values_text(catalog, period, values))
    return 0


def _value_json(catalog, value: Value) -> dict:
    metric = catalog.metric(value.metric)
    return {
        "period": value.period, "dept": value.dept, "metric": value.metric,
        "name": metric.name if metric else value.metric, "value": value.number,
        "raw": value.raw, "unit": metric.unit if metric else "", "note": value.note,
    }


def _figure_text(value: Value, metric) -> str:
    """The figure at the metric's precision with its unit, and what was typed when that differs."""
    figure = shown(value, metric)
    text = figure if figure.endswith(metric.unit) else figure + metric.unit
    return text if figure == value.raw or not value.raw else f"{text}（填报 {value.raw}）"


def _values_text(catalog, period, values: list[Value]) -> str:
    if not values:
        return f"{period.label}没有已填报的数值。"
    by_metric = {v.metric: v for v in values}
    lines = [f"{period.label}（{period.code}）已填报 {len(values)} 项"]
    for indicator in catalog.indicators:
        filed = [(m, by_metric[m.code]) for m in indicator.metrics if m.code in by_metric]
        if not filed:
            continue
        lead = catalog.lead_of(indicator.code)
        lines.append(f"\n【{indicator.name}】{catalog.department(lead).name}")
        for metric, value in filed:
            filer = catalog.department_of(metric.code)
            by = f"（{catalog.department(filer).name}填报）" if filer != lead else ""
            lines.append(f"  {metric.name}：{_figure_text(value, metric)}{by}" + (f"  说明：{value.note}" if value.note else ""))
    unknown = [v for v in values if catalog.metric(v.metric) is None]
    for value in unknown:
        lines.append(f"  （目录外指标 {value.metric}）：{value.raw}")
    return "\n".join(lines)
