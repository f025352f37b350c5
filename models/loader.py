"""Reading catalog and profile files, with errors that name the file, the entry and the problem."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel, ValidationError

from models.catalog import Catalog, CatalogError, CatalogYear
from models.profile import DistrictProfile
from models.texts import invisible_problem

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_PROFILE = DATA_DIR / "profile_honggutan.json"
_CATALOG_FILE = re.compile(r"^catalog_(\d{4})\.json$")


def catalog_files(data_dir: Path = DATA_DIR) -> dict[int, Path]:
    """Available catalog files by evaluation year."""
    found = {}
    for path in data_dir.glob("catalog_*.json"):
        match = _CATALOG_FILE.match(path.name)
        if match:
            found[int(match.group(1))] = path
    return dict(sorted(found.items()))


def year_for(year: int | None, data_dir: Path = DATA_DIR) -> int:
    """The catalog year that applies among the shipped files."""
    return pick_year(year, catalog_files(data_dir))


def pick_year(year: int | None, available) -> int:
    """The year itself, else the latest before it, else the first; the latest when none is asked."""
    years = sorted(available)
    if not years:
        raise CatalogError("没有任何指标目录（catalog_年份.json）")
    if year is None:
        return years[-1]
    earlier = [y for y in years if y <= year]
    return earlier[-1] if earlier else years[0]


def load_catalog(
    year: int | None = None,
    profile: DistrictProfile | Path | None = None,
    data_dir: Path = DATA_DIR,
) -> Catalog:
    """The catalog that applies to ``year`` joined with a district profile."""
    path = catalog_files(data_dir)[year_for(year, data_dir)]
    return catalog_from_file(path, profile)


def catalog_from_file(path: Path, profile: DistrictProfile | Path | None = None) -> Catalog:
    definitions = _read_model(path, CatalogYear)
    if not isinstance(profile, DistrictProfile):
        profile = load_profile(profile or DEFAULT_PROFILE)
    return Catalog(definitions, profile, source=path.name)


def load_profile(path: Path) -> DistrictProfile:
    return _read_model(Path(path), DistrictProfile)


def definitions_from_data(data: dict, source: str) -> CatalogYear:
    """A catalog year from already-parsed JSON (e.g. stored in the database)."""
    return _validated(data, CatalogYear, source)


def profile_from_data(data: dict, source: str) -> DistrictProfile:
    return _validated(data, DistrictProfile, source)


def _read_model(path: Path, model: type[BaseModel]):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogError(f"{path}：无法读取文件（{exc.strerror or exc}）") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogError(f"{path.name}：不是有效的 UTF-8 JSON 文件（{exc}）") from exc
    return _validated(data, model, path.name)


def _validated(data: object, model: type[BaseModel], source: str):
    _refuse_invisible(data, source)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise CatalogError(f"{source}：{_describe(exc, data)}") from exc


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
        elif key in ("ratio", "sum", "difference", "part_le_whole", "commitment_le_limit", "yoy"):
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
        "extra_forbidden": "不认识的字段",
        "string_pattern_mismatch": "代码只能由小写字母、数字和下划线组成，并以字母开头",
        "union_tag_invalid": "规则类型 kind 不认识（可用：ratio、sum、difference、part_le_whole、commitment_le_limit、yoy）",
        "enum": "取值不在允许范围内",
        "literal_error": "取值不在允许范围内",
    }
    text = translations.get(error["type"], message)
    return f"{text}（{message}）" if text != message else text
