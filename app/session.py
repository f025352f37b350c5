"""What the entry window shows: one period and one department (or all), with figures and findings.

No Qt: the window's table, indicator and findings models are thin adapters over it, and the
tests and benchmarks drive it without a GUI.  It turns what a filer types into entries through
``app.editing`` (as the ``set`` command does); writing goes through the edit objects there.
Its messages are in ``app.messages``.

Checking: a whole period through the engine's ``validate`` over the figures the session has
read (every department's, in the periods the rules read: what ``app.checking.validate_period``
reads, without reading it a second time); after an edit only the rules that read the edited
metric, through ``validate_metric_in`` over the same figures (indexed once, kept up to date key
by key).  That is what ``validate_cell`` does, minus re-reading some 600 figures from the database on every keystroke
(5 ms → 0.2 ms).  At start-up the window shows the figures first and checks them right after
(``check=False``, then ``check()``): the table paints without waiting for the check.
"""

from __future__ import annotations

from dataclasses import dataclass

from app import messages
from app.context import AppContext
from app.editing import cleared_entry, noted_entry, refuse_not_applicable, same_figure, text_entry
from app.history import figures, today_code, translated
from app.messages import UNSAVED, UNSAVED_FIELDS, Message
from app.status import UNSAVED_RULE, Status, finding_status, worst
from models.catalog import Indicator, Metric, RuleKind, Severity
from models.findings import Finding
from models.periods import Period
from models.values import Entry, Explanation, Lock, Value
from models.workflow import Query
from storage import workflow as stored_workflow
from validation import periods_needed

Key = tuple[str, str, str]


@dataclass(frozen=True)
class Row:
    indicator: Indicator
    metric: Metric
    dept: str  # the department that files the metric


@dataclass(frozen=True)
class Draft:
    """Text a filer typed that could not be stored, shown in its cell until corrected."""

    text: str
    reason: str


def rows_of(catalog, dept: str | None) -> list[Row]:
    """One row per metric the department files (every metric for 全部)."""
    rows = []
    for indicator in catalog.indicators:
        for metric in indicator.metrics:
            filer = catalog.department_of(metric.code)  # the indicator's lead unless the metric names its own
            if dept is None or filer == dept:
                rows.append(Row(indicator, metric, filer))
    return rows


def period_choices(stored: list[str], year: int) -> list[Period]:
    """Stored periods plus the quarter after the newest (the one filed next), newest first."""
    periods = {Period.parse(code) for code in stored}
    if not periods:
        periods = set(Period(year=year, quarter=1).quarters_so_far())
    newest = max(periods)
    periods.add(Period(year=newest.year + 1, quarter=1) if newest.quarter == 4
                else Period(year=newest.year, quarter=newest.quarter + 1))
    return sorted(periods, reverse=True)


class EntrySession:
    def __init__(self, ctx: AppContext, period: Period, dept: str | None, check: bool = True):
        self.ctx, self.period, self.dept = ctx, period, dept
        self.catalog = ctx.catalog_for(period)
        self.rows = rows_of(self.catalog, dept)
        self._index = {row.metric.code: i for i, row in enumerate(self.rows)}
        self.values: dict[str, Value] = {}
        self.last_year: dict[str, Value] = {}
        self.findings: dict[str, list[Finding]] = {}
        self.locks: dict[str, Lock] = {}
        self.drafts: dict[tuple[str, str], Draft] = {}  # (metric, "value" | "note") → draft
        self.queries: dict[str, Query] = {}  # metric → the open query on the figure shown
        self._needed = {p.code for p in periods_needed(period)}
        self._departments = sorted(dept.code for dept in self.catalog.departments)
        self._checked: dict[Key, Value] = {}  # every department's figures the rules read
        self._explanations: list[Explanation] = []
        self._all: list[Finding] | None = None
        self._missing: dict[str, Finding] = {}  # metric → the finding of its missing required figure
        self.checked = False  # the findings are those of a full check of the figures read
        self.reload(check)

    # ---- reading ------------------------------------------------------------------
    def reload(self, check: bool = True) -> None:
        stored = figures(self.ctx, self.catalog, self._needed)  # earlier years under this year's codes
        self._checked = {v.key: v for v in stored}
        self._figures = None  # what live checks read: indexed on the first check, then kept in step
        self._explanations = self.ctx.store.explanations(self.period.code)
        self.values = self._values_of(self.period)
        self.last_year = self._values_of(self.period.same_quarter_last_year())
        self.locks = {lock.dept: lock for lock in self.ctx.store.locks(self.period.code)}
        self.reload_queries()
        self.findings, self._all, self.checked = {}, None, False
        if check:
            self.check()

    def check(self) -> None:
        """Every rule of the period over the figures read (the shown department's metrics, or all)."""
        from validation.engine import validate  # the rules: not needed to paint the first window

        report = validate(self._checked.values(), self.catalog, self.period, dept=self.dept,
                          explanations=self._explanations)
        self.findings = {}
        self._add_findings(report.findings)
        self.checked = True

    def _values_of(self, period: Period) -> dict[str, Value]:
        return {v.metric: v for v in self._checked.values()
                if v.period == period.code and v.metric in self._index and v.dept == self.row(v.metric).dept}

    def _add_findings(self, findings) -> None:
        self._all = None
        for finding in findings:
            if finding.metric in self._index:
                self.findings.setdefault(finding.metric, []).append(finding)

    def row(self, code: str) -> Row:
        return self.rows[self._index[code]]

    def index_of(self, code: str) -> int | None:
        return self._index.get(code)

    def all_findings(self) -> list[Finding]:
        """Every finding in table order (kept until the findings change: read after every edit)."""
        if self._all is None:
            # only the metrics with findings, in table order: a few, where the table has hundreds
            ordered = sorted(self.findings, key=self._index.__getitem__)
            self._all = [f for code in ordered for f in self.findings[code]]
        return self._all

    def blocking(self) -> list[Finding]:
        return [f for f in self.all_findings() if f.blocking]

    def listed_findings(self) -> list[Finding]:
        """What the findings list shows, in table order: every finding, and each required figure
        missing (缺报) and each typed text not saved (未保存) as a finding of its own."""
        extra = [self._missing_finding(code) for code in self.missing_required()]
        extra += [self._unsaved_finding(code, field, draft) for (code, field), draft in self.drafts.items()]
        if not extra:
            return self.all_findings()
        return sorted(self.all_findings() + extra, key=lambda f: self._index[f.metric])  # stable: same order within a row

    def missing_required(self) -> list[str]:
        """Required metrics due this quarter that the period shown has no figure for (不适用 ones excepted)."""
        quarter, catalog = self.period.quarter, self.catalog
        return [row.metric.code for row in self.rows
                if row.metric.required and row.metric.frequency.due_in(quarter) and row.metric.code not in self.values
                and not catalog.not_applicable(row.metric.code)]

    def _missing_finding(self, code: str) -> Finding:
        if code not in self._missing:
            from validation.engine import missing_finding

            self._missing[code] = missing_finding(self.catalog, self.period, code, self.row(code).dept)
        return self._missing[code]

    def _unsaved_finding(self, code: str, field: str, draft: Draft) -> Finding:
        return Finding(rule=f"{UNSAVED_RULE}:{field}", kind=RuleKind.PLACEHOLDER, severity=Severity.ERROR,
                       period=self.period.code, dept=self.row(code).dept, metric=code,
                       message=Message(UNSAVED, field=UNSAVED_FIELDS[field], text=draft.text, reason=draft.reason))

    def lock_of(self, code: str) -> Lock | None:
        return self.locks.get(self.row(code).dept)

    def lock_reason(self, code: str) -> Message | None:
        """Why a figure cannot be changed now, or None when it can."""
        lock = self.lock_of(code)
        if lock is None:
            return None
        dept = self.catalog.department(lock.dept)
        why = f"，{lock.reason}" if lock.reason else ""
        return Message(messages.LOCKED, dept=dept.name if dept else lock.dept, period=self.period.label,
                       who=lock.who, at=lock.at[:16].replace("T", " "), why=why)

    def status(self, code: str) -> Status:
        if (code, "value") in self.drafts or (code, "note") in self.drafts:
            return Status.DRAFT
        findings = self.findings.get(code, ())
        if findings:
            return worst(finding_status(f) for f in findings)
        return Status.OK if code in self.values or self.catalog.not_applicable(code) else Status.EMPTY

    def indicator_status(self, indicator: Indicator) -> Status:
        codes = [m.code for m in indicator.metrics if m.code in self._index]
        return worst(self.status(code) for code in codes)

    def key(self, code: str) -> Key:
        return (self.period.code, self.row(code).dept, code)

    # ---- what a filer typed ---------------------------------------------------------
    def value_entry(self, code: str, text: str) -> Entry:
        """The entry a typed figure stands for ("" clears it); EntryError when unreadable."""
        if not text.strip():
            return cleared_entry(self.key(code))
        refuse_not_applicable(self.catalog, code)
        return text_entry(self.key(code), self.row(code).metric, text, self.values.get(code))

    def note_entry(self, code: str, text: str) -> Entry:
        """The figure with a new note; a note needs a figure to belong to."""
        return noted_entry(self.values.get(code), self.row(code).metric, text)

    def unchanged(self, code: str, entry: Entry) -> bool:
        """Whether storing ``entry`` would leave the shown figure as it is."""
        return same_figure(self.values.get(code), entry)

    # ---- after a change -------------------------------------------------------------
    def refresh(self, keys: set[Key]) -> set[str]:
        """Re-read and re-check the figures an edit touched; the metric codes whose rows changed."""
        touched = {read for key in keys if key[0] in self._needed and (read := self._reread(key))}
        self._explanations = self.ctx.store.explanations(self.period.code)
        codes = {code for _, _, code in touched if code in self._index}
        changed = {code for period, _, code in touched if period == self.period.code} & codes
        for code in codes:
            changed |= self._revalidate(code)
        return changed

    def _reread(self, key: Key) -> Key | None:
        """Read one stored figure again; its key as this year's catalog names it (None: no rule reads it)."""
        period, dept, code = key
        code = today_code(self.ctx, self.catalog, period, code)
        if code is None:
            return None
        value = self.ctx.store.get(*key)
        if value is not None:  # a figure of an earlier year, as this year's catalog names and measures it
            (value,) = translated(self.ctx, self.catalog, [value])
        key = (period, dept, code)
        _put(self._checked, key, value)
        if self._figures is not None:
            self._figures.put(period, code, self._read_by_rules(period, code) or value)
        if code in self._index and dept == self.row(code).dept:
            for shown, of in ((self.values, self.period), (self.last_year, self.period.same_quarter_last_year())):
                if period == of.code:
                    _put(shown, code, value)
        return key

    def _read_by_rules(self, period: str, code: str) -> Value | None:
        """The one figure of a metric and period the rules read: should two departments have
        stored one, the later in department order, as when all the figures are indexed."""
        found = [v for dept in self._departments if (v := self._checked.get((period, dept, code))) is not None]
        return found[-1] if found else None

    def _live_figures(self):
        """The figures the rules read, indexed on the first live check and kept in step after it."""
        if self._figures is None:
            from validation.engine import Figures

            self._figures = Figures(self._checked.values(), self.catalog)
        return self._figures

    def _revalidate(self, code: str) -> set[str]:
        """Replace the findings of every rule that reads ``code``; the subjects affected."""
        from validation.engine import validate_metric_in

        stale = {(rule.subject, rule.code) for rule in self.catalog.rules_for(code)}
        fresh = validate_metric_in(self._live_figures(), self.period, code, explanations=self._explanations)
        subjects = {subject for subject, _ in stale} | {f.metric for f in fresh}
        for subject in subjects & self._index.keys():
            kept = [f for f in self.findings.get(subject, ()) if (f.metric, f.rule) not in stale]
            self.findings[subject] = kept
        self._all = None
        self._add_findings(fresh)
        return subjects & self._index.keys()

    def reload_locks(self) -> None:
        self.locks = {lock.dept: lock for lock in self.ctx.store.locks(self.period.code)}

    def reload_queries(self) -> None:
        """The open queries on the figures shown (the 营商办's questions the department still faces)."""
        found = stored_workflow.queries(self.ctx.store, self.period.code, self.dept, open_only=True)
        self.queries = {q.metric: q for q in found if q.metric in self._index and q.dept == self.row(q.metric).dept}

    # ---- trends ---------------------------------------------------------------------
    def series(self, code: str) -> dict[int, dict[int, float]]:
        """This year's and last year's figures of a metric: {year: {quarter: number}}, last year's
        as this year's catalog names and measures them."""
        years = (self.period.year - 1, self.period.year)
        periods = [Period(year=y, quarter=q) for y in years for q in (1, 2, 3, 4)]
        found: dict[int, dict[int, float]] = {year: {} for year in years}
        dept = self.row(code).dept
        for value in figures(self.ctx, self.catalog, periods, dept=dept, metrics=[code]):
            period = Period.parse(value.period)
            found[period.year][period.quarter] = value.number
        return found


def _put(values: dict, key, value: Value | None) -> None:
    if value is None:
        values.pop(key, None)
    else:
        values[key] = value
