"""Comparing two years' catalogs names the auditing settings a coordinator may change."""

import dataclasses

from models.catalog import Severity, Target
from models.catalog_diff import diff_catalogs


def changed(catalog, code: str, **fields):
    """The 2023 definitions with one metric's fields replaced, as a 2024 catalog."""
    indicators = []
    for indicator in catalog.effective.indicators:
        metrics = tuple(dataclasses.replace(m, **fields) if m.code == code else m for m in indicator.metrics)
        indicators.append(dataclasses.replace(indicator, metrics=metrics))
    return dataclasses.replace(catalog.effective, year=2024, indicators=tuple(indicators))


def test_precision_thresholds_and_grades_are_named(catalog):
    after = changed(catalog, "pc_planned", decimals=4, swing_points=5.0, outlier_k=2.5,
                    grades={"ytd_monotonic": Severity.ERROR})
    lines = diff_catalogs(catalog.effective, after).lines()
    assert "  修改 采购计划金额（pc_planned）的保留位数：2 → 4" in lines
    assert "  修改 采购计划金额（pc_planned）的波动阈值（百分点）：10.0 → 5.0" in lines
    assert "  修改 采购计划金额（pc_planned）的历史异常阈值 k：3.0 → 2.5" in lines
    assert "  修改 采购计划金额（pc_planned）的审核级别：ytd_monotonic 核实性 → ytd_monotonic 强制性" in lines


def test_a_target_due_earlier_or_with_a_baseline_is_named(catalog):
    after = changed(catalog, "gs_online_rate", target=Target(op=">=", value=96, due=2, baseline=90))
    lines = diff_catalogs(catalog.effective, after).lines()
    assert ("  修改 网上可办率（gs_online_rate）的目标值：≥96%（来源：湾里管理局2023年行动方案（演示数据借用）） → "
            "≥96%（第2季度考核，基线90%）" in lines)
