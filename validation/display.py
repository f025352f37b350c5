"""Turning a failed check into a ``Finding``: display fields, message, explanation.

Parameters (the fingerprint) hold figures only; names, units and period labels are added here
for the message and never enter the fingerprint, so renaming a metric does not lapse a 说明.
"""

from __future__ import annotations

from dataclasses import replace

from models.catalog import Catalog, Kind, Metric, Rule, RuleKind
from models.findings import Finding
from models.periods import Period
from models.values import Explanation
from validation.messages import fmt, render
from validation.rules import Outcome

# The role of each metric a relation names, in the order of ``Rule.metrics``.
ROLES = {
    RuleKind.RATIO: ("rate", "numerator", "denominator"),
    RuleKind.DIFFERENCE: ("result", "minuend", "subtrahend"),
    RuleKind.PART_LE_WHOLE: ("part", "whole"),
    RuleKind.COMMITMENT_LE_LIMIT: ("commitment", "limit"),
    RuleKind.YOY: ("growth", "base"),
    RuleKind.STOCK_FLOW: ("closing", "inflow", "outflow"),
}


def period_label(metric: Metric, period: Period) -> str:
    """A cumulative figure covers the year so far (2023年前三季度); others the quarter."""
    return period.cumulative_label if metric.kind == Kind.YTD else period.label


def display_fields(catalog: Catalog, rule: Rule, period: Period, outcome: Outcome) -> dict:
    subject = catalog.metric(rule.subject)
    fields = {"name": subject.name, "unit": subject.unit, "period_label": period_label(subject, period)}
    other = outcome.params.get("other")
    if other:
        fields["other_label"] = period_label(subject, Period.parse(other))
    for role, code in zip(ROLES.get(rule.kind, ()), rule.metrics, strict=False):
        metric = catalog.metric(code)
        fields[f"{role}_name"], fields[f"{role}_unit"] = metric.name, metric.unit
    if rule.kind == RuleKind.STOCK_FLOW:  # the flows' span: 2023年前三季度 for year-to-date flows
        fields["flow_label"] = period_label(catalog.metric(rule.metrics[1]), period)
    if rule.kind == RuleKind.SUM:
        fields["parts_text"] = _parts_text(catalog, rule, outcome.params)
    if rule.kind == RuleKind.TARGET:
        fields.update(_target_fields(subject, period, outcome.params))
    if rule.kind == RuleKind.OUTLIER:
        first, last = (period_label(subject, Period.parse(outcome.params[k])) for k in ("first", "last"))
        fields["history_label"] = f"{first}至{last}"
    if "filed" in outcome.params:
        fields["filed_name"] = catalog.metric(outcome.params["filed"]).name
    if rule.kind == RuleKind.SWING and "change" in outcome.params:
        fields["direction"] = "增加" if outcome.params["change"] > 0 else "减少"
        fields["change"] = abs(outcome.params["change"])
    return fields


def _parts_text(catalog: Catalog, rule: Rule, params: dict) -> str:
    parts = rule.metrics[1:]
    return " + ".join(f"{catalog.metric(code).name}{fmt(params[f'part{i}'])}" for i, code in enumerate(parts, 1))


def _target_fields(metric: Metric, period: Period, params: dict) -> dict:
    target = metric.target
    source = f"（{target.source}）" if target.source else ""
    done = params.get("done")
    progress = f"（由基线{fmt(target.baseline)}{metric.unit}起已完成{fmt(done)}%）" if done is not None else ""
    due = Period(year=period.year, quarter=target.due)
    return {"target_text": target.text(metric.unit), "source": source, "progress_text": progress,
            "due_label": f"{due.label}末"}


def make_finding(catalog: Catalog, rule: Rule, period: Period, dept: str, outcome: Outcome,
                 explanations: dict) -> Finding:
    """The finding of one failed check, with its 说明 if one was written for these very figures."""
    fields = {**outcome.params, **display_fields(catalog, rule, period, outcome)}
    finding = Finding(
        rule=rule.code, kind=rule.kind, severity=outcome.severity or rule.severity, period=period.code,
        dept=dept, metric=rule.subject, params=outcome.params, message=render(rule.kind, outcome.case, fields),
    )
    explanation: Explanation | None = explanations.get(finding.key)
    if explanation is not None and explanation.fingerprint == finding.fingerprint:
        finding = replace(finding, explanation=explanation.text)
    return finding
