"""区县配置 → 目标与不适用, from the coordinator's side: a year's targets set, refused, cleared and
metrics marked 不适用, each stored at once (and audited) through app.year_settings."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QTabWidget

from gui.profile_dialog import ProfileDialog
from gui.year_targets_model import YearTargetsFilter, YearTargetsModel
from models.targets import Target
from tests.gui.conftest import on_next_dialog, type_text

TARGET, DUE, BASELINE, SOURCE, REASON = 3, 4, 5, 6, 7  # columns of the table


@pytest.fixture
def dialog(qtbot, demo_ctx):
    shown = ProfileDialog(demo_ctx)
    qtbot.addWidget(shown)
    shown.show()
    shown.findChild(QTabWidget).setCurrentWidget(shown.year_targets)
    page = shown.year_targets
    page.year_box.setCurrentIndex(page.year_box.findData(2023))
    return shown


def cell(page, metric: str, column: int) -> str:
    return page.model.index(page.model.row_of(metric), column).data()


def type_target(qtbot, page, metric: str, op: str, value: str, source: str = "", baseline: str = "") -> None:
    page.select(metric)
    page.op.setCurrentIndex(page.op.findText(op))
    for box, text in ((page.value, value), (page.source, source), (page.baseline, baseline)):
        box.clear()
        type_text(qtbot, box, text)
    qtbot.mouseClick(page.set_button, Qt.MouseButton.LeftButton)


def test_the_table_passes_the_model_tester(qtmodeltester, demo_ctx):
    from app import year_settings

    year_settings.mark_not_applicable(demo_ctx, 2023, "electricity", "本区供电由市供电公司负责")
    model = YearTargetsModel()
    model.set_catalog(demo_ctx.catalog(2023))
    qtmodeltester.check(model)
    row = model.row(model.row_of("el_online_rate"))
    assert row.whole_indicator and model.index(model.row_of("el_online_rate"), REASON).data() == \
        "整个一级指标：本区供电由市供电公司负责"
    shown = YearTargetsFilter()
    shown.setSourceModel(model)
    shown.set_filter("电", only_set=True)
    qtmodeltester.check(shown)
    model.set_catalog(None)
    qtmodeltester.check(model)


def test_a_target_set_in_the_dialog_is_the_years_target(qtbot, dialog):
    page, ctx = dialog.year_targets, dialog.ctx
    type_target(qtbot, page, "gs_online_rate", "≥", "99", source="本区方案")
    assert page.message.text().startswith("已保存：2023年 gs_online_rate 的目标设为 ≥99%")
    assert (cell(page, "gs_online_rate", TARGET), cell(page, "gs_online_rate", DUE),
            cell(page, "gs_online_rate", SOURCE)) == ("≥99%", "第4季度", "本区方案")
    assert ctx.catalog(2023).metric("gs_online_rate").target == Target(op=">=", value=99, due=4, source="本区方案")
    assert page.current().metric.code == "gs_online_rate"  # still selected, the form showing what is stored
    assert (page.value.text(), page.source.text()) == ("99", "本区方案")
    assert any("gs_online_rate 的目标设为 ≥99%" in (a.reason or "") for a in ctx.store.audit())
    # the catalog's other targets of the year stay (the district's set starts from them)
    assert ctx.catalog(2023).metric("el_online_rate").target is not None


def test_a_breakthrough_target_is_more_than_nothing(qtbot, dialog):
    """专利质押融资金实现突破 (seed 004): the comparison “>” beside ≥ ≤ =."""
    page, ctx = dialog.year_targets, dialog.ctx
    type_target(qtbot, page, "rp_pledge_transfers", ">", "0", source="本区方案：带押过户实现突破")
    assert page.message.text().startswith("已保存：2023年 rp_pledge_transfers 的目标设为 >0件")
    assert cell(page, "rp_pledge_transfers", TARGET) == ">0件"
    assert ctx.catalog(2023).metric("rp_pledge_transfers").target.op == ">"


def test_a_target_with_a_due_quarter_and_a_baseline(qtbot, dialog):
    page = dialog.year_targets
    page.select("gs_online_rate")
    assert page.value.text() == "96"  # the form shows the catalog's target: 湾里's plan, borrowed by the demo
    page.due.setCurrentIndex(page.due.findData(2))
    page.value.clear()
    type_text(qtbot, page.value, "96%")  # the unit may be typed along
    type_text(qtbot, page.baseline, "90")
    page.source.clear()
    qtbot.mouseClick(page.set_button, Qt.MouseButton.LeftButton)
    assert dialog.ctx.catalog(2023).metric("gs_online_rate").target == Target(op=">=", value=96, due=2, baseline=90)
    assert (cell(page, "gs_online_rate", DUE), cell(page, "gs_online_rate", BASELINE)) == ("第2季度", "90%")


@pytest.mark.parametrize(("value", "says"), [("九十九", "目标值须为数字（如 96），而不是“九十九”"),
                                             ("150", "目标值 150% 不可能达到：本指标的取值范围是 0～100%"),
                                             ("", "请填写目标值")])
def test_a_bad_target_is_refused_keeping_what_was_typed(qtbot, dialog, value, says):
    page, ctx = dialog.year_targets, dialog.ctx
    before = ctx.catalog(2023).metric("gs_online_rate").target
    audited = len(ctx.store.audit())
    type_target(qtbot, page, "gs_online_rate", "≤", value, source="本区方案")
    assert says in page.message.text() and page.message.styleSheet()  # shown as a refusal
    assert (page.op.currentText(), page.value.text(), page.source.text()) == ("≤", value, "本区方案")
    assert ctx.catalog(2023).metric("gs_online_rate").target == before
    assert len(ctx.store.audit()) == audited
    assert page.done == []


def test_clearing_a_target_asks_first(qtbot, dialog, said):
    page, ctx = dialog.year_targets, dialog.ctx
    type_target(qtbot, page, "gs_online_rate", "≥", "99", source="本区方案")
    said.answer = QMessageBox.StandardButton.No
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert said[-1] == ("清除目标", "清除 2023年“网上可办率”的目标 ≥99%？")
    assert ctx.catalog(2023).metric("gs_online_rate").target is not None
    said.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert ctx.catalog(2023).metric("gs_online_rate").target is None
    assert cell(page, "gs_online_rate", TARGET) == "" and not page.clear_button.isEnabled()
    assert page.value.text() == ""


def test_not_applicable_needs_a_reason_and_shows_in_the_table(qtbot, dialog):
    page, ctx = dialog.year_targets, dialog.ctx
    page.select("gs_online_rate")
    qtbot.mouseClick(page.mark_button, Qt.MouseButton.LeftButton)
    assert "须写明原因" in page.message.text()
    assert ctx.catalog(2023).not_applicable("gs_online_rate") == ""
    type_text(qtbot, page.reason, "本区无此项业务")
    qtbot.mouseClick(page.mark_button, Qt.MouseButton.LeftButton)
    assert cell(page, "gs_online_rate", REASON) == "本区无此项业务"
    assert page.model.index(page.model.row_of("gs_online_rate"), 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert ctx.catalog(2023).not_applicable("gs_online_rate") == "本区无此项业务"
    assert "仍保存在数据库中" in page.message.text()  # the demo's figures of the year stay
    assert page.unmark_button.isEnabled()
    qtbot.mouseClick(page.unmark_button, Qt.MouseButton.LeftButton)
    assert cell(page, "gs_online_rate", REASON) == "" and ctx.catalog(2023).not_applicable("gs_online_rate") == ""


def test_a_whole_indicator_marked_not_applicable(qtbot, dialog):
    page, ctx = dialog.year_targets, dialog.ctx
    page.select("el_online_rate")
    page.scope.setCurrentIndex(page.scope.findData("electricity"))
    type_text(qtbot, page.reason, "由市供电公司统一考核")
    qtbot.mouseClick(page.mark_button, Qt.MouseButton.LeftButton)
    codes = [m.code for m in ctx.catalog(2023).indicator("electricity").metrics]
    assert all(cell(page, code, REASON) == "整个一级指标：由市供电公司统一考核" for code in codes)
    assert page.scope.currentData() == "electricity"
    qtbot.mouseClick(page.unmark_button, Qt.MouseButton.LeftButton)  # the indicator's mark, from any of its metrics
    assert all(cell(page, code, REASON) == "" for code in codes)
    assert "electricity" not in ctx.profile.years[2023].not_applicable


def test_saving_the_dialog_keeps_what_the_page_stored(qtbot, dialog):
    """The other pages edit a copy of the profile taken when the dialog opened: saving it must not
    put back the targets as they were then."""
    page, ctx = dialog.year_targets, dialog.ctx
    type_target(qtbot, page, "gs_online_rate", "≥", "99", source="本区方案")
    dialog.contacts["filer"].setText("张三")
    dialog.save()
    assert dialog.saved is not None
    assert ctx.profile.contacts.filer == "张三"
    assert ctx.catalog(2023).metric("gs_online_rate").target.source == "本区方案"


def test_the_window_follows_changes_stored_before_cancel(qtbot, window):
    """取消 leaves the stored targets stored; the window shows the year as it now is."""
    def edit(dialog):
        page = dialog.year_targets
        page.year_box.setCurrentIndex(page.year_box.findData(2023))
        page.select("gs_online_rate")
        page.value.setText("99")
        page.source.setText("本区方案")
        page.set_target()
        dialog.reject()

    handled = on_next_dialog(edit, ProfileDialog)
    window.actions["edit_profile"].trigger()
    qtbot.waitUntil(lambda: bool(handled), timeout=5000)
    assert "gs_online_rate 的目标设为 ≥99%" in window.statusBar().currentMessage()
    assert window.ctx.catalog(2023).metric("gs_online_rate").target.value == 99


def test_finding_a_metric_and_only_those_set(qtbot, dialog):
    page = dialog.year_targets
    type_text(qtbot, page.find, "网上可办")
    assert [page.shown.index(r, 1).data() for r in range(page.shown.rowCount())] == ["网上可办率"]
    assert page.current().metric.code == "gs_online_rate"  # the form follows what is shown
    page.find.clear()
    type_text(qtbot, page.find, "获得电力")  # an indicator: its metrics
    assert page.shown.rowCount() == len(dialog.ctx.catalog(2023).indicator("electricity").metrics)
    page.find.clear()
    page.only_set.setChecked(True)
    with_target = [m.code for m in dialog.ctx.catalog(2023).metrics if m.target]
    assert page.shown.rowCount() == len(with_target)
    page.select(with_target[0])
    page.reason.setText("本区无此项业务")
    page.mark_not_applicable()
    assert page.shown.rowCount() == len(with_target)  # still shown: it has a target too
    page.find.setText("没有这个指标")
    assert page.shown.rowCount() == 0 and page.current() is None and not page.target_box.isEnabled()
