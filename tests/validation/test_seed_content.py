"""Checks the catalog's content fixes bring (issue 18), as an auditor reads the findings.

Seed 000 (红谷滩区, 2023年前三季度) gives 联合部门检查事项数168条 of 双随机监管事项清单数168条 (占比100%),
公开采购意向139条 at 意向公开率99.28%, 企业诉求55条 of which 已协调解决53条, “就近办” 109233件 counted
since its launch on 2022-06-27; seed 002 gives 市场主体总量 (21.38万户), and seed 004 (湾里管理局's
plan) asks that 专利质押融资金实现突破.  The 市场主体 figures below are built as a filer would type them.
"""

from models.catalog import Severity
from models.periods import Period
from tests.validation.support import series, typed
from validation.engine import validate

Q3 = "2023Q3"


def findings(catalog, values, period=Q3, **options):
    return list(validate(values, catalog, Period.parse(period), **options).findings)


def of_rule(found, rule):
    return [f for f in found if f.rule == rule]


def assert_names(message, *figures):
    for figure in figures:
        assert figure in message, f"“{figure}”不在消息中：{message}"


# ---- 市场主体总量: 期末 = 上年末 + 本年新设 − 本年注销 -------------------------------------------------

STOCK = "stock_flow:bs_entities_total"
FLOWS_Q3 = {"bs_entities_new": "24350户", "bs_entities_closed": "7140户"}


def entities(catalog, closing, last_december="95250户", flows=FLOWS_Q3):
    figures = typed(catalog, Q3, {"bs_entities_total": closing, **flows})
    if last_december is None:
        return figures
    return [*figures, *typed(catalog, "2022Q4", {"bs_entities_total": last_december})]


def test_a_total_that_is_last_decembers_plus_new_less_closed_passes(catalog):
    # 95250 + 24350 − 7140 = 112460
    assert of_rule(findings(catalog, entities(catalog, "112460户")), STOCK) == []


def test_a_total_off_the_balance_is_an_error_naming_all_four_figures_and_their_periods(catalog):
    (finding,) = of_rule(findings(catalog, entities(catalog, "112640户")), STOCK)
    assert finding.severity == Severity.ERROR and finding.metric == "bs_entities_total"
    assert_names(finding.message, "市场主体总量", "2023年第三季度末为112640户", "2022年第四季度末的95250户",
                 "2023年前三季度", "新设市场主体户数24350户", "注销市场主体户数7140户", "= 112460户", "相差180户")


def test_year_to_date_flows_start_from_last_decembers_total_not_last_quarters(catalog):
    """The balance reads the stock at the end of the flows' span: Q3's year-to-date flows start in
    January, so the opening is 2022Q4's total, not 2023Q2's."""
    values = [*entities(catalog, "112460户"), *typed(catalog, "2023Q2", {"bs_entities_total": "105000户"})]
    assert of_rule(findings(catalog, values), STOCK) == []


def test_without_last_decembers_total_the_balance_cannot_be_checked_a_warning(catalog):
    (finding,) = of_rule(findings(catalog, entities(catalog, "112460户", last_december=None)), STOCK)
    assert finding.severity == Severity.WARNING
    assert_names(finding.message, "112460户", "2022年第四季度", "没有填报", "补填")


def test_more_new_enterprises_than_new_market_entities_is_an_error(catalog):
    values = typed(catalog, Q3, {"bs_new_firms": "9057户", "bs_new_coops": "9户", "bs_new_total": "9066户",
                                 "bs_entities_new": "9000户"})
    (finding,) = of_rule(findings(catalog, values), "part_le_whole:bs_new_total")
    assert finding.severity == Severity.ERROR
    assert_names(finding.message, "9066", "9000")


# ---- ratios the catalog now declares ------------------------------------------------------------------

SEED_INSPECTION = {"ms_random_items": "168条", "ms_key_items": "258条", "ms_inventory_items": "426条",
                   "ms_joint_items": "168条", "ms_joint_share": "100%", "ms_own_items": "168条",
                   "ms_own_items_share": "100%"}


def test_the_seeds_inspection_shares_pass_as_printed(catalog):
    assert findings(catalog, typed(catalog, Q3, SEED_INSPECTION)) == []


def test_a_joint_inspection_share_that_is_not_joint_over_random_items_is_an_error(catalog):
    values = typed(catalog, Q3, SEED_INSPECTION | {"ms_joint_items": "150条"})  # 150 ÷ 168 = 89.29%
    (finding,) = of_rule(findings(catalog, values), "ratio:ms_joint_share")
    assert finding.severity == Severity.ERROR and finding.metric == "ms_joint_share"
    assert_names(finding.message, "联合部门检查事项占比", "100%", "150", "168", "89.29%")


def test_more_joint_items_than_random_items_is_an_error(catalog):
    values = typed(catalog, Q3, SEED_INSPECTION | {"ms_joint_items": "170条"})
    found = findings(catalog, values)
    assert [f.severity for f in of_rule(found, "part_le_whole:ms_joint_items")] == [Severity.ERROR]


def test_the_intent_rate_has_its_denominator_139_of_140_is_cut_off_not_wrong(catalog):
    seed = {"pc_intent_items": "139条", "pc_intent_due": "140条", "pc_intent_rate": "99.28%"}
    (finding,) = of_rule(findings(catalog, typed(catalog, Q3, seed)), "ratio:pc_intent_rate")
    assert finding.severity == Severity.INFO and "应四舍五入为99.29%" in finding.message
    (finding,) = of_rule(findings(catalog, typed(catalog, Q3, seed | {"pc_intent_due": "150条"})),
                         "ratio:pc_intent_rate")
    assert finding.severity == Severity.ERROR
    assert_names(finding.message, "99.28%", "139", "150", "92.67%")


# ---- 企业诉求 ---------------------------------------------------------------------------------------------

def test_more_demands_resolved_than_received_is_an_error(catalog):
    seed = {"gs_demands": "55条", "gs_demands_resolved": "53条", "gs_demand_satisfaction": "96%"}
    assert findings(catalog, typed(catalog, Q3, seed)) == []
    swapped = seed | {"gs_demands": "53条", "gs_demands_resolved": "55条"}
    (finding,) = of_rule(findings(catalog, typed(catalog, Q3, swapped)), "part_le_whole:gs_demands_resolved")
    assert finding.severity == Severity.ERROR
    assert_names(finding.message, "办结企业诉求数", "55", "受理企业诉求数", "53")


# ---- kinds: a running total since launch is a level ------------------------------------------------------

def test_a_count_since_launch_is_compared_with_last_quarter_not_reset_in_january(catalog):
    """就近办办件量 runs from 2022-06-27 (109233件 by 2023Q3): each quarter adds to the last, and
    January does not start again, so 2023Q3 is held against 2023Q2, not against 2022Q3."""
    values = series(catalog, "gs_nearby_cases", {"2022Q3": "45000件", "2022Q4": "62000件", "2023Q1": "78000件",
                                                 "2023Q2": "93000件", Q3: "109233件"})
    assert findings(catalog, values) == []


# ---- a target of “实现突破”: more than nothing --------------------------------------------------------------

def test_a_breakthrough_target_is_missed_by_nothing_at_year_end(catalog):
    assert catalog.metric("ip_pledge_amount").target.text("万元") == ">0万元"
    (finding,) = of_rule(findings(catalog, typed(catalog, "2023Q4", {"ip_pledge_amount": "0"}), "2023Q4"), "target")
    assert finding.severity == Severity.WARNING
    assert_names(finding.message, "专利质押融资金额", "0万元", "未达到年度目标>0万元", "实现突破")
    (early,) = of_rule(findings(catalog, typed(catalog, Q3, {"ip_pledge_amount": "0"})), "target")
    assert early.severity == Severity.INFO  # before its due quarter: progress, not 落后于序时进度
    assert of_rule(findings(catalog, typed(catalog, "2023Q4", {"ip_pledge_amount": "2600万元"}), "2023Q4"),
                   "target") == []
