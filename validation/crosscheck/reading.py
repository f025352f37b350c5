"""Reading a report: layout, figures and their metrics, in one pass over the text."""

from __future__ import annotations

from functools import lru_cache

from models.catalog import Catalog
from models.periods import Period
from validation.crosscheck.figures import extract_figures
from validation.crosscheck.layout import sections as find_sections
from validation.crosscheck.layout import sentences as find_sentences
from validation.crosscheck.matching import Matcher
from validation.crosscheck.model import Reading, Section
from validation.crosscheck.terms import TermIndex


def read(text: str, catalog: Catalog, period: Period | None = None, dept: str | None = None) -> Reading:
    """Everything the cross-check knows about a text.  ``dept`` narrows text outside sections."""
    found_sections = find_sections(text, catalog)
    found_sentences = find_sentences(text, found_sections)
    figures = extract_figures(text)
    scope = _scope(catalog, tuple(found_sections), dept)
    matches = Matcher(text, term_index(catalog), scope, period).match(found_sentences, figures)
    return Reading(text, tuple(found_sections), tuple(found_sentences), tuple(figures), tuple(matches))


@lru_cache(maxsize=8)
def term_index(catalog: Catalog) -> TermIndex:
    return TermIndex(catalog)


def _scope(catalog: Catalog, found_sections: tuple[Section, ...], dept: str | None):
    outside = [m.code for m in (catalog.metrics_of_department(dept) if dept else catalog.metrics)]
    by_indicator = {i.code: [m.code for m in i.metrics] for i in catalog.indicators}

    def scope(section_index: int) -> list[str]:
        if section_index >= 0 and found_sections[section_index].indicator:
            return by_indicator[found_sections[section_index].indicator]
        return outside

    return scope
