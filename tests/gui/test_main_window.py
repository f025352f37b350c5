"""The main window over the demo database; the table model passes Qt's model tester."""

import sys

from PySide6.QtCore import QSettings

from gui.app import open_context
from gui.figures_model import FiguresModel, build_rows
from gui.main_window import MainWindow


def make_window(qtbot, ctx, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    return window


def test_figures_model_passes_the_model_tester(qtmodeltester, demo_ctx, catalog):
    model = FiguresModel()
    values = demo_ctx.store.values(periods=["2023Q3"])
    model.set_rows(build_rows(catalog, None, values, []))
    qtmodeltester.check(model)
    assert model.rowCount() == len(catalog.metrics)


def test_window_shows_a_departments_figures(qtbot, demo_ctx, tmp_path):
    window = make_window(qtbot, demo_ctx, tmp_path)
    assert window.period_box.currentData() == "2023Q3"
    window.dept_box.setCurrentIndex(window.dept_box.findData("court"))
    names = [window.model.data(window.model.index(r, 1)) for r in range(window.model.rowCount())]
    assert "结案率" in names and "线上办电率" not in names
    row = names.index("结案率")
    assert window.model.data(window.model.index(row, 3)) == "84.61%"
    assert window.model.data(window.model.index(row, 4)) == "83.4%"


def test_window_remembers_department_and_period(qtbot, demo_ctx, tmp_path):
    window = make_window(qtbot, demo_ctx, tmp_path)
    window.dept_box.setCurrentIndex(window.dept_box.findData("finance"))
    window.period_box.setCurrentIndex(window.period_box.findData("2023Q2"))
    window.close()
    again = make_window(qtbot, demo_ctx, tmp_path)
    assert (again.current_dept(), again.current_period().code) == ("finance", "2023Q2")


def test_a_new_database_opens_on_the_demo_district(tmp_path):
    ctx = open_context(tmp_path / "new.db")
    try:
        assert "2023Q3" in ctx.store.periods()
    finally:
        ctx.close()


def test_signal_emission_does_not_leak_references(qtbot, demo_ctx, catalog):
    """PySide6 6.12.0 drops a reference to True on every emit and aborts after a few hundred edits."""
    model = FiguresModel()
    model.set_rows(build_rows(catalog, None, demo_ctx.store.values(periods=["2023Q3"]), []))
    top, bottom = model.index(0, 0), model.index(model.rowCount() - 1, model.columnCount() - 1)
    received = []
    model.dataChanged.connect(lambda *args: received.append(1))
    model.dataChanged.emit(top, bottom)
    before = sys.getrefcount(True)
    for _ in range(5000):
        model.dataChanged.emit(top, bottom)
    assert len(received) == 5001
    assert abs(sys.getrefcount(True) - before) < 50
