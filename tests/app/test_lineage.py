"""A 2024 catalog that renames a metric or changes its unit, made as the 营商办 makes it (export the
catalog workbook, edit it in Excel, import it): last year's figures still compare, as an auditor
expects, in the checks, the window's last-year column, the trends and the department workbook.

The 2023 figures are the demo district's (seed 000 and its plausible neighbours): 新设立市场主体合计
2447 户 in 2023Q1, 电子卖场采购金额 1640.2 万元, 纳税时间 68.5 小时.
"""

from __future__ import annotations

import json

import openpyxl
import pytest

from app.context import AppContext
from app.exchange import submission_data
from app.narrative_check import filed_numbers
from app.session import EntrySession
from models.periods import Period
from tests.conftest import run_on as run

Q1_2024 = Period(year=2024, quarter=1)


@pytest.fixture
def year_2024(db_path, capsys, tmp_path):
    """The demo district with a 2024 catalog copied from 2023, and its workbook to edit."""
    assert run(capsys, db_path, "demo")[0] == 0
    assert run(capsys, db_path, "profile", "new-year", "2024", "--targets", "copy")[0] == 0
    book = tmp_path / "目录2024.xlsx"
    assert run(capsys, db_path, "profile", "export-catalog", "2024", book)[0] == 0
    return db_path, book


class Book:
    """The catalog workbook as a coordinator edits it: by header and code, never by position."""

    def __init__(self, path):
        self.path, self.wb = path, openpyxl.load_workbook(path)
        self.metrics = self.wb["指标"]
        self.headers = [c.value for c in self.metrics[1]]

    def row_of(self, code: str) -> int:
        column = self.headers.index("代码") + 1
        return next(r for r in range(2, self.metrics.max_row + 1) if self.metrics.cell(r, column).value == code)

    def cell(self, code: str, header: str):
        return self.metrics.cell(self.row_of(code), self.headers.index(header) + 1)

    def set(self, code: str, header: str, value) -> str:
        cell = self.cell(code, header)
        cell.value = value
        return f"指标!{cell.coordinate}"

    def rename(self, old: str, new: str, keep_history: bool = True) -> None:
        """Excel's find and replace of a code on every sheet, with 原代码 when the history is kept."""
        row = self.row_of(old)
        for ws in (self.wb["指标"], self.wb["关系"], self.wb["目标"]):
            for line in ws.iter_rows(min_row=2):
                for cell in line:
                    if cell.value == old:
                        cell.value = new
        if keep_history:
            self.metrics.cell(row, self.headers.index("原代码") + 1).value = old

    def save(self) -> None:
        self.wb.save(self.path)


def findings(capsys, db_path, period: str, metric: str, rule: str) -> list[dict]:
    code, out, _ = run(capsys, db_path, "validate", period, "--json")
    assert code in (0, 1)
    return [f for f in json.loads(out) if f["metric"] == metric and f["rule"].startswith(rule)]


# ---- a renamed metric -------------------------------------------------------------------------

def file_new_firms(capsys, db_path, total_code: str) -> None:
    """2024Q1: 2970 new market entities (2447 a year before: +21.4%), growth stated as +80%."""
    assert run(capsys, db_path, "set", "2024Q1", total_code, "2970")[0] == 0
    assert run(capsys, db_path, "set", "2024Q1", "bs_new_growth", "80%")[0] == 0


def test_a_stated_growth_is_checked_against_last_years_figure_under_its_old_code(capsys, year_2024):
    db_path, path = year_2024
    book = Book(path)
    book.rename("bs_new_total", "bs_new_entities")
    book.save()
    code, out, err = run(capsys, db_path, "profile", "import-catalog", path)
    assert code == 0, err
    assert "新设立市场主体合计（bs_new_entities）原为 新设立市场主体合计（bs_new_total）" in out
    file_new_firms(capsys, db_path, "bs_new_entities")
    (found,) = findings(capsys, db_path, "2024Q1", "bs_new_growth", "yoy")
    assert "21.37" in found["message"] and "80" in found["message"], found["message"]


def test_without_the_old_code_the_renamed_metric_has_no_last_year_to_compare(capsys, year_2024):
    """What the catalog does without 原代码: last year's 2447 is not found, the +80% is not judged."""
    db_path, path = year_2024
    book = Book(path)
    book.rename("bs_new_total", "bs_new_entities", keep_history=False)
    book.save()
    assert run(capsys, db_path, "profile", "import-catalog", path)[0] == 0
    file_new_firms(capsys, db_path, "bs_new_entities")
    (found,) = findings(capsys, db_path, "2024Q1", "bs_new_growth", "yoy")
    assert "上年同期没有填报" in found["message"] and "21.37" not in found["message"]


def test_a_growth_that_agrees_with_last_years_figure_passes_across_the_rename(capsys, year_2024):
    db_path, path = year_2024
    book = Book(path)
    book.rename("bs_new_total", "bs_new_entities")
    book.save()
    assert run(capsys, db_path, "profile", "import-catalog", path)[0] == 0
    assert run(capsys, db_path, "set", "2024Q1", "bs_new_entities", "2970")[0] == 0
    assert run(capsys, db_path, "set", "2024Q1", "bs_new_growth", "21.37%")[0] == 0
    assert findings(capsys, db_path, "2024Q1", "bs_new_growth", "yoy") == []


def test_an_outlier_is_judged_against_the_history_filed_under_the_old_code(capsys, year_2024):
    """依申请政务服务事项数 was 1268 through 2022 and 1297 in 2023: 12970 in 2024 is a slip of a digit."""
    db_path, path = year_2024
    book = Book(path)
    book.rename("gs_items", "gs_apply_items")
    book.save()
    assert run(capsys, db_path, "profile", "import-catalog", path)[0] == 0
    assert run(capsys, db_path, "set", "2024Q1", "gs_apply_items", "12970")[0] == 0
    (outlier,) = findings(capsys, db_path, "2024Q1", "gs_apply_items", "outlier")
    assert "1297" in outlier["message"] and "1268" in outlier["message"], outlier["message"]
    assert run(capsys, db_path, "set", "2024Q1", "gs_apply_items", "1302")[0] == 0
    assert findings(capsys, db_path, "2024Q1", "gs_apply_items", "outlier") == []


def test_the_window_shows_last_years_figure_and_trend_of_a_renamed_metric(capsys, year_2024):
    db_path, path = year_2024
    book = Book(path)
    book.rename("bs_new_total", "bs_new_entities")
    book.save()
    assert run(capsys, db_path, "profile", "import-catalog", path)[0] == 0
    ctx = AppContext(db_path)
    try:
        session = EntrySession(ctx, Q1_2024, "market_reg")
        assert session.last_year["bs_new_entities"].number == 2447
        assert session.series("bs_new_entities")[2023] == {1: 2447.0, 2: 5439.0, 3: 9066.0}
    finally:
        ctx.close()


# ---- a changed unit ---------------------------------------------------------------------------

def test_an_amount_now_in_yuan_compares_with_last_years_in_wan_yuan(capsys, year_2024, tmp_path):
    """电子卖场采购金额 1640.2 万元 in 2023Q1; 2024 files 元: 19682400 元 is +20%, no 1,199,900% swing."""
    db_path, path = year_2024
    book = Book(path)
    book.set("pc_emall_amount", "单位", "元")
    book.save()
    code, out, err = run(capsys, db_path, "profile", "import-catalog", path)
    assert code == 0, err
    assert "单位：万元 → 元，上年数值 ×10000 后比较" in out
    assert run(capsys, db_path, "set", "2024Q1", "pc_emall_amount", "1968.24")[0] == 0  # 万元 typed as 元
    (swing,) = findings(capsys, db_path, "2024Q1", "pc_emall_amount", "swing")
    assert "较2023年一季度的16402000元减少100%" in swing["message"], swing["message"]
    assert run(capsys, db_path, "set", "2024Q1", "pc_emall_amount", "19682400")[0] == 0
    assert findings(capsys, db_path, "2024Q1", "pc_emall_amount", "swing") == []
    assert run(capsys, db_path, "set", "2024Q1", "pc_emall_growth", "20%")[0] == 0
    assert findings(capsys, db_path, "2024Q1", "pc_emall_growth", "yoy") == []

    out_book = tmp_path / "财政局.xlsx"
    assert run(capsys, db_path, "blank", "2024Q1", "--dept", "finance", "--out", out_book)[0] == 0
    ws = next(ws for ws in openpyxl.load_workbook(out_book).worksheets
              if any(c.value == "pc_emall_amount" for c in ws["A"] + ws["B"]))
    header = next(r for r in ws.iter_rows() if any(c.value == "上年同期" for c in r))
    column = next(c.column for c in header if c.value == "上年同期")
    row = next(r for r in ws.iter_rows() if any(c.value == "pc_emall_amount" for c in r))
    assert ws.cell(row[0].row, column).value == 16402000


def test_last_years_figure_in_the_window_says_what_was_typed_and_in_which_unit(capsys, year_2024):
    """1640.2 typed for 万元 is not shown as 1640.2 元: the window shows 1640.2万元, the rules read 16402000."""
    db_path, path = year_2024
    book = Book(path)
    book.set("pc_emall_amount", "单位", "元")
    book.save()
    assert run(capsys, db_path, "profile", "import-catalog", path)[0] == 0
    ctx = AppContext(db_path)
    try:
        session = EntrySession(ctx, Q1_2024, "finance")
        before = session.last_year["pc_emall_amount"]
        assert (before.number, before.raw) == (16402000.0, "1640.2万元")
        from models.precision import shown

        assert shown(before, session.row("pc_emall_amount").metric) == "1640.2万元"
        assert session.series("pc_emall_amount")[2023][3] == 60748200.0
        assert submission_data(ctx, Q1_2024, draft=True).last_year["pc_emall_amount"].number == 16402000.0
        last_year = filed_numbers(ctx, ctx.catalog_for(Q1_2024), Q1_2024.same_quarter_last_year())
        assert last_year["pc_emall_amount"] == 16402000.0  # what a narrative's 同比 is checked against
    finally:
        ctx.close()


def test_hours_now_in_working_days_compare_at_eight_hours_a_day(capsys, year_2024):
    """纳税时间 68.5 小时 through 2023 is 8.5625 工作日: 8.5 工作日 in 2024Q1 is no swing and no outlier."""
    db_path, path = year_2024
    book = Book(path)
    book.set("tx_time_hours", "单位", "工作日")
    book.save()
    code, out, err = run(capsys, db_path, "profile", "import-catalog", path)
    assert code == 0, err
    assert "单位：小时 → 工作日，上年数值 ×0.125 后比较" in out
    assert run(capsys, db_path, "set", "2023Q4", "tx_time_hours", "68.5")[0] == 0  # in 2023's 小时
    assert run(capsys, db_path, "set", "2024Q1", "tx_time_hours", "8.5")[0] == 0
    assert findings(capsys, db_path, "2024Q1", "tx_time_hours", "swing") == []
    assert findings(capsys, db_path, "2024Q1", "tx_time_hours", "outlier") == []
    assert run(capsys, db_path, "set", "2024Q1", "tx_time_hours", "60")[0] == 0  # hours typed as days
    (outlier,) = findings(capsys, db_path, "2024Q1", "tx_time_hours", "outlier")
    assert "9.5、9.5、9.5、9.5、8.5625、8.5625、8.5625、8.5625工作日" in outlier["message"], outlier["message"]


def test_a_unit_that_cannot_be_converted_is_refused_at_its_cell(capsys, year_2024):
    db_path, path = year_2024
    book = Book(path)
    where = book.set("gs_key_tasks", "单位", "件")
    book.save()
    code, _, err = run(capsys, db_path, "profile", "import-catalog", path)
    assert code == 2
    assert where in err and "单位由“项”改为“件”，上年数值无法换算" in err and "请改用新代码" in err
    assert "目录未导入" in err
    _, listed, _ = run(capsys, db_path, "catalog", "--year", "2024", "--json")
    units = {m["code"]: m["unit"] for i in json.loads(listed)["indicators"] for m in i["metrics"]}
    assert units["gs_key_tasks"] == "项"


def test_an_old_code_last_year_never_had_is_refused_at_its_cell(capsys, year_2024):
    db_path, path = year_2024
    book = Book(path)
    where = book.set("gs_key_tasks", "原代码", "gs_tasks")
    book.save()
    code, _, err = run(capsys, db_path, "profile", "import-catalog", path)
    assert code == 2 and where in err and "不在 2023 年目录中" in err


def test_a_json_catalog_with_a_unit_beyond_conversion_is_refused_naming_the_metric(capsys, year_2024, tmp_path):
    db_path, _ = year_2024
    path = tmp_path / "catalog_2024.json"
    assert run(capsys, db_path, "profile", "export-catalog", "2024", path)[0] == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    metric = next(m for i in data["indicators"] for m in i["metrics"] if m["code"] == "gs_key_tasks")
    metric["unit"] = "件"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, db_path, "profile", "import-catalog", path)
    assert code == 2 and "指标 gs_key_tasks" in err and "无法换算" in err
