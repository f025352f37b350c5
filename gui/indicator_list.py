"""The list of indicators beside the entry table."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QListView


class IndicatorList(QListView):
    """Rows of one height whose status icon changes after edits."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumWidth(170)
        self.setUniformItemSizes(True)  # a status change repaints, never re-lays out
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def dataChanged(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()) -> None:
        # QListView repaints every row on any change; with uniform sizes nothing moves, so the
        # changed rows are all that need painting (what the item view base class does).
        QAbstractItemView.dataChanged(self, top_left, bottom_right, roles)

    def paintEvent(self, event: QPaintEvent) -> None:
        # QListView paints every row within the bounding rectangle of what needs painting: after an
        # edit that changes 全部指标 and one indicator, that is all the rows between them
        rects = list(event.region())
        if len(rects) < 2:
            super().paintEvent(event)
            return
        for rect in rects:
            super().paintEvent(QPaintEvent(rect))
