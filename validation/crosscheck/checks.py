"""Checking what was read: placeholders, figures against the filed values, and the text's arithmetic.

Filed values are plain ``{metric code: number}`` maps for the period (and the same quarter of the
previous year, for figures the text says are last year's), so this module needs no storage.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from decimal import Decimal

from models.catalog import Catalog, Metric
from models.periods import Period
from models.precision import rounded, trimmed
from validation.crosscheck.matching import figures_by_sentence
from validation.crosscheck.messages import (
    APPROX_WORDS,
    ArithmeticCase,
    MismatchCase,
    NotFiledCase,
    PlaceholderCase,
    render,
    shown,
)
from validation.crosscheck.model import Approx, CrossFinding, Figure, Kind, Match, Reading, Ref
from validation.crosscheck.relations import relation_findings
from validation.crosscheck.terms import unit_factor, without_asides

_TOTAL = re.compile(r"(?<!公)(?:共计|合计|总计|总共|一共|共(?![同享建治识]))")
_EPSILON = 1e-9
SENTENCE_SHOWN = 500  # characters of a finding's sentence; real sentences are far shorter


class Checker:
    def __init__(self, reading: Reading, catalog: Catalog, period: Period | None,
                 filed: Mapping[str, float] | None, last_year: Mapping[str, float] | None):
        self.reading, self.catalog, self.period = reading, catalog, period
        self.filed, self.last_year = filed, last_year or {}
        self.by_figure = {m.figure: m for m in reading.matches}
        self._starts = [s.start for s in reading.sentences]

    def findings(self, dept: str | None = None) -> list[CrossFinding]:
        related, subjects = relation_findings(self)
        found = self.placeholders() + self.comparisons() + related + self.text_sums(subjects)
        if dept:
            found = [f for f in found if self._belongs(f, dept)]
        return sorted(found, key=lambda f: (f.span[0], f.kind.value))

    # ---- shared helpers --------------------------------------------------------------
    def metric(self, code: str) -> Metric:
        return self.catalog.metric(code)

    def sentence_of(self, figure: Figure) -> int:
        return self.sentence_of_span((figure.start, figure.end))

    def finding(self, kind: Kind, case: str, match_or_figure, fields: dict, metric: str | None = None,
                text_value: float | None = None, rule: str = "", filed: float | None = None) -> CrossFinding:
        figure = match_or_figure.figure if isinstance(match_or_figure, Match) else match_or_figure
        index = self.sentence_of(figure)
        sentence = self.reading.sentences[index]
        message, suggestion = render(kind, case, {"period_label": self._period_label(), **fields})
        if filed is None and metric:
            filed = (self.filed or {}).get(metric)
        return CrossFinding(
            kind=kind, metric=metric, sentence=self._sentence_shown(index, figure),
            sentence_span=(sentence.start, sentence.end), span=(figure.start, figure.end),
            text_value=text_value, filed_value=filed, message=message, suggestion=suggestion, rule=rule,
        )

    def _sentence_shown(self, index: int, figure: Figure) -> str:
        """The sentence, or the part of it around the figure when it is longer than any real one:
        every finding carries its sentence, and a hostile text of one sentence with thousands of
        figures would otherwise hold that sentence thousands of times (gigabytes)."""
        sentence = self.reading.sentences[index]
        if sentence.end - sentence.start <= SENTENCE_SHOWN:
            return self.reading.sentence_text(index)
        start = max(sentence.start, figure.start - SENTENCE_SHOWN // 2)
        end = min(sentence.end, start + SENTENCE_SHOWN)
        prefix, suffix = "…" * (start > sentence.start), "…" * (end < sentence.end)
        return prefix + self.reading.text[start:end].strip() + suffix

    def _period_label(self) -> str:
        return self.period.label if self.period else "本期"

    def _belongs(self, finding: CrossFinding, dept: str) -> bool:
        if finding.metric:
            return self.catalog.department_of(finding.metric) == dept
        section = self.reading.section_of(self.sentence_of_span(finding.span))
        if section is None or section.indicator is None:
            return True
        indicator = self.catalog.indicator(section.indicator)  # its lead, or a department filing one of its metrics
        return dept == self.catalog.lead_of(indicator.code) or any(
            self.catalog.department_of(m.code) == dept for m in indicator.metrics)

    def sentence_of_span(self, span: tuple[int, int]) -> int:
        """The sentence a position lies in (figures always lie in one)."""
        return bisect_right(self._starts, span[0]) - 1

    # ---- placeholders ------------------------------------------------------------------
    def placeholders(self) -> list[CrossFinding]:
        found = []
        for figure in self.reading.figures:
            if not figure.is_placeholder:
                continue
            match = self.by_figure.get(figure)
            if match is None:
                found.append(self.finding(Kind.PLACEHOLDER, PlaceholderCase.PLAIN, figure,
                                          {"raw": figure.raw}))
                continue
            metric = self.metric(match.metric)
            filed = (self.filed or {}).get(metric.code)
            hint = f"（已填报 {trimmed(filed, metric.decimals)}{metric.unit}）" if filed is not None else ""
            fields = {"raw": figure.raw, "name": metric.name, "filed_hint": hint}
            found.append(self.finding(Kind.PLACEHOLDER, PlaceholderCase.METRIC, match, fields, metric.code))
        return found

    # ---- figures against the filed values ----------------------------------------------------
    def comparisons(self) -> list[CrossFinding]:
        if self.filed is None:
            return []
        found, reported_missing = [], set()
        for match in self.reading.matches:
            if match.value is None or match.ref not in (Ref.CURRENT, Ref.LAST_YEAR):
                continue
            reference = self.filed if match.ref == Ref.CURRENT else self.last_year
            filed = reference.get(match.metric)
            if filed is None:
                if match.ref == Ref.CURRENT and match.metric not in reported_missing:
                    reported_missing.add(match.metric)
                    found.append(self._not_filed(match))
            elif not agrees(match, filed, self.metric(match.metric)):
                found.append(self._mismatch(match, filed))
        return found

    def _fields(self, match: Match) -> dict:
        metric = self.metric(match.metric)
        approx = APPROX_WORDS[match.figure.approx].format(shown=shown(match.value) + metric.unit)
        return {"name": metric.name, "unit": metric.unit, "raw": match.figure.raw.strip(), "approx": approx}

    def _not_filed(self, match: Match) -> CrossFinding:
        return self.finding(Kind.NOT_FILED, NotFiledCase.CURRENT, match, self._fields(match), match.metric,
                            match.value)

    def _mismatch(self, match: Match, filed: float) -> CrossFinding:
        case = MismatchCase.CURRENT if match.ref == Ref.CURRENT else MismatchCase.LAST_YEAR
        fields = {**self._fields(match), "filed": trimmed(filed, self.metric(match.metric).decimals)}  # as reported
        if case == MismatchCase.LAST_YEAR and self.period:
            fields["period_label"] = self.period.same_quarter_last_year().label
        return self.finding(Kind.MISMATCH, case, match, fields, match.metric, match.value, filed=filed)

    # ---- sums written in the text: 197场 … 19场，共216场 ---------------------------------------
    def text_sums(self, checked: set[Figure]) -> list[CrossFinding]:
        """Totals the catalog's relations already checked (``checked``) are not checked twice."""
        found = []
        for _sentence, figures in figures_by_sentence(self.reading.sentences, list(self.reading.figures)):
            found += self._sums_in(figures, checked)
        return found

    def _sums_in(self, figures: list[Figure], checked: set[Figure]) -> list[CrossFinding]:
        found, pending, previous_end = [], {}, None
        for figure in figures:
            if figure.is_placeholder or figure.approx != Approx.EXACT or not figure.unit:
                previous_end = figure.end
                continue
            head = without_asides(self.reading.text[previous_end or figure.start:figure.num_start])
            parts = pending.setdefault(figure.unit, [])
            if _TOTAL.search(head) and len(parts) >= 2:
                if figure not in checked:
                    found += self._text_sum(parts, figure)
                pending[figure.unit] = []
            else:
                parts.append(figure)
            previous_end = figure.end
        return found

    def _text_sum(self, parts: list[Figure], total: Figure) -> list[CrossFinding]:
        values = [p.number * 10 ** p.scale for p in parts]
        expected = sum(values)
        written = total.number * 10 ** total.scale
        decimals = [f.decimals for f in (*parts, total)]
        tolerance = sum(0.5 * 10.0 ** -d for d in decimals) if any(decimals) else 0.0
        if abs(expected - written) <= tolerance + _EPSILON:
            return []
        match = self.by_figure.get(total)
        fields = {"parts_text": " + ".join(p.raw for p in parts), "expected": shown(expected),
                  "unit": total.unit, "raw": total.raw, "total": shown(written)}
        return [self.finding(Kind.ARITHMETIC, ArithmeticCase.TEXT_SUM, total, fields,
                             match.metric if match else None, written, rule="text_sum")]


def agrees(match: Match, filed: float, metric: Metric) -> bool:
    """Whether the filed value is what the text's figure says: an exact figure as reported (at
    the metric's precision, half-up), an approximate one within its written precision."""
    value, tolerance = match.value, match.tolerance + _EPSILON
    approx = match.figure.approx
    if approx == Approx.EXACT:
        return says_reported(match, filed, metric)
    if approx == Approx.MORE:
        return value - tolerance <= filed < value + _step(match)
    if approx == Approx.AT_LEAST:
        return filed >= value - tolerance
    if approx == Approx.AT_MOST:
        return filed <= value + tolerance
    if approx == Approx.NEAR:
        return 0.9 * value - tolerance <= filed <= value + tolerance
    return abs(filed - value) <= max(0.1 * abs(value), tolerance)


def says_reported(match: Match, filed: float, metric: Metric) -> bool:
    """Whether an exact figure in the text is the filed one as reported, rounded half-up to the
    metric's precision (84.6082 filed reports 84.61: "84.61%" agrees, "84.60%" does not).  A text
    that writes fewer places rounds the reported figure further ("84.6%", "3.9亿元"); one that
    writes more is read at the precision too."""
    figure, places = match.figure, metric.decimals
    factor = unit_factor(figure, metric)
    if 10.0 ** -figure.decimals * factor <= 10.0 ** -places * (1 + _EPSILON):  # as fine as the precision
        return rounded(match.value, places) == rounded(filed, places)
    in_text_unit = rounded(filed, places) / Decimal(repr(factor))
    return rounded(in_text_unit, figure.decimals) == rounded(figure.number, figure.decimals)


def _step(match: Match) -> float:
    """8000余 means below 9000; 150余 below 160: one unit of the last non-zero digit."""
    number = match.figure.number
    if not number or number != int(number):
        return match.tolerance * 2
    zeros = len(str(int(abs(number)))) - len(str(int(abs(number))).rstrip("0"))
    return 10.0 ** zeros * (match.value / number)
