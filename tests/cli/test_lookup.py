"""Periods and departments named on the command line, as filers type them: simplified or traditional
characters, full-width letters, years in Chinese digits (seed 002 is written in traditional characters)."""

import json

import pytest

from app.errors import UsageError
from cli import lookup
from models.periods import PeriodError
from tests.conftest import run_cli


@pytest.mark.parametrize("text", [
    "2023Q3", "2023年第三季度", "2023年三季度", "2023年前三季度", "2023年第3季度",
    "二〇二三年第三季度", "二零二三年第三季度", "２０２３Ｑ３", "２０２３年第三季度", "貳零貳參年第參季度",
])
def test_the_third_quarter_of_2023(text):
    assert lookup.period(text).code == "2023Q3"


@pytest.mark.parametrize(("text", "code"), [("二〇二三年上半年", "2023Q2"), ("二〇二二年全年", "2022Q4"),
                                            ("二〇二三年第一季度", "2023Q1")])
def test_other_periods_in_chinese_digits(text, code):
    assert lookup.period(text).code == code


@pytest.mark.parametrize("text", ["2023Q5", "二〇二三年第五季度", "二〇二三年", "二〇二三Q3年", "第三季度", "區法院"])
def test_an_unknown_period_is_refused_as_typed(text):
    with pytest.raises(PeriodError) as refused:
        lookup.period(text)
    assert f"无法识别统计期“{text}”" in str(refused.value) and "2023年第三季度" in str(refused.value)


@pytest.mark.parametrize(("text", "code"), [
    ("court", "court"), ("区法院", "court"), ("區法院", "court"), ("區人民法院", "court"),  # an alias
    ("ｃｏｕｒｔ", "court"), ("區稅務局", "tax"), ("區營商辦", "business_office"), ("區財政局", "finance"),
    ("區市場監管局", "market_reg"), ("市水業集團", "water_gas_utility"), (" 區法院 ", "court"),
])
def test_a_department_by_code_or_name_in_either_script(catalog, text, code):
    assert lookup.department(catalog, text).code == code


@pytest.mark.parametrize("text", ["區教育局", "区教育局", "法庭"])
def test_an_unknown_department_is_refused_as_typed(catalog, text):
    with pytest.raises(UsageError) as refused:
        lookup.department(catalog, text)
    assert f"没有部门“{text}”" in str(refused.value) and "court（区法院）" in str(refused.value)


def test_the_commands_take_traditional_names(capsys, db_path):
    """A filer on a traditional-character keyboard stores and reads seed 000's 结案率 84.61%."""
    code, out, err = run_cli(capsys, "--db", db_path, "set", "二〇二三年第三季度", "ct_close_rate", "84.61%")
    assert code == 0, err
    code, out, err = run_cli(capsys, "--db", db_path, "show", "2023年第三季度", "--dept", "區法院", "--json")
    assert code == 0, err
    assert [(v["period"], v["dept"], v["value"]) for v in json.loads(out)] == [("2023Q3", "court", 84.61)]
    code, _, err = run_cli(capsys, "--db", db_path, "show", "2023Q3", "--dept", "區教育局")
    assert code == 2 and "没有部门“區教育局”" in err
