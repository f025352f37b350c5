"""parse_entry: the forms filers really type, and every refusal with its reason."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.catalog import Metric
from tests.conftest import seed_text
from validation.parsing import EntryError, parse_entry


def parsed(catalog, code, text):
    return parse_entry(text, catalog.metric(code))


def refused(catalog, code, text) -> EntryError:
    with pytest.raises(EntryError) as info:
        parse_entry(text, catalog.metric(code))
    return info.value


@pytest.mark.parametrize(("code", "text", "number", "decimals"), [
    ("gs_full_online_rate", "99.38%", 99.38, 2),
    ("gs_full_online_rate", "99.38", 99.38, 2),
    ("ct_close_rate", " 84.61 ％ ", 84.61, 2),
    ("ct_close_rate", "８４．６１％", 84.61, 2),
    ("ct_close_rate", "84。61", 84.61, 2),
    ("ct_close_rate", "百分之八十", 80, 0),
    ("gs_online_rate", "100%", 100, 0),  # exactly 100 % is a share
    ("gs_online_rate", "0", 0, 0),
    ("gs_items", "1,297", 1297, 0),
    ("gs_items", "１２９７", 1297, 0),
    ("gs_items", "1297项", 1297, 0),
    ("gs_items", "1297个", 1297, 0),  # 个 is the general measure word for counts
    ("gs_items", "1297.0", 1297, 1),
    ("ct_cases_accepted", "34,200件", 34200, 0),
    ("ct_cases_accepted", "3.42万", 34200, 0),
    ("ct_cases_accepted", "3.42万件", 34200, 0),
    ("gs_nearby_cases", "10.9233萬", 109233, 0),  # traditional characters
    ("gs_items", "一千二百九十七", 1297, 0),
    ("gs_items", "一千", 1000, 0),
    ("gs_items", "两百", 200, 0),
    ("gs_items", "十万", 100000, 0),
    ("pc_emall_amount", "6074.82万元", 6074.82, 2),
    ("pc_emall_amount", "6074.82", 6074.82, 2),
    ("pc_emall_amount", "3.9万", 3.9, 1),  # 3.9万 of a 万元 amount is 3.9 万元
    ("pc_emall_amount", "60748200元", 6074.82, 4),
    ("pc_emall_amount", "0.5亿元", 5000, 0),
    ("pc_emall_growth", "102.46%", 102.46, 2),  # growth may exceed 100 %
    ("bs_equity_growth", "-14.5", -14.5, 1),
    ("bs_equity_growth", "−14.5%", -14.5, 1),
    ("bs_equity_growth", "负14.5", -14.5, 1),
    ("bs_equity_growth", "-100", -100, 0),  # exactly −100 %: the figure fell to nothing
    ("cp_construction_promise_days", "5个工作日", 5, 0),
    ("cp_construction_promise_days", "5工作日", 5, 0),
    ("wg_gas_days", "3.5", 3.5, 1),
    ("el_low_voltage_capacity", "160千伏安", 160, 0),
    ("el_low_voltage_capacity", "1.25万千伏安", 12500, 0),
])
def test_accepted_forms(catalog, code, text, number, decimals):
    result = parsed(catalog, code, text)
    assert result.number == pytest.approx(number)
    assert result.decimals == decimals
    assert result.raw == text.strip()


@pytest.mark.parametrize("text", [
    "XX", "xx", "××", "ＸＸ", "XX条", "待补充", "待定", "—", "——", "-", "/", "N/A", "n/a", "#DIV/0!",
    "暂无", "无", "?", "",  "   ",
])
def test_placeholders_are_refused(catalog, text):
    error = refused(catalog, "ct_cases_accepted", text)
    assert error.rule == "placeholder"
    assert "受理案件数" in str(error) and "例如 1297件" in str(error)


def test_seed_001_placeholders_are_refused(catalog):
    """The 2023 Q1 summary left 信用承诺XX条, XX个建设项目, 反馈问题XX个 … in the text."""
    typed = re.findall(r"(XX[条个项家])", seed_text("001"))
    assert len(typed) >= 8
    for text in typed:
        error = refused(catalog, "ms_inventory_items", text)
        assert error.rule == "placeholder" and f"“{text}”" in str(error)


@pytest.mark.parametrize(("text", "marker"), [
    ("约1000", "约"), ("1000余", "余"), ("一千余", "余"), ("近千", "近"), ("1000多", "多"), ("1000左右", "左右"),
    ("1000+", "+"), ("≥1000", "≥"), ("1000以上", "以上"),
])
def test_approximations_are_refused(catalog, text, marker):
    error = refused(catalog, "ct_cases_accepted", text)
    assert (error.rule, error.case) == ("placeholder", "entry_approximate")
    assert f"含“{marker}”" in str(error) and "准确数值" in str(error)


@pytest.mark.parametrize(("code", "text", "case"), [
    ("ct_close_rate", "100.01", "entry_share_above"),
    ("ct_close_rate", "101%", "entry_share_above"),
    ("ct_close_rate", "-0.01", "entry_negative"),
    ("bs_equity_growth", "-100.1", "entry_growth_below"),
    ("ct_cases_accepted", "-5", "entry_negative"),
    ("ct_cases_accepted", "12.5", "entry_integer"),
    ("ct_cases_accepted", "3.12345万", "entry_integer"),
    ("ct_close_rate", "5天", "entry_unit"),
    ("cp_construction_promise_days", "5天", "entry_unit"),  # calendar days are not working days
    ("gs_items", "33件", "entry_unit"),
    ("ct_cases_accepted", "84.61%", "entry_unit"),
    ("ct_close_rate", "8万", "entry_scale"),
    ("cp_construction_promise_days", "1万", "entry_scale"),
    ("ct_cases_accepted", "9" * 20, "entry_too_large"),
])
def test_range_and_type_refusals(catalog, code, text, case):
    error = refused(catalog, code, text)
    assert (error.rule, error.case) == ("range", case)
    assert f"“{text}”" in str(error) and catalog.metric(code).name in str(error)


def test_trailing_zeros_keep_the_figure(catalog):
    assert parsed(catalog, "ct_close_rate", "84.610").number == 84.61


@pytest.mark.parametrize("text", ["1,2,3", "12,5", "84,61"])
def test_misplaced_commas_are_explained(catalog, text):
    error = refused(catalog, "ct_cases_accepted", text)
    assert error.rule == "placeholder" and "千位分隔符每三位一个" in str(error)


@pytest.mark.parametrize("text", ["一万二", "一二三", "1e5", "abc", "12三"])
def test_ambiguous_or_unreadable_text_is_refused(catalog, text):
    error = refused(catalog, "ct_cases_accepted", text)
    assert (error.rule, error.case) == ("placeholder", "entry_not_a_number")


@pytest.mark.parametrize(("code", "text", "said"), [
    ("ct_close_rate", "8²%", "第2个字符“²”是上标数字（U+00B2）"),  # was read as 82%
    ("ct_close_rate", "⁸⁴%", "第1个字符“⁸”是上标数字（U+2078）"),  # was read as 84%
    ("gs_items", "12₉7", "第3个字符“₉”是下标数字（U+2089）"),
    ("gs_items", "②", "第1个字符“②”是带圈数字（U+2461）"),
    ("ct_close_rate", "٨٤.٦١%", "第1个字符“٨”是其他文字中的数字（U+0668）"),  # was read as 84.61
    ("ct_close_rate", "٨٤٫٦١%", "第1个字符“٨”是其他文字中的数字（U+0668）"),  # was “无法识别”
    ("gs_items", "१२९७", "第1个字符“१”是其他文字中的数字（U+0967）"),
])
def test_digits_other_than_0_to_9_are_refused_with_the_character_named(catalog, code, text, said):
    error = refused(catalog, code, text)
    assert (error.rule, error.case) == ("placeholder", "entry_not_a_number")
    assert said in str(error) and f"填写了“{text}”" in str(error)


@pytest.mark.parametrize(("code", "text", "position"), [
    ("ct_close_rate", "8 4%", 2),  # was read as 84%
    ("gs_items", "1 297", 2),
    ("gs_items", "1\u00a0297", 2),
    ("gs_items", "１\u3000２９７", 2),
    ("gs_items", "1, 297", 3),
    ("ct_close_rate", "84 .61", 3),
    ("ct_close_rate", "84。 61", 4),  # 84。61 is read as 84.61
    ("ct_close_rate", " 84\n61 ", 3),  # counted in what the message repeats: the text without outer spaces
])
def test_digits_split_by_spaces_are_refused_with_the_position_named(catalog, code, text, position):
    error = refused(catalog, code, text)
    assert f"第{position}个字符是数字中间的空格" in str(error)


@pytest.mark.parametrize(("code", "text", "number"), [
    ("gs_items", "1297 项", 1297), ("ct_cases_accepted", "3.42 万件", 34200), ("bs_equity_growth", "- 14.5 %", -14.5),
    ("bs_equity_growth", "负 14.5", -14.5), ("gs_items", "12\u200b97", 1297),  # a zero-width space is no space
])
def test_spaces_beside_a_number_are_still_allowed(catalog, code, text, number):
    assert parsed(catalog, code, text).number == number


def test_empty_required_figure_says_it_is_required(catalog):
    assert "必填指标" in str(refused(catalog, "ct_close_rate", ""))
    assert "必填指标" not in str(refused(catalog, "gs_key_tasks", ""))


@settings(max_examples=400, deadline=None)
@given(text=st.text(max_size=24) | st.from_regex(r"[-+负]?[0-9０-９一二两三十百千万,.．%％ ]{0,12}[万元件%个天]?"),
       code=st.sampled_from(["ct_close_rate", "ct_cases_accepted", "pc_emall_amount", "bs_equity_growth",
                             "cp_construction_promise_days", "el_low_voltage_capacity"]))
def test_any_text_parses_or_is_refused(catalog, text, code):
    metric = catalog.metric(code)
    try:
        result = parse_entry(text, metric)
    except EntryError as error:
        assert error.rule in ("placeholder", "range") and str(error)
        return
    lower, upper = metric.lower_bound, metric.upper_bound
    assert lower <= result.number and (upper is None or result.number <= upper)
    assert not metric.is_integer or result.number == int(result.number)


# Units the seed reports write, the units 件/万人 and 期 the catalog may give a metric, and
# working days and hours for each other.  Metrics with the new units are built here.
PER_10K = Metric(code="ip_patents_per_10k", name="每万人有效发明专利拥有量", unit="件/万人", kind="level",
                 value_type="number", decimals=2)
CAMPAIGNS = Metric(code="tx_campaigns", name="大宣讲活动期数", unit="期", kind="ytd", value_type="count")


def metric_of(catalog, code_or_metric):
    return code_or_metric if isinstance(code_or_metric, Metric) else catalog.metric(code_or_metric)


@pytest.mark.parametrize(("code", "text", "number", "decimals"), [
    ("el_onsite_reply_capacity", "1250KVA", 1250, 0),  # seed 000: 1250KVA及以下现场答复供电方案
    ("el_onsite_reply_capacity", "1250千伏安", 1250, 0),  # seed 004
    ("el_low_voltage_capacity", "160kVA", 160, 0),  # seed 000: 由100千伏安提升至160千伏安
    ("el_low_voltage_capacity", "160 kVA", 160, 0),
    ("el_low_voltage_capacity", "160kva", 160, 0),
    ("el_low_voltage_capacity", "１６０ＫＶＡ", 160, 0),
    ("el_low_voltage_capacity", "160千伏安", 160, 0),
    (PER_10K, "23.6件/万人", 23.6, 1),
    (PER_10K, "22件/万人", 22, 0),  # seed 004: 力争每万人有效发明专利拥有量22件
    (PER_10K, "22件", 22, 0),  # … as the seed writes it, with the bare 件
    (PER_10K, "7件", 7, 0),  # seed 004: 每万人高价值发明专利拥有量7件
    (PER_10K, "23.6", 23.6, 1),
    (CAMPAIGNS, "7期", 7, 0),  # seed 000: 联系开展7期开展“鸿鹄馨税 税企连心”大宣讲活动
    (CAMPAIGNS, "7个", 7, 0),  # 个 is the general measure word for counts
    ("tx_time_hours", "70个小时", 70, 0),  # seed 004: 全年纳税时间压缩至70个小时以内
    ("tx_time_hours", "70小时", 70, 0),
    ("bs_start_hours", "4小时", 4, 0),  # seed 001: 实现企业开办仅需1个环节、4小时、零成本
    ("bs_start_hours", "4个工作日", 32, 0),  # a working day is 8 hours
    ("bs_start_hours", "0.5个工作日", 4, 1),  # seed 004: 0.5个工作日
    ("cp_construction_promise_days", "0.5个工作日", 0.5, 1),
    ("cp_construction_promise_days", "4小时", 0.5, 3),  # 1 hour is 0.125 working days
    ("cp_construction_promise_days", "24小时", 3, 3),  # seed 000: 24小时
    ("rp_transfer_days", "1小时", 0.125, 3),  # all the decimals kept, more than the metric's 1
])
def test_units_the_reports_write(catalog, code, text, number, decimals):
    result = parse_entry(text, metric_of(catalog, code))
    assert (result.number, result.decimals, result.raw) == (pytest.approx(number), decimals, text)


@pytest.mark.parametrize(("code", "text", "given"), [
    ("pc_emall_amount", "160kVA", "kVA"),  # capacity for money
    ("ct_cases_accepted", "1250KVA", "KVA"),
    ("el_low_voltage_capacity", "160万元", "万元"),
    ("gs_nearby_cases", "23.6件/万人", "件/万人"),  # a rate per 10,000 people is no count of cases
    (PER_10K, "22万人", "万人"),
    ("bs_changes", "7期", "期"),  # 期 only where the metric counts in 期, not for one in 次
    ("ct_cases_accepted", "7期", "期"),
    ("cp_construction_promise_days", "3天", "天"),  # a calendar day is no working day
    ("rp_transfer_days", "3天", "天"),
    ("tx_time_hours", "3天", "天"),  # nor 24 or 8 hours
    ("ct_avg_trial_days", "4个工作日", "个工作日"),
    ("ct_avg_trial_days", "70个小时", "个小时"),
    ("ct_avg_trial_days", "4小时", "小时"),
    ("ct_close_rate", "4小时", "小时"),
])
def test_units_that_do_not_fit_the_metric_are_refused(catalog, code, text, given):
    metric = metric_of(catalog, code)
    error = pytest.raises(EntryError, parse_entry, text, metric).value
    assert (error.rule, error.case) == ("range", "entry_unit")
    assert f"{metric.name}填写了“{text}”，单位“{given}”与本指标的单位“{metric.unit}”不符" in str(error)


def test_working_hours_take_no_wan(catalog):
    error = pytest.raises(EntryError, parse_entry, "1万小时", catalog.metric("tx_time_hours")).value
    assert (error.rule, error.case) == ("range", "entry_scale")


@pytest.mark.parametrize(("code", "text", "number"), [
    ("gs_items", "壹仟貳佰玖拾柒", 1297),  # seed 000: 1297项, in financial numerals
    ("gs_items", "壹仟貳佰玖拾柒項", 1297),
    ("gs_items", "壹仟贰佰玖拾柒", 1297),
    ("pc_emall_amount", "參拾伍萬元", 35),  # 參 (simplified 参) is the numeral 叁
    ("pc_emall_amount", "叁拾伍万元", 35),
    ("ct_cases_accepted", "參拾伍萬", 350000),
    ("bs_new_total", "21.38萬戶", 213800),  # seed 002: 全區市場主體總量達21.38萬戶
    ("cr_financing_amount", "13928萬元", 13928),  # seed 002: 兌付政策類扶持資金13928萬元
    ("cr_financing_amount", "6.69億元", 66900),  # seed 002: 發放“知識價值貸”6.69億元
    ("ii_childcare_slots", "153個", 153),  # seed 002: “家門口就業驛站”153個
    ("bs_start_hours", "2小時", 2),  # seed 002: 推動企業開辦時間最短2小時
    ("tx_time_hours", "70個小時", 70),
    ("cp_construction_promise_days", "5個工作日", 5),
    ("cp_construction_promise_days", "壹個工作日", 1),
    ("bs_equity_growth", "負14.5%", -14.5),
    ("gs_items", "一千〇五", 1005),  # 〇 is the numeral 零
])
def test_traditional_characters(catalog, code, text, number):
    result = parsed(catalog, code, text)
    assert (result.number, result.raw) == (pytest.approx(number), text)


@pytest.mark.parametrize(("code", "text", "case"), [
    ("gs_items", "壹萬貳", "entry_not_a_number"),  # 一万二: 12000 or 10002, read no way
    ("gs_items", "壹貳參", "entry_not_a_number"),
    ("ct_cases_accepted", "約1000", "entry_approximate"),
    ("ct_cases_accepted", "1000餘件", "entry_approximate"),
    ("ct_cases_accepted", "待補充", "entry_placeholder"),
    ("ct_close_rate", "5萬", "entry_scale"),
    ("pc_emall_amount", "160千伏安", "entry_unit"),
    ("gs_nearby_cases", "23.6件/萬人", "entry_unit"),
])
def test_traditional_characters_refused_like_simplified(catalog, code, text, case):
    error = refused(catalog, code, text)
    assert error.case == case and f"“{text}”" in str(error)
