"""The entry table: a thin Qt adapter over an ``EntrySession`` (one row per metric shown)."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from app.formatting import year_on_year
from app.session import Draft, EntrySession, Row
from app.status import Status, finding_status
from gui import icons
from gui.messages import shown
from gui.metric_info import meaning_tip_lines
from gui.table_model import ListTableModel, runs
from models import precision

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


HEADERS = ("指标名称", "单位", "本期数值", "上年同期", "同比", "目标值", "状态", "备注")
EDITABLE = {Column.VALUE: "value", Column.NOTE: "note"}  # column → draft field
STATUS_TEXT = {
    Status.DRAFT: "未保存", Status.ERROR: "错误", Status.WARNING: "待说明", Status.EXPLAINED: "已说明",
    Status.INFO: "提示", Status.EMPTY: "未填", Status.OK: "正常",
}
SEVERITY_TEXT = {Status.ERROR: "错误", Status.WARNING: "警告", Status.EXPLAINED: "警告（已说明）",
                 Status.INFO: "提示"}
NUMERIC = {Column.VALUE, Column.LAST_YEAR, Column.YOY, Column.TARGET}
ALIGNMENT = [int((Qt.AlignmentFlag.AlignRight if column in NUMERIC else Qt.AlignmentFlag.AlignLeft)
                 | Qt.AlignmentFlag.AlignVCenter) for column in Column]
FLAGS = [Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
         | (Qt.ItemFlag.ItemIsEditable if column in EDITABLE else Qt.ItemFlag.NoItemFlags) for column in Column]
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
        self._row_numbers: dict[str, int] = {}
        self._cells: list[list[dict[int, object]] | None] = []  # per row: made when a view first asks
        self._commit: CommitFn | None = None
        self._meanings: dict[str, list[str]] = {}  # metric code → its tooltip lines

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
        self._row_numbers = {row.metric.code: i for i, row in enumerate(self._rows)}
        self._cells = [None] * len(self._rows)
        self._meanings: dict[str, list[str]] = {}
        self.endResetModel()

    def set_commit(self, commit: CommitFn) -> None:
        self._commit = commit

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def row_of(self, code: str) -> int | None:
        return self._row_numbers.get(code)

    def metrics_changed(self, codes: set[str]) -> None:
        """Signal the cells of these metrics whose data changed (their figures or findings did)."""
        unread = []  # rows no view has asked for yet: signalled whole, nothing to compare with
        for row in sorted(self._row_numbers[code] for code in codes if code in self._row_numbers):
            before, self._cells[row] = self._cells[row], None
            if before is None:
                unread.append(row)
            else:
                self._signal_changes(row, before, self._cells_of(row))
        for first, last in runs(unread):  # a span over unchanged rows would repaint them too
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))

    def _signal_changes(self, row: int, before: list[dict], after: list[dict]) -> None:
        """One signal per run of changed cells; a change of tooltips alone is signalled apart
        (the view need not repaint for it)."""
        painted, tips, roles = [], [], set()
        for column, (old, new) in enumerate(zip(before, after, strict=True)):
            if old == new:  # most cells of the row: one comparison in C, role by role as _same does
                continue
            changed = {role for role in old.keys() | new.keys() if not _same(old.get(role), new.get(role))}
            if changed - {Role.ToolTipRole}:
                painted.append(column)
                roles |= changed
            elif changed:
                tips.append(column)
        for columns, signalled in ((painted, sorted(roles)), (tips, [Role.ToolTipRole])):
            for first, last in runs(columns):
                self.dataChanged.emit(self.index(row, first), self.index(row, last), signalled)

    # ---- Qt model interface ---------------------------------------------------------
    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return FLAGS[index.column()] if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Role.DisplayRole):
        if not index.isValid():
            return None
        return (self._cells[index.row()] or self._cells_of(index.row()))[index.column()].get(role)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Role.EditRole) -> bool:
        if role != Role.EditRole or not index.isValid() or index.column() not in EDITABLE:
            return False
        if self._commit is None:
            return False
        field = EDITABLE[Column(index.column())]
        return self._commit(self._rows[index.row()].metric.code, field, str(value))

    # ---- what each cell shows -------------------------------------------------------
    def _cells_of(self, row: int) -> list[dict[int, object]]:
        """Every role of every cell of a row, worked out once per change: a view reads a
        dozen roles of each cell at every repaint."""
        shown = self._rows[row]
        status = self.session.status(shown.metric.code)
        texts, tip = self._texts(shown, status), self._tooltip_lines(shown)
        name_tip = tip[:1] + self._meaning(shown) + tip[1:]  # what the metric means: on its name only
        cells = self._cells[row] = [self._cell(shown, column, status, texts[column],
                                               name_tip if column == Column.NAME else tip) for column in Column]
        return cells

    def _meaning(self, row: Row) -> list[str]:
        code = row.metric.code
        if code not in self._meanings:  # the catalog does not change under a session: wrapped once
            self._meanings[code] = meaning_tip_lines(row.metric)
        return self._meanings[code]

    def _cell(self, row: Row, column: Column, status: Status, text: str, tip: list[str]) -> dict[int, object]:
        draft = self._draft(row, column)
        if draft is not None:
            text, tip = draft.text, tip[:1] + [tr("未保存：{reason}").format(reason=shown(draft.reason))] + tip[1:]
        cell: dict[int, object] = {Role.DisplayRole: text, Role.TextAlignmentRole: ALIGNMENT[column],
                                   Role.ToolTipRole: "\n".join(tip), METRIC_ROLE: row.metric.code,
                                   STATUS_ROLE: status}
        if column in EDITABLE:
            cell[Role.EditRole] = draft.text if draft is not None else self._typed(row, column, text)
        if self.session.catalog.not_applicable(row.metric.code):  # greyed, no status icon: nothing to judge
            cell[Role.ForegroundRole] = icons.strong(Status.EMPTY)
            return cell
        if column == Column.STATUS:
            cell[Role.DecorationRole] = icons.status_icon(status)
        query = self.session.queries.get(row.metric.code)
        if column == Column.NAME and query is not None:  # the 营商办 asked about this figure
            cell[Role.DecorationRole] = icons.query_icon(query.answered)
        strong = column in (Column.VALUE, Column.STATUS) or draft is not None
        background = icons.light(status) if strong else icons.faint(status)
        foreground = self._foreground(row, column, status, draft)
        for role, value in ((Role.BackgroundRole, background), (Role.ForegroundRole, foreground)):
            if value is not None:
                cell[role] = value
        return cell

    def _draft(self, row: Row, column: Column) -> Draft | None:
        field = EDITABLE.get(column)
        return self.session.drafts.get((row.metric.code, field)) if field else None

    def _typed(self, row: Row, column: Column, text: str) -> str:
        """What the editor of a cell starts from: the figure as typed (84.6082%, shown 84.61%)."""
        now = self.session.values.get(row.metric.code)
        return now.raw if column == Column.VALUE and now is not None else text

    def _texts(self, row: Row, status: Status) -> list[str]:
        """What each column shows, drafts aside: figures at the metric's precision."""
        metric, session = row.metric, self.session
        now, before = session.values.get(metric.code), session.last_year.get(metric.code)
        if session.catalog.not_applicable(metric.code):  # not reported here: no figure, no status of its own
            now = None
            return [metric.name, metric.unit, tr("不适用"), precision.shown(before, metric) if before else "",
                    "", "", tr("不适用"), ""]
        return [metric.name, metric.unit, precision.shown(now, metric) if now else "",
                precision.shown(before, metric) if before else "",
                shown(year_on_year(metric, now, before)), metric.target.text(metric.unit) if metric.target else "",
                self._status_text(row, status), now.note if now else ""]

    def _status_text(self, row: Row, status: Status) -> str:
        count = len(self.session.findings.get(row.metric.code, ()))
        text = tr(STATUS_TEXT[status])
        return f"{text} {count}" if count > 1 and status not in (Status.DRAFT, Status.OK) else text

    def _foreground(self, row: Row, column: Column, status: Status, draft: Draft | None):
        if draft is not None:
            return icons.strong(Status.ERROR)
        if column == Column.STATUS:
            return icons.strong(status)
        if column == Column.TARGET and row.metric.target:
            now = self.session.values.get(row.metric.code)
            if now is not None:
                return icons.strong(Status.OK if row.metric.target.met_by(now.number) else Status.WARNING)
        return None

    def _tooltip_lines(self, row: Row) -> list[str]:
        """The tooltip of the row's cells (a cell with a draft adds its reason after the first line)."""
        lines = [f"{row.metric.name}（{row.metric.code}，{row.indicator.name}）"]
        reason = self.session.catalog.not_applicable(row.metric.code)
        if reason:
            lines.append(tr("本区不适用：{reason}").format(reason=reason))
        lines += self._finding_lines(row)
        lines += self._query_lines(row)
        lock = self.session.lock_of(row.metric.code)
        if lock is not None:
            lines.append(tr("已锁定：{who} {at} {reason}").format(who=lock.who, at=lock.at, reason=lock.reason))
        now = self.session.values.get(row.metric.code)
        if now is not None and now.raw and precision.shown(now, row.metric) != now.raw:
            lines.append(tr("填报原文：{raw}（按保留 {places} 位小数四舍五入显示）").format(
                raw=now.raw, places=row.metric.decimals))
        if now is not None and now.who:
            lines.append(tr("最后修改：{who} {at}").format(who=now.who, at=now.at))
        return lines

    def _finding_lines(self, row: Row) -> list[str]:
        lines = []
        for finding in self.session.findings.get(row.metric.code, ()):
            lines.append(f"【{tr(SEVERITY_TEXT[finding_status(finding)])}】{finding.message}")
            if finding.explained:
                lines.append(tr("　说明：{text}").format(text=finding.explanation))
        return lines


    def _query_lines(self, row: Row) -> list[str]:
        query = self.session.queries.get(row.metric.code)
        if query is None:
            return []
        lines = [tr("【问询】{text}（{who} {at}）").format(text=query.text, who=query.who, at=query.at[:16].replace("T", " "))]
        if query.answered:
            lines.append(tr("　回复：{text}（待营商办关闭）").format(text=query.answer))
        else:
            lines.append(tr("　未回复：数据 → 回复问询（本部门窗口中）"))
        return lines


def _same(old, new) -> bool:
    return old is new or old == new

