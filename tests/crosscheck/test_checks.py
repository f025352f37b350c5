"""The cross-check on the seed reports against the demo database (its 2023Q3 figures are seed 000's)."""

import pytest

from app.narrative_check import check_text
from models.periods import Period
from models.values import Entry
from tests.conftest import seed_text
from tests.crosscheck.gold import SEED_000, locate
from validation.crosscheck import Kind, crosscheck
from validation.crosscheck.messages import CASES, TEMPLATES

Q3 = Period.parse("2023Q3")
PARAGRAPHS = ["contract_enforcement", "procurement", "labor_market", "business_start"]


def section_span(reading, indicator):
    return next((s.start, s.end) for s in reading.sections if s.indicator == indicator)


@pytest.fixture(scope="module")
def seed_000():
    return seed_text("000")


@pytest.mark.parametrize("indicator", PARAGRAPHS)
def test_seed_000_paragraph_agrees_with_the_filed_figures_and_every_figure_is_found(demo_ctx, seed_000, indicator):
    report = check_text(demo_ctx, Q3, seed_000)
    start, end = section_span(report.reading, indicator)
    in_paragraph = [f for f in report.findings if start <= f.span[0] < end]
    assert in_paragraph == []
    labels = [lab for lab in locate(seed_000, SEED_000) if start <= lab.start < end]
    found = {(m.metric, m.value, m.figure.start) for m in report.reading.matches}
    assert len(labels) >= 6
    for label in labels:
        assert any((label.metric, label.value) == (metric, value) and label.start <= position < label.end + 2
                   for metric, value, position in found), label


def test_seed_000_as_a_whole_has_no_finding_against_the_demo(demo_ctx, seed_000):
    report = check_text(demo_ctx, Q3, seed_000)
    assert report.findings == () and report.ok
    assert len(report.reading.matches) >= 110


def test_seed_001_reports_every_placeholder(demo_ctx):
    text = seed_text("001")
    report = check_text(demo_ctx, Period.parse("2023Q1"), text)
    placeholders = report.of_kind(Kind.PLACEHOLDER)
    assert len(placeholders) == text.count("XX") == 15
    assert all("XX" in text[f.span[0]:f.span[1]] and "XX" in f.sentence for f in placeholders)
    assert all(f.sentence_span[0] <= f.span[0] < f.span[1] <= f.sentence_span[1] for f in placeholders)
    assert not report.ok


def test_a_seeded_edit_is_a_mismatch_and_breaks_the_ratio(demo_ctx, seed_000):
    edited = seed_000.replace("结案28936件", "结案28836件")
    report = check_text(demo_ctx, Q3, edited)
    assert [(f.kind, f.metric, f.text_value, f.filed_value) for f in report.findings] == [
        (Kind.MISMATCH, "ct_cases_closed", 28836, 28936),
        (Kind.ARITHMETIC, "ct_close_rate", 84.61, 84.61),
    ]
    mismatch, ratio = report.findings
    assert edited[mismatch.span[0]:mismatch.span[1]] == "28836件"
    assert "28836" in ratio.message and "84.32" in ratio.message and ratio.rule == "ratio:ct_close_rate"


def test_a_total_that_does_not_add_up(demo_ctx, seed_000):
    report = check_text(demo_ctx, Q3, seed_000.replace("共216场", "共218场"))
    kinds = {(f.kind, f.metric, f.rule) for f in report.findings}
    assert kinds == {(Kind.ARITHMETIC, "lb_fairs_total", "sum:lb_fairs_total"), (Kind.MISMATCH, "lb_fairs_total", "")}
    (sum_finding,) = report.of_kind(Kind.ARITHMETIC)
    assert "197 + " in sum_finding.message and "= 216场" in sum_finding.message


def test_planned_minus_actual_is_not_the_saving(demo_ctx, seed_000):
    report = check_text(demo_ctx, Q3, seed_000.replace("节约资金2316万元", "节约资金2416万元"))
    rules = {f.rule for f in report.of_kind(Kind.ARITHMETIC)}
    assert rules == {"difference:pc_saved", "ratio:pc_saving_rate"}  # 2416 ÷ 39238 is no longer 5.9%


def test_a_sum_the_catalog_does_not_know_is_checked_in_the_text(catalog):
    text = "市三季度反馈问题12个,市四季度反馈问题8个,合计21个问题。"
    (finding,) = crosscheck(text, catalog, period=Q3).findings
    assert (finding.kind, finding.rule, finding.text_value) == (Kind.ARITHMETIC, "text_sum", 21)
    assert "12个 + 8个 = 20个" in finding.message
    assert crosscheck(text.replace("21个", "20个"), catalog, period=Q3).findings == ()


def test_commitment_longer_than_the_legal_limit(catalog):
    text = "2.办理建筑许可指标:施工许可法定办结时限10个工作日,施工许可承诺办结时限12个工作日。"
    (finding,) = crosscheck(text, catalog, period=Q3).findings
    assert finding.rule == "commitment_le_limit:cp_construction_promise_days"


def test_a_figure_of_a_metric_not_filed(demo_ctx, seed_000):
    demo_ctx.store.set_value(Entry(period="2023Q3", dept="court", metric="ct_law_firm_visits", number=None))
    report = check_text(demo_ctx, Q3, seed_000)
    (finding,) = report.findings
    assert (finding.kind, finding.metric, finding.text_value, finding.filed_value) == (
        Kind.NOT_FILED, "ct_law_firm_visits", 70, None)
    assert report.ok  # a figure not filed yet is shown, it does not block


def test_approximations_agree_within_their_meaning(catalog):
    text = "6.纳税指标:培训辅导企业8000余户次。"
    filed = lambda n: crosscheck(text, catalog, period=Q3, filed={"tx_trained_firms": n}).findings  # noqa: E731
    assert filed(8000) == () and filed(8999) == ()
    assert [f.kind for f in filed(9000)] == [Kind.MISMATCH] and [f.kind for f in filed(7999)] == [Kind.MISMATCH]
    assert "约数" in filed(9000)[0].message


def test_tolerance_follows_the_decimals_written(catalog):
    text = "11.政府采购指标:资金节约率为5.9%。"
    check = lambda n: crosscheck(text, catalog, period=Q3, filed={"pc_saving_rate": n}).findings  # noqa: E731
    assert check(5.9) == () and check(5.94) == ()
    assert [f.kind for f in check(5.96)] == [Kind.MISMATCH]


def test_last_years_figure_is_compared_with_last_years_filing(demo_ctx, seed_000):
    demo_ctx.store.set_value(Entry(period="2022Q3", dept="urban_mgmt", metric="wg_leak_rate", number=9.5))
    (finding,) = check_text(demo_ctx, Q3, seed_000).findings
    assert (finding.kind, finding.metric, finding.text_value, finding.filed_value) == (
        Kind.MISMATCH, "wg_leak_rate", 9.33, 9.5)
    assert "2022年第三季度" in finding.message


def test_department_filter(demo_ctx, seed_000):
    edited = seed_000.replace("结案28936件", "结案28836件").replace("共216场", "共218场")
    court = check_text(demo_ctx, Q3, edited, dept="court")
    assert {f.metric for f in court.findings} == {"ct_cases_closed", "ct_close_rate"}
    assert {f.metric for f in check_text(demo_ctx, Q3, edited, dept="hr_social").findings} == {"lb_fairs_total"}


def test_without_filed_values_only_the_text_itself_is_checked(catalog):
    text = "8.执行合同指标:受理案件34200件,结案28836件,结案率84.61%。已上传信用承诺XX条。"
    kinds = [f.kind for f in crosscheck(text, catalog, period=Q3).findings]
    assert kinds == [Kind.ARITHMETIC, Kind.PLACEHOLDER]


def test_the_json_shape(demo_ctx, seed_000):
    report = check_text(demo_ctx, Q3, seed_000.replace("结案28936件", "结案28836件"))
    assert list(report.findings[0].as_json()) == ["kind", "metric", "sentence", "text_value", "filed_value", "message"]
    assert "建议：" in report.findings[0].as_json()["message"]


@pytest.mark.parametrize("kind", list(Kind))
def test_every_case_of_a_cross_check_finding_has_its_texts(kind):
    assert set(TEMPLATES[kind]) == set(CASES[kind])
