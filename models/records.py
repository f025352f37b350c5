"""Domain records to and from JSON-shaped data, without pydantic.

The domain types are frozen standard dataclasses: they import in microseconds, where pydantic
models cost the start-up some 150 ms before the first window could paint.  Their own
``__post_init__`` keeps the invariants (codes, ranges, units) however a record is made.
Files a user brings are checked field by field through pydantic (``models.schema``, imported
only then); data this program validated before storing it, and the files it ships, are rebuilt
here directly (``from_data``).
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from enum import Enum
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

FORBID_EXTRA = {"extra": "forbid"}  # read by pydantic as the config of a standard dataclass


def to_data(record: Any, exclude_defaults: bool = False) -> Any:
    """JSON-ready data of a record: dicts, lists, strings and numbers; enums as their values."""
    if dataclasses.is_dataclass(record):
        data = {}
        for field in dataclasses.fields(record):
            value = getattr(record, field.name)
            if exclude_defaults and _is_default(field, value):
                continue
            data[field.name] = to_data(value, exclude_defaults)
        return data
    if isinstance(record, Enum):
        return record.value
    if isinstance(record, (list, tuple)):
        return [to_data(item, exclude_defaults) for item in record]
    if isinstance(record, dict):
        return {key: to_data(value, exclude_defaults) for key, value in record.items()}
    return record


def _is_default(field: dataclasses.Field, value: Any) -> bool:
    if field.default is not dataclasses.MISSING:
        return value == field.default
    if field.default_factory is not dataclasses.MISSING:
        return value == field.default_factory()
    return False


def from_data(kind: Any, data: Any) -> Any:
    """A record of type ``kind`` rebuilt from trusted data (what ``to_data`` gave).

    Raises TypeError, ValueError or KeyError on data of another shape: the caller then checks
    it through ``models.schema`` for a message that names the entry.
    """
    origin = get_origin(kind)
    if origin is Literal:
        if data not in get_args(kind):
            raise ValueError(f"{data!r} 不是 {get_args(kind)} 之一")
        return data
    if origin in (Union, types.UnionType):
        return _from_union(get_args(kind), data)
    if origin is tuple:
        item = get_args(kind)[0]
        return tuple(from_data(item, value) for value in _list(data))
    if origin is dict:
        _, item = get_args(kind)
        return {str(key): from_data(item, value) for key, value in _dict(data).items()}
    if origin is typing.Annotated:
        return from_data(get_args(kind)[0], data)
    return _from_plain(kind, data)


def _from_plain(kind: Any, data: Any) -> Any:
    if dataclasses.is_dataclass(kind):
        hints = field_types(kind)
        unknown = set(_dict(data)) - set(hints)
        if unknown:
            raise ValueError(f"不认识的字段：{'、'.join(sorted(unknown))}")
        return kind(**{name: from_data(hints[name], value) for name, value in data.items()})
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind is float and isinstance(data, (int, float)) and not isinstance(data, bool):
        return float(data)
    if kind in (str, int, bool) and type(data) is kind:
        return data
    if kind is Any:
        return data
    raise TypeError(f"{data!r} 不是 {getattr(kind, '__name__', kind)}")


def _from_union(choices: tuple, data: Any) -> Any:
    if data is None and type(None) in choices:
        return None
    records = [c for c in choices if dataclasses.is_dataclass(c)]
    if len(records) > 1:  # records told apart by their ``kind`` field
        kind = _dict(data).get("kind")
        for record in records:
            if get_args(field_types(record)["kind"]) == (kind,):
                return from_data(record, data)
        raise ValueError(f"不认识的 kind：{kind!r}")
    for choice in choices:
        if choice is type(None):
            continue
        try:
            return from_data(choice, data)
        except (TypeError, ValueError):
            continue
    raise TypeError(f"{data!r} 不是 {choices} 之一")


def _list(data: Any) -> list:
    if not isinstance(data, (list, tuple)):
        raise TypeError(f"{data!r} 不是列表")
    return data


def _dict(data: Any) -> dict:
    if not isinstance(data, dict):
        raise TypeError(f"{data!r} 不是对象")
    return data


@cache
def field_types(record: type) -> dict[str, Any]:
    """A dataclass's field types, its string annotations resolved in its own module."""
    namespace = vars(sys.modules[record.__module__])
    return typing.get_type_hints(record, globalns=namespace, include_extras=True)


class ByKind:
    """Marks a union of records told apart by their ``kind`` field.

    ``from_data`` picks the record by it; pydantic, when it checks a file, does the same
    through this hook (so a wrong entry gets one error, not one per record type).
    """

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        choices = {get_args(field_types(record)["kind"])[0]: handler.generate_schema(record)
                   for record in get_args(source)}
        return core_schema.tagged_union_schema(choices, discriminator="kind")
