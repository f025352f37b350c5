"""Planning a paste of Excel cells onto the entry table (no Qt: tested without a GUI).  Cells that can be read become entries, stored together as one undoable step; the rest are
listed with the reason and kept as drafts in their cells, so nothing pasted is lost.  Blank
cells leave the figure as it is (Excel's empty cells are no instruction to delete).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app import messages
from app.editing import noted_entry
from app.messages import Message, message_of
from app.session import EntrySession, Row
from models.values import Entry
from validation.errors import EntryError

Cell = tuple[int, int, str]  # (row, column, text) in the table as shown


@dataclass(frozen=True)
class Refusal:
    row: int
    column: int
    text: str
    reason: str
    code: str | None = None  # the metric, when the cell is on a row
    field: str | None = None  # "value" | "note", when the column takes entries


@dataclass
class PastePlan:
    entries: list[Entry] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    blank: int = 0
    unchanged: int = 0


def block_cells(block: list[list[str]], start_row: int, start_column: int) -> list[Cell]:
    return [(start_row + r, start_column + c, text) for r, cells in enumerate(block) for c, text in enumerate(cells)]


def plan_paste(session: EntrySession, rows: list[Row], cells: list[Cell], fields: dict[int, str],
               headers: tuple[str, ...]) -> PastePlan:
    """Plan pasting ``cells`` onto ``rows`` under ``headers`` (as the filer reads them), where
    ``fields`` maps the editable columns to "value" or "note".

    Figures first, then notes (a note pasted beside its figure belongs to the new figure)."""
    plan, pending = PastePlan(), {}
    ordered = sorted(cells, key=lambda cell: fields.get(cell[1]) != "value")
    for row, column, text in ordered:
        if not text.strip():
            plan.blank += 1
            continue
        refusal = _where_refused(session, rows, fields, headers, row, column, text)
        if refusal is not None:
            plan.refused.append(refusal)
        else:
            _plan_cell(session, rows[row].metric.code, fields[column], row, column, text, plan, pending)
    for code, entry in pending.items():
        if session.unchanged(code, entry):
            plan.unchanged += 1
        else:
            plan.entries.append(entry)
    return plan


def _where_refused(session, rows, fields, headers, row, column, text) -> Refusal | None:
    if row >= len(rows):
        return Refusal(row, column, text, Message(messages.BELOW_LAST_ROW))
    code = rows[row].metric.code
    if column >= len(headers):
        return Refusal(row, column, text, Message(messages.RIGHT_OF_TABLE), code)
    if column not in fields:
        return Refusal(row, column, text, Message(messages.COLUMN_NOT_EDITABLE, column=headers[column]), code)
    locked = session.lock_reason(code)
    if locked:
        return Refusal(row, column, text, locked, code, fields[column])
    return None


def _plan_cell(session, code, field_name, row, column, text, plan, pending) -> None:
    try:
        if field_name == "value":
            pending[code] = session.value_entry(code, text)
        else:
            pending[code] = _note_entry(session, code, text, pending.get(code))
    except EntryError as exc:
        plan.refused.append(Refusal(row, column, text, message_of(exc), code, field_name))


def _note_entry(session, code, text, pending: Entry | None) -> Entry:
    if pending is not None and pending.number is not None:  # the figure pasted beside it in the same row
        return noted_entry(pending, session.row(code).metric, text)
    return session.note_entry(code, text)

