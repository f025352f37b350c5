"""The rules as a 统计局 data auditor checks a district's quarterly figures (shared/AUDIT.md).

Each case says what passes, what is flagged, at which grade (强制性 error, 核实性 warning, info)
and that the Chinese message names the figures the filer must look at.  Figures come from seed
000 (红谷滩区 2023年前三季度: 结案率84.61% = 28936 ÷ 34200, 资金节约率5.9% = 2316 ÷ 39238,
节约资金2316 = 39238 − 36922, 简易注销2084户同比36.92%, 股权出质47次同比-14.5%, 电子卖场
6074.82万元同比102.46%) and from the demo district; what the seeds do not give is built as a
filer would type it.
"""

import pytest

from app.demo import demo_entries
from models.catalog import DEFAULT_SEVERITY, CatalogError, RuleKind, Severity
from models.periods import Period
from models.values import Value
from tests.validation.support import catalog_with, explanation_of, series, stored, typed
from validation.engine import validate

Q3 = "2023Q3"


def findings(catalog, values, period=Q3, **options):
    return list(validate(values, catalog, Period.parse(period), **options).findings)


def one(found, metric, rule):
    """The single finding of ``rule`` on ``metric``; fails listing every message otherwise."""
    matching = [f for f in found if f.metric == metric and f.rule == rule]
    assert len(matching) == 1, [f.message for f in found]
    return matching[0]


def on(found, metric):
    """The rules that flagged ``metric``, with their grades."""
    return {(f.rule, f.severity) for f in found if f.metric == metric}


def assert_names(message, *figures):
    for figure in figures:
        assert figure in message, f"“{figure}”不在消息中：{message}"


# ---- 1. precision: rates at their 保留位数, rounded half-up -----------------------------------------

SEED_COURT = {"ct_close_rate": "84.61%", "ct_cases_closed": "28936", "ct_cases_accepted": "34200"}
SEED_PROCUREMENT = {"pc_saving_rate": "5.9%", "pc_saved": "2316万元", "pc_planned": "39238万元", "pc_actual": "36922万元"}


def court(catalog, rate, closed="28936", accepted="34200", period=Q3):
    values = typed(catalog, period, {"ct_cases_closed": closed, "ct_cases_accepted": accepted})
    if isinstance(rate, float):  # more decimals than the parser of this branch lets a filer type
        return [*values, stored(catalog, period, "ct_close_rate", rate, str(rate))]
    return [*values, *typed(catalog, period, {"ct_close_rate": rate})]


def test_the_seed_rates_and_saving_pass_as_printed(catalog):
    # 28936 ÷ 34200 = 84.608…% → 84.61%; 2316 ÷ 39238 = 5.902…% → 5.90% (5.9 printed); 39238 − 36922 = 2316
    assert findings(catalog, typed(catalog, Q3, SEED_COURT | SEED_PROCUREMENT)) == []


@pytest.mark.parametrize("rate", [84.6082, 84.605, 84.6149, 84.61])
def test_more_decimals_than_the_precision_are_rounded_before_judging(catalog, rate):
    assert findings(catalog, court(catalog, rate)) == []


def test_just_past_the_rounding_boundary_fails(catalog):
    finding = one(findings(catalog, court(catalog, 84.615)), "ct_close_rate", "ratio:ct_close_rate")
    assert finding.severity == Severity.ERROR and finding.params["expected"] == 84.61
    assert_names(finding.message, "84.615%", "结案数28936", "受理案件数34200", "应为84.61%")


@pytest.mark.parametrize("rate", ["84.6%", "84.60%", 84.6049])
def test_a_truncated_rate_is_an_info_to_round_half_up(catalog, rate):
    finding = one(findings(catalog, court(catalog, rate)), "ct_close_rate", "ratio:ct_close_rate")
    assert finding.severity == Severity.INFO and not finding.blocking
    assert_names(finding.message, "28936", "34200", "84.6082%", "截去尾数", "应四舍五入为84.61%")


@pytest.mark.parametrize(("rate", "diff"), [("84%", "0.61"), ("85%", "0.39"), ("84.5%", "0.11")])
def test_fewer_decimals_typed_do_not_widen_the_tolerance(catalog, rate, diff):
    finding = one(findings(catalog, court(catalog, rate)), "ct_close_rate", "ratio:ct_close_rate")
    assert finding.severity == Severity.ERROR and finding.blocking
    assert_names(finding.message, f"填报{rate}", "结案数28936 ÷ 受理案件数34200 × 100 = 84.6082%",
                 "保留2位小数（四舍五入）应为84.61%", f"相差{diff}个百分点")


@pytest.fixture(scope="module")
def whole_percent():
    """公开招标不见面开标率 reported in whole percent: 1 of 8 tenders is 12.5%, half-up 13%."""
    return catalog_with({"pc_open_remote_rate": {"decimals": 0}})


def one_in_eight(catalog, rate):
    values = typed(catalog, Q3, {"pc_open_remote": "1", "pc_open_tenders": "8"})
    if isinstance(rate, float):
        return [*values, stored(catalog, Q3, "pc_open_remote_rate", rate, f"{rate}%")]
    return [*values, *typed(catalog, Q3, {"pc_open_remote_rate": rate})]


@pytest.mark.parametrize("rate", ["13%", 12.5])
def test_a_tie_rounds_half_up_not_to_even(whole_percent, rate):
    assert findings(whole_percent, one_in_eight(whole_percent, rate)) == []


def test_a_tie_rounded_down_is_truncation(whole_percent):
    finding = one(findings(whole_percent, one_in_eight(whole_percent, "12%")),
                  "pc_open_remote_rate", "ratio:pc_open_remote_rate")
    assert finding.severity == Severity.INFO and "应四舍五入为13%" in finding.message


def test_a_tie_off_by_one_unit_is_an_error(whole_percent):
    finding = one(findings(whole_percent, one_in_eight(whole_percent, "14%")),
                  "pc_open_remote_rate", "ratio:pc_open_remote_rate")
    assert finding.severity == Severity.ERROR
    assert_names(finding.message, "公开招标不见面开标项目数1 ÷ 公开招标项目数8 × 100 = 12.5%", "保留0位小数", "应为13%")


@pytest.mark.parametrize(("rate", "severity"), [("84.68%", None), ("84.67%", Severity.INFO)])
def test_a_tie_that_binary_floats_cannot_hold(catalog, rate, severity):
    # 3387 ÷ 4000 = 84.675% exactly: half-up 84.68 (a float rounds 84.675 down to 84.67)
    found = findings(catalog, court(catalog, rate, closed="3387", accepted="4000"))
    assert {f.severity for f in found} == ({severity} if severity else set())


@pytest.mark.parametrize(("rate", "severity"), [
    ("5.92%", None), ("5.93%", None), ("5.94%", None),  # 5.12 ÷ 86.35 = 5.9294%, ± the amounts' own rounding
    ("5.91%", Severity.ERROR), ("5.95%", Severity.ERROR),
])
def test_a_ratio_of_amounts_carries_their_rounding(catalog, rate, severity):
    # 节约5.12万元 of 计划86.35万元 are themselves rounded to 0.01万元: 5.115 ÷ 86.355 … 5.125 ÷ 86.345 = 5.923%…5.936%
    values = typed(catalog, Q3, {"pc_saving_rate": rate, "pc_saved": "5.12万元", "pc_planned": "86.35万元"})
    found = findings(catalog, values)
    assert {f.severity for f in found} == ({severity} if severity else set())
    if severity:
        assert_names(found[0].message, f"填报{rate}", "节约资金5.12", "采购计划金额86.35", "应为5.93%")


def test_growth_rates_of_the_seed_at_their_precision(catalog):
    last_year = typed(catalog, "2022Q3", {"pc_emall_amount": "3000.5万元", "bs_simple_cancellations": "1522",
                                          "bs_equity_pledges": "55"})
    this_year = typed(catalog, Q3, {"pc_emall_amount": "6074.82万元", "pc_emall_growth": "102.46%",
                                    "bs_simple_cancellations": "2084", "bs_simple_cancel_growth": "36.92%",
                                    "bs_equity_pledges": "47", "bs_equity_growth": "-14.5%"})
    found = findings(catalog, last_year + this_year)
    assert on(found, "pc_emall_growth") == set()  # 6074.82 ÷ 3000.5 − 1 = 102.4603% → 102.46%
    truncated = one(found, "bs_simple_cancel_growth", "yoy:bs_simple_cancel_growth")
    assert truncated.severity == Severity.INFO
    assert_names(truncated.message, "本期2084户", "上年同期1522户", "36.9251%", "应四舍五入为36.93%")
    mismatch = one(found, "bs_equity_growth", "yoy:bs_equity_growth")  # 47 ÷ 55 − 1 = −14.5455% → −14.55%
    assert mismatch.severity == Severity.WARNING
    assert_names(mismatch.message, "填报-14.5%", "本期47次", "上年同期55次", "-14.5455%", "应为-14.55%", "相差0.05个百分点")


# ---- 2. grades: 强制性 and 核实性, per rule kind and per metric ------------------------------------

def test_the_default_grade_of_every_rule_kind():
    mandatory = {RuleKind.RANGE, RuleKind.PLACEHOLDER, RuleKind.RATIO, RuleKind.SUM, RuleKind.DIFFERENCE,
                 RuleKind.PART_LE_WHOLE, RuleKind.COMMITMENT_LE_LIMIT, RuleKind.YTD_MONOTONIC, RuleKind.REQUIRED,
                 RuleKind.STOCK_FLOW}  # 期末 = 期初 + 新增 − 减少 is a balance that must hold
    to_verify = {RuleKind.YOY, RuleKind.SWING, RuleKind.TARGET, RuleKind.OUTLIER, RuleKind.NEGATIVE}
    assert DEFAULT_SEVERITY == {kind: Severity.ERROR for kind in mandatory} | {kind: Severity.WARNING for kind in to_verify}
    assert set(DEFAULT_SEVERITY) == set(RuleKind)


def online_rate_fall(catalog):
    return series(catalog, "gs_online_rate", {"2023Q2": "100%", Q3: "60%"})


@pytest.mark.parametrize(("changes", "severity"), [(None, Severity.WARNING),
                                                   ({"grades": {"swing": "error"}}, Severity.ERROR)])
def test_a_catalog_sets_the_grade_of_a_swing_per_metric(catalog, changes, severity):
    used = catalog_with({"gs_online_rate": changes}) if changes else catalog
    assert one(findings(used, online_rate_fall(used)), "gs_online_rate", "swing").severity == severity


@pytest.mark.parametrize(("changes", "severity"), [(None, Severity.ERROR),
                                                   ({"grades": {"ytd_monotonic": "warning"}}, Severity.WARNING)])
def test_a_catalog_sets_the_grade_of_a_falling_cumulative_per_metric(catalog, changes, severity):
    used = catalog_with({"ct_cases_accepted": changes}) if changes else catalog
    values = series(used, "ct_cases_accepted", {"2023Q2": "22000", Q3: "20000"})
    finding = one(findings(used, values), "ct_cases_accepted", "ytd_monotonic")
    assert finding.severity == severity
    assert_names(finding.message, "2023年前三季度为20000件", "2023年上半年的22000件")


def test_a_catalog_grade_applies_to_the_relation_a_metric_is_subject_of(catalog):
    graded = catalog_with({"ct_close_rate": {"grades": {"ratio": "warning"}}})
    assert one(findings(graded, court(graded, "84%")), "ct_close_rate", "ratio:ct_close_rate").severity == Severity.WARNING


@pytest.mark.parametrize("grades", [{"swing": "info"}, {"波动": "warning"}])
def test_a_grade_is_error_or_warning_of_a_known_rule_kind(grades):
    with pytest.raises(CatalogError, match="审核级别 grades") as refused:
        catalog_with({"gs_online_rate": {"grades": grades}})
    assert "gs_online_rate" in str(refused.value)


def test_a_plan_revised_down_within_the_year_is_to_verify(catalog):
    values = series(catalog, "pc_planned", {"2023Q2": "39238万元", Q3: "38000万元"})
    finding = one(findings(catalog, values), "pc_planned", "ytd_monotonic")
    assert finding.severity == Severity.WARNING
    assert_names(finding.message, "采购计划金额", "38000万元", "39238万元")


def test_actual_spending_falling_within_the_year_is_mandatory(catalog):
    values = series(catalog, "pc_actual", {"2023Q2": "36922万元", Q3: "35000万元"})
    assert one(findings(catalog, values), "pc_actual", "ytd_monotonic").severity == Severity.ERROR


def test_spending_above_plan_is_to_verify_and_consistent_figures_raise_no_error(catalog):
    # 计划39238万元, 实际40000万元: 节约 −762万元, 节约率 −762 ÷ 39238 = −1.94%
    values = typed(catalog, Q3, {"pc_planned": "39238万元", "pc_actual": "40000万元", "pc_saved": "-762万元",
                                 "pc_saving_rate": "-1.94%"})
    found = findings(catalog, values)
    assert {(f.metric, f.rule, f.severity) for f in found} == {
        ("pc_actual", "part_le_whole:pc_actual", Severity.WARNING),
        ("pc_saved", "negative", Severity.WARNING),
        ("pc_saving_rate", "negative", Severity.WARNING),
    }
    assert_names(one(found, "pc_actual", "part_le_whole:pc_actual").message, "实际采购金额40000万元", "采购计划金额39238万元")
    assert_names(one(found, "pc_saved", "negative").message, "节约资金为-762万元", "负数")


def test_a_negative_saving_that_does_not_add_up_is_still_mandatory(catalog):
    values = typed(catalog, Q3, {"pc_planned": "39238万元", "pc_actual": "36922万元", "pc_saved": "-2316万元"})
    found = findings(catalog, values)
    assert on(found, "pc_saved") == {("negative", Severity.WARNING), ("difference:pc_saved", Severity.ERROR)}
    assert_names(one(found, "pc_saved", "difference:pc_saved").message,
                 "节约资金填报-2316万元", "采购计划金额39238 − 实际采购金额36922 = 2316万元")


def test_a_negative_outage_cut_is_to_verify(catalog):
    found = findings(catalog, typed(catalog, Q3, {"el_outage_cut_rate": "-5%"}))
    finding = one(found, "el_outage_cut_rate", "negative")
    assert finding.severity == Severity.WARNING and "用户平均停电时间压缩比例为-5%" in finding.message
    assert "range" not in {f.rule for f in found}


@pytest.mark.parametrize(("number", "flagged"), [(100.0, False), (100.5, True)])
def test_an_outage_cut_above_100_percent_is_impossible(catalog, number, flagged):
    found = findings(catalog, [stored(catalog, Q3, "el_outage_cut_rate", number, f"{number:g}%")])
    ranges = [f for f in found if f.rule == "range"]
    assert bool(ranges) == flagged
    if flagged:
        assert ranges[0].severity == Severity.ERROR
        assert_names(ranges[0].message, "用户平均停电时间压缩比例为100.5%", "上限100%")


def test_a_written_explanation_never_releases_an_error(catalog):
    values = court(catalog, "84%")
    error = one(findings(catalog, values), "ct_close_rate", "ratio:ct_close_rate")
    report = validate(values, catalog, Period.parse(Q3), explanations=[explanation_of(error, "以审判系统数据为准")])
    again = one(report.findings, "ct_close_rate", "ratio:ct_close_rate")
    assert again.severity == Severity.ERROR and again.blocking and not report.ok


def test_a_written_explanation_releases_a_warning(catalog):
    values = online_rate_fall(catalog)
    warning = one(findings(catalog, values), "gs_online_rate", "swing")
    assert warning.blocking
    text = "部分事项因系统迁移暂停网办，已报市政数局"
    report = validate(values, catalog, Period.parse(Q3), explanations=[explanation_of(warning, text)])
    again = one(report.findings, "gs_online_rate", "swing")
    assert again.explanation == text and not again.blocking


def test_an_explanation_lapses_when_the_figures_change(catalog):
    warning = one(findings(catalog, online_rate_fall(catalog)), "gs_online_rate", "swing")
    changed = series(catalog, "gs_online_rate", {"2023Q2": "100%", Q3: "55%"})
    again = one(findings(catalog, changed, explanations=[explanation_of(warning, "系统迁移")]), "gs_online_rate", "swing")
    assert again.blocking and not again.explained


# ---- 3. year on year and the partners of a filed rate ----------------------------------------------

def test_growth_from_a_zero_base_is_to_verify(catalog):
    values = [*typed(catalog, "2022Q3", {"bs_equity_pledges": "0"}),
              *typed(catalog, Q3, {"bs_equity_pledges": "47", "bs_equity_growth": "100%"})]
    finding = one(findings(catalog, values), "bs_equity_growth", "yoy:bs_equity_growth")
    assert finding.severity == Severity.WARNING
    assert_names(finding.message, "填报100%", "股权出质设立次数上年同期为0", "不能除以0")


def test_growth_without_last_years_base_is_to_verify(catalog):
    values = typed(catalog, Q3, {"bs_equity_pledges": "47", "bs_equity_growth": "-14.5%"})
    finding = one(findings(catalog, values), "bs_equity_growth", "yoy:bs_equity_growth")
    assert finding.severity == Severity.WARNING
    assert_names(finding.message, "填报-14.5%", "股权出质设立次数上年同期没有填报", "补填上年同期")


@pytest.mark.parametrize("rate", ["0%", "100%"])
def test_a_rate_of_nothing_over_nothing_is_to_verify(catalog, rate):
    values = typed(catalog, Q3, {"pc_nonopen_remote_rate": rate, "pc_nonopen_remote": "0", "pc_nonopen_projects": "0"})
    finding = one(findings(catalog, values), "pc_nonopen_remote_rate", "ratio:pc_nonopen_remote_rate")
    assert finding.severity == Severity.WARNING
    assert_names(finding.message, "非公开招标不见面评审项目数和非公开招标项目数均为0", f"非公开招标不见面开标率{rate}")


def test_a_rate_over_a_zero_denominator_is_impossible(catalog):
    values = typed(catalog, Q3, {"pc_nonopen_remote_rate": "100%", "pc_nonopen_remote": "3", "pc_nonopen_projects": "0"})
    finding = one(findings(catalog, values), "pc_nonopen_remote_rate", "ratio:pc_nonopen_remote_rate")
    assert finding.severity == Severity.ERROR and "非公开招标项目数为0而非公开招标不见面评审项目数为3" in finding.message


def test_clearing_a_rate_of_nothing_over_nothing_as_the_message_advises_does_not_block(catalog):
    values = typed(catalog, Q3, {"pc_nonopen_remote": "0", "pc_nonopen_projects": "0"})
    assert on(findings(catalog, values, final=True), "pc_nonopen_remote_rate") == set()
    one_filed = typed(catalog, Q3, {"pc_nonopen_remote": "0", "pc_nonopen_projects": "4"})  # 0 ÷ 4 is a rate: 0%
    assert on(findings(catalog, one_filed, final=True), "pc_nonopen_remote_rate") == {("required", Severity.ERROR)}


@pytest.fixture(scope="module")
def optional_partners():
    """A district where the counts behind 非公开招标不见面开标率 are not required on their own."""
    return catalog_with({"pc_nonopen_remote": {"required": False}, "pc_nonopen_projects": {"required": False}})


def test_a_filed_rate_needs_its_numerator_and_denominator_in_a_final_check(optional_partners):
    values = typed(optional_partners, Q3, {"pc_nonopen_remote_rate": "86.96%"})
    assert not [f for f in findings(optional_partners, values) if f.rule == "required"]
    found = findings(optional_partners, values, final=True)
    for partner, name in (("pc_nonopen_remote", "非公开招标不见面评审项目数"), ("pc_nonopen_projects", "非公开招标项目数")):
        finding = one(found, partner, "required")
        assert finding.severity == Severity.ERROR and finding.params == {"filed": "pc_nonopen_remote_rate"}
        assert_names(finding.message, f"{name}尚未填报", "非公开招标不见面开标率已填报", "正式报送前请补填")


def test_a_filed_growth_needs_its_base_in_a_final_check(catalog):
    # 股权出质设立次数 and its growth are both optional: filing the growth makes the count due
    found = findings(catalog, typed(catalog, Q3, {"bs_equity_growth": "-14.5%"}), final=True)
    finding = one(found, "bs_equity_pledges", "required")
    assert finding.severity == Severity.ERROR
    assert_names(finding.message, "股权出质设立次数尚未填报", "股权出质设立同比增长已填报")
    assert on(found, "bs_equity_growth") == set()  # without this year's base the growth itself is not judged


def test_a_filed_base_alone_does_not_ask_for_its_growth(catalog):
    found = findings(catalog, typed(catalog, Q3, {"bs_equity_pledges": "47"}), final=True)
    assert on(found, "bs_equity_growth") == set()


def test_a_required_partner_is_reported_once_as_missing(catalog):
    found = findings(catalog, typed(catalog, Q3, {"pc_nonopen_remote_rate": "86.96%"}), final=True)
    finding = one(found, "pc_nonopen_projects", "required")
    assert finding.params == {} and "是必填指标" in finding.message


# ---- 4. swings: percentage points for rates, like with like ---------------------------------------

def test_a_share_falling_40_points_is_to_verify(catalog):
    finding = one(findings(catalog, online_rate_fall(catalog)), "gs_online_rate", "swing")
    assert finding.severity == Severity.WARNING and finding.params["change"] == -40
    assert_names(finding.message, "网上可办率2023年第三季度为60%", "2023年第二季度的100%", "减少40个百分点", "超过10个百分点")


@pytest.mark.parametrize("now", ["95%", "90%"])
def test_a_share_moving_within_10_points_raises_nothing(catalog, now):
    values = series(catalog, "gs_online_rate", {"2023Q2": "100%", Q3: now})
    assert "swing" not in {f.rule for f in findings(catalog, values)}


def test_just_beyond_10_points_is_a_swing(catalog):
    values = series(catalog, "gs_online_rate", {"2023Q2": "100%", Q3: "89.99%"})
    assert one(findings(catalog, values), "gs_online_rate", "swing").params["change"] == -10.01


def test_the_points_threshold_is_set_per_metric(catalog):
    strict = catalog_with({"gs_online_rate": {"swing_points": 3}})
    values = series(strict, "gs_online_rate", {"2023Q2": "100%", Q3: "95%"})
    assert "超过3个百分点" in one(findings(strict, values), "gs_online_rate", "swing").message


CLOSE_RATES = {"2022Q1": "32%", "2022Q2": "57%", "2022Q3": "83%", "2023Q1": "30%", "2023Q2": "55%", Q3: "85%"}


@pytest.mark.parametrize("period", ["2023Q1", "2023Q2", Q3])
def test_a_year_to_date_rate_rising_through_the_year_raises_nothing(catalog, period):
    # 结案率 so far: 30% → 55% → 85% as cases close; like last year's 32% → 57% → 83%
    assert findings(catalog, series(catalog, "ct_close_rate", CLOSE_RATES), period) == []


def test_a_year_to_date_rate_is_compared_with_the_same_quarter_last_year(catalog):
    values = series(catalog, "ct_close_rate", CLOSE_RATES | {"2022Q3": "60%"})
    finding = one(findings(catalog, values), "ct_close_rate", "swing")
    assert finding.severity == Severity.WARNING
    assert_names(finding.message, "结案率2023年前三季度为85%", "2022年前三季度的60%", "增加25个百分点")


def test_a_year_to_date_rate_may_fall_within_the_year(catalog):
    values = series(catalog, "ct_close_rate", {Q3: "85%", "2023Q4": "83%", "2022Q4": "82%"})
    assert findings(catalog, values, "2023Q4") == []


@pytest.mark.parametrize(("before", "now", "flagged"), [
    ("7", "12", False),  # +71%, but 5 visits: within 3·√12 ≈ 10, chance
    ("40", "62", False),  # +55%, 22 visits: within 3·√62 ≈ 23.6
    ("90", "150", True),  # +66.7%, 60 visits: beyond 3·√150 ≈ 36.7
])
def test_a_count_moving_by_chance_is_no_news(catalog, before, now, flagged):
    values = series(catalog, "ct_firm_visits", {"2022Q3": before, Q3: now})
    swings = [f for f in findings(catalog, values) if f.rule == "swing"]
    assert bool(swings) == flagged
    if flagged:
        assert swings[0].severity == Severity.WARNING
        assert_names(swings[0].message, "法院走访企业数2023年前三季度为150家", "2022年前三季度的90家", "增加66.7%")


# ---- 5. outliers against the figure's own history ------------------------------------------------

TRANSFER_DAYS = {"2021Q3": "3.2", "2021Q4": "3.4", "2022Q1": "3.1", "2022Q2": "3.5",
                 "2022Q3": "3.3", "2022Q4": "3.0", "2023Q1": "3.4", "2023Q2": "3.2"}


def transfer_days(catalog, now, history=TRANSFER_DAYS):
    return series(catalog, "rp_transfer_days", history | {Q3: now})


def test_a_level_far_outside_its_history_is_to_verify(catalog):
    # changes of 3.0–3.5 工作日 over eight quarters: median −0.2, MAD 0.1 → 3.2 − 0.645 … 3.2 + 0.4
    found = findings(catalog, transfer_days(catalog, "7.5"))
    finding = one(found, "rp_transfer_days", "outlier")
    assert finding.severity == Severity.WARNING and finding.blocking
    assert (finding.params["low"], finding.params["high"], finding.params["count"]) == (2.6, 3.6, 8)
    assert_names(finding.message, "不动产转移登记办理时间2023年第三季度为7.5工作日", "正常范围2.6～3.6工作日",
                 "2021年第三季度至2023年第二季度的8个可比数值 3.2、3.4、3.1、3.5、3.3、3、3.4、3.2工作日",
                 "中位数为-0.2工作日")
    assert "swing" not in {f.rule for f in found}  # history judges instead of the fixed threshold


@pytest.mark.parametrize("now", ["3.4", "3.0", "2.8"])
def test_a_level_within_its_usual_changes_raises_nothing(catalog, now):
    assert findings(catalog, transfer_days(catalog, now)) == []


def test_an_explained_outlier_no_longer_blocks(catalog):
    values = transfer_days(catalog, "7.5")
    finding = one(findings(catalog, values), "rp_transfer_days", "outlier")
    text = "7月起二手房转移登记须先完成税费联审，平均办理时间延长"
    again = one(findings(catalog, values, explanations=[explanation_of(finding, text)]), "rp_transfer_days", "outlier")
    assert again.explained and not again.blocking


def test_a_steady_trend_is_no_outlier(catalog):
    # 每万人有效发明专利拥有量 rising 1% a quarter, rounded to its 2 decimals: 18.00 … 19.30, then 19.49
    history, number = {}, 18.0
    for period in ("2021Q3", "2021Q4", "2022Q1", "2022Q2", "2022Q3", "2022Q4", "2023Q1", "2023Q2", Q3):
        history[period] = f"{number:.2f}"
        number = round(number * 1.01 + 1e-9, 2)
    found = findings(catalog, series(catalog, "ip_patents_per_10k", history))
    assert {f.rule for f in found} == {"target"}  # below 22 before Q4: progress only
    jumped = findings(catalog, series(catalog, "ip_patents_per_10k", history | {Q3: "23.5"}))
    assert "outlier" in {f.rule for f in jumped}  # the same history does catch a jump


@pytest.mark.parametrize("now", ["19.40", "19.45", "19.30"])  # slower than 1% a quarter, or standing still
def test_a_trend_slowing_a_little_is_no_outlier(catalog, now):
    history = {"2021Q3": "18.00", "2021Q4": "18.18", "2022Q1": "18.36", "2022Q2": "18.54", "2022Q3": "18.73",
               "2022Q4": "18.92", "2023Q1": "19.11", "2023Q2": "19.30", Q3: now}
    assert "outlier" not in {f.rule for f in findings(catalog, series(catalog, "ip_patents_per_10k", history))}


def test_with_short_history_the_swing_rule_judges(catalog):
    short = {"2023Q1": "3.1", "2023Q2": "3.2"}
    found = findings(catalog, transfer_days(catalog, "7.5", short))
    assert on(found, "rp_transfer_days") == {("swing", Severity.WARNING)}
    assert_names(one(found, "rp_transfer_days", "swing").message, "2023年第二季度的3.2工作日", "增加134.4%")


# 不动产登记办件量 so far: each first quarter near 1200, each year's total near 5000
REGISTRATIONS = {f"{year}Q{q}": str(n) for year, firsts in
                 ((2018, 1200), (2019, 1250), (2020, 1180), (2021, 1230), (2022, 1260))
                 for q, n in ((1, firsts), (2, firsts * 2 + 50), (3, firsts * 3 + 80), (4, firsts * 4 + 100))}


@pytest.mark.parametrize("now", ["1240", "1300"])
def test_a_first_quarter_is_compared_with_earlier_first_quarters_not_last_q4(catalog, now):
    found = findings(catalog, series(catalog, "rp_cases", REGISTRATIONS | {"2023Q1": now}), "2023Q1")
    assert found == []  # 5140 last Q4 → 1240 this Q1 is the year starting again, not a fall


def test_a_cumulative_figure_outside_its_seasons_is_to_verify(catalog):
    found = findings(catalog, series(catalog, "rp_cases", REGISTRATIONS | {"2023Q1": "2500"}), "2023Q1")
    finding = one(found, "rp_cases", "outlier")
    assert finding.severity == Severity.WARNING
    assert_names(finding.message, "不动产登记办件量2023年一季度为2500件", "2018年一季度至2022年一季度的5个可比数值",
                 "1200、1250、1180、1230、1260件")


# ---- 6. targets: judged when due --------------------------------------------------------------------

def test_a_year_end_target_before_q4_is_progress(catalog):
    finding = one(findings(catalog, typed(catalog, Q3, {"gs_online_rate": "93%"})), "gs_online_rate", "target")
    assert finding.severity == Severity.INFO and not finding.blocking
    assert_names(finding.message, "网上可办率2023年第三季度为93%", "年度目标≥96%", "目标到2023年第四季度末考核")


def test_a_year_end_target_missed_at_q4_is_to_verify(catalog):
    finding = one(findings(catalog, typed(catalog, "2023Q4", {"gs_online_rate": "93%"}), "2023Q4"),
                  "gs_online_rate", "target")
    assert finding.severity == Severity.WARNING and finding.blocking
    assert_names(finding.message, "网上可办率为93%", "未达到年度目标≥96%", "湾里管理局2023年行动方案")


def test_a_target_met_raises_nothing(catalog):
    assert findings(catalog, typed(catalog, "2023Q4", {"gs_online_rate": "96%"}), "2023Q4") == []


@pytest.mark.parametrize(("period", "jobs", "expected"), [
    ("2023Q1", "14749", "14750人（1/4）"), ("2023Q1", "14750", None),
    ("2023Q2", "29000", "29500人（2/4）"), (Q3, "44249", "44250人（3/4）"), (Q3, "44250", None),
])
def test_a_cumulative_target_is_held_to_its_time_proportional_progress(catalog, period, jobs, expected):
    found = findings(catalog, typed(catalog, period, {"lb_new_jobs": jobs}), period)
    if expected is None:
        assert found == []
        return
    finding = one(found, "lb_new_jobs", "target")
    assert finding.severity == Severity.WARNING
    assert_names(finding.message, f"新增就业人数截至{Period.parse(period).cumulative_label}为{jobs}人",
                 "年度目标≥59000人", f"按季度折算的进度{expected}")


def test_a_cumulative_target_missed_at_year_end(catalog):
    finding = one(findings(catalog, typed(catalog, "2023Q4", {"lb_new_jobs": "58999"}), "2023Q4"), "lb_new_jobs", "target")
    assert finding.severity == Severity.WARNING and "未达到年度目标≥59000人" in finding.message


def test_a_stock_target_shows_its_progress_from_the_baseline():
    from_90 = catalog_with({"gs_online_rate": {"target": {"op": ">=", "value": 96, "baseline": 90, "due": 4}}})
    finding = one(findings(from_90, typed(from_90, Q3, {"gs_online_rate": "93%"})), "gs_online_rate", "target")
    assert finding.severity == Severity.INFO and finding.params["done"] == 50
    assert_names(finding.message, "由基线90%起已完成50%", "目标到2023年第四季度末考核")


@pytest.mark.parametrize(("period", "severity"), [("2023Q1", Severity.INFO), ("2023Q2", Severity.WARNING),
                                                  (Q3, Severity.WARNING)])
def test_a_target_due_at_midyear_is_judged_from_q2_on(period, severity):
    midyear = catalog_with({"gs_online_rate": {"target": {"op": ">=", "value": 96, "due": 2}}})
    finding = one(findings(midyear, typed(midyear, period, {"gs_online_rate": "93%"}), period), "gs_online_rate", "target")
    assert finding.severity == severity
    if severity == Severity.INFO:
        assert "目标到2023年第二季度末考核" in finding.message


def test_a_cumulative_target_due_at_midyear_is_pro_rated_to_it():
    midyear = catalog_with({"lb_new_jobs": {"target": {"op": ">=", "value": 59000, "due": 2}}})
    finding = one(findings(midyear, typed(midyear, "2023Q1", {"lb_new_jobs": "29000"}), "2023Q1"), "lb_new_jobs", "target")
    assert "29500人（1/2）" in finding.message


def test_a_target_belongs_to_its_evaluation_year(catalog):
    assert findings(catalog, typed(catalog, "2022Q4", {"gs_online_rate": "93%"}), "2022Q4") == []


def test_a_cumulative_sum_past_its_ceiling_has_missed_it_already():
    # 政务服务事项收费 kept as a year-to-date sum: 1200元 charged by midyear can no longer be ≤ 0 at year end
    cumulative_fees = catalog_with({"cp_fees": {"kind": "ytd"}})
    found = findings(cumulative_fees, typed(cumulative_fees, "2023Q2", {"cp_fees": "1200元"}), "2023Q2")
    finding = one(found, "cp_fees", "target")
    assert finding.severity == Severity.WARNING and "届时" not in finding.message


# ---- 7. approximations: no exact operands ------------------------------------------------------------

@pytest.fixture(scope="module")
def served_total():
    """A district that files 服务企业户次合计 = 走访企业户次 + 培训辅导企业户次 (培训 may be 8000余)."""
    total = {"code": "tx_served_total", "name": "服务企业户次合计", "unit": "户次", "kind": "ytd",
             "value_type": "count", "required": False}
    relation = {"kind": "sum", "total": "tx_served_total", "parts": ["tx_firm_visits", "tx_trained_firms"]}
    return catalog_with(added={"taxation": [total]}, relations=[relation])


def taxation(catalog, trained):
    return typed(catalog, Q3, {"tx_served_total": "9300", "tx_firm_visits": "1297", "tx_trained_firms": trained})


def test_an_approximation_stays_out_of_identities(served_total):
    assert findings(served_total, taxation(served_total, "8000余")) == []


def test_the_same_figure_typed_exactly_is_judged(served_total):
    finding = one(findings(served_total, taxation(served_total, "8000")), "tx_served_total", "sum:tx_served_total")
    assert finding.severity == Severity.ERROR
    assert_names(finding.message, "服务企业户次合计填报9300户次", "走访企业户次1297 + 培训辅导企业户次8000 = 9297户次")


def test_an_approximation_is_listed_only_in_a_final_check(served_total):
    found = findings(served_total, taxation(served_total, "8000余"), final=True)
    finding = one(found, "tx_trained_firms", "placeholder")
    assert finding.severity == Severity.INFO and not finding.blocking
    assert_names(finding.message, "培训辅导企业户次", "约数“8000余”", "不参与分项、比率等核对")
    assert "sum:tx_served_total" not in {f.rule for f in found}


def test_an_approximation_where_the_metric_allows_none_is_mandatory(catalog):
    finding = one(findings(catalog, [stored(catalog, Q3, "ct_cases_accepted", 34000, "34000余")]),
                  "ct_cases_accepted", "placeholder")
    assert finding.severity == Severity.ERROR and "“34000余”（约数）" in finding.message


# ---- 8. the demo year -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(catalog):
    return [Value(period=e.period, dept=e.dept, metric=e.metric, number=e.number, raw=e.raw) for e in demo_entries(catalog)]


# Every warning of the demo's 2023 quarters is a real question for the filer, each with its reason.
DEMO_WARNINGS = {
    "2023Q1": {
        ("gs_assistant_orders", "swing"),  # 842 → 1940 work orders (+130%)
        ("gs_instant_items", "swing"),  # 21 → 32 秒批秒办 items in one quarter: listed items change by decision
        ("el_low_voltage_capacity", "swing"),  # 100 → 160 千伏安 from 2023: a level against last Q4
        ("rp_pledge_transfers", "swing"), ("ip_pledge_amount", "swing"),  # new business: from 0
        ("pc_remote_deal_rate", "swing"),  # +16.27 points on 2022Q1
        ("lb_new_jobs", "target"), ("ii_projects", "target"), ("ii_key_projects", "target"),  # behind 序时进度
    },
    "2023Q2": {
        ("gs_assistant_orders", "swing"), ("rp_pledge_transfers", "swing"), ("ip_pledge_amount", "swing"),
        ("ct_firm_visits", "swing"),  # 54 → 90 visits
        ("pc_nonopen_remote_rate", "swing"), ("pc_remote_deal_rate", "swing"),  # +14.12 and +16.34 points
        ("lb_new_jobs", "target"), ("ii_projects", "target"), ("ii_key_projects", "target"),
    },
    Q3: {
        ("gs_assistant_orders", "swing"),  # 3120 → 7185 work orders (+130%)
        ("rp_pledge_transfers", "swing"), ("ip_pledge_amount", "swing"),  # new business: from 0
        ("ct_law_firm_visits", "swing"), ("ct_firm_visits", "swing"),  # 40 → 70, 90 → 150 visits
        ("pc_nonopen_remote_rate", "swing"), ("pc_remote_deal_rate", "swing"),  # +13.52 and +16.4 points
        ("bs_equity_growth", "yoy:bs_equity_growth"),  # −14.5% printed for −14.55%
    },
}


@pytest.mark.parametrize("period", sorted(DEMO_WARNINGS))
def test_the_demo_year_has_no_error_and_only_explainable_warnings(catalog, demo, period):
    report = validate(demo, catalog, Period.parse(period), final=True)
    assert not report.of_severity(Severity.ERROR), [f.message for f in report.of_severity(Severity.ERROR)]
    warnings = report.of_severity(Severity.WARNING)
    assert {(f.metric, f.rule) for f in warnings} == DEMO_WARNINGS[period]
    explained = [explanation_of(f, "已核实，情况属实") for f in warnings]
    assert validate(demo, catalog, Period.parse(period), final=True, explanations=explained).ok


def test_the_demo_third_quarter_infos(catalog, demo):
    infos = validate(demo, catalog, Period.parse(Q3), final=True).of_severity(Severity.INFO)
    # The report's 意向公开率 99.28% is 139 ÷ 140 = 99.2857% cut off, not rounded (140 is the only whole
    # denominator that gives 99.28…), as its 简易注销同比 36.92% is: both 应四舍五入.  无事不扰 99.96% is
    # short of the 100% the plan names (比例达100%), due at year end: progress, no 说明 needed.
    assert [(f.metric, f.rule) for f in infos] == [("ms_no_disturb_rate", "target"),
                                                   ("pc_intent_rate", "ratio:pc_intent_rate"),
                                                   ("bs_simple_cancel_growth", "yoy:bs_simple_cancel_growth")]
