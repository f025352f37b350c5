"""The demo district satisfies its own identities and matches the seed report in 2023 Q3."""

import pytest

from app.demo import BASE_PERIODS, DEMO_PERIODS, demo_entries, load_anchors
from models.periods import Period


@pytest.fixture(scope="module")
def figures(catalog):
    return {(e.period, e.metric): e for e in demo_entries(catalog)}


def number(figures, period, code):
    return figures[(period.code, code)].number


def test_every_metric_in_every_demo_period(catalog, figures):
    demo_year = [e for e in figures.values() if e.period not in {p.code for p in BASE_PERIODS}]
    assert len(demo_year) == len(DEMO_PERIODS) * len(catalog.metrics)
    assert all(e.dept == catalog.department_of(e.metric) for e in figures.values())


def test_the_year_before_has_the_bases_of_the_growth_rates_and_the_opening_stocks(catalog, figures):
    """So that the first demo year's growth rates can be checked against their bases, and its
    stocks (市场主体总量) against the stock at the end of 2021 plus the year's flows."""
    bases = {r.base for r in catalog.definitions.relations if r.kind == "yoy"}
    stocks = {r.closing for r in catalog.definitions.relations if r.kind == "stock_flow"}
    before = {(period, code) for period, code in figures if period.startswith("2021")}
    assert stocks and before == {(p.code, code) for p in BASE_PERIODS for code in bases} | {
        ("2021Q4", code) for code in stocks}
    for period in DEMO_PERIODS[:4]:
        last = period.same_quarter_last_year()
        growth = number(figures, period, "bs_new_growth")
        assert growth == pytest.approx((number(figures, period, "bs_new_total")
                                        / number(figures, last, "bs_new_total") - 1) * 100, abs=0.005)


def test_third_quarter_2023_is_the_report(figures):
    this_year, _ = load_anchors()
    q3 = DEMO_PERIODS[-1]
    for code, anchor in this_year.items():
        assert number(figures, q3, code) == pytest.approx(anchor), code


def test_cumulative_figures_never_fall_within_a_year(catalog, figures):
    for metric in catalog.metrics:
        if not metric.is_cumulative_sum:
            continue
        for year in (2022, 2023):
            series = [number(figures, p, metric.code) for p in DEMO_PERIODS if p.year == year]
            assert series == sorted(series), metric.code


def test_relations_hold_in_every_period(catalog, figures):
    for period in DEMO_PERIODS:
        get = lambda code, p=period: number(figures, p, code)  # noqa: E731
        for relation in catalog.definitions.relations:
            if relation.kind == "ratio":
                assert get(relation.result) == pytest.approx(get(relation.numerator) / get(relation.denominator) * 100, abs=0.006)
            elif relation.kind == "sum":
                assert get(relation.total) == sum(get(p) for p in relation.parts)
            elif relation.kind == "difference":
                assert get(relation.result) == pytest.approx(get(relation.minuend) - get(relation.subtrahend))
            elif relation.kind in ("part_le_whole", "commitment_le_limit"):
                small, large = relation.metrics()
                assert get(small) <= get(large), (period.code, relation.code)
            elif relation.kind == "stock_flow":  # year-to-date flows start from last December's stock
                opening = number(figures, Period(year=period.year - 1, quarter=4), relation.closing)
                assert get(relation.closing) == opening + get(relation.inflow) - get(relation.outflow)


def test_growth_agrees_with_both_years_in_2023(figures):
    for period in DEMO_PERIODS[4:]:
        before = period.same_quarter_last_year()
        growth = number(figures, period, "pc_emall_growth")
        ratio = number(figures, period, "pc_emall_amount") / number(figures, before, "pc_emall_amount")
        assert growth == pytest.approx((ratio - 1) * 100, abs=0.006)


def test_shares_stay_within_bounds(catalog, figures):
    for (period, code), entry in figures.items():
        metric = catalog.metric(code)
        if metric.upper_bound is not None:
            assert entry.number <= metric.upper_bound, (period, code)
        assert entry.number >= metric.lower_bound, (period, code)
        if metric.is_integer:
            assert entry.number == int(entry.number)


def test_a_database_with_the_demo_is_marked_as_one(ctx):
    from app.demo import is_demo, load_demo

    assert not is_demo(ctx)
    load_demo(ctx)
    assert is_demo(ctx)
    load_demo(ctx)  # loading again keeps one mark
    assert is_demo(ctx)
