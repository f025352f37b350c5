"""Filed figures and the trail of their changes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Value(BaseModel):
    """One department's figure for one metric in one period, with the text as typed."""

    model_config = ConfigDict(frozen=True)

    period: str  # Period.code, e.g. 2023Q3
    dept: str
    metric: str
    number: float
    raw: str  # exactly what the filer typed, e.g. "99.38%"
    note: str = ""
    source: str = ""  # 数据来源
    who: str = ""
    at: str = ""  # ISO 8601, local time with offset

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.period, self.dept, self.metric)


class Entry(BaseModel):
    """A figure about to be stored: what a filer, an import or the demo provides."""

    model_config = ConfigDict(frozen=True)

    period: str
    dept: str
    metric: str
    number: float | None  # None clears the figure
    raw: str = ""
    note: str = ""
    source: str = ""


class Change(BaseModel):
    """What one stored entry did: old → new. ``kind`` is new, changed, unchanged or cleared."""

    model_config = ConfigDict(frozen=True)

    entry: Entry
    old: Value | None
    kind: str


class AuditEntry(BaseModel):
    model_config = ConfigDict(frozen=True)

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


class Explanation(BaseModel):
    """A written 说明 for a finding; valid only while the figures it was written about stand.

    ``fingerprint`` records those figures (the finding's own parameters); an explanation whose
    fingerprint no longer matches the current finding is shown again as unexplained.
    """

    model_config = ConfigDict(frozen=True)

    period: str
    dept: str
    metric: str
    rule: str
    text: str
    fingerprint: str
    who: str = ""
    at: str = ""


class Lock(BaseModel):
    model_config = ConfigDict(frozen=True)

    period: str
    dept: str
    who: str
    at: str
    reason: str = ""
