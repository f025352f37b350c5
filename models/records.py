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
from collections.abc import Callable
from enum import Enum
from functools import cache, partial
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

    Raises TypeError or ValueError on data of another shape: the caller then checks
    it through ``models.schema`` for a message that names the entry.
    """
    return converter(kind)(data)


@cache
def converter(kind: Any) -> Callable[[Any], Any]:
    """A function turning data into ``kind``, worked out once per type (the 2023 catalog: about 5 ms → 2 ms)."""
    origin = get_origin(kind)
    if origin is typing.Annotated:
        return converter(get_args(kind)[0])
    if origin is Literal:
        return partial(_literal, get_args(kind))
    if origin in (Union, types.UnionType):
        return _union_converter(get_args(kind))
    if origin is tuple:
        item = converter(get_args(kind)[0])
        return lambda data: tuple(map(item, _list(data)))
    if origin is dict:
        key = _year_key if get_args(kind)[0] is int else str  # JSON keys are texts: "2023" → 2023
        value = converter(get_args(kind)[1])
        return lambda data: {key(k): value(v) for k, v in _dict(data).items()}
    if dataclasses.is_dataclass(kind):
        return partial(_record, kind)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    if kind is float:
        return _float
    if kind in (str, int, bool):
        return partial(_exactly, kind)
    if kind is Any:
        return lambda data: data
    raise TypeError(f"不能从数据建立 {kind}")


def _record(kind: type, data: Any) -> Any:
    fields = _record_fields(kind)
    try:
        return kind(**{name: fields[name](value) for name, value in _dict(data).items()})
    except KeyError as exc:
        raise ValueError(f"不认识的字段：{exc.args[0]}") from None


@cache
def _record_fields(kind: type) -> dict[str, Callable[[Any], Any]]:
    return {name: converter(hint) for name, hint in field_types(kind).items()}


def _year_key(key: Any) -> int:
    if isinstance(key, bool) or not (isinstance(key, int) or (isinstance(key, str) and key.isdigit())):
        raise TypeError(f"{key!r} 不是整数")
    return int(key)


def _literal(allowed: tuple, data: Any) -> Any:
    if data not in allowed:
        raise ValueError(f"{data!r} 不是 {allowed} 之一")
    return data


def _float(data: Any) -> float:
    if isinstance(data, bool) or not isinstance(data, (int, float)):
        raise TypeError(f"{data!r} 不是数值")
    return float(data)


def _exactly(kind: type, data: Any) -> Any:
    if type(data) is not kind:
        raise TypeError(f"{data!r} 不是 {kind.__name__}")
    return data


def _union_converter(choices: tuple) -> Callable[[Any], Any]:
    optional = type(None) in choices
    choices = tuple(c for c in choices if c is not type(None))
    records = [c for c in choices if dataclasses.is_dataclass(c)]
    if len(records) > 1:  # records told apart by their ``kind`` field
        by_kind = {get_args(field_types(r)["kind"])[0]: converter(r) for r in records}
        pick = partial(_by_kind, by_kind)
    elif len(choices) == 1:
        pick = converter(choices[0])
    else:
        raise TypeError(f"不能从数据建立 {choices}")
    return partial(_optional, pick) if optional else pick


def _by_kind(by_kind: dict, data: Any) -> Any:
    kind = _dict(data).get("kind")
    if kind not in by_kind:
        raise ValueError(f"不认识的 kind：{kind!r}")
    return by_kind[kind](data)


def _optional(convert: Callable[[Any], Any], data: Any) -> Any:
    return None if data is None else convert(data)


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
