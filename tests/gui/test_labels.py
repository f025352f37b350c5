"""Status bar and findings count labels keep their size while their text changes."""

from PySide6.QtWidgets import QWidget

from gui.labels import SteadyLabel
from tests.gui.conftest import Paints, drain


def test_a_steady_label_grows_to_its_text_and_never_shrinks(qtbot):
    label = SteadyLabel()
    qtbot.addWidget(label)
    label.setText("已填 9 / 158 项")
    width = label.width()
    assert label.minimumWidth() == label.maximumWidth() == width >= label.sizeHint().width()
    label.setText("已填 10 / 158 项（另有 3 项草稿）")
    assert label.width() > width
    wide = label.width()
    label.setText("已填")
    assert label.width() == wide and label.text() == "已填"


def test_bold_text_widens_a_steady_label(qtbot):
    label = SteadyLabel()
    qtbot.addWidget(label)
    label.setText("需处理 6 项（错误 0，待说明警告 6）")
    plain = label.width()
    label.setStyleSheet("font-weight: bold;")
    assert label.width() >= plain and label.width() >= label.sizeHint().width()


def _painted_once(qtbot, shown, *watched) -> list[Paints]:
    """Show ``shown`` and wait until its first paint is over; paint counters of ``watched``, at zero."""
    counters = [Paints(widget) for widget in watched]
    shown.show()
    qtbot.waitUntil(lambda: counters[0].count > 0)
    drain(qtbot)
    for counter in counters:
        counter.count = 0
    return counters


def test_the_same_text_again_repaints_nothing(qtbot):
    label = SteadyLabel()
    qtbot.addWidget(label)
    label.setText("显示 6 / 共 6 条")
    [paints] = _painted_once(qtbot, label, label)
    label.setText("显示 6 / 共 6 条")
    drain(qtbot)
    assert paints.count == 0
    label.setText("显示 7 / 共 7 条")
    qtbot.waitUntil(lambda: paints.count > 0)


def test_a_new_text_repaints_the_label_alone_not_what_lies_beneath(qtbot):
    beneath = QWidget()
    qtbot.addWidget(beneath)
    label = SteadyLabel(beneath)
    label.setText("显示 6 / 共 6 条")
    own, under = _painted_once(qtbot, beneath, label, beneath)
    label.setText("显示 7 / 共 7 条")
    qtbot.waitUntil(lambda: own.count > 0)
    assert under.count == 0
