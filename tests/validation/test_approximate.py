"""Approximations (约 / 余 / 近 / 超过) are accepted only for metrics whose catalog entry allows them."""

import pytest

from models.catalog import RuleKind
from tests.conftest import seed_text
from validation.parsing import EntryError, parse_entry


@pytest.mark.parametrize("typed,number", [("8000余", 8000), ("8000余户次", 8000), ("约8000", 8000),
                                          ("近8000", 8000), ("超过8000户次", 8000)])
def test_an_activity_count_may_be_approximate(catalog, typed, number):
    parsed = parse_entry(typed, catalog.metric("tx_trained_firms"))
    assert (parsed.number, parsed.approximate, parsed.raw) == (number, True, typed)


def test_the_seed_report_gives_such_counts():
    text = seed_text("000")
    assert "培训辅导企业8000余户次" in text and "参会企业达40余家" in text


def test_an_exact_figure_is_not_marked(catalog):
    assert parse_entry("8000", catalog.metric("tx_trained_firms")).approximate is False


@pytest.mark.parametrize("typed", ["约1297", "1297余", "近1300", "超过1297"])
def test_assessed_figures_refuse_approximations(catalog, typed):
    with pytest.raises(EntryError) as refused:
        parse_entry(typed, catalog.metric("gs_items"))
    assert refused.value.rule == RuleKind.PLACEHOLDER.value and "约数" in str(refused.value)


def test_placeholders_stay_refused_where_approximations_are_allowed(catalog):
    with pytest.raises(EntryError, match="XX"):
        parse_entry("约XX", catalog.metric("tx_trained_firms"))


def test_growth_rates_get_no_cumulative_rule(catalog):
    kinds = {r.kind for r in catalog.rules_for("pc_emall_growth")}
    assert RuleKind.YTD_MONOTONIC not in kinds
    assert RuleKind.YTD_MONOTONIC in {r.kind for r in catalog.rules_for("pc_emall_amount")}
