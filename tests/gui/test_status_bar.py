"""The status bar tells the truth: a department's view says what it lacks to hand over and its state;
an empty quarter is never 可以正式报送."""

from __future__ import annotations

from app import workflow
from app.checking import validate_period
from models.periods import Period

Q3 = Period.parse("2023Q3")


def test_a_departments_window_shows_what_it_lacks_and_its_state(qtbot, window):
    window.dept_box.setCurrentIndex(window.dept_box.findData("court"))
    qtbot.waitUntil(lambda: window.session.dept == "court" and window.session.checked)
    assert window.blocking_label.text() == "需处理 2 项（错误 0，待说明警告 2）｜本期状态：填报中"
    for finding in validate_period(window.ctx, Q3, "court", final=True).blocking:
        window.ctx.store.explain(Q3.code, "court", finding.metric, finding.rule, "专项走访", finding.fingerprint)
    window.revalidate()
    assert window.blocking_label.text() == "无需处理的问题，可以提交给营商办｜本期状态：填报中"
    workflow.submit(window.ctx, Q3, "court", acting="court")
    window.revalidate()
    assert window.blocking_label.text().endswith("本期状态：已提交")


def test_an_empty_quarter_is_not_ready_to_report(qtbot, window):
    window.period_box.setCurrentIndex(window.period_box.findText("2023年第四季度"))
    qtbot.waitUntil(lambda: window.session.period.code == "2023Q4" and window.session.checked)
    text = window.blocking_label.text()
    assert text.startswith("需处理") and "必填未填" in text and "可以正式报送" not in text
