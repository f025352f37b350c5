"""The session behind the window (plain Python): what it shows, reads from typing, and re-checks."""

import pytest

from app.editing import SetFigures
from app.formatting import nice_ticks, year_on_year
from app.session import EntrySession, period_choices, rows_of
from app.status import Status
from models.periods import Period
from models.values import Entry, Value
from validation.parsing import EntryError

Q3 = Period(year=2023, quarter=3)


@pytest.fixture
def session(demo_ctx):
    return EntrySession(demo_ctx, Q3, None)


def test_rows_follow_the_departments_lead(catalog):
    assert len(rows_of(catalog, None)) == len(catalog.metrics) == 174
    court = rows_of(catalog, "court")
    assert {r.indicator.code for r in court} == {"contract_enforcement", "bankruptcy", "investor_protection"}
    assert all(r.dept == "court" for r in court)


def test_periods_offered_are_the_stored_ones_and_the_next(catalog):
    assert [p.code for p in period_choices(["2022Q4", "2023Q1"], 2023)] == ["2023Q2", "2023Q1", "2022Q4"]
    assert [p.code for p in period_choices(["2023Q4"], 2023)] == ["2024Q1", "2023Q4"]
    assert [p.code for p in period_choices([], 2023)] == ["2023Q2", "2023Q1"]


def test_typed_text_becomes_an_entry_or_a_refusal(session):
    entry = session.value_entry("gs_full_online_rate", "99.38%")
    assert (entry.dept, entry.number, entry.raw, entry.source) == ("gov_data", 99.38, "99.38%", "演示数据")
    assert session.value_entry("gs_items", "１２９７").number == 1297
    assert session.value_entry("gs_items", "1,297").number == 1297
    assert session.value_entry("gs_items", "  ").number is None  # empty clears
    with pytest.raises(EntryError, match="占位符"):
        session.value_entry("gs_items", "XX项")
    with pytest.raises(EntryError):
        session.value_entry("gs_online_rate", "100.5%")
    assert session.note_entry("gs_items", " 区本级 ").note == "区本级"


def test_an_edit_re_checks_the_subject_of_a_relation(demo_ctx, session):
    assert session.status("ct_close_rate") == Status.OK
    edit = SetFigures((Entry(period="2023Q3", dept="court", metric="ct_cases_closed", number=30000, raw="30000"),),
                      "填报")
    edit.apply(demo_ctx.store)
    changed = session.refresh(edit.keys())
    assert {"ct_cases_closed", "ct_close_rate"} <= changed
    assert session.values["ct_cases_closed"].number == 30000
    assert session.status("ct_close_rate") == Status.ERROR
    fresh = EntrySession(demo_ctx, Q3, None)  # the same findings as a full check from scratch
    assert sorted(f.key for f in fresh.all_findings()) == sorted(f.key for f in session.all_findings())


def test_all_findings_come_in_table_order_after_edits(demo_ctx, session):
    """New findings join the list at their metric's row, not at the end where they were added."""
    edits = [("court", "ct_cases_closed", 30000, "30000"), ("gov_data", "gs_items", 1, "1")]
    for dept, metric, number, raw in edits:
        edit = SetFigures((Entry(period="2023Q3", dept=dept, metric=metric, number=number, raw=raw),), "填报")
        edit.apply(demo_ctx.store)
        session.refresh(edit.keys())
    walked = [f for row in session.rows for f in session.findings.get(row.metric.code, ())]
    assert session.all_findings() == walked
    assert len({f.metric for f in walked}) > 2  # metrics of several rows, so the order is tested
    rows = [session.index_of(f.metric) for f in walked]
    assert rows == sorted(rows)


def test_an_edit_of_last_year_updates_the_comparison_column(demo_ctx, session):
    edit = SetFigures((Entry(period="2022Q3", dept="court", metric="ct_close_rate", number=80, raw="80%"),), "填报")
    edit.apply(demo_ctx.store)
    session.refresh(edit.keys())
    assert session.last_year["ct_close_rate"].raw == "80%"


def test_lock_reason_names_department_period_who_and_why(demo_ctx):
    demo_ctx.store.lock("2023Q3", "court", "已报送")
    session = EntrySession(demo_ctx, Q3, "court")
    reason = session.lock_reason("ct_close_rate")
    assert reason.startswith("区法院 2023年第三季度 已锁定（测试员") and "已报送" in reason
    assert EntrySession(demo_ctx, Q3, "finance").lock_reason("pc_saved") is None


def test_series_of_a_metric_over_two_years(session):
    series = session.series("el_online_rate")
    assert sorted(series) == [2022, 2023]
    assert sorted(series[2022]) == [1, 2, 3, 4] and sorted(series[2023]) == [1, 2, 3]
    assert series[2023][3] == 99.98  # seed 000: 线上办电率达99.98%


def value(number, raw=""):
    return Value(period="2023Q3", dept="court", metric="x", number=number, raw=raw or str(number))


def test_year_on_year_in_points_for_rates_and_percent_for_counts(catalog):
    rate, count = catalog.metric("ct_close_rate"), catalog.metric("ct_law_firm_visits")
    assert year_on_year(rate, value(84.61), value(83.4)) == "+1.21个百分点"
    assert year_on_year(rate, value(84.0), value(84.0)) == "持平"
    assert year_on_year(count, value(70), value(40)) == "+75.0%"
    assert year_on_year(count, value(5), value(0)) == "—"
    assert year_on_year(count, None, value(40)) == ""


def test_axis_ticks_are_round_and_cover_the_range():
    assert nice_ticks(0, 99.98) == [0, 20, 40, 60, 80, 100]
    assert nice_ticks(0, 34200) == [0, 10000, 20000, 30000, 40000]
    ticks = nice_ticks(-14.5, 102.46)
    assert ticks[0] <= -14.5 and ticks[-1] >= 102.46
