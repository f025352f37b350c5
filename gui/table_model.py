"""What every list-backed table model here shares: rows in a Python list under fixed headers."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ROOT = QModelIndex()


class ListTableModel(QAbstractTableModel):
    """A thin table adapter: subclasses give ``rows()``, ``headers`` and ``data()``."""

    headers: tuple[str, ...] = ()

    def rows(self) -> Sequence:
        raise NotImplementedError

    def header_text(self, header: str) -> str:
        """The header as shown; subclasses pass it through their translation context."""
        return header

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows())

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.headers)):
            return self.header_text(self.headers[section])
        return None


def runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Ascending row (or column) numbers as (first, last) runs: [3, 4, 9] → [(3, 4), (9, 9)]."""
    found: list[tuple[int, int]] = []
    for number in numbers:
        if found and number == found[-1][1] + 1:
            found[-1] = (found[-1][0], number)
        else:
            found.append((number, number))
    return found
