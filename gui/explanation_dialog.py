"""The 说明 dialog: the finding, the figure, any explanation already written (who, when), the text."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from app.session import Row
from models.catalog import RULE_LABELS
from models.findings import Finding
from models.values import Explanation, Value

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


class ExplanationDialog(QDialog):
    def __init__(self, finding: Finding, row: Row, value: Value | None, existing: Explanation | None,
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("填写说明 — {name}").format(name=row.metric.name))
        self.setMinimumWidth(560)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(self.tr("写明数据为何如此，例如：本期新开展带押过户业务，上年同期为0。"))
        self.editor.setMinimumHeight(110)
        self.editor.setTabChangesFocus(True)  # Tab goes on to the buttons, as in every other field
        if existing is not None:
            self.editor.setPlainText(existing.text)
        self._withdrawn = False
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("为这条警告写明原因：说明随数据一并报送，数据再变动时需重新确认。"))
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)
        layout.addLayout(self._facts(finding, row, value))
        layout.addWidget(self._existing(finding, existing))
        layout.addWidget(QLabel(self.tr("说明（报送时随数据一并提交）：")))
        layout.addWidget(self.editor, 1)
        layout.addWidget(self._buttons(existing))

    def _facts(self, finding: Finding, row: Row, value: Value | None) -> QFormLayout:
        form = QFormLayout()
        message = QLabel(finding.message)
        message.setWordWrap(True)
        message.setStyleSheet("color: #8a5300;")
        form.addRow(self.tr("指标："), QLabel(f"{row.metric.name}（{row.indicator.name}）"))
        form.addRow(self.tr("本期数值："), QLabel(value.raw if value else self.tr("（未填）")))
        form.addRow(self.tr("规则："), QLabel(f"{RULE_LABELS[finding.kind]} · {self.tr(SEVERITY[finding.severity])}"))
        form.addRow(self.tr("问题："), message)
        return form

    def _existing(self, finding: Finding, existing: Explanation | None) -> QLabel:
        if existing is None:
            text = self.tr("尚无说明。")
        elif existing.fingerprint == finding.fingerprint:
            text = self.tr("已有说明：{who} 于 {at} 填写。").format(who=existing.who, at=existing.at[:16])
        else:
            text = self.tr("{who} 于 {at} 写过说明，但此后数据已变动，需重新确认。").format(
                who=existing.who, at=existing.at[:16])
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet("color: palette(mid);" if existing is None else "")
        return label

    def _buttons(self, existing: Explanation | None) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        save = buttons.addButton(self.tr("保存说明"), QDialogButtonBox.ButtonRole.AcceptRole)
        save.setDefault(True)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        if existing is not None:
            withdraw = buttons.addButton(self.tr("撤回说明"), QDialogButtonBox.ButtonRole.DestructiveRole)
            withdraw.clicked.connect(self._withdraw)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self.save_button = save
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # Enter alone starts a new line of the text
            QShortcut(QKeySequence(keys), self, activated=self._save)
        save.setToolTip(self.tr("保存说明（Ctrl+Enter）"))
        return buttons

    def _save(self) -> None:
        if not self.editor.toPlainText().strip():
            self.editor.setStyleSheet("QPlainTextEdit { border: 2px solid #c62828; }")
            self.editor.setPlaceholderText(self.tr("说明不能为空：请写明数据为何如此；要撤回已有说明请按“撤回说明”。"))
            return
        self.accept()

    def _withdraw(self) -> None:
        self._withdrawn = True
        self.accept()

    def text(self) -> str:
        """The explanation to store; "" withdraws the existing one."""
        return "" if self._withdrawn else self.editor.toPlainText().strip()
