"""Province forms as the province sends them: no placeholders, a header of one or two merged rows,
indicator names or codes down one column, empty cells to fill.  Built with openpyxl in the layouts
the tests fill from the demo district's figures."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD = PatternFill("solid", fgColor="FFDDEBF7")
PERCENT = "0.00%"


def _box(ws, first_row: int, last_row: int, columns: int) -> None:
    for row in ws.iter_rows(min_row=first_row, max_row=last_row, max_col=columns):
        for cell in row:
            cell.border = BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def quarterly_form(path: Path, extra: tuple[str, ...] = ()) -> Path:
    """Names in column B, a two-row merged header ("2023年" over 一季度…四季度), a SUM row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "季度统计表"
    ws.merge_cells("A1:H1")
    ws["A1"] = "2023年营商环境评价指标季度统计表"
    ws["A1"].font = Font(name="方正小标宋简体", size=18, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"] = "填报单位：（盖章）"
    for merged, text in (("A3:A4", "序号"), ("B3:B4", "指标名称"), ("C3:C4", "单位"), ("D3:G3", "2023年"),
                         ("H3:H4", "备注")):
        ws.merge_cells(merged)
        ws[merged.split(":")[0]] = text
    for column, text in zip("DEFG", ("一季度", "二季度", "三季度", "四季度"), strict=True):
        ws[f"{column}4"] = text
    rows = [("1", "全程网办率", "%"), ("2", "依申请政务服务事项数", "项"), ("3", "就近办办件量", "件"),
            ("4", "帮代办平台受理工单数", "件"), ("", "办件合计", "件"), *((str(5 + i), name, "") for i, name in enumerate(extra))]
    for seq, name, unit in rows:
        ws.append([seq, name, unit])
    for column in "DEFG":
        ws[f"{column}5"].number_format = PERCENT
        ws[f"{column}9"] = f"=SUM({column}7:{column}8)"
    _box(ws, 3, ws.max_row, 8)
    for cell in ws[3] + ws[4]:
        cell.fill, cell.font = HEAD, Font(bold=True)
    ws.column_dimensions["B"].width = 28
    ws.print_options.horizontalCentered = True
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = "3:4"
    notes = wb.create_sheet("填表说明")
    notes["A1"] = "本表数据为累计数，季度比率填写期末数。"
    notes["A2"] = "=1+1"
    wb.save(path)
    return path


def coded_form(path: Path) -> Path:
    """Codes in column A, names beside them, one header row: 本期数值, 上年同期, 同比, 目标, 说明."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "报送表"
    ws["A1"] = "2023年第三季度营商环境指标报送表"  # a title naming a period is no header
    ws.merge_cells("A1:H1")
    ws.append(["指标代码", "指标名称", "单位", "本期数值", "上年同期", "同比", "目标", "说明"])
    for code, name in (("ct_close_rate", "结案率"), ("ct_cases_accepted", "受理案件数"),
                       ("gs_full_online_rate", "政务服务全程网办"), ("", "线上办电")):
        ws.append([code, name])
    ws["D3"].number_format = ws["E3"].number_format = PERCENT
    _box(ws, 2, ws.max_row, 8)
    wb.save(path)
    return path


def named_form(path: Path, names: tuple[str, ...], header=("指标", "本期", "上年同期", "同比", "说明")) -> Path:
    """Names only (some as reports write them), one header row under a title."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "指标情况"
    ws["A1"] = "红谷滩区营商环境指标情况表"
    ws.append(list(header))
    for name in names:
        ws.append([name])
    _box(ws, 2, ws.max_row, len(header))
    wb.save(path)
    return path


def spans_form(path: Path) -> Path:
    """一季度 over 数值 and 同比, then 上半年, 前三季度 and 全年; names in column A, no % formats."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分期情况"
    for merged, text in (("A1:A2", "指标名称"), ("B1:C1", "一季度"), ("D1:E1", "上半年"), ("F1:F2", "前三季度"),
                         ("G1:G2", "全年"), ("H1:H2", "年度目标")):
        ws.merge_cells(merged)
        ws[merged.split(":")[0]] = text
    for column, text in zip("BCDE", ("数值", "同比", "数值", "同比"), strict=True):
        ws[f"{column}2"] = text
    for name in ("全程网办率", "就近办办件量", "线上办电率"):
        ws.append([name])
    _box(ws, 1, ws.max_row, 8)
    wb.save(path)
    return path


def two_sheet_form(path: Path) -> Path:
    """One sheet per indicator, each with a section heading merged across the table."""
    wb = openpyxl.Workbook()
    for index, (title, heading, names) in enumerate((
            ("政务服务", "一、政务服务", ("（一）全程网办率", "（二）政务服务全程网办")),
            ("获得电力", "二、获得电力", ("1、线上办电率", "2、低压办电环节")))):
        ws = wb.active if index == 0 else wb.create_sheet()
        ws.title = title
        ws.append(["指标名称", "本期", "上年同期"])
        ws.append([heading])
        ws.merge_cells("A2:C2")
        for name in names:
            ws.append([name])
    wb.save(path)
    return path
