"""Reading the catalog workbook (``exports.catalog_book``) back into JSON-shaped catalog data.

Every row of every sheet is checked and every problem collected, each as 工作表!单元格, the
value and the reason; only after the whole file is read is anything refused
(``CatalogBookError``).  The model's own constructors run per row, so a metric, target or
relation the workbook accepts is one the catalog accepts; what they refuse is said at the cell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from openpyxl.utils import get_column_letter

from exports.catalog_book import (
    COLUMNS,
    DIRECTION_LABELS,
    FREQUENCY_LABELS,
    GRADE_LABELS,
    INDICATOR_SHEET,
    KIND_LABELS,
    MAX_RELATION_METRICS,
    METRIC_SHEET,
    OP_LABELS,
    RELATION_LABELS,
    RELATION_ORDER,
    RELATION_ROLES,
    RELATION_SHEET,
    TARGET_SHEET,
    TYPE_LABELS,
    YEAR_SHEET,
    YES_NO,
)
from exports.catalog_book_cells import (
    _aliases,
    _blank,
    _choice,
    _code,
    _grades,
    _number,
    _positive,
    _Reading,
    _Row,
    _text,
    _unit,
    _whole,
)
from exports.catalog_book_depts import book_departments
from exports.cells import text_of
from exports.department_import import Refusal
from exports.safe_open import WorkbookError, guarded, open_workbook
from models.catalog import (
    VALUE_TYPES,
    CatalogError,
    CatalogYear,
    Indicator,
    Kind,
    Metric,
    Relation,
    Target,
    ValueType,
)
from models.lineage import lineage_problems, rename_clashes
from models.listing import MAX_LISTED
from models.loader import definitions_from_data
from models.profile import DistrictProfile
from models.records import converter, to_data

MAX_COLUMNS = 40
HEADER_SEARCH_ROWS = 10


class CatalogBookError(Exception):
    """A catalog workbook that cannot be taken: ``problems`` lists every refused cell."""

    def __init__(self, problems: list[Refusal]):
        self.problems = problems
        shown = "\n".join(p.text() for p in problems[:MAX_LISTED])
        more = f"\n另有 {len(problems) - MAX_LISTED} 项问题未列出。" if len(problems) > MAX_LISTED else ""
        super().__init__(f"指标目录工作簿有 {len(problems)} 处问题，未作任何改动：\n{shown}{more}")


@dataclass(frozen=True)
class CatalogBook:
    """A catalog workbook read: the catalog data, and the departments its sheets name (by code)."""

    data: dict  # shaped as ``to_data(definitions, exclude_defaults=True)``
    leads: dict[str, str]  # indicator code → lead department (一级指标!牵头单位)
    filers: dict[str, str]  # metric code → its own filing department (指标!填报单位, when not the lead)
    not_applicable: dict[str, str] = field(default_factory=dict)  # code → the district's 不适用原因


def read_catalog_book(path: Path, profile: DistrictProfile | None = None,
                      previous: Callable[[int], CatalogYear | None] | None = None) -> dict:
    """The catalog data of a workbook, shaped as ``to_data(definitions, exclude_defaults=True)``."""
    return read_catalog_workbook(path, profile, previous).data


def read_catalog_workbook(path: Path, profile: DistrictProfile | None = None,
                          previous: Callable[[int], CatalogYear | None] | None = None) -> CatalogBook:
    """The workbook's catalog, its 不适用 reasons and, with the district's ``profile``, the departments
    it names (without a profile the department columns are not read); ``previous(year)``: the catalog
    before it, which renames and changed units are checked against."""
    path = Path(path)
    try:
        wb = open_workbook(path, read_only=True)
    except WorkbookError as exc:
        raise CatalogBookError([Refusal(path.name, "", str(exc))]) from exc
    reading = _Reading()
    try:
        with guarded(path):
            tables = {title: _table(wb, title, reading) for title in COLUMNS}
    except WorkbookError as exc:
        raise CatalogBookError([Refusal(path.name, "", str(exc))]) from exc
    finally:
        wb.close()
    definitions = _catalog(tables, reading, previous)
    leads, filers = book_departments(tables[INDICATOR_SHEET] or [], tables[METRIC_SHEET] or [], profile,
                                     reading.refuse) if profile else ({}, {})
    if reading.problems or definitions is None:
        raise CatalogBookError(reading.problems)
    data = to_data(definitions, exclude_defaults=True)
    try:  # what the catalog file's own check says, so that the data always loads
        definitions_from_data(data, path.name)
    except CatalogError as exc:
        raise CatalogBookError([Refusal(path.name, "", str(exc))]) from exc
    return CatalogBook(data, leads, filers, reading.not_applicable)


# ---- sheets into rows ------------------------------------------------------------------

def _table(wb, title: str, reading: _Reading) -> list[_Row] | None:
    """The rows of one sheet by header; None when the sheet or a header is missing."""
    if title not in wb.sheetnames:
        reading.problems.append(Refusal(title, "", f"缺少工作表“{title}”（工作表名称不能改动）"))
        return None
    ws = wb[title]
    ws.reset_dimensions()
    rows = ws.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    wanted = [c.header for c in COLUMNS[title]]
    for number, values in enumerate(rows, 1):
        texts = [text_of(v) for v in values]
        if wanted[0] not in texts and number < HEADER_SEARCH_ROWS:
            continue
        letters = {text: get_column_letter(i + 1) for i, text in reversed(list(enumerate(texts))) if text in wanted}
        missing = [h for h in wanted if h not in letters]
        for header in missing:
            reading.problems.append(Refusal(f"{title}!{number}行", "", f"表头缺少“{header}”列"))
        if missing:
            return None
        return list(_rows(title, rows, number, letters))
    reading.problems.append(Refusal(f"{title}!1行", "", f"找不到表头（第一列应为“{wanted[0]}”）"))
    return None


def _rows(title: str, rows: Iterator, header_row: int, letters: dict[str, str]) -> Iterator[_Row]:
    index = {header: _column_index(letter) for header, letter in letters.items()}
    for number, values in enumerate(rows, header_row + 1):
        cells = {h: values[i] if i < len(values) else None for h, i in index.items()}
        cells = {h: (v.strip(" \t\u3000") or None) if isinstance(v, str) else v for h, v in cells.items()}
        if not all(_blank(v) for v in cells.values()):
            yield _Row(title, number, cells, letters)


def _column_index(letter: str) -> int:
    index = 0
    for char in letter:
        index = index * 26 + ord(char) - 64
    return index - 1


# ---- the sheets into the catalog ---------------------------------------------------------

@dataclass
class _Parsed:
    """What the sheets gave, kept with the rows they came from (for the cells of later refusals)."""

    indicators: dict[str, tuple[_Row, str]] = field(default_factory=dict)  # code → (row, name)
    metrics: dict[str, tuple[_Row, str, Metric | None]] = field(default_factory=dict)  # code → (row, indicator, model)
    relations: list = field(default_factory=list)


def _catalog(tables: dict[str, list[_Row] | None], reading: _Reading, previous=None) -> CatalogYear | None:
    parsed = _Parsed()
    year, title = _year(tables[YEAR_SHEET], reading)
    _indicators(tables[INDICATOR_SHEET] or [], parsed, reading)
    _metrics(tables[METRIC_SHEET] or [], parsed, reading)
    _targets(tables[TARGET_SHEET] or [], parsed, reading)
    _relations(tables[RELATION_SHEET] or [], parsed, reading)
    _cycles(parsed, reading)
    if reading.problems or year is None:
        return None
    try:
        indicators = tuple(
            Indicator(code=code, name=name,
                      metrics=tuple(m for _row, owner, m in parsed.metrics.values() if owner == code))
            for code, (_row, name) in parsed.indicators.items()
        )
        definitions = CatalogYear(year=year, title=title, indicators=indicators,
                                  relations=tuple(relation for _row, relation in parsed.relations))
    except ValueError as exc:  # each row passed its own checks: what is left concerns the whole
        reading.problems.append(Refusal(YEAR_SHEET, "", str(exc)))
        return None
    for problem in lineage_problems(definitions, previous(year)) if previous else rename_clashes(definitions):
        reading.refuse(parsed.metrics[problem.code][0], LINEAGE_HEADERS[problem.field], problem.reason)
    return None if reading.problems else definitions


def _year(rows: list[_Row] | None, reading: _Reading) -> tuple[int | None, str]:
    if rows is None:
        return None, ""
    if not rows:
        reading.problems.append(Refusal(f"{YEAR_SHEET}!A2", "", "缺少年度和名称"))
        return None, ""
    found: dict = {}
    row = rows[0]
    reading.take(row, "年度", _whole(2000, 2100), found, "year")
    reading.take(row, "名称", _text, found, "title")
    _required(row, ("年度", "名称"), reading)
    for extra in rows[1:]:
        reading.refuse(extra, "年度", "目录表只能有一行（一个年度）")
    return found.get("year"), found.get("title", "")


def _indicators(rows: list[_Row], parsed: _Parsed, reading: _Reading) -> None:
    for row in rows:
        fields: dict = {}
        reading.take(row, "代码", _code, fields, "code")
        reading.take(row, "名称", _text, fields, "name")
        _required(row, ("代码", "名称"), reading)
        code = fields.get("code")
        if code is None:
            continue
        if code in parsed.indicators:
            reading.refuse(row, "代码", f"一级指标代码重复（{parsed.indicators[code][0].where('代码')} 已有）")
            continue
        parsed.indicators[code] = (row, fields.get("name", ""))
        reading.mark(row, code)
    if rows and not parsed.indicators:
        reading.problems.append(Refusal(f"{INDICATOR_SHEET}!A2", "", "至少要有一个一级指标"))


def _required(row: _Row, headers: tuple[str, ...], reading: _Reading) -> bool:
    missing = [h for h in headers if not row.filled(h)]
    for header in missing:
        reading.refuse(row, header, "不能为空")
    return not missing


# Metric columns: header → (field, parser).  Blank cells keep the model's defaults.
_METRIC_FIELDS: dict[str, tuple[str, Callable[[object], object]]] = {
    "代码": ("code", _code),
    "名称": ("name", _text),
    "别名": ("aliases", _aliases),
    "单位": ("unit", _unit),
    "累计/时点": ("kind", _choice(KIND_LABELS)),
    "类型": ("value_type", _choice(TYPE_LABELS)),
    "保留位数": ("decimals", _whole(0, 6)),
    "方向": ("direction", _choice(DIRECTION_LABELS)),
    "必填": ("required", _choice(YES_NO)),
    "填报频率": ("frequency", _choice(FREQUENCY_LABELS)),
    "下限": ("minimum", _number),
    "上限": ("maximum", _number),
    "波动阈值（%）": ("swing_pct", _positive),
    "波动阈值（百分点）": ("swing_points", _positive),
    "历史异常阈值k": ("outlier_k", _positive),
    "审核级别": ("grades", _grades),
    "允许约数": ("approximate_ok", _choice(YES_NO)),
    "指标解释": ("description", _text),
    "计算公式": ("formula", _text),
    "数据来源": ("data_source", _text),
    "原代码": ("renamed_from", _code),
    "换算系数": ("rename_factor", _positive),
}
LINEAGE_HEADERS = {"unit": "单位", "renamed_from": "原代码", "rename_factor": "换算系数"}
_METRIC_REQUIRED = ("一级指标代码", "代码", "名称", "单位", "累计/时点", "类型")
# Which cell a model's refusal belongs to, by the words of its message (the first that matches).
_MODEL_WORDS = (("renamed_from", "原代码"), ("rename_factor", "换算系数"), ("目标值", "目标值"), ("decimals", "保留位数"), ("整数", "保留位数"), ("单位", "单位"),
                ("swing_pct", "波动阈值（%）"), ("swing_points", "波动阈值（百分点）"),
                ("outlier_k", "历史异常阈值k"), ("grades", "审核级别"), ("名称", "名称"))


def _metrics(rows: list[_Row], parsed: _Parsed, reading: _Reading) -> None:
    for row in rows:
        fields: dict = {}
        for header, (name, parse) in _METRIC_FIELDS.items():
            reading.take(row, header, parse, fields, name)
        complete = _required(row, _METRIC_REQUIRED, reading)
        indicator = _indicator_of(row, parsed, reading)
        code = fields.get("code")
        if code is not None and code in parsed.metrics:
            reading.refuse(row, "代码", f"指标代码重复（{parsed.metrics[code][0].where('代码')} 已有）")
            continue
        metric = _metric(row, fields, reading) if complete and len(fields) == _filled(row) else None
        if code is not None:
            parsed.metrics[code] = (row, indicator, metric)
            reading.mark(row, code)
    for code, (row, _name) in parsed.indicators.items():
        if not any(owner == code for _r, owner, _m in parsed.metrics.values()):
            reading.refuse(row, "代码", "这个一级指标在“指标”表中没有任何指标")


def _filled(row: _Row) -> int:
    return sum(1 for h in _METRIC_FIELDS if row.filled(h))


def _indicator_of(row: _Row, parsed: _Parsed, reading: _Reading) -> str:
    code = row.text("一级指标代码")
    if code and code not in parsed.indicators:
        reading.refuse(row, "一级指标代码", "“一级指标”表中没有这个一级指标代码")
    return code


def _metric(row: _Row, fields: dict, reading: _Reading) -> Metric | None:
    bounds = VALUE_TYPES[fields["value_type"]]
    if bounds.integer and fields.get("decimals"):
        reading.refuse(row, "保留位数", f"{bounds.name}只能是整数，保留位数须为 0")
        return None
    try:
        return Metric(**fields)
    except ValueError as exc:
        reading.refuse(row, _cell_of(str(exc), "代码"), str(exc))
        return None


def _cell_of(message: str, fallback: str) -> str:
    return next((header for words, header in _MODEL_WORDS if words in message), fallback)


def _targets(rows: list[_Row], parsed: _Parsed, reading: _Reading) -> None:
    seen: dict[str, _Row] = {}
    for row in rows:
        fields: dict = {}
        reading.take(row, "比较", _choice(OP_LABELS), fields, "op")
        reading.take(row, "目标值", _number, fields, "value")
        reading.take(row, "考核季度", _whole(1, 4), fields, "due")
        reading.take(row, "基线", _number, fields, "baseline")
        reading.take(row, "来源", _text, fields, "source")
        complete = _required(row, ("指标代码", "比较", "目标值"), reading)
        code = row.text("指标代码")
        if code and code not in parsed.metrics:
            reading.refuse(row, "指标代码", "“指标”表中没有这个指标代码")
        elif code in seen:
            reading.refuse(row, "指标代码", f"同一指标只能有一个目标（{seen[code].where('指标代码')} 已有）")
        elif complete and len(fields) == sum(1 for h in ("比较", "目标值", "考核季度", "基线", "来源") if row.filled(h)):
            seen[code] = row
            _attach_target(row, code, Target(**fields), parsed, reading)


def _attach_target(row: _Row, code: str, target: Target, parsed: _Parsed, reading: _Reading) -> None:
    metric_row, indicator, metric = parsed.metrics[code]
    if metric is None:
        return  # the metric's own row is refused already
    try:
        parsed.metrics[code] = (metric_row, indicator, replace(metric, target=target))
    except ValueError as exc:
        reading.refuse(row, "目标值", f"{metric.name}：{exc}")


_RELATION_HEADERS = ("结果或主体指标", *(f"指标{n}" for n in range(2, MAX_RELATION_METRICS + 1)))


def _relations(rows: list[_Row], parsed: _Parsed, reading: _Reading) -> None:
    codes: dict[str, _Row] = {}
    for row in rows:
        relation = _relation(row, parsed, reading)
        if relation is None:
            continue
        if relation.code in codes:
            reading.refuse(row, "规则代码", f"规则代码“{relation.code}”重复（{codes[relation.code].where('规则类型')} 已有）")
            continue
        codes[relation.code] = row
        parsed.relations.append((row, relation))


def _relation(row: _Row, parsed: _Parsed, reading: _Reading):
    fields: dict = {}
    reading.take(row, "规则类型", _choice(RELATION_LABELS), fields, "kind")
    reading.take(row, "审核级别", _choice(GRADE_LABELS), fields, "severity")
    reading.take(row, "说明", _text, fields, "description")
    reading.take(row, "规则代码", _text, fields, "code")
    if not _required(row, ("规则类型", "结果或主体指标"), reading) or "kind" not in fields:
        return None
    metrics = _relation_metrics(row, fields["kind"], parsed, reading)
    if metrics is None:
        return None
    data = {**fields, **metrics}
    try:
        relation = converter(Relation)(to_data(data))
    except (TypeError, ValueError) as exc:
        reading.refuse(row, "规则类型", str(exc))
        return None
    return relation if _relation_types_fit(row, relation, parsed, reading) else None


def _relation_metrics(row: _Row, kind: str, parsed: _Parsed, reading: _Reading) -> dict | None:
    """The metric codes of a row into the kind's fields; None after refusing a missing or unknown one."""
    cells = [(h, row.text(h)) for h in _RELATION_HEADERS]
    filled = [(h, code) for h, code in cells if code]
    roles = RELATION_ROLES[kind]
    wanted = "至少 3 个" if kind == "sum" else f"{len(roles)} 个"
    if [h for h, _c in filled] != [h for h, _c in cells[:len(filled)]] or \
            (len(filled) < 3 if kind == "sum" else len(filled) != len(roles)):
        last = filled[-1][0] if filled else "结果或主体指标"
        reading.refuse(row, last, f"{RELATION_LABELS[kind]}关系须从“结果或主体指标”起连续填 {wanted}指标代码"
                                  f"（{RELATION_ORDER[kind]}），这里填了 {len(filled)} 个")
        return None
    known = True
    for header, code in filled:
        if code not in parsed.metrics:
            reading.refuse(row, header, "“指标”表中没有这个指标代码")
            known = False
    if not known:
        return None
    codes = [code for _h, code in filled]
    if kind == "sum":
        return {"total": codes[0], "parts": codes[1:]}
    return dict(zip(roles, codes, strict=True))


def _relation_types_fit(row: _Row, relation, parsed: _Parsed, reading: _Reading) -> bool:
    """What ``models.catalog.Catalog`` checks of a relation's metrics, said at the row's cell."""
    metrics = [parsed.metrics[code][2] for code in relation.metrics()]
    if any(m is None for m in metrics):
        return False  # a metric's own row is refused already
    subject, reason = metrics[0], ""
    if relation.kind == "ratio" and subject.unit != "%":
        reason = f"比率“{subject.name}”的单位须为 %"
    elif relation.kind == "yoy" and subject.value_type != ValueType.GROWTH:
        reason = f"“{subject.name}”须是增长率才能做同比核对"
    elif relation.kind in ("sum", "difference", "part_le_whole", "commitment_le_limit", "stock_flow"):
        units = {m.unit for m in metrics}
        if len(units) > 1:
            reason = f"参与比较的指标单位不一致：{'、'.join(sorted(units))}"
    if not reason and relation.kind == "stock_flow":
        reason = _stock_flow_kinds(metrics)
    if reason:
        reading.refuse(row, "结果或主体指标", reason)
    return not reason


def _stock_flow_kinds(metrics) -> str:
    """期末 is a state (时点); the flows are counted over the same span, the year or the quarter."""
    closing, inflow, outflow = metrics
    if closing.kind != Kind.LEVEL:
        return f"期末平衡的期末数“{closing.name}”须是时点数"
    if inflow.kind != outflow.kind or inflow.kind == Kind.LEVEL:
        return f"期末平衡的新增“{inflow.name}”和减少“{outflow.name}”须同为累计数或同为当季数"
    return ""


_DEFINING = ("sum", "difference", "ratio")  # relations that define their subject through the others


def _cycles(parsed: _Parsed, reading: _Reading) -> None:
    """A metric defined through itself (a = b + c, b = a − c): no figures could satisfy both rows."""
    through: dict[str, list[tuple[str, _Row]]] = {}
    for row, relation in parsed.relations:
        if relation.kind in _DEFINING:
            subject, *others = relation.metrics()
            through.setdefault(subject, []).extend((other, row) for other in others)
    reported: set[int] = set()
    for start in through:
        path = _path_back(start, start, through, [])
        if path is None:
            continue
        rows = [row for _code, row in path]
        if any(row.number in reported for row in rows):
            continue
        reported.update(row.number for row in rows)
        chain = " → ".join([start, *(code for code, _row in path)])
        for row in rows:
            reading.refuse(row, "结果或主体指标", f"关系循环：{chain}，指标经由这些关系由自身定义")


def _path_back(current: str, goal: str, through: dict, seen: list[str]) -> list[tuple[str, _Row]] | None:
    for other, row in through.get(current, []):
        if other == goal:
            return [(other, row)]
        if other in seen:
            continue
        rest = _path_back(other, goal, through, [*seen, other])
        if rest is not None:
            return [(other, row), *rest]
    return None
