"""Every remembered setting declared once, with its type and default (over QSettings)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type
    default: T

    def get(self, settings: QSettings) -> T:
        value = settings.value(self.key, self.default)
        if value is None:
            return self.default
        try:
            return self._converted(value)
        except (TypeError, ValueError):  # a hand-edited or foreign settings file
            return self.default

    def _converted(self, value) -> T:
        if self.type is bool and isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        if self.type is QByteArray:
            return value if isinstance(value, QByteArray) else QByteArray(value)
        return self.type(value)

    def set(self, settings: QSettings, value: T) -> None:
        settings.setValue(self.key, value)


LAST_DATABASE = Setting("app/last_database", str, "")
GEOMETRY = Setting("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray())
DEPARTMENT = Setting("window/dept", str, "")  # "" is 全部 (the coordinator's view)
PERIOD = Setting("window/period", str, "")
INDICATOR = Setting("window/indicator", str, "")  # "" shows every indicator
LAST_FOLDER = Setting("files/last_folder", str, "")
