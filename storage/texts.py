"""Texts the store refuses (see ``models.texts``): refused when stored, with what and where named,
instead of failing later in an export."""

from __future__ import annotations

from models.texts import text_problem
from storage.errors import StoreError


class TextError(StoreError):
    """A text that could not be exported faithfully, refused before it is stored."""


def check_text(text: str | None, what: str) -> None:
    """Raise TextError naming ``what`` (e.g. "2023Q3 court ct_close_rate 的说明") if unstorable."""
    problem = text_problem(text or "")
    if problem:
        raise TextError(f"{what}：{problem}（未保存）。")


def check_texts(value: object, what: str) -> None:
    """Every string inside a JSON-like value (a profile, a setting)."""
    if isinstance(value, str):
        check_text(value, what)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_texts(item, f"{what}.{key}")
    elif isinstance(value, (list, tuple)):
        for item in value:
            check_texts(item, what)
