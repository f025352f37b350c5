"""The refusal of a typed figure, apart from the parser so that the window can name it without
importing the parser and its regular expressions."""

from __future__ import annotations


class EntryError(ValueError):
    """A typed figure that cannot be stored.

    ``rule`` is the stable code of the reason (``placeholder`` or ``range``), ``case`` one of that
    kind's cases (``PlaceholderCase``, ``RangeCase`` in ``validation.messages``), the key of its message.
    """

    def __init__(self, message: str, rule: str = "range", case: str = ""):
        super().__init__(message)
        self.rule = rule
        self.case = case
