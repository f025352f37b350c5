"""The status bar's verdict: green only when a formal export (全部) or a submission (a department)
would go through; missing required figures and unsaved typing count like findings."""

from __future__ import annotations

from datetime import date

from app import queries, workflow
from app.checking import validate_period
from app.profile import save_profile, with_deadline
from app.readiness import missing_required, readiness
from app.session import Draft, EntrySession
from models.periods import Period

Q3, Q4 = Period.parse("2023Q3"), Period.parse("2023Q4")


def explain_court(ctx) -> None:
    for finding in validate_period(ctx, Q3, "court", final=True).blocking:
        ctx.store.explain(Q3.code, "court", finding.metric, finding.rule, "专项走访", finding.fingerprint)


def test_the_districts_view_counts_what_a_formal_export_refuses(demo_ctx):
    ready = readiness(demo_ctx, EntrySession(demo_ctx, Q3, None))
    refused = validate_period(demo_ctx, Q3, final=True).blocking
    assert not ready.ok and ready.text == f"需处理 {len(refused)} 项（错误 0，待说明警告 {len(refused)}）"
    assert ready.handover == ""


def test_an_empty_quarter_is_not_ready_to_report(demo_ctx):
    session = EntrySession(demo_ctx, Q4, None)
    missing = missing_required(session)
    ready = readiness(demo_ctx, session)
    assert len(missing) > 100 and not ready.ok
    assert f"必填未填 {len(missing)}" in ready.text and "可以正式报送" not in ready.text


def test_a_department_is_told_it_can_hand_over_with_its_state_and_deadline(demo_ctx):
    save_profile(demo_ctx, with_deadline(demo_ctx.profile, Q3, "2023-10-10"), reason="截止日期")
    session = EntrySession(demo_ctx, Q3, "court")
    ready = readiness(demo_ctx, session, today=date(2023, 10, 5))
    assert ready.text == "需处理 2 项（错误 0，待说明警告 2）"
    assert ready.handover == "本期状态：填报中，截止 2023-10-10，还剩5天"
    explain_court(demo_ctx)
    session.reload()
    ready = readiness(demo_ctx, session, today=date(2023, 10, 5))
    assert ready.ok and ready.text == "无需处理的问题，可以提交给营商办"
    session.drafts[("ct_cases_closed", "value")] = Draft("XX件", "占位符")
    assert readiness(demo_ctx, session).text == "需处理 1 项（错误 0，待说明警告 0，未保存 1）"
    session.drafts.clear()
    workflow.submit(demo_ctx, Q3, "court", acting="court")
    assert readiness(demo_ctx, session).text == "无需处理的问题"  # handed over: nothing to submit again
    workflow.return_(demo_ctx, Q3, "court", acting="business_office", reason="结案数请再核对", metric="ct_cases_closed")
    returned = readiness(demo_ctx, session, today=date(2023, 10, 12))
    assert returned.handover == "本期状态：退回修改（结案数请再核对），截止 2023-10-10，已逾期2天"
    assert not returned.ok and returned.text == "需处理 1 项（错误 0，待说明警告 0，问询未回复 1）"
    queries.answer(demo_ctx, Q3, "court", "ct_cases_closed", "已与审判系统核对", acting="court")
    assert readiness(demo_ctx, session).text == "无需处理的问题，可以提交给营商办"
