"""A label whose size stays put while its text changes (status bar counts, findings count)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


class SteadyLabel(QLabel):
    """A label of fixed size that only grows.  A label that may change size asks its parent to
    lay out again on every new text, and a status bar then repaints whole; a fixed one repaints
    only itself.  It paints its own background, so a new text repaints nothing beneath it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setAutoFillBackground(True)

    def setText(self, text: str) -> None:
        if text == self.text():
            return
        super().setText(text)
        self.fit()

    def setStyleSheet(self, style: str) -> None:
        super().setStyleSheet(style)
        self.fit()  # a bold font is wider

    def fit(self) -> None:
        """Grow to the text (never shrink: that would move the neighbours back and forth)."""
        hint = self.sizeHint()
        if hint.width() > self.minimumWidth() or hint.height() > self.minimumHeight():
            self.setFixedSize(max(hint.width(), self.minimumWidth()), max(hint.height(), self.minimumHeight()))
