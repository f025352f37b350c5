"""The trends chart (drawn with QPainter) and long work in the worker thread."""

import gc
import threading
import time

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QPushButton

from exports.progress import Cancelled, Steps
from gui.tasks import TaskRunner
from gui.trends import LAST_YEAR, TARGET, THIS_YEAR, TrendChart, TrendData
from models.catalog import Target
from tests.gui.conftest import Paints, drain


def colours(widget) -> set[str]:
    image: QImage = widget.grab().toImage()
    return {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}


def test_the_window_charts_the_current_metric_with_its_target(window):
    window.jump_to("el_online_rate")  # seed 000: 线上办电率达99.98%; target ≥95%
    data = window.trends_panel.chart.data
    assert data.name == "线上办电率" and data.target.value == 95
    assert data.series[2023][3] == 99.98 and len(data.series[2022]) == 4
    assert "线上办电率" in window.trends_panel.caption.text() and "区住建局" in window.trends_panel.caption.text()
    assert {THIS_YEAR.name(), LAST_YEAR.name(), TARGET.name()} <= colours(window.trends_panel.chart)


def test_a_new_figure_shows_in_the_chart_once_edits_pause(qtbot, window):
    window.jump_to("ct_close_rate")
    chart = window.trends_panel.chart
    drain(qtbot)
    paints = Paints(chart)
    window.model.setData(window.model.index(window.model.row_of("ct_close_rate"), 2), "85%")
    assert window.trend_timer.isActive()  # the chart waits for a pause: the edit paints the table first
    qtbot.waitUntil(lambda: chart.data.series[2023][3] == 85 and paints.count > 0)


def test_the_chart_repaints_only_when_what_it_shows_changed(qtbot):
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.show()
    qtbot.waitExposed(chart)
    data = TrendData("结案率", "%", 2, False, 2023, {2022: {}, 2023: {1: 80.5}}, Target(op=">=", value=90))
    chart.set_data(data)
    drain(qtbot)
    paints = Paints(chart)
    chart.set_data(TrendData("结案率", "%", 2, False, 2023, {2022: {}, 2023: {1: 80.5}}, Target(op=">=", value=90)))
    drain(qtbot)
    assert paints.count == 0
    chart.set_data(TrendData("结案率", "%", 2, False, 2023, {2022: {}, 2023: {1: 81}}, Target(op=">=", value=90)))
    qtbot.waitUntil(lambda: paints.count > 0)


def test_without_figures_the_chart_says_so(qtbot):
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(400, 280)
    assert THIS_YEAR.name() not in colours(chart)
    chart.set_data(TrendData("结案率", "%", 2, False, 2023, {2022: {}, 2023: {1: 80.5}}, Target(op=">=", value=90)))
    assert {THIS_YEAR.name(), TARGET.name()} <= colours(chart)


def test_work_runs_off_the_main_thread_and_reports_back_on_it(qtbot):
    runner = TaskRunner(None)
    seen = {}

    def work(progress, is_cancelled):
        seen["worker"] = threading.current_thread() is threading.main_thread()
        steps = Steps(10, progress, is_cancelled, every=1)
        for _ in range(10):
            steps.advance()
        return "完成"

    def done(result):
        seen["result"], seen["main"] = result, threading.current_thread() is threading.main_thread()

    assert runner.run("测试", work, done, lambda exc: seen.setdefault("error", exc))
    qtbot.waitUntil(lambda: "result" in seen, timeout=10000)
    assert seen == {"worker": False, "result": "完成", "main": True}
    assert not runner.busy


def test_garbage_is_collected_on_the_main_thread_while_work_runs(qtbot):
    # a collection in the worker would destroy an unreachable window there, off Qt's thread: a crash
    runner = TaskRunner(None)
    collected_on, finished = [], []

    def note(phase, info):
        if phase == "start":
            collected_on.append(threading.current_thread())

    def work(progress, is_cancelled):
        until = time.monotonic() + 0.4  # long enough for the main thread's collector to run
        while time.monotonic() < until:
            cycle = [[]]
            cycle[0].append(cycle)  # garbage that only a collection frees; each list counts
        return "完成"

    gc.callbacks.append(note)
    try:
        assert runner.run("测试", work, finished.append, finished.append)
        qtbot.waitUntil(lambda: bool(finished), timeout=10000)
    finally:
        gc.callbacks.remove(note)
    assert finished == ["完成"]
    assert collected_on and set(collected_on) == {threading.main_thread()}
    assert gc.isenabled()  # automatic again once the work is over


def test_cancelling_stops_the_work_and_says_so(qtbot):
    runner = TaskRunner(None)
    started, failed = threading.Event(), []

    def work(progress, is_cancelled):
        steps = Steps(10**10, progress, is_cancelled, every=1000)
        started.set()
        while True:
            steps.advance()

    assert runner.run("测试", work, lambda result: None, failed.append)
    assert not runner.run("第二件", work, lambda result: None, failed.append)  # one task at a time
    started.wait(10)
    qtbot.waitUntil(lambda: runner._dialog.value() > 0, timeout=10000)  # progress arrives
    runner._dialog.findChild(QPushButton).click()  # the dialog's 取消 button
    qtbot.waitUntil(lambda: bool(failed), timeout=10000)
    assert isinstance(failed[0], Cancelled) and not runner.busy
    assert runner.wait(5000)
