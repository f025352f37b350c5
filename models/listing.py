"""Long lists shown to people (refused cells, findings, template problems): the first ones and
a count of the rest.  A hostile file can hold a problem in every cell; listing them all once
made 590 MB of error text from a 44 KB workbook."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

MAX_LISTED = 200  # problems listed one by one, on the command line and in the window
MAX_SHOWN_CHARS = 60  # characters of one cell's content quoted in a problem

T = TypeVar("T")


def first(items: Sequence[T], limit: int = MAX_LISTED, what: str = "问题") -> tuple[Sequence[T], str]:
    """The first ``limit`` items and the line saying how many are left out ('' when none)."""
    rest = len(items) - limit
    return (items[:limit], f"另有 {rest} 项{what}未列出。") if rest > 0 else (items, "")


def shortened(text: str, limit: int = MAX_SHOWN_CHARS) -> str:
    """A cell's content cut for quoting in a message, saying how long it really is."""
    return text if len(text) <= limit else f"{text[:limit]}…（共 {len(text)} 字）"
