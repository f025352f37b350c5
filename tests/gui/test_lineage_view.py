"""The window under a 2024 catalog that files 电子卖场采购金额 in 元 instead of 万元: the 上年同期 column
and the trend chart show 2023's 1640.2 万元 as the 16402000 元 it is, with what was typed."""

import openpyxl

from app.profile import export_catalog, import_catalog, new_year
from gui.figures_model import Column
from models.values import Entry
from tests.gui.test_entry import cell


def test_last_years_figure_in_the_old_unit_is_shown_converted_with_its_unit(qtbot, window, tmp_path):
    ctx = window.ctx
    new_year(ctx, 2024)
    book = tmp_path / "目录2024.xlsx"
    export_catalog(ctx, 2024, book)
    wb = openpyxl.load_workbook(book)
    ws = wb["指标"]
    headers = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[headers.index("代码")].value == "pc_emall_amount")
    row[headers.index("单位")].value = "元"
    wb.save(book)
    import_catalog(ctx, book)
    ctx.store.set_value(Entry(period="2024Q1", dept="finance", metric="pc_emall_amount",
                              number=19682400.0, raw="19682400"))
    window.settings_changed("导入了 2024 年目录")
    window.show_choice("2024Q1", "finance")
    assert cell(window, "pc_emall_amount", Column.UNIT) == "元"
    assert cell(window, "pc_emall_amount", Column.LAST_YEAR) == "1640.2万元"
    assert cell(window, "pc_emall_amount", Column.YOY) == "+20.0%"  # 19682400 ÷ 16402000, not +1199900%
    window.jump_to("pc_emall_amount")
    window.show_trend()
    chart = window.trends_panel.chart.data
    assert chart.series[2023] == {1: 16402000.0, 2: 36448900.0, 3: 60748200.0}
    assert chart.series[2024] == {1: 19682400.0}
