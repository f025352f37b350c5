"""The 校验结果 sheet: every finding of the period with its severity and its written 说明."""

from __future__ import annotations

from typing import Protocol

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports import styles
from exports.cells import write_text
from exports.progress import Steps
from models.catalog import RULE_LABELS, Catalog, Severity
from models.findings import Finding, Report
from models.periods import Period

COLUMNS = (("序号", 6), ("严重程度", 9), ("一级指标", 14), ("指标名称", 26), ("填报单位", 13),
           ("规则", 18), ("问题", 48), ("说明", 36), ("状态", 9))
SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
HEADER_ROW = 3


class FindingsData(Protocol):
    """What the sheet reads of an export's data (``exports.submission.SubmissionData``): declared
    here so that the submission, which holds this sheet, is not imported back."""

    @property
    def catalog(self) -> Catalog: ...

    @property
    def period(self) -> Period: ...

    @property
    def report(self) -> Report: ...

    @property
    def district(self) -> str: ...

    def title(self, text: str) -> str: ...


def findings_sheet(ws: Worksheet, data: FindingsData, steps: Steps) -> None:
    last = get_column_letter(len(COLUMNS))
    ws.merge_cells(f"A1:{last}1")
    write_text(ws["A1"], data.title(f"{data.district}{data.period.cumulative_label}营商环境指标数据校验结果"))
    ws["A1"].font, ws["A1"].alignment = styles.TITLE, styles.CENTER
    ws.row_dimensions[1].height = 34
    ws.merge_cells(f"A2:{last}2")
    write_text(ws["A2"], _legend(data))
    ws["A2"].font, ws["A2"].alignment = styles.SUBTITLE, styles.LEFT
    ws.row_dimensions[2].height = 36
    _header(ws)
    positions = {m.code: i for i, m in enumerate(data.catalog.metrics)}
    findings = sorted(data.report.findings,
                      key=lambda f: (_ORDER[f.severity], positions.get(f.metric, len(positions)), f.rule))
    for row, finding in enumerate(findings, HEADER_ROW + 1):
        _finding_row(ws, row, data, finding)
        steps.advance()
    if not findings:
        ws.merge_cells(f"A{HEADER_ROW + 1}:{last}{HEADER_ROW + 1}")
        write_text(ws.cell(HEADER_ROW + 1, 1), "未发现问题。")
        ws.cell(HEADER_ROW + 1, 1).alignment = styles.CENTER
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    styles.print_landscape(ws, f"{HEADER_ROW}:{HEADER_ROW}")


def _legend(data: FindingsData) -> str:
    return ("错误：须改正后才能正式报送；警告：须写明说明（已说明的随报送件一并报送）；提示：仅供参考。"
            f"共 {len(data.report.findings)} 项，其中未解决 {len(data.report.blocking)} 项。")


def _header(ws: Worksheet) -> None:
    for column, (header, width) in enumerate(COLUMNS, 1):
        cell = ws.cell(HEADER_ROW, column)
        write_text(cell, header)
        styles.apply(cell, "header")
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.row_dimensions[HEADER_ROW].height = 24


def _finding_row(ws: Worksheet, row: int, data: FindingsData, finding: Finding) -> None:
    catalog = data.catalog
    metric = catalog.metric(finding.metric)
    indicator = catalog.indicator_of(finding.metric).name if metric else ""
    dept = catalog.department(finding.dept)
    texts = (str(row - HEADER_ROW), SEVERITY_LABELS[finding.severity], indicator,
             metric.name if metric else finding.metric, dept.name if dept else finding.dept,
             RULE_LABELS[finding.kind], finding.message, finding.explanation, _status(finding))
    for column, text in enumerate(texts, 1):
        cell = ws.cell(row, column)
        flagged = finding.blocking and column in (2, 9)
        styles.apply(cell, "flagged" if flagged else ("left" if column in (4, 7, 8) else "center"))
        write_text(cell, text or None)
    ws.cell(row, 1).value = row - HEADER_ROW  # 序号, a number
    ws.row_dimensions[row].height = styles.row_height([(t or "", w) for t, (_h, w) in zip(texts, COLUMNS, strict=True)])


def _status(finding: Finding) -> str:
    if finding.severity == Severity.ERROR:
        return "待改正"
    if finding.severity == Severity.WARNING:
        return "已说明" if finding.explained else "待说明"
    return "—"
