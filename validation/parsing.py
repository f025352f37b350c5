"""Turning what a filer types into a number, or refusing it with a reason."""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.catalog import Metric

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")


class EntryError(ValueError):
    """A typed figure that cannot be stored.  ``rule`` is the stable code of the reason."""

    def __init__(self, message: str, rule: str = "range"):
        super().__init__(message)
        self.rule = rule


@dataclass(frozen=True)
class Parsed:
    number: float
    raw: str  # the text as typed, kept beside the number
    decimals: int  # decimals typed: the tolerance of identities follows from it


def parse_entry(text: str, metric: Metric) -> Parsed:
    """Read a typed figure for ``metric``; raise EntryError with a Chinese reason otherwise."""
    raw = str(text)
    cleaned = raw.strip().translate(_FULL_WIDTH).replace(",", "").replace(" ", "")
    if cleaned.endswith(metric.unit):
        cleaned = cleaned[: -len(metric.unit)]
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", cleaned):
        raise EntryError(f"“{raw}”不是数字：请填写{metric.name}的数值（单位：{metric.unit}）", "placeholder")
    decimals = len(cleaned.partition(".")[2])
    return Parsed(number=float(cleaned), raw=raw.strip(), decimals=decimals)
