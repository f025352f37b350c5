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
    metric: Metric
    code: str
    dept: str
    lower: float
    upper: float
    integer: bool
    ytd: bool  # cumulative sum: never falls within a year
    swing: str  # "previous", "last_year" or "" (not checked)
    limit: float
    target: bool
    required: bool
    rules: dict[RuleKind, Rule]
    stated_by: str = ""  # the growth metric that states this base's change on last year


@dataclass(slots=True)
class _Selection:
    catalog: Catalog
    metrics: list[_MetricPlan]
    relations: list[Rule]


class _Plan:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.metrics = [self._compile(m) for m in catalog.metrics]
        self.relations = [r for r in catalog.rules if r.relation is not None]
        self._selections: dict[tuple, _Selection] = {}
        # A base whose growth is stated beside it: its change is declared, and checked by yoy.
        self.stated_growth = {r.metrics[1]: r.metrics[0] for r in self.relations if r.kind == RuleKind.YOY}
        for mp in self.metrics:
            mp.stated_by = self.stated_growth.get(mp.code, "")

    def _compile(self, metric: Metric) -> _MetricPlan:
        lower, upper = bounds(metric)
        own = {r.kind: r for r in self.catalog.rules_for(metric.code) if r.relation is None}
        growth = metric.value_type == ValueType.GROWTH
        swing = "" if growth else ("previous" if metric.kind == Kind.LEVEL else "last_year")
        return _MetricPlan(
            metric=metric, code=metric.code, dept=self.catalog.department_of(metric.code), lower=lower,
            upper=upper, integer=metric.is_integer, ytd=RuleKind.YTD_MONOTONIC in own and not growth,
            swing=swing if RuleKind.SWING in own else "", limit=metric.swing_pct,
            target=RuleKind.TARGET in own, required=RuleKind.REQUIRED in own, rules=own,
        )

    def selection(self, dept: str | None, metric: str | None = None) -> _Selection:
        key = (dept, metric)
        if key not in self._selections:
            self._selections[key] = self._select(dept, metric)
        return self._selections[key]

    def _select(self, dept: str | None, metric: str | None) -> _Selection:
        def wanted(code: str) -> bool:
            return dept is None or self.catalog.department_of(code) == dept

        metrics = [m for m in self.metrics if wanted(m.code) and metric in (None, m.code)]
        relations = [r for r in self.relations if wanted(r.subject) and (metric is None or metric in r.metrics)]
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
        self.judges_targets = period.year == selection.catalog.year
        self.findings: list[Finding] = []

    def add(self, rule: Rule, dept: str, outcome: Outcome | None) -> None:
        if outcome is not None:
            self.findings.append(make_finding(self.catalog, rule, self.period, dept, outcome, self.explanations))


def _run(selection: _Selection, index: Index, period: Period, explanations: dict, final: bool) -> list[Finding]:
    ctx = _Context(selection, index, period, explanations)
    _check_metrics(ctx, selection.metrics, final)
    for rule in selection.relations:
        _check_relation(ctx, rule)
    return ctx.findings


def _check_metrics(ctx: _Context, plans: list[_MetricPlan], final: bool) -> None:
    """The per-metric rules; the conditions here only pre-filter, the checks decide and explain."""
    now, add = ctx.now, ctx.add
    for mp in plans:
        value = now.get(mp.code)
        if value is None:
            if final and mp.required:
                add(mp.rules[RuleKind.REQUIRED], mp.dept, Outcome("missing"))
            continue
        number, dept = value.number, value.dept
        if number < mp.lower or number > mp.upper or (mp.integer and number % 1):
            add(mp.rules[RuleKind.RANGE], dept, check_range(mp.metric, number))
        raw = value.raw
        if raw and not (raw.isascii() and (raw[0] in _DIGITS or raw[-1] in _DIGITS) and not raw.strip(_PLAIN)):
            add(mp.rules[RuleKind.PLACEHOLDER], dept, rules.check_stored_text(raw, mp.metric))
        if mp.ytd and ctx.earlier:
            _check_ytd(ctx, mp, number, dept)
        if mp.swing:
            _check_swing(ctx, mp, number, dept)
        if mp.target and ctx.judges_targets:
            add(mp.rules[RuleKind.TARGET], dept, rules.check_target(mp.metric, number, ctx.period))


def _check_ytd(ctx: _Context, mp: _MetricPlan, number: float, dept: str) -> None:
    for period, row in ctx.earlier:
        before = row.get(mp.code)
        if before is not None:
            if number < before.number:
                ctx.add(mp.rules[RuleKind.YTD_MONOTONIC], dept, rules.check_ytd(number, before.number, period))
            return


def _check_swing(ctx: _Context, mp: _MetricPlan, number: float, dept: str) -> None:
    other, row = ctx.previous if mp.swing == "previous" else ctx.last_year
    before = row.get(mp.code)
    if before is None or (mp.stated_by and mp.swing == "last_year" and mp.stated_by in ctx.now):
        return
    b = before.number
    if mp.integer and max(abs(number), abs(b)) < SWING_MIN_COUNT:
        return  # 1 → 2 trainings is +100% but no news: small counts move by whole units
    if (b == 0 and number != 0) or (b != 0 and abs(number - b) > mp.limit / 100 * abs(b)):
        ctx.add(mp.rules[RuleKind.SWING], dept, rules.check_swing(number, b, other, mp.limit))


def _check_relation(ctx: _Context, rule: Rule) -> None:
    catalog, now = ctx.catalog, ctx.now
    found = [now.get(code) for code in rule.metrics]
    if None in found:
        return  # an identity over missing figures cannot be judged; completeness reports them
    pairs = [(value, catalog.metric(value.metric)) for value in found]
    ctx.add(rule, found[0].dept, _relation_outcome(ctx, rule, pairs))


def _relation_outcome(ctx: _Context, rule: Rule, pairs: list) -> Outcome | None:
    kind = rule.kind
    if kind == RuleKind.RATIO:
        return rules.check_ratio(*pairs)
    if kind == RuleKind.SUM:
        return rules.check_sum(pairs[0], pairs[1:])
    if kind == RuleKind.DIFFERENCE:
        return rules.check_difference(*pairs)
    if kind == RuleKind.PART_LE_WHOLE:
        return rules.check_not_above(pairs[0][0].number, pairs[1][0].number, ("part", "whole"))
    if kind == RuleKind.COMMITMENT_LE_LIMIT:
        return rules.check_not_above(pairs[0][0].number, pairs[1][0].number, ("commitment", "limit"))
    before = ctx.last_year[1].get(rule.metrics[1])  # yoy: last year's base
    return None if before is None else rules.check_yoy(pairs[0], pairs[1], before)
