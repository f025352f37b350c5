"""The catalog's relations applied to the text's own figures: 结案率 = 结案 ÷ 受理, 节约 = 计划 − 实际 …

A relation is checked where the text states all its metrics: in one sentence if possible, else
within one section (the first figure of each metric there).  Only exact figures of the current
period take part; year-on-year and stock-flow relations need last year's figure (a growth rate's base,
the stock at last year's end), which a report rarely states.
"""

from __future__ import annotations

from collections.abc import Callable

from models.catalog import RuleKind
from validation.crosscheck.messages import ArithmeticCase, shown
from validation.crosscheck.model import Approx, CrossFinding, Figure, Kind, Match, Ref

_EPSILON = 1e-9


def relation_findings(checker) -> tuple[list[CrossFinding], set[Figure]]:
    """Findings of relations the text breaks, and the subject figures of every relation checked."""
    usable = [m for m in checker.reading.matches
              if m.ref == Ref.CURRENT and m.value is not None and m.figure.approx == Approx.EXACT]
    by_sentence = _first_by(usable, lambda m: m.sentence)
    by_section = _first_by(usable, lambda m: checker.reading.sentences[m.sentence].section)
    found, subjects = [], set()
    for rule in checker.catalog.rules:
        if rule.relation is None or rule.kind in (RuleKind.YOY, RuleKind.STOCK_FLOW):  # need earlier figures
            continue
        operands = _operands(rule.metrics, by_sentence) or _operands(rule.metrics, by_section)
        if operands is None:
            continue
        subjects.add(operands[rule.subject].figure)
        finding = _EVALUATE[rule.kind](checker, rule, operands)
        if finding is not None:
            found.append(finding)
    return found, subjects


def _first_by(matches: list[Match], key: Callable[[Match], int]) -> dict[int, dict[str, Match]]:
    grouped: dict[int, dict[str, Match]] = {}
    for match in matches:
        grouped.setdefault(key(match), {}).setdefault(match.metric, match)
    return grouped


def _operands(codes: tuple[str, ...], grouped: dict[int, dict[str, Match]]) -> dict[str, Match] | None:
    for found in grouped.values():
        if all(code in found for code in codes):
            return {code: found[code] for code in codes}
    return None


def _names(checker, rule, operands: dict[str, Match]) -> dict:
    relation = rule.relation
    subject = checker.metric(rule.subject)
    fields = {"name": subject.name, "unit": subject.unit}
    for role in ("numerator", "denominator", "minuend", "subtrahend", "part", "whole", "commitment", "limit",
                 "result", "total"):
        code = getattr(relation, role, None)
        if isinstance(code, str):
            fields[f"{role}_name"] = checker.metric(code).name
            fields[role] = shown(operands[code].value)
    return fields


def _report(checker, rule, operands, case: ArithmeticCase, fields: dict) -> CrossFinding:
    subject = operands[rule.subject]
    return checker.finding(Kind.ARITHMETIC, case, subject, fields, rule.subject, subject.value, rule=rule.code)


def _ratio(checker, rule, operands) -> CrossFinding | None:
    result, numerator, denominator = (operands[c] for c in rule.metrics)
    if not denominator.value:
        return None
    expected = numerator.value / denominator.value * 100
    if abs(expected - result.value) <= result.tolerance + _EPSILON:
        return None
    fields = {**_names(checker, rule, operands), "expected": f"{expected:.2f}"}
    return _report(checker, rule, operands, ArithmeticCase.RATIO, fields)


def _tolerance(checker, matches: list[Match]) -> float:
    if all(checker.metric(m.metric).is_integer for m in matches):
        return 0.0
    return sum(m.tolerance for m in matches)


def _sum(checker, rule, operands) -> CrossFinding | None:
    total, *parts = (operands[c] for c in rule.metrics)
    expected = sum(p.value for p in parts)
    if abs(expected - total.value) <= _tolerance(checker, [total, *parts]) + _EPSILON:
        return None
    parts_text = " + ".join(f"{checker.metric(p.metric).name}{shown(p.value)}" for p in parts)
    fields = {**_names(checker, rule, operands), "parts_text": parts_text, "expected": shown(expected),
              "total": shown(total.value)}
    return _report(checker, rule, operands, ArithmeticCase.SUM, fields)


def _difference(checker, rule, operands) -> CrossFinding | None:
    result, minuend, subtrahend = (operands[c] for c in rule.metrics)
    expected = minuend.value - subtrahend.value
    if abs(expected - result.value) <= _tolerance(checker, [result, minuend, subtrahend]) + _EPSILON:
        return None
    fields = {**_names(checker, rule, operands), "expected": shown(expected)}
    return _report(checker, rule, operands, ArithmeticCase.DIFFERENCE, fields)


def _not_above(checker, rule, operands) -> CrossFinding | None:
    smaller, larger = (operands[c] for c in rule.metrics)
    if smaller.value <= larger.value + _EPSILON:
        return None
    return _report(checker, rule, operands, ArithmeticCase(rule.kind), _names(checker, rule, operands))


_EVALUATE = {
    RuleKind.RATIO: _ratio,
    RuleKind.SUM: _sum,
    RuleKind.DIFFERENCE: _difference,
    RuleKind.PART_LE_WHOLE: _not_above,
    RuleKind.COMMITMENT_LE_LIMIT: _not_above,
}
