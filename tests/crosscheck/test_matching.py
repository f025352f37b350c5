"""Figures read as values of catalog metrics: the phrase, the section, the ties, the period."""

import pytest

from models.periods import Period
from validation.crosscheck import Ref, read

Q3 = Period.parse("2023Q3")


def pairs(text, catalog, period=Q3, dept=None):
    return [(m.metric, m.value) for m in read(text, catalog, period, dept).matches]


def test_the_compound_court_sentence_splits_into_four_metrics(catalog):
    text = "8.执行合同指标(区法院牵头):截至2023年9月30日,共计受理案件(含旧存665件)34200件,结案28936件,结案率84.61%。"
    assert pairs(text, catalog) == [
        ("ct_cases_old", 665), ("ct_cases_accepted", 34200), ("ct_cases_closed", 28936), ("ct_close_rate", 84.61)]


def test_only_the_metrics_of_the_section_are_candidates(catalog):
    # 结案率 in the labour section is the arbitration close rate only when named so; a bare 结案率
    # there is no court figure
    court = "8.执行合同指标:结案率84.61%。"
    labour = "10.劳动力市场监管指标:结案率84.61%。劳动人事争议仲裁结案率93.6%。"
    assert pairs(court, catalog) == [("ct_close_rate", 84.61)]
    assert pairs(labour, catalog) == [("lb_arbitration_close_rate", 93.6)]


def test_outside_any_section_every_metric_is_a_candidate(catalog):
    assert pairs("区法院共计走访企业150余家。", catalog) == [("ct_firm_visits", 150)]


def test_with_a_department_text_outside_sections_is_read_as_its_metrics(catalog):
    text = "今年共计走访企业31159户次,调度会议7次。"
    assert pairs(text, catalog) == [("tx_firm_visits", 31159), ("gs_dispatch_meetings", 7)]
    assert pairs(text, catalog, dept="tax") == [("tx_firm_visits", 31159)]


def test_the_unit_must_fit_the_metric(catalog):
    # 走访企业 names the tax office's visits (户次) and the court's (家): the unit decides
    assert pairs("走访企业150家。", catalog) == [("ct_firm_visits", 150)]
    assert pairs("走访企业150户次。", catalog) == [("tx_firm_visits", 150)]


def test_a_generic_alias_needs_the_sentence_to_name_its_indicator(catalog):
    fairs = "10.劳动力市场监管指标:累计开展线上招聘会197场线下19场,共216场。"
    assert pairs(fairs, catalog) == [("lb_fairs_online", 197), ("lb_fairs_offline", 19), ("lb_fairs_total", 216)]
    assert pairs("10.劳动力市场监管指标:开展活动,共216场。", catalog) == []  # 共 alone says nothing


def test_the_figure_after_its_name_and_the_name_after_its_figure(catalog):
    text = "1.政务服务指标:对74项涉企经营许可事项进行改革;区政府已召开调度会议7次。"
    assert pairs(text, catalog) == [("gs_license_reform_items", 74), ("gs_dispatch_meetings", 7)]


def test_the_longest_name_wins_and_a_negated_name_does_not_count(catalog):
    text = "4.招标投标指标:完成必须招标工程招标投标项目17个,完成非必须招标工程(400万元以下小额工程)招标投标项目3个。"
    assert pairs(text, catalog) == [("bd_required_projects", 17), ("bd_small_projects", 3)]


def test_a_growth_rate_belongs_to_the_figure_before_it(catalog):
    text = "12.开办企业指标:企业变更21046次,同比新增2.1%;注销企业2970户,同比新增33.78%;股权出质设立47次,同比新增-14.5%。"
    assert pairs(text, catalog) == [
        ("bs_changes", 21046), ("bs_changes_growth", 2.1), ("bs_cancellations", 2970),
        ("bs_cancel_growth", 33.78), ("bs_equity_pledges", 47), ("bs_equity_growth", -14.5)]


def test_a_shared_name_goes_to_the_metric_the_sentence_speaks_of(catalog):
    text = ("12.开办企业指标:区新设立企业9057户,合计网上办件率99.26%;"
            "企业(含合作社)变更21046次,合计网上办件率41.58%。")
    found = dict((value, metric) for metric, value in pairs(text, catalog))
    assert found[99.26] == "bs_new_online_rate" and found[41.58] == "bs_change_online_rate"


def test_enumerations_are_read_in_order_and_carried_to_the_next_clause(catalog):
    text = ("2.办理建筑许可指标:如施工许可、消防设计审查、消防验收或备案法定工作日分别为10个、20个、20个工作日,"
            "我区的承诺办结时限压缩至5个、7个、15个工作日。")
    assert pairs(text, catalog) == [
        ("cp_construction_legal_days", 10), ("cp_fire_design_legal_days", 20), ("cp_fire_accept_legal_days", 20),
        ("cp_construction_promise_days", 5), ("cp_fire_design_promise_days", 7), ("cp_fire_accept_promise_days", 15)]


def test_a_clause_without_figure_names_the_figure_of_the_next(catalog):
    text = "10.劳动力市场监管指标:加快特殊工时,不定时工时审批,将原先15天审批事项缩减到8个工作日完成。"
    assert pairs(text, catalog) == [("lb_special_hours_days", 8)]  # 15天 is in days, the limit in working days


@pytest.mark.parametrize("text,metric,value", [
    ("7.获得信贷指标:目前已实现融资对接近千万元。", "cr_financing_amount", 1000),  # 千万元 → 万元
    ("(十劳动力市场监管。力争全年新增就业5.9万人。", "lb_new_jobs", 59000),
    ("(一)开办企业:助力企业开办压缩至0.5个工作日。", "bs_start_hours", 4),  # a working day has 8 hours
])
def test_values_are_converted_to_the_metrics_unit(catalog, text, metric, value):
    assert pairs(text, catalog) == [(metric, value)]


def test_which_period_a_figure_speaks_of(catalog):
    text = ("5.获得用水用气指标:截止2023年10月与2022年管网漏损率9.33%相比,现管网漏水率已下降至8.93%。"
            "3.获得电力指标:推进小微企业低压接电容量由100千伏安提升至160千伏安。"
            "11.政府采购指标:电子卖场采购金额6074.82万元,比去年同期增长102.46%。")
    refs = [(m.metric, m.value, m.ref) for m in read(text, catalog, Q3).matches]
    assert refs == [
        ("wg_leak_rate", 9.33, Ref.LAST_YEAR), ("wg_leak_rate", 8.93, Ref.CURRENT),
        ("el_low_voltage_capacity", 100, Ref.EARLIER), ("el_low_voltage_capacity", 160, Ref.CURRENT),
        ("pc_emall_amount", 6074.82, Ref.CURRENT), ("pc_emall_growth", 102.46, Ref.CURRENT)]


def test_a_year_two_years_back_is_another_period(catalog):
    (match,) = read("5.获得用水用气指标:2021年管网漏损率9.8%。", catalog, Q3).matches
    assert match.ref == Ref.OTHER


def test_placeholders_are_matched_like_figures(catalog):
    (match,) = read("1.政务服务指标:全区共推出秒批秒办事项XX项。", catalog, Q3).matches
    assert (match.metric, match.value, match.figure.raw) == ("gs_instant_items", None, "XX项")
