"""Starting the application: QApplication, the database (a demo one on first start), the window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from app.commands.demo import load_demo
from app.context import AppContext
from storage import StoreError, default_db_path

ORGANIZATION = "yingshang"
APPLICATION = "yingshang-tianbao"


def open_context(db_path: Path) -> AppContext:
    """Open the database; a file that did not exist yet is filled with the demo district."""
    is_new = not db_path.exists()
    ctx = AppContext(db_path)
    if is_new:
        load_demo(ctx)
    return ctx


def _no_display() -> bool:
    """On Linux, a window needs X11 or Wayland unless a Qt platform was chosen explicitly."""
    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


def run_gui(db_path: Path | None = None) -> int:
    from gui.main_window import MainWindow

    if _no_display():
        print("没有图形显示（DISPLAY 未设置），无法打开窗口。可在桌面环境中运行，"
              "或用 xvfb-run 运行；命令行功能见 python main.py --help。", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("营商环境指标填报")
    try:
        ctx = open_context(Path(db_path or default_db_path()))
    except StoreError as exc:
        QMessageBox.critical(None, "无法打开数据库", str(exc))
        return 2
    window = MainWindow(ctx)
    window.show()
    try:
        return app.exec()
    finally:
        ctx.close()
