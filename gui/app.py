"""Starting the application: QApplication, translations, the database (a demo one on first start).

The windows are made here too: another database chosen in a window (its ``database_chosen``)
opens in a new window that takes over, so the window never imports this module.
"""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.context import AppContext
from gui import settings as remembered
from gui.main_window import MainWindow
from storage import NotADatabaseError, Store, StoreError, default_db_path
from storage import backup as backups

ORGANIZATION = "yingshang"
APPLICATION = "yingshang-tianbao"
TRANSLATIONS = Path(__file__).resolve().parent / "i18n"  # yingshang_<locale>.qm, when someone adds one


def open_context(db_path: Path) -> AppContext:
    """Open the database; a file that did not exist yet is filled with the demo district."""
    is_new = not db_path.exists()
    ctx = AppContext(db_path)
    if is_new:
        from app.demo import load_demo  # only on first start

        load_demo(ctx)
    return ctx


def _no_display() -> bool:
    """On Linux, a window needs X11 or Wayland unless a Qt platform was chosen explicitly."""
    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


def install_translators(app: QApplication, locale: QLocale | None = None,
                        folder: Path = TRANSLATIONS) -> list[QTranslator]:
    """The program's own .qm for the locale (none ships yet: Chinese is the source) and Qt's own."""
    locale = locale or QLocale()
    installed = []
    for name, where in (("yingshang", folder),
                        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", str(where)) and app.installTranslator(translator):
            installed.append(translator)
    return installed


def database_to_open(given: Path | None, settings: QSettings) -> Path:
    """--db when given, else the last database used (if it still exists), else the default."""
    if given is not None:
        return Path(given)
    last = remembered.LAST_DATABASE.get(settings)
    if last and Path(last).exists():
        return Path(last)
    return default_db_path()


def main_window(ctx: AppContext, settings: QSettings, **options) -> MainWindow:
    """A window over ``ctx`` that opens another database chosen from its menu in its place."""
    window = MainWindow(ctx, settings, **options)
    window.database_chosen.connect(partial(open_database_window, window))
    return window


def run_gui(db_path: Path | None = None) -> int:
    if _no_display():
        print("没有图形显示（DISPLAY 未设置），无法打开窗口。可在桌面环境中运行，"
              "或用 xvfb-run 运行；命令行功能见 python main.py --help。", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("营商环境指标填报")
    install_translators(app)
    settings = QSettings()
    path = database_to_open(db_path, settings)
    ctx = open_or_recover(path)
    if ctx is None:
        return 2
    remembered.LAST_DATABASE.set(settings, str(path.resolve()))
    window = main_window(ctx, settings, check_later=True)  # the table paints before the first check
    window.show()
    try:
        return app.exec()
    finally:
        ctx.close()


def open_or_recover(path: Path, parent: QWidget | None = None, opener=open_context) -> AppContext | None:
    """Open a database; a damaged one is offered its newest good backup instead of a traceback."""
    try:
        return opener(path)
    except NotADatabaseError as exc:
        good = backups.newest_good_backup(path)
        if good is None or not _agree_to_restore(parent, exc, good):
            QMessageBox.critical(parent, "无法打开数据库", str(exc))
            return None
        Store.recover(path, good.path)
        return opener(path)
    except StoreError as exc:
        QMessageBox.critical(parent, "无法打开数据库", str(exc))
        return None


def _agree_to_restore(parent: QWidget | None, exc: Exception, good) -> bool:
    text = (f"{exc}\n\n是否用 {good.label} 的备份恢复？损坏的文件会改名保留，不会删除。")
    answer = QMessageBox.question(parent, "数据库已损坏", text)
    return answer == QMessageBox.StandardButton.Yes


def open_database_window(old: MainWindow, path: Path) -> MainWindow | None:
    """Open another database in a new window that replaces ``old`` (which keeps it referenced).

    A database file that does not exist yet is new: the window asks for the district profile first.
    """
    is_new = not path.exists()
    ctx = open_or_recover(path, old, opener=AppContext)
    if ctx is None:
        return None
    remembered.LAST_DATABASE.set(old.settings, str(path.resolve()))
    window = main_window(ctx, old.settings, owns_context=True)
    old.successor = window
    window.show()
    old.hide()
    old.release()
    if is_new:
        window.settings_commands.edit_profile(first_run=True)
    return window
