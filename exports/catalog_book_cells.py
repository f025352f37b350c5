"""Reading a catalog workbook's cells: one function per kind of cell, each raising ``Bad`` with
the reason a person reads.  Split from ``exports.catalog_book_read``, which names the cell."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from exports.catalog_book import (
    GRADE_LABELS,
    NOT_APPLICABLE,
)
from exports.cells import text_of
from exports.department_import import Refusal
from models.catalog import (
    RULE_LABELS,
    UNITS,
    RuleKind,
)
from models.profile import check_code
from models.texts import text_problem


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Bad(ValueError):
    """One cell's content that cannot be taken; the message is the reason."""


# ---- rows and the problems found in them -------------------------------------------------

@dataclass
class _Row:
    sheet: str
    number: int
    cells: dict[str, object]  # header → value
    letters: dict[str, str]  # header → column letter

    def filled(self, header: str) -> bool:
        return not _blank(self.cells.get(header))

    def where(self, header: str) -> str:
        return f"{self.sheet}!{self.letters[header]}{self.number}"

    def text(self, header: str) -> str:
        return text_of(self.cells.get(header))


@dataclass
class _Reading:
    problems: list[Refusal] = field(default_factory=list)
    not_applicable: dict[str, str] = field(default_factory=dict)  # code → reason (不适用原因 column)

    def mark(self, row: _Row, code: str | None) -> None:
        """The row's 不适用原因, kept for the district's settings (not the catalog)."""
        if code is not None:
            self.take(row, NOT_APPLICABLE, _text, self.not_applicable, code)

    def refuse(self, row: _Row, header: str, reason: str) -> None:
        self.problems.append(Refusal(row.where(header), row.text(header), reason))

    def take(self, row: _Row, header: str, parse: Callable[[object], object], into: dict, name: str) -> None:
        """Parse one cell into ``into[name]``; a blank cell leaves the field at its default."""
        value = row.cells.get(header)
        if _blank(value):
            return
        try:
            into[name] = parse(value)
        except _Bad as exc:
            self.refuse(row, header, str(exc))


# ---- cell values -----------------------------------------------------------------------

def _text(value: object) -> str:
    text = text_of(value)
    problem = text_problem(text)
    if problem:
        raise _Bad(problem)
    return text


def _code(value: object) -> str:
    text = text_of(value)
    try:
        check_code(text)
    except ValueError as exc:
        raise _Bad(str(exc)) from None
    return text


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise _Bad("须为数值")
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(text_of(value).replace(",", ""))
    except ValueError:
        raise _Bad("须为数值（不带单位、不带 %）") from None


def _whole(low: int, high: int) -> Callable[[object], int]:
    def parse(value: object) -> int:
        try:
            number = _number(value)
        except _Bad:
            raise _Bad(f"须为 {low}～{high} 的整数") from None
        if not number.is_integer() or not low <= number <= high:
            raise _Bad(f"须为 {low}～{high} 的整数")
        return int(number)
    return parse


def _positive(value: object) -> float:
    number = _number(value)
    if not number > 0:
        raise _Bad("须大于 0")
    return number


def _choice(labels: dict) -> Callable[[object], object]:
    by_label = {label: key for key, label in labels.items()}

    def parse(value: object) -> object:
        if isinstance(value, bool) and True in labels:  # TRUE/FALSE typed into a 是/否 column
            return value
        text = text_of(value)
        if text not in by_label:
            raise _Bad(f"不是可选值之一（{'、'.join(labels.values())}）")
        return by_label[text]
    return parse


def _unit(value: object) -> str:
    text = text_of(value)
    if text not in UNITS:
        raise _Bad(f"不认识的单位，可选：{'、'.join(UNITS)}")
    return text


def _aliases(value: object) -> tuple[str, ...]:
    """One alias a line when the cell has line breaks; else split at 、 outside quotes
    (“双随机、一公开”检查工作 stays whole)."""
    text = str(value)
    if "\n" in text:
        found = text.splitlines()
    else:
        found = re.split(r"、(?![^“「]*[”」])", text)
    aliases = tuple(part.strip() for part in found if part.strip())
    for alias in aliases:
        _text(alias)
    return aliases


_RULE_BY_NAME = {**{k.value: k for k in RuleKind}, **{label: k for k, label in RULE_LABELS.items()}}
_GRADE_BY_LABEL = {label: grade for grade, label in GRADE_LABELS.items()}


def _grades(value: object) -> dict:
    """ytd_monotonic:核实性、swing:强制性 → {"ytd_monotonic": Severity.WARNING, …}."""
    grades = {}
    for item in re.split(r"[、,，;；\n]", text_of(value)):
        if not item.strip():
            continue
        kind, colon, grade = item.replace("：", ":").partition(":")
        kind, grade = kind.strip(), grade.strip()
        if not colon or kind not in _RULE_BY_NAME:
            raise _Bad(f"“{item.strip()}”：规则类型不认识，应写作“规则类型:强制性”或“规则类型:核实性”，"
                       f"规则类型为 {'、'.join(k.value for k in RuleKind)}")
        if grade not in _GRADE_BY_LABEL:
            raise _Bad(f"“{item.strip()}”：级别须为“强制性”或“核实性”")
        grades[_RULE_BY_NAME[kind].value] = _GRADE_BY_LABEL[grade]
    return grades
