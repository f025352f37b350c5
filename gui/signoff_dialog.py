"""签字确认: the 审核人 and the 负责人 confirm the period's figures for the provincial submission.

The dialog shows the snapshot a signature would confirm (the SHA-256 of the period's figures and
when it was read, and the departments still to be accepted), then each role with its state (已签 /
未签 / 签字已失效 with why) and a name field.  Signing goes through ``sign`` (``app.signoff.sign``);
the dialog reads everything again afterwards through ``read`` (``app.signoff.snapshot``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UsageError
from app.signoff import Snapshot
from models.workflow import Role, Signoff
from storage import StoreError

VOID_STYLE = "color: #c62828; font-weight: bold;"
VALID_STYLE = "color: #2e7d32; font-weight: bold;"


def _when(at: str) -> str:
    return at[:16].replace("T", " ")


class SignoffDialog(QDialog):
    """``sign(role, name)`` signs (raising with the reason on refusal); ``read()`` gives the snapshot."""

    def __init__(self, read: Callable[[], Snapshot], sign: Callable[[Role, str], object], parent: QWidget | None = None):
        super().__init__(parent)
        self._read, self._sign = read, sign
        self.snapshot_label = QLabel()
        self.snapshot_label.setWordWrap(True)
        self.snapshot_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.states: dict[Role, QLabel] = {}
        self.names: dict[Role, QLineEdit] = {}
        self.buttons: dict[Role, QPushButton] = {}
        self.refusal = QLabel()
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet(VOID_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.snapshot_label)
        layout.addWidget(self._roles())
        layout.addWidget(self.refusal)
        close = QDialogButtonBox(self)
        close.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(720, 360)
        self.refresh()

    def _roles(self) -> QGroupBox:
        box = QGroupBox(self.tr("签字"))
        grid = QGridLayout(box)
        for row, role in enumerate(Role):
            state, name = QLabel(), QLineEdit()
            state.setWordWrap(True)
            state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            name.setPlaceholderText(self.tr("{role}姓名").format(role=role.value))
            button = QPushButton(self.tr("以{role}身份签字").format(role=role.value))
            button.clicked.connect(lambda *_, r=role: self.sign(r))
            grid.addWidget(QLabel(role.value), row * 2, 0)
            grid.addWidget(name, row * 2, 1)
            grid.addWidget(button, row * 2, 2)
            grid.addWidget(state, row * 2 + 1, 1, 1, 2)
            self.states[role], self.names[role], self.buttons[role] = state, name, button
        grid.setColumnStretch(1, 1)
        return box

    def refresh(self) -> None:
        found = self._read()
        self.setWindowTitle(self.tr("签字确认 — {period}").format(period=found.period.label))
        self.snapshot_label.setText(self._snapshot_text(found))
        signed = {s.role: s for s in found.signoffs}
        for role in Role:
            text, style = self._state_text(signed.get(role))
            self.states[role].setText(text)
            self.states[role].setStyleSheet(style)
            if role in signed and not self.names[role].text():
                self.names[role].setText(signed[role].name)

    def _snapshot_text(self, found: Snapshot) -> str:
        text = self.tr("本期报送数据：{count} 项数值，SHA-256 {digest}（{at} 读取）。").format(
            count=found.figures, digest=found.content_hash, at=_when(found.at))
        if found.pending:
            text += "\n" + self.tr("尚未审核通过，暂不能签字：{names}。").format(names="、".join(found.pending))
        return text

    def _state_text(self, done: Signoff | None) -> tuple[str, str]:
        if done is None:
            return self.tr("未签"), ""
        who = self.tr("{name}，{at}，SHA-256 {digest}").format(name=done.name, at=_when(done.at),
                                                              digest=done.content_hash[:16] + "…")
        if done.valid:
            return self.tr("已签（{who}）").format(who=who), VALID_STYLE
        return self.tr("签字已失效（{who}）：{why}").format(who=who, why=done.void_reason), VOID_STYLE

    def sign(self, role: Role) -> bool:
        """Sign as ``role`` with the name typed; a refusal is shown below the roles, nothing changed."""
        try:
            self._sign(role, self.names[role].text())
        except (UsageError, StoreError) as exc:  # what, where and why
            self.refusal.setText(str(exc))
            return False
        self.refusal.clear()
        self.refresh()
        return True
