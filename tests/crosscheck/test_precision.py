"""A report's figure against a filed figure typed finer than its precision: compared as reported,
rounded half-up to the metric's precision (seed 000: 结案率84.61%; 28936 ÷ 34200 = 84.6082% typed
to four places reports 84.61%)."""

import pytest

from app.narrative_check import check_text
from models.periods import Period
from models.values import Entry
from tests.conftest import seed_text
from validation.crosscheck import Kind, crosscheck

Q3 = Period.parse("2023Q3")
COURT = "截至2023年9月30日,共计受理案件(含旧存665件)34200件,结案28936件,结案率{rate}。"
PROCUREMENT = "电子卖场采购金额{amount},比去年同期增长102.46%。"


def mismatches(catalog, text, filed):
    report = crosscheck(text, catalog, period=Q3, filed=filed, last_year={})
    return [(f.metric, f.text_value, f.filed_value) for f in report.of_kind(Kind.MISMATCH)]


@pytest.fixture(scope="module")
def court_filed():
    return {"ct_cases_accepted": 34200, "ct_cases_old": 665, "ct_cases_closed": 28936}


def test_the_seed_sentence_is_in_seed_000():
    assert COURT.format(rate="84.61%") in seed_text("000")
    assert PROCUREMENT.format(amount="6074.82万元") in seed_text("000")


@pytest.mark.parametrize("written, filed, agrees", [
    ("84.61%", 84.6082, True),  # the filed figure as reported
    ("84.60%", 84.6082, False),  # within half a unit of 84.6082 would pass; as reported it does not
    ("84.61%", 84.605, True),  # a tie rounds up …
    ("84.60%", 84.605, False),  # … so 84.60% is not what 84.605% reports
    ("84.60%", 84.6049, True),
    ("84.6%", 84.6082, True),  # a report may round further: 84.61 → 84.6
    ("85%", 84.6082, True),
    ("84.5%", 84.6082, False),
    ("84.6082%", 84.61, True),  # a report finer than the precision is read at the precision
    ("84.6149%", 84.61, True),
    ("84.6150%", 84.61, False),
    ("84.61%", 84.61, True),
    ("84.62%", 84.61, False),
])
def test_a_rate_is_compared_at_its_precision_half_up(catalog, court_filed, written, filed, agrees):
    found = mismatches(catalog, COURT.format(rate=written), {**court_filed, "ct_close_rate": filed})
    assert (found == []) is agrees, found


@pytest.mark.parametrize("written, agrees", [
    ("6074.82万元", True), ("6074.83万元", False),
    ("60748231元", True), ("60748200元", True), ("60748300元", False),
    ("0.61亿元", True), ("0.60亿元", False),
])
def test_an_amount_is_compared_at_its_precision_in_the_unit_the_report_writes(catalog, written, agrees):
    filed = {"pc_emall_amount": 6074.8231}  # typed 60748231元
    found = mismatches(catalog, PROCUREMENT.format(amount=written), filed)
    assert (found == []) is agrees, found


def test_the_mismatch_names_the_figure_as_reported(demo_ctx):
    demo_ctx.store.set_value(Entry(period="2023Q3", dept="court", metric="ct_close_rate", number=84.6082,
                                   raw="84.6082%"))
    text = seed_text("000")
    assert check_text(demo_ctx, Q3, text).of_kind(Kind.MISMATCH) == []
    report = check_text(demo_ctx, Q3, text.replace("结案率84.61%", "结案率84.60%"))
    (finding,) = report.of_kind(Kind.MISMATCH)
    assert (finding.metric, finding.text_value, finding.filed_value) == ("ct_close_rate", 84.6, 84.6082)
    assert "已填报的是 84.61%" in finding.message and "改为 84.61%" in finding.suggestion
