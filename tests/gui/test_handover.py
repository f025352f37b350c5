"""Submitting, returning and accepting in the window: the department acting is the one shown."""

from __future__ import annotations

from app import workflow
from app.checking import validate_period
from gui.dialogs import DepartmentDialog
from models.periods import Period
from models.workflow import State
from tests.gui.conftest import on_next_dialog

Q3 = Period.parse("2023Q3")


def show(qtbot, window, dept):
    window.dept_box.setCurrentIndex(window.dept_box.findData(dept))
    qtbot.waitUntil(lambda: window.session.dept == dept and window.session.checked)


def state(window, dept):
    return workflow.state_of(window.ctx, Q3, dept).state


def test_a_department_submits_in_its_window_once_its_warnings_are_explained(qtbot, window, said):
    show(qtbot, window, "court")
    window.actions["submit_handover"].trigger()
    assert said[-1][0] == "未能提交" and "未说明的警告 2 项" in said[-1][1]
    assert state(window, "court") == State.FILING
    for finding in validate_period(window.ctx, Q3, "court", final=True).blocking:
        window.ctx.store.explain(Q3.code, "court", finding.metric, finding.rule, "专项走访", finding.fingerprint)
    window.revalidate()
    window.actions["submit_handover"].trigger()
    assert state(window, "court") == State.SUBMITTED
    assert window.blocking_label.text().endswith("本期状态：已提交")
    handled = on_next_dialog(lambda d: d.accept(), DepartmentDialog)
    window.actions["accept_handover"].trigger()  # a department cannot accept, not even its own
    assert handled and "只有营商办（区营商办）可以" in said[-1][1] and state(window, "court") == State.SUBMITTED


def test_the_office_returns_with_a_reason_and_accepts(qtbot, window, said):
    for finding in validate_period(window.ctx, Q3, "court", final=True).blocking:
        window.ctx.store.explain(Q3.code, "court", finding.metric, finding.rule, "专项走访", finding.fingerprint)
    workflow.submit(window.ctx, Q3, "court", acting="court")
    assert window.session.dept is None  # the 全部 view: the 营商办 acts
    handled = on_next_dialog(lambda d: (d.dept_box.setCurrentIndex(d.dept_box.findData("court")),
                                        d.reason.setText("结案数请与审判系统核对"), d.accept()), DepartmentDialog)
    window.actions["return_handover"].trigger()
    assert handled and state(window, "court") == State.RETURNED
    assert workflow.state_of(window.ctx, Q3, "court").reason == "结案数请与审判系统核对"
    workflow.submit(window.ctx, Q3, "court", acting="court")
    handled = on_next_dialog(lambda d: (d.dept_box.setCurrentIndex(d.dept_box.findData("court")), d.accept()),
                             DepartmentDialog)
    window.actions["accept_handover"].trigger()
    assert handled and state(window, "court") == State.ACCEPTED
    assert "区法院" in window.lock_label.text()
