"""Starting the application: QApplication, translations, the database (a demo one on first start).

The windows are made here too: another database chosen in a window (its ``database_chosen``)
opens in a new window that takes over, so the window never imports this module.
"""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, Qt, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.context import AppContext
from gui import settings as remembered
from gui.first_start import Start, first_start
from gui.main_window import MainWindow
from storage import NotADatabaseError, Store, StoreError, default_db_path
from storage import backup as backups

OPENED: set[MainWindow] = set()  # windows opened from another's menu, kept until deleted
ORGANIZATION = "yingshang"
APPLICATION = "yingshang-tianbao"
TRANSLATIONS = Path(__file__).resolve().parent / "i18n"  # yingshang_<locale>.qm, when someone adds one
QT_TRANSLATIONS = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)  # qtbase_<locale>.qm


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


class QtTranslationGaps(QTranslator):
    """Qt's own texts its Chinese translation misses (Qt 6 gave them a mnemonic: "&Look in:")."""

    TEXTS = {("QFileDialog", "&Look in:"): "查找范围(&L)：", ("QFileDialog", "Files of &type:"): "文件类型(&T)："}

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return self.TEXTS.get((context, source))  # None: not ours, the next translator's

    def isEmpty(self) -> bool:
        return False


def install_translators(app: QApplication, locale: QLocale | None = None,
                        folder: Path = TRANSLATIONS) -> list[QTranslator]:
    """The program's own .qm for the locale, if one was written, and Qt's own in the same language.

    Chinese is the program's source language: without a .qm of its own for the locale, Qt's
    buttons and dialogs (是/否, 确定/取消, the file dialog) are Chinese too, whatever the system's
    locale, so that an English Windows does not show English buttons beside Chinese text.
    """
    locale = locale or QLocale()
    installed = []
    own = QTranslator(app)
    if own.load(locale, "yingshang", "_", str(folder)) and app.installTranslator(own):
        installed.append(own)
    qt_locale = locale if installed else QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    qt = QTranslator(app)
    if qt.load(qt_locale, "qtbase", "_", QT_TRANSLATIONS) and app.installTranslator(qt):
        installed.append(qt)
        if qt_locale.language() == QLocale.Language.Chinese:
            gaps = QtTranslationGaps(app)
            app.installTranslator(gaps)
            installed.append(gaps)
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
    if QApplication.instance() is None:
        # Windows at 125 % or 150 % scales by exactly that (not rounded to 100 % or 200 %): the
        # window keeps the size it was fitted to, and text stays as large as the filer set it.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("营商环境指标填报")
    install_translators(app)
    settings = QSettings()
    path = database_to_open(db_path, settings)
    start = Start(path)
    if db_path is None and not path.exists():  # the very first start: ask where to begin
        start = first_start(path.parent)
        if start is None:
            return 0
    ctx = open_or_recover(start.path, opener=AppContext if start.set_up else open_context)
    if ctx is None:
        return 2
    remembered.LAST_DATABASE.set(settings, str(start.path.resolve()))
    window = main_window(ctx, settings, check_later=True)  # the table paints before the first check
    window.show()
    if start.set_up:
        window.settings_commands.edit_profile(first_run=True)
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
    """Open another database in a new window that replaces ``old`` (which is deleted).

    A database file that does not exist yet is new: the window asks for the district profile first.
    """
    is_new = not path.exists()
    ctx = open_or_recover(path, old, opener=AppContext)
    if ctx is None:
        return None
    remembered.LAST_DATABASE.set(old.settings, str(path.resolve()))
    window = main_window(ctx, old.settings, owns_context=True)
    old.successor = window
    OPENED.add(window)
    window.destroyed.connect(lambda *_: OPENED.discard(window))
    window.show()
    old.hide()
    old.release()
    if is_new:
        window.settings_commands.edit_profile(first_run=True)
    old.deleteLater()  # really gone, its menus and shortcuts (Alt+U, Alt+P…) with it
    return window
