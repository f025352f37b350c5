"""The indicator catalog: indicators, metrics, rules and targets of one evaluation year.

The year's definitions (what is measured and how it must behave) live in one data file per
year; who leads which indicator differs per district and lives in a separate profile
(see ``models.profile``).  ``Catalog`` joins the two.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from enum import StrEnum

from models.profile import Department, DistrictProfile, check_code, check_text
from models.records import FORBID_EXTRA
from models.relations import (  # noqa: F401  (named through models.catalog across the program)
    CommitmentLeLimitRelation,
    DifferenceRelation,
    PartLeWholeRelation,
    RatioRelation,
    Relation,
    Severity,
    StockFlowRelation,
    SumRelation,
    YoyRelation,
    _Relation,
)
from models.targets import Target  # noqa: F401  (named through models.catalog across the program)
from models.value_types import (  # noqa: F401  (named through models.catalog across the program)
    DURATION_UNITS,
    MONEY_UNITS,
    UNITS,
    VALUE_TYPES,
    Kind,
    TypeBounds,
    ValueType,
)


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    NONE = "none"


class Frequency(StrEnum):
    """How often a metric is reported: a figure is expected only in the quarters that end a period."""

    QUARTER = "quarter"  # 季度: every quarter
    HALF = "half"  # 半年: Q2 and Q4
    YEAR = "year"  # 年度: Q4

    def due_in(self, quarter: int) -> bool:
        return self is Frequency.QUARTER or (self is Frequency.HALF and quarter in (2, 4)) or quarter == 4


@dataclass(frozen=True, slots=True, kw_only=True)
class Metric:
    __pydantic_config__ = FORBID_EXTRA

    code: str
    name: str
    unit: str
    kind: Kind
    value_type: ValueType
    decimals: int = 0  # reporting precision (保留位数): shown and exported rounded half-up to it, 0–6
    direction: Direction = Direction.NONE
    target: Target | None = None
    required: bool = True
    minimum: float | None = None
    maximum: float | None = None
    swing_pct: float = 50.0  # a change beyond this percentage is a warning (figures that are not rates)
    swing_points: float = 10.0  # a rate moving more than this many percentage points is a warning
    outlier_k: float = 3.0  # a value beyond median ± k × 1.4826 × MAD of its history is an outlier
    grades: dict[str, Severity] = field(default_factory=dict)  # rule kind → 强制性 error / 核实性 warning
    aliases: tuple[str, ...] = ()  # other names reports use for the same figure
    description: str = ""  # 指标解释: what exactly is counted (since when, which cases)
    formula: str = ""  # 计算公式, as the framework words it
    data_source: str = ""  # 数据来源: the system or ledger the figure comes from
    frequency: Frequency = Frequency.QUARTER  # 填报频率: an annual statistic is not expected in Q1–Q3
    approximate_ok: bool = False  # may be filed as 约1000 / 1000余 / 近千 (activity counts, not assessed figures)
    renamed_from: str = ""  # 原代码: this metric's code in the previous year's catalog ("" : the same code)
    rename_factor: float = 1.0  # 换算系数: the old figure times this compares with this one (besides units)

    def __post_init__(self) -> None:
        check_code(self.code)
        check_text(self.name, "名称 name")
        if not 0 <= self.decimals <= 6:
            raise ValueError(f"小数位 decimals 须在 0～6 之间，而不是 {self.decimals}")
        for name in ("swing_pct", "swing_points", "outlier_k"):
            if not getattr(self, name) > 0:
                raise ValueError(f"阈值 {name} 须大于 0，而不是 {getattr(self, name):g}")
        for kind, severity in self.grades.items():
            if kind not in RuleKind.__members__.values() or severity == Severity.INFO:
                raise ValueError(f"审核级别 grades 须为 规则类型 → error（强制性）或 warning（核实性），而不是 {kind} → {severity}")
        self._unit_fits_type()
        self._lineage_fits()

    def __hash__(self) -> int:  # grades is a dict: hash what tells metrics apart
        return hash((self.code, self.name, self.unit, self.value_type, self.decimals))

    def _unit_fits_type(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"单位“{self.unit}”不在允许的单位中：{'、'.join(UNITS)}")
        allowed = self.type_bounds.units
        if (self.unit == "%") != (allowed == ("%",)):
            raise ValueError(f"类型 {self.value_type.value} 与单位“{self.unit}”不符：占比和增长率用 %，其余不用 %")
        if self.is_integer and self.decimals:
            raise ValueError("计数和环节数只能是整数，decimals 须为 0")
        if allowed and self.unit not in allowed:
            raise ValueError(f"{self.type_bounds.name}的单位须是 {_either(allowed)}，而不是“{self.unit}”")
        lower, upper = self.lower_bound, self.upper_bound
        if self.target and (self.target.value < lower or (upper is not None and self.target.value > upper)):
            shown = f"{lower:g}～{upper:g}" if upper is not None else f"不小于 {lower:g}"
            raise ValueError(f"目标值 {self.target.value:g}{self.unit} 不可能达到：本指标的取值范围是 {shown}{self.unit}")

    def _lineage_fits(self) -> None:
        if self.renamed_from:
            check_code(self.renamed_from, "原代码 renamed_from")
            if self.renamed_from == self.code:
                raise ValueError(f"原代码 renamed_from 与代码“{self.code}”相同：代码未改时请留空")
        if not (math.isfinite(self.rename_factor) and self.rename_factor > 0):
            raise ValueError(f"换算系数 rename_factor 须为大于 0 的数，而不是 {self.rename_factor:g}")

    @property
    def type_bounds(self) -> TypeBounds:
        return VALUE_TYPES[self.value_type]

    @property
    def lower_bound(self) -> float:
        return self.type_bounds.lower if self.minimum is None else self.minimum

    @property
    def upper_bound(self) -> float | None:
        return self.type_bounds.upper if self.maximum is None else self.maximum

    @property
    def is_integer(self) -> bool:
        return self.type_bounds.integer

    @property
    def is_rate(self) -> bool:
        """In %: compared in percentage points."""
        return self.type_bounds.rate

    @property
    def is_cumulative_sum(self) -> bool:
        """A year-to-date sum (cases, amounts): never falls within a year.  A rate of cumulative
        flows (结案率 so far) is year-to-date too, but may fall."""
        return self.kind == Kind.YTD and not self.is_rate

    def grade(self, kind: RuleKind) -> Severity | None:
        """The grade the catalog sets for this metric's rule of ``kind``, if any."""
        return self.grades.get(kind)


def _either(units: tuple[str, ...]) -> str:
    """天、工作日 或 小时."""
    return f"{'、'.join(units[:-1])} 或 {units[-1]}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Indicator:
    """一级指标."""

    __pydantic_config__ = FORBID_EXTRA

    code: str
    name: str
    metrics: tuple[Metric, ...]

    def __post_init__(self) -> None:
        check_code(self.code)
        check_text(self.name, "名称 name")


class RuleKind(StrEnum):
    RANGE = "range"
    PLACEHOLDER = "placeholder"
    RATIO = "ratio"
    SUM = "sum"
    DIFFERENCE = "difference"
    PART_LE_WHOLE = "part_le_whole"
    COMMITMENT_LE_LIMIT = "commitment_le_limit"
    YTD_MONOTONIC = "ytd_monotonic"
    YOY = "yoy"
    SWING = "swing"
    TARGET = "target"
    REQUIRED = "required"
    OUTLIER = "outlier"
    NEGATIVE = "negative"
    STOCK_FLOW = "stock_flow"


RULE_LABELS = {
    RuleKind.RANGE: "类型与范围",
    RuleKind.PLACEHOLDER: "占位符与无效文本",
    RuleKind.RATIO: "比率 = 分子 ÷ 分母",
    RuleKind.SUM: "分项之和 = 合计",
    RuleKind.DIFFERENCE: "差额 = 被减数 − 减数",
    RuleKind.PART_LE_WHOLE: "部分不大于整体",
    RuleKind.COMMITMENT_LE_LIMIT: "承诺时限不超过法定时限",
    RuleKind.YTD_MONOTONIC: "累计值季度间不减少",
    RuleKind.YOY: "同比增长率与两年数值一致",
    RuleKind.SWING: "较上季度或上年同期大幅波动",
    RuleKind.TARGET: "年度目标",
    RuleKind.REQUIRED: "必填指标已填报",
    RuleKind.OUTLIER: "与历史数据相比异常",
    RuleKind.NEGATIVE: "负值须核实",
    RuleKind.STOCK_FLOW: "期末 = 期初 + 新增 − 减少",
}

DEFAULT_SEVERITY = {
    RuleKind.RANGE: Severity.ERROR,
    RuleKind.PLACEHOLDER: Severity.ERROR,
    RuleKind.RATIO: Severity.ERROR,
    RuleKind.SUM: Severity.ERROR,
    RuleKind.DIFFERENCE: Severity.ERROR,
    RuleKind.PART_LE_WHOLE: Severity.ERROR,
    RuleKind.COMMITMENT_LE_LIMIT: Severity.ERROR,
    RuleKind.YTD_MONOTONIC: Severity.ERROR,
    RuleKind.YOY: Severity.WARNING,
    RuleKind.SWING: Severity.WARNING,
    RuleKind.TARGET: Severity.WARNING,
    RuleKind.REQUIRED: Severity.ERROR,
    RuleKind.OUTLIER: Severity.WARNING,
    RuleKind.NEGATIVE: Severity.WARNING,
    RuleKind.STOCK_FLOW: Severity.ERROR,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """One check as the engine sees it: a stable code, its kind and the metrics it reads.

    Per-metric rules (range, placeholder, ytd, swing, target, required) follow from the
    metric's own fields; relations come from the catalog file.  Both end up here.
    """

    code: str
    kind: RuleKind
    severity: Severity
    metrics: tuple[str, ...]  # the subject first: findings are reported on it
    relation: Relation | None = None

    @property
    def label(self) -> str:
        return RULE_LABELS[self.kind]

    @property
    def subject(self) -> str:
        return self.metrics[0]


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogYear:
    """The content of one year's catalog file."""

    __pydantic_config__ = FORBID_EXTRA

    year: int
    title: str
    indicators: tuple[Indicator, ...]
    relations: tuple[Relation, ...] = ()

    def __post_init__(self) -> None:
        if not 2000 <= self.year <= 2100:
            raise ValueError(f"年度 year 须在 2000～2100 之间，而不是 {self.year}")
        if not self.indicators:
            raise ValueError("一级指标 indicators 至少要有 1 项")


class CatalogError(ValueError):
    """A catalog or profile file that cannot be used; the message names file, entry and problem."""


class Catalog:
    """A year's definitions joined with a district's profile, with look-ups by code.

    Construction checks what no single model can: unique codes, relations that name known
    metrics of fitting types, and a lead department for every indicator.
    """

    def __init__(self, definitions: CatalogYear, profile: DistrictProfile, source: str = ""):
        self.definitions = definitions
        self.profile = profile
        self.source = source
        self.effective = self._as_district_judges(definitions)  # the district's targets where it set them
        self._metrics: dict[str, Metric] = {}
        self._indicator_of: dict[str, Indicator] = {}
        self._index_metrics()
        self._check_leads()
        self.rules: tuple[Rule, ...] = tuple(self._metric_rules()) + tuple(self._relation_rules())
        self._rules_by_metric: dict[str, list[Rule]] = {code: [] for code in self._metrics}
        for rule in self.rules:
            for code in rule.metrics:
                self._rules_by_metric[code].append(rule)

    # ---- construction -------------------------------------------------------------
    def _fail(self, entry: str, problem: str) -> CatalogError:
        return CatalogError(f"{self.source or '指标目录'}：{entry}：{problem}")

    def _index_metrics(self) -> None:
        seen_indicators: set[str] = set()
        for indicator in self.indicators:
            if indicator.code in seen_indicators:
                raise self._fail(f"指标 {indicator.code}", "一级指标代码重复")
            seen_indicators.add(indicator.code)
            for metric in indicator.metrics:
                if metric.code in self._metrics:
                    raise self._fail(f"指标 {indicator.code} 的 {metric.code}", "指标代码重复")
                self._metrics[metric.code] = metric
                self._indicator_of[metric.code] = indicator

    def _as_district_judges(self, definitions: CatalogYear) -> CatalogYear:
        """The year with the district's own targets when it set them for the year (else the
        catalog's); its targets and 不适用 marks must name codes of this year's catalog."""
        settings = self.profile.years.get(definitions.year)
        self._not_applicable: dict[str, str] = dict(settings.not_applicable) if settings else {}
        metrics = {m.code: m for i in definitions.indicators for m in i.metrics}
        entry = f"区县配置（{definitions.year}年）"
        unknown = sorted(set(self._not_applicable) - set(metrics) - {i.code for i in definitions.indicators})
        if unknown:
            raise self._fail(f"{entry}的不适用", f"目录中没有指标或一级指标：{'、'.join(unknown)}")
        if settings is None or settings.targets is None:
            return definitions
        targets = settings.targets
        unknown = sorted(set(targets) - set(metrics))
        if unknown:
            raise self._fail(f"{entry}的目标", f"目录中没有指标：{'、'.join(unknown)}")

        def judged(metric: Metric) -> Metric:
            try:
                return replace(metric, target=targets.get(metric.code))
            except ValueError as exc:
                raise self._fail(f"{entry}的目标 {metric.code}（{metric.name}）", str(exc)) from exc

        return replace(definitions, indicators=tuple(
            replace(i, metrics=tuple(judged(m) for m in i.metrics)) for i in definitions.indicators))

    def not_applicable(self, code: str) -> str:
        """Why the district does not report a metric or indicator this year; "" when it does."""
        reason = self._not_applicable.get(code, "")
        indicator = self._indicator_of.get(code)
        return reason or (self._not_applicable.get(indicator.code, "") if indicator else "")

    def _check_leads(self) -> None:
        """Each indicator of this year has a lead; leads of other years' indicators are no concern here
        (a profile holds them for every year: app.profile refuses one that no year's catalog has)."""
        for indicator in self.indicators:
            if indicator.code not in self.profile.leads:
                raise self._fail(f"指标 {indicator.code}（{indicator.name}）", "区县配置中没有牵头单位")

    def _metric_rules(self):
        for metric in self._metrics.values():
            kinds = [RuleKind.RANGE, RuleKind.PLACEHOLDER]
            if metric.value_type != ValueType.GROWTH:  # a growth rate is already a comparison; yoy checks it
                kinds += [RuleKind.SWING, RuleKind.OUTLIER]
            if metric.is_cumulative_sum:
                kinds.append(RuleKind.YTD_MONOTONIC)
            if metric.type_bounds.flag_negative:
                kinds.append(RuleKind.NEGATIVE)
            if metric.target is not None:
                kinds.append(RuleKind.TARGET)
            kinds.append(RuleKind.REQUIRED)  # a required metric, or the partner of a filed one (final check)
            for kind in kinds:
                severity = metric.grade(kind) or DEFAULT_SEVERITY[kind]
                yield Rule(code=kind.value, kind=kind, severity=severity, metrics=(metric.code,))

    def _relation_rules(self):
        codes: set[str] = set()
        for position, relation in enumerate(self.definitions.relations):
            entry = f"relations[{position}]（{relation.code}）"
            if relation.code in codes:
                raise self._fail(entry, "规则代码重复")
            codes.add(relation.code)
            for code in relation.metrics():
                if code not in self._metrics:
                    raise self._fail(entry, f"引用了不存在的指标“{code}”")
            self._check_relation_types(entry, relation)
            kind = RuleKind(relation.kind)
            subject = self._metrics[relation.metrics()[0]]
            yield Rule(
                code=relation.code, kind=kind, metrics=relation.metrics(), relation=relation,
                severity=relation.severity or subject.grade(kind) or DEFAULT_SEVERITY[kind],
            )

    def _check_relation_types(self, entry: str, relation: _Relation) -> None:
        metrics = [self._metrics[c] for c in relation.metrics()]
        subject = metrics[0]
        if relation.kind == "ratio" and subject.unit != "%":
            raise self._fail(entry, f"比率“{subject.name}”的单位须为 %")
        if relation.kind == "yoy" and subject.value_type != ValueType.GROWTH:
            raise self._fail(entry, f"“{subject.name}”须是增长率才能做同比核对")
        if relation.kind in ("sum", "difference", "part_le_whole", "commitment_le_limit"):
            units = {m.unit for m in metrics}
            if len(units) > 1:
                raise self._fail(entry, f"参与比较的指标单位不一致：{'、'.join(sorted(units))}")

    # ---- look-ups -------------------------------------------------------------------
    @property
    def year(self) -> int:
        return self.definitions.year

    @property
    def title(self) -> str:
        return self.definitions.title

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return self.effective.indicators

    @property
    def departments(self) -> tuple[Department, ...]:
        return self.profile.departments

    @property
    def metrics(self) -> list[Metric]:
        return list(self._metrics.values())

    def metric(self, code: str) -> Metric | None:
        return self._metrics.get(code)

    def indicator(self, code: str) -> Indicator | None:
        return next((i for i in self.indicators if i.code == code), None)

    def indicator_of(self, metric_code: str) -> Indicator:
        return self._indicator_of[metric_code]

    def lead_of(self, indicator_code: str) -> str:
        return self.profile.leads[indicator_code]

    def department_of(self, metric_code: str) -> str:
        """The department that files a metric: its own 填报单位 if the profile names one, else its indicator's lead."""
        return self.profile.filers.get(metric_code) or self.lead_of(self.indicator_of(metric_code).code)

    def department(self, code_or_name: str) -> Department | None:
        return self.profile.department(code_or_name)

    def indicators_led_by(self, dept_code: str) -> list[Indicator]:
        return [i for i in self.indicators if self.lead_of(i.code) == dept_code]

    def indicators_filed_by(self, dept_code: str) -> list[Indicator]:
        """Indicators with a metric the department files (led by it or not), in catalog order."""
        return [i for i in self.indicators if any(self.department_of(m.code) == dept_code for m in i.metrics)]

    def metrics_of_department(self, dept_code: str) -> list[Metric]:
        """The metrics the department files: of the indicators it leads, less those filed by another, and
        those it files of indicators others lead."""
        return [m for m in self.metrics if self.department_of(m.code) == dept_code]

    def rules_for(self, metric_code: str) -> list[Rule]:
        return self._rules_by_metric.get(metric_code, [])
