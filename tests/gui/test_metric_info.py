"""What a metric means, as a filer sees it: the 指标名称 tooltip and the 指标说明 dock."""

from PySide6.QtCore import Qt

from gui.figures_model import Column
from gui.metric_info import TIP_WIDTH, MetricInfoPanel, wrapped
from models.catalog import Kind, Metric, ValueType


def tooltip(window, code: str, column: Column) -> str:
    return window.model.index(window.model.row_of(code), column).data(Qt.ItemDataRole.ToolTipRole)


def test_the_name_cell_says_what_is_counted_and_since_when(window):
    window.jump_to("gs_nearby_cases")  # counted since launch (2022-06-27), never restarting in January
    tip = tooltip(window, "gs_nearby_cases", Column.NAME)
    assert tip.splitlines()[0].startswith("就近办办件量（gs_nearby_cases")
    assert "指标解释：" in tip and "自2022年6月27日“就近办”启动起累计" in tip.replace("\n　　", "")
    assert "不按年清零" in tip.replace("\n　　", "")
    assert "填报频率：季度（每季度填报）" in tip
    assert "计算公式" not in tip and "数据来源" not in tip  # the catalog has neither for it: not shown blank
    assert "指标解释" not in tooltip(window, "gs_nearby_cases", Column.VALUE)  # the figure's cell keeps its own tip


def test_the_tooltip_gives_the_formula_and_source_in_lines_a_screen_can_show(window):
    window.jump_to("ct_close_rate")
    tip = tooltip(window, "ct_close_rate", Column.NAME)
    assert "计算公式：结案率 = 结案数 ÷ 受理案件数 × 100%" in tip.replace("\n　　", "")
    assert "28936 ÷ 34200" in tip  # never broken inside a number
    assert max(len(line) for line in tip.splitlines()[1:]) <= TIP_WIDTH + 2
    emall = tooltip(window, "pc_emall_amount", Column.NAME)
    assert "数据来源：江西省电子卖场" in emall


def test_the_panel_follows_the_current_cell(qtbot, window):
    panel = window.metric_info.panel
    window.jump_to("pc_saving_rate")
    assert "资金节约率" in panel.caption.text() and "本年累计" in panel.caption.text()
    assert "资金节约率 = 节约资金 ÷ 采购计划金额 × 100%" in panel.text()
    window.table.setCurrentIndex(window.model.index(window.model.row_of("ii_rd_growth"), Column.NOTE))
    assert "全社会研发经费增长" in panel.caption.text()
    assert "年度（第四季度填报）" in panel.text() and "资金节约率" not in panel.text()


def test_the_panel_leaves_out_what_the_catalog_does_not_say(qtbot, window):
    window.jump_to("gs_nearby_cases")
    text = window.metric_info.panel.text()
    assert "指标解释" in text and "填报频率" in text
    assert "计算公式" not in text and "数据来源" not in text
    bare = MetricInfoPanel()
    qtbot.addWidget(bare)
    bare.show_metric(Metric(code="x_new", name="新指标", unit="件", kind=Kind.YTD, value_type=ValueType.COUNT))
    assert "目录中尚无本指标的解释" in bare.text() and "指标解释" not in bare.text()
    bare.show_metric(None)
    assert "选择一项指标" in bare.text()


def test_the_view_menu_brings_the_panel_forward_and_closes_it(qtbot, window):
    dock, action = window.metric_info, window.actions["toggle"]
    assert action.text() == "指标说明(&M)" and action.shortcut().toString() == "Ctrl+4"
    assert window.tabifiedDockWidgets(window.trends_dock) == [dock]  # one place on the right, tabbed
    action.trigger()
    qtbot.waitUntil(lambda: dock.isVisible() and not dock.visibleRegion().isEmpty())
    action.trigger()
    assert not dock.isVisible()


def test_wrapping_keeps_numbers_whole():
    lines = wrapped("种子报告：截至9月30日受理34200件，含旧存665件，结案28936件，结案率84.61%。", 12)
    assert "".join(lines) == "种子报告：截至9月30日受理34200件，含旧存665件，结案28936件，结案率84.61%。"
    assert all(len(line) <= 12 for line in lines)
    assert any(line.endswith("受理") or "34200" in line for line in lines)
    assert not any(line[-1].isdigit() and nxt[0].isdigit() for line, nxt in zip(lines, lines[1:], strict=False))
