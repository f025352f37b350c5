"""parse_entry: the forms filers really type, and every refusal with its reason."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    ("ct_close_rate", "84.615", "entry_decimals"),
    ("pc_emall_amount", "60748234元", "entry_decimals"),
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


def test_excess_decimals_are_said_not_rounded(catalog):
    message = str(refused(catalog, "ct_close_rate", "84.615"))
    assert "有3位小数" in message and "最多2位" in message and "不会替你四舍五入" in message


def test_excess_decimals_after_conversion_show_the_converted_figure(catalog):
    message = str(refused(catalog, "pc_emall_amount", "60748234元"))
    assert "（折合6074.8234万元）" in message and "有4位小数" in message


def test_trailing_zeros_are_no_excess_decimals(catalog):
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
