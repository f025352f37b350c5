"""The quarter's hand-over: ``submit``, ``return``, ``accept``, ``query``, ``answer``, ``close-query``,
``signoff`` and the coordinator's board ``status``.

The department acting is ``--by`` when given; otherwise the department named by ``--dept`` for what
a department does (submit, answer) and the 营商办 for what the 营商办 does (return, accept, query,
close-query).  A refused transition exits with status 1 and says why; nothing is changed.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from app import board as boards
from app import queries, signoff, workflow
from app.errors import UsageError
from cli import lookup
from models.workflow import Board, QuarterBoard, Role

HELP = {
    "submit": "部门提交本期数据给营商办：须按正式报送标准校验通过、问询均已回复",
    "return": "营商办退回某部门已提交的数据（须写原因；--metric 同时就该指标向部门问询）",
    "accept": "营商办审核通过某部门已提交的数据（问询须已全部关闭）；通过后数据锁定",
    "query": "营商办就某部门的一项数值提出问询",
    "answer": "部门回复营商办对本部门一项数值的问询",
    "close-query": "营商办核对回复后关闭一条问询",
    "signoff": "审核人或负责人签字确认本期报送数据（之后数据有改动或解锁，签字即失效）",
    "status": "填报进度看板：各部门已填/应填、问题、问询、状态、提交时间与截止日期",
}
DEPT_COMMANDS = ("submit", "answer")  # what a department does; the rest is the 营商办's


def add_arguments(name, parser) -> None:
    parser.add_argument("period", help="统计期，如 2023Q3 或 2023年第三季度")
    if name == "signoff":
        parser.add_argument("--role", required=True, choices=[r.value for r in Role], help="以什么身份签字")
        parser.add_argument("--name", required=True, metavar="姓名", help="签字人姓名")
    elif name == "status":
        parser.add_argument("--json", action="store_true", help="输出 JSON")
        parser.add_argument("--out", type=Path, help="同时写出看板工作簿（.xlsx），供会议使用")
        parser.add_argument("--today", metavar="日期", help="按哪一天计算剩余或逾期天数（默认今天），如 2023-10-08")
        parser.add_argument("--quarters", action="store_true", help="本年截至该期每个季度各部门的状态（每季度一列）")
    else:
        parser.add_argument("--dept", required=True, help="部门代码或名称")
        if name in ("query", "answer", "close-query"):
            parser.add_argument("metric", help="指标代码（见 catalog 命令）")
        if name in ("query", "answer"):
            parser.add_argument("text", metavar="内容", help="问询或回复的内容")
        if name in ("return", "close-query"):
            parser.add_argument("--reason", required=name == "return", default="",
                                help="原因（退回时必填）")
        if name == "return":
            parser.add_argument("--metric", help="退回原因针对的指标代码：同时就该指标向部门问询")
        parser.add_argument("--by", metavar="操作部门",
                            help="以哪个部门的身份操作（默认：提交、回复为该部门本身，其余为营商办）")
    parser.set_defaults(handler=HANDLERS[name])


def _target(args, ctx, name: str):
    period = lookup.period(args.period)
    catalog = ctx.catalog_for(period)
    dept = lookup.department(catalog, args.dept)
    if args.by:
        acting = lookup.department(catalog, args.by).code
    else:
        acting = dept.code if name in DEPT_COMMANDS else catalog.profile.coordinator
    return period, catalog, dept, acting


def submit(args, ctx) -> int:
    period, _, dept, acting = _target(args, ctx, "submit")
    workflow.submit(ctx, period, dept.code, acting)
    print(f"已提交：{dept.name} {period.label}（按正式报送标准校验通过），等待营商办审核。")
    return 0


def return_(args, ctx) -> int:
    period, catalog, dept, acting = _target(args, ctx, "return")
    metric = lookup.metric(catalog, args.metric).code if args.metric else None
    workflow.return_(ctx, period, dept.code, acting, args.reason, metric)
    asked = f"；已就“{catalog.metric(metric).name}”向{dept.name}问询" if metric else ""
    print(f"已退回：{dept.name} {period.label}（原因：{args.reason.strip()}）{asked}。部门改正后重新提交。")
    return 0


def accept(args, ctx) -> int:
    period, _, dept, acting = _target(args, ctx, "accept")
    workflow.accept(ctx, period, dept.code, acting)
    print(f"已审核通过：{dept.name} {period.label}；数据已锁定（如需更正，用 unlock 解锁并写明原因）。")
    return 0


def query(args, ctx) -> int:
    period, catalog, dept, acting = _target(args, ctx, "query")
    metric = lookup.metric(catalog, args.metric)
    queries.ask(ctx, period, dept.code, metric.code, args.text, acting)
    print(f"已问询：{dept.name} {period.label}“{metric.name}”：{args.text.strip()}。待{dept.name}回复。")
    return 0


def answer(args, ctx) -> int:
    period, catalog, dept, acting = _target(args, ctx, "answer")
    metric = lookup.metric(catalog, args.metric)
    found = queries.answer(ctx, period, dept.code, metric.code, args.text, acting)
    print(f"已回复：{dept.name} {period.label}“{metric.name}”的问询（{found.text}）：{found.answer}。待营商办核对关闭。")
    return 0


def close_query(args, ctx) -> int:
    period, catalog, dept, acting = _target(args, ctx, "close-query")
    metric = lookup.metric(catalog, args.metric)
    queries.close(ctx, period, dept.code, metric.code, acting, args.reason)
    print(f"已关闭问询：{dept.name} {period.label}“{metric.name}”。")
    return 0


def sign(args, ctx) -> int:
    period = lookup.period(args.period)
    done = signoff.sign(ctx, period, Role(args.role), args.name)
    print(f"{done.role.value} {done.name} 已签字确认 {period.label}的报送数据（SHA-256：{done.content_hash}）。"
          "此后本期数据如有改动或解锁，签字即失效。")
    return 0


def status(args, ctx) -> int:
    period = lookup.period(args.period)
    today = _today(args.today)
    if args.quarters:
        return _quarters(args, ctx, period, today)
    found = boards.write_board(ctx, period, args.out, today) if args.out else boards.board(ctx, period, today)
    if args.json:
        print(json.dumps(board_json(found), ensure_ascii=False, indent=2))
    else:
        print(board_text(found))
        if args.out:
            print(f"已写出看板工作簿：{args.out}")
    return 0


def _quarters(args, ctx, period, today) -> int:
    if args.out:
        raise UsageError("--quarters 只在屏幕上列出各季度状态，不能与 --out 同用；看板工作簿请去掉 --quarters。")
    found = boards.quarters(ctx, period, today)
    if args.json:
        print(json.dumps(quarters_json(found), ensure_ascii=False, indent=2))
    else:
        print(quarters_text(found))
    return 0


def quarters_json(board: QuarterBoard) -> dict:
    return {"year": board.year, "district": board.district, "periods": list(board.periods),
            "departments": [{"dept": r.dept, "name": r.name,
                             "states": {p: c.state.value for p, c in zip(board.periods, r.cells, strict=True)},
                             "late": {p: c.late for p, c in zip(board.periods, r.cells, strict=True) if c.late}}
                            for r in board.rows]}


def quarters_text(board: QuarterBoard) -> str:
    widths = (_WIDTHS[0], *[QUARTER_WIDTH] * len(board.periods))
    lines = [f"{board.district} {board.year}年各季度填报状态：", _line(("部门", *board.labels), widths)]
    lines += [_line((r.name, *(c.text for c in r.cells)), widths) for r in board.rows]
    return "\n".join(lines)


def _today(text: str | None) -> date | None:
    if text is None:
        return None
    from models.workflow import parse_deadline

    try:
        return parse_deadline(text)
    except ValueError as exc:
        raise UsageError(f"--today：{exc}") from exc


def board_json(board: Board) -> dict:
    return {
        "period": board.period, "district": board.district,
        "deadline": board.deadline.isoformat() if board.deadline else None,
        "today": board.today.isoformat(), "deadline_status": board.deadline_text,
        "departments": [{"dept": r.dept, "name": r.name, "filed": r.filed, "required": r.required,
                         "errors": r.errors, "warnings": r.warnings, "queries": r.queries,
                         "state": r.state.value, "submitted_at": r.submitted_at or None,
                         "timeliness": r.timeliness} for r in board.rows],
        "signoffs": [{"role": s.role.value, "name": s.name, "at": s.at, "sha256": s.content_hash,
                      "valid": s.valid, "void_reason": s.void_reason} for s in board.signoffs],
    }


def board_text(board: Board) -> str:
    deadline = f"截止日期 {board.deadline.isoformat()}，{board.deadline_text}" if board.deadline else "未设截止日期"
    lines = [f"{board.district} {board.label}（{board.period}）填报进度：{deadline}（按 {board.today.isoformat()} 计）",
             _line(("部门", "已填/应填", "错误", "待说明", "问询", "状态", "提交时间", "期限"))]
    for row in board.rows:
        submitted = row.submitted_at[:16].replace("T", " ") or "—"
        lines.append(_line((row.name, f"{row.filed}/{row.required}", row.errors, row.warnings, row.queries,
                            row.state.value, submitted, row.timeliness)))
    lines.append("签字确认：" + ("审核人、负责人均未签字。" if not board.signoffs else ""))
    for done in board.signoffs:
        state = "有效" if done.valid else f"签字已失效：{done.void_reason}"
        lines.append(f"  {done.role.value} {done.name}（{done.at[:16].replace('T', ' ')}）：{state}")
    return "\n".join(lines)


_WIDTHS = (14, 10, 6, 8, 6, 10, 18, 0)


QUARTER_WIDTH = 24  # 填报中（已逾期180天）


def _line(cells, widths=_WIDTHS) -> str:
    """Columns padded by display width (a Chinese character takes two places in a terminal)."""
    return "  " + "".join(_pad(str(cell), width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def _pad(text: str, width: int) -> str:
    shown = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return text + " " * max(width - shown, 1 if width else 0)


HANDLERS = {"submit": submit, "return": return_, "accept": accept, "query": query, "answer": answer,
            "close-query": close_query, "signoff": sign, "status": status}
