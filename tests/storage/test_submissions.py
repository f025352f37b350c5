"""Submission snapshots: recorded exactly, found by checksum, compared with later figures."""

from models.values import Entry
from storage import submissions

SHA = "ab" * 32


def entry(metric, number, raw, note=""):
    return Entry(period="2023Q3", dept="court", metric=metric, number=number, raw=raw, note=note)


def test_a_snapshot_keeps_what_was_exported(store):
    # 执行合同 as seed 000 reports it: 受理 34200, 结案 28936, 结案率 84.61%.
    store.set_values([entry("ct_cases_accepted", 34200, "34200"), entry("ct_cases_closed", 28936, "28936"),
                      entry("ct_close_rate", 84.61, "84.61%", note="含旧存665件")], reason="填报")
    recorded = submissions.record_submission(store, "2023Q3", "报送.xlsx", SHA, store.values(),
                                             scope=["ct_cases_accepted", "ct_cases_closed", "ct_close_rate", "ct_cases_old"])
    assert (recorded.id, recorded.who, recorded.file_name, recorded.sha256) == (1, "测试员", "报送.xlsx", SHA)
    assert {(f.metric, f.raw, f.note) for f in recorded.figures} == {
        ("ct_cases_accepted", "34200", ""), ("ct_cases_closed", "28936", ""), ("ct_close_rate", "84.61%", "含旧存665件")}
    assert submissions.submissions(store) == submissions.submissions(store, "2023Q3") == [recorded]
    assert submissions.submissions(store, "2023Q2") == []
    assert submissions.find_by_sha256(store, SHA.upper()) == [recorded]
    assert submissions.find_by_sha256(store, "cd" * 32) == []
    assert submissions.latest_submission(store, "2023Q3") == recorded
    (audit,) = [a for a in store.audit() if a.action == "submit"]
    assert audit.reason == "报送 报送.xlsx" and SHA in audit.source


def test_revisions_since_the_submission(store):
    store.set_values([entry("ct_cases_closed", 28936, "28936"), entry("ct_close_rate", 84.61, "84.61%")])
    snapshot = submissions.record_submission(store, "2023Q3", "报送.xlsx", SHA, store.values(),
                                             scope=["ct_cases_closed", "ct_close_rate", "ct_cases_old"])
    assert submissions.revisions(store, snapshot) == []
    store.set_value(entry("ct_cases_closed", 28940, "28940"), reason="法院补录4件")
    store.set_value(entry("ct_cases_closed", 28941, "28941"), reason="再补录1件")
    store.set_value(entry("ct_close_rate", None, ""), reason="结案率待重算")
    store.set_value(entry("ct_cases_old", 665, "665"), reason="补填旧存")
    store.set_value(entry("ct_firm_visits", 150, "150"), reason="不在报送范围内")
    found = {r.metric: r for r in submissions.revisions(store, snapshot)}
    assert set(found) == {"ct_cases_closed", "ct_close_rate", "ct_cases_old"}
    closed = found["ct_cases_closed"]
    assert (closed.kind, closed.submitted.raw, closed.current.raw) == ("changed", "28936", "28941")
    assert closed.reasons == ("法院补录4件", "再补录1件")
    assert (found["ct_close_rate"].kind, found["ct_close_rate"].current) == ("removed", None)
    assert (found["ct_cases_old"].kind, found["ct_cases_old"].submitted) == ("added", None)


def test_changes_before_the_submission_are_no_revision_reasons(store):
    store.set_value(entry("ct_cases_closed", 28000, "28000"), reason="初填")
    store.set_value(entry("ct_cases_closed", 28936, "28936"), reason="更正")
    snapshot = submissions.record_submission(store, "2023Q3", "报送.xlsx", SHA, store.values(), scope=["ct_cases_closed"])
    store.set_value(entry("ct_cases_closed", 28940, "28940"), reason="报送后补录")
    (revision,) = submissions.revisions(store, snapshot)
    assert revision.reasons == ("报送后补录",)
