"""``crosscheck PERIOD FILE.txt|FILE.docx [--dept DEPT] [--json]``: a narrative report against the filed data.

Exit status: 0 when the text agrees with the filed figures (figures of metrics not yet filed are
listed but do not fail), 1 when it has placeholders, figures that differ from the filed values or
arithmetic that does not hold, 2 when the file cannot be read or the arguments are wrong.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.errors import UsageError
from app.narrative_check import check_text
from cli import lookup
from exports.narrative import NarrativeError, read_narrative
from models.catalog import Catalog
from models.listing import first
from models.periods import Period
from validation.crosscheck import KIND_LABELS, CrossFinding, CrossReport, Kind

HELP = {"crosscheck": "核对工作报告（.txt 或 .docx）中的数字：占位符、与已填报数值不符、文中算术不符、未填报的指标"}
_EXCERPT = 36  # characters shown on each side of a figure


def add_arguments(name, parser) -> None:
    parser.add_argument("period", help="统计期，如 2023Q3 或 2023年第三季度")
    parser.add_argument("file", type=Path, help="工作报告文件（.txt 或 .docx）")
    parser.add_argument("--dept", help="只核对该部门的指标（部门代码或名称）")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.set_defaults(handler=crosscheck_command)


def crosscheck_command(args, ctx) -> int:
    period, catalog, dept = lookup.scope(ctx, args.period, args.dept)
    try:
        text = read_narrative(args.file)
    except NarrativeError as exc:
        raise UsageError(str(exc)) from exc
    report = check_text(ctx, period, text, dept)
    if args.json:
        print(json.dumps([f.as_json() for f in report.findings], ensure_ascii=False, indent=2))
    else:
        print(report_text(report, catalog, period, Path(args.file).name, dept))
    return 1 if report.blocking else 0


def report_text(report: CrossReport, catalog: Catalog, period: Period, file_name: str, dept: str | None) -> str:
    reading = report.reading
    who = catalog.department(dept).name if dept else "全部部门"
    numbers = [f for f in reading.figures if not f.is_placeholder]
    lines = [f"核对 {file_name}（{period.label}，{who}）：识别数字 {len(numbers)} 个，"
             f"其中 {sum(1 for m in reading.matches if m.value is not None)} 个对应到指标。"]
    if not reading.figures:
        lines.append("文中没有识别到任何数字，没有可核对的内容（不是“未发现问题”）。"
                     "若报告的数字在文本框、页眉页脚或图片里，请复制到正文后再核对。")
        return "\n".join(lines)
    if not report.findings:
        lines.append("未发现问题：文中对应到指标的数字与已填报的数值一致。")
        return "\n".join(lines)
    counts = "，".join(f"{KIND_LABELS[k]} {len(report.of_kind(k))}" for k in Kind if report.of_kind(k))
    lines.append(f"发现 {len(report.findings)} 处：{counts}。")
    listed, rest = first(report.findings, what="问题（用 --json 可得全部）")
    for number, finding in enumerate(listed, 1):
        lines += ["", *_finding_lines(number, finding, catalog, reading.text)]
    return "\n".join([*lines, rest] if rest else lines)


def _finding_lines(number: int, finding: CrossFinding, catalog: Catalog, text: str) -> list[str]:
    metric = catalog.metric(finding.metric) if finding.metric else None
    title = f"{number}. [{KIND_LABELS[finding.kind]}]" + (f" {metric.name}（{metric.code}）" if metric else "")
    return [title, f"   原文：{excerpt(text, finding)}", f"   {finding.message}", f"   建议：{finding.suggestion}"]


def excerpt(text: str, finding: CrossFinding, width: int = _EXCERPT) -> str:
    """The sentence around the figure, the figure in 【】, cut to ``width`` characters each side."""
    start, end = finding.span
    left = text[max(finding.sentence_span[0], start - width):start]
    right = text[end:min(finding.sentence_span[1], end + width)]
    prefix = "…" if start - width > finding.sentence_span[0] else ""
    suffix = "…" if end + width < finding.sentence_span[1] else ""
    return f"{prefix}{left.lstrip()}【{text[start:end]}】{right.rstrip()}{suffix}".replace("\n", " ")
