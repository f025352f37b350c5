"""Properties of the entry parser over generated text: it parses or refuses, and never crashes.

For every metric kind and any string (unicode at large, figures with units and 万/亿, full-width
digits, Chinese numerals, figures with invisible characters or noise around them):

- either ``parse_entry`` raises ``EntryError`` whose message names the metric, with a stable rule
  code, or it returns a finite number inside the metric's bounds;
- a parsed number round-trips: ``parse(number written out in full)`` and ``parse(raw)`` give the same number
  (the figure shown back and the text stored both read as what was stored);
- no other exception, whatever the text;
- a digit that is not 0–9 (another script's, a superscript, a subscript, a circled one) or spaces
  between digits, put anywhere into a figure, make it refused with that character or position
  named: such text is never read as some number.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from models.loader import load_catalog
from validation.crosscheck import extract_figures
from validation.parsing import EntryError, parse_entry

CATALOG = load_catalog(2023)
METRICS = ["ct_close_rate", "ct_cases_accepted", "pc_emall_amount", "bs_equity_growth",
           "cp_construction_promise_days", "el_low_voltage_capacity", "ct_avg_trial_days", "ct_law_firm_visits",
           "tx_time_hours"]
UNITS = ["", "%", "％", "件", "个", "项", "户", "万元", "元", "亿元", "天", "工作日", "个工作日", "小时", "千伏安", "家", "萬",
         "KVA", "kVA", "个小时", "個小時", "件/万人", "期", "萬戶", "個工作日"]
FULL_WIDTH = str.maketrans("0123456789.,-%", "０１２３４５６７８９．，－％")
NUMERALS = "零一二两三四五六七八九十百千万亿点负壹贰叁肆伍陆柒捌玖拾佰仟"
NOISE = ["", " ", "\t", "\u3000", "\u200b", "\x01", "\x0b", "\ufeff", "约", "余", "XX", "—", "+", "e5", "\udcff"]
PROPERTY_SETTINGS = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])

figures = st.one_of(
    st.integers(-10**14, 10**14).map(str),
    st.decimals(min_value=-10**9, max_value=10**9, allow_nan=False, allow_infinity=False, places=4).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.from_regex(r"[-+负]?[0-9]{1,3}(,[0-9]{3}){0,4}(\.[0-9]{1,5})?", fullmatch=True),
)
with_units = st.builds(lambda sign, number, scale, unit: f"{sign}{number}{scale}{unit}",
                       st.sampled_from(["", "-", "−", "负"]), figures, st.sampled_from(["", "万", "亿", "萬"]),
                       st.sampled_from(UNITS))
PLAIN_DIGITS = "0123456789０１２３４５６７８９"
# Characters that stand for a digit without being 0–9: every other script's decimal digits, and
# the superscript, subscript, circled, parenthesised and other compatibility forms.
odd_digits = st.one_of(
    st.characters(categories=("Nd",), exclude_characters=PLAIN_DIGITS),
    st.characters(categories=("No",)).filter(lambda c: unicodedata.digit(c, None) is not None),
    st.sampled_from("²³¹⁰⁸₀₉①⑳㉑㊿⑴⒈🄁"),
)
SPACES = [" ", "  ", "\t", "\n", "\u3000", "\u00a0", "\u2009", "\u202f"]


def inserted(text: str, extra: str, at: int) -> str:
    at = at % (len(text) + 1)
    return text[:at] + extra + text[at:]


with_odd_digit = st.builds(inserted, with_units, odd_digits, st.integers(0, 40))
texts = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    with_units,
    with_units.map(lambda t: t.translate(FULL_WIDTH)),
    st.text(alphabet=NUMERALS, min_size=1, max_size=12),
    st.builds(lambda before, figure, after: before + figure + after,
              st.sampled_from(NOISE), with_units, st.sampled_from(NOISE)),
    st.text(alphabet="0123456789.,%万 -", max_size=80),
    with_odd_digit,
    st.builds(lambda text, space, at: inserted(text, space, at), with_units, st.sampled_from(SPACES),
              st.integers(0, 40)),
)


def outcome(text: str, code: str):
    """The parsed number, or the refusal; any other exception fails the property."""
    metric = CATALOG.metric(code)
    try:
        return parse_entry(text, metric)
    except EntryError as error:
        assert error.rule in ("placeholder", "range") and error.case.startswith("entry_")
        assert metric.name in str(error)
        return error


@PROPERTY_SETTINGS
@given(text=texts, code=st.sampled_from(METRICS))
@example(text="1e308", code="ct_cases_accepted")
@example(text="9" * 400, code="pc_emall_amount")
@example(text="\udcff", code="ct_close_rate")
@example(text="百分之", code="ct_close_rate")
@example(text="-0", code="bs_equity_growth")
@example(text="0.5亿元", code="pc_emall_amount")
def test_any_text_parses_within_bounds_or_is_refused(text, code):
    result = outcome(text, code)
    if isinstance(result, EntryError):
        return
    metric = CATALOG.metric(code)
    assert not [c for c in result.raw if unicodedata.digit(c, None) is not None and c not in PLAIN_DIGITS]
    assert not re.search(r"[0-9.,]\s+[0-9.,]", unicodedata.normalize("NFKC", result.raw))
    assert math.isfinite(result.number)
    assert metric.lower_bound <= result.number and (metric.upper_bound is None or result.number <= metric.upper_bound)
    assert not metric.is_integer or result.number == int(result.number)


@PROPERTY_SETTINGS
@given(text=texts, code=st.sampled_from(METRICS))
@example(text="60748200元", code="pc_emall_amount")
@example(text="3.42万件", code="ct_cases_accepted")
@example(text="一千二百九十七", code="ct_cases_accepted")
@example(text="８４．６１％", code="ct_close_rate")
@example(text="0.1元", code="pc_emall_amount")  # 0.00001万元: precision is no cap, so it is kept
@example(text="1小时", code="cp_construction_promise_days")  # 0.125 working days
def test_a_parsed_number_round_trips(text, code):
    result = outcome(text, code)
    if isinstance(result, EntryError):
        return
    again = outcome(f"{Decimal(repr(result.number)):f}", code)  # written out in full, as figures are shown
    assert not isinstance(again, EntryError), f"{text!r} → {result.number!r} → {again}"
    assert again.number == result.number
    assert outcome(result.raw, code).number == result.number  # what is stored reads the same again


@PROPERTY_SETTINGS
@given(text=with_units, char=odd_digits, at=st.integers(0, 40), code=st.sampled_from(METRICS))
@example(text="8%", char="²", at=1, code="ct_close_rate")  # 8²% was read as 82%
@example(text="%", char="⁸", at=0, code="ct_close_rate")
@example(text="4.61%", char="٨", at=0, code="ct_close_rate")
def test_a_digit_that_is_not_0_to_9_is_refused_and_named(text, char, at, code):
    typed = inserted(text, char, at)
    result = outcome(typed, code)
    assert isinstance(result, EntryError), f"{typed!r} → {result.number!r}"
    assert f"第{typed.strip().index(char) + 1}个字符“{char}”" in str(result) and f"U+{ord(char):04X}" in str(result)


@PROPERTY_SETTINGS
@given(number=figures, space=st.sampled_from(SPACES), at=st.integers(1, 40), code=st.sampled_from(METRICS))
@example(number="84", space=" ", at=1, code="ct_close_rate")  # 8 4% was read as 84%
@example(number="1,297", space=" ", at=2, code="ct_cases_accepted")
def test_spaces_between_digits_are_refused(number, space, at, code):
    digits = [i for i in range(1, len(number)) if re.fullmatch(r"[0-9.,]{2}", number[i - 1:i + 1])]
    assume(digits)
    split = digits[at % len(digits)]
    typed = number[:split] + space + number[split:]
    result = outcome(typed + "%", code)
    assert isinstance(result, EntryError), f"{typed!r} → {result.number!r}"
    assert "数字中间的空格" in str(result)


# In a narrative report circled digits are list markers (①加强…), so only these are figures' digits.
script_digits = st.one_of(st.characters(categories=("Nd",), exclude_characters=PLAIN_DIGITS),
                          st.sampled_from("⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉"))


@PROPERTY_SETTINGS
@given(text=with_units, char=script_digits, at=st.integers(0, 40))
@example(text="8%", char="²", at=1)  # read as 8 before, beside the ²
@example(text=".61%", char="٨", at=0)  # read as 8.61 before
def test_the_crosscheck_reads_no_number_from_such_digits(text, char, at):
    """A narrative report is read as the entry parser reads a cell: a number glued to another
    script's digit or to a superscript is no number (it is reported like a placeholder), never a
    number read from part of it."""
    typed = inserted(text, char, at)
    position = typed.index(char)
    assume(re.search(r"[0-9０-９]", typed[max(position - 1, 0):position + 2]))  # beside a 0–9 digit
    sentence = f"本季度区法院结案率为{typed}。"
    position += len("本季度区法院结案率为")
    for figure in extract_figures(sentence):
        if figure.number is not None:
            assert not figure.start <= position + 1 or not position <= figure.end, (sentence, figure)


@pytest.mark.parametrize("code", METRICS)
def test_every_metric_takes_its_own_example_back(code):
    from validation.parsing import example as example_of

    metric = CATALOG.metric(code)
    assert parse_entry(example_of(metric), metric).number >= metric.lower_bound
