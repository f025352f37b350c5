"""同比 beside a figure: worked out from the figures as shown, rounded half-up."""

from app.formatting import year_on_year
from models.values import Value


def value(number, raw=""):
    return Value(period="2023Q3", dept="court", metric="x", number=number, raw=raw or repr(number))


def test_points_between_rates_are_those_between_the_figures_as_shown(catalog):
    rate = catalog.metric("ct_close_rate")
    # 84.605% shows 84.61%, 80.004% shows 80.00%: the column reads +4.61, not the exact +4.601 → +4.60
    assert year_on_year(rate, value(84.605, "84.605%"), value(80.004, "80.004%")) == "+4.61个百分点"
    assert year_on_year(rate, value(84.6049, "84.6049%"), value(84.6, "84.60%")) == "持平"  # both show 84.60%
    assert year_on_year(rate, value(84.6082, "84.6082%"), value(84.61, "84.61%")) == "持平"


def test_growth_rounds_half_up(catalog):
    count, amount = catalog.metric("ct_law_firm_visits"), catalog.metric("pc_emall_amount")
    assert year_on_year(count, value(17.0), value(16.0)) == "+6.3%"  # +6.25%: binary formatting gives +6.2%
    assert year_on_year(count, value(3.0), value(8.0)) == "-62.5%"
    assert year_on_year(amount, value(6074.8231, "60748231元"), value(3000.5)) == "+102.5%"
    assert year_on_year(amount, value(5.0), value(0.001)) == "—"  # last year shows 0.00: no growth from zero
