"""The window and its dialogs on a 1366×768 screen, as docs/screenshots/*_1366.png.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots_1366.py

The window is sized as on a first start (fitted to the screen, nothing remembered); each dialog
is opened from its menu, shot with the window behind it, and cancelled.  A temporary demo
database and settings file are used.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QRect, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tools.screenshots import chinese_font, settle, shoot  # noqa: E402

DIALOGS = ("edit_profile", "explain_current", "export_blank", "new_year", "show_keys", "show_start", "open_database")


def main() -> int:
    if not os.environ.get("DISPLAY"):
        sys.exit("需要 X 显示：请用 xvfb-run -s \"-screen 0 1366x768x24\" 运行。")
    app = QApplication(sys.argv)
    app.setStyle("Fusion")
    print(f"字体：{chinese_font(app)}")
    from gui.app import install_translators, main_window, open_context
    from gui.first_start import WelcomeDialog

    install_translators(app)
    screen = QRect(0, 0, 1366, 768)
    welcome = WelcomeDialog()
    welcome.show()
    settle(app, 40)
    shoot("first_start_1366", screen)
    welcome.close()
    with tempfile.TemporaryDirectory(prefix="screenshots_") as tmp:
        ctx = open_context(Path(tmp) / "演示.db")
        window = main_window(ctx, QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))
        window.show()
        settle(app, 60)
        window.jump_to("rp_pledge_transfers")
        settle(app, 20)
        shoot("main_window_1366", screen)
        queue = list(DIALOGS)

        def next_dialog():
            if not queue:
                window.editor.session.drafts.clear()
                window.close()
                app.quit()
                return
            name = queue.pop(0)

            def capture():
                dialog = QApplication.activeModalWidget()
                settle(app, 20)
                if dialog is not None:
                    shoot(f"dialog_{name}_1366", screen)
                    dialog.reject()
                QTimer.singleShot(0, next_dialog)

            QTimer.singleShot(400, capture)
            window.actions[name].trigger()

        QTimer.singleShot(0, next_dialog)
        app.exec()
        ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
