"""The list of indicators beside the entry table: "全部指标" first, each with its worst status."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from app.session import EntrySession
from app.status import Status, finding_status
from gui import icons
from models.catalog import Indicator

_ROOT = QModelIndex()
Role = Qt.ItemDataRole
CODE_ROLE = Role.UserRole + 1  # the indicator code; None for the "all" row


def tr(text: str) -> str:
    return QCoreApplication.translate("IndicatorsModel", text)


class IndicatorsModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._session: EntrySession | None = None
        self._indicators: list[Indicator] = []
        self._statuses: dict[str | None, Status] = {}  # worked out once per change, read at every paint

    def set_session(self, session: EntrySession | None) -> None:
        self.beginResetModel()
        self._session = session
        self._indicators = []
        for row in session.rows if session else []:
            if row.indicator not in self._indicators:
                self._indicators.append(row.indicator)
        self._statuses = {}
        self._work_out(self._indicators)
        self.endResetModel()

    def _work_out(self, indicators) -> list[int]:
        """Statuses of these indicators and of "全部指标"; the rows whose status changed."""
        changed = []
        for indicator in indicators:
            status = self._session.indicator_status(indicator)
            if self._statuses.get(indicator.code) != status:
                self._statuses[indicator.code] = status
                changed.append(self._indicators.index(indicator) + 1)
        overall = min((self._statuses[i.code] for i in self._indicators), key=list(Status).index, default=Status.OK)
        if self._statuses.get(None) != overall:
            self._statuses[None] = overall
            changed.append(0)
        return changed

    def statuses_changed(self, indicators: set[str]) -> None:
        """Repaint the rows whose status an edit of these indicators changed."""
        # One signal per row: a span from 全部指标 to the edited indicator would repaint every row between.
        for row in self._work_out([i for i in self._indicators if i.code in indicators]):
            self.dataChanged.emit(self.index(row), self.index(row))

    def row_of(self, code: str | None) -> int:
        codes = [None] + [i.code for i in self._indicators]
        return codes.index(code) if code in codes else 0

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        if parent.isValid() or self._session is None:
            return 0
        return len(self._indicators) + 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Role.DisplayRole):
        if not index.isValid() or self._session is None:
            return None
        indicator = self._indicators[index.row() - 1] if index.row() else None
        if role == Role.DisplayRole:
            return indicator.name if indicator else tr("全部指标")
        if role == Role.DecorationRole:
            return icons.status_icon(self._status(indicator))
        if role == Role.ToolTipRole:
            return self._tooltip(indicator)
        if role == CODE_ROLE:
            return indicator.code if indicator else None
        return None

    def _status(self, indicator: Indicator | None) -> Status:
        return self._statuses.get(indicator.code if indicator else None, Status.OK)

    def _tooltip(self, indicator: Indicator | None) -> str:
        session = self._session
        codes = [r.metric.code for r in session.rows if indicator is None or r.indicator == indicator]
        findings = [f for code in codes for f in session.findings.get(code, ())]
        filed = sum(code in session.values for code in codes)
        counts = {s: sum(finding_status(f) == s for f in findings) for s in (Status.ERROR, Status.WARNING)}
        text = tr("已填 {filed}/{total} 项；错误 {errors}，待说明警告 {warnings}").format(
            filed=filed, total=len(codes), errors=counts[Status.ERROR], warnings=counts[Status.WARNING])
        if indicator is not None:
            lead = session.catalog.department(session.catalog.lead_of(indicator.code))
            text = tr("牵头单位：{lead}").format(lead=lead.name if lead else "") + "\n" + text
        return text
