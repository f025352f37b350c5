"""The entry table: a thin Qt adapter over an ``EntrySession`` (one row per metric shown)."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from gui import icons
from gui.formatting import year_on_year
from gui.session import EntrySession, Row
from gui.status import Status, finding_status
from gui.table_model import ListTableModel

Role = Qt.ItemDataRole
METRIC_ROLE = Role.UserRole + 1  # the metric code of a row
STATUS_ROLE = Role.UserRole + 2  # the row's Status


class Column(IntEnum):
    NAME = 0
    UNIT = 1
    VALUE = 2
    LAST_YEAR = 3
    YOY = 4
    TARGET = 5
    STATUS = 6
    NOTE = 7


HEADERS = ("指标名称", "单位", "本期数值", "上年同期", "同比", "目标值", "状态", "说明")
EDITABLE = {Column.VALUE: "value", Column.NOTE: "note"}  # column → draft field
STATUS_TEXT = {
    Status.DRAFT: "未保存", Status.ERROR: "错误", Status.WARNING: "待说明", Status.EXPLAINED: "已说明",
    Status.INFO: "提示", Status.EMPTY: "未填", Status.OK: "正常",
}
SEVERITY_TEXT = {Status.ERROR: "错误", Status.WARNING: "警告", Status.EXPLAINED: "警告（已说明）",
                 Status.INFO: "提示"}
NUMERIC = {Column.VALUE, Column.LAST_YEAR, Column.YOY, Column.TARGET}
# Commit handler: (metric code, field "value" | "note", typed text) → accepted?
CommitFn = Callable[[str, str, str], bool]


def tr(text: str) -> str:
    return QCoreApplication.translate("FiguresModel", text)


class FiguresModel(ListTableModel):
    headers = HEADERS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session: EntrySession | None = None
        self._rows: list[Row] = []
        self._commit: CommitFn | None = None

    # ---- contents -------------------------------------------------------------------
    def rows(self):
        return self._rows

    def header_text(self, header: str) -> str:
        return tr(header)

    def set_session(self, session: EntrySession | None, indicator: str | None = None) -> None:
        """Show a session's rows, all of them or one indicator's."""
        self.beginResetModel()
        self.session = session
        rows = session.rows if session else []
        self._rows = [r for r in rows if indicator is None or r.indicator.code == indicator]
        self.endResetModel()

    def set_commit(self, commit: CommitFn) -> None:
        self._commit = commit

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def row_of(self, code: str) -> int | None:
        return next((i for i, row in enumerate(self._rows) if row.metric.code == code), None)

    def metrics_changed(self, codes: set[str]) -> None:
        """Repaint the rows of these metrics (their figures or findings changed)."""
        shown = [i for i, row in enumerate(self._rows) if row.metric.code in codes]
        for first, last in _runs(shown):  # a span over unchanged rows would repaint them too
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))

    # ---- Qt model interface ---------------------------------------------------------
    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Role.DisplayRole):
        reader = self._ROLE_READERS.get(role)  # first: a view asks for a dozen roles per cell, most unused
        if reader is None or self.session is None or not index.isValid():
            return None
        return reader(self, self._rows[index.row()], Column(index.column()))

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Role.EditRole) -> bool:
        if role != Role.EditRole or not index.isValid() or index.column() not in EDITABLE:
            return False
        if self._commit is None:
            return False
        field = EDITABLE[Column(index.column())]
        return self._commit(self._rows[index.row()].metric.code, field, str(value))

    # ---- roles ----------------------------------------------------------------------
    def _display(self, row: Row, column: Column):
        draft = self._draft(row, column)
        if draft is not None:
            return draft.text
        code, metric, session = row.metric.code, row.metric, self.session
        now, before = session.values.get(code), session.last_year.get(code)
        if column == Column.NAME:
            return metric.name
        if column == Column.UNIT:
            return metric.unit
        if column == Column.VALUE:
            return now.raw if now else ""
        if column == Column.LAST_YEAR:
            return before.raw if before else ""
        if column == Column.YOY:
            return year_on_year(metric, now, before)
        if column == Column.TARGET:
            return metric.target.text(metric.unit) if metric.target else ""
        if column == Column.STATUS:
            return self._status_text(row)
        return now.note if now else ""

    def _edit(self, row: Row, column: Column):
        draft = self._draft(row, column)
        if draft is not None:
            return draft.text
        now = self.session.values.get(row.metric.code)
        if column == Column.VALUE:
            return now.raw if now else ""
        if column == Column.NOTE:
            return now.note if now else ""
        return None

    def _draft(self, row: Row, column: Column):
        field = EDITABLE.get(column)
        return self.session.drafts.get((row.metric.code, field)) if field else None

    def _status_text(self, row: Row) -> str:
        status = self.session.status(row.metric.code)
        count = len(self.session.findings.get(row.metric.code, ()))
        text = tr(STATUS_TEXT[status])
        return f"{text} {count}" if count > 1 and status not in (Status.DRAFT, Status.OK) else text

    def _decoration(self, row: Row, column: Column):
        if column == Column.STATUS:
            return icons.status_icon(self.session.status(row.metric.code))
        return None

    def _background(self, row: Row, column: Column):
        status = self.session.status(row.metric.code)
        if column in (Column.VALUE, Column.STATUS) or self._draft(row, column):
            return icons.light(status)
        return icons.faint(status)

    def _foreground(self, row: Row, column: Column):
        if self._draft(row, column) is not None:
            return icons.strong(Status.ERROR)
        if column == Column.STATUS:
            return icons.strong(self.session.status(row.metric.code))
        if column == Column.TARGET and row.metric.target:
            now = self.session.values.get(row.metric.code)
            if now is not None:
                return icons.strong(Status.OK if row.metric.target.met_by(now.number) else Status.WARNING)
        return None

    def _alignment(self, row: Row, column: Column):
        horizontal = Qt.AlignmentFlag.AlignRight if column in NUMERIC else Qt.AlignmentFlag.AlignLeft
        return int(horizontal | Qt.AlignmentFlag.AlignVCenter)

    def _tooltip(self, row: Row, column: Column) -> str:
        lines = [f"{row.metric.name}（{row.metric.code}，{row.indicator.name}）"]
        draft = self._draft(row, column)
        if draft is not None:
            lines.append(tr("未保存：{reason}").format(reason=draft.reason))
        lines += self._finding_lines(row)
        lock = self.session.lock_of(row.metric.code)
        if lock is not None:
            lines.append(tr("已锁定：{who} {at} {reason}").format(who=lock.who, at=lock.at, reason=lock.reason))
        now = self.session.values.get(row.metric.code)
        if now is not None and now.who:
            lines.append(tr("最后修改：{who} {at}").format(who=now.who, at=now.at))
        return "\n".join(lines)

    def _finding_lines(self, row: Row) -> list[str]:
        lines = []
        for finding in self.session.findings.get(row.metric.code, ()):
            lines.append(f"【{tr(SEVERITY_TEXT[finding_status(finding)])}】{finding.message}")
            if finding.explained:
                lines.append(tr("　说明：{text}").format(text=finding.explanation))
        return lines

    def _metric(self, row: Row, column: Column) -> str:
        return row.metric.code

    def _status(self, row: Row, column: Column) -> Status:
        return self.session.status(row.metric.code)

    _ROLE_READERS = {
        Role.DisplayRole: _display,
        Role.EditRole: _edit,
        Role.DecorationRole: _decoration,
        Role.BackgroundRole: _background,
        Role.ForegroundRole: _foreground,
        Role.TextAlignmentRole: _alignment,
        Role.ToolTipRole: _tooltip,
        METRIC_ROLE: _metric,
        STATUS_ROLE: _status,
    }


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Ascending row numbers as (first, last) runs of consecutive rows: [3, 4, 9] → [(3, 4), (9, 9)]."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
