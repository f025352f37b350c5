"""Properties of the entry parser over generated text: it parses or refuses, and never crashes.

For every metric kind and any string (unicode at large, figures with units and 万/亿, full-width
digits, Chinese numerals, figures with invisible characters or noise around them):

- either ``parse_entry`` raises ``EntryError`` whose message names the metric, with a stable rule
  code, or it returns a finite number inside the metric's bounds;
- a parsed number round-trips: ``parse(str(number))`` and ``parse(raw)`` give the same number
  (the figure shown back and the text stored both read as what was stored);
- no other exception, whatever the text.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from models.loader import load_catalog
from validation.parsing import EntryError, parse_entry

CATALOG = load_catalog(2023)
METRICS = ["ct_close_rate", "ct_cases_accepted", "pc_emall_amount", "bs_equity_growth",
           "cp_construction_promise_days", "el_low_voltage_capacity", "ct_avg_trial_days", "ct_law_firm_visits"]
UNITS = ["", "%", "％", "件", "个", "项", "户", "万元", "元", "亿元", "天", "工作日", "个工作日", "小时", "千伏安", "家", "萬"]
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
texts = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    with_units,
    with_units.map(lambda t: t.translate(FULL_WIDTH)),
    st.text(alphabet=NUMERALS, min_size=1, max_size=12),
    st.builds(lambda before, figure, after: before + figure + after,
              st.sampled_from(NOISE), with_units, st.sampled_from(NOISE)),
    st.text(alphabet="0123456789.,%万 -", max_size=80),
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
    assert math.isfinite(result.number)
    assert metric.lower_bound <= result.number and (metric.upper_bound is None or result.number <= metric.upper_bound)
    assert not metric.is_integer or result.number == int(result.number)


@PROPERTY_SETTINGS
@given(text=texts, code=st.sampled_from(METRICS))
@example(text="60748200元", code="pc_emall_amount")
@example(text="3.42万件", code="ct_cases_accepted")
@example(text="一千二百九十七", code="ct_cases_accepted")
@example(text="８４．６１％", code="ct_close_rate")
def test_a_parsed_number_round_trips(text, code):
    result = outcome(text, code)
    if isinstance(result, EntryError):
        return
    again = outcome(str(result.number), code)
    assert not isinstance(again, EntryError), f"{text!r} → {result.number!r} → {again}"
    assert again.number == result.number
    assert outcome(result.raw, code).number == result.number  # what is stored reads the same again


@pytest.mark.parametrize("code", METRICS)
def test_every_metric_takes_its_own_example_back(code):
    from validation.parsing import example as example_of

    metric = CATALOG.metric(code)
    assert parse_entry(example_of(metric), metric).number >= metric.lower_bound
