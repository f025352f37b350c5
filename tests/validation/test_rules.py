"""Every rule kind through the engine: passing and failing figures, boundaries included."""

import pytest

from models.catalog import Metric, RuleKind, Severity
from models.periods import Period
from tests.validation.support import rules_found, stored, typed
from validation.engine import Figures, validate, validate_metric, validate_metric_in
from validation.messages import render
from validation.rules import check_range

Q3 = Period(year=2023, quarter=3)


def check(catalog, values, period=Q3, **options):
    return validate(values, catalog, period, **options).findings


def only(findings, rule):
    found = [f for f in findings if f.rule == rule]
    assert len(found) == 1, [f.message for f in findings]
    return found[0]


# ---- range and placeholder (values that bypassed the parser: imports, old versions) ------------

@pytest.mark.parametrize(("code", "number", "case"), [
    ("gs_online_rate", 100.5, "share_above"), ("bs_equity_growth", -100.5, "growth_below"),
    ("ct_cases_accepted", -1, "negative"), ("ct_cases_accepted", 12.5, "integer"),
])
def test_range_catches_stored_figures(catalog, code, number, case):
    finding = only(check(catalog, [stored(catalog, "2023Q3", code, number)]), "range")
    assert finding.severity == Severity.ERROR and finding.params["number"] == number
    assert catalog.metric(code).name in finding.message


@pytest.mark.parametrize(("code", "number"), [("gs_online_rate", 100), ("gs_online_rate", 0),
                                              ("bs_equity_growth", -100), ("pc_emall_growth", 102.46)])
def test_range_boundaries_pass(catalog, code, number):
    assert "range" not in rules_found(check(catalog, [stored(catalog, "2023Q3", code, number)]))


@pytest.mark.parametrize(("raw", "why"), [("XX", "占位符"), ("约1000", "约数"), ("待补充", "占位符")])
def test_placeholder_text_kept_beside_a_number(catalog, raw, why):
    finding = only(check(catalog, [stored(catalog, "2023Q3", "ct_cases_accepted", 1000, raw)]), "placeholder")
    assert f"“{raw}”（{why}）" in finding.message and finding.severity == Severity.ERROR


@pytest.mark.parametrize("raw", ["34,200", "3.42万", "34200件", "-0", ""])
def test_real_typed_text_is_no_placeholder(catalog, raw):
    assert not check(catalog, [stored(catalog, "2023Q3", "ct_cases_accepted", 34200, raw)])


# ---- ratio identity: 结案率 = 结案数 ÷ 受理案件数 -----------------------------------------------

def court(catalog, rate, closed="28936", accepted="34200"):
    return typed(catalog, "2023Q3", {"ct_close_rate": rate, "ct_cases_closed": closed, "ct_cases_accepted": accepted})


@pytest.mark.parametrize("rate", ["84.61%", "84.6082", "84.605", "84.6149"])
def test_ratio_passes_when_it_rounds_to_the_exact_quotient_at_its_precision(catalog, rate):
    # 28936 ÷ 34200 = 84.6082…: 84.61 at the rate's 2 decimals; more decimals typed are rounded first
    assert "ratio:ct_close_rate" not in rules_found(check(catalog, court(catalog, rate)))


@pytest.mark.parametrize("rate", ["84.60", "84.6"])
def test_a_truncated_ratio_is_an_info(catalog, rate):
    finding = only(check(catalog, court(catalog, rate)), "ratio:ct_close_rate")
    assert finding.severity == Severity.INFO and "应四舍五入为84.61%" in finding.message


@pytest.mark.parametrize("rate", ["84", "85", "90", "84.62", "84.59", "84.5", "86"])
def test_ratio_fails_at_its_precision_however_few_decimals_were_typed(catalog, rate):
    finding = only(check(catalog, court(catalog, rate)), "ratio:ct_close_rate")
    assert finding.severity == Severity.ERROR and finding.metric == "ct_close_rate"
    assert finding.params["expected"] == 84.61 and finding.params["exact"] == pytest.approx(84.6082, abs=1e-4)
    assert "结案数28936 ÷ 受理案件数34200 × 100 = 84.6082%，保留2位小数（四舍五入）应为84.61%" in finding.message


def test_ratio_boundary_exactly_one_hundred_percent(catalog):
    def rate_of(text):
        return typed(catalog, "2023Q3", {"pc_open_remote_rate": text, "pc_open_remote": "63",
                                         "pc_open_tenders": "63"})
    assert not check(catalog, rate_of("100%"))
    assert "ratio:pc_open_remote_rate" in rules_found(check(catalog, rate_of("99.99%")))


def test_ratio_with_a_zero_denominator(catalog):
    zero = only(check(catalog, court(catalog, "0", closed="0", accepted="0")), "ratio:ct_close_rate")
    assert zero.severity == Severity.WARNING and "0 ÷ 0 没有比率" in zero.message  # 核实性: confirm or clear
    impossible = only(check(catalog, court(catalog, "0", closed="5", accepted="0")), "ratio:ct_close_rate")
    assert impossible.severity == Severity.ERROR and "分母为0" in impossible.message


def test_ratio_of_amounts_carries_their_rounding(catalog):
    # 资金节约率 5.9% = 2316 ÷ 39238 (seed 000), one decimal typed
    values = typed(catalog, "2023Q3", {"pc_saving_rate": "5.9%", "pc_saved": "2316", "pc_planned": "39238"})
    assert "ratio:pc_saving_rate" not in rules_found(check(catalog, values))
    values = typed(catalog, "2023Q3", {"pc_saving_rate": "6.1%", "pc_saved": "2316", "pc_planned": "39238"})
    assert "ratio:pc_saving_rate" in rules_found(check(catalog, values))


def test_identity_with_a_missing_figure_is_not_judged(catalog):
    values = typed(catalog, "2023Q3", {"ct_close_rate": "90", "ct_cases_closed": "28936"})
    assert "ratio:ct_close_rate" not in rules_found(check(catalog, values))


# ---- sum and difference identities -----------------------------------------------------------

@pytest.mark.parametrize(("total", "ok"), [("216", True), ("217", False), ("215", False)])
def test_sum_of_counts_is_exact(catalog, total, ok):
    values = typed(catalog, "2023Q3", {"lb_fairs_total": total, "lb_fairs_online": "197", "lb_fairs_offline": "19"})
    findings = check(catalog, values)
    assert ("sum:lb_fairs_total" not in rules_found(findings)) == ok
    if not ok:
        assert "线上招聘会场次197 + 线下招聘会场次19 = 216" in only(findings, "sum:lb_fairs_total").message


@pytest.mark.parametrize(("saved", "ok"), [("2316", True), ("2316.00", True), ("2316.004", True), ("2317", False),
                                           ("2316.4", False), ("2316.02", False), ("2416", False)])
def test_difference_within_the_rounding_of_the_figures(catalog, saved, ok):
    # 39238 − 36922 = 2316 (seed 000); 万元 amounts are reported to 2 decimals, so 39238 is 39238.00
    # and carries at most half a hundredth of rounding: fewer decimals typed do not widen that
    values = typed(catalog, "2023Q3", {"pc_saved": saved, "pc_planned": "39238", "pc_actual": "36922"})
    assert ("difference:pc_saved" not in rules_found(check(catalog, values))) == ok


# ---- part ≤ whole, commitment ≤ legal limit ----------------------------------------------------

@pytest.mark.parametrize(("part", "ok"), [("2084", True), ("2970", True), ("2971", False)])
def test_part_not_above_whole(catalog, part, ok):
    values = typed(catalog, "2023Q3", {"bs_simple_cancellations": part, "bs_cancellations": "2970"})
    assert ("part_le_whole:bs_simple_cancellations" not in rules_found(check(catalog, values))) == ok


@pytest.mark.parametrize(("promise", "ok"), [("5", True), ("10", True), ("11", False)])
def test_commitment_not_above_legal_limit(catalog, promise, ok):
    values = typed(catalog, "2023Q3", {"cp_construction_promise_days": promise, "cp_construction_legal_days": "10"})
    findings = check(catalog, values)
    assert ("commitment_le_limit:cp_construction_promise_days" not in rules_found(findings)) == ok
    if not ok:
        assert "承诺时限不能超过法定时限" in findings[0].message


# ---- cumulative figures never fall within a year -----------------------------------------------

def cases(catalog, **by_period):
    return [v for period, text in by_period.items() for v in typed(catalog, period, {"ct_cases_accepted": text})]


def test_ytd_falling_within_a_year_is_an_error(catalog):
    finding = only(check(catalog, cases(catalog, **{"2023Q2": "23000", "2023Q3": "22000"})), "ytd_monotonic")
    assert finding.severity == Severity.ERROR and "2023年上半年的23000件" in finding.message


def test_ytd_equal_passes_and_first_quarter_starts_over(catalog):
    assert not check(catalog, cases(catalog, **{"2023Q2": "23000", "2023Q3": "23000"}))
    new_year = cases(catalog, **{"2022Q4": "46000", "2023Q1": "9000"})
    assert "ytd_monotonic" not in rules_found(check(catalog, new_year, Period(year=2023, quarter=1)))


def test_ytd_compares_with_the_latest_quarter_filed(catalog):
    values = cases(catalog, **{"2023Q1": "9000", "2023Q3": "8000"})  # Q2 missing
    assert "2023年一季度" in only(check(catalog, values), "ytd_monotonic").message


def test_cumulative_growth_rate_may_fall(catalog):
    values = (typed(catalog, "2023Q2", {"ii_rd_growth": "15"}) + typed(catalog, "2023Q3", {"ii_rd_growth": "11.2"}))
    assert "ytd_monotonic" not in rules_found(check(catalog, values))


# ---- year on year ------------------------------------------------------------------------------

def cancellations(catalog, growth, now="2084", before="1522"):
    return (typed(catalog, "2022Q3", {"bs_simple_cancellations": before})
            + typed(catalog, "2023Q3", {"bs_simple_cancellations": now, "bs_simple_cancel_growth": growth}))


@pytest.mark.parametrize("growth", ["36.93", "36.93%", "36.925", "36.9251"])
def test_yoy_passes_rounded_at_its_precision(catalog, growth):
    # 2084 ÷ 1522 − 1 = 36.9251…%: 36.93 at 2 decimals
    assert "yoy:bs_simple_cancel_growth" not in rules_found(check(catalog, cancellations(catalog, growth)))


def test_the_seeds_truncated_growth_is_an_info(catalog):
    # seed 000: 简易注销2084户，同比新增36.92% — cut off, not rounded
    finding = only(check(catalog, cancellations(catalog, "36.92%")), "yoy:bs_simple_cancel_growth")
    assert finding.severity == Severity.INFO and "应四舍五入为36.93%" in finding.message


@pytest.mark.parametrize("growth", ["36.94", "39", "3.69", "36.9", "37"])
def test_yoy_mismatch_is_a_warning(catalog, growth):
    finding = only(check(catalog, cancellations(catalog, growth)), "yoy:bs_simple_cancel_growth")
    assert finding.severity == Severity.WARNING and "上年同期1522" in finding.message


def test_yoy_without_last_year_or_from_zero_is_to_be_verified(catalog):
    this_year_only = typed(catalog, "2023Q3", {"bs_simple_cancellations": "2084", "bs_simple_cancel_growth": "5"})
    missing = only(check(catalog, this_year_only), "yoy:bs_simple_cancel_growth")
    assert missing.severity == Severity.WARNING and "上年同期没有填报" in missing.message
    from_zero = only(check(catalog, cancellations(catalog, "5", before="0")), "yoy:bs_simple_cancel_growth")
    assert from_zero.severity == Severity.WARNING and "不能除以0" in from_zero.message


def test_yoy_of_amounts_with_decimals(catalog):
    values = (typed(catalog, "2022Q3", {"pc_emall_amount": "3000.5"})
              + typed(catalog, "2023Q3", {"pc_emall_amount": "6074.82", "pc_emall_growth": "102.46%"}))
    assert not check(catalog, values)  # and no swing: the +102 % is stated by the growth rate


# ---- swing -------------------------------------------------------------------------------------

def levels(catalog, code, before, now, before_period="2023Q2"):
    return typed(catalog, before_period, {code: before}) + typed(catalog, "2023Q3", {code: now})


@pytest.mark.parametrize(("now", "ok"), [("150", True), ("50", True), ("151", False), ("49", False)])
def test_level_swing_against_last_quarter(catalog, now, ok):
    findings = check(catalog, levels(catalog, "bk_avg_days", "100", now))
    assert ("swing" not in rules_found(findings)) == ok
    if not ok:
        assert only(findings, "swing").severity == Severity.WARNING


def test_cumulative_swing_against_the_same_quarter_last_year(catalog):
    values = (typed(catalog, "2022Q3", {"gs_assistant_orders": "3120"})
              + typed(catalog, "2023Q2", {"gs_assistant_orders": "7000"})
              + typed(catalog, "2023Q3", {"gs_assistant_orders": "7185"}))
    finding = only(check(catalog, values), "swing")
    assert finding.params == {"number": 7185, "before": 3120, "other": "2022Q3", "change": 130.3, "limit": 50}
    assert "较2022年前三季度的3120件增加130.3%" in finding.message


def test_swing_from_zero_says_so(catalog):
    values = levels(catalog, "rp_pledge_transfers", "0", "312", before_period="2022Q3")
    assert "从0起步" in only(check(catalog, values), "swing").message


def test_no_swing_without_a_prior_figure_or_for_small_counts(catalog):
    assert not check(catalog, typed(catalog, "2023Q3", {"bk_avg_days": "300"}))
    assert not check(catalog, levels(catalog, "iv_director_trainings", "1", "2", before_period="2022Q3"))


# ---- target --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("rate", "ok"), [("95", True), ("99.98", True), ("94.99", False)])
def test_rate_target_is_judged_at_the_year_end(catalog, rate, ok):
    q4 = Period(year=2023, quarter=4)
    findings = check(catalog, typed(catalog, "2023Q4", {"el_online_rate": rate}), q4)
    assert ("target" not in rules_found(findings)) == ok
    if not ok:
        assert "≥95%" in findings[0].message and findings[0].severity == Severity.WARNING
        before = only(check(catalog, typed(catalog, "2023Q3", {"el_online_rate": rate})), "target")
        assert before.severity == Severity.INFO and "目标到2023年第四季度末考核" in before.message


def test_ceiling_target(catalog):
    q4 = Period(year=2023, quarter=4)
    assert not check(catalog, typed(catalog, "2023Q4", {"ct_avg_trial_days": "90"}), q4)
    assert "target" in rules_found(check(catalog, typed(catalog, "2023Q4", {"ct_avg_trial_days": "90.1"}), q4))


@pytest.mark.parametrize(("period", "jobs", "ok"), [
    ("2023Q3", "44250", True), ("2023Q3", "44249", False), ("2023Q1", "14750", True), ("2023Q4", "58999", False),
])
def test_cumulative_target_is_pro_rated_through_the_year(catalog, period, jobs, ok):
    findings = check(catalog, typed(catalog, period, {"lb_new_jobs": jobs}), Period.parse(period))
    assert ("target" not in rules_found(findings)) == ok


def test_targets_belong_to_their_evaluation_year(catalog):
    assert not check(catalog, typed(catalog, "2022Q3", {"el_online_rate": "80"}), Period(year=2022, quarter=3))


# ---- completeness ------------------------------------------------------------------------------

def test_required_only_for_a_final_check(catalog):
    values = typed(catalog, "2023Q3", {"ct_close_rate": "84.61"})
    assert not check(catalog, values, dept="court")
    final = check(catalog, values, dept="court", final=True)
    missing = {f.metric for f in final if f.rule == "required"}
    assert "ct_cases_accepted" in missing and "ct_close_rate" not in missing
    assert "ct_law_firm_visits" not in missing  # not required
    assert all(f.severity == Severity.ERROR and f.dept == "court" for f in final)


# ---- live checking of one cell ----------------------------------------------------------------

def test_validate_metric_runs_only_the_rules_reading_it(catalog):
    values = court(catalog, "84.61", closed="30000") + typed(catalog, "2023Q3", {"el_online_rate": "80"})
    findings = validate_metric(values, catalog, Q3, "ct_cases_closed")
    assert {(f.metric, f.rule) for f in findings} == {("ct_close_rate", "ratio:ct_close_rate")}
    assert validate_metric(values, catalog, Q3, "el_online_rate")[0].rule == "target"


def test_figures_kept_up_to_date_check_as_figures_indexed_anew(catalog):
    before = court(catalog, "84.61")
    after = court(catalog, "84.61", closed="30000")
    figures = Figures(before, catalog)
    assert not validate_metric_in(figures, Q3, "ct_cases_closed")
    changed = next(v for v in after if v.metric == "ct_cases_closed")
    figures.put(changed.period, changed.metric, changed)
    assert validate_metric_in(figures, Q3, "ct_cases_closed") == validate_metric(after, catalog, Q3, "ct_cases_closed")
    figures.put(changed.period, changed.metric, None)  # cleared: nothing left to relate
    without = [v for v in after if v.metric != "ct_cases_closed"]
    assert validate_metric_in(figures, Q3, "ct_cases_closed") == validate_metric(without, catalog, Q3, "ct_cases_closed")


@pytest.mark.parametrize(("number", "case"), [(0.5, "below"), (12, "above"), (5, None), (1, None), (10, None)])
def test_range_respects_a_metrics_own_bounds(number, case):
    metric = Metric(code="x_rate", name="示例时长", unit="天", kind="level", value_type="duration", decimals=1,
                    minimum=1, maximum=10)
    outcome = check_range(metric, number)
    assert (outcome.case if outcome else None) == case
    if outcome:
        text = render(RuleKind.RANGE, outcome.case, {**outcome.params, "name": metric.name, "unit": metric.unit})
        assert "示例时长" in text and ("下限1天" in text or "上限10天" in text)


def test_a_cumulative_sum_past_its_ceiling_has_missed_it_before_the_year_end():
    """A sum only grows within the year: past an annual ceiling in Q2 it cannot come back under."""
    from models.catalog import Target
    from validation.rules import check_target

    fees = Metric(code="x_fees", name="收费金额", unit="万元", kind="ytd", value_type="amount", decimals=2,
                  target=Target(op="<=", value=100))
    assert check_target(fees, 120, Period(year=2023, quarter=2)).severity is None  # the rule's own: a warning
    level = Metric(code="x_days", name="办理时间", unit="工作日", kind="level", value_type="duration", decimals=1,
                   target=Target(op="<=", value=5))
    assert check_target(level, 6, Period(year=2023, quarter=2)).severity == Severity.INFO  # may still come down


@pytest.mark.parametrize(("frequency", "due"), [("quarter", {1, 2, 3, 4}), ("half", {2, 4}), ("year", {4})])
def test_a_required_figure_is_due_only_when_its_frequency_ends_a_period(frequency, due):
    """全社会研发经费增长 is an annual statistic: not expected in Q1–Q3, missing in Q4."""
    import json

    from models.catalog import Catalog
    from models.loader import DATA_DIR, DEFAULT_PROFILE, definitions_from_data, load_profile

    data = json.loads((DATA_DIR / "catalog_2023.json").read_text(encoding="utf-8"))
    for indicator in data["indicators"]:
        for metric in indicator["metrics"]:
            if metric["code"] == "ii_rd_growth":
                metric["frequency"] = frequency
    annual = Catalog(definitions_from_data(data, "测试目录"), load_profile(DEFAULT_PROFILE))
    for quarter in (1, 2, 3, 4):
        found = validate([], annual, Period(year=2023, quarter=quarter), dept="dev_reform", final=True).findings
        missing = {f.metric for f in found if f.rule == "required"}
        assert ("ii_rd_growth" in missing) == (quarter in due), quarter
