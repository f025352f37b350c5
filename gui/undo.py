"""One generic QUndoCommand over the edit value objects of ``app.editing``.

An edit is applied before its command is pushed (so a refused edit never reaches the stack);
undo applies the stored inverse and keeps what that returns for redo.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from app.editing import Edit
from storage import Store, StoreError


class EditCommand(QUndoCommand):
    def __init__(self, store: Store, done: Edit, inverse: Edit,
                 on_applied: Callable[[Edit], None], on_error: Callable[[StoreError], None]):
        super().__init__(done.label)
        self._store = store
        self._forward, self._backward = done, inverse
        self._pushed = False
        self._on_applied, self._on_error = on_applied, on_error

    @property
    def undo_edit(self) -> Edit:
        return self._backward

    @property
    def redo_edit(self) -> Edit:
        return self._forward

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo; the edit is already applied
            self._pushed = True
            return
        self._backward = self._run(self._forward) or self._backward

    def undo(self) -> None:
        self._forward = self._run(self._backward) or self._forward

    def _run(self, edit: Edit) -> Edit | None:
        try:
            inverse = edit.apply(self._store)
        except StoreError as exc:  # e.g. locked meanwhile: drop the command, keep the data as it is
            self.setObsolete(True)
            self._on_error(exc)
            return None
        self._on_applied(edit)
        return inverse


def locked_keys(store: Store, edit: Edit) -> list[tuple[str, str]]:
    """The department-periods an edit would write that are locked now."""
    pairs = {(period, dept) for period, dept, _ in edit.keys()}
    return sorted(pair for pair in pairs if store.is_locked(*pair))


def next_undo(stack: QUndoStack) -> EditCommand | None:
    index = stack.index() - 1
    return stack.command(index) if index >= 0 else None


def next_redo(stack: QUndoStack) -> EditCommand | None:
    index = stack.index()
    return stack.command(index) if index < stack.count() else None
