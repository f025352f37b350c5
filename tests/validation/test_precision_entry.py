"""A metric's decimals are its reporting precision (保留位数), not a cap on what may be typed.

A filer who types the exact figure (84.6082% = 28936 ÷ 34200, from seed 000) must be able to
store it: it is kept as typed, its number exact, its decimals those typed; showing and exporting
round it to the precision.  Counts stay whole numbers.
"""

import pytest

from validation.parsing import EntryError, parse_entry


def parsed(catalog, code, text):
    return parse_entry(text, catalog.metric(code))


@pytest.mark.parametrize(("code", "text", "number", "decimals"), [
    # seed 000: 结案率84.61% of 结案28936件 ÷ 受理34200件; typed unrounded
    ("ct_close_rate", "84.6082%", 84.6082, 4),
    ("ct_close_rate", "84.615", 84.615, 3),
    # seed 000: 合计同比新增41.9%, a growth reported to 2 decimals, typed with 3
    ("bs_new_growth", "41.925%", 41.925, 3),
    # seed 000: 资金节约率为5.9% = 节约2316万元 ÷ 计划39238万元
    ("pc_saving_rate", "5.9024%", 5.9024, 4),
    # seed 000: 电子卖场采购金额6074.82万元; typed to the 元 it is, then in 元
    ("pc_emall_amount", "6074.8234万元", 6074.8234, 4),
    ("pc_emall_amount", "60748234元", 6074.8234, 4),
    ("pc_emall_amount", "60748234.5元", 6074.82345, 5),
    ("tx_wechat_coverage", "99.505%", 99.505, 3),  # a share reported to 2 decimals
    ("ct_avg_trial_days", "88.25天", 88.25, 2),  # a duration reported with 1 decimal
    ("cp_construction_promise_days", "2.55", 2.55, 2),  # working days reported to 1 decimal
])
def test_more_decimals_than_the_precision_are_kept_as_typed(catalog, code, text, number, decimals):
    result = parsed(catalog, code, text)
    assert decimals > catalog.metric(code).decimals
    assert (result.number, result.decimals, result.raw) == (number, decimals, text)


def test_the_exact_figure_is_stored_not_the_rounded_one(catalog):
    """84.6082 stays 84.6082: rounding to 84.61 happens where it is shown, never on entry."""
    result = parsed(catalog, "ct_close_rate", "84.6082%")
    assert round(28936 / 34200 * 100, 4) == 84.6082  # the figure typed is the seed's exact quotient
    assert result.number == 84.6082 and result.number != 84.61


def test_what_is_stored_reads_back_the_same(catalog):
    result = parsed(catalog, "pc_emall_amount", "60748234元")
    assert parsed(catalog, "pc_emall_amount", result.raw).number == result.number
    assert parsed(catalog, "pc_emall_amount", str(result.number)).number == result.number


@pytest.mark.parametrize(("code", "text", "case"), [
    ("ct_cases_accepted", "34200.5件", "entry_integer"),  # seed 000: 受理案件34200件
    ("ct_cases_closed", "28936.0001", "entry_integer"),
    ("ct_cases_accepted", "3.42001万", "entry_integer"),  # 34200.1 cases
    ("el_low_voltage_steps", "2.5个", "entry_integer"),  # seed 000: 低压办电环节压减至2个
    ("ct_close_rate", "100.0001%", "entry_share_above"),  # the bounds hold at any precision
    ("bs_equity_growth", "-100.0001%", "entry_growth_below"),
    ("pc_emall_amount", "-0.0001", "entry_negative"),
])
def test_counts_stay_whole_and_bounds_hold_at_any_precision(catalog, code, text, case):
    with pytest.raises(EntryError) as refused:
        parsed(catalog, code, text)
    assert (refused.value.rule, refused.value.case) == ("range", case)
    assert f"“{text}”" in str(refused.value)


def test_a_whole_count_written_with_zero_decimals_is_a_count(catalog):
    result = parsed(catalog, "ct_cases_accepted", "34200.00")
    assert (result.number, result.decimals) == (34200, 2)
