"""The main window over the demo database: choosing department, period and indicator; the
columns of the entry table; remembered settings; Qt's model tester on every item model."""

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.session import EntrySession
from gui.app import database_to_open, open_context
from gui.dialogs import RecordsModel
from gui.figures_model import Column, FiguresModel
from gui.findings_panel import FindingsFilter, FindingsModel
from gui.indicators_model import IndicatorsModel
from gui.main_window import MainWindow
from gui.settings import LAST_DATABASE
from models.periods import Period
from tests.conftest import seed_text

Q3 = Period(year=2023, quarter=3)


def cell(window, code, column):
    model = window.model
    return model.data(model.index(model.row_of(code), column))


def choose(box, data):
    box.setCurrentIndex(box.findData(data))


def test_every_item_model_passes_the_model_tester(qtmodeltester, demo_ctx):
    session = EntrySession(demo_ctx, Q3, None)
    figures = FiguresModel()
    figures.set_session(session)
    qtmodeltester.check(figures)
    assert figures.rowCount() == 174
    figures.set_session(session, "contract_enforcement")
    qtmodeltester.check(figures)
    indicators = IndicatorsModel()
    indicators.set_session(session)
    qtmodeltester.check(indicators)
    findings = FindingsModel(session)
    qtmodeltester.check(findings)
    proxy = FindingsFilter()
    proxy.setSourceModel(findings)
    proxy.set_filters(1, "contract_enforcement")
    qtmodeltester.check(proxy)
    qtmodeltester.check(RecordsModel(("时间", "原因"), [("2023-10-08", "更正"), ("2023-10-09", "")]))


def test_window_shows_a_departments_figures_with_last_year_and_growth(window):
    choose(window.dept_box, "court")
    names = [window.model.data(window.model.index(r, Column.NAME)) for r in range(window.model.rowCount())]
    assert "结案率" in names and "线上办电率" not in names
    # seed 000: 共计受理案件(含旧存665件)34200件，结案28936件，结案率84.61%
    assert "结案率84.61%" in seed_text("000")
    assert cell(window, "ct_close_rate", Column.VALUE) == "84.61%"
    assert cell(window, "ct_close_rate", Column.LAST_YEAR) == "83.4%"
    assert cell(window, "ct_close_rate", Column.YOY) == "+1.21个百分点"
    assert cell(window, "ct_cases_accepted", Column.VALUE) == "34200"
    assert cell(window, "ct_avg_trial_days", Column.TARGET) == "≤90天"
    assert cell(window, "ct_close_rate", Column.STATUS) == "正常"


def test_a_growing_count_shows_its_growth_and_a_swing_warning(window):
    # 走访律所70余家 against 40 last year: a 75% swing, a warning that needs a 说明
    assert cell(window, "ct_law_firm_visits", Column.YOY) == "+75.0%"
    assert cell(window, "ct_law_firm_visits", Column.STATUS) == "待说明"
    tip = window.model.data(window.model.index(window.model.row_of("ct_law_firm_visits"), Column.VALUE), 3)
    assert "超过50%的波动幅度" in tip


def test_the_indicator_list_filters_the_table(window):
    window.indicator_list.setCurrentIndex(window.indicators.index(window.indicators.row_of("procurement")))
    assert window.model.rowCount() == 18  # 政府采购 with its 应公开采购意向条数
    assert cell(window, "pc_saved", Column.VALUE) == "2316"
    window.jump_to("ct_close_rate")  # filtered out: the table shows every indicator again
    assert window.current_indicator() is None
    assert window.model.row_at(window.table.currentIndex().row()).metric.code == "ct_close_rate"


def test_window_remembers_department_period_and_indicator(qtbot, demo_ctx, settings):
    window = MainWindow(demo_ctx, settings)
    qtbot.addWidget(window)
    assert window.period_box.currentData() == "2023Q3"
    choose(window.dept_box, "finance")
    choose(window.period_box, "2023Q2")
    window.indicator_list.setCurrentIndex(window.indicators.index(1))
    window.close()
    again = MainWindow(demo_ctx, settings)
    qtbot.addWidget(again)
    assert (again.current_dept(), again.current_period().code, again.current_indicator()) == (
        "finance", "2023Q2", "procurement")


def test_the_next_quarter_can_be_chosen_for_filing(window):
    periods = [window.period_box.itemData(i) for i in range(window.period_box.count())]
    assert periods[:2] == ["2023Q4", "2023Q3"] and periods[-1] == "2021Q1"  # the demo holds 2021 bases
    choose(window.period_box, "2023Q4")
    assert cell(window, "ct_close_rate", Column.VALUE) == ""
    assert cell(window, "ct_close_rate", Column.LAST_YEAR) == window.ctx.store.get("2022Q4", "court", "ct_close_rate").raw
    assert window.filled_label.text() == "已填 0 / 174 项"


def test_a_new_database_opens_on_the_demo_district(tmp_path):
    ctx = open_context(tmp_path / "new.db")
    try:
        assert "2023Q3" in ctx.store.periods()
    finally:
        ctx.close()


def test_the_last_database_opens_unless_one_is_given(tmp_path, settings):
    used = tmp_path / "used.db"
    used.write_bytes(b"")
    LAST_DATABASE.set(settings, str(used))
    assert database_to_open(None, settings) == used
    assert database_to_open(tmp_path / "given.db", settings) == tmp_path / "given.db"
    used.unlink()
    assert database_to_open(None, settings).name == "data.db"


def test_signal_emission_does_not_leak_references(demo_ctx):
    """PySide6 6.12.0 drops a reference to True on every emit and aborts after a few hundred edits."""
    model = FiguresModel()
    model.set_session(EntrySession(demo_ctx, Q3, None))
    top, bottom = model.index(0, 0), model.index(model.rowCount() - 1, model.columnCount() - 1)
    received = []
    model.dataChanged.connect(lambda *args: received.append(1))
    model.dataChanged.emit(top, bottom)
    before = sys.getrefcount(True)
    for _ in range(5000):
        model.dataChanged.emit(top, bottom)
    assert len(received) == 5001
    assert abs(sys.getrefcount(True) - before) < 50


def test_every_command_has_a_menu_entry_and_its_own_shortcut(window):
    keys = {}
    for name, action in window.actions.items():
        assert action.shortcuts(), f"{name} has no shortcut"
        for key in action.shortcuts():
            assert key.toString() not in keys, f"{key.toString()}: {name} and {keys.get(key.toString())}"
            keys[key.toString()] = name
    in_menus = {a for menu in window.menuBar().actions() for a in menu.menu().actions()}
    assert set(window.actions.values()) <= in_menus
    assert {"Ctrl+Z", "Ctrl+Y", "Ctrl+V", "Ctrl+C", "Del", "F8", "Ctrl+L", "Ctrl+I", "Ctrl+E"} <= set(keys)


def test_the_parts_reach_the_window_only_through_what_they_declare(window):
    """The window offers every need of ``WindowHost``; the editor and the menus' controllers ask for
    nothing else of it (each ``self.host.…`` is declared)."""
    import ast
    from pathlib import Path

    from gui import host

    assert isinstance(window, host.WindowHost)
    declared = {name for name in (*vars(host.WindowHost), *host.WindowHost.__annotations__) if name[0] != "_"}
    folder = Path(host.__file__).parent
    for part in ("entry_editor", "file_commands", "settings_commands", "data_commands"):
        tree = ast.parse((folder / f"{part}.py").read_text(encoding="utf-8"))
        used = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Attribute) and node.value.attr == "host"}
        assert used and used <= declared, f"{part} uses undeclared {used - declared}"


def test_every_command_runs_from_its_menu_until_its_first_question(qtbot, window, monkeypatch, said):
    """Each menu entry reaches the part that does its work (the window, the editor or a menu's
    controller); every file chooser, input and dialog is cancelled, and nothing may raise."""
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

    for chooser in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, chooser, lambda *a, **k: ("", ""))
    for asking in ("getInt", "getItem", "getText"):
        monkeypatch.setattr(QInputDialog, asking, lambda *a, **k: (None, False))
    monkeypatch.setattr(QDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    said.answer = QMessageBox.StandardButton.No
    window.jump_to("bk_exec_to_bankruptcy")  # a row with a warning to explain
    for name, action in window.actions.items():
        if name != "close":
            action.trigger()
            QApplication.activePopupWidget() and QApplication.activePopupWidget().hide()
    window.file_commands.crosscheck_dialog.close()
    assert not window.tasks.busy and window.isVisible()
    window.actions["close"].trigger()
    assert not window.isVisible()


def test_the_shortcut_page_lists_every_command_with_its_keys(qtbot, window):
    from gui.dialogs import RecordsDialog
    from tests.gui.conftest import on_next_dialog

    seen = []
    on_next_dialog(lambda d: (seen.extend(d.model._rows), d.reject()), RecordsDialog)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert ("编辑", "撤销", "Ctrl+Z") in seen and ("文件", "退出", "Ctrl+Q") in seen
    assert len(seen) == len(window.actions) and all(keys for _, _, keys in seen)
