"""The 2023 catalog against the seed reports: indicators, leads, metrics, targets, relations."""

import json
from dataclasses import replace

import pytest

from app.demo import load_anchors
from models.catalog import VALUE_TYPES, Kind, RuleKind, ValueType
from tests.conftest import seed_text

SEED_000_INDICATORS = [
    "政务服务", "办理建筑许可", "获得电力", "招标投标", "包容普惠创新", "获得用水用气", "登记财产", "纳税",
    "获得信贷", "执行合同", "办理破产", "劳动力市场监管", "政府采购", "开办企业", "知识产权创造、保护和运用",
    "市场监管",
]
# Lead departments as seed 000 names them: "N.xxx指标(区yyy牵头)".
SEED_000_LEADS = {
    "政务服务": "区政数局", "办理建筑许可": "区住建局", "获得电力": "区住建局", "招标投标": "区住建局",
    "获得用水用气": "区城管执法局", "纳税": "区税务局", "获得信贷": "区金融办", "执行合同": "区法院",
    "办理破产": "区法院", "劳动力市场监管": "区人社局", "政府采购": "区财政局", "开办企业": "区市场监管局",
    "知识产权创造、保护和运用": "区市场监管局", "市场监管": "区市场监管局",
}
# (metric, the words of seed 000 that state it, the figure)
SEED_000_FIGURES = [
    ("gs_items", "依申请政务服务事项1297项", 1297), ("gs_online_rate", "网上可办率100%", 100),
    ("gs_full_online_rate", "全程网办率99.38%", 99.38), ("gs_instant_items", "秒批秒办事项33项", 33),
    ("el_online_rate", "线上办电率达99.98%", 99.98), ("el_low_voltage_steps", "低压办电环节压减至2个", 2),
    ("el_high_voltage_steps", "高压办电环节压减至3个", 3), ("el_low_voltage_capacity", "提升至160千伏安", 160),
    ("bd_required_projects", "招标投标项目17个", 17), ("bd_small_projects", "招标投标项目3个", 3),
    ("wg_leak_rate", "下降至8.93%", 8.93), ("tx_firm_visits", "走访企业为31159户次", 31159),
    ("tx_staff_visits", "重点办税人员970人次", 970), ("cr_matchmaking_events", "融资对接活动6次", 6),
    ("ct_cases_accepted", "665件)34200件", 34200), ("ct_cases_old", "旧存665件", 665),
    ("ct_cases_closed", "结案28936件", 28936), ("ct_close_rate", "结案率84.61%", 84.61),
    ("bk_exec_to_bankruptcy", "执转破立案12件", 12), ("lb_fairs_online", "线上招聘会197场", 197),
    ("lb_fairs_offline", "线下19场", 19), ("lb_fairs_total", "共216场", 216),
    ("lb_fair_firms", "共组织11943家企业", 11943), ("lb_jobs_offered", "就业岗位302904个", 302904),
    ("lb_resumes", "简历26456份", 26456), ("lb_hiring_intents", "就业意向10580", 10580),
    ("lb_startup_loans", "创业担保贷款1470万元", 1470), ("lb_startup_people", "扶持创业人数45人", 45),
    ("lb_jobs_driven", "带动就业人数222人", 222), ("pc_planned", "采购计划金额39238万元", 39238),
    ("pc_actual", "实际采购金额36922万元", 36922), ("pc_saved", "节约资金2316万元", 2316),
    ("pc_saving_rate", "资金节约率为5.9%", 5.9), ("pc_emall_amount", "电子卖场采购金额6074.82万元", 6074.82),
    ("pc_emall_growth", "同期增长102.46%", 102.46), ("pc_intent_items", "采购意向139条", 139),
    ("pc_intent_rate", "意向公开率99.28%", 99.28), ("pc_open_tenders", "不见面开标项目数63个", 63),
    ("pc_open_remote_rate", "不见面开标率100%", 100), ("pc_nonopen_projects", "非公开招标项目数69个", 69),
    ("pc_nonopen_remote_rate", "不见面开标率86.96%", 86.96), ("bs_new_firms", "新设立企业9057户", 9057),
    ("bs_new_coops", "设立合作社9户", 9), ("bs_new_growth", "合计同比新增 41.9%", 41.9),
    ("bs_new_online_rate", "合计网上办件率99.26%", 99.26), ("bs_changes", "变更21046次", 21046),
    ("bs_changes_growth", "同比新增2.1%", 2.1), ("bs_change_online_rate", "网上办件率41.58%", 41.58),
    ("bs_cancellations", "注销企业2970户", 2970), ("bs_cancel_growth", "同比新增33.78%", 33.78),
    ("bs_simple_cancellations", "简易注销2084户", 2084), ("bs_simple_cancel_growth", "同比新增36.92%", 36.92),
    ("bs_cancel_online_rate", "网上办件率79.09%", 79.09), ("bs_equity_pledges", "股权出质设立47次", 47),
    ("bs_equity_growth", "同比新增-14.5%", -14.5), ("bs_suspension_filings", "歇业备案9户", 9),
    ("bs_court_cancellations", "破产注销5次", 5), ("bs_hotline_daily", "每日提供服务102次", 102),
    ("ip_cases", "侵权15起", 15), ("ms_random_checks", "检查工作115次", 115),
    ("ms_checked_entities", "共检查2341户市场主体", 2341), ("ms_inventory_items", "检查实施清单426条", 426),
    ("ms_random_items", "双随机监管事项清单数168条", 168), ("ms_key_items", "重点监管事项清单数258条", 258),
    ("ms_joint_tasks", "联合部门检查任务数36条", 36), ("ms_joint_items", "联合部门检查事项数168条", 168),
    ("ms_low_risk_entities", "低风险市场主体数1户", 1), ("ms_own_items_share", "本部门检查事项占比100%", 100),
    ("ms_random_coverage", "双随机覆盖率100%", 100), ("ms_joint_share", "联合部门检查事项占比100%", 100),
    ("ms_no_disturb_rate", "实现率99.96%", 99.96), ("gs_nearby_cases", "176项109233件", 109233),
    ("cp_construction_legal_days", "分别为10个、20个、20个工作日", 10),
    ("cp_construction_promise_days", "压缩至5个、7个、15个工作日", 5),
]
# (metric, the words of seed 004 that set the target, comparator, value)
SEED_004_TARGETS = [
    ("el_online_rate", "线上办电率达到95%以上", ">=", 95),
    ("lb_arbitration_close_rate", "仲裁结案率稳定在90%以上", ">=", 90),
    ("ct_avg_trial_days", "平均审理周期压缩至90天", "<=", 90),
    ("tx_time_hours", "纳税时间压缩至70个小时以内", "<=", 70),
    ("pc_intent_rate", "意向公开比例占比达95%以上", ">=", 95),
    ("bd_remote_open_share", "占比80%以上", ">=", 80),
    ("gs_instant_items", "秒批秒办服务事项达30项", ">=", 30),
    ("ip_patents_per_10k", "每万人有效发明专利拥有量22件", ">=", 22),
    ("pc_remote_deal_rate", "不见面交易率70%以上", ">=", 70),
    ("bs_half_day_rate", "“半日办结率”达到95%以上", ">=", 95),
]


def test_sixteen_indicators_of_seed_000_plus_investor_protection(catalog):
    names = [i.name for i in catalog.indicators]
    assert set(SEED_000_INDICATORS) <= set(names)
    assert "保护中小投资者" in names and "保护中小投资者" in seed_text("004")
    assert len(names) >= 17
    text = seed_text("000")
    for name in SEED_000_INDICATORS:
        assert name in text


def test_every_indicator_has_the_lead_seed_000_names(catalog):
    text = seed_text("000")
    for indicator in catalog.indicators:
        lead = catalog.department(catalog.lead_of(indicator.code))
        assert lead is not None
        if indicator.name in SEED_000_LEADS:
            assert lead.name == SEED_000_LEADS[indicator.name]
            assert f"{indicator.name}指标({lead.name}牵头)" in text


def test_at_least_eighty_metrics_with_unique_ascii_codes(catalog):
    codes = [m.code for m in catalog.metrics]
    assert len(codes) >= 80
    assert len(set(codes)) == len(codes)
    assert all(code.isascii() for code in codes)


@pytest.mark.parametrize("code,words,figure", SEED_000_FIGURES)
def test_seed_000_figure_is_a_metric_and_the_demo_uses_it(catalog, code, words, figure):
    assert words in seed_text("000")
    metric = catalog.metric(code)
    assert metric is not None
    this_year, _ = load_anchors()
    assert this_year[code] == figure


@pytest.mark.parametrize("code,words,op,value", SEED_004_TARGETS)
def test_seed_004_targets(catalog, code, words, op, value):
    assert words in seed_text("004")
    target = catalog.metric(code).target
    assert (target.op, target.value) == (op, value)


def test_units_and_kinds_follow_the_figures(catalog):
    metric = catalog.metric
    assert metric("ct_close_rate").unit == "%" and metric("ct_close_rate").value_type == ValueType.SHARE
    assert metric("pc_emall_growth").value_type == ValueType.GROWTH
    assert metric("pc_emall_growth").upper_bound is None and metric("pc_emall_growth").lower_bound == -100
    assert metric("gs_online_rate").upper_bound == 100
    assert metric("ct_cases_accepted").kind == Kind.YTD and metric("ct_cases_accepted").is_integer
    assert metric("el_low_voltage_steps").value_type == ValueType.STEPS
    assert metric("pc_planned").unit == "万元" and metric("pc_emall_amount").decimals == 2
    assert metric("tx_time_hours").unit == "小时"
    assert metric("cp_construction_promise_days").unit == "工作日"


@pytest.mark.parametrize("kind,metrics", [
    (RuleKind.RATIO, ("ct_close_rate", "ct_cases_closed", "ct_cases_accepted")),
    (RuleKind.DIFFERENCE, ("pc_saved", "pc_planned", "pc_actual")),
    (RuleKind.SUM, ("lb_fairs_total", "lb_fairs_online", "lb_fairs_offline")),
    (RuleKind.COMMITMENT_LE_LIMIT, ("cp_construction_promise_days", "cp_construction_legal_days")),
    (RuleKind.PART_LE_WHOLE, ("bs_simple_cancellations", "bs_cancellations")),
    (RuleKind.YOY, ("pc_emall_growth", "pc_emall_amount")),
])
def test_relations_the_seeds_show(catalog, kind, metrics):
    rules = [r for r in catalog.rules_for(metrics[0]) if r.kind == kind]
    assert [r.metrics for r in rules] == [metrics]
    assert all(r in catalog.rules_for(code) for code in metrics for r in rules)


def test_per_metric_rules_follow_the_metric(catalog):
    kinds = lambda code: {r.kind for r in catalog.rules_for(code)}  # noqa: E731
    assert RuleKind.YTD_MONOTONIC in kinds("ct_cases_accepted")
    assert RuleKind.YTD_MONOTONIC not in kinds("ct_close_rate")
    assert RuleKind.TARGET in kinds("el_online_rate")
    assert RuleKind.TARGET not in kinds("ct_close_rate")
    assert {RuleKind.RANGE, RuleKind.PLACEHOLDER, RuleKind.REQUIRED} <= kinds("gs_items")


def test_rule_codes_are_stable_and_unique_per_metric(catalog):
    for metric in catalog.metrics:
        codes = [r.code for r in catalog.rules_for(metric.code)]
        assert len(codes) == len(set(codes)), metric.code
    assert "ratio:ct_close_rate" in [r.code for r in catalog.rules]


def test_the_lead_mapping_is_separate_from_the_definitions(catalog, tmp_path):
    from models.loader import DATA_DIR, catalog_from_file, load_profile

    profile = load_profile(DATA_DIR / "profile_honggutan.json")
    leads = dict(profile.leads, electricity="power_supply")  # 湾里: the power company leads
    wanli = replace(profile, district="湾里管理局", leads=leads)
    other = catalog_from_file(DATA_DIR / "catalog_2023.json", wanli)
    assert other.department_of("el_online_rate") == "power_supply"
    assert catalog.department_of("el_online_rate") == "housing"
    assert json.loads((DATA_DIR / "catalog_2023.json").read_text(encoding="utf-8")).get("leads") is None


def test_every_value_type_has_its_bounds():
    assert set(VALUE_TYPES) == set(ValueType)
    assert (VALUE_TYPES[ValueType.SHARE].lower, VALUE_TYPES[ValueType.SHARE].upper) == (0, 100)
    assert (VALUE_TYPES[ValueType.GROWTH].lower, VALUE_TYPES[ValueType.GROWTH].upper) == (-100, None)
    assert VALUE_TYPES[ValueType.COUNT].integer and not VALUE_TYPES[ValueType.AMOUNT].integer
