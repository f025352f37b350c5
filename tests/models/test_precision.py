"""Rounding to the reporting precision (保留位数): half-up on the decimal text, never binary."""

from decimal import Decimal

import pytest

from models.precision import finer_than, fixed, rounded, shown, trimmed
from models.values import Value


@pytest.mark.parametrize("number, places, expected", [
    (2.675, 2, "2.68"),  # round(2.675, 2) is 2.67: the float lies just below 2.675
    (0.125, 2, "0.13"),  # round(0.125, 2) is 0.12: banker's rounding
    (1.005, 2, "1.01"),
    (-0.125, 2, "-0.13"),  # a growth rate: ties go away from zero
    (99.995, 2, "100.00"),  # carries into the whole number
    (84.6082, 2, "84.61"),  # 结案率 28936 ÷ 34200 typed to four places
    (84.6049, 2, "84.60"),
    (84.605, 2, "84.61"),
    (5.9, 2, "5.90"),
    (34.25, 1, "34.3"),  # a duration in days
    (34.24, 1, "34.2"),
    (2.5, 0, "3"),  # a count's precision: whole numbers
    (3.5, 0, "4"),
    (-2.5, 0, "-3"),
    (1297, 0, "1297"),
    (28936.0, 0, "28936"),
    (0, 2, "0.00"),
])
def test_half_up_at_the_boundaries(number, places, expected):
    assert fixed(number, places) == expected
    assert rounded(number, places) == Decimal(expected)


def test_a_tiny_negative_figure_never_shows_minus_zero():
    assert fixed(-0.001, 2) == "0.00"
    assert fixed(-0.4, 0) == "0"


def test_decimals_and_text_round_the_same_as_floats():
    assert rounded(Decimal("2.675"), 2) == rounded("2.675", 2) == rounded(2.675, 2) == Decimal("2.68")


def test_trimmed_drops_only_trailing_zeros():
    assert trimmed(84.6082, 2) == "84.61"
    assert trimmed(84.6, 2) == "84.6"
    assert trimmed(99.995, 2) == "100"
    assert trimmed(1297, 0) == "1297"


def test_finer_than_the_precision():
    assert finer_than(84.6082, 2)
    assert not finer_than(84.61, 2)
    assert not finer_than(100.0, 2)
    assert finer_than(34.25, 1)
    assert not finer_than(6074.82, 2)


def _value(metric, number, raw):
    return Value(period="2023Q3", dept="court", metric=metric.code, number=number, raw=raw)


def test_a_figure_typed_finer_than_its_precision_is_shown_rounded(catalog):
    rate = catalog.metric("ct_close_rate")
    assert shown(_value(rate, 84.6082, "84.6082%"), rate) == "84.61%"
    assert shown(_value(rate, 84.6082, "84.6082％"), rate) == "84.61%"  # full-width percent sign
    assert shown(_value(rate, 84.6082, "84.6082"), rate) == "84.61"  # typed without the sign
    assert shown(_value(rate, 99.995, "99.995%"), rate) == "100.00%"


def test_a_figure_at_or_below_its_precision_is_shown_as_typed(catalog):
    rate, amount = catalog.metric("ct_close_rate"), catalog.metric("pc_emall_amount")
    count = catalog.metric("ct_cases_accepted")
    assert shown(_value(rate, 100.0, "100%"), rate) == "100%"
    assert shown(_value(rate, 84.61, "84.61%"), rate) == "84.61%"
    assert shown(_value(count, 34200.0, "34,200"), count) == "34,200"
    assert shown(_value(amount, 6074.82, "60748200元"), amount) == "60748200元"  # typed in 元


def test_an_amount_typed_in_yuan_finer_than_its_precision_is_shown_in_wan_yuan(catalog):
    amount = catalog.metric("pc_emall_amount")  # 万元, two places
    assert shown(_value(amount, 6074.8231, "60748231元"), amount) == "6074.82"
    assert shown(_value(amount, 6074.8251, "6074.8251万元"), amount) == "6074.83万元"


def test_a_figure_without_text_is_shown_from_its_number(catalog):
    rate = catalog.metric("ct_close_rate")
    assert shown(_value(rate, 84.6082, ""), rate) == "84.61"
    assert shown(_value(rate, 84.6, ""), rate) == "84.6"
