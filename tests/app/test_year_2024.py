"""Setting up 2024 in one sitting, as the 营商办 does: one catalog workbook adds 跨境贸易 (led by the
new 区商务局), retires 保护中小投资者, renames 新设立市场主体合计's code and files 电子卖场采购金额 in 元
instead of 万元.  One import; then 2024's figures are checked against 2023's as an auditor would.
"""

from __future__ import annotations

from app.context import AppContext
from tests.app.test_lineage import Book, findings, run
from tests.app.test_years_and_filers import add_cross_border_retire_investor


def test_a_2024_catalog_with_every_kind_of_change_checks_2024_against_2023(capsys, db_path, tmp_path):
    assert run(capsys, db_path, "demo")[0] == 0
    assert run(capsys, db_path, "profile", "add-dept", "commerce", "区商务局")[0] == 0
    assert run(capsys, db_path, "profile", "new-year", "2024", "--targets", "copy")[0] == 0
    path = tmp_path / "目录2024.xlsx"
    assert run(capsys, db_path, "profile", "export-catalog", "2024", path)[0] == 0
    book = Book(path)
    add_cross_border_retire_investor(book.wb)
    book.rename("bs_new_total", "bs_new_entities")
    book.set("pc_emall_amount", "单位", "元")
    book.save()

    code, out, err = run(capsys, db_path, "profile", "import-catalog", path)
    assert code == 0, err
    for change in ("新增一级指标：跨境贸易（cross_border）", "删除一级指标：保护中小投资者（investor_protection）",
                   "新设立市场主体合计（bs_new_entities）原为 新设立市场主体合计（bs_new_total）",
                   "单位：万元 → 元，上年数值 ×10000 后比较", "牵头单位：cross_border （无） → 区商务局"):
        assert change in out, out

    # the new indicator is filed by its lead; the retired one takes no figure in 2024
    assert run(capsys, db_path, "set", "2024Q1", "cb_import_hours", "30.5")[0] == 0
    code, _, err = run(capsys, db_path, "set", "2024Q1", "iv_fast_track_cases", "3")
    assert code == 2 and "iv_fast_track_cases" in err
    # the renamed code still meets last year's 2447: a stated +80% against a true +21.37% is found
    assert run(capsys, db_path, "set", "2024Q1", "bs_new_entities", "2970")[0] == 0
    assert run(capsys, db_path, "set", "2024Q1", "bs_new_growth", "80%")[0] == 0
    (yoy,) = findings(capsys, db_path, "2024Q1", "bs_new_growth", "yoy")
    assert "21.37" in yoy["message"]
    # 19682400 元 against last year's 1640.2 万元 is +20%, not a swing of a million per cent
    assert run(capsys, db_path, "set", "2024Q1", "pc_emall_amount", "19682400")[0] == 0
    assert findings(capsys, db_path, "2024Q1", "pc_emall_amount", "swing") == []

    ctx = AppContext(db_path)
    try:
        catalog = ctx.catalog(2024)
        assert catalog.lead_of("cross_border") == "commerce" and catalog.indicator("investor_protection") is None
        assert ctx.catalog(2023).indicator("investor_protection") is not None  # 2023 keeps its own catalog
    finally:
        ctx.close()
