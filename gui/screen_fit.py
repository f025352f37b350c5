"""Windows and dialogs sized to the screen they open on: an office PC often has 1366×768.

The size a window would like is cut to the screen's available area (without the taskbar), less
room for the window's frame and title bar, and the window is centred there.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

FRAME = QSize(16, 40)  # a title bar and borders around the window's own area


def _screen(widget: QWidget) -> QScreen | None:
    parent = widget.parentWidget()
    return (parent.screen() if parent is not None else None) or widget.screen() or QGuiApplication.primaryScreen()


def fitted(wanted: QSize, screen: QScreen | None) -> QSize:
    """``wanted``, no larger than what fits on ``screen`` with the window's frame."""
    if screen is None:
        return wanted
    room = screen.availableGeometry().size() - FRAME
    return wanted.boundedTo(room)


def fit_to_screen(widget: QWidget, wanted: QSize, centre: bool = True) -> None:
    """Resize ``widget`` to ``wanted`` cut to its screen, centred on the screen's available area."""
    screen = _screen(widget)
    size = fitted(wanted, screen)
    widget.resize(size)
    if centre and screen is not None:
        area = screen.availableGeometry()
        widget.move(area.topLeft() + QPoint((area.width() - size.width()) // 2,
                                            max((area.height() - size.height() - FRAME.height()) // 2, 0)))
