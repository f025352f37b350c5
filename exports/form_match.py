"""Which metric each row of a province form is: by its 指标代码, by the metric's name or an alias,
or a close-match suggestion that the coordinator has to confirm.

A suggestion is never used in a formal export until it is confirmed; a confirmed or corrected row
is kept in the saved mapping of the form (``FormMapping.saved``), keyed by the form's structure,
so that next quarter's copy of the same form maps at once.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from exports.form_layout import FormColumn, FormLayout, FormRow, comparable
from models.catalog import Catalog, Metric
from validation.crosscheck.terms import without_asides

# How a row was matched, as the window and the commands show it.
BY_CODE, BY_NAME, SUGGESTED, SAVED, CONFIRMED, IGNORED = "代码", "名称", "建议", "已保存", "已确认", "不填"
# A suggestion needs at least this similarity (difflib's ratio, 0–1): below it the names share
# too little (a word or two) to be worth asking about.
SUGGESTION_CUTOFF = 0.6
SETTING_PREFIX = "template_map:"


@dataclass
class RowMatch:
    row: FormRow
    metric: str = ""  # metric code; "" when the row is not matched
    how: str = ""  # BY_CODE, BY_NAME, SUGGESTED, SAVED, CONFIRMED, IGNORED or "" (unmatched)
    similarity: float = 1.0

    @property
    def usable(self) -> bool:
        """Filled in a formal export: everything matched except an unconfirmed suggestion."""
        return bool(self.metric) and self.how not in (SUGGESTED, IGNORED)


@dataclass
class FormMapping:
    layout: FormLayout
    structure: str  # the form's structure hash
    matches: list[RowMatch] = field(default_factory=list)
    from_saved: bool = False  # a mapping saved for this form was applied

    @property
    def key(self) -> str:
        return SETTING_PREFIX + self.structure[:32]

    @property
    def columns(self) -> list[FormColumn]:
        return self.layout.columns

    def with_how(self, *hows: str) -> list[RowMatch]:
        return [m for m in self.matches if m.how in hows]

    @property
    def unmatched(self) -> list[RowMatch]:
        return [m for m in self.matches if not m.how]

    @property
    def suggestions(self) -> list[RowMatch]:
        return self.with_how(SUGGESTED)

    @property
    def usable(self) -> list[RowMatch]:
        return [m for m in self.matches if m.usable]

    def match(self, key: str) -> RowMatch | None:
        return next((m for m in self.matches if m.row.key == key), None)

    def saved(self, file_name: str) -> dict:
        """What is stored for this form: every row's metric as decided ("" for a row left out)."""
        rows = {m.row.key: m.metric if m.how != IGNORED else "" for m in self.matches
                if m.how in (SAVED, CONFIRMED, IGNORED, BY_CODE, BY_NAME)}
        return {"file": file_name, "rows": rows}


class NameIndex:
    """The catalog's metric names and aliases as a form's labels are compared."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.exact: dict[str, set[str]] = {}
        for metric in catalog.metrics:
            for name in (metric.name, *metric.aliases):
                for key in {comparable(name), comparable(without_asides(name))}:
                    if key:
                        self.exact.setdefault(key, set()).add(metric.code)
        self.by_name = {comparable(m.name): m.code for m in catalog.metrics}

    def named(self, label: str) -> str | None:
        """The one metric a label names (after dropping an aside such as （%）); None when none or several."""
        for key in (comparable(label), comparable(without_asides(label))):
            codes = self.exact.get(key, set())
            if len(codes) == 1:
                return next(iter(codes))
        return None

    def closest(self, label: str) -> tuple[str, float] | None:
        """The metric whose name is closest to ``label``, with the similarity.  difflib's ratio
        over characters is enough here: names are short Chinese phrases differing by a word
        (全程网办率 / 政务服务全程网办率), the catalog has a few hundred names, and the standard
        library needs nothing installed on an office PC."""
        key = comparable(without_asides(label))
        found = difflib.get_close_matches(key, self.by_name, n=1, cutoff=SUGGESTION_CUTOFF)
        if not found:
            return None
        return self.by_name[found[0]], difflib.SequenceMatcher(None, key, found[0]).ratio()


def match_rows(layout: FormLayout, catalog: Catalog, saved: dict | None = None) -> FormMapping:
    """Every row of the form matched (saved decisions first, then code, name, suggestion)."""
    index = NameIndex(catalog)
    mapping = FormMapping(layout, layout.structure())
    rows = (saved or {}).get("rows", {})
    mapping.from_saved = bool(rows)
    for row in layout.rows:
        if row.key in rows and (not rows[row.key] or catalog.metric(rows[row.key])):
            code = rows[row.key]
            mapping.matches.append(RowMatch(row, code, SAVED if code else IGNORED))
        else:
            mapping.matches.append(_automatic(row, catalog, index))
    return mapping


def _automatic(row: FormRow, catalog: Catalog, index: NameIndex) -> RowMatch:
    code = row.code.strip()
    if code and catalog.metric(code):
        return RowMatch(row, code, BY_CODE)
    for label in reversed(row.labels):
        found = index.named(label) if label else None
        if found:
            return RowMatch(row, found, BY_NAME)
    close = index.closest(row.label) if row.label else None
    if close:
        return RowMatch(row, close[0], SUGGESTED, round(close[1], 2))
    return RowMatch(row)


def set_row(mapping: FormMapping, key: str, metric: Metric | None) -> RowMatch:
    """The coordinator's decision for one row: this metric (confirmed), or none (left out)."""
    found = mapping.match(key)
    if found is None:
        raise KeyError(key)
    found.metric, found.how, found.similarity = (metric.code, CONFIRMED, 1.0) if metric else ("", IGNORED, 1.0)
    return found


def confirm_suggestions(mapping: FormMapping) -> list[RowMatch]:
    confirmed = mapping.suggestions
    for match in confirmed:
        match.how = CONFIRMED
    return confirmed
