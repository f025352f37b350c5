"""Ctrl+F: find a metric among the rows by a part of its name or its code, and go to its cell."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit

from app.session import Row


class MetricFinder(QLineEdit):
    """A box whose suggestions are the rows shown ("名称（代码）"); choosing one emits its code."""

    chosen = Signal(str)  # metric code

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setPlaceholderText(self.tr("查找指标（Ctrl+F）：名称或代码"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(self.placeholderText()) + 40)
        self._codes: dict[str, str] = {}  # suggestion → code
        self.names = QStringListModel(self)
        completer = QCompleter(self.names, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        completer.activated[str].connect(self._choose)
        self.setCompleter(completer)
        self.returnPressed.connect(lambda: self._choose(self.text()))

    def set_rows(self, rows: Iterable[Row]) -> None:
        self._codes = {f"{row.metric.name}（{row.metric.code}）": row.metric.code for row in rows}
        self.names.setStringList(list(self._codes))

    def find_metric(self) -> None:
        """Ctrl+F: the box takes the keys, its old text selected to be typed over."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def _choose(self, text: str) -> None:
        code = self._codes.get(text) or self._match(text.strip())
        if code is None:
            return
        self.chosen.emit(code)
        self.clear()

    def _match(self, text: str) -> str | None:
        """Enter without choosing a suggestion: an exact code, else the first name containing the text."""
        if not text:
            return None
        lowered = text.lower()
        codes = set(self._codes.values())
        if lowered in codes:
            return lowered
        return next((code for label, code in self._codes.items() if lowered in label.lower()), None)
