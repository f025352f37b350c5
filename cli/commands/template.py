"""``template map``: which row of a province form is which metric, confirmed or corrected headless.

The mapping is worked out as ``export --template`` does it (the one saved for a form of the same
structure, else by 指标代码, names and aliases, and suggestions); ``--set 行号=指标代码`` decides a
row (``行号=`` leaves it out), ``--accept`` confirms every suggestion; decisions are saved for
every later copy of the same form.
"""

from __future__ import annotations

import json
from pathlib import Path

from app import template_forms
from app.errors import UsageError
from exports.form_layout import MEASURE_NAMES
from exports.form_match import BY_CODE, BY_NAME, CONFIRMED, IGNORED, SAVED, SUGGESTED, FormMapping
from models import listing
from models.catalog import Catalog

HELP = {"template": "省里下发的报表（无占位符）与指标的对应关系：查看、确认建议、指定某行对应的指标"}
PERIOD_NAMES = {"current": "本期", "prev": "上年同期", "q1": "一季度", "q2": "二季度", "q3": "三季度", "q4": "四季度",
                "h1": "上半年", "q1-q3": "前三季度", "year": "全年"}


def add_arguments(name, parser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="操作", required=True)
    mapped = actions.add_parser("map", help="查看模板各行对应的指标；--set 行号=指标代码 确认或改正，保存后下季度同一表样自动沿用")
    mapped.add_argument("file", type=Path, help="省里下发的报表（.xlsx）")
    mapped.add_argument("--year", type=int, help="评价年度（默认最新的目录）")
    mapped.add_argument("--set", dest="settings", action="append", default=[], metavar="行号=指标代码",
                        help="指定某行对应的指标（可多次使用）；多张工作表时写 工作表!行号=指标代码；“行号=”表示该行不填")
    mapped.add_argument("--accept", action="store_true", help="确认全部建议的对应")
    mapped.add_argument("--json", action="store_true", help="输出 JSON")
    mapped.set_defaults(handler=map_)


def map_(args, ctx) -> int:
    catalog = ctx.catalog(args.year)
    _, mapping = template_forms.read_mapping(ctx, args.file, catalog)
    done = template_forms.decide(mapping, catalog, _settings(args.settings), accept=args.accept)
    if done:
        template_forms.save_mapping(ctx, mapping, args.file.name)
    if args.json:
        print(json.dumps(as_json(mapping, catalog, args.file, saved=bool(done)), ensure_ascii=False, indent=2))
        return 0
    print(f"模板：{args.file.name}（{catalog.year}年目录）")
    for line in done:
        print(f"  已保存：{line}")
    print("\n".join(row_lines(mapping, catalog)))
    print("\n".join(summary_lines(mapping)))
    if mapping.suggestions:
        print("  建议的对应须确认后才能正式导出：--set 行号=指标代码 确认或改正，--accept 全部确认。")
    return 0


def _settings(items: list[str]) -> dict[str, str]:
    found = {}
    for item in items:
        where, sign, code = item.partition("=")
        if not sign or not where.strip():
            raise UsageError(f"--set {item}：应写成 行号=指标代码（如 --set 12=gs_full_online_rate），“行号=”表示该行不填")
        found[where.strip()] = code.strip()
    return found


def row_lines(mapping: FormMapping, catalog: Catalog) -> list[str]:
    lines = []
    for match in mapping.matches:
        metric = catalog.metric(match.metric) if match.metric else None
        where = f"{match.row.sheet}!第{match.row.row}行"
        if metric is None:
            lines.append(f"  {where} “{match.row.label}” → {'不填' if match.how == IGNORED else '未对应'}")
            continue
        extra = f"，相似度 {match.similarity:.2f}，待确认" if match.how == SUGGESTED else ""
        lines.append(f"  {where} “{match.row.label}” → {metric.name}（{metric.code}；{match.how}{extra}）")
    return lines


def summary_lines(mapping: FormMapping) -> list[str]:
    """N rows by code, M by name, K suggestions, the unmatched rows, the columns: as export prints it."""
    count = {how: len(mapping.with_how(how)) for how in (BY_CODE, BY_NAME, SUGGESTED, SAVED, CONFIRMED, IGNORED)}
    saved = f"，沿用已保存的对应 {count[SAVED]} 行" if mapping.from_saved else ""
    lines = [f"  对应：按指标代码 {count[BY_CODE]} 行，按名称 {count[BY_NAME]} 行，已确认 {count[CONFIRMED]} 行{saved}，"
             f"建议待确认 {count[SUGGESTED]} 行，不填 {count[IGNORED]} 行，未对应 {len(mapping.unmatched)} 行。"]
    unmatched, rest = listing.first([f"第{m.row.row}行“{m.row.label}”" for m in mapping.unmatched], what="未对应的行")
    if unmatched:
        lines.append(f"  未对应（目录中没有，已留空）：{'、'.join(unmatched)}" + (f"；{rest}" if rest else ""))
    sheet = (lambda c: f"{c.sheet}!") if len(mapping.layout.sheets) > 1 else (lambda c: "")
    columns = [f"{sheet(c)}{c.letter}“{c.header}”={_column_meaning(c)}" for c in mapping.columns]
    lines.append(f"  数值列 {len(columns)} 列：{'；'.join(columns) if columns else '无'}")
    return lines


def _column_meaning(column) -> str:
    measure = MEASURE_NAMES[column.measure]
    if column.measure in ("value", "yoy"):
        return f"{PERIOD_NAMES[column.period]}{'' if column.measure == 'value' else measure}"
    return measure


def as_json(mapping: FormMapping, catalog: Catalog, path: Path, saved: bool) -> dict:
    rows = []
    for match in mapping.matches:
        metric = catalog.metric(match.metric) if match.metric else None
        rows.append({"sheet": match.row.sheet, "row": match.row.row, "label": match.row.label,
                     "metric": match.metric, "name": metric.name if metric else "", "how": match.how or "未对应",
                     "similarity": match.similarity})
    return {"file": path.name, "year": catalog.year, "structure": mapping.structure, "saved": saved,
            "from_saved": mapping.from_saved, "rows": rows,
            "unmatched": [{"sheet": m.row.sheet, "row": m.row.row, "label": m.row.label} for m in mapping.unmatched],
            "columns": [{"sheet": c.sheet, "column": c.letter, "header": c.header, "measure": c.measure,
                         "period": c.period} for c in mapping.columns]}
