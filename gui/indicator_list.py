"""The list of indicators beside the entry table."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
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
