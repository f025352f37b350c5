"""A first start that explains itself: the demo marked as such, a choice of where to begin, and
the 入门 page of the 帮助 menu.

On the very first start (no database yet, none given with --db) the filer chooses: look at the
demo district (a database of its own, marked 演示数据 in the title and the status bar), set up
their own district (an empty database and the 区县配置 dialog), or open a database they have.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.demo import is_demo
from gui.screen_fit import fit_to_screen

DEMO_NAME = "演示数据.db"
DEMO_STYLE = "color: #8a5300; font-weight: bold;"


def tr(text: str) -> str:
    return QCoreApplication.translate("FirstStart", text)


def mark_demo(window: QMainWindow) -> bool:
    """演示数据 in the title and the status bar when the window's database holds the demo district."""
    if not is_demo(window.ctx):
        return False
    window.setWindowTitle(window.windowTitle() + tr("（演示数据）"))
    label = QLabel(tr("演示数据：红谷滩区示例，不是本区县的真实数据"))
    label.setObjectName("demo_mark")
    label.setStyleSheet(DEMO_STYLE)
    label.setToolTip(tr("开始正式填报：文件 → 打开数据库，新建一个数据库并填写区县配置。"))
    window.statusBar().insertPermanentWidget(0, label)
    return True


@dataclass(frozen=True)
class Start:
    """Where the first start begins: a database file, and whether it is new and empty (set up)."""

    path: Path
    demo: bool = False
    set_up: bool = False


class WelcomeDialog(QDialog):
    """The three ways to begin, as large buttons a newcomer reads; 退出 leaves."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("欢迎使用营商环境指标填报"))
        self.setMinimumWidth(560)
        self.choice = ""
        layout = QVBoxLayout(self)
        intro = QLabel(tr("这是第一次启动。请选择从哪里开始（以后可随时用 文件 → 打开数据库 换一个数据库）："))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.buttons = {}
        for name, title, detail in (
            ("demo", tr("先看演示数据"), tr("红谷滩区 2022—2023 年的示例数据，随意试填、试导出，不影响正式数据。")),
            ("set_up", tr("设置我的区县"), tr("新建一个空的数据库，先填写区县名称、部门和牵头单位，再开始填报。")),
            ("open", tr("打开已有数据库"), tr("营商办或同事发来的数据库文件（.db）。")),
        ):
            button = QCommandLinkButton(title, detail)
            button.clicked.connect(lambda *_, chosen=name: self._choose(chosen))
            layout.addWidget(button)
            self.buttons[name] = button
        close = QDialogButtonBox()
        close.addButton(tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.buttons["demo"].setDefault(True)
        self.buttons["demo"].setFocus()

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def first_start(folder: Path, parent: QWidget | None = None) -> Start | None:
    """Ask where to begin; None when the filer leaves.  Cancelling the file chooser asks again."""
    while True:
        dialog = WelcomeDialog(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        if dialog.choice == "demo":
            return Start(folder / DEMO_NAME, demo=True)
        if dialog.choice == "set_up":
            return Start(folder / "data.db", set_up=True)
        name, _ = QFileDialog.getOpenFileName(parent, tr("打开已有数据库"), str(Path.home()),
                                              tr("数据库 (*.db);;所有文件 (*)"))
        if name:
            return Start(Path(name))


GETTING_STARTED = """
<h3>入门：一个季度的填报</h3>
<ol>
<li><b>选填报单位和统计期</b>：窗口上方的“填报单位”（Alt+U）和“统计期”（Alt+P）。营商办选“全部”可看各部门的数据。</li>
<li><b>填数</b>：在“本期数值”列直接输入，Enter 保存并下移，Tab 保存并右移；可从 Excel 复制一整块后 Ctrl+V 粘贴。
Ctrl+F 按名称或代码查找指标。</li>
<li><b>看问题</b>：无法识别的输入显示红框、不会保存；下方“问题列表”列出错误和警告，F8 跳到下一个问题，在列表中按 Enter 回到该单元格。</li>
<li><b>改正错误</b>：错误必须改正数据，不能靠说明放行。</li>
<li><b>说明警告</b>：选中有警告的行按 Ctrl+M 写明原因，Ctrl+Enter 保存说明。</li>
<li><b>导出</b>：文件 → 导出空白填报表（Ctrl+B）发给部门线下填写，再用 导入部门填报表（Ctrl+I）读回；
营商办用 导出报送工作簿（Ctrl+E）生成报送省里的工作簿。</li>
</ol>
<p><b>演示数据</b>：标题栏和状态栏写着“演示数据”时，打开的是红谷滩区的示例数据库，可以放心试用。
开始正式填报：文件 → 打开数据库，输入一个新文件名，按提示填写区县配置（设置 → 区县配置）。</p>
<p>每个命令的快捷键见 帮助 → 快捷键（F1）。撤销 Ctrl+Z 会回到改动过的单元格。</p>
"""


class GettingStartedDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("入门"))
        self.text = QTextBrowser()
        self.text.setHtml(tr(GETTING_STARTED))
        buttons = QDialogButtonBox()
        buttons.addButton(tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(720, 560), centre=False)
