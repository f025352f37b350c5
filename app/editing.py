"""Edits as small value objects: ``apply(store)`` performs the edit and returns its inverse.

The GUI's undo stack keeps only these objects (one generic command wraps them), so undo and
redo are plain Python and tested without a GUI.  Applying an inverse returns the edit again,
which is how redo works.  Every apply runs in one transaction of the store and leaves audit
rows; an undo is audited like any other change, its reason starting with "撤销".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from app import messages
from app.messages import Message
from models.catalog import Metric
from models.texts import text_problem
from models.values import Change, Entry, Explanation, Value
from storage import Store
from validation.errors import EntryError

Key = tuple[str, str, str]  # (period, dept, metric)
UNDO_PREFIX = "撤销："


class Edit(Protocol):
    label: str  # what the edit did, for the 编辑 menu: "填报 结案率 = 84.61%"

    def apply(self, store: Store) -> Edit: ...

    def keys(self) -> set[Key]: ...


def entry_restoring(change: Change) -> Entry:
    """The entry that puts a figure back as it was before ``change``."""
    entry, old = change.entry, change.old
    if old is None:
        return cleared_entry((entry.period, entry.dept, entry.metric))
    return entry_from_value(old)


# ---- typed text → entry: the window, paste, the ``set`` command and import build entries here,
# so the same edit leaves the same figure and the same audit row whichever way it was made.

def text_entry(key: Key, metric: Metric, text: str, old: Value | None, note: str | None = None) -> Entry:
    """The entry a typed figure stands for; EntryError (with the reason) when unreadable."""
    from validation.parsing import parse_entry  # with its regular expressions: once a figure is typed

    parsed = parse_entry(text, metric)
    return typed_entry(key, parsed.number, parsed.raw, old, note=note)


def refuse_not_applicable(catalog, code: str) -> None:
    """A figure for a metric the district marked 不适用 this year is refused with the reason."""
    reason = catalog.not_applicable(code)
    if reason:
        name = catalog.metric(code).name if catalog.metric(code) else code
        raise EntryError(Message(messages.NOT_APPLICABLE, name=name, year=catalog.year, reason=reason), "required")


def typed_entry(key: Key, number: float, raw: str, old: Value | None,
                note: str | None = None, source: str | None = None) -> Entry:
    """A new number for a figure: its note (备注) and source stay unless given."""
    period, dept, metric = key
    return Entry(period=period, dept=dept, metric=metric, number=number, raw=raw,
                 note=(old.note if old else "") if note is None else note,
                 source=(old.source if old else "") if source is None else source)


def noted_entry(old: Value | Entry | None, metric: Metric, text: str) -> Entry:
    """The figure (stored, or about to be) with a new note; a note needs a figure to belong to."""
    if old is None or old.number is None:
        raise EntryError(Message(messages.NOTE_WITHOUT_FIGURE, name=metric.name), "required")
    problem = text_problem(text)
    if problem:  # refused, so that the window keeps the note in its cell as a draft
        raise EntryError(Message(messages.NOTE_REFUSED, problem=problem), "placeholder")
    return replace(old if isinstance(old, Entry) else entry_from_value(old), note=text.strip())


def cleared_entry(key: Key) -> Entry:
    period, dept, metric = key
    return Entry(period=period, dept=dept, metric=metric, number=None)


def same_figure(old: Value | None, entry: Entry) -> bool:
    """Whether storing ``entry`` over ``old`` would change nothing the filer sees."""
    if old is None:
        return entry.number is None
    return (old.number, old.raw, old.note) == (entry.number, entry.raw, entry.note)


def change_kind(entry: Entry, old: Value | None) -> str:
    """What storing ``entry`` over ``old`` does: new, changed or unchanged (number, text, 备注, 来源)."""
    if old is None:
        return "new"
    same = (old.number, old.raw, old.note, old.source) == (entry.number, entry.raw, entry.note, entry.source)
    return "unchanged" if same else "changed"


def entry_from_value(value: Value) -> Entry:
    return Entry(period=value.period, dept=value.dept, metric=value.metric, number=value.number,
                 raw=value.raw, note=value.note, source=value.source)


def _reason(undoing: bool, reason: str) -> str:
    return UNDO_PREFIX + reason if undoing else reason


@dataclass(frozen=True)
class SetFigures:
    """Store figures (or clear them: an entry with number None) in one transaction."""

    entries: tuple[Entry, ...]
    label: str
    reason: str = ""
    source: str = ""  # provenance written to the audit rows, e.g. an imported file
    undoing: bool = False

    def apply(self, store: Store) -> SetFigures:
        changes = store.set_values(self.entries, reason=_reason(self.undoing, self.reason),
                                   source=self.source)
        return self.inverse(changes)

    def inverse(self, changes: list[Change]) -> SetFigures:
        """The edit that undoes these changes (what storing this edit's entries did)."""
        restoring = tuple(entry_restoring(c) for c in changes if c.kind != "unchanged")
        return replace(self, entries=restoring, undoing=not self.undoing)

    def keys(self) -> set[Key]:
        return {(e.period, e.dept, e.metric) for e in self.entries}


@dataclass(frozen=True)
class ImportBatch:
    """The figures of one imported workbook, stored all-or-nothing; undone as one step.

    ``source`` names the file and its checksum so the audit trail shows where figures came from.
    """

    entries: tuple[Entry, ...]
    file_name: str
    source: str = ""
    reason: str = ""  # for the audit: the file, and who filled and checked it (default: 导入 <file>)

    @property
    def label(self) -> str:
        return f"导入 {self.file_name}（{len(self.entries)} 项）"

    def forward(self) -> SetFigures:
        return SetFigures(self.entries, self.label, reason=self.reason or f"导入 {self.file_name}",
                          source=self.source or self.file_name)

    def apply(self, store: Store) -> SetFigures:
        return self.forward().apply(store)

    def keys(self) -> set[Key]:
        return {(e.period, e.dept, e.metric) for e in self.entries}


@dataclass(frozen=True)
class SetExplanation:
    """Record the 说明 of one finding; empty ``text`` removes the explanation."""

    period: str
    dept: str
    metric: str
    rule: str
    text: str
    fingerprint: str = ""
    label: str = ""

    def apply(self, store: Store) -> SetExplanation:
        with store.transaction():
            old = find_explanation(store, self.period, self.dept, self.metric, self.rule)
            if self.text.strip():
                store.explain(self.period, self.dept, self.metric, self.rule, self.text, self.fingerprint)
            elif old is not None:
                store.remove_explanation(self.period, self.dept, self.metric, self.rule)
        return replace(self, text=old.text if old else "", fingerprint=old.fingerprint if old else "")

    def keys(self) -> set[Key]:
        return {(self.period, self.dept, self.metric)}


def find_explanation(store: Store, period: str, dept: str, metric: str, rule: str) -> Explanation | None:
    return next((e for e in store.explanations(period, dept) if (e.metric, e.rule) == (metric, rule)), None)


@dataclass(frozen=True)
class Together:
    """Several edits as one step (an import's figures and the 说明 it carries): applied in one
    transaction, undone in reverse order."""

    parts: tuple
    label: str

    def apply(self, store: Store) -> Together:
        with store.transaction():
            inverses = [part.apply(store) for part in self.parts]
        return Together(tuple(reversed(inverses)), self.label)

    def keys(self) -> set[Key]:
        return set().union(*(part.keys() for part in self.parts)) if self.parts else set()
