"""Where a metric's earlier figures are when later catalogs rename it or change its unit."""

import dataclasses

import pytest

from models.catalog_diff import diff_catalogs
from models.lineage import lineage_problems, sources
from models.value_types import unit_factor


def year_of(definitions, year: int, **changes):
    """``definitions`` as the catalog of ``year`` with metrics changed: code → fields."""
    indicators = []
    for indicator in definitions.indicators:
        metrics = tuple(dataclasses.replace(m, **changes[m.code]) if m.code in changes else m
                        for m in indicator.metrics)
        indicators.append(dataclasses.replace(indicator, metrics=metrics))
    return dataclasses.replace(definitions, year=year, indicators=tuple(indicators), relations=())


@pytest.fixture(scope="module")
def chain(catalog):
    """2023 as shipped; 2024 renames 电子卖场采购金额 and halves its scope; 2025 files it in 元."""
    y2023 = year_of(catalog.definitions, 2023)
    y2024 = year_of(y2023, 2024, pc_emall_amount={"code": "pc_emall_total", "renamed_from": "pc_emall_amount",
                                                  "rename_factor": 0.5})
    y2025 = year_of(y2024, 2025, pc_emall_total={"unit": "元", "renamed_from": "", "rename_factor": 1.0})
    return {2023: y2023, 2024: y2024, 2025: y2025}


def test_unit_conversions_are_the_ones_a_filer_knows():
    assert unit_factor("万元", "元") == 10000 and unit_factor("元", "万元") == 0.0001
    assert unit_factor("小时", "工作日") == 0.125 and unit_factor("工作日", "小时") == 8
    assert unit_factor("件", "件") == 1
    assert unit_factor("件", "户") is None and unit_factor("天", "工作日") is None


def test_a_figure_of_two_years_ago_is_found_through_a_rename_and_a_unit_change(chain):
    found = sources(chain, 2025, 2023)["pc_emall_total"]
    assert (found.code, found.unit, found.year, found.renamed) == ("pc_emall_amount", "万元", 2023, True)
    assert found.factor == 5000  # 万元 → 元 (×10000) after halving (×0.5)
    assert found.convert(1640.2) == 8201000.0
    last_year = sources(chain, 2025, 2024)["pc_emall_total"]
    assert (last_year.code, last_year.factor, last_year.renamed) == ("pc_emall_total", 10000, False)


def test_years_without_a_catalog_are_read_with_the_first_one(chain):
    """The demo's 2021 and 2022 figures are stored under the 2023 codes."""
    assert sources(chain, 2024, 2021)["pc_emall_total"].code == "pc_emall_amount"
    assert sources(chain, 2023, 2021)["pc_emall_amount"].same


def test_a_chain_broken_by_a_unit_that_does_not_convert_reads_nothing(chain):
    broken = year_of(chain[2025], 2025, gs_key_tasks={"unit": "件"})
    assert "gs_key_tasks" not in sources({**chain, 2025: broken}, 2025, 2024)
    (problem,) = lineage_problems(broken, chain[2024])
    assert (problem.code, problem.field) == ("gs_key_tasks", "unit")


def test_a_metric_refuses_an_old_code_like_its_own_or_a_factor_not_above_zero(catalog):
    metric = catalog.metric("gs_items")
    with pytest.raises(ValueError, match="相同"):
        dataclasses.replace(metric, renamed_from="gs_items")
    with pytest.raises(ValueError, match="小写字母"):
        dataclasses.replace(metric, renamed_from="事项数")
    for factor in (0, -1.0, float("inf"), float("nan")):
        with pytest.raises(ValueError, match="换算系数"):
            dataclasses.replace(metric, rename_factor=factor)


def test_the_difference_names_the_rename_and_its_factor(chain):
    lines = diff_catalogs(chain[2023], chain[2024]).lines()
    assert "  改名：电子卖场采购金额（pc_emall_total）原为 电子卖场采购金额（pc_emall_amount），上年数值 ×0.5 后比较" in lines
    assert not any("新增指标" in line or "停用指标" in line for line in lines)
    assert "  修改 电子卖场采购金额（pc_emall_total）的单位：万元 → 元，上年数值 ×10000 后比较" in \
        diff_catalogs(chain[2024], chain[2025]).lines()
