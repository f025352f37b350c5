"""The 文字报告核对 sheet of the validation report: what the narrative report's figures disagree on."""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports import styles
from exports.cells import write_text
from models.catalog import Catalog, Metric
from models.precision import trimmed
from validation.crosscheck import KIND_LABELS, CrossReport
from validation.crosscheck.messages import shown

SHEET = "文字报告核对"
HEADER_ROW = 3
COLUMNS = (("序号", 6), ("类别", 12), ("指标", 22), ("原文", 60), ("文中数值", 12), ("已填报数值", 12),
           ("问题与建议", 50))


def narrative_sheet(ws: Worksheet, report: CrossReport, catalog: Catalog, title: str, file_name: str) -> None:
    last = get_column_letter(len(COLUMNS))
    ws.merge_cells(f"A1:{last}1")
    write_text(ws["A1"], title)
    ws["A1"].font, ws["A1"].alignment = styles.TITLE, styles.CENTER
    ws.row_dimensions[1].height = 34
    ws.merge_cells(f"A2:{last}2")
    write_text(ws["A2"], f"核对文件：{file_name}；发现 {len(report.findings)} 处，"
                         f"其中须改正 {len(report.blocking)} 处（占位符、与已填报数值不符、文中算术不符）。")
    ws["A2"].font, ws["A2"].alignment = styles.SUBTITLE, styles.LEFT
    for column, (header, width) in enumerate(COLUMNS, 1):
        write_text(ws.cell(HEADER_ROW, column), header)
        styles.apply(ws.cell(HEADER_ROW, column), "header")
        ws.column_dimensions[get_column_letter(column)].width = width
    for row, finding in enumerate(report.findings, HEADER_ROW + 1):
        metric = catalog.metric(finding.metric) if finding.metric else None
        texts = (str(row - HEADER_ROW), KIND_LABELS[finding.kind], metric.name if metric else "",
                 finding.sentence, shown(finding.text_value), _reported(finding.filed_value, metric),
                 f"{finding.message}建议：{finding.suggestion}")
        for column, text in enumerate(texts, 1):
            styles.apply(ws.cell(row, column), "left" if column in (3, 4, 7) else "center")
            write_text(ws.cell(row, column), text or None)
        ws.row_dimensions[row].height = styles.row_height(
            [(t or "", w) for t, (_h, w) in zip(texts, COLUMNS, strict=True)])
    if not report.findings:
        write_text(ws.cell(HEADER_ROW + 1, 1), "文中数字与已填报数值一致，未发现问题。")
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    styles.print_landscape(ws, f"{HEADER_ROW}:{HEADER_ROW}")


def _reported(filed: float | None, metric: Metric | None) -> str:
    """The filed figure as reported: at the metric's precision, half-up (84.6082 → 84.61)."""
    if filed is None or metric is None:
        return shown(filed)
    return trimmed(filed, metric.decimals)
