"""``catalog [--year Y] [--json]``: the indicators, metrics, rules and targets of a year."""

from __future__ import annotations

import json

from app.errors import UsageError
from models.catalog import Catalog, Metric

HELP = {"catalog": "列出某评价年度的指标目录（一级指标、牵头单位、指标、单位、目标、规则）"}


def add_arguments(name, parser) -> None:
    parser.add_argument("--year", type=int, help="评价年度（默认：最新）")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.set_defaults(handler=catalog_command)


def catalog_command(args, ctx) -> int:
    years = ctx.available_years()
    if args.year is not None and args.year not in years:
        raise UsageError(f"没有 {args.year} 年的指标目录。现有：{'、'.join(map(str, years))}")
    catalog = ctx.catalog(args.year)
    if args.json:
        print(json.dumps(catalog_json(catalog), ensure_ascii=False, indent=2))
    else:
        print(catalog_text(catalog))
    return 0


def catalog_json(catalog: Catalog) -> dict:
    return {
        "year": catalog.year,
        "departments": [{"code": d.code, "name": d.name} for d in catalog.departments],
        "indicators": [
            {"code": i.code, "name": i.name, "lead": catalog.lead_of(i.code),
             "metrics": [_metric_json(catalog, m) for m in i.metrics]}
            for i in catalog.indicators
        ],
    }


def _metric_json(catalog: Catalog, metric: Metric) -> dict:
    target = metric.target
    return {
        "code": metric.code, "name": metric.name, "unit": metric.unit, "kind": metric.kind.value,
        "dept": catalog.department_of(metric.code),  # 填报单位: the indicator's lead unless the profile names another
        "target": {"op": target.op, "value": target.value} if target else None,
        "rules": [
            {"code": r.code, "kind": r.kind.value, "severity": r.severity.value,
             "label": r.label, "metrics": list(r.metrics)}
            for r in catalog.rules_for(metric.code)
        ],
    }


def catalog_text(catalog: Catalog) -> str:
    kinds = {"ytd": "累计", "level": "时点", "quarter": "当季"}
    lines = [f"{catalog.title}（{catalog.year}年，{catalog.profile.district}）",
             f"一级指标 {len(catalog.indicators)} 个，指标 {len(catalog.metrics)} 项"]
    for number, indicator in enumerate(catalog.indicators, 1):
        lead = catalog.lead_of(indicator.code)
        lines.append(f"\n{number}. {indicator.name}（{indicator.code}，牵头单位：{catalog.department(lead).name}）")
        for m in indicator.metrics:
            target = f"  目标 {m.target.text(m.unit)}" if m.target else ""
            filer = catalog.department_of(m.code)
            by = f"  填报单位 {catalog.department(filer).name}" if filer != lead else ""
            lines.append(f"   {m.code:<32} {m.name}（{m.unit}，{kinds[m.kind.value]}）{target}{by}")
    return "\n".join(lines)
