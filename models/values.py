"""Filed figures and the trail of their changes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Value:
    """One department's figure for one metric in one period, with the text as typed."""

    period: str  # Period.code, e.g. 2023Q3
    dept: str
    metric: str
    number: float
    raw: str  # exactly what the filer typed, e.g. "99.38%"
    note: str = ""
    source: str = ""  # 数据来源
    who: str = ""
    at: str = ""  # ISO 8601, local time with offset

    def __post_init__(self) -> None:
        _as_float(self)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.period, self.dept, self.metric)


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """A figure about to be stored: what a filer, an import or the demo provides."""

    period: str
    dept: str
    metric: str
    number: float | None  # None clears the figure
    raw: str = ""
    note: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        _as_float(self)


def _as_float(figure: Value | Entry) -> None:
    """A whole number typed or read as int is stored and compared as the float it means."""
    if type(figure.number) is int:
        object.__setattr__(figure, "number", float(figure.number))


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """What one stored entry did: old → new. ``kind`` is new, changed, unchanged or cleared."""

    entry: Entry
    old: Value | None
    kind: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditEntry:
    id: int
    at: str
    who: str
    action: str  # set, clear, explain, lock, unlock, submit …
    period: str
    dept: str
    metric: str = ""
    old_raw: str | None = None
    new_raw: str | None = None
    old_number: float | None = None
    new_number: float | None = None
    reason: str = ""
    source: str = ""  # e.g. an imported file's name and SHA-256
    old_note: str | None = None  # a figure's 备注 before and after the edit (set and clear rows)
    new_note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Explanation:
    """A written 说明 for a finding; valid only while the figures it was written about stand.

    ``fingerprint`` records those figures (the finding's own parameters); an explanation whose
    fingerprint no longer matches the current finding is shown again as unexplained.
    """

    period: str
    dept: str
    metric: str
    rule: str
    text: str
    fingerprint: str
    who: str = ""
    at: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Lock:
    period: str
    dept: str
    who: str
    at: str
    reason: str = ""
