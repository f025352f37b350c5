"""按自有模板导出 with the province's own form: the coordinator sees which row is which metric,
confirms a suggestion, chooses a metric for a row, saves the mapping and exports."""

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app import template_forms
from exports.form_match import BY_CODE, CONFIRMED, SAVED, SUGGESTED
from gui.template_map_dialog import TemplateMapDialog
from gui.template_map_model import MATCHED, SUGGESTION, TemplateRowsModel
from models.periods import Period
from storage import submissions
from tests.exports.province_forms import coded_form, named_form
from tests.exports.test_template_forms import explain_warnings
from tests.gui.conftest import on_next_dialog
from tests.gui.test_files import run_and_answer

Q3 = Period.parse("2023Q3")


@pytest.fixture
def files(monkeypatch):
    answers = {"open": "", "save": ""}
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (answers["open"], ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (answers["save"], ""))
    return answers


def dialog_for(qtbot, ctx, path):
    catalog = ctx.catalog_for(Q3)
    mapping = template_forms.form_mapping(ctx, path, catalog)
    dialog = TemplateMapDialog(ctx, path, mapping, catalog, Q3)
    qtbot.addWidget(dialog)
    return dialog


def test_the_rows_model_passes_the_model_tester(qtmodeltester, demo_ctx, tmp_path):
    path = named_form(tmp_path / "表.xlsx", ("全程网办率", "政务服务全程网办", "营商环境满意度"))
    mapping = template_forms.form_mapping(demo_ctx, path, demo_ctx.catalog(2023))
    model = TemplateRowsModel(mapping, demo_ctx.catalog(2023))
    qtmodeltester.check(model)
    model.decide(2, demo_ctx.catalog(2023).metric("gs_online_rate"))
    qtmodeltester.check(model)


def test_the_dialog_shows_rows_how_they_matched_and_the_columns(qtbot, demo_ctx, tmp_path):
    dialog = dialog_for(qtbot, demo_ctx, coded_form(tmp_path / "代码表.xlsx"))
    model = dialog.model
    shown = [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]
    assert shown[0] == ("3", "结案率", "结案率", "ct_close_rate", "代码")
    assert shown[3] == ("6", "线上办电", "线上办电率", "el_online_rate", "建议，待确认（相似度 0.89）")
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole).color() == MATCHED
    assert model.index(3, 1).data(Qt.ItemDataRole.BackgroundRole).color() == SUGGESTION
    assert "D列“本期数值”→本期（2023年第三季度）" in dialog.columns.text()
    assert "E列“上年同期”→上年同期（2022年第三季度）" in dialog.columns.text()
    assert "建议待确认 1 行" in dialog.summary.text()
    assert dialog.current_row() == 3 and dialog.confirm_button.isEnabled()  # the suggestion comes first


def test_choosing_a_metric_for_a_row_by_typing_part_of_its_name(qtbot, demo_ctx, tmp_path):
    dialog = dialog_for(qtbot, demo_ctx, named_form(tmp_path / "表.xlsx", ("全程网办率", "营商环境满意度")))
    assert "未对应（指标目录中没有，导出时留空）：第4行“营商环境满意度”" in dialog.unmatched.text()
    dialog.select_row(1)
    assert not dialog.confirm_button.isEnabled()
    dialog.metrics.setEditText("掌上服务")
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    match = dialog.mapping.matches[1]
    assert (match.metric, match.how) == ("gs_mobile_rate", CONFIRMED) and dialog.unmatched.text() == ""
    dialog.metrics.setEditText("没有这个指标")
    dialog.select_row(0)
    dialog.metrics.setEditText("没有这个指标")
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert "没有找到“没有这个指标”对应的指标" in dialog.status.text()
    assert dialog.mapping.matches[0].metric == "gs_full_online_rate"


def test_the_coordinator_confirms_a_suggestion_saves_and_exports(qtbot, window, files, tmp_path, said):
    explain_warnings(window.ctx)
    window.revalidate()
    form = coded_form(tmp_path / "省报表.xlsx")
    files["open"], files["save"] = str(form), str(tmp_path / "报送.xlsx")
    said.choice = "正式导出"

    def confirm(dialog):
        assert dialog.mapping.matches[dialog.current_row()].how == SUGGESTED
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
        assert dialog.mapping.matches[3].how == CONFIRMED
        dialog.export_button.click()

    mapped = on_next_dialog(confirm, TemplateMapDialog, timeout_s=20)
    shown = run_and_answer(qtbot, window, "export_with_template", lambda d: d.reject())
    assert mapped and shown["title"] == "导出完成" and "已记录这次报送" in shown["summary"]
    assert "数值 8 个，文字 9 个" in shown["summary"]  # 4 rows × 本期, 上年同期; 4 同比, 4 单位, 1 目标
    ws = openpyxl.load_workbook(tmp_path / "报送.xlsx")["报送表"]
    assert (ws["D3"].value, ws["D6"].value) == (0.8461, 99.98)
    assert submissions.latest_submission(window.ctx.store, Q3.code).file_name == "报送.xlsx"
    # the next copy of the same form opens with the saved mapping
    again = template_forms.form_mapping(window.ctx, coded_form(tmp_path / "下季度.xlsx"), window.ctx.catalog(2023))
    assert again.from_saved and [m.how for m in again.matches] == [SAVED] * 4
    assert BY_CODE not in [m.how for m in again.matches]
