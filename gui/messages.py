"""The app's messages (``app.messages``) as the window shows them: through Qt's translations."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.messages import Message


def shown(text: str) -> str:
    """A ``Message`` with its template translated (context "Messages"); other text as it is."""
    if not isinstance(text, Message):
        return text
    template = QCoreApplication.translate("Messages", text.template)
    return template.format(**{name: shown(value) for name, value in text.args.items()}) if text.args else template
