"""Regenerate the screenshots in docs/screenshots/ from the real window over the demo district.

Run under a virtual X server with a Chinese font installed (fonts-noto-cjk or fonts-wqy-microhei):

    make screenshots        # = xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tools/screenshots.py

Each picture is the whole virtual screen cropped to the window (so tooltips and dialogs over the
window are in it): the main window, a cell with an error, the findings panel, the 说明 dialog,
the trends view, the 区县配置 dialog (its 牵头单位 and 目标与不适用 pages), the mapping of a province form
(按自有模板导出), the 填报进度 board, a returned department's window, its 问询 list and the 签字确认
dialog after a change voided the signatures.  Nothing is written to the user's database or settings: a temporary demo
database and settings file are used.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
FONTS = ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Noto Sans SC")

from PySide6.QtCore import QPoint, QRect, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QTabWidget, QToolTip  # noqa: E402


def chinese_font(app: QApplication) -> str:
    available = set(QFontDatabase.families())
    family = next((f for f in FONTS if f in available), None)
    if family is None:
        sys.exit("没有中文字体：请安装 fonts-noto-cjk 或 fonts-wqy-microhei 后再运行。")
    app.setFont(QFont(family, 10))
    return family


def shoot(name: str, area: QRect) -> Path:
    """The screen inside ``area`` (screen coordinates), as docs/screenshots/<name>.png."""
    screen = QGuiApplication.primaryScreen()
    picture = screen.grabWindow(0, area.x(), area.y(), area.width(), area.height())
    path = OUT / f"{name}.png"
    if not picture.save(str(path)):
        raise RuntimeError(f"无法保存 {path}")
    print(f"已保存 {path.relative_to(ROOT)}（{picture.width()}×{picture.height()}）")
    return path


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


class Shots:
    """The sequence of scenes; each leaves the window as the next one expects."""

    def __init__(self, app: QApplication, window):
        self.app, self.window = app, window

    def frame(self) -> QRect:
        return self.window.frameGeometry()

    def main_window(self) -> None:
        window = self.window
        window.jump_to("gs_items")
        settle(self.app)
        shoot("main_window", self.frame())

    def cell_with_error(self) -> None:
        window = self.window
        window.dept_box.setCurrentIndex(window.dept_box.findData("court"))
        model = window.model
        model.setData(model.index(model.row_of("ct_cases_closed"), 2), "30000")  # breaks 结案率 = 结案 ÷ 受理
        window.jump_to("ct_cases_accepted")
        window.table.edit(window.table.currentIndex())
        editor = next(e for e in window.table.viewport().findChildren(QLineEdit) if e.isVisible())
        editor.selectAll()
        event = QInputMethodEvent()
        event.setCommitString("XX件")
        QApplication.sendEvent(editor, event)
        settle(self.app)
        window.delegate._show_refusal(editor, window.editor.check("ct_cases_accepted", "value", "XX件"))
        settle(self.app, 40)
        shoot("cell_error", self.frame())
        QToolTip.hideText()
        window.table.closePersistentEditor(window.table.currentIndex())
        window.table.setFocus()
        settle(self.app)

    def findings_panel(self) -> None:
        window = self.window
        window.editor.session.drafts.clear()
        window.dept_box.setCurrentIndex(0)
        store = window.ctx.store
        explained = next(f for f in window.session.all_findings() if f.metric == "ct_firm_visits")
        store.explain(explained.period, explained.dept, explained.metric, explained.rule,
                      "三季度开展“法院进企业”专项走访，走访企业数较上年增加。", explained.fingerprint)
        window.revalidate()
        window.resizeDocks([window.findings_dock], [330], Qt.Orientation.Vertical)  # every finding in view
        panel = window.findings_panel
        panel.table.selectRow(next(r for r in range(panel.proxy.rowCount())
                                   if panel.proxy.index(r, 2).data() == "法院走访企业数"))
        panel.table.scrollTo(panel.table.currentIndex())
        settle(self.app)
        dock = window.findings_dock
        top_left = dock.mapToGlobal(QPoint(0, 0))
        shoot("findings_panel", QRect(top_left, dock.size()).adjusted(-4, -4, 4, 4))

    def explanation_dialog(self, then: Callable[[], None]) -> None:
        window = self.window
        finding = next(f for f in window.session.all_findings() if f.metric == "ct_law_firm_visits")

        def capture():
            dialog = QApplication.activeModalWidget()
            dialog.editor.setPlainText("2023年在辖区9个乡镇街道设立营商服务法官工作站，走访律所明显增加。")
            settle(self.app)
            shoot("explanation_dialog", dialog.frameGeometry())
            dialog.reject()
            QTimer.singleShot(0, then)

        QTimer.singleShot(300, capture)
        window.editor.explain(finding)

    def profile_dialog(self, then: Callable[[], None]) -> None:
        """设置 → 区县配置, on its 牵头单位 page, then on its 目标与不适用 page."""
        from gui.profile_dialog import ProfileDialog

        def capture():
            dialog = QApplication.activeModalWidget()
            if isinstance(dialog, ProfileDialog):
                tabs = dialog.findChild(QTabWidget)
                tabs.setCurrentIndex(2)
                settle(self.app)
                shoot("profile_dialog", dialog.frameGeometry())
                tabs.setCurrentWidget(dialog.year_targets)
                self.year_targets(dialog.year_targets)
                shoot("profile_targets", dialog.frameGeometry())
                dialog.reject()
            QTimer.singleShot(0, then)

        QTimer.singleShot(300, capture)
        self.window.settings_commands.edit_profile()

    def year_targets(self, page) -> None:
        """A 不适用 mark with its reason, and the target of 网上可办率 being changed."""
        page.select("gs_items")
        page.reason.setText("本区依申请事项由市级统一统计")
        page.mark_not_applicable()
        page.select("gs_online_rate")
        page.value.setText("99")
        page.baseline.setText("95")
        page.source.setText("本区优化营商环境行动方案")
        page.set_target()
        settle(self.app)

    def template_map_dialog(self, folder: Path) -> None:
        """文件 → 按自有模板导出, with a province form that has no placeholders: rows and their metrics."""
        from app import template_forms
        from gui.template_map_dialog import TemplateMapDialog

        form = province_form(folder / "省季度统计表.xlsx")
        period = self.window.current_period()
        catalog = self.window.ctx.catalog_for(period)
        mapping = template_forms.form_mapping(self.window.ctx, form, catalog)
        dialog = TemplateMapDialog(self.window.ctx, form, mapping, catalog, period, self.window)
        dialog.resize(1000, 600)
        dialog.show()
        settle(self.app, 40)
        shoot("template_map_dialog", dialog.frameGeometry())
        dialog.reject()

    def trends(self) -> None:
        window = self.window
        window.dept_box.setCurrentIndex(window.dept_box.findData("housing"))
        window.jump_to("el_online_rate")  # 线上办电率 ≥ 95%
        settle(self.app, 40)
        dock = window.trends_dock
        top_left = dock.mapToGlobal(QPoint(0, 0))
        shoot("trends", QRect(top_left, dock.size()).adjusted(-4, -4, 4, 4))


    def board(self, then: Callable[[], None]) -> None:
        """数据 → 填报进度看板, with the quarter under way: one department accepted, one returned, one submitted."""
        from datetime import date, timedelta

        from app import workflow
        from app.profile import save_profile, with_deadline
        from gui.board_dialog import BoardDialog

        ctx, period = self.window.ctx, self.window.session.period
        deadline = (date.today() + timedelta(days=5)).isoformat()
        save_profile(ctx, with_deadline(ctx.profile, period, deadline), reason="本期截止日期")
        office = ctx.profile.coordinator
        for dept in ("tax", "finance_office", "hr_social"):
            workflow.submit(ctx, period, dept, acting=dept)
        workflow.accept(ctx, period, "tax", acting=office)
        workflow.return_(ctx, period, "finance_office", acting=office, reason="普惠小微贷款余额与人行统计不一致，请核对",
                         metric=ctx.catalog_for(period).metrics_of_department("finance_office")[0].code)

        def capture():
            dialog = QApplication.activeModalWidget()
            if isinstance(dialog, BoardDialog):
                settle(self.app)
                shoot("board", dialog.frameGeometry())
                dialog.reject()
            QTimer.singleShot(0, then)

        QTimer.singleShot(300, capture)
        self.window.data_commands.show_board()

    def returned_department(self) -> None:
        """The returned department's own window: the status bar gives its state, the reason and the deadline."""
        window = self.window
        window.dept_box.setCurrentIndex(window.dept_box.findData("finance_office"))
        settle(self.app, 40)
        shoot("returned_department", self.frame())


    def queries(self) -> None:
        """The returned department's 问询 list: the return's question unanswered, a second one answered."""
        from app import queries

        window = self.window
        ctx, period, dept = window.ctx, window.session.period, window.session.dept
        office = ctx.profile.coordinator
        metric = ctx.catalog_for(period).metrics_of_department(dept)[1].code
        queries.ask(ctx, period, dept, metric, "较上季度增幅较大，请说明统计口径是否有变化", acting=office)
        queries.answer(ctx, period, dept, metric, "口径未变，三季度新增两家银行网点投放", acting=dept)
        window.query_commands.show_queries()
        window.query_commands.show_list()
        window.jump_to(next(iter(window.session.queries)))
        settle(self.app, 40)
        shoot("queries", self.frame())

    def signoff(self, then: Callable[[], None]) -> None:
        """数据 → 签字确认 after both signed and a department was unlocked: both signatures void, saying why."""
        from dataclasses import replace

        from app import signoff, workflow
        from app.profile import save_profile
        from gui.signoff_dialog import SignoffDialog
        from models.profile import DistrictYear
        from models.workflow import Role

        window = self.window
        ctx, period = window.ctx, window.session.period
        catalog = ctx.catalog_for(period)  # only 区税务局 (accepted on the board) is assessed in this picture
        others = {m.code: "本区本年度不考核" for m in catalog.metrics if catalog.department_of(m.code) != "tax"}
        save_profile(ctx, replace(ctx.profile, years={period.year: DistrictYear(not_applicable=others)}), reason="只考核税务")
        signoff.sign(ctx, period, Role.REVIEWER, "李审核")
        signoff.sign(ctx, period, Role.HEAD, "王主任")
        workflow.unlock(ctx, period, "tax", "更正减税降费金额")
        window.dept_box.setCurrentIndex(0)
        window.settings_changed("只考核税务")

        def capture():
            dialog = QApplication.activeModalWidget()
            if isinstance(dialog, SignoffDialog):
                settle(self.app)
                shoot("signoff_dialog", dialog.frameGeometry())
                dialog.reject()
            QTimer.singleShot(0, then)

        QTimer.singleShot(300, capture)
        window.data_commands.show_signoff()


def province_form(path: Path) -> Path:
    """A province's quarterly form: names down column B, 一季度…四季度 under a merged "2023年"."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for merged, text in (("A1:A2", "序号"), ("B1:B2", "指标名称"), ("C1:C2", "单位"), ("D1:G1", "2023年"), ("H1:H2", "备注")):
        ws.merge_cells(merged)
        ws[merged.split(":")[0]] = text
    for column, text in zip("DEFG", ("一季度", "二季度", "三季度", "四季度"), strict=True):
        ws[f"{column}2"] = text
    for number, name in enumerate(("全程网办率", "依申请政务服务事项数", "就近办办件量", "帮代办平台受理工单数", "办件合计",
                                   "政务服务全程网办", "营商环境满意度", "網上可辦率"), 1):
        ws.append([number, name])
    wb.save(path)
    return path


def main() -> int:
    if not os.environ.get("DISPLAY"):
        sys.exit("需要 X 显示：请用 make screenshots（xvfb-run）运行。")
    app = QApplication(sys.argv)
    app.setStyle("Fusion")
    print(f"字体：{chinese_font(app)}")
    OUT.mkdir(parents=True, exist_ok=True)
    from gui.app import open_context
    from gui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="screenshots_") as tmp:
        ctx = open_context(Path(tmp) / "红谷滩区演示.db")
        window = MainWindow(ctx, QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        window.setGeometry(QRect(0, 0, 1400, 860) & QGuiApplication.primaryScreen().availableGeometry())
        window.show()
        settle(app, 60)
        shots = Shots(app, window)
        shots.main_window()
        shots.template_map_dialog(Path(tmp))
        shots.cell_with_error()
        shots.findings_panel()

        def done():
            window.editor.session.drafts.clear()
            window.close()
            app.quit()

        def finish():
            shots.returned_department()
            shots.queries()
            shots.signoff(done)

        def last():
            shots.trends()
            shots.board(finish)

        QTimer.singleShot(0, lambda: shots.explanation_dialog(lambda: shots.profile_dialog(last)))
        app.exec()
        ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
