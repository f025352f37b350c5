"""Status colours and icons, drawn with QPainter so nothing depends on image files or a theme."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from app.status import Status

STRONG = {  # symbol colour
    Status.DRAFT: "#c62828", Status.ERROR: "#c62828", Status.WARNING: "#b26a00",
    Status.EXPLAINED: "#2e7d32", Status.INFO: "#1565c0", Status.EMPTY: "#8a8a8a", Status.OK: "#2e7d32",
}
LIGHT = {  # cell background
    Status.DRAFT: "#fbd5d5", Status.ERROR: "#fbd5d5", Status.WARNING: "#ffefc2",
    Status.EXPLAINED: "#e3f1e3", Status.INFO: "#e3eefb",
}
FAINT = {  # the rest of the row
    Status.DRAFT: "#fdf0f0", Status.ERROR: "#fdf0f0", Status.WARNING: "#fff9e8",
}


def strong(status: Status) -> QColor:
    return QColor(STRONG[status])


def light(status: Status) -> QColor | None:
    return QColor(LIGHT[status]) if status in LIGHT else None


def faint(status: Status) -> QColor | None:
    return QColor(FAINT[status]) if status in FAINT else None


@cache
def status_icon(status: Status) -> QIcon:
    icon = QIcon()
    for size in (16, 20, 32):
        icon.addPixmap(_draw(status, size))
    return icon


def _draw(status: Status, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _shape(painter, status, QRectF(1, 1, size - 2, size - 2))
    finally:
        painter.end()
    return pixmap


def _shape(painter: QPainter, status: Status, box: QRectF) -> None:
    colour = strong(status)
    if status == Status.WARNING:
        _triangle(painter, box, colour)
    elif status == Status.EMPTY:
        painter.setPen(QPen(colour, max(1.5, box.width() / 10)))
        painter.drawEllipse(box.adjusted(1, 1, -1, -1))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        painter.drawEllipse(box)
    _symbol(painter, status, box)


def _triangle(painter: QPainter, box: QRectF, colour: QColor) -> None:
    path = QPainterPath(QPointF(box.center().x(), box.top()))
    path.lineTo(box.bottomRight())
    path.lineTo(box.bottomLeft())
    path.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(colour))
    painter.drawPath(path)


def _symbol(painter: QPainter, status: Status, box: QRectF) -> None:
    s, c = box.width(), box.center()
    pen = QPen(QColor("white"), max(1.6, s / 8), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    if status in (Status.OK, Status.EXPLAINED):
        painter.drawPolyline([QPointF(c.x() - s * 0.25, c.y()), QPointF(c.x() - s * 0.05, c.y() + s * 0.2),
                              QPointF(c.x() + s * 0.27, c.y() - s * 0.2)])
    elif status in (Status.ERROR, Status.DRAFT):
        d = s * 0.2
        painter.drawLine(QPointF(c.x() - d, c.y() - d), QPointF(c.x() + d, c.y() + d))
        painter.drawLine(QPointF(c.x() - d, c.y() + d), QPointF(c.x() + d, c.y() - d))
    elif status == Status.WARNING:
        painter.drawLine(QPointF(c.x(), c.y() - s * 0.12), QPointF(c.x(), c.y() + s * 0.12))
        painter.drawPoint(QPointF(c.x(), c.y() + s * 0.3))
    elif status == Status.INFO:
        painter.drawLine(QPointF(c.x(), c.y() - s * 0.02), QPointF(c.x(), c.y() + s * 0.25))
        painter.drawPoint(QPointF(c.x(), c.y() - s * 0.22))


QUERY_COLOURS = {False: "#6a1b9a", True: "#1565c0"}  # unanswered (purple), answered (blue)


@cache
def query_icon(answered: bool) -> QIcon:
    """A speech bubble marking a figure with an open query of the 营商办: purple until answered."""
    icon = QIcon()
    for size in (16, 20, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            _bubble(painter, QRectF(1, 1, size - 2, size - 2), QColor(QUERY_COLOURS[answered]), answered)
        finally:
            painter.end()
        icon.addPixmap(pixmap)
    return icon


def _bubble(painter: QPainter, box: QRectF, colour: QColor, answered: bool) -> None:
    s = box.width()
    body = QRectF(box.left(), box.top(), s, s * 0.75)
    path = QPainterPath()
    path.addRoundedRect(body, s * 0.2, s * 0.2)
    tail = QPainterPath(QPointF(box.left() + s * 0.25, body.bottom() - 1))
    tail.lineTo(QPointF(box.left() + s * 0.2, box.bottom()))
    tail.lineTo(QPointF(box.left() + s * 0.5, body.bottom() - 1))
    tail.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(colour))
    painter.drawPath(path.united(tail))
    c = body.center()
    painter.setPen(QPen(QColor("white"), max(1.6, s / 8), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    if answered:  # a tick: answered, waiting for the 营商办 to close it
        painter.drawPolyline([QPointF(c.x() - s * 0.22, c.y()), QPointF(c.x() - s * 0.05, c.y() + s * 0.15),
                              QPointF(c.x() + s * 0.22, c.y() - s * 0.15)])
    else:  # three dots: a question waiting for an answer
        for dx in (-0.22, 0, 0.22):
            painter.drawPoint(QPointF(c.x() + s * dx, c.y()))
