"""Blocks of cells as Excel puts them on the clipboard (tab-separated text), and back."""

from __future__ import annotations

import csv
import io


def parse_block(text: str) -> list[list[str]]:
    """Rows of cells from Excel's clipboard text: tabs between cells, newlines between rows.

    Excel quotes a cell that holds a line break or a quote ("a""b"); a trailing newline ends
    the last row rather than adding an empty one.
    """
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quotechar='"'))
    return [row if row else [""] for row in rows]


def block_text(rows: list[list[str]]) -> str:
    """The clipboard text of a block, quoted the way Excel reads it back."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", quotechar='"', lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()
