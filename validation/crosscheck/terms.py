"""What the catalog calls each metric (name and aliases), and which written units measure it.

Terms are compared after the same normalisation as the text: quotes and spaces dropped,
full-width punctuation made ASCII, parenthesised asides removed — so the alias
``出口退(免)税的平均办理时间`` and the text ``出口退（免）税的平均办理时间`` meet.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.catalog import Catalog, Metric, ValueType
from validation.crosscheck.model import Figure

_FULL = str.maketrans("（）：，；！？　", "():,;!? ")
_DROP = dict.fromkeys(map(ord, "“”‘’\"'「」『』《》〈〉 \t\n\r"), None)
_OPENERS, _CLOSERS = frozenset("([【"), frozenset(")]】")
_STRAY_BRACKETS = dict.fromkeys(map(ord, "()[]【】"), None)

# A term this short says little on its own (共, 结案, 企业): it counts only when the sentence
# also names another metric of the same indicator by a longer term.
GENERIC_LENGTH = 2

# The written units that measure a metric of a given unit (besides the unit itself).
_ALSO_WRITTEN = {
    "户": {"家"}, "家": {"户"}, "项": {"个"}, "个": {"项"}, "次": {"期"},
    "万元": {"元"}, "小时": {"工作日"},
}
_BARE_NUMBER_TYPES = {ValueType.COUNT, ValueType.NUMBER, ValueType.STEPS}
HOURS_PER_WORKING_DAY = 8  # 0.5个工作日 = 4小时, as the reports themselves count


def norm(text: str) -> str:
    """Text as terms are compared: no quotes or spaces, ASCII punctuation."""
    return text.translate(_FULL).translate(_DROP)


def without_asides(text: str) -> str:
    """Normalised text without parenthesised asides: 企业(含合作社)变更 → 企业变更.

    Each closing bracket ends the group of the nearest open one (of any kind), nested groups
    go with their outer one, and unmatched brackets are dropped; one pass with a stack, so deep
    nesting costs no more than flat text.
    """
    kept: list[str] = []
    opened: list[int] = []
    for char in norm(text):
        if char in _OPENERS:
            opened.append(len(kept))
        elif char in _CLOSERS and opened:
            del kept[opened.pop():]
            continue
        kept.append(char)
    return "".join(kept).translate(_STRAY_BRACKETS)


@dataclass(frozen=True)
class Term:
    text: str
    metric: str

    @property
    def generic(self) -> bool:
        return len(self.text) <= GENERIC_LENGTH


class TermIndex:
    """The catalog's metrics as the text matcher needs them."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.terms: dict[str, tuple[Term, ...]] = {m.code: _terms_of(m) for m in catalog.metrics}
        self.names: dict[str, str] = {m.code: without_asides(m.name) for m in catalog.metrics}
        self.indicator: dict[str, str] = {m.code: catalog.indicator_of(m.code).code for m in catalog.metrics}
        self._by_first: dict[str, list[Term]] = {}
        for term in (t for terms in self.terms.values() for t in terms):
            self._by_first.setdefault(term.text[0], []).append(term)
        self.related: dict[str, set[str]] = {m.code: set() for m in catalog.metrics}
        for relation in catalog.definitions.relations:
            codes = set(relation.metrics())
            for code in codes:
                self.related[code] |= codes - {code}

    def metric(self, code: str) -> Metric:
        return self.catalog.metric(code)

    def occurrences(self, phrase: str):
        """(position, term) for every term standing in the phrase, except after 非 (非必须 is no 必须)."""
        for position, char in enumerate(phrase):
            for term in self._by_first.get(char, ()):
                if phrase.startswith(term.text, position) and not _negated(phrase, position, term):
                    yield position, term

    def indicators_named_in(self, phrase: str) -> set[str]:
        """Indicators of which the phrase names a metric by a specific (not generic) term."""
        return {self.indicator[t.metric] for _, t in self.occurrences(phrase) if not t.generic}


def _negated(phrase: str, position: int, term: Term) -> bool:
    return position > 0 and phrase[position - 1] == "非" and not term.text.startswith("非")


def _terms_of(metric: Metric) -> tuple[Term, ...]:
    texts = dict.fromkeys(without_asides(t) for t in (metric.name, *metric.aliases))
    return tuple(Term(text, metric.code) for text in texts if text)


def measures(figure: Figure, metric: Metric) -> bool:
    """Whether the figure's unit can be a value of the metric."""
    if not figure.unit:
        return metric.value_type in _BARE_NUMBER_TYPES
    return figure.unit == metric.unit or figure.unit in _ALSO_WRITTEN.get(metric.unit, ())


def unit_factor(figure: Figure, metric: Metric) -> float:
    """What one unit of the figure as written is in the metric's unit (3.9亿元 of a 万元 amount: 10⁴)."""
    factor = 10.0 ** figure.scale
    if metric.unit == "万元":
        factor /= 10 ** 4
    if metric.unit == "小时" and figure.unit == "工作日":
        factor *= HOURS_PER_WORKING_DAY
    return factor


def in_metric_unit(figure: Figure, metric: Metric) -> tuple[float | None, float]:
    """The figure's value in the metric's unit, and half a unit of its last written digit."""
    factor = unit_factor(figure, metric)
    decimals = min(figure.decimals, metric.decimals) if factor == 1 else figure.decimals
    tolerance = 0.5 * 10.0 ** -decimals * factor
    if figure.number is None:
        return None, tolerance
    return round(figure.number * factor, 10), tolerance
