"""Checking a catalog or profile file field by field, with errors that name the entry and the problem.

The domain types are standard dataclasses (``models.records``); pydantic validates data into
them here, by their type hints, and each record's ``__post_init__`` adds its own rules.  Only
files a user brings (and stored data that no longer fits) come here, so pydantic is imported
when such a file is read, never at start-up.
"""

from __future__ import annotations

from functools import cache

from pydantic import TypeAdapter, ValidationError

from models.catalog import CatalogError
from models.texts import invisible_problem


def checked(data: object, kind: type, source: str):
    """A ``kind`` record from parsed JSON, or CatalogError naming ``source``, the entry and the problem."""
    _refuse_invisible(data, source)
    try:
        return _adapter(kind).validate_python(data)
    except ValidationError as exc:
        raise CatalogError(f"{source}：{_describe(exc, data)}") from exc


@cache
def _adapter(kind: type) -> TypeAdapter:
    return TypeAdapter(kind)


def _refuse_invisible(root: object, source: str) -> None:
    """Names and texts of a catalog or profile end up in every exported workbook."""
    for loc, text in _strings(root):
        problem = invisible_problem(text)
        if problem:
            raise CatalogError(f"{source}：{_location(loc, root) or '文件'}：{problem}")


def _strings(data: object, loc: tuple = ()):
    """(path, text) of every string in parsed JSON, keys included."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, item in data.items():
            yield loc, str(key)
            yield from _strings(item, (*loc, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _strings(item, (*loc, index))


def _describe(exc: ValidationError, data: object) -> str:
    """One line per problem: where in the file (with the entry's code when it has one) and what."""
    lines = []
    for error in exc.errors(include_url=False):
        where = _location(error["loc"], data)
        lines.append(f"{where}：{_problem(error)}" if where else _problem(error))
    return "；".join(lines)


def _location(loc: tuple, data: object) -> str:
    parts, node = [], data
    for key in loc:
        if isinstance(node, (list, dict)):
            try:
                node = node[key]
            except (IndexError, KeyError, TypeError):
                node = None
        if isinstance(key, int):
            code = node.get("code") if isinstance(node, dict) else None
            parts[-1] += f"[{key}]" + (f"（{code}）" if code else "") if parts else f"[{key}]"
        elif key in ("ratio", "sum", "difference", "part_le_whole", "commitment_le_limit", "yoy", "stock_flow"):
            continue  # the discriminator pydantic adds to the path says nothing to a reader
        else:
            parts.append(str(key))
    return ".".join(parts)


_KIND_OF_VALUE = {  # what a value of the wrong JSON type should have been
    "float_parsing": "须为数值（不带单位或 %），如 95", "float_type": "须为数值（不带单位或 %），如 95",
    "int_parsing": "须为整数", "int_type": "须为整数", "int_from_float": "须为整数",
    "bool_parsing": "须为 true 或 false", "bool_type": "须为 true 或 false",
    "string_type": "须为文字（用双引号括起）", "string_too_short": "不能为空",
    "tuple_type": "须为列表 [ … ]", "list_type": "须为列表 [ … ]",
    "model_type": "须为 JSON 对象 { … }", "dict_type": "须为 JSON 对象 { … }",
    "model_attributes_type": "须为 JSON 对象 { … }",
}


def _problem(error: dict) -> str:
    message = error["msg"]
    if message.startswith("Value error, "):
        return message.removeprefix("Value error, ")
    limits = {k: format(v, "g") if isinstance(v, float) else v for k, v in (error.get("ctx") or {}).items()}
    translations = _KIND_OF_VALUE | {
        "greater_than": f"须大于 {limits.get('gt')}",
        "greater_than_equal": f"不能小于 {limits.get('ge')}",
        "less_than": f"须小于 {limits.get('lt')}",
        "less_than_equal": f"不能大于 {limits.get('le')}",
        "too_short": f"至少要有 {limits.get('min_length')} 项",
        "string_too_long": f"太长（最多 {limits.get('max_length')} 个字符）",

        "missing": "缺少必填项",
        "extra_forbidden": "不认识的字段", "unexpected_keyword_argument": "不认识的字段",
        "dataclass_type": "须为 JSON 对象 { … }", "union_tag_not_found": "缺少规则类型 kind",
        "string_pattern_mismatch": "代码只能由小写字母、数字和下划线组成，并以字母开头",
        "union_tag_invalid": "规则类型 kind 不认识（可用：ratio、sum、difference、part_le_whole、commitment_le_limit、yoy）",
        "enum": "取值不在允许范围内",
        "literal_error": "取值不在允许范围内",
    }
    return translations.get(error["type"], "取值不符合要求")
