"""Figures of a Chinese text: numbers, units, approximations, placeholders — and what is no figure."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import seed_text
from validation.crosscheck import Approx, chinese_number, extract_figures


def only(text):
    (figure,) = extract_figures(text)
    return figure


@pytest.mark.parametrize("text,number,unit,scale", [
    ("受理案件34200件", 34200, "件", 0),
    ("结案率84.61%", 84.61, "%", 0),
    ("结案率８４．６１％", 84.61, "%", 0),  # full-width digits
    ("事项1,297项", 1297, "项", 0),
    ("同比新增-14.5%", -14.5, "%", 0),
    ("采购计划金额39238万元", 39238, "元", 4),
    ("实现营收6亿元", 6, "元", 8),
    ("新增就业5.9万人", 5.9, "人", 4),
    ("走访企业为31159户次", 31159, "户次", 0),
    ("走访重点办税人员970人次", 970, "人次", 0),
    ("压缩至5个工作日", 5, "工作日", 0),
    ("纳税时间压缩至70个小时", 70, "小时", 0),
    ("1250KVA及以下", 1250, "千伏安", 0),
    ("由100千伏安提升", 100, "千伏安", 0),
    ("修正数据一千条", 1000, "条", 0),
    ("两项融合服务", 2, "项", 0),
    ("统筹推进百场校招", 100, "场", 0),
    ("全流程半天(三小时)办结", 3, "小时", 0),
    ("扶持创业人数45人", 45, "人", 0),
    ("联合培养博士后5名", 5, "人", 0),
    ("达成就业意向10580。", 10580, "", 0),
    ("重慶市場主體總量達21.38萬戶", 21.38, "户", 4),  # traditional forms of the unit
])
def test_numbers_and_units(text, number, unit, scale):
    figure = only(text)
    assert (figure.number, figure.unit, figure.scale) == (number, unit, scale)
    assert text[figure.start:figure.end] == figure.raw


@pytest.mark.parametrize("text,number,approx", [
    ("培训辅导企业8000余户次", 8000, Approx.MORE),
    ("修正金三系统数据一千余条", 1000, Approx.MORE),
    ("辐射辖区一万余户市场主体", 10000, Approx.MORE),
    ("累计为超20家企业开展服务", 20, Approx.AT_LEAST),
    ("提示提醒近73028条", 73028, Approx.NEAR),
    ("已实现融资近千万元", 10 ** 7, Approx.NEAR),
    ("线上办电率达到95%以上", 95, Approx.AT_LEAST),
    ("压缩至70个小时以内", 70, Approx.AT_MOST),
    ("在5个工作日内提前退付", 5, Approx.AT_MOST),
    ("全年开展宣传活动不少于 8 次", 8, Approx.AT_LEAST),
    ("约300家", 300, Approx.ABOUT),
    ("受理案件34200件", 34200, Approx.EXACT),
])
def test_approximations_are_marked(text, number, approx):
    figure = only(text)
    assert (figure.number, figure.approx) == (number, approx)


@pytest.mark.parametrize("text", [
    "截至2023年9月30日",  # a date
    "2023.01.01-2023.09.30,",
    "评价由第45名上升至第13名",  # ordinals
    "10千伏涉电接入",  # part of a name
    "应用5G技术",
    "智能导航地图1.0版",
    "12368诉讼服务平台",
    "结合“昆仑2023”专项行动",
    "(赣开发区〔2023〕1号)",
    "《三年行动方案(2021-2023年)》",
    "一是提早谋划",  # 一 alone is idiom: 一是, 一次性, 一件事
    "推进“一件事一次办”",
    "万人助万企",
    "形成了1+N政策体系",
])
def test_what_is_no_figure(text):
    assert [f.raw for f in extract_figures(text)] == []


def test_a_heading_number_is_no_figure():
    assert [f.raw for f in extract_figures(" 8.执行合同指标:结案28936件")] == ["28936件"]
    assert [f.raw for f in extract_figures("一、主要做法\n2、结案28936件")] == ["28936件"]


def test_a_range_dash_is_no_minus_sign():
    assert [f.number for f in extract_figures("审批时限10-20个工作日")] == [20]


def test_the_compound_court_sentence():
    text = "共计受理案件(含旧存665件)34200件,结案28936件,结案率84.61%"
    assert [(f.number, f.unit) for f in extract_figures(text)] == [
        (665, "件"), (34200, "件"), (28936, "件"), (84.61, "%")]


def test_the_last_unit_of_an_enumeration_belongs_to_all():
    text = "消防验收或备案法定工作日分别为10个、20个、20个工作日以内"
    figures = extract_figures(text)
    assert [(f.number, f.unit, f.approx) for f in figures] == [(10, "工作日", Approx.AT_MOST)] + \
        [(20, "工作日", Approx.AT_MOST)] * 2


def test_a_first_figure_at_the_start_of_the_text():
    assert only("34200件受理").number == 34200


@pytest.mark.parametrize("text,unit", [("已上传信用承诺XX条", "条"), ("共反馈问题××个", "个"), ("比率XX.XX%", "%")])
def test_placeholders(text, unit):
    figure = only(text)
    assert figure.is_placeholder and figure.unit == unit


def test_every_xx_of_seed_001_is_a_placeholder():
    text = seed_text("001")
    placeholders = [f for f in extract_figures(text) if f.is_placeholder]
    assert len(placeholders) == text.count("XX") == 15


@pytest.mark.parametrize("numeral,value", [
    ("一", 1), ("两", 2), ("十", 10), ("十三", 13), ("二十", 20), ("一百零五", 105), ("千", 1000),
    ("一千二百九十七", 1297), ("十万", 100000), ("三万五千", 35000), ("千万", 10 ** 7), ("两亿", 2 * 10 ** 8),
    ("一亿零五百万", 105000000),
])
def test_chinese_numerals(numeral, value):
    assert chinese_number(numeral) == value


def test_a_run_of_digits_reads_no_single_way():
    assert chinese_number("一二三") is None


@pytest.mark.parametrize("numeral", ["一万二", "三千五", "一百二", "两亿三"])
def test_a_digit_whose_unit_is_left_out_reads_no_single_way(numeral):
    assert chinese_number(numeral) is None


_DIGITS = "零一二三四五六七八九"


def _as_chinese(n: int) -> str:
    """Reference writing of 1 ≤ n < 10⁸ in Chinese numerals (一千零五, 三万零二十 …)."""
    def below_10000(k: int) -> str:
        parts, zero = [], False
        for power, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = k // power % 10
            if digit:
                parts.append(("零" if zero and parts else "") + _DIGITS[digit] + name)
                zero = False
            else:
                zero = True
        return "".join(parts)

    high, low = divmod(n, 10000)
    if not high:
        return below_10000(low)
    return below_10000(high) + "万" + (("零" if low < 1000 else "") + below_10000(low) if low else "")


@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numerals_read_back_what_was_written(n):
    assert chinese_number(_as_chinese(n)) == n
