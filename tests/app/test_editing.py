"""Edits as value objects: apply returns the inverse; undo and redo restore exactly, audited."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.editing import ImportBatch, SetExplanation, SetFigures, find_explanation
from models.values import Entry
from storage import LockedError, StoreError

Q3 = "2023Q3"


def court(metric, number, raw, **extra):
    return Entry(period=Q3, dept="court", metric=metric, number=number, raw=raw, **extra)


def snapshot(store):
    return {v.key: (v.number, v.raw, v.note, v.source) for v in store.values()}


def test_a_new_figure_is_undone_by_clearing_it_and_redone(store):
    # 区法院 seed 000: 受理案件 34200 件，结案 28936 件，结案率 84.61%
    edit = SetFigures((court("ct_close_rate", 84.61, "84.61%"),), "填报 结案率", reason="界面填报")
    inverse = edit.apply(store)
    assert store.get(Q3, "court", "ct_close_rate").raw == "84.61%"
    assert inverse.entries[0].number is None and inverse.undoing
    redo = inverse.apply(store)
    assert store.get(Q3, "court", "ct_close_rate") is None
    assert redo.entries == edit.entries and not redo.undoing
    redo.apply(store)
    assert store.get(Q3, "court", "ct_close_rate").raw == "84.61%"
    reasons = [a.reason for a in store.audit(metric="ct_close_rate")]
    assert reasons == ["界面填报", "撤销：界面填报", "界面填报"]


def test_undo_restores_raw_text_note_and_source_exactly(demo_ctx):
    store = demo_ctx.store
    before = store.get(Q3, "court", "ct_cases_closed")
    edit = SetFigures((court("ct_cases_closed", 28937, "２８９３７", note="更正"),), "填报 结案数")
    inverse = edit.apply(store)
    assert store.get(Q3, "court", "ct_cases_closed").raw == "２８９３７"
    inverse.apply(store)
    after = store.get(Q3, "court", "ct_cases_closed")
    assert (after.number, after.raw, after.note, after.source) == (
        before.number, before.raw, before.note, before.source)
    assert (after.raw, after.source) == ("28936", "演示数据")


def test_unchanged_entries_are_left_out_of_the_inverse(demo_ctx):
    store = demo_ctx.store
    same = store.get(Q3, "court", "ct_cases_accepted")
    edit = SetFigures((court("ct_cases_accepted", same.number, same.raw, source=same.source),
                       court("ct_close_rate", 84.6, "84.6%")), "粘贴 2 项")
    inverse = edit.apply(store)
    assert [e.metric for e in inverse.entries] == ["ct_close_rate"]
    assert inverse.entries[0].raw == "84.61%"


def test_a_locked_period_refuses_the_whole_batch_and_its_undo(demo_ctx):
    store = demo_ctx.store
    before = snapshot(store)
    edit = SetFigures((court("ct_close_rate", 80.0, "80%"),
                       Entry(period=Q3, dept="finance", metric="pc_saved", number=2316, raw="2316")),
                      "粘贴 2 项")
    store.lock(Q3, "court", "已报送")
    with pytest.raises(LockedError):
        edit.apply(store)
    assert snapshot(store) == before
    store.unlock(Q3, "court", "更正")
    inverse = edit.apply(store)
    store.lock(Q3, "finance", "已报送")
    with pytest.raises(LockedError):
        inverse.apply(store)
    assert store.get(Q3, "court", "ct_close_rate").raw == "80%"


def test_an_import_is_undone_as_one_step(demo_ctx):
    store = demo_ctx.store
    before = snapshot(store)
    # 区人社局 seed 000: 线上招聘会197场、线下19场，共216场
    batch = ImportBatch((Entry(period="2023Q4", dept="hr_social", metric="lb_fairs_online", number=197, raw="197"),
                         Entry(period="2023Q4", dept="hr_social", metric="lb_fairs_offline", number=19, raw="19"),
                         Entry(period=Q3, dept="hr_social", metric="lb_fairs_total", number=217, raw="217")),
                        "人社局.xlsx", source="人社局.xlsx sha256:ab12")
    assert batch.label == "导入 人社局.xlsx（3 项）"
    inverse = batch.apply(store)
    assert inverse.label == batch.label
    imported = [a for a in store.audit(dept="hr_social") if a.reason == "导入 人社局.xlsx"]
    assert len(imported) == 3 and {a.source for a in imported} == {"人社局.xlsx sha256:ab12"}
    assert batch.keys() == inverse.keys()
    redo = inverse.apply(store)
    assert snapshot(store) == before
    redo.apply(store)
    assert store.get("2023Q4", "hr_social", "lb_fairs_online").number == 197
    assert store.get(Q3, "hr_social", "lb_fairs_total").raw == "217"


def test_an_explanation_is_undone_by_withdrawing_it(store):
    # 电子卖场采购金额同比增长 102.46%: a large swing that the filer explains
    edit = SetExplanation(Q3, "finance", "pc_emall_growth", "swing", "新增集中采购目录，采购额翻番",
                          '{"growth": 102.46}', label="说明 电子卖场采购金额同比增长")
    inverse = edit.apply(store)
    assert find_explanation(store, Q3, "finance", "pc_emall_growth", "swing").text.startswith("新增")
    assert inverse.text == ""
    redo = inverse.apply(store)
    assert find_explanation(store, Q3, "finance", "pc_emall_growth", "swing") is None
    assert redo.text == edit.text and redo.fingerprint == edit.fingerprint
    actions = [(a.action, a.old_raw, a.new_raw) for a in store.audit(metric="pc_emall_growth")]
    assert actions == [("explain", None, "新增集中采购目录，采购额翻番"),
                       ("unexplain", "新增集中采购目录，采购额翻番", None)]


def test_replacing_an_explanation_is_undone_to_the_old_text(store):
    first = SetExplanation(Q3, "finance", "pc_emall_growth", "swing", "旧说明", "fp1")
    first.apply(store)
    inverse = SetExplanation(Q3, "finance", "pc_emall_growth", "swing", "新说明", "fp2").apply(store)
    assert (inverse.text, inverse.fingerprint) == ("旧说明", "fp1")
    inverse.apply(store)
    found = find_explanation(store, Q3, "finance", "pc_emall_growth", "swing")
    assert (found.text, found.fingerprint) == ("旧说明", "fp1")


def test_withdrawing_is_refused_when_locked_or_absent(store):
    SetExplanation(Q3, "finance", "pc_emall_growth", "swing", "说明", "fp").apply(store)
    store.lock(Q3, "finance", "已报送")
    with pytest.raises(LockedError):
        store.remove_explanation(Q3, "finance", "pc_emall_growth", "swing")
    with pytest.raises(StoreError, match="没有说明可撤回"):
        store.remove_explanation(Q3, "court", "ct_close_rate", "swing")


figures = st.lists(
    st.tuples(st.sampled_from(["ct_cases_accepted", "ct_cases_closed", "ct_close_rate"]),
              st.one_of(st.none(), st.integers(0, 40000))),
    min_size=1, max_size=4,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(figures, min_size=1, max_size=6))
def test_undoing_every_edit_in_reverse_restores_the_start(demo_ctx, batches):
    store = demo_ctx.store
    start = snapshot(store)
    inverses = []
    for batch in batches:
        entries = tuple(court(code, n, "" if n is None else str(n)) for code, n in dict(batch).items())
        inverses.append(SetFigures(entries, "批量").apply(store))
    for inverse in reversed(inverses):
        inverse.apply(store)
    assert snapshot(store) == start
