"""Earlier years' figures handed on under this year's code and unit: what was typed stays visible."""

import dataclasses

from app.history import as_today
from models.catalog import Metric
from models.lineage import Source
from models.values import Value


def stored(raw: str, number: float, note: str = "") -> Value:
    return Value(period="2023Q1", dept="finance", metric="pc_emall_amount", number=number, raw=raw, note=note)


def metric_in(unit: str, catalog) -> Metric:
    return dataclasses.replace(catalog.metric("pc_emall_amount"), code="pc_emall_total", unit=unit)


def test_a_converted_figure_shows_what_was_typed_with_its_unit(catalog):
    source = Source(code="pc_emall_amount", unit="万元", factor=10000.0, year=2023, renamed=True)
    today = as_today(stored("1640.2", 1640.2), metric_in("元", catalog), source)
    assert (today.metric, today.number, today.raw) == ("pc_emall_total", 16402000.0, "1640.2万元")
    typed_in_yuan = as_today(stored("16402000元", 1640.2), metric_in("元", catalog), source)
    assert typed_in_yuan.raw == "16402000元"  # typed with a unit already: kept as typed


def test_a_figure_scaled_by_a_rename_factor_says_so_in_its_note(catalog):
    source = Source(code="pc_emall_amount", unit="万元", factor=0.5, year=2023, renamed=True)
    today = as_today(stored("1640.2", 1640.2, note="含县级平台"), metric_in("万元", catalog), source)
    assert (today.number, today.raw) == (820.1, "")  # shown by its number: 1640.2 is no longer what it means
    assert today.note == "上年按“pc_emall_amount”填报“1640.2万元”，×0.5 换算为本年口径；含县级平台"


def test_a_renamed_figure_alone_keeps_its_text(catalog):
    source = Source(code="pc_emall_amount", unit="万元", factor=1.0, year=2023, renamed=True)
    today = as_today(stored("1640.2", 1640.2), metric_in("万元", catalog), source)
    assert (today.metric, today.number, today.raw) == ("pc_emall_total", 1640.2, "1640.2")
