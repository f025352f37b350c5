"""Missing required figures (缺报) and typed text not saved (未保存) are findings like any other: listed
with their own level, filtered by it, reached with F8; the engine's output for exports is unchanged."""

from __future__ import annotations

from app.checking import validate_period
from app.status import Status, finding_level
from gui.figures_model import Column
from gui.findings_panel import FINDING_ROLE
from gui.findings_panel import Column as FindingColumn
from models.catalog import RuleKind
from models.periods import Period

Q3 = Period.parse("2023Q3")
CLEARED = ("ct_avg_trial_days", "iv_model_judgments", "iv_director_trainings")  # in table order


def listed(window):
    proxy = window.findings_panel.proxy
    return [proxy.index(r, 0).data(FINDING_ROLE) for r in range(proxy.rowCount())]


def court_without_three_required_figures(qtbot, window):
    window.dept_box.setCurrentIndex(window.dept_box.findData("court"))
    qtbot.waitUntil(lambda: window.session.dept == "court" and window.session.checked)
    for code in CLEARED:
        assert window.model.setData(window.model.index(window.model.row_of(code), Column.VALUE), "")


def level_texts(window):
    proxy = window.findings_panel.proxy
    return [proxy.index(r, FindingColumn.SEVERITY).data() for r in range(proxy.rowCount())]


def test_three_missing_required_figures_are_three_findings_reached_with_f8(qtbot, window):
    court_without_three_required_figures(qtbot, window)
    missing = [f for f in listed(window) if finding_level(f) == Status.EMPTY]
    assert [f.metric for f in missing] == list(CLEARED)
    assert level_texts(window)[:3] == ["缺报"] * 3  # after errors (none here), before the two warnings
    engine = [f for f in validate_period(window.ctx, Q3, "court", final=True).findings if f.kind == RuleKind.REQUIRED]
    assert missing == engine  # the very findings a formal export refuses with
    assert all(f.kind != RuleKind.REQUIRED for f in window.session.all_findings())  # the live check is unchanged
    for code in CLEARED:
        window.actions["next_finding"].trigger()
        assert window.current_code() == code and window.table.currentIndex().column() == Column.VALUE
    window.actions["next_finding"].trigger()
    assert finding_level(window.findings_panel.current_finding()) == Status.WARNING
    assert "必填未填 3" in window.blocking_label.text()


def test_the_level_filter_shows_only_the_missing_or_only_the_unsaved(qtbot, window):
    court_without_three_required_figures(qtbot, window)
    panel = window.findings_panel
    assert panel.severity_box.itemText(3) == "缺报（必填未填）" and panel.severity_box.itemText(4) == "未保存的输入"
    panel.severity_box.setCurrentIndex(3)
    assert [f.metric for f in listed(window)] == list(CLEARED)
    panel.severity_box.setCurrentIndex(4)
    assert listed(window) == []
    assert not panel.explain_button.isEnabled()


def test_typing_junk_leaves_an_unsaved_finding_until_it_is_corrected(qtbot, window):
    window.dept_box.setCurrentIndex(window.dept_box.findData("court"))
    qtbot.waitUntil(lambda: window.session.dept == "court" and window.session.checked)
    cell = window.model.index(window.model.row_of("ct_firm_visits"), Column.VALUE)
    assert window.model.setData(cell, "XX家") is False
    (unsaved,) = [f for f in listed(window) if finding_level(f) == Status.DRAFT]
    assert unsaved.metric == "ct_firm_visits" and "本期数值输入的“XX家”未保存" in unsaved.message
    assert level_texts(window)[0] == "未保存"
    proxy = window.findings_panel.proxy
    assert proxy.index(0, FindingColumn.RULE).data() == "未保存的输入"
    window.findings_panel.table.clearSelection()
    window.findings_panel.table.setCurrentIndex(proxy.index(-1, -1))
    window.jump_to("ct_close_rate")
    window.actions["next_finding"].trigger()
    assert window.current_code() == "ct_firm_visits"
    assert "未保存 1" in window.blocking_label.text()
    assert window.model.setData(cell, "12")
    assert not [f for f in listed(window) if finding_level(f) == Status.DRAFT]
    assert all(not f.rule.startswith("unsaved") for f in validate_period(window.ctx, Q3, "court", final=True).findings)
