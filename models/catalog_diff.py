"""What changed between two years' catalogs: indicators, metrics (and which fields), relations."""

from __future__ import annotations

from dataclasses import dataclass

from models.catalog import CatalogYear, Metric
from models.value_types import unit_factor

_FIELD_NAMES = {
    "name": "名称", "unit": "单位", "kind": "累计/时点", "value_type": "类型", "decimals": "保留位数",
    "direction": "方向", "target": "目标值", "required": "必填", "minimum": "下限", "maximum": "上限",
    "swing_pct": "波动阈值（%）", "swing_points": "波动阈值（百分点）", "outlier_k": "历史异常阈值 k",
    "grades": "审核级别", "aliases": "别名", "description": "指标解释", "formula": "计算公式",
    "data_source": "数据来源", "frequency": "填报频率",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class MetricChange:
    code: str
    name: str
    fields: dict[str, tuple[str, str]]  # Chinese field name → (before, after)


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogDiff:
    before: int
    after: int
    indicators_added: tuple[str, ...] = ()
    indicators_removed: tuple[str, ...] = ()
    metrics_added: tuple[str, ...] = ()
    metrics_removed: tuple[str, ...] = ()
    metrics_changed: tuple[MetricChange, ...] = ()
    relations_added: tuple[str, ...] = ()
    relations_removed: tuple[str, ...] = ()
    metrics_renamed: tuple[str, ...] = ()  # "新名称（gs_x）原为 旧名称（gs_y）", conversion included

    @property
    def empty(self) -> bool:
        return not any((self.indicators_added, self.indicators_removed, self.metrics_added,
                        self.metrics_removed, self.metrics_changed, self.relations_added,
                        self.relations_removed, self.metrics_renamed))

    def lines(self) -> list[str]:
        """The differences as Chinese text, one line each."""
        lines = [f"{self.before}年 → {self.after}年目录："]
        for label, items in (("新增一级指标", self.indicators_added), ("删除一级指标", self.indicators_removed),
                             ("新增指标", self.metrics_added), ("停用指标", self.metrics_removed),
                             ("新增规则", self.relations_added), ("删除规则", self.relations_removed)):
            lines += [f"  {label}：{item}" for item in items]
        lines += [f"  改名：{item}" for item in self.metrics_renamed]
        for change in self.metrics_changed:
            for field, (old, new) in change.fields.items():
                lines.append(f"  修改 {change.name}（{change.code}）的{field}：{old} → {new}")
        if self.empty:
            lines.append("  没有差别")
        return lines


def diff_catalogs(before: CatalogYear, after: CatalogYear) -> CatalogDiff:
    old_i = {i.code: i for i in before.indicators}
    new_i = {i.code: i for i in after.indicators}
    old_m = {m.code: m for i in before.indicators for m in i.metrics}
    new_m = {m.code: m for i in after.indicators for m in i.metrics}
    renamed = {m.code: m.renamed_from for m in new_m.values() if m.renamed_from in old_m and m.renamed_from not in new_m}
    pairs = {code: code for code in set(old_m) & set(new_m)} | {new: old for new, old in renamed.items()}
    old_r = {r.code for r in before.relations}
    new_r = {r.code for r in after.relations}
    return CatalogDiff(
        before=before.year, after=after.year,
        indicators_added=tuple(_named(new_i, set(new_i) - set(old_i))),
        indicators_removed=tuple(_named(old_i, set(old_i) - set(new_i))),
        metrics_added=tuple(_named(new_m, set(new_m) - set(old_m) - set(renamed))),
        metrics_removed=tuple(_named(old_m, set(old_m) - set(new_m) - set(renamed.values()))),
        metrics_renamed=tuple(_renamed(old_m[old], new_m[new]) for new, old in sorted(renamed.items())),
        metrics_changed=tuple(c for code in sorted(pairs)
                              if (c := _metric_change(old_m[pairs[code]], new_m[code])).fields),
        relations_added=tuple(sorted(new_r - old_r)),
        relations_removed=tuple(sorted(old_r - new_r)),
    )


def _named(items: dict, codes: set[str]) -> list[str]:
    return [f"{items[c].name}（{c}）" for c in sorted(codes)]


def _renamed(old: Metric, new: Metric) -> str:
    """新设立市场主体合计（bs_new_total_2024）原为 新设立市场主体合计（bs_new_total），上年数值 ×0.5 后比较."""
    factor = f"，上年数值 ×{new.rename_factor:g} 后比较" if new.rename_factor != 1 else ""
    return f"{new.name}（{new.code}）原为 {old.name}（{old.code}）{factor}"


def _metric_change(old: Metric, new: Metric) -> MetricChange:
    fields = {}
    for field, label in _FIELD_NAMES.items():
        a, b = getattr(old, field), getattr(new, field)
        if a != b:
            fields[label] = (_shown(old, a), _shown(new, b))
    if old.unit != new.unit:
        factor = unit_factor(old.unit, new.unit)
        after = f"，上年数值 ×{factor:g} 后比较" if factor is not None else "，上年数值无法换算"
        fields[_FIELD_NAMES["unit"]] = (old.unit, new.unit + after)
    return MetricChange(code=new.code, name=new.name, fields=fields)


def _shown(metric: Metric, value) -> str:
    if value is None:
        return "无"
    if hasattr(value, "text"):  # a Target
        due = f"，第{value.due}季度考核" if value.due != 4 else ""
        baseline = f"，基线{value.baseline:g}{metric.unit}" if value.baseline is not None else ""
        source = f"，来源：{value.source}" if value.source else ""
        details = (due + baseline + source)[1:]
        return value.text(metric.unit) + (f"（{details}）" if details else "")
    if hasattr(value, "value"):  # an enum
        return str(value.value)
    if isinstance(value, tuple):
        return "、".join(value) or "无"
    if isinstance(value, dict):  # grades: rule kind → error / warning
        grade = {"error": "强制性", "warning": "核实性"}
        return "、".join(f"{kind} {grade.get(level, level)}" for kind, level in sorted(value.items())) or "默认"
    return str(value)
