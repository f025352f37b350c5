"""Reading figures as values of catalog metrics.

A figure belongs to the metric whose name or alias stands in its phrase.  The phrase is looked
for in this order, and the first place that names a metric of a fitting unit decides:

1. inside the parentheses the figure stands in: 受理案件(含旧存665件) → 旧存;
2. before it in its clause, back to the previous figure, asides removed: 结案28936件;
3. after it, up to the next figure: 对74项涉企经营许可事项进行改革;
4. the whole clause before it, for metrics not yet matched in the clause;
5. earlier clauses of the sentence that hold no figure: 加快特殊工时,…缩减到8个工作日.

Only metrics of the indicator whose section the sentence sits in are candidates (all metrics, or
the department's, outside any section).  Among candidates the longest term wins; ties go to the
metric related (by a catalog relation) to the figure just before — 变更21046次,同比新增2.1% is
the growth of 变更 — and then to the metric whose full name shares most with the sentence.
Enumerations are read in order: 施工许可、消防设计审查、消防验收或备案…分别为10个、20个、20个工作日.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from models.catalog import ValueType
from models.periods import Period
from validation.crosscheck.layout import asides
from validation.crosscheck.model import Figure, Match, Ref, Sentence
from validation.crosscheck.terms import TermIndex, in_metric_unit, measures, norm, without_asides

_LEADING_WORDS = re.compile(r"^(?:如|对|将|其中|包括|即|和|及|与|例如)")
_CHANGE_TO = re.compile(r"^(?:提升|提高|增加|增长|增至|下降|降低|减少|压减|压缩|缩减|缩短|调整|扩大|延长)?(?:至|到|为)")
_EARLIER_WORDS = ("由", "从", "原先", "原来", "此前", "以前")
_LAST_YEAR_WORDS = ("去年同期", "上年同期", "去年", "上年", "上一年")
PHRASE_WINDOW = 60  # characters: a metric's name stands close to its figure
# Characters of a clause read on each side of a figure for its period (去年, 2022年, 由…提升至) and
# for the items of an enumeration: far more than a real clause, and a bound for a sentence of
# thousands of figures with no punctuation, which would otherwise be read once per figure.
REFERENCE_WINDOW = 200
_YEAR = re.compile(r"(\d{4})年(?!以来|起|底前)")


@dataclass
class _Candidate:
    metric: str
    term: str
    distance: int
    related: bool = False
    overlap: int = 0

    @property
    def key(self) -> tuple:
        return (len(self.term), self.related, self.overlap, -self.distance)


@dataclass
class _SentenceState:
    """What the matcher knows while reading one sentence."""

    index: int
    sentence: Sentence
    figures: list[Figure]
    scope: frozenset[str]
    named: set[str]  # indicators the sentence names by a specific term
    bigrams: frozenset[str]  # two-character pieces of the sentence, normalised, asides removed
    matches: list[Match] = field(default_factory=list)
    enumerations: dict[int, list[str]] = field(default_factory=dict)  # size → items
    group_of: dict[Figure, tuple[int, int] | None] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)  # metrics matched in the current clause
    busy: set[tuple[int, int]] = field(default_factory=set)  # clauses that hold figures
    clause_ends: list[int] = field(default_factory=list)


class Matcher:
    def __init__(self, text: str, index: TermIndex, scope: Callable[[int], list[str]],
                 period: Period | None = None):
        self.text, self.index, self.scope, self.period = text, index, scope, period

    def match(self, sentences: Iterable[Sentence], figures: list[Figure]) -> list[Match]:
        found: list[Match] = []
        for number, (sentence, inside) in enumerate(figures_by_sentence(sentences, figures)):
            if inside:
                found += self._sentence(number, sentence, inside)
        return found

    # ---- one sentence ---------------------------------------------------------------
    def _sentence(self, number: int, sentence: Sentence, figures: list[Figure]) -> list[Match]:
        plain = without_asides(self.text[sentence.start:sentence.end])
        state = _SentenceState(number, sentence, figures, frozenset(self.scope(sentence.section)),
                               self.index.indicators_named_in(plain), _bigrams(plain))
        by_clause = list(figures_within(sentence.clauses, figures))
        state.busy = {clause for clause, inside in by_clause if inside}
        state.clause_ends = [c[1] for c in sentence.clauses]
        for clause, in_clause in by_clause:
            groups = asides(self.text, *clause)
            opens = [g[0] for g in groups]
            state.group_of.update({f: _group_of(groups, opens, f) for f in in_clause})
            state.taken = set()
            handled = self._enumerations(state, clause, in_clause)
            for position, figure in enumerate(in_clause):
                if figure not in handled:
                    self._single(state, clause, in_clause, position)
        return state.matches

    def _single(self, state: _SentenceState, clause, in_clause: list[Figure], position: int) -> None:
        figure = in_clause[position]
        for how, phrase, from_end, exclude in self._phrases(state, clause, in_clause, position):
            best = self._best(state, figure, phrase, from_end, state.taken if exclude else set())
            if best is not None:
                self._add(state, figure, best.metric, best.term, how, clause)
                return

    def _add(self, state: _SentenceState, figure: Figure, metric: str, term: str, how: str, clause) -> None:
        value, tolerance = in_metric_unit(figure, self.index.metric(metric))
        ref = self._reference(figure, metric, clause)
        state.matches.append(Match(figure, metric, value, state.index, term, how, ref, tolerance))
        if ref != Ref.EARLIER:
            state.taken.add(metric)

    # ---- where the phrase of a figure is ------------------------------------------------
    def _phrases(self, state: _SentenceState, clause, in_clause: list[Figure], position: int):
        """(how, phrase, phrase ends at the figure, exclude metrics matched in the clause)."""
        text, figure = self.text, in_clause[position]
        group = state.group_of[figure]
        previous = _neighbour(in_clause, position, -1, lambda f: state.group_of[f] == group,
                              figure.num_start - PHRASE_WINDOW)
        following = _neighbour(in_clause, position, 1, lambda f: state.group_of[f] == group,
                               figure.end + PHRASE_WINDOW)
        if group is not None:
            start = max(group[0] + 1, previous.end if previous else 0)
            yield "paren", _phrase(text, start, figure.num_start), True, False
            before = _neighbour(in_clause, position, -1, lambda f: f.end <= group[0] and state.group_of[f] is None,
                                group[0] - PHRASE_WINDOW)
            yield "head", _phrase(text, max(clause[0], before.end if before else 0), group[0]), True, False
            return
        yield "head", _phrase(text, max(clause[0], previous.end if previous else 0), figure.num_start), True, False
        end = min(clause[1], following.start if following else clause[1])
        yield "tail", _phrase(text, figure.end, min(end, figure.end + PHRASE_WINDOW)), False, False
        yield "clause", _phrase(text, clause[0], figure.num_start), True, True
        clauses = state.sentence.clauses
        for index in range(bisect_right(state.clause_ends, clause[0]) - 1, -1, -1):
            if clauses[index] in state.busy:
                break
            yield "carried", _phrase(text, *clauses[index]), True, True

    # ---- choosing the metric ---------------------------------------------------------------
    def _best(self, state: _SentenceState, figure: Figure, phrase: str, from_end: bool,
              taken: set[str]) -> _Candidate | None:
        found: dict[str, _Candidate] = {}
        for position, term in self.index.occurrences(phrase):
            code = term.metric
            if code not in state.scope or code in taken or not self._allowed(state, figure, term):
                continue
            distance = len(phrase) - position - len(term.text) if from_end else position
            candidate = _Candidate(code, term.text, distance)
            if code not in found or candidate.key > found[code].key:
                found[code] = candidate
        if not found:
            return None
        previous = state.matches[-1].metric if state.matches else None
        for candidate in found.values():
            candidate.related = previous in self.index.related[candidate.metric]
            candidate.overlap = _overlap(self.index.names[candidate.metric], state.bigrams)
        return max(found.values(), key=lambda c: c.key)

    def _allowed(self, state: _SentenceState, figure: Figure, term) -> bool:
        """The unit fits, and a generic term counts only where the sentence names its indicator."""
        if term.generic and self.index.indicator[term.metric] not in state.named:
            return False
        return measures(figure, self.index.metric(term.metric))

    # ---- enumerations: A、B、C分别为x、y、z --------------------------------------------------
    def _enumerations(self, state: _SentenceState, clause, in_clause: list[Figure]) -> set[Figure]:
        handled: set[Figure] = set()
        for run in _runs(self.text, in_clause):
            head = without_asides(self.text[max(clause[0], run[0].num_start - REFERENCE_WINDOW):run[0].num_start])
            items = _items(head, len(run))
            if items:
                state.enumerations[len(run)] = items
            else:
                items = state.enumerations.get(len(run))
            if not items:
                continue
            for figure, item in zip(run, items, strict=True):
                code = self._item_metric(state, figure, item, head)
                if code:
                    self._add(state, figure, code, item, "enumeration", clause)
                    handled.add(figure)
        return handled

    def _item_metric(self, state: _SentenceState, figure: Figure, item: str, descriptor: str) -> str | None:
        best, best_key = None, None
        for code in sorted(state.scope):
            if not measures(figure, self.index.metric(code)):
                continue
            shared = max(_common_prefix(item, t.text) for t in self.index.terms[code])
            term_lengths = {len(t.text) for t in self.index.terms[code]}
            if shared < 2 or not (shared >= 4 or shared == len(item) or shared in term_lengths):
                continue
            key = (_overlap(self.index.names[code], _bigrams(descriptor)), shared)
            if best_key is None or key > best_key:
                best, best_key = code, key
        return best

    # ---- which period the figure speaks of -------------------------------------------------
    def _reference(self, figure: Figure, metric: str, clause) -> Ref:
        if self.index.metric(metric).value_type == ValueType.GROWTH:
            return Ref.CURRENT  # 比去年同期增长 is this period's growth
        before = norm(self.text[max(clause[0], figure.num_start - REFERENCE_WINDOW):figure.num_start])
        after = norm(self.text[figure.end:min(clause[1], figure.end + REFERENCE_WINDOW)])
        if before.endswith(_EARLIER_WORDS[:2]) and _CHANGE_TO.match(after) or before.endswith(_EARLIER_WORDS[2:]):
            return Ref.EARLIER
        years = _YEAR.findall(before)
        if years and self.period is not None and int(years[-1]) != self.period.year:
            return Ref.LAST_YEAR if int(years[-1]) == self.period.year - 1 else Ref.OTHER
        if any(word in before for word in _LAST_YEAR_WORDS):
            return Ref.LAST_YEAR
        return Ref.CURRENT


def figures_by_sentence(sentences: Iterable[Sentence], figures: list[Figure]):
    """(sentence, its figures) for every sentence; figures are in order of position."""
    sentences = list(sentences)
    spans = ((s.start, s.end) for s in sentences)
    yield from zip(sentences, (inside for _, inside in figures_within(spans, figures)), strict=True)


def figures_within(spans: Iterable[tuple[int, int]], figures: list[Figure]):
    """(span, the figures that start in it) for every (start, end) span."""
    starts = [f.start for f in figures]
    for start, end in spans:
        yield (start, end), figures[bisect_left(starts, start):bisect_left(starts, end)]


def _phrase(text: str, start: int, end: int) -> str:
    """The words before ``end`` (at most a window of them), normalised, asides removed."""
    return without_asides(text[max(start, end - PHRASE_WINDOW):end])


def _neighbour(figures: list[Figure], position: int, step: int, wanted, bound: int) -> Figure | None:
    """The nearest figure before (step −1) or after (step 1) that is ``wanted``, up to ``bound``:
    one further away than the phrase window changes no phrase, and the walk stays short."""
    position += step
    while 0 <= position < len(figures):
        figure = figures[position]
        if figure.end < bound if step < 0 else figure.start > bound:
            return None
        if wanted(figure):
            return figure
        position += step
    return None


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def _group_of(groups: list[tuple[int, int]], opens: list[int], figure: Figure) -> tuple[int, int] | None:
    """The parenthesised aside the figure stands in, if any (outermost groups, in order)."""
    index = bisect_left(opens, figure.start) - 1
    return groups[index] if index >= 0 and figure.start < groups[index][1] else None


def _overlap(name: str, bigrams: frozenset[str]) -> int:
    """How many two-character pieces of a metric's full name the sentence also has."""
    return sum(1 for i in range(len(name) - 1) if name[i:i + 2] in bigrams)


def _common_prefix(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


def _runs(text: str, figures: list[Figure]) -> list[list[Figure]]:
    """Figures joined only by 、 and written in one unit: 5个、7个、15个工作日."""
    runs, current = [], []
    for figure in figures:
        joined = current and text[current[-1].end:figure.start].strip() == "、"
        if joined and figure.unit == current[-1].unit and not figure.is_placeholder:
            current.append(figure)
            continue
        if len(current) >= 2:
            runs.append(current)
        current = [] if figure.is_placeholder else [figure]
    if len(current) >= 2:
        runs.append(current)
    return runs


def _items(head: str, size: int) -> list[str] | None:
    """The subjects an enumeration lists before its figures, one per figure."""
    items = [_LEADING_WORDS.sub("", item) for item in head.split("、")]
    if len(items) < size or len(items) > size and "分别" not in head:
        return None
    items = items[-size:]
    return items if all(items) else None
