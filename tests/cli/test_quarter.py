"""A whole quarter through the commands, as the 营商办 and three departments run it.

The district is 红谷滩区 with three departments assessed this year (区法院, 区政数局, 区市场监管局;
everything else is marked 不适用 in the profile) and their demo figures of 2022Q1–2023Q2 as
history.  2023Q3 is filed: 区法院 with ``set`` commands, the other two by department workbooks
(``blank``, filled with openpyxl, ``import``).  区市场监管局 is returned with a query on a figure and
answers it; all are accepted; the 审核人 and 负责人 sign off; the formal export reports them; a later
change voids the sign-off.  ``status`` is read after each step.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import openpyxl
import pytest

from app import profile as profiles
from app.context import AppContext
from app.demo import demo_entries
from models.profile import DistrictYear
from tests.conftest import run_on
from tests.exports.helpers import fill

THREE = ("court", "gov_data", "market_reg")
Q3 = "2023Q3"


@pytest.fixture
def district(db_path):
    """The three departments' history stored, every other figure of 2023 not assessed here."""
    ctx = AppContext(db_path, who="营商办")
    try:
        catalog = ctx.catalog(2023)
        others = {m.code: "本区本年度不考核" for m in catalog.metrics if catalog.department_of(m.code) not in THREE}
        profile = replace(ctx.profile, years={2023: DistrictYear(not_applicable=others)})
        profiles.save_profile(ctx, profile, reason="本年度只考核三个部门")
        history = [e for e in demo_entries(ctx.catalog(2023)) if e.dept in THREE and e.period < Q3]
        ctx.store.set_values(history, reason="往期数据", source="demo")
        q3 = {(e.dept, e.metric): e.raw for e in demo_entries(ctx.catalog(2023)) if e.period == Q3 and e.dept in THREE}
    finally:
        ctx.close()
    return db_path, q3


def status(capsys, db):
    code, out, err = run_on(capsys, db, "status", Q3, "--json")
    assert code == 0, err
    board = json.loads(out)
    return board, {row["dept"]: row for row in board["departments"]}


def ok(capsys, db, *argv) -> str:
    code, out, err = run_on(capsys, db, *argv)
    assert code == 0, err
    return out


def refused(capsys, db, *argv) -> str:
    code, out, err = run_on(capsys, db, *argv)
    assert code == 1, out + err
    assert "未做任何改动" in err
    return err


def workbook(capsys, db, tmp_path, dept: str, figures: dict[tuple[str, str], str]):
    """The department's blank workbook with its figures typed in, as the filer sends it back."""
    book = tmp_path / f"{dept}.xlsx"
    ok(capsys, db, "blank", Q3, "--dept", dept, "--out", book)
    codes = {c.value for ws in openpyxl.load_workbook(book).worksheets for row in ws.iter_rows() for c in row}
    fill(book, {code: raw for (filer, code), raw in figures.items() if filer == dept and code in codes})
    return book


def test_a_whole_quarter(capsys, district, tmp_path):
    db, q3 = district
    deadline = date.today() + timedelta(days=10)
    ok(capsys, db, "profile", "deadline", Q3, deadline.isoformat())
    board, rows = status(capsys, db)
    assert [r["dept"] for r in board["departments"]] == ["gov_data", "court", "market_reg"]
    assert {r["state"] for r in rows.values()} == {"未开始"}
    assert board["deadline_status"] == "还剩10天" and rows["court"]["timeliness"] == "还剩10天"
    assert rows["court"]["filed"] == 0 and rows["court"]["required"] > 10

    # 区法院 types its figures one by one, explains two large changes and submits
    for (dept, code), raw in q3.items():
        if dept == "court":
            ok(capsys, db, "set", Q3, code, raw)
    _, rows = status(capsys, db)
    assert (rows["court"]["state"], rows["court"]["warnings"]) == ("填报中", 2)
    assert rows["court"]["filed"] == rows["court"]["required"]
    assert "未说明的警告 2 项" in refused(capsys, db, "submit", Q3, "--dept", "court")
    ok(capsys, db, "explain", Q3, "ct_law_firm_visits", "swing", "开展“律所走访月”专项活动")
    ok(capsys, db, "explain", Q3, "ct_firm_visits", "swing", "开展“法企同行”专项走访")
    assert "已提交：区法院" in ok(capsys, db, "submit", Q3, "--dept", "court")

    # the other two send workbooks; the 营商办's import is their hand-over when the figures pass
    said = ok(capsys, db, "import", workbook(capsys, db, tmp_path, "gov_data", q3))
    assert "状态仍为填报中，未能转为已提交" in said and "帮代办平台受理工单数" in said
    ok(capsys, db, "explain", Q3, "gs_assistant_orders", "swing", "帮代办平台于2023年推广到全部街道")
    ok(capsys, db, "submit", Q3, "--dept", "gov_data")
    q3["market_reg", "bs_equity_growth"] = "-14.55%"  # the filer rounds the growth rate as the rule says
    book = workbook(capsys, db, tmp_path, "market_reg", q3)
    assert "专利质押融资金额" in ok(capsys, db, "import", book)
    _, rows = status(capsys, db)
    assert (rows["gov_data"]["state"], rows["market_reg"]["state"]) == ("已提交", "填报中")
    ok(capsys, db, "explain", Q3, "ip_pledge_amount", "swing", "2023年首次开展专利质押融资")
    assert "已转为已提交" in ok(capsys, db, "import", book)
    board, rows = status(capsys, db)
    assert {r["state"] for r in rows.values()} == {"已提交"}
    assert all(r["submitted_at"] and r["timeliness"] == "按时提交" for r in rows.values())
    assert all(r["filed"] == r["required"] and r["errors"] == r["warnings"] == 0 for r in rows.values())

    # 区市场监管局 is returned with a question on one figure; it answers and submits again
    said = ok(capsys, db, "return", Q3, "--dept", "market_reg", "--reason", "登记数与省平台不一致，请核对",
              "--metric", "bs_new_firms")
    assert "已退回" in said and "问询" in said
    _, rows = status(capsys, db)
    assert (rows["market_reg"]["state"], rows["market_reg"]["queries"]) == ("退回修改", 1)
    assert rows["market_reg"]["submitted_at"] is None and rows["market_reg"]["timeliness"] == "还剩10天"
    assert "未回复" in refused(capsys, db, "submit", Q3, "--dept", "market_reg")
    ok(capsys, db, "answer", Q3, "--dept", "market_reg", "bs_new_firms", "已与省平台核对，含个体工商户")
    ok(capsys, db, "submit", Q3, "--dept", "market_reg")
    assert "问询未关闭" in refused(capsys, db, "accept", Q3, "--dept", "market_reg")
    ok(capsys, db, "close-query", Q3, "--dept", "market_reg", "bs_new_firms")

    # the 营商办 accepts all three: their figures are locked
    assert "不能签字" in refused(capsys, db, "signoff", Q3, "--role", "审核人", "--name", "李审核")
    for dept in THREE:
        assert "已审核通过" in ok(capsys, db, "accept", Q3, "--dept", dept)
    _, rows = status(capsys, db)
    assert {r["state"] for r in rows.values()} == {"已审核"} and not any(r["queries"] for r in rows.values())
    code, _, err = run_on(capsys, db, "set", Q3, "ct_close_rate", "85%")
    assert code == 1 and "已锁定" in err

    # sign-off, then the formal export reports every accepted department
    ok(capsys, db, "signoff", Q3, "--role", "审核人", "--name", "李审核")
    ok(capsys, db, "signoff", Q3, "--role", "负责人", "--name", "王主任")
    board, _ = status(capsys, db)
    assert [(s["role"], s["name"], s["valid"]) for s in board["signoffs"]] == [
        ("审核人", "李审核", True), ("负责人", "王主任", True)]
    assert "正式报送件" in ok(capsys, db, "export", Q3, "--out", tmp_path / "报送.xlsx")
    board, rows = status(capsys, db)
    assert {r["state"] for r in rows.values()} == {"已报送"}
    assert all(s["valid"] for s in board["signoffs"])
    text = ok(capsys, db, "status", Q3)
    assert "已报送" in text and "李审核" in text and "有效" in text

    # a correction afterwards: unlocked with a reason, the department is back to 退回修改, the sign-off void
    said = ok(capsys, db, "unlock", Q3, "--dept", "court", "--reason", "法院更正结案数")
    assert "退回修改" in said
    ok(capsys, db, "set", Q3, "ct_law_firm_visits", "71")
    board, rows = status(capsys, db)
    assert rows["court"]["state"] == "退回修改" and rows["gov_data"]["state"] == "已报送"
    assert [s["valid"] for s in board["signoffs"]] == [False, False]
    assert "解锁了区法院" in board["signoffs"][0]["void_reason"]
    assert "法院更正结案数" in board["signoffs"][0]["void_reason"]
    assert "签字已失效" in ok(capsys, db, "status", Q3)


@pytest.mark.parametrize(("argv", "said"), [
    (("return", Q3, "--dept", "court"), "缺少参数：--reason"),
    (("query", Q3, "--dept", "court", "no_such_metric", "请核实"), "没有指标代码“no_such_metric”"),
    (("query", Q3, "--dept", "court", "gs_items", "请核实"), "由区政数局填报，不是区法院"),
    (("signoff", Q3, "--role", "局长", "--name", "王"), "没有“局长”这一项"),
    (("status", Q3, "--today", "十月十日"), "不是有效的日期"),
    (("submit", Q3, "--dept", "business_office"), "区营商办在本区2023年没有要填报的指标"),
])
def test_bad_usage_exits_with_2(capsys, demo_db, argv, said):
    try:
        code, out, err = run_on(capsys, demo_db, *argv)
    except SystemExit as done:  # refused by the parser
        code, (out, err) = done.code, capsys.readouterr()
    assert code == 2 and said in err, out + err


def test_status_out_writes_the_board_workbook(capsys, demo_db, tmp_path):
    ok(capsys, demo_db, "profile", "deadline", Q3, "2023-10-10")
    out = ok(capsys, demo_db, "status", Q3, "--today", "2023-10-12", "--out", tmp_path / "看板.xlsx")
    assert "截止日期 2023-10-10，已逾期2天" in out and "已写出看板工作簿" in out
    ws = openpyxl.load_workbook(tmp_path / "看板.xlsx").active
    rows = {ws.cell(r, 2).value: [ws.cell(r, c).value for c in range(3, 10)] for r in range(4, ws.max_row + 1)}
    assert rows["区法院"][:4] == ["11/11", 0, 2, 0] and rows["区法院"][4:] == ["填报中", None, "已逾期2天"]
    assert "签字确认：审核人、负责人均未签字。" in [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]


def test_status_quarters_shows_each_departments_state_in_every_quarter_so_far(capsys, district):
    db, _ = district
    ok(capsys, db, "profile", "deadline", "2023Q1", "2023-04-10")
    ok(capsys, db, "profile", "deadline", "2023Q2", "2023-07-10")
    ok(capsys, db, "explain", "2023Q2", "ct_firm_visits", "swing", "专项走访企业")
    ok(capsys, db, "submit", "2023Q2", "--dept", "court")
    ok(capsys, db, "accept", "2023Q2", "--dept", "court")
    found = json.loads(ok(capsys, db, "status", Q3, "--quarters", "--json", "--today", "2023-10-08"))
    assert found["periods"] == ["2023Q1", "2023Q2", "2023Q3"]
    rows = {row["dept"]: row for row in found["departments"]}
    assert set(rows) == set(THREE)
    assert rows["court"]["states"] == {"2023Q1": "填报中", "2023Q2": "已审核", "2023Q3": "未开始"}
    late = rows["court"]["late"]  # Q2 submitted today, long after its deadline; Q3 has none
    assert set(late) == {"2023Q1", "2023Q2"} and late["2023Q1"] == "已逾期181天"
    assert late["2023Q2"] == f"逾期{(date.today() - date(2023, 7, 10)).days}天提交"
    assert rows["gov_data"]["states"]["2023Q2"] == "填报中" and rows["gov_data"]["late"]["2023Q2"] == "已逾期90天"
    text = ok(capsys, db, "status", Q3, "--quarters", "--today", "2023-10-08")
    assert "2023年各季度填报状态" in text and "第一季度" in text and "第三季度" in text and "第四季度" not in text
    court = next(line for line in text.splitlines() if "区法院" in line)
    assert court.split() == ["区法院", "填报中（已逾期181天）", f"已审核（{late['2023Q2']}）", "未开始"]
    code, out, err = run_on(capsys, db, "status", Q3, "--quarters", "--out", "看板.xlsx")
    assert code == 2 and "不能与 --out 同用" in err
