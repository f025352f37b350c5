"""The 说明 a department typed in its workbook, planned as the explanations of its warnings.

The 问题 column of a department workbook lists what the program found for each figure when the
workbook was made; the filer answers a warning in 说明.  On import the figures are judged again
as they will stand (``ImportPlan.findings``), and the 说明 of a row becomes the explanation of
every warning of that metric present then, each stored with the same text and the warning's own
fingerprint (``SetExplanation``, as the window's 填写说明 stores it): a row's figure has one 说明,
and one answer covers what the filer saw in its 问题 cell.

A 说明 never disappears silently: where the metric has no warning at import (the figure changed
and the warning went away, or only an error remains, which no explanation releases), the text is
kept as the figure's 备注 and a notice says so.  A 说明 on a row without any figure is refused
like a 备注 there.
"""

from __future__ import annotations

from dataclasses import replace

from app.editing import SetExplanation, change_kind, entry_from_value
from models.catalog import Severity
from models.values import Change


def plan_explanations(plan, stored: dict) -> None:
    """Fill ``plan.explanations`` from the rows' 说明; findings then count as explained."""
    for row in plan.reading.rows:
        text = row.explanation.strip()
        if not text:
            continue
        findings = plan.findings_of(row.metric)
        warnings = [f for f in findings if f.severity == Severity.WARNING]
        if not warnings:
            _kept_as_note(plan, row, text, stored.get(row.metric), errors=any(f.severity == Severity.ERROR for f in findings))
            continue
        for finding in warnings:
            if finding.explanation != text:
                plan.explanations.append(SetExplanation(
                    finding.period, finding.dept, finding.metric, finding.rule, text, finding.fingerprint,
                    label=f"说明 {plan.reading.catalog.metric(row.metric).name}"))
    explained = {(e.metric, e.rule): e.text for e in plan.explanations}
    plan.findings = [replace(f, explanation=explained[(f.metric, f.rule)]) if (f.metric, f.rule) in explained else f
                     for f in plan.findings]


def _kept_as_note(plan, row, text: str, old, errors: bool) -> None:
    name = plan.reading.catalog.metric(row.metric).name
    why = ("本行的问题是错误，说明不能放行，须改正数值" if errors else
           "导入时该指标没有需要核实的问题（或数值改动后问题已消失）")
    index = next((i for i, e in enumerate(plan.entries) if e.metric == row.metric), None)
    entry = plan.entries[index] if index is not None else entry_from_value(old)
    note = entry.note if text in entry.note else "；".join(t for t in (entry.note, text) if t)
    entry = replace(entry, note=note)
    change = Change(entry=entry, old=old, kind=change_kind(entry, old))
    if index is None:
        plan.entries.append(entry)
        plan.changes.append(change)
    else:
        plan.entries[index] = entry
        plan.changes[next(i for i, c in enumerate(plan.changes) if c.entry.metric == row.metric)] = change
    plan.notices.append(f"{row.explanation_where} {name}：{why}；所填说明“{_short(text)}”已作为备注保存。")


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
