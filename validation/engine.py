"""The validation engine: every rule of the catalog over the figures of one period.

``validate`` runs in batch (a whole period, optionally one department), ``validate_metric``
live on one edited cell (only the rules that read that metric).  Both are pure functions of
the figures, the catalog and the written explanations; they never stop at the first failure.

What the rules read besides the period itself (``periods_needed``):

- ``ytd_monotonic``: a cumulative sum is compared with the latest earlier quarter of the same
  year that has a figure; the first quarter starts a new year and has nothing to compare.
  A cumulative *growth rate* (累计同比) is a rate, not a sum, and may fall: it is not checked.
- ``swing``: a level (时点) figure against the previous quarter (Q1 against last year's Q4);
  cumulative and single-quarter figures against the same quarter last year, since they grow
  through the year or follow the seasons.  Growth rates are not swing-checked (they already
  are a comparison with last year; ``yoy`` checks them).  A figure that was 0 cannot change by
  a percentage: that is said as such (``from_zero``), never divided by.  Counts that stay below
  ``SWING_MIN_COUNT`` on both sides are not checked (2 trainings after 1 is +100% and no news).
  Nor is the base of a stated growth rate filed beside it (电子卖场采购金额 +102.46% is declared
  by 电子卖场采购金额同比增长, and ``yoy`` checks that the two agree).
- ``target``: judged only in the catalog's own evaluation year (its targets come from that
  year's plans); how a cumulative sum is pro-rated is told in ``rules.target_for``.
- ``yoy``: a stated growth rate against this and last year's figure of its base; without last
  year's figure there is nothing to check and no finding.
- ``required`` (completeness) only with ``final=True``: before a final submission every
  required metric must be filled.

Speed: the catalog is compiled once into a plan (bounds and flags per metric as plain slots),
the figures are indexed once by period and metric, and the per-metric loop does only
comparisons, building a ``Finding`` (and its message) only for a failure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from models.catalog import Catalog, Kind, Metric, Rule, RuleKind, ValueType
from models.findings import Finding, Report
from models.periods import Period
from models.values import Explanation, Value
from validation import rules
from validation.display import make_finding
from validation.ranges import Outcome, bounds, check_range

Index = dict[str, dict[str, Value]]  # period code → metric code → value

SWING_MIN_COUNT = 10  # counts below this on both sides are not swing-checked
_DIGITS = "0123456789"
_PLAIN = "0123456789.,+-% "


def periods_needed(period: Period) -> list[Period]:
    """The periods whose figures the rules of ``period`` read, oldest first."""
    wanted = {*period.quarters_so_far(), period.previous(), period.same_quarter_last_year()}
    return sorted(wanted)


def validate(values: Iterable[Value], catalog: Catalog, period: Period, *, dept: str | None = None,
             explanations: Iterable[Explanation] = (), final: bool = False) -> Report:
    """Every rule over ``period`` (for one department, or all); ``final`` adds completeness."""
    return validate_periods(values, catalog, [period], dept=dept, explanations=explanations, final=final)[0]


def validate_metric(values: Iterable[Value], catalog: Catalog, period: Period, metric_code: str, *,
                    dept: str | None = None, explanations: Iterable[Explanation] = ()) -> list[Finding]:
    """Only the rules that read ``metric_code``: live checking of one edited cell.

    Relations are reported on their subject, which may be another metric (editing 结案数
    can break 结案率 = 结案数 ÷ 受理案件数, reported on 结案率).
    """
    selection = _plan(catalog).selection(dept, metric_code)
    return _run(selection, index_values(values), period, _by_key(explanations), final=False)


def validate_periods(values: Iterable[Value], catalog: Catalog, periods: Sequence[Period], *,
                     dept: str | None = None, explanations: Iterable[Explanation] = (),
                     final: bool = False) -> list[Report]:
    """One report per period, indexing the figures once (batch work over many periods)."""
    index, explained = index_values(values), _by_key(explanations)
    selection = _plan(catalog).selection(dept)
    return [Report(period=p.code, findings=tuple(_run(selection, index, p, explained, final))) for p in periods]


def index_values(values: Iterable[Value]) -> Index:
    index: Index = {}
    period, row = None, {}
    for value in values:
        if value.period != period:
            period = value.period
            row = index.setdefault(period, {})
        row[value.metric] = value
    return index


def _by_key(explanations: Iterable[Explanation]) -> dict:
    return {(e.period, e.dept, e.metric, e.rule): e for e in explanations}


# ---- the compiled catalog -----------------------------------------------------------------

@dataclass(slots=True)
class _MetricPlan:
    """A metric's own rules, reduced to the plain numbers the per-metric pass compares."""

    metric: Metric
    code: str
    dept: str
    lower: float
    upper: float  # infinity when unbounded
    integer: bool
    ytd: bool  # a cumulative sum: never falls within a year
    swing: str  # "previous", "last_year" or "" (not checked)
    swing_fraction: float  # swing_pct / 100
    target_op: str  # ">=", "<=", "==" or "" (no target)
    required: bool
    rules: dict[RuleKind, Rule]
    stated_by: str  # the growth metric that states this base's change on last year, if any


@dataclass(slots=True, frozen=True)
class _Relation:
    rule: Rule
    codes: tuple[str, ...]  # as in rule.metrics: the subject first
    metrics: tuple[Metric, ...]
    fine: float  # ratio, yoy: the finest tolerance the subject's decimals allow (a sure pass below it)


@dataclass(slots=True)
class _Selection:
    catalog: Catalog
    metrics: list[_MetricPlan]
    relations: dict[RuleKind, list[_Relation]]


class _Plan:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        relations = [r for r in catalog.rules if r.relation is not None]
        # A base whose growth is stated beside it: its change is declared, and checked by yoy.
        stated = {r.metrics[1]: r.metrics[0] for r in relations if r.kind == RuleKind.YOY}
        self.metrics = [self._compile(m, stated.get(m.code, "")) for m in catalog.metrics]
        self.relations = [self._compile_relation(r) for r in relations]
        self._selections: dict[tuple, _Selection] = {}

    def _compile(self, metric: Metric, stated_by: str) -> _MetricPlan:
        lower, upper = bounds(metric)
        own = {r.kind: r for r in self.catalog.rules_for(metric.code) if r.relation is None}
        growth = metric.value_type == ValueType.GROWTH
        swing = "" if growth or RuleKind.SWING not in own else ("previous" if metric.kind == Kind.LEVEL else "last_year")
        return _MetricPlan(
            metric=metric, code=metric.code, dept=self.catalog.department_of(metric.code), lower=lower,
            upper=upper, integer=metric.is_integer, ytd=RuleKind.YTD_MONOTONIC in own and not growth,
            swing=swing, swing_fraction=metric.swing_pct / 100,
            target_op=metric.target.op if RuleKind.TARGET in own else "", required=RuleKind.REQUIRED in own,
            rules=own, stated_by=stated_by,
        )

    def _compile_relation(self, rule: Rule) -> _Relation:
        metrics = tuple(self.catalog.metric(code) for code in rule.metrics)
        return _Relation(rule, rule.metrics, metrics, 10.0 ** -metrics[0].decimals * (1 - 1e-9))

    def selection(self, dept: str | None, metric: str | None = None) -> _Selection:
        key = (dept, metric)
        if key not in self._selections:
            self._selections[key] = self._select(dept, metric)
        return self._selections[key]

    def _select(self, dept: str | None, metric: str | None) -> _Selection:
        def wanted(code: str) -> bool:
            return dept is None or self.catalog.department_of(code) == dept

        metrics = [m for m in self.metrics if wanted(m.code) and metric in (None, m.code)]
        relations: dict[RuleKind, list[_Relation]] = {}
        for rel in self.relations:
            if wanted(rel.rule.subject) and (metric is None or metric in rel.codes):
                relations.setdefault(rel.rule.kind, []).append(rel)
        return _Selection(self.catalog, metrics, relations)


_PLANS: WeakKeyDictionary[Catalog, _Plan] = WeakKeyDictionary()


def _plan(catalog: Catalog) -> _Plan:
    plan = _PLANS.get(catalog)
    if plan is None:
        plan = _PLANS[catalog] = _Plan(catalog)
    return plan


# ---- one period -------------------------------------------------------------------------------

class _Context:
    """What every check of one period needs: the rows it reads and where findings go."""

    def __init__(self, selection: _Selection, index: Index, period: Period, explanations: dict):
        self.catalog = selection.catalog
        self.period = period
        self.now = index.get(period.code, {})
        self.previous = (period.previous(), index.get(period.previous().code, {}))
        last_year = period.same_quarter_last_year()
        self.last_year = (last_year, index.get(last_year.code, {}))
        earlier = reversed(period.quarters_so_far()[:-1])
        self.earlier = [(p, index.get(p.code, {})) for p in earlier]  # latest first
        self.explanations = explanations
        # Annual targets belong to the catalog's evaluation year (a 2023 plan says nothing of 2022).
        self.goals = _goals(selection.metrics, period) if period.year == selection.catalog.year else {}
        self.findings: list[Finding] = []

    def add(self, rule: Rule, dept: str, outcome: Outcome | None) -> None:
        if outcome is not None:
            self.findings.append(make_finding(self.catalog, rule, self.period, dept, outcome, self.explanations))


def _goals(plans: list[_MetricPlan], period: Period) -> dict[str, float]:
    return {mp.code: rules.target_for(mp.metric, period)[0] for mp in plans if mp.target_op}


def _run(selection: _Selection, index: Index, period: Period, explanations: dict, final: bool) -> list[Finding]:
    ctx = _Context(selection, index, period, explanations)
    _check_metrics(ctx, selection.metrics, final)
    relations = selection.relations
    _check_ratios(ctx, relations.get(RuleKind.RATIO, ()))
    _check_sums(ctx, relations.get(RuleKind.SUM, ()))
    _check_differences(ctx, relations.get(RuleKind.DIFFERENCE, ()))
    _check_not_above(ctx, relations.get(RuleKind.PART_LE_WHOLE, ()), ("part", "whole"))
    _check_not_above(ctx, relations.get(RuleKind.COMMITMENT_LE_LIMIT, ()), ("commitment", "limit"))
    _check_yoys(ctx, relations.get(RuleKind.YOY, ()))
    return ctx.findings


def _check_metrics(ctx: _Context, plans: list[_MetricPlan], final: bool) -> None:
    """The per-metric rules in one pass.

    The conditions here are only quick pre-filters, exact or on the safe side; the functions
    of ``validation.rules`` they call decide and describe the failure.
    """
    now, add, goals = ctx.now, ctx.add, ctx.goals
    rows = {"previous": ctx.previous[1], "last_year": ctx.last_year[1], "": None}
    latest = ctx.earlier[0][1] if ctx.earlier else None
    for mp in plans:
        code, value = mp.code, now.get(mp.code)
        if value is None:
            if final and mp.required:
                add(mp.rules[RuleKind.REQUIRED], mp.dept, Outcome("missing"))
            continue
        number, raw = value.number, value.raw
        if number < mp.lower or number > mp.upper or (mp.integer and number % 1):
            add(mp.rules[RuleKind.RANGE], value.dept, check_range(mp.metric, number))
        if raw and not (raw.isascii() and (raw[0] in _DIGITS or raw[-1] in _DIGITS) and not raw.strip(_PLAIN)):
            add(mp.rules[RuleKind.PLACEHOLDER], value.dept, rules.check_stored_text(raw, mp.metric))
        if mp.ytd and latest is not None:
            before = latest.get(code)
            if before is None or number < before.number:
                _check_ytd(ctx, mp, value)
        row = rows[mp.swing]
        if row is not None:
            before = row.get(code)
            if before is not None and abs(number - before.number) > mp.swing_fraction * abs(before.number):
                _check_swing(ctx, mp, value, before)
        if code in goals and not _meets(mp.target_op, number, goals[code]):
            add(mp.rules[RuleKind.TARGET], value.dept, rules.check_target(mp.metric, number, ctx.period))


def _meets(op: str, number: float, goal: float) -> bool:
    return number >= goal if op == ">=" else number <= goal if op == "<=" else number == goal


def _check_ytd(ctx: _Context, mp: _MetricPlan, value: Value) -> None:
    """Against the latest earlier quarter of the year that has a figure."""
    for period, row in ctx.earlier:
        before = row.get(mp.code)
        if before is not None:
            ctx.add(mp.rules[RuleKind.YTD_MONOTONIC], value.dept, rules.check_ytd(value.number, before.number, period))
            return


def _check_swing(ctx: _Context, mp: _MetricPlan, value: Value, before: Value) -> None:
    if mp.stated_by and mp.swing == "last_year" and mp.stated_by in ctx.now:
        return  # the change is stated as a growth rate; yoy checks it
    if mp.integer and max(abs(value.number), abs(before.number)) < SWING_MIN_COUNT:
        return  # 1 → 2 trainings is +100% but no news: small counts move by whole units
    other = ctx.previous[0] if mp.swing == "previous" else ctx.last_year[0]
    ctx.add(mp.rules[RuleKind.SWING], value.dept, rules.check_swing(value.number, before.number, other,
                                                                     mp.swing_fraction * 100))


# ---- relations: an identity over a missing figure is not judged (completeness reports it) -----

def _check_ratios(ctx: _Context, relations) -> None:
    now = ctx.now
    for rel in relations:
        rate, numerator, denominator = (now.get(code) for code in rel.codes)
        if rate is None or numerator is None or denominator is None:
            continue
        d = denominator.number
        if d and abs(rate.number - numerator.number / d * 100) < rel.fine:
            continue
        ctx.add(rel.rule, rate.dept, rules.check_ratio(*zip((rate, numerator, denominator), rel.metrics, strict=True)))


def _check_yoys(ctx: _Context, relations) -> None:
    now, last_year = ctx.now, ctx.last_year[1]
    for rel in relations:
        growth_code, base_code = rel.codes
        growth, base, before = now.get(growth_code), now.get(base_code), last_year.get(base_code)
        if growth is None or base is None or before is None:
            continue  # without last year's figure there is nothing to compare with
        b = before.number
        if b and abs(growth.number - (base.number / b - 1) * 100) < rel.fine:
            continue
        pairs = tuple(zip((growth, base), rel.metrics, strict=True))
        ctx.add(rel.rule, growth.dept, rules.check_yoy(*pairs, before))


def _check_sums(ctx: _Context, relations) -> None:
    now = ctx.now
    for rel in relations:
        found = [now.get(code) for code in rel.codes]
        if any(v is None for v in found) or found[0].number == sum(v.number for v in found[1:]):
            continue
        pairs = list(zip(found, rel.metrics, strict=True))
        ctx.add(rel.rule, found[0].dept, rules.check_sum(pairs[0], pairs[1:]))


def _check_differences(ctx: _Context, relations) -> None:
    now = ctx.now
    for rel in relations:
        result, minuend, subtrahend = (now.get(code) for code in rel.codes)
        if result is None or minuend is None or subtrahend is None:
            continue
        if result.number == minuend.number - subtrahend.number:
            continue
        ctx.add(rel.rule, result.dept, rules.check_difference(*zip((result, minuend, subtrahend), rel.metrics,
                                                                    strict=True)))


def _check_not_above(ctx: _Context, relations, names: tuple[str, str]) -> None:
    now = ctx.now
    for rel in relations:
        small, large = now.get(rel.codes[0]), now.get(rel.codes[1])
        if small is None or large is None or small.number <= large.number:
            continue
        ctx.add(rel.rule, small.dept, rules.check_not_above(small.number, large.number, names))
