import pytest

from models.periods import Period, PeriodError


@pytest.mark.parametrize("text", ["2023Q3", "2023q3", "2023-Q3", " 2023 Q3 ", "2023年第三季度",
                                  "2023年前三季度", "2023年三季度", "2023年第3季度", "2023年3季度"])
def test_forms_of_the_third_quarter(text):
    assert Period.parse(text) == Period(year=2023, quarter=3)


@pytest.mark.parametrize("text,quarter", [("2023年一季度", 1), ("2023年上半年", 2), ("2023年全年", 4),
                                          ("2022年第四季度", 4), ("2023年度", 4)])
def test_other_quarters(text, quarter):
    assert Period.parse(text).quarter == quarter


@pytest.mark.parametrize("text", ["", "2023", "2023Q5", "2023Q0", "XX", "23Q3", "2023年第五季度", "Q3 2023"])
def test_refused_with_a_chinese_reason(text):
    with pytest.raises(PeriodError, match="无法识别统计期"):
        Period.parse(text)


def test_codes_labels_and_neighbours():
    q1 = Period.parse("2023Q1")
    assert q1.code == "2023Q1" and str(q1) == "2023Q1"
    assert q1.label == "2023年第一季度"
    assert Period.parse("2023Q3").cumulative_label == "2023年前三季度"
    assert q1.previous() == Period(year=2022, quarter=4)
    assert Period.parse("2023Q3").previous() == Period(year=2023, quarter=2)
    assert Period.parse("2023Q3").same_quarter_last_year().code == "2022Q3"
    assert [p.code for p in Period.parse("2023Q3").quarters_so_far()] == ["2023Q1", "2023Q2", "2023Q3"]


def test_ordering_and_hashing():
    periods = [Period.parse(t) for t in ("2023Q2", "2022Q4", "2023Q1")]
    assert [p.code for p in sorted(periods)] == ["2022Q4", "2023Q1", "2023Q2"]
    assert len({Period.parse("2023Q3"), Period.parse("2023-Q3")}) == 1
