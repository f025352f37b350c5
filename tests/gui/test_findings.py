"""The findings panel and the 说明 dialog, driven in the real window."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.editing import find_explanation
from app.status import Status, finding_status
from gui.explanation_dialog import ExplanationDialog
from gui.figures_model import Column
from gui.findings_panel import FINDING_ROLE
from gui.findings_panel import Column as FindingColumn
from tests.conftest import seed_text
from tests.gui.conftest import on_next_dialog

Q3 = "2023Q3"


def shown_findings(window):
    proxy = window.findings_panel.proxy
    return [proxy.index(r, 0).data(FINDING_ROLE) for r in range(proxy.rowCount())]


def select_finding(window, metric, rule):
    panel = window.findings_panel
    for row, finding in enumerate(shown_findings(window)):
        if (finding.metric, finding.rule) == (metric, rule):
            panel.table.setCurrentIndex(panel.proxy.index(row, 0))
            return panel.proxy.index(row, 0)
    raise AssertionError(f"no finding {metric} {rule}")


def status(window, code):
    return window.model.data(window.model.index(window.model.row_of(code), Column.STATUS))


def test_the_panel_lists_every_finding_and_the_status_bar_counts_the_blocking(window):
    findings = shown_findings(window)
    assert len(findings) == len(window.session.all_findings()) > 0
    blocking = len(window.session.blocking())
    assert f"需处理 {blocking} 项" in window.blocking_label.text()
    assert window.findings_panel.count_label.text() == f"显示 {len(findings)} / 共 {len(findings)} 条"


def test_filters_by_severity_and_indicator(window):
    panel = window.findings_panel
    panel.severity_box.setCurrentIndex(2)  # 错误
    assert shown_findings(window) == []
    window.model.setData(window.model.index(window.model.row_of("ct_cases_closed"), Column.VALUE), "30000")
    assert [(f.metric, f.rule) for f in shown_findings(window)] == [("ct_close_rate", "ratio:ct_close_rate")]
    panel.severity_box.setCurrentIndex(0)
    panel.indicator_box.setCurrentIndex(panel.indicator_box.findData("contract_enforcement"))
    assert {(f.metric, f.severity) for f in shown_findings(window)} == {
        ("ct_close_rate", "error"), ("ct_law_firm_visits", "warning"), ("ct_firm_visits", "warning")}


def test_double_click_jumps_to_the_cell(qtbot, window):
    window.indicator_list.setCurrentIndex(window.indicators.index(1))  # 政务服务 only
    index = select_finding(window, "ct_law_firm_visits", "swing")
    panel = window.findings_panel
    rect = panel.table.visualRect(index)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    current = window.table.currentIndex()
    assert window.model.row_at(current.row()).metric.code == "ct_law_firm_visits"
    assert current.column() == Column.VALUE


def test_a_warning_is_explained_in_place_undone_and_redone(qtbot, window):
    # seed 000: 2023年共走访辖区律所70余家 — 40 the year before, a 75% swing that needs a 说明
    assert "2023年共走访辖区律所70余家" in seed_text("000")
    blocking = len(window.session.blocking())
    select_finding(window, "ct_law_firm_visits", "swing")
    text = "2023年设立营商服务法官工作站，走访律所增加。"

    def explain(dialog):
        dialog.editor.setPlainText(text)
        dialog.save_button.click()

    handled = on_next_dialog(explain, ExplanationDialog)
    qtbot.mouseClick(window.findings_panel.explain_button, Qt.MouseButton.LeftButton)
    assert handled
    assert find_explanation(window.ctx.store, Q3, "court", "ct_law_firm_visits", "swing").text == text
    assert status(window, "ct_law_firm_visits") == "已说明"
    assert len(window.session.blocking()) == blocking - 1
    assert f"需处理 {blocking - 1} 项" in window.blocking_label.text()
    assert window.actions["undo"].text() == "撤销 说明 走访律所数：较上季度或上年同期大幅波动"
    window.editor.undo()
    assert find_explanation(window.ctx.store, Q3, "court", "ct_law_firm_visits", "swing") is None
    assert status(window, "ct_law_firm_visits") == "待说明"
    window.editor.redo()
    assert status(window, "ct_law_firm_visits") == "已说明"


def test_the_dialog_shows_who_explained_and_refuses_an_empty_text(qtbot, window):
    finding = next(f for f in window.session.findings["ct_law_firm_visits"] if f.rule == "swing")
    window.ctx.store.explain(Q3, "court", "ct_law_firm_visits", "swing", "设立法官工作站", finding.fingerprint)
    window.revalidate()
    seen = {}

    def look(dialog):
        seen["labels"] = " ".join(label.text() for label in dialog.findChildren(QLabel))
        seen["text"] = dialog.editor.toPlainText()
        dialog.editor.setPlainText("  ")
        dialog.save_button.click()  # refused: the dialog stays open
        seen["still_open"] = dialog.isVisible()
        dialog.reject()

    finding = next(f for f in window.session.findings["ct_law_firm_visits"] if f.rule == "swing")
    on_next_dialog(look, ExplanationDialog)
    assert window.editor.explain(finding) is False
    assert "测试员" in seen["labels"] and "已有说明" in seen["labels"] and "75%" in seen["labels"]
    assert seen["text"] == "设立法官工作站" and seen["still_open"]


def test_an_error_cannot_be_explained_away(window, said):
    window.model.setData(window.model.index(window.model.row_of("ct_cases_closed"), Column.VALUE), "30000")
    error = next(f for f in window.session.findings["ct_close_rate"] if f.rule == "ratio:ct_close_rate")
    assert window.editor.explain(error) is False
    assert said[-1][0] == "不能用说明放行错误"
    select_finding(window, "ct_close_rate", "ratio:ct_close_rate")
    assert not window.findings_panel.explain_button.isEnabled()


def test_f8_walks_through_the_findings(qtbot, window):
    first, second = shown_findings(window)[:2]
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert window.model.row_at(window.table.currentIndex().row()).metric.code == first.metric
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert window.model.row_at(window.table.currentIndex().row()).metric.code == second.metric
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.model.row_at(window.table.currentIndex().row()).metric.code == first.metric


def test_findings_come_and_go_row_by_row_under_the_model_tester(qtmodeltester, window):
    model = window.findings_panel.model
    qtmodeltester.check(model)  # stays attached: checks every insert, remove and change below
    qtmodeltester.check(window.findings_panel.proxy)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    edits = [("ct_cases_closed", "30000"), ("lb_fairs_online", "198"), ("ct_law_firm_visits", "40"),
             ("ct_cases_closed", "28936"), ("lb_fairs_online", "197"), ("ct_law_firm_visits", "71")]
    for code, text in edits:
        window.model.setData(window.model.index(window.model.row_of(code), Column.VALUE), text)
        keys = [model.finding(r).key for r in range(model.rowCount())]
        assert keys == [f.key for f in window.session.all_findings()]
    assert resets == []
    assert window.findings_panel.count_label.text().startswith(f"显示 {model.rowCount()} ")


def test_the_list_keeps_errors_first_then_table_order_as_findings_come_and_go(window):
    def expected():
        in_table = window.session.all_findings()
        rank = list(Status).index
        return [f.key for f in sorted(in_table, key=lambda f: (rank(finding_status(f)), in_table.index(f)))]

    assert [f.key for f in shown_findings(window)] == expected()
    # seed 000: 结案28936件 of 受理34200件; 线上197场 + 线下19场 = 216场; 走访律所70余家 (40 last year)
    edits = [("ct_cases_closed", "30000"), ("lb_fairs_online", "198"), ("ct_law_firm_visits", "40"),
             ("ct_cases_closed", "28936"), ("ct_law_firm_visits", "71"), ("lb_fairs_online", "197")]
    for code, text in edits:
        window.model.setData(window.model.index(window.model.row_of(code), Column.VALUE), text)
        assert [f.key for f in shown_findings(window)] == expected(), (code, text)
    window.findings_panel.table.sortByColumn(FindingColumn.METRIC, Qt.SortOrder.AscendingOrder)
    assert [f.key for f in shown_findings(window)] == [f.key for f in window.session.all_findings()]
