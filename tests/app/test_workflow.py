"""Every transition of the quarter refuses what it must, says why in Chinese and changes nothing.

Run on the demo district (红谷滩区, 2023Q3 filled): 区法院 has two unexplained warnings there.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from app import queries, signoff, workflow
from app.board import board
from app.checking import validate_period
from app.errors import Refused, UsageError
from app.profile import save_profile, with_deadline
from models.periods import Period
from models.profile import DistrictYear
from models.values import Entry
from models.workflow import Role, State, time_left, timeliness
from storage import workflow as stored

Q3 = Period.parse("2023Q3")
Q4 = Period.parse("2023Q4")
OFFICE = "business_office"


def contents(ctx) -> dict[str, list]:
    """Every row of every table: what a refusal must leave as it was."""
    conn = sqlite3.connect(ctx.store.path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
    finally:
        conn.close()


def refused(ctx, action, *args, match: str, **kwargs) -> str:
    before = contents(ctx)
    with pytest.raises(Refused, match=match) as raised:
        action(ctx, *args, **kwargs)
    assert contents(ctx) == before
    assert "未做任何改动" in str(raised.value)
    return str(raised.value)


def explain_court(ctx) -> None:
    report = validate_period(ctx, Q3, "court", final=True)
    for finding in report.blocking:
        ctx.store.explain(Q3.code, "court", finding.metric, finding.rule, "专项活动走访", finding.fingerprint)


def submitted_court(ctx) -> None:
    explain_court(ctx)
    workflow.submit(ctx, Q3, "court", acting="court")


def test_states_follow_the_figures_until_a_transition_stores_one(demo_ctx):
    assert workflow.state_of(demo_ctx, Q3, "court").state == State.FILING
    assert workflow.state_of(demo_ctx, Q4, "court").state == State.NOT_STARTED
    submitted_court(demo_ctx)
    record = workflow.state_of(demo_ctx, Q3, "court")
    assert record.state == State.SUBMITTED and record.who == "测试员" and record.submitted_at
    audit = demo_ctx.store.audit(period=Q3.code, dept="court")[-1]
    assert (audit.action, audit.old_raw, audit.new_raw, audit.source) == ("state", "填报中", "已提交", "操作部门：区法院")


def test_submitting_with_unexplained_warnings_lists_them(demo_ctx):
    said = refused(demo_ctx, workflow.submit, Q3, "court", acting="court", match="不能提交区法院 2023年第三季度")
    assert "未说明的警告 2 项" in said and "走访律所数" in said and "法院走访企业数" in said


def test_submitting_with_an_error(demo_ctx):
    explain_court(demo_ctx)
    value = demo_ctx.store.get(Q3.code, "court", "ct_close_rate")
    demo_ctx.store.set_values([workflow_entry(value, 50.0, "50%")])
    said = refused(demo_ctx, workflow.submit, Q3, "court", acting="court", match="错误 1 项")
    assert "结案率" in said


def workflow_entry(value, number, raw):
    return Entry(period=value.period, dept=value.dept, metric=value.metric, number=number, raw=raw)


def test_submitting_with_missing_figures_counts_them(demo_ctx):
    said = refused(demo_ctx, workflow.submit, Q4, "gov_data", acting="gov_data", match="未填必填")
    assert "区政数局 2023年第四季度" in said


def test_a_department_cannot_act_on_another(demo_ctx):
    submitted_court(demo_ctx)
    refused(demo_ctx, workflow.submit, Q3, "gov_data", acting="court", match="区法院不能提交区政数局的数据")
    refused(demo_ctx, workflow.accept, Q3, "court", acting="court", match="只有营商办（区营商办）可以")
    refused(demo_ctx, workflow.return_, Q3, "court", acting="gov_data", reason="不对", match="区政数局不能退回区法院")
    refused(demo_ctx, queries.ask, Q3, "court", "ct_close_rate", "请核实", acting="court", match="只有营商办")
    queries.ask(demo_ctx, Q3, "court", "ct_close_rate", "请核实", acting=OFFICE)
    refused(demo_ctx, queries.answer, Q3, "court", "ct_close_rate", "已核实", acting="gov_data",
            match="区政数局不能回复区法院")


def test_accepting_needs_a_submission_and_no_open_query_and_happens_once(demo_ctx):
    refused(demo_ctx, workflow.accept, Q3, "court", acting=OFFICE, match="当前状态为填报中，只有已提交的才能审核")
    submitted_court(demo_ctx)
    queries.ask(demo_ctx, Q3, "court", "ct_close_rate", "结案率为何高于上季度？", acting=OFFICE)
    refused(demo_ctx, workflow.accept, Q3, "court", acting=OFFICE, match="还有 1 条问询未关闭：结案率（未回复）")
    queries.answer(demo_ctx, Q3, "court", "ct_close_rate", "集中清理积案", acting="court")
    refused(demo_ctx, workflow.accept, Q3, "court", acting=OFFICE, match="结案率（已回复）")
    closed = queries.close(demo_ctx, Q3, "court", "ct_close_rate", acting=OFFICE)
    assert (closed.answer, closed.is_open) == ("集中清理积案", False)
    workflow.accept(demo_ctx, Q3, "court", acting=OFFICE)
    assert demo_ctx.store.is_locked(Q3.code, "court")
    refused(demo_ctx, workflow.accept, Q3, "court", acting=OFFICE, match="当前状态为已审核")
    refused(demo_ctx, workflow.submit, Q3, "court", acting="court", match="数据已锁定")
    actions = [a.action for a in demo_ctx.store.audit(period=Q3.code, dept="court")][-6:]
    assert actions == ["state", "query", "answer", "close-query", "lock", "state"]


def test_a_return_names_its_reason_and_the_figure_is_queried(demo_ctx):
    submitted_court(demo_ctx)
    with pytest.raises(UsageError, match="须写明原因"):
        workflow.return_(demo_ctx, Q3, "court", acting=OFFICE, reason=" ")
    with pytest.raises(UsageError, match="由区政数局填报，不是区法院"):
        workflow.return_(demo_ctx, Q3, "court", acting=OFFICE, reason="请核对", metric="gs_items")
    record = workflow.return_(demo_ctx, Q3, "court", acting=OFFICE, reason="结案数与审判系统不符", metric="ct_cases_closed")
    assert (record.state, record.reason, record.metric) == (State.RETURNED, "结案数与审判系统不符", "ct_cases_closed")
    (query,) = queries.queries(demo_ctx, Q3, "court", open_only=True)
    assert (query.metric, query.text) == ("ct_cases_closed", "结案数与审判系统不符")
    refused(demo_ctx, workflow.return_, Q3, "court", acting=OFFICE, reason="再退", match="当前状态为退回修改")
    refused(demo_ctx, workflow.submit, Q3, "court", acting="court", match="问询还有 1 条未回复（结案数）")


def test_unlocking_an_accepted_department_returns_it_and_voids_the_signoff(demo_ctx):
    profile, catalog = demo_ctx.profile, demo_ctx.catalog(2023)
    only_court = {m.code: "本区只考核法院" for m in catalog.metrics if catalog.department_of(m.code) != "court"}
    save_profile(demo_ctx, replace(profile, years={2023: DistrictYear(not_applicable=only_court)}), reason="只考核法院")
    refused(demo_ctx, signoff.sign, Q3, Role.REVIEWER, "李审核", match="还有 1 个部门未审核通过：区法院（填报中）")
    submitted_court(demo_ctx)
    workflow.accept(demo_ctx, Q3, "court", acting=OFFICE)
    done = signoff.sign(demo_ctx, Q3, Role.REVIEWER, "李审核")
    assert done.valid and len(done.content_hash) == 64
    assert workflow.mark_reported(demo_ctx, Q3) == ["court"]
    assert signoff.signoffs(demo_ctx, Q3)[0].valid  # reporting changes no figure
    with pytest.raises(UsageError, match="解锁必须写明原因"):
        workflow.unlock(demo_ctx, Q3, "court", " ")
    returned = workflow.unlock(demo_ctx, Q3, "court", "更正结案数")
    assert returned.state == State.RETURNED and returned.reason == "解锁：更正结案数"
    (void,) = signoff.signoffs(demo_ctx, Q3)
    assert not void.valid and "解锁了区法院" in void.void_reason and "更正结案数" in void.void_reason


def test_a_figure_changed_after_the_signoff_voids_it(demo_ctx):
    stored.add_signoff(demo_ctx.store, Q3.code, Role.HEAD, "王主任")  # signed as the figures stand
    assert signoff.signoffs(demo_ctx, Q3)[0].valid
    value = demo_ctx.store.get(Q3.code, "court", "ct_law_firm_visits")
    demo_ctx.store.set_values([workflow_entry(value, 71, "71")], reason="补录一家")
    (void,) = signoff.signoffs(demo_ctx, Q3)
    assert "修改了区法院“走访律所数”" in void.void_reason and "补录一家" in void.void_reason


def test_deadlines_and_timeliness():
    deadline = date(2023, 10, 10)
    assert time_left(deadline, date(2023, 10, 1)) == "还剩9天"
    assert time_left(deadline, date(2023, 10, 10)) == "今天截止"
    assert time_left(deadline, date(2023, 10, 13)) == "已逾期3天"
    assert time_left(None, date(2023, 10, 13)) == "未设截止日期"
    assert timeliness(deadline, date(2023, 10, 20), date(2023, 10, 9)) == "按时提交"
    assert timeliness(deadline, date(2023, 10, 20), date(2023, 10, 12)) == "逾期2天提交"


def test_the_board_of_the_demo_quarter(demo_ctx):
    save_profile(demo_ctx, with_deadline(demo_ctx.profile, Q3, "2023-10-10"), reason="截止日期")
    with pytest.raises(UsageError, match="不是有效的日期"):
        with_deadline(demo_ctx.profile, Q3, "2023-02-30")
    found = board(demo_ctx, Q3, today=date(2023, 10, 12))
    rows = {row.dept: row for row in found.rows}
    assert "business_office" not in rows and "court" in rows
    court = rows["court"]
    assert (court.filed, court.errors, court.warnings, court.queries) == (court.required, 0, 2, 0)
    assert (court.state, court.timeliness, found.deadline_text) == (State.FILING, "已逾期2天", "已逾期2天")
