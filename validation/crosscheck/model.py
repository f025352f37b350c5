"""Plain value types of the cross-check: figures found in a text, where they sit, what they mean.

Every position is a character offset into the text as given (``text[start:end]``), so the GUI can
highlight exactly what a finding is about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Approx(StrEnum):
    """How exactly a figure is meant: 8000余户次 is at least 8000 and below 9000."""

    EXACT = "exact"
    MORE = "more"  # 余, 多: N and a bit more, below the next step of its last digit
    AT_LEAST = "at_least"  # 超, 超过, 逾, 以上, 不少于, 不低于, 高于, 至少
    AT_MOST = "at_most"  # 以内, 以下, 内, 不超过, 不到, 低于
    NEAR = "near"  # 近, 将近, 接近: a little below N
    ABOUT = "about"  # 约, 大约, 左右


class Ref(StrEnum):
    """Which period a figure speaks of, as far as the sentence tells."""

    CURRENT = "current"
    LAST_YEAR = "last_year"  # 2022年…9.33% in a 2023 report, 去年同期 …
    EARLIER = "earlier"  # the old state of a change: 由100千伏安提升至160千伏安, 原先15天
    OTHER = "other"  # another year


class Kind(StrEnum):
    """Stable codes of the cross-check's findings (the ``kind`` of ``crosscheck --json``)."""

    PLACEHOLDER = "placeholder"
    MISMATCH = "mismatch"
    ARITHMETIC = "arithmetic"
    NOT_FILED = "not_filed"


BLOCKING_KINDS = frozenset({Kind.PLACEHOLDER, Kind.MISMATCH, Kind.ARITHMETIC})


@dataclass(frozen=True)
class Figure:
    """A number in the text with its unit, or a placeholder such as ``XX条`` (number None)."""

    start: int
    end: int
    number: float | None
    unit: str  # normalised: "%", "件", "工作日", "元" (万元 is 元 with scale 4), "" when none
    raw: str  # text[start:end]
    decimals: int = 0
    scale: int = 0  # power of ten written with the number (万, 亿)
    approx: Approx = Approx.EXACT
    num_start: int = -1  # where the number itself begins (after 近, 超 …)

    @property
    def is_placeholder(self) -> bool:
        return self.number is None


@dataclass(frozen=True)
class Section:
    """The part of a text under one heading; ``indicator`` when the heading names one."""

    start: int
    end: int
    indicator: str | None
    heading: str
    level: int  # 1 for the marker style that appears first (一、), 2 for the next ((一) or 1.) …


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    section: int  # index into the sections list, -1 before the first heading
    clauses: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Match:
    """A figure read as the value of one catalog metric."""

    figure: Figure
    metric: str
    value: float | None  # in the metric's unit; None for a placeholder
    sentence: int  # index into the sentences list
    term: str  # the name or alias that decided it
    how: str  # head, tail, paren, clause, carried, enumeration
    ref: Ref = Ref.CURRENT
    tolerance: float = 0.0  # half a unit of the last digit written, in the metric's unit


@dataclass(frozen=True)
class CrossFinding:
    kind: Kind
    metric: str | None
    sentence: str
    sentence_span: tuple[int, int]
    span: tuple[int, int]  # what to highlight inside the sentence: the figure
    text_value: float | None
    filed_value: float | None
    message: str
    suggestion: str
    rule: str = ""  # for arithmetic: the relation's code, or "text_sum"

    def as_json(self) -> dict:
        """The stable shape of ``crosscheck --json`` (DESIGN.md)."""
        return {
            "kind": self.kind.value, "metric": self.metric, "sentence": self.sentence,
            "text_value": self.text_value, "filed_value": self.filed_value,
            "message": f"{self.message}建议：{self.suggestion}",
        }


@dataclass(frozen=True)
class Reading:
    """What was read from a text: its layout, every figure, and the figures matched to metrics."""

    text: str
    sections: tuple[Section, ...]
    sentences: tuple[Sentence, ...]
    figures: tuple[Figure, ...]
    matches: tuple[Match, ...]

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.text[sentence.start:sentence.end].strip()

    def section_of(self, sentence_index: int) -> Section | None:
        index = self.sentences[sentence_index].section
        return self.sections[index] if index >= 0 else None


@dataclass(frozen=True)
class CrossReport:
    reading: Reading
    findings: tuple[CrossFinding, ...] = field(default=())

    def of_kind(self, kind: Kind) -> list[CrossFinding]:
        return [f for f in self.findings if f.kind == kind]

    @property
    def blocking(self) -> list[CrossFinding]:
        return [f for f in self.findings if f.kind in BLOCKING_KINDS]

    @property
    def ok(self) -> bool:
        return not self.blocking
