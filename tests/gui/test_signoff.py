"""签字确认 in the window: the snapshot, both roles signed, and a later change voids them visibly."""

from __future__ import annotations

from dataclasses import replace

from app import signoff, workflow
from app.checking import validate_period
from app.profile import save_profile
from gui.figures_model import Column
from gui.signoff_dialog import SignoffDialog
from models.periods import Period
from models.profile import DistrictYear
from models.workflow import Role
from storage import workflow as stored
from tests.gui.conftest import on_next_dialog

Q3 = Period.parse("2023Q3")
OFFICE = "business_office"


def only_the_court_accepted(window) -> None:
    """The district assesses only the court's figures this year, and the court's are accepted."""
    ctx = window.ctx
    catalog = ctx.catalog(2023)
    others = {m.code: "本区只考核法院" for m in catalog.metrics if catalog.department_of(m.code) != "court"}
    save_profile(ctx, replace(ctx.profile, years={2023: DistrictYear(not_applicable=others)}), reason="只考核法院")
    for finding in validate_period(ctx, Q3, "court", final=True).blocking:
        ctx.store.explain(Q3.code, "court", finding.metric, finding.rule, "专项走访", finding.fingerprint)
    workflow.submit(ctx, Q3, "court", acting="court")
    workflow.accept(ctx, Q3, "court", acting=OFFICE)
    window.settings_changed("只考核法院")


def open_signoff(window, handler) -> list:
    handled = on_next_dialog(lambda d: (handler(d), d.reject()), SignoffDialog)
    window.actions["show_signoff"].trigger()
    assert handled
    return handled


def test_both_roles_sign_and_a_change_voids_the_signoff_in_the_dialog_and_the_status_bar(qtbot, window):
    only_the_court_accepted(window)
    seen = {}

    def sign_both(dialog):
        seen["before"] = [dialog.states[r].text() for r in Role]
        seen["snapshot"] = dialog.snapshot_label.text()
        for role, name in ((Role.REVIEWER, "李审核"), (Role.HEAD, "王主任")):
            dialog.names[role].setText(name)
            assert dialog.sign(role)
        seen["after"] = [dialog.states[r].text() for r in Role]

    open_signoff(window, sign_both)
    assert seen["before"] == ["未签", "未签"]
    assert stored.content_hash(window.ctx.store, Q3.code) in seen["snapshot"]
    assert all(text.startswith("已签（") for text in seen["after"]) and "李审核" in seen["after"][0]
    assert [s.name for s in signoff.signoffs(window.ctx, Q3) if s.valid] == ["李审核", "王主任"]
    assert "已签字确认：审核人 李审核、负责人 王主任" in window.blocking_label.text()

    window.data_commands._change_lock("court", "更正走访律所数", locking=False)
    window.jump_to("ct_law_firm_visits")
    assert window.model.setData(window.model.index(window.model.row_of("ct_law_firm_visits"), Column.VALUE), "71")
    assert "签字已失效" in window.blocking_label.text() and "解锁了区法院" in window.blocking_label.text()
    open_signoff(window, lambda d: seen.update(void=[d.states[r].text() for r in Role]))
    assert all(text.startswith("签字已失效（") and "更正走访律所数" in text for text in seen["void"])


def test_signing_before_every_department_is_accepted_is_refused_and_changes_nothing(qtbot, window):
    def try_to_sign(dialog):
        seen["snapshot"] = dialog.snapshot_label.text()
        dialog.names[Role.HEAD].setText("王主任")
        seen["signed"] = dialog.sign(Role.HEAD)
        seen["refusal"] = dialog.refusal.text()
        dialog.names[Role.REVIEWER].setText(" ")
        dialog.sign(Role.REVIEWER)
        seen["unnamed"] = dialog.refusal.text()

    seen = {}
    open_signoff(window, try_to_sign)
    assert "尚未审核通过，暂不能签字" in seen["snapshot"] and "区法院（填报中）" in seen["snapshot"]
    assert seen["signed"] is False and "负责人不能签字确认" in seen["refusal"] and "未做任何改动" in seen["refusal"]
    assert "审核人签字须写明姓名" in seen["unnamed"]
    assert signoff.signoffs(window.ctx, Q3) == []
