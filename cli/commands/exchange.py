"""Excel exchange and locks: ``blank``, ``import``, ``export``, ``verify``, ``lock``, ``unlock``."""

from __future__ import annotations

import sys
from pathlib import Path

from app import exchange, workflow
from app import verify as verification
from app.errors import UsageError
from cli import lookup
from exports.contents import shown
from exports.findings_sheet import SEVERITY_LABELS
from models import listing
from storage import submissions

HELP = {
    "blank": "生成某部门的空白填报表（.xlsx），已填报的数值会预先填入",
    "import": "导入部门填好的填报表：逐行按指标代码核对，全部通过才保存（--dry-run 只预览）",
    "export": "导出报送省里的工作簿（内置格式或 --template 指定的模板）；正式导出须校验通过",
    "verify": "核对一个报送文件是否与已记录的正式报送件一致：先比 SHA-256，不同时逐个单元格比较内容",
    "lock": "锁定某部门某统计期的数据：锁定后不能修改或导入",
    "unlock": "解锁某部门某统计期的数据（须用 --reason 写明原因）",
}
_KINDS = {"new": "新增", "changed": "修改", "unchanged": "未变"}


def add_arguments(name, parser) -> None:
    if name in ("import", "verify"):
        parser.add_argument("file", type=Path, help="工作簿文件（.xlsx）")
    else:
        parser.add_argument("period", help="统计期，如 2023Q3 或 2023年第三季度")
    if name in ("blank", "lock", "unlock"):
        parser.add_argument("--dept", required=True, help="部门代码或名称")
    if name in ("blank", "export"):
        parser.add_argument("--out", required=True, type=Path, help="输出文件（.xlsx）")
    if name == "import":
        parser.add_argument("--dry-run", action="store_true", help="只报告将新增、修改、未变的数值，不保存")
        parser.add_argument("--period", help="所选统计期：填报表不是该统计期时拒绝导入")
        parser.add_argument("--dept", help="所选部门：填报表不是该部门的时拒绝导入")
    if name == "export":
        parser.add_argument("--template", type=Path, help="省里下发的报表或模板（.xlsx）：含 {{metric:代码}} 等占位符时按占位符填写，"
                            "否则按表头和指标名称（或指标代码）列自动对应（见 template map）")
        parser.add_argument("--draft", action="store_true", help="草稿：校验未通过也导出，每张工作表标注“草稿”")
    if name in ("lock", "unlock"):
        parser.add_argument("--reason", default="", help="原因（解锁时必填）")
    parser.set_defaults(handler=HANDLERS[name])


def _period_and_dept(args, ctx):
    period = lookup.period(args.period)
    return period, lookup.department(ctx.catalog_for(period), args.dept)


def blank(args, ctx) -> int:
    period, dept = _period_and_dept(args, ctx)
    result = exchange.write_blank(ctx, period, dept, args.out)
    print(f"已生成填报表：{result.path}")
    print(f"  {dept.name} {period.label}：工作表 {len(result.sheets)} 张（{'、'.join(result.sheets)}），"
          f"指标 {result.metrics} 项，已预填 {result.prefilled} 项。")
    if ctx.store.is_locked(period.code, dept.code):
        print(f"  注意：{dept.name} {period.label} 已锁定，填好后导入会被拒绝，需先解锁。")
    return 0


def import_(args, ctx) -> int:
    expect_period = lookup.period(args.period) if args.period else None
    expect_dept = None
    if args.dept:
        expect_dept = lookup.department(ctx.catalog(expect_period.year if expect_period else None), args.dept)
    try:
        plan = exchange.import_workbook(ctx, args.file, dry_run=args.dry_run,
                                        expect_period=expect_period, expect_dept=expect_dept)
    except exchange.ImportRefused as refused:
        _print_refused(refused.plan)
        return 1
    _print_plan(plan, args.dry_run)
    return 0


def _print_refused(plan: exchange.ImportPlan) -> None:
    reading = plan.reading
    shown, rest = listing.first(plan.refusals)
    if reading.stopped:  # the file was not read to its end
        count = f"问题超过 {listing.MAX_LISTED} 处，列出前 {len(shown)} 处"
        rest = "另有更多问题未列出（其余部分未再核对）：请先改正以上问题，再重新导入。"
    else:
        count = f"共 {len(plan.refusals)} 处问题"
    lines = [f"导入被拒绝，未保存任何数据：{plan.file_name}（{reading.dept.name} {reading.period.label}）",
             f"{count}："]
    lines += [f"  {refusal.text()}" for refusal in shown]
    print("\n".join(lines + ([rest] if rest else [])), file=sys.stderr)


def _print_plan(plan: exchange.ImportPlan, dry_run: bool) -> None:
    reading = plan.reading
    catalog = reading.catalog
    verb = "预览（未保存）" if dry_run else "已导入"
    print(f"{verb}：{plan.file_name}（{reading.dept.name} {reading.period.label}）")
    print(f"  SHA-256：{plan.sha256}")
    print(f"  新增 {plan.count('new')} 项，修改 {plan.count('changed')} 项，未变 {plan.count('unchanged')} 项，"
          f"说明 {len(plan.explanations)} 项。")
    for change in plan.changes:
        if change.kind == "unchanged":
            continue
        metric = catalog.metric(change.entry.metric)
        old = f"{change.old.raw} → " if change.old else ""
        print(f"  [{_KINDS[change.kind]}] {metric.name}：{old}{change.entry.raw}")
    for explanation in plan.explanations:
        print(f"  [说明] {catalog.metric(explanation.metric).name}（规则 {explanation.rule}）：{explanation.text}")
    if plan.handover:
        print(f"  {plan.handover}")
    notices, rest = listing.first(plan.notices)
    for notice in notices:
        print(f"  提示：{notice}")
    if rest:
        print(f"  {rest}")
    _print_findings(plan)


def _print_findings(plan: exchange.ImportPlan) -> None:
    """The rules over the department's period as imported: the same findings ``validate`` gives."""
    from cli.commands.validation import finding_lines, severity_counts

    if not plan.findings:
        print("  导入后校验：没有发现问题。")
        return
    print(f"  导入后校验：{severity_counts(plan.findings)}（错误须改正，警告须改正或写明说明）")
    shown, rest = listing.first(plan.findings)
    for finding in shown:
        print("\n".join("  " + line for line in finding_lines(plan.reading.catalog, finding)))
    if rest:
        print(f"  {rest}")


def export(args, ctx) -> int:
    period = lookup.period(args.period)
    try:
        result = exchange.export_submission(ctx, period, args.out, template=args.template, draft=args.draft)
    except exchange.ExportRefused as refused:
        _print_export_refused(ctx, period, refused)
        return 1
    kind = "草稿" if result.draft else "正式报送件"
    print(f"已导出{kind}：{result.path}")
    print(f"  SHA-256：{result.sha256}")
    if result.filled is not None and result.filled.mapping is not None:
        _print_form(result.filled)
    problems, rest = listing.first(result.problems)
    for problem in problems:
        print(f"  模板问题（已留空）：{_problem_text(problem)}")
    empty, more_empty = listing.first(result.empty, what="未填报的占位符")
    for placeholder in empty:
        print(f"  未填报（已留空）：{listing.shortened(placeholder)}")
    for line in (rest, more_empty):
        if line:
            print(f"  {line}")
    if result.submission:
        print(f"  已记录报送件 #{result.submission.id}（{len(result.submission.figures)} 项数值）；"
              "可用 verify 核对文件是否与之一致。")
    elif result.report.blocking:
        print(f"  注意：仍有 {len(result.report.blocking)} 项校验问题未解决，不能作为正式报送件。")
    return 0


def _print_export_refused(ctx, period, refused: exchange.ExportRefused) -> None:
    catalog = ctx.catalog_for(period)
    lines = [f"不能正式导出 {period.label}（未写入文件）。请改正错误、为警告写明说明，或用 --draft 导出草稿。"]
    if refused.blocking:
        lines.append(f"未解决的校验问题 {len(refused.blocking)} 项：")
        blocking, rest = listing.first(refused.blocking)
        for finding in blocking:
            metric = catalog.metric(finding.metric)
            name = metric.name if metric else finding.metric
            lines.append(f"  [{SEVERITY_LABELS[finding.severity]}] {name}（{finding.rule}）：{finding.message}")
        lines += [f"  {rest}"] if rest else []
    if refused.mapping is not None:
        from cli.commands.template import summary_lines

        lines += [f"模板按表头和指标名称对应（{refused.mapping.layout.sheets[0].title} 等 {len(refused.mapping.layout.sheets)} 张表）："]
        lines += summary_lines(refused.mapping)
        lines.append(f"模板未能填全 {len(refused.problems)} 处：")
        problems, rest = listing.first(refused.problems)
        lines += [f"  {_problem_text(problem)}" for problem in problems] + ([f"  {rest}"] if rest else [])
    elif refused.problems:
        lines.append(f"模板占位符有误 {len(refused.problems)} 处：")
        problems, rest = listing.first(refused.problems)
        lines += [f"  {_problem_text(problem)}" for problem in problems] + ([f"  {rest}"] if rest else [])
    print("\n".join(lines), file=sys.stderr)


def _print_form(filled) -> None:
    """What a form without placeholders was filled with: its mapping, the cells kept, what is missing."""
    from cli.commands.template import summary_lines

    form = filled.form
    print(f"  按表头和指标名称对应填写：数值 {form.numbers} 个，文字 {form.texts} 个（同比、目标、说明、备注、单位）。")
    print("\n".join(summary_lines(filled.mapping)))
    kept, rest = listing.first(form.formulas, what="公式单元格")
    if kept:
        print(f"  含公式的单元格未改动 {len(form.formulas)} 个：{'、'.join(kept)}" + (f"；{rest}" if rest else ""))


def _problem_text(problem) -> str:
    """A template problem with its cell's text cut (a cell may hold 32,767 characters, and the
    reason may quote it)."""
    return f"{problem.where}  {listing.shortened(problem.placeholder)}：{listing.shortened(problem.reason, 200)}"


def verify(args, ctx) -> int:
    result = verification.verify(ctx, args.file)
    print(f"文件：{result.path}")
    print(f"SHA-256：{result.sha256}")
    if result.matches:
        for match in result.matches:
            print(f"一致：与 {match.at} 由 {match.who or '（未知）'} 导出的 {match.period} 正式报送件 #{match.id}"
                  f"（{match.file_name}）完全相同。")
        return 0
    if result.same_content:
        match = result.compared
        print(f"内容与报送件 #{match.id} 一致（文件经过重新保存）：{match.at} 导出的 {match.period} 正式报送件"
              f"（{match.file_name}）的每个单元格的值都未改变，只是文件字节不同（如在 Excel、WPS 中打开后保存）。")
        return 0
    _print_mismatch(ctx, result)
    return 1


def _print_mismatch(ctx, result: verification.Verification) -> None:
    lines = ["不一致：没有与该文件完全相同的已记录报送件。"]
    if result.compared is not None:
        match = result.compared
        lines.append(f"与最接近的报送件 #{match.id}（{match.at} 导出的 {match.period} 正式报送件，{match.file_name}）"
                     f"相比，{len(result.changes)} 处内容不同：")
        changes, rest = listing.first(result.changes, what="不同")
        lines += [f"  {c.where}：报送件中为 {shown(c.recorded, c.percent)}，文件中为 {shown(c.found, c.percent)}" for c in changes]
        lines += [f"  {rest}"] if rest else []
    identity = result.identity
    if identity is not None:
        recorded = submissions.submissions(ctx.store, identity.period)
        state = "草稿" if identity.draft else "正式报送件"
        lines.append(f"  文件自称是 {identity.written_at} 导出的 {identity.period} {state}；"
                     f"该统计期已记录的正式报送件 {len(recorded)} 份。文件可能在导出后被改动，或是草稿。")
    if result.without_cells:
        lines.append(f"  另有 {result.without_cells} 份报送件由早期版本记录，未存单元格内容，只能按 SHA-256 核对。")
    print("\n".join(lines), file=sys.stderr)


def lock(args, ctx) -> int:
    period, dept = _period_and_dept(args, ctx)
    ctx.store.lock(period.code, dept.code, reason=args.reason.strip())
    print(f"已锁定：{dept.name} {period.label}。锁定期间不能修改或导入该部门本期数据。")
    return 0


def unlock(args, ctx) -> int:
    period, dept = _period_and_dept(args, ctx)
    if not args.reason.strip():
        raise UsageError("解锁必须写明原因：unlock 统计期 --dept 部门 --reason \"原因\"")
    returned = workflow.unlock(ctx, period, dept.code, args.reason)
    print(f"已解锁：{dept.name} {period.label}（原因：{args.reason.strip()}）。")
    if returned is not None:
        print(f"  状态改为{returned.state.value}：改正后须重新提交、审核；本期的签字确认随之失效。")
    return 0


HANDLERS = {"blank": blank, "import": import_, "export": export, "verify": verify, "lock": lock, "unlock": unlock}
