"""The store: figures, audit trail, explanations, locks, transactions."""

import sqlite3

import pytest

from models.values import Entry
from storage import LockedError, Store, StoreError


def entry(metric="ct_close_rate", number=84.61, raw="84.61%", period="2023Q3", dept="court", **extra):
    return Entry(period=period, dept=dept, metric=metric, number=number, raw=raw, **extra)


def test_a_figure_is_stored_with_its_raw_text_and_who(store):
    change = store.set_value(entry(note="截至9月30日"))
    assert change.kind == "new" and change.old is None
    value = store.get("2023Q3", "court", "ct_close_rate")
    assert (value.number, value.raw, value.note, value.who) == (84.61, "84.61%", "截至9月30日", "测试员")
    assert value.at


def test_every_change_leaves_an_audit_row(store):
    store.set_value(entry(), reason="首次填报")
    store.set_value(entry(number=84.6, raw="84.6"), reason="更正")
    store.set_value(entry(number=None, raw=""), reason="撤回")
    trail = store.audit(metric="ct_close_rate")
    assert [(a.action, a.old_raw, a.new_raw, a.reason) for a in trail] == [
        ("set", None, "84.61%", "首次填报"),
        ("set", "84.61%", "84.6", "更正"),
        ("clear", "84.6", None, "撤回"),
    ]
    assert trail[1].old_number == 84.61 and trail[1].new_number == 84.6
    assert all(a.who == "测试员" and a.at for a in trail)
    assert store.get("2023Q3", "court", "ct_close_rate") is None


def test_unchanged_entry_writes_nothing(store):
    store.set_value(entry())
    change = store.set_value(entry())
    assert change.kind == "unchanged"
    assert len(store.audit()) == 1


def test_a_note_change_is_a_change(store):
    store.set_value(entry())
    assert store.set_value(entry(note="已核对")).kind == "changed"
    assert len(store.audit()) == 2


def test_batch_is_all_or_nothing(store):
    store.lock("2023Q3", "finance")
    batch = [entry(), entry(metric="pc_planned", number=39238, raw="39238", dept="finance")]
    with pytest.raises(LockedError, match="finance 2023Q3"):
        store.set_values(batch, source="court.xlsx")
    assert store.values() == []
    assert [a.action for a in store.audit()] == ["lock"]


def test_failure_inside_a_transaction_rolls_back(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.set_value(entry())
            raise RuntimeError("interrupted")
    assert store.values() == [] and store.audit() == []


def test_values_filters(store):
    store.set_values([
        entry(),
        entry(period="2022Q3", number=83.4, raw="83.4%"),
        entry(metric="pc_planned", number=39238, raw="39238", dept="finance"),
    ])
    assert len(store.values(periods=["2023Q3"])) == 2
    assert [v.metric for v in store.values(periods=["2023Q3"], dept="finance")] == ["pc_planned"]
    assert [v.period for v in store.values(metrics=["ct_close_rate"])] == ["2022Q3", "2023Q3"]
    assert store.periods() == ["2022Q3", "2023Q3"]


def test_the_audit_log_is_append_only(store, db_path):
    store.set_value(entry())
    for statement in ("UPDATE audit SET who = 'x'", "DELETE FROM audit"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            store.db.conn.execute(statement)
    assert len(store.audit()) == 1


def test_lock_refuses_edits_and_unlock_needs_a_reason(store):
    store.lock("2023Q3", "court", reason="已报送")
    assert store.is_locked("2023Q3", "court")
    with pytest.raises(LockedError, match="已锁定"):
        store.set_value(entry())
    with pytest.raises(StoreError, match="原因"):
        store.unlock("2023Q3", "court", reason="  ")
    store.unlock("2023Q3", "court", reason="省里退回修改")
    store.set_value(entry())
    assert [(a.action, a.reason) for a in store.audit()] == [
        ("lock", "已报送"), ("unlock", "省里退回修改"), ("set", ""),
    ]


def test_explanations_are_kept_per_finding_and_audited(store):
    store.explain("2023Q3", "finance", "pc_emall_amount", "swing", "电子卖场上线扩容，采购量翻番", "6074.82|3000.5")
    store.explain("2023Q3", "finance", "pc_emall_amount", "swing", "上线扩容，采购量翻番（已核）", "6074.82|3000.5")
    (only,) = store.explanations("2023Q3")
    assert only.text == "上线扩容，采购量翻番（已核）" and only.fingerprint == "6074.82|3000.5"
    assert [a.action for a in store.audit()] == ["explain", "explain"]
    with pytest.raises(StoreError, match="不能为空"):
        store.explain("2023Q3", "finance", "pc_emall_amount", "swing", "   ", "x")


def test_durability_settings(store):
    conn = store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_figures_survive_reopening(db_path):
    with Store(db_path, who="甲") as first:
        first.set_value(entry())
    with Store(db_path, who="乙") as second:
        assert second.get("2023Q3", "court", "ct_close_rate").who == "甲"
