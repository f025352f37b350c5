"""The coordinator's board as a workbook for the leaders' meeting: one row per department, the
period's deadline, the sign-offs; printable on one A4 page across."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from exports import styles
from exports.cells import write_text
from models.workflow import Board, BoardRow, State

COLUMNS = (("序号", 6), ("部门", 16), ("已填/应填", 11), ("错误", 7), ("待说明警告", 11), ("未关问询", 10),
           ("状态", 10), ("提交时间", 18), ("期限", 14))
HEADER_ROW = 3
_ATTENTION = {State.NOT_STARTED, State.FILING, State.RETURNED}  # the department still has work to do


def board_workbook(board: Board) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "填报进度"
    last = get_column_letter(len(COLUMNS))
    _merged_line(ws, 1, last, f"{board.district}{board.label}营商环境指标填报进度", styles.TITLE, 30)
    deadline = f"截止日期 {board.deadline.isoformat()}，{board.deadline_text}" if board.deadline else "未设截止日期"
    _merged_line(ws, 2, last, f"{deadline}（按 {board.today.isoformat()} 计）", styles.SUBTITLE, 20)
    for column, (title, width) in enumerate(COLUMNS, 1):
        styles.apply(ws.cell(HEADER_ROW, column), "header")
        write_text(ws.cell(HEADER_ROW, column), title)
        ws.column_dimensions[get_column_letter(column)].width = width
    for number, row in enumerate(board.rows, 1):
        _row(ws, HEADER_ROW + number, number, row)
    below = HEADER_ROW + len(board.rows) + 2
    for offset, line in enumerate(_signoff_lines(board)):
        _merged_line(ws, below + offset, last, line, styles.BODY, 20)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    styles.print_landscape(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    return wb


def _merged_line(ws, row: int, last: str, text: str, font, height: float) -> None:
    ws.merge_cells(f"A{row}:{last}{row}")
    write_text(ws[f"A{row}"], text)
    ws[f"A{row}"].font, ws[f"A{row}"].alignment = font, styles.LEFT if row > 1 else styles.CENTER
    ws.row_dimensions[row].height = height


def _row(ws, at: int, number: int, row: BoardRow) -> None:
    values = (number, row.name, f"{row.filed}/{row.required}", row.errors, row.warnings, row.queries,
              row.state.value, row.submitted_at[:16].replace("T", " "), row.timeliness)
    for column, value in enumerate(values, 1):
        cell = ws.cell(at, column)
        styles.apply(cell, "left" if column == 2 else "center")
        if isinstance(value, int):
            cell.value = value
        else:
            write_text(cell, value)
    if row.state in _ATTENTION or row.errors or row.queries:
        ws.cell(at, 7).font = styles.DRAFT
    if "逾期" in row.timeliness:
        ws.cell(at, 9).font = styles.DRAFT


def _signoff_lines(board: Board) -> list[str]:
    if not board.signoffs:
        return ["签字确认：审核人、负责人均未签字。"]
    lines = []
    for signoff in board.signoffs:
        state = "有效" if signoff.valid else f"签字已失效：{signoff.void_reason}"
        lines.append(f"{signoff.role.value}：{signoff.name}，{signoff.at[:16].replace('T', ' ')} 签字（{state}）")
    return lines
