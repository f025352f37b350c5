"""The validation engine: every rule of the catalog over the figures of one period.

``validate`` runs in batch (a whole period, optionally one department), ``validate_metric``
live on one edited cell (only the rules that read that metric).  Both are pure functions of
the figures, the catalog and the written explanations; they never stop at the first failure.

What the rules read besides the period itself (``periods_needed``):

- ``ytd_monotonic``: a cumulative sum is compared with the latest earlier quarter of the same
  year that has a figure; the first quarter starts a new year and has nothing to compare.
  A rate of cumulative flows (结案率 so far) or a cumulative growth rate may fall: not checked.
- ``outlier`` and ``swing`` compare like with like: a level (时点) with the quarters before it
  (Q1 after last year's Q4), a cumulative or single-quarter figure with the same quarter of
  earlier years, since it grows through the year or follows the seasons.  With at least
  ``rules.MIN_HISTORY`` comparable past values, history judges the figure (``outlier``: median
  ± k·1.4826·MAD); with less, the fixed threshold does (``swing``: percentage points for a
  rate, percent otherwise).  A figure that was 0 cannot change by a percentage: that is said as
  such (``from_zero``), never divided by.  A count of events moving within chance (3·√n), or
  a count of listed items staying in single digits, is no news.
  Growth rates are not checked for change (they are one; ``yoy`` checks them), nor is the base
  of a growth rate filed beside it (电子卖场采购金额 +102.46% is declared by its 同比增长).
- ``target``: judged only in the catalog's own evaluation year (its targets come from that
  year's plans), from its due quarter on; ``rules.check_target`` tells what happens before.
- ``yoy``: a stated growth rate against this and last year's figure of its base; from a zero
  base or without last year's figure it cannot be checked, which is a warning (核实性).
- ``required`` (completeness) only with ``final=True``: before a final submission every
  required metric due this quarter (an annual figure only in Q4, a half-yearly one in Q2 and Q4)
  must be filled, and so must the partners of a filed rate or growth rate.
- ``stock_flow``: 期末 = 期初 + 新增 − 减少 (市场主体总量 = 上年末总量 + 新设 − 注销).  期初 is not a
  figure of its own but the stock filed at the end of the period the flows start from: last
  year's Q4 when the flows are year-to-date (each year's 新设 counts from 1 January, so Q3's stock is
  last December's plus nine months of flows), the previous quarter when they are quarterly (当季).
  Without that figure the balance cannot be checked, which is a warning (核实性), as for ``yoy``.
- An approximation (``40余``) is never an exact operand: a relation over one is not judged,
  and a final check lists it (info).

Speed: the catalog is compiled once into a plan (``validation.plan``: bounds and flags per
metric as plain slots, each metric at a fixed position), the figures are indexed once into
lists by period and position, and the passes do only comparisons of plain numbers, building a
``Finding`` (and its message) only for a failure.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache

from models.catalog import Catalog, Kind, RuleKind
from models.findings import Finding, Report
from models.periods import Period
from models.values import Explanation, Value
from validation import history_periods, rules
from validation.display import make_finding
from validation.messages import PlaceholderCase, RequiredCase
from validation.plan import Index, MetricPlan, Row, Selection, plan_of
from validation.rules import Outcome

COUNT_NOISE = 3.0  # a count of events moves by chance about √n: a change within 3·√n is no news
SMALL_COUNT = 10  # a count of listed items below this on both sides moves by single items
_DIGITS = "0123456789"
_PLAIN = "0123456789.,+-% "


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
    return validate_metric_in(Figures(values, catalog), period, metric_code, dept=dept, explanations=explanations)


class Figures:
    """Figures indexed for the rules once, then kept up to date figure by figure: live checking
    re-checks one metric after each edit, and indexing some 600 figures anew took longer than that."""

    def __init__(self, values: Iterable[Value], catalog: Catalog):
        self.plan = plan_of(catalog)
        self.index = self.plan.index(values)

    def put(self, period: str, metric: str, value: Value | None) -> None:
        """The figure of ``metric`` in ``period`` is now ``value`` (None: there is none)."""
        self.plan.put(self.index, period, metric, value)


def validate_metric_in(figures: Figures, period: Period, metric_code: str, *, dept: str | None = None,
                       explanations: Iterable[Explanation] = ()) -> list[Finding]:
    """``validate_metric`` over figures already indexed."""
    selection = figures.plan.selection(dept, metric_code)
    return _run(selection, figures.index, period, _by_key(explanations), final=False)


def validate_periods(values: Iterable[Value], catalog: Catalog, periods: Sequence[Period], *,
                     dept: str | None = None, explanations: Iterable[Explanation] = (),
                     final: bool = False) -> list[Report]:
    """One report per period, indexing the figures once (batch work over many periods)."""
    plan = plan_of(catalog)
    index, explained, selection = plan.index(values), _by_key(explanations), plan.selection(dept)
    return [Report(period=p.code, findings=tuple(_run(selection, index, p, explained, final))) for p in periods]


def _by_key(explanations: Iterable[Explanation]) -> dict:
    return {(e.period, e.dept, e.metric, e.rule): e for e in explanations}


# ---- one period -------------------------------------------------------------------------------

class _Context:
    """What every check of one period needs: the rows it reads and where findings go."""

    def __init__(self, selection: Selection, index: Index, period: Period, explanations: dict):
        self.catalog = selection.catalog
        self.period = period
        self.plan = plan_of(self.catalog)
        empty = self.plan.empty
        code, previous, last_year, earlier, recent, seasons, year_end = _neighbours(period)
        self.now: Row = index.get(code, empty)
        self.previous = (previous, index.get(previous.code, empty))
        self.year_end = (year_end, index.get(year_end.code, empty))  # 期初 of year-to-date flows
        self.last_year = (last_year, index.get(last_year.code, empty))
        self.earlier = [(p, index.get(p.code, empty)) for p in earlier]  # latest first
        # History for the outlier rule, latest first, only periods that have figures at all.
        self.history = (None, [(p, index[code]) for p, code in recent if code in index],
                        [(p, index[code]) for p, code in seasons if code in index])
        self.explanations = explanations
        # Annual targets belong to the catalog's evaluation year (a 2023 plan says nothing of 2022).
        self.goals = _goals(selection.metrics, period) if period.year == selection.catalog.year else {}
        self.findings: list[Finding] = []

    def add(self, rule, dept: str, outcome: Outcome | None) -> None:
        if outcome is not None:
            self.findings.append(make_finding(self.catalog, rule, self.period, dept, outcome, self.explanations))


@lru_cache(maxsize=1024)
def _neighbours(period: Period) -> tuple:
    """The period's code, previous quarter, same quarter last year, earlier quarters of the year,
    recent quarters and the same quarter of earlier years (each latest first), and last year's
    fourth quarter: built once per
    period, not once per district and period (a Period is a pydantic model); history periods come
    with their codes."""
    earlier = tuple(reversed(period.quarters_so_far()[:-1]))
    recent, seasons = ([(p, p.code) for p in periods] for periods in history_periods(period))
    year_end = Period(year=period.year - 1, quarter=4)
    return period.code, period.previous(), period.same_quarter_last_year(), earlier, recent, seasons, year_end


def _goals(plans: list[MetricPlan], period: Period) -> dict[int, float]:
    return {mp.position: rules.target_for(mp.metric, period)[0] for mp in plans if mp.target_op}


def _run(selection: Selection, index: Index, period: Period, explanations: dict, final: bool) -> list[Finding]:
    ctx = _Context(selection, index, period, explanations)
    _check_metrics(ctx, selection.slots, final)
    relations = selection.relations
    _check_ratios(ctx, relations.get(RuleKind.RATIO, ()))
    _check_sums(ctx, relations.get(RuleKind.SUM, ()))
    _check_differences(ctx, relations.get(RuleKind.DIFFERENCE, ()))
    _check_not_above(ctx, relations.get(RuleKind.PART_LE_WHOLE, ()), ("part", "whole"))
    _check_not_above(ctx, relations.get(RuleKind.COMMITMENT_LE_LIMIT, ()), ("commitment", "limit"))
    _check_yoys(ctx, relations.get(RuleKind.YOY, ()))
    _check_stock_flows(ctx, relations.get(RuleKind.STOCK_FLOW, ()))
    if final:
        _check_partners(ctx, [*relations.get(RuleKind.RATIO, ()), *relations.get(RuleKind.YOY, ()),
                              *relations.get(RuleKind.STOCK_FLOW, ())])
    return ctx.findings


def _check_metrics(ctx: _Context, slots: list[tuple], final: bool) -> None:
    """The per-metric rules in one pass.

    The conditions here are only quick pre-filters, exact or on the safe side; the functions
    of ``validation.rules`` they call decide and describe the failure.  A text is plain when
    ``strip`` leaves nothing (every character is a digit, sign, separator or %) and it starts or
    ends with a digit.
    """
    numbers, raws, goals = ctx.now.numbers, ctx.now.raws, ctx.goals
    before_rows = (None, ctx.previous[1].numbers, ctx.last_year[1].numbers)
    latest = ctx.earlier[0][1].numbers if ctx.earlier else None
    histories = [None] + [[(p, row.numbers) for p, row in reversed(rows)] for rows in ctx.history[1:]]
    for i, lower, upper, integer, ytd, swing, fraction, points, negative, target, mp in slots:
        number = numbers[i]
        if number is None:
            if final and mp.required and mp.frequency.due_in(ctx.period.quarter) and not _no_rate(numbers, mp):
                ctx.add(mp.rules[RuleKind.REQUIRED], mp.dept, Outcome(RequiredCase.MISSING))
            continue
        if not lower <= number <= upper or (integer and number % 1):
            ctx.add(mp.rules[RuleKind.RANGE], ctx.now.values[i].dept, rules.check_range(mp.metric, number))
        raw = raws[i]
        if raw and (raw.strip(_PLAIN) or not (raw[0] in _DIGITS or raw[-1] in _DIGITS)):
            _check_text(ctx, mp, raw, final)
        if negative and number < 0:
            ctx.add(mp.rules[RuleKind.NEGATIVE], ctx.now.values[i].dept, rules.check_negative(number))
        if ytd and latest is not None:
            before = latest[i]
            if before is None or number < before:
                _check_ytd(ctx, mp)
        if swing and not _judged_by_history(ctx, mp, number, histories[swing]):
            before = before_rows[swing][i]
            if before is not None and (abs(number - before) > points if points >= 0
                                       else abs(number - before) > fraction * abs(before)):
                _check_swing(ctx, mp)
        if target and goals and not _meets(mp.target_op, number, goals[i]):
            ctx.add(mp.rules[RuleKind.TARGET], ctx.now.values[i].dept, rules.check_target(mp.metric, number, ctx.period))


def _no_rate(numbers: list, mp: MetricPlan) -> bool:
    """A rate over 0 ÷ 0 does not exist (no such business this period): left blank, it is not missing."""
    return mp.operands is not None and numbers[mp.operands[0]] == 0 and numbers[mp.operands[1]] == 0


def _check_text(ctx: _Context, mp: MetricPlan, raw: str, final: bool) -> None:
    """A placeholder kept as text is an error; an approximation the metric allows is listed (info)
    in a final check only."""
    outcome = rules.check_stored_text(raw, mp.metric)
    if outcome is not None and (final or outcome.case != PlaceholderCase.APPROXIMATE):
        ctx.add(mp.rules[RuleKind.PLACEHOLDER], ctx.now.values[mp.position].dept, outcome)


def _judged_by_history(ctx: _Context, mp: MetricPlan, number: float, history: list) -> bool:
    """With enough comparable past values (recent quarters for a level, the same quarter of earlier
    years otherwise; ``history`` holds their rows oldest first), history judges the figure instead
    of a fixed swing threshold."""
    if not mp.outlier or len(history) <= rules.MIN_HISTORY:
        return False
    i = mp.position
    past = [row[i] for _, row in history]
    if None in past:
        past = [v for v in past if v is not None]
        if len(past) <= rules.MIN_HISTORY:
            return False
    if mp.stated_at >= 0 and mp.swing == "last_year" and ctx.now.has(mp.stated_at):
        return True  # the change is stated as a growth rate; yoy checks it
    changes = [b - a for a, b in zip(past, past[1:], strict=False)]
    last = past[-1]
    low, high = min(changes), max(changes)
    if low < high and min(low, 0.0) <= number - last <= max(high, 0.0):
        return True  # standing still or a change the history itself had lies inside the band: a sure pass
    band = rules.band_of_changes(changes, last, mp.outlier_k, rules.NOISE * max(map(abs, past)))
    if band is None:
        return False
    if (number < band[1] or number > band[2]) and not (mp.integer and _within_count_noise(mp, number, last)):
        dated = [(p, row[i]) for p, row in history if row[i] is not None]
        ctx.add(mp.rules[RuleKind.OUTLIER], ctx.now.values[i].dept,
                rules.check_outlier(number, dated, band, mp.metric.decimals))
    return True


def _within_count_noise(mp: MetricPlan, number: float, before: float) -> bool:
    """Counts of events (cases, visits: cumulative or quarterly) vary by about the square root of
    their size (Poisson): 7 → 12 cases or 11 → 19 visits is within chance, 90 → 150 visits is not.
    A count of listed items (a level: 事项, 条) changes by decision, not chance: only changes
    among single digits (1 → 2) are no news."""
    if mp.swing == "previous":
        return max(abs(number), abs(before)) < SMALL_COUNT
    return abs(number - before) <= COUNT_NOISE * math.sqrt(max(abs(number), abs(before)))


def _meets(op: str, number: float, goal: float) -> bool:
    if op == ">":
        return number > goal
    return number >= goal if op == ">=" else number <= goal if op == "<=" else number == goal


def _check_ytd(ctx: _Context, mp: MetricPlan) -> None:
    """Against the latest earlier quarter of the year that has a figure."""
    i = mp.position
    value = ctx.now.values[i]
    for period, row in ctx.earlier:
        before = row.numbers[i]
        if before is not None:
            ctx.add(mp.rules[RuleKind.YTD_MONOTONIC], value.dept, rules.check_ytd(value.number, before, period))
            return


def _check_swing(ctx: _Context, mp: MetricPlan) -> None:
    if mp.stated_at >= 0 and mp.swing == "last_year" and ctx.now.has(mp.stated_at):
        return  # the change is stated as a growth rate; yoy checks it
    i = mp.position
    number = ctx.now.numbers[i]
    other, row = ctx.previous if mp.swing == "previous" else ctx.last_year
    before = row.numbers[i]
    if mp.integer and _within_count_noise(mp, number, before):
        return  # 7 → 12 cases is +71% but no news: small counts move by chance
    limit = mp.swing_points if mp.points else mp.swing_fraction * 100
    ctx.add(mp.rules[RuleKind.SWING], ctx.now.values[i].dept, rules.check_swing(number, before, other, limit, mp.points))


# ---- relations: an identity over a missing figure is not judged (completeness reports it) -----

def _sure_rate(stated: float, exact: float, rel) -> bool:
    """A sure pass: typed at the precision and nearer the exact value than half its last unit."""
    scaled = stated * rel.scale
    return abs(stated - exact) < rel.fine and abs(scaled - round(scaled)) < 1e-6


def _add_relation(ctx: _Context, rel, values: tuple, outcome_of) -> None:
    """Report a failed relation unless one of its figures is an approximation (no exact operand)."""
    if any(rules.is_approximate(v, m) for v, m in zip(values, rel.metrics, strict=True)):
        return
    ctx.add(rel.rule, values[0].dept, outcome_of(*zip(values, rel.metrics, strict=True)))


def _check_ratios(ctx: _Context, relations) -> None:
    numbers, values = ctx.now.numbers, ctx.now.values
    for rel in relations:
        r, a, b = rel.positions
        rate, numerator, denominator = numbers[r], numbers[a], numbers[b]
        if rate is None or numerator is None or denominator is None:
            continue
        if denominator and _sure_rate(rate, numerator / denominator * 100, rel):
            continue
        _add_relation(ctx, rel, (values[r], values[a], values[b]), rules.check_ratio)


def _check_yoys(ctx: _Context, relations) -> None:
    numbers, values = ctx.now.numbers, ctx.now.values
    last_year = ctx.last_year[1]
    for rel in relations:
        g, b = rel.positions
        growth, base, before = numbers[g], numbers[b], last_year.numbers[b]
        if growth is None or base is None:
            continue  # a missing base this year is a completeness problem (final check)
        if before and _sure_rate(growth, (base / before - 1) * 100, rel):
            continue
        _add_relation(ctx, rel, (values[g], values[b]),
                      lambda growth, now, before=last_year.values[b]: rules.check_yoy(growth, now, before))


def _check_sums(ctx: _Context, relations) -> None:
    numbers, values = ctx.now.numbers, ctx.now.values
    for rel in relations:
        found = [numbers[i] for i in rel.positions]
        if None in found or found[0] == sum(found[1:]):
            continue
        _add_relation(ctx, rel, tuple(values[i] for i in rel.positions),
                      lambda total, *parts: rules.check_sum(total, list(parts)))


def _check_differences(ctx: _Context, relations) -> None:
    numbers, values = ctx.now.numbers, ctx.now.values
    for rel in relations:
        r, m, s = rel.positions
        result, minuend, subtrahend = numbers[r], numbers[m], numbers[s]
        if result is None or minuend is None or subtrahend is None or result == minuend - subtrahend:
            continue
        _add_relation(ctx, rel, (values[r], values[m], values[s]), rules.check_difference)


def _check_not_above(ctx: _Context, relations, names: tuple[str, str]) -> None:
    numbers, values = ctx.now.numbers, ctx.now.values
    for rel in relations:
        s, g = rel.positions
        small, large = numbers[s], numbers[g]
        if small is None or large is None or small <= large:
            continue
        _add_relation(ctx, rel, (values[s], values[g]), lambda a, b: rules.check_not_above(a[0].number, b[0].number, names))


def _check_stock_flows(ctx: _Context, relations) -> None:
    """期末 = 期初 + 新增 − 减少, 期初 read from last year's Q4 (year-to-date flows) or the previous
    quarter (quarterly flows); see the module's docstring."""
    numbers, values = ctx.now.numbers, ctx.now.values
    for rel in relations:
        c, i, o = rel.positions
        closing, inflow, outflow = numbers[c], numbers[i], numbers[o]
        if closing is None or inflow is None or outflow is None:
            continue  # a missing flow is a completeness problem (final check)
        period, row = ctx.year_end if rel.metrics[1].kind == Kind.YTD else ctx.previous
        opening = row.values[c]
        if opening is not None and (closing == opening.number + inflow - outflow
                                    or rules.is_approximate(opening, rel.metrics[0])):
            continue
        _add_relation(ctx, rel, (values[c], values[i], values[o]),
                      lambda stock, added, removed, opening=opening, period=period:
                      rules.check_stock_flow(stock, opening, added, removed, period))


def _check_partners(ctx: _Context, relations) -> None:
    """A filed rate, growth rate or stock needs its partners filed too (DHIS2's compulsory pair): the
    numerator and denominator, the base, the flows.  A required partner is reported as missing already."""
    numbers, plans = ctx.now.numbers, ctx.plan.metrics
    for rel in relations:
        subject, *partners = rel.positions
        if numbers[subject] is None:
            continue
        for position in partners:
            partner = plans[position]
            if numbers[position] is None and not partner.required:
                ctx.add(partner.rules[RuleKind.REQUIRED], partner.dept,
                        Outcome(RequiredCase.PAIR, {"filed": rel.rule.subject}))


def missing_finding(catalog: Catalog, period: Period, code: str, dept: str) -> Finding:
    """The finding a final check reports for a required figure not filed: the window lists it before
    a final check is run (the engine's own output is unchanged)."""
    rule = next(r for r in catalog.rules_for(code) if r.kind == RuleKind.REQUIRED and r.relation is None)
    return make_finding(catalog, rule, period, dept, Outcome(RequiredCase.MISSING), {})
