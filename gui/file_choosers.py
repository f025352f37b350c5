"""The open and save dialogs of the menus, starting in the folder the filer last used."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from gui import settings as remembered

XLSX = "Excel 工作簿 (*.xlsx)"
# What the import reads: a department may send its workbook back as saved by Excel, WPS or LibreOffice.
SPREADSHEETS = "电子表格 (*.xlsx *.xls *.ods);;Excel 工作簿 (*.xlsx);;Excel 97-2003 工作簿 (*.xls);;OpenDocument 电子表格 (*.ods)"


class FileChoosers(QObject):
    """Asks for a file to read or write; the folder of the last answer is remembered."""

    def __init__(self, parent: QWidget, settings: QSettings):
        super().__init__(parent)
        self._parent, self._settings = parent, settings

    def open(self, title: str, filters: str = XLSX) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self._parent, title, self._folder(), self.tr(filters))
        return self._chosen(Path(name)) if name else None

    def save(self, title: str, suggested: str, filters: str = XLSX, suffix: str = ".xlsx") -> Path | None:
        """A file to write, ending in ``suffix`` (added when the filer typed the bare name)."""
        name, _ = QFileDialog.getSaveFileName(self._parent, title, str(Path(self._folder()) / suggested),
                                              self.tr(filters))
        if not name:
            return None
        return self._chosen(Path(name if name.lower().endswith(suffix) else name + suffix))

    def _folder(self) -> str:
        return remembered.LAST_FOLDER.get(self._settings) or str(Path.home())

    def _chosen(self, path: Path) -> Path:
        remembered.LAST_FOLDER.set(self._settings, str(path.parent))
        return path
