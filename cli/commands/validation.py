"""``validate PERIOD [--dept] [--json] [--final]`` and ``explain PERIOD METRIC RULE TEXT``.

``validate`` exits 1 while anything blocks a final export (an error, or a warning without a
说明), else 0; ``--final`` judges exactly what a final export judges, completeness included
(missing required figures, the partners of a filed rate, approximations listed), and without it
the verdict still names the required figures not filed yet.  ``explain`` records the 说明 of the current finding of one rule on one metric;
it stays valid while the figures behind the finding stand.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.checking import validate_cell, validate_period
from app.errors import Refused, UsageError
from cli import lookup
from models import listing
from models.catalog import Catalog, RuleKind, Severity
from models.findings import Finding, Report
from models.periods import Period

HELP = {
    "validate": "校验某统计期的数据：列出错误、警告和提示；有错误或未说明的警告时退出码为 1",
    "explain": "为一条警告写说明，例如：explain 2023Q3 pc_emall_amount swing 电子卖场扩大采购目录",
}
SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def add_arguments(name, parser) -> None:
    parser.add_argument("period", help="统计期，如 2023Q3 或 2023年第三季度")
    if name == "validate":
        parser.add_argument("--dept", help="只校验该部门填报的指标（部门代码或名称）")
        parser.add_argument("--json", action="store_true", help="输出 JSON")
        parser.add_argument("--final", action="store_true",
                            help="按正式报送的标准校验（含必填指标是否齐全）：正式导出会被拒绝时退出码为 1")
        parser.add_argument("--out", type=Path, help="同时把校验报告写入 Excel 文件（.xlsx）")
        parser.add_argument("--narrative", type=Path, help="与 --out 一起：核对该工作报告（.txt/.docx）中的数字，写入报告")
        parser.set_defaults(handler=validate_command)
    else:
        parser.add_argument("metric", help="问题所在的指标代码")
        parser.add_argument("rule", help="规则代码，如 swing、target、ratio:ct_close_rate（见 validate 的输出）")
        parser.add_argument("text", help="说明：数据为何如此")
        parser.set_defaults(handler=explain_command)


# ---- validate -------------------------------------------------------------------------------

def validate_command(args, ctx) -> int:
    period, catalog, dept = lookup.scope(ctx, args.period, args.dept)
    if args.narrative and not args.out:
        raise UsageError("--narrative 须与 --out 一起使用：核对结果写入校验报告文件。")
    final = validate_period(ctx, period, dept, final=True)
    report = final if args.final else validate_period(ctx, period, dept)
    # Without --final completeness is not judged, only named in the verdict (see report_text).
    missing = [] if args.final else [f for f in final.findings if f.kind == RuleKind.REQUIRED]
    if args.json:
        print(json.dumps([finding_json(f) for f in report.findings], ensure_ascii=False, indent=2))
    else:
        print(report_text(ctx, catalog, period, report, dept, missing, final=args.final))
    if args.out:
        _write_report(ctx, period, dept, args.out, args.narrative, to=sys.stderr if args.json else sys.stdout)
    return 1 if report.blocking else 0


def _write_report(ctx, period: Period, dept: str | None, out: Path, narrative: Path | None, to) -> None:
    from app.validation_report import write_validation_report  # brings openpyxl

    written = write_validation_report(ctx, period, out, dept, narrative=narrative)
    checked = "" if written.narrative_findings is None else f"；工作报告核对发现 {written.narrative_findings} 处"
    print(f"校验报告已写入 {written.path}（问题 {written.findings} 项{checked}）", file=to)


def finding_json(finding: Finding) -> dict:
    return {
        "period": finding.period, "dept": finding.dept, "metric": finding.metric, "rule": finding.rule,
        "severity": finding.severity.value, "message": finding.message, "explained": finding.explained,
    }


def report_text(ctx, catalog: Catalog, period: Period, report: Report, dept: str | None,
                missing: list[Finding] = (), final: bool = False) -> str:
    scope = f"{catalog.department(dept).name} " if dept else ""
    standard = "（按正式报送标准）" if final else ""
    lines = [f"{scope}{period.label}（{period.code}）校验{standard}：{_counts(report)}"]
    lapsed = _lapsed_explanations(ctx, period, report)
    left, unlisted = listing.MAX_LISTED, 0  # findings still to list, findings left out
    for indicator in catalog.indicators:
        codes = {m.code for m in indicator.metrics}
        found = [f for f in report.findings if f.metric in codes]
        if found and left:
            lead = catalog.department(catalog.lead_of(indicator.code)).name
            lines.append(f"\n【{indicator.name}】{lead}  {_counts_short(found)}")
            lines += [line for f in found[:left] for line in finding_lines(catalog, f, lapsed)]
        unlisted += max(len(found) - left, 0)
        left = max(left - len(found), 0)
    if unlisted:
        lines.append(f"\n另有 {unlisted} 项问题未列出；完整清单可用 --json 或 --out 导出。")
    lines.append("\n" + _verdict(catalog, report, missing))
    return "\n".join(lines)


def finding_lines(catalog: Catalog, finding: Finding, lapsed: set = frozenset()) -> list[str]:
    """One finding for people: severity, metric, rule code (for ``explain``), message, 说明."""
    metric = catalog.metric(finding.metric)
    name = metric.name if metric else finding.metric
    lines = [f"  [{SEVERITY_LABELS[finding.severity]}] {name}（{finding.metric}，规则 {finding.rule}）：{finding.message}"]
    if finding.explained:
        lines.append(f"      说明：{finding.explanation}")
    elif finding.key in lapsed:
        lines.append("      原有说明因相关数值变动已失效，请核实后重新说明。")
    return lines


def _counts(report: Report) -> str:
    if not report.findings:
        return "没有发现问题。"
    warnings = report.of_severity(Severity.WARNING)
    explained = sum(1 for f in warnings if f.explained)
    return (f"错误 {len(report.of_severity(Severity.ERROR))} 项，警告 {len(warnings)} 项（已说明 {explained} 项），"
            f"提示 {len(report.of_severity(Severity.INFO))} 项")


def severity_counts(findings: list[Finding]) -> str:
    """错误 1，警告 2: the findings counted by grade."""
    return _counts_short(findings)


def _counts_short(findings: list[Finding]) -> str:
    parts = [f"{label} {n}" for severity, label in SEVERITY_LABELS.items()
             if (n := sum(1 for f in findings if f.severity == severity))]
    return "，".join(parts)


MISSING_NAMED = 10  # the verdict names this many missing required figures, then counts the rest


def _verdict(catalog: Catalog, report: Report, missing: list[Finding]) -> str:
    blocking = report.blocking
    unfilled = _unfilled(catalog, missing)
    if not blocking:
        done = "已填报的数据没有须处理的问题。" if missing else "可以正式报送（没有错误，警告均已说明）。"
        return f"结论：{done}{unfilled}"
    return (f"结论：有 {len(blocking)} 项须处理后才能正式报送——错误须改正数据，警告须改正或用 "
            f"explain 命令写明说明。{unfilled}")


def _unfilled(catalog: Catalog, missing: list[Finding]) -> str:
    """The required figures not filed yet, by name: a final export would refuse for them."""
    if not missing:
        return ""
    names = [catalog.metric(f.metric).name for f in missing[:MISSING_NAMED]]
    more = f"等 {len(missing)} 项" if len(missing) > MISSING_NAMED else f"共 {len(missing)} 项"
    return f"另有必填指标尚未填报：{'、'.join(names)}{more}，正式导出前须补齐（validate --final 按正式报送标准校验）。"


def _lapsed_explanations(ctx, period: Period, report: Report) -> set:
    """Keys of findings whose 说明 was written for other figures than today's."""
    written = {(e.period, e.dept, e.metric, e.rule): e for e in ctx.store.explanations(period.code)}
    return {f.key for f in report.findings if not f.explained and f.key in written}


# ---- explain ---------------------------------------------------------------------------------

def explain_command(args, ctx) -> int:
    period = lookup.period(args.period)
    catalog = ctx.catalog_for(period)
    metric = lookup.metric(catalog, args.metric)
    finding = _current_finding(ctx, catalog, period, metric.code, args.rule.strip())
    if finding.severity == Severity.ERROR:
        raise Refused(f"{metric.name}的“{finding.rule}”是错误，不能用说明放行：请改正数据。\n{finding.message}")
    recorded = ctx.store.explain(period.code, finding.dept, finding.metric, finding.rule, args.text,
                                 finding.fingerprint)
    print(f"已记录说明：{period.label} {metric.name}（规则 {finding.rule}）——{recorded.text}")
    print(f"记录人 {recorded.who}，时间 {recorded.at}。相关数值变动后此说明失效，需要重新说明。")
    return 0


def _current_finding(ctx, catalog: Catalog, period: Period, metric_code: str, rule: str) -> Finding:
    """The finding of ``rule`` on the metric now; the rule may be its kind when that is unambiguous."""
    findings = [f for f in validate_cell(ctx, period, metric_code) if f.metric == metric_code]
    matches = [f for f in findings if f.rule == rule] or [f for f in findings if f.kind.value == rule]
    if len(matches) == 1:
        return matches[0]
    name = catalog.metric(metric_code).name
    if not findings:
        raise UsageError(f"{period.label} {name}当前没有校验问题，无需说明。")
    present = "、".join(sorted({f.rule for f in findings}))
    why = "对应多条问题，请写完整的规则代码" if matches else "当前没有这条问题"
    raise UsageError(f"{period.label} {name}的规则“{rule}”{why}。该指标当前的问题：{present}")
