"""The layout of a report: indicator sections, sentences, clauses and parenthesised asides.

Reports are organised by headings such as ``8.执行合同指标(区法院牵头):`` or ``(十三)政府采购…``
(levels: 一、 > (一) > 1. as the styles first appear).  A heading that names an indicator opens its section; one that names
none closes the open section when it is of the same or a higher level (三、特色亮点), and is a
mere sub-item otherwise.  Sentences end at 。！？； and line breaks; clauses at commas and colons
outside parentheses.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from models.catalog import Catalog
from validation.crosscheck.model import Section, Sentence

_HEADING = re.compile(
    r"(?:^|(?<=[\s。;；!！?？:：]))"
    r"(?:(?P<top>[一二三四五六七八九十]{1,3})、"
    r"|[(（](?P<sub>[一二三四五六七八九十]{1,3})(?P<close>[)）])?"
    r"|(?P<num>\d{1,2})[.．、](?!\d))",
    re.MULTILINE,
)
_TITLE_END = re.compile(r"[,，。:：;；(（\s]")
_SENTENCE_END = re.compile(r"[。;；!！?？\n]")
_CLAUSE_MARKS = ",，:："
_OPEN, _CLOSE = "(（[【", ")）]】"
_TITLE_LENGTH = 40


@dataclass(frozen=True)
class Heading:
    start: int
    level: int
    title: str
    indicator: str | None


def headings(text: str, catalog: Catalog) -> list[Heading]:
    """Headings in order; a marker style's level is the order in which the styles first appear
    (一、 before (一) before 1. in most reports, but 8. before (一) in some)."""
    found, levels = [], {}
    for match in _HEADING.finditer(text):
        style = "top" if match.group("top") else "sub" if match.group("sub") else "num"
        title = _title(text, match.end())
        indicator = indicator_named(title, catalog)
        unclosed = match.group("sub") and not match.group("close")
        if unclosed and (indicator is None or not title.startswith(_indicator_name(catalog, indicator))):
            continue  # "(十劳动力市场监管" is a heading with a typo; "(一些" is none
        level = levels.setdefault(style, len(levels) + 1)
        found.append(Heading(match.start(), level, title, indicator))
    return found


def _title(text: str, start: int) -> str:
    rest = text[start:start + _TITLE_LENGTH]
    end = _TITLE_END.search(rest)
    return rest[:end.start()] if end else rest


def indicator_named(title: str, catalog: Catalog) -> str | None:
    """The indicator whose name the heading title carries (the longest, then the first)."""
    found = [(len(i.name), -title.find(i.name), i.code) for i in catalog.indicators if i.name in title]
    return max(found)[2] if found else None


def _indicator_name(catalog: Catalog, code: str) -> str:
    return catalog.indicator(code).name


def sections(text: str, catalog: Catalog) -> list[Section]:
    opened: list[tuple[int, str | None, str, int]] = []
    for heading in headings(text, catalog):
        current_level = opened[-1][3] if opened else 0
        if heading.indicator or heading.level <= current_level or not opened:
            opened.append((heading.start, heading.indicator, heading.title, heading.level))
    ends = [start for start, *_ in opened[1:]] + [len(text)] * bool(opened)
    return [Section(start, end, indicator, title, level)
            for (start, indicator, title, level), end in zip(opened, ends, strict=True)]


def sentences(text: str, found_sections: list[Section]) -> list[Sentence]:
    cuts = {0, len(text)} | {m.end() for m in _SENTENCE_END.finditer(text)} | {s.start for s in found_sections}
    result = []
    bounds = sorted(cuts)
    section_starts = [s.start for s in found_sections]
    for start, end in zip(bounds, bounds[1:], strict=False):
        start = _skip_space(text, start, end)
        if start < end:
            section = _section_at(found_sections, section_starts, start)
            result.append(Sentence(start, end, section, clauses(text, start, end)))
    return result


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _section_at(found_sections: list[Section], starts: list[int], position: int) -> int:
    """Sections follow one another in order: a binary search, not a scan per sentence."""
    index = bisect_right(starts, position) - 1
    return index if index >= 0 and position < found_sections[index].end else -1


def clauses(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Comma- and colon-separated parts of a sentence; commas inside parentheses do not cut."""
    parts, depth, begin = [], 0, start
    for position in range(start, end):
        char = text[position]
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif char in _CLAUSE_MARKS and depth == 0:
            parts.append((begin, position))
            begin = position + 1
    parts.append((begin, end))
    return tuple(p for p in parts if p[0] < p[1])


def asides(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outermost complete parenthesised groups between start and end: (open, close + 1)."""
    groups, stack = [], []
    for position in range(start, end):
        char = text[position]
        if char in _OPEN:
            stack.append(position)
        elif char in _CLOSE and stack:
            opened = stack.pop()
            if not stack:
                groups.append((opened, position + 1))
    return groups
