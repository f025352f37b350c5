"""The 填报进度 board in the window: the demo quarter after a submission, a return and an acceptance."""

from __future__ import annotations

from datetime import date

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app import workflow
from app.board import board
from app.checking import validate_period
from app.profile import save_profile, with_deadline
from gui.board_dialog import ATTENTION, BoardDialog, BoardModel
from models.periods import Period
from tests.gui.conftest import on_next_dialog

Q3 = Period.parse("2023Q3")
OFFICE = "business_office"


def quarter_under_way(ctx) -> None:
    """区法院 explains its two warnings and is accepted; 区税务局 submits and is returned."""
    save_profile(ctx, with_deadline(ctx.profile, Q3, "2023-10-10"), reason="截止日期")
    for finding in validate_period(ctx, Q3, "court", final=True).blocking:
        ctx.store.explain(Q3.code, "court", finding.metric, finding.rule, "专项走访", finding.fingerprint)
    workflow.submit(ctx, Q3, "court", acting="court")
    workflow.accept(ctx, Q3, "court", acting=OFFICE)
    workflow.submit(ctx, Q3, "tax", acting="tax")
    workflow.return_(ctx, Q3, "tax", acting=OFFICE, reason="请核对减税降费金额")


def test_the_board_model_passes_the_model_tester(qtmodeltester, demo_ctx):
    quarter_under_way(demo_ctx)
    model = BoardModel(board(demo_ctx, Q3, today=date(2023, 10, 12)))
    qtmodeltester.check(model)
    assert model.rowCount() == 11 and model.columnCount() == 8


def test_the_dialog_sorts_filters_and_exports(qtbot, demo_ctx, tmp_path, monkeypatch):
    quarter_under_way(demo_ctx)
    exported = []
    dialog = BoardDialog(board(demo_ctx, Q3, today=date(2023, 10, 12)), exported.append)
    qtbot.addWidget(dialog)
    assert "截止日期 2023-10-10，已逾期2天" in dialog.deadline.text()
    assert "均未签字" in dialog.signoffs.text()
    proxy = dialog.proxy
    shown = {proxy.index(r, 0).data(): proxy.index(r, 5).data() for r in range(proxy.rowCount())}
    assert (shown["区法院"], shown["区税务局"], shown["区政数局"]) == ("已审核", "退回修改", "填报中")
    dialog.states.setCurrentIndex(dialog.states.findData("退回修改"))
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["区税务局"]
    assert proxy.index(0, 5).data(Qt.ItemDataRole.ForegroundRole).color() == ATTENTION
    dialog.states.setCurrentIndex(0)
    dialog.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # most unexplained warnings first
    assert int(proxy.index(0, 3).data()) == 2
    dialog.export_button.click()
    assert exported and exported[0].period == "2023Q3"


def test_the_data_menu_opens_the_board_and_writes_the_workbook(qtbot, window, tmp_path, monkeypatch):
    quarter_under_way(window.ctx)
    out = tmp_path / "看板.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))

    def look_and_export(dialog):
        rows = {dialog.proxy.index(r, 0).data(): dialog.proxy.index(r, 5).data() for r in range(dialog.proxy.rowCount())}
        assert rows["区法院"] == "已审核"
        dialog.export_button.click()
        dialog.reject()

    handled = on_next_dialog(look_and_export, BoardDialog)
    window.actions["show_board"].trigger()
    assert handled
    ws = openpyxl.load_workbook(out).active
    states = {ws.cell(r, 2).value: ws.cell(r, 7).value for r in range(4, ws.max_row + 1)}
    assert (states["区法院"], states["区税务局"]) == ("已审核", "退回修改")


def test_the_states_by_quarter_replace_the_table_while_by_quarter_is_checked(qtbot, window, qtmodeltester):
    quarter_under_way(window.ctx)
    seen = {}

    def by_quarter(dialog):
        seen["before"] = dialog.table.model().columnCount()
        dialog.by_quarter.setChecked(True)
        model = dialog.table.model()
        seen["headers"] = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        rows = {model.index(r, 0).data(): [model.index(r, c).data() for c in range(1, model.columnCount())]
                for r in range(model.rowCount())}
        seen["court"], seen["tax"] = rows["区法院"], rows["区税务局"]
        seen["filter"] = dialog.states.isEnabled()
        qtmodeltester.check(dialog.quarter_model)
        dialog.by_quarter.setChecked(False)
        seen["after"] = dialog.table.model().columnCount()
        dialog.reject()

    handled = on_next_dialog(by_quarter, BoardDialog)
    window.actions["show_board"].trigger()
    assert handled
    assert seen["headers"] == ["部门", "第一季度", "第二季度", "第三季度"]
    assert seen["court"][2].startswith("已审核（逾期") and seen["tax"][2].startswith("退回修改（已逾期")  # deadline 2023-10-10
    assert seen["court"][:2] == ["填报中", "填报中"]  # the demo's earlier quarters: filed, never handed over
    assert seen["before"] == seen["after"] == 8 and seen["filter"] is False
