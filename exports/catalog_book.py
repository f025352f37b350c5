"""The catalog workbook: a year's catalog as the 营商办 edits it in Excel or WPS.

JSON stays the form the program ships and stores; this workbook is the people's form (the
XLSForm idea): one sheet per kind of entry, one row per entry, codes in plain columns, every
enumerated column with a drop-down list and a note on its header.  ``exports.catalog_book_read``
reads it back into the same JSON-shaped data ``models.records.to_data`` gives.

The column tables below are shared by writer and reader, so a header spelt here is the header
the reader looks for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from exports import styles
from exports.cells import write_text
from exports.files import save_atomically
from models.catalog import (
    RULE_LABELS,
    UNITS,
    VALUE_TYPES,
    CatalogYear,
    Direction,
    Frequency,
    Indicator,
    Kind,
    Metric,
    RuleKind,
    Severity,
    ValueType,
)
from models.profile import DistrictProfile

# ---- the words the workbook uses for the model's values ------------------------------

KIND_LABELS = {Kind.YTD: "累计", Kind.LEVEL: "时点", Kind.QUARTER: "当季"}
TYPE_LABELS = {value_type: VALUE_TYPES[value_type].name for value_type in ValueType}
DIRECTION_LABELS = {Direction.HIGHER: "越高越好", Direction.LOWER: "越低越好", Direction.NONE: "无"}
FREQUENCY_LABELS = {Frequency.QUARTER: "季度", Frequency.HALF: "半年", Frequency.YEAR: "年度"}
YES_NO = {True: "是", False: "否"}
GRADE_LABELS = {Severity.ERROR: "强制性", Severity.WARNING: "核实性"}
OP_LABELS = {">=": "≥", "<=": "≤", "==": "=", ">": ">"}
RELATION_LABELS = {
    "ratio": "比率", "sum": "合计", "difference": "差额", "part_le_whole": "部分不大于整体",
    "commitment_le_limit": "承诺不超过法定时限", "yoy": "同比", "stock_flow": "期末平衡",
}
# The fields of each relation kind in the order its metrics stand in a row (the subject first);
# a sum's ``parts`` take every column after the total.
RELATION_ROLES = {
    "ratio": ("result", "numerator", "denominator"),
    "sum": ("total", "parts"),
    "difference": ("result", "minuend", "subtrahend"),
    "part_le_whole": ("part", "whole"),
    "commitment_le_limit": ("commitment", "limit"),
    "yoy": ("growth", "base"),
    "stock_flow": ("closing", "inflow", "outflow"),
}
RELATION_ORDER = {
    "ratio": "比率 = 指标2 ÷ 指标3 × 100",
    "sum": "合计 = 指标2 + 指标3 + …（至少两个分项）",
    "difference": "差额 = 指标2 − 指标3",
    "part_le_whole": "部分 ≤ 整体（指标2）",
    "commitment_le_limit": "承诺时限 ≤ 法定时限（指标2）",
    "yoy": "同比增长率与基数指标（指标2）今年和上年的数值一致",
    "stock_flow": "期末数 = 期初数 + 新增（指标2）− 减少（指标3）；期初数是同一指标上年末（新增、减少为累计数时）"
                  "或上季末（为当季数时）填报的数",
}
MAX_RELATION_METRICS = 8  # 结果或主体指标 and 指标2…指标8: a sum of up to seven parts
ALIAS_SEPARATOR = "、"
GRADE_SEPARATOR = "、"

# ---- sheets and columns ------------------------------------------------------------

INSTRUCTIONS = "填写说明"
YEAR_SHEET, INDICATOR_SHEET, METRIC_SHEET, RELATION_SHEET, TARGET_SHEET = "目录", "一级指标", "指标", "关系", "目标"


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    note: str  # what the column means, shown as the header's note and on the instructions sheet
    choices: tuple[str, ...] = ()  # the allowed values of an enumerated column (a drop-down list)


NOT_APPLICABLE = "不适用原因"
_NOT_APPLICABLE_NOTE = ("本区不考核或没有这项业务时写明原因：该项即为“不适用”，不必填报、不参与校验，"
                        "在填报表和报送表中显示为“不适用”。空：适用。存入区县配置，不改变目录。")
_CODE_NOTE = "小写英文字母、数字和下划线，以字母开头，最多 48 个字符；导入时按代码对应，请勿随意改动。"
_METRIC_CODES = tuple(f"指标{n}" for n in range(2, MAX_RELATION_METRICS + 1))

COLUMNS: dict[str, tuple[Column, ...]] = {
    YEAR_SHEET: (
        Column("年度", 10, "评价年度，如 2024。"),
        Column("名称", 60, "目录名称，如“2024年江西省县（市、区）营商环境评价指标”。"),
    ),
    INDICATOR_SHEET: (
        Column("代码", 24, "一级指标代码。" + _CODE_NOTE),
        Column("名称", 36, "一级指标名称，如“政务服务”。"),
        Column("牵头单位", 18, "牵头单位的名称，从下拉列表（区县配置中的部门）中选；新增的一级指标必填。"
               "导入时写入区县配置（各年度共用）。"),
        Column(NOT_APPLICABLE, 30, _NOT_APPLICABLE_NOTE),
    ),
    METRIC_SHEET: (
        Column("一级指标代码", 20, "本指标所属的一级指标，须是“一级指标”表中的代码。"),
        Column("代码", 26, "指标代码，全目录唯一。" + _CODE_NOTE),
        Column("名称", 30, "指标名称，如“网上可办率”。"),
        Column("别名", 30, "报告中对同一数值的其他叫法，多个用“、”分隔（含“、”的别名另起一行）。可空。"),
        Column("单位", 9, "计量单位，从下拉列表中选。占比、增长率、压缩率用 %，其余不用 %。", UNITS),
        Column("累计/时点", 10, "累计：本年累计（截至季末）；时点：季末状态；当季：本季度单独。",
               tuple(KIND_LABELS.values())),
        Column("类型", 9, "数值类型：决定取值范围（占比 0～100%，增长率不小于 −100%，计数为整数……）。",
               tuple(TYPE_LABELS.values())),
        Column("保留位数", 9, "报送时保留的小数位数，0～6 的整数；计数和环节数为 0。"),
        Column("方向", 10, "越高越好、越低越好或无：决定目标和趋势怎样算好。", tuple(DIRECTION_LABELS.values())),
        Column("必填", 7, "是：每期必须填报；否：可不填。", tuple(YES_NO.values())),
        Column("填报频率", 9, "季度：每季度填报；半年：二、四季度；年度：四季度。", tuple(FREQUENCY_LABELS.values())),
        Column("下限", 9, "比类型本身更严的最小值（数值，不带单位）。可空：按类型。"),
        Column("上限", 9, "比类型本身更严的最大值（数值，不带单位）。可空：按类型。"),
        Column("波动阈值（%）", 11, "非比率指标较上季度或上年同期变动超过此百分比时提示核实，大于 0，默认 50。"),
        Column("波动阈值（百分点）", 11, "比率指标变动超过此百分点时提示核实，大于 0，默认 10。"),
        Column("历史异常阈值k", 11, "偏离历史中位数超过 k 倍离散度时提示异常，大于 0，默认 3。"),
        Column("审核级别", 30, "改变本指标某类校验的级别，格式“规则类型:级别”，多项用“、”分隔，"
               "如“ytd_monotonic:核实性”。级别：强制性（错误，须改正）或核实性（警告，须说明）。可空：按默认。"),
        Column("允许约数", 9, "是：可填“约1000”“1000余”等约数（活动次数等非考核数值）。", tuple(YES_NO.values())),
        Column("指标解释", 36, "统计的到底是什么（自何时起、含哪些情形），填报人可见。可空。"),
        Column("计算公式", 28, "按评价体系的表述。可空。"),
        Column("数据来源", 24, "数值取自哪个系统或台账。可空。"),
        Column("原代码", 20, "本指标在上一年度目录中的代码（改了代码时填，上年数值按旧代码找来比较）。"
               "可空：代码未改。旧代码不能再作本目录中其他指标的代码。"),
        Column("换算系数", 9, "上年数值乘以此数后再与本年比较（口径变了时），大于 0，默认 1。"
               "单位在万元与元、小时与工作日之间改动时自动换算，不必填。"),
        Column("填报单位", 18, "由哪个部门填报本指标，从下拉列表（区县配置中的部门）中选。"
               "可空：由一级指标的牵头单位填报。导入时写入区县配置（各年度共用）。"),
        Column(NOT_APPLICABLE, 30, _NOT_APPLICABLE_NOTE),
    ),
    RELATION_SHEET: (
        Column("规则类型", 18, "指标之间的关系：" + "；".join(
            f"{RELATION_LABELS[k]}：{v}" for k, v in RELATION_ORDER.items()), tuple(RELATION_LABELS.values())),
        Column("结果或主体指标", 30, "比率、合计、差额的结果，或部分、承诺时限、增长率（按规则类型的顺序），填指标代码。"),
        *(Column(name, 28, f"参与关系的第 {name[2:]} 个指标的代码（顺序见规则类型的说明）。不需要的留空。")
          for name in _METRIC_CODES),
        Column("审核级别", 10, "不符时的级别：强制性（错误）或核实性（警告）。可空：按规则类型的默认。",
               tuple(GRADE_LABELS.values())),
        Column("说明", 40, "这条关系为什么成立，显示在校验结果中。可空。"),
        Column("规则代码", 30, "稳定的规则代码，情况说明按它对应。可空：自动取“规则类型:结果指标代码”。"),
    ),
    TARGET_SHEET: (
        Column("指标代码", 26, "有年度目标的指标代码，每个指标至多一行。"),
        Column("比较", 7, "≥：不低于目标值；≤：不高于目标值；=：等于目标值；>：高于目标值（实现突破填 > 0）。", tuple(OP_LABELS.values())),
        Column("目标值", 10, "数值，不带单位（单位同指标；占比 96% 填 96）。须在指标的取值范围内。"),
        Column("考核季度", 9, "目标到期的季度，1～4，默认 4（到年底）。", ("1", "2", "3", "4")),
        Column("基线", 9, "存量目标的起点（由 90% 提高到 96% 的 90），用于计算序时进度。可空。"),
        Column("来源", 40, "目标出自哪里，如本区行动方案。可空。"),
    ),
}
DEPARTMENT_HEADERS = ("牵头单位", "填报单位")  # department names: a drop-down list of the profile's departments
DATA_SHEETS = tuple(COLUMNS)
DATA_ROWS = 2000  # rows below the header that carry the drop-down lists


# ---- writing -------------------------------------------------------------------------

def write_catalog_book(definitions: CatalogYear, path: Path, profile: DistrictProfile | None = None,
                       not_applicable: Callable[[str], str] | None = None) -> None:
    """Write the year's catalog as a workbook to ``path`` (through a temporary file); with the district's
    ``profile``, its lead and filing departments by name, with its departments as the drop-down list;
    ``not_applicable`` gives the district's reason for a code it does not report ("" when it does)."""
    save_atomically(catalog_workbook(definitions, profile, not_applicable), Path(path))


def catalog_workbook(definitions: CatalogYear, profile: DistrictProfile | None = None,
                     not_applicable: Callable[[str], str] | None = None) -> Workbook:
    wb = Workbook()
    _instructions(wb.active, definitions)
    lead, filer = _department_names(profile)
    reason = not_applicable or (lambda _code: "")
    rows = {
        YEAR_SHEET: [[definitions.year, definitions.title]],
        INDICATOR_SHEET: [[i.code, i.name, lead(i.code), reason(i.code)] for i in definitions.indicators],
        METRIC_SHEET: [[*_metric_row(i, m), filer(m.code), _own(reason, i, m)]
                       for i in definitions.indicators for m in i.metrics],
        RELATION_SHEET: [_relation_row(r) for r in definitions.relations],
        TARGET_SHEET: [_target_row(m) for i in definitions.indicators for m in i.metrics if m.target],
    }
    names = tuple(d.name for d in profile.departments if not d.retired) if profile else ()
    for title, table in rows.items():
        _table_sheet(wb.create_sheet(title), COLUMNS[title], table, names)
    return wb


def _department_names(profile: DistrictProfile | None):
    """Look-ups of an indicator's lead and a metric's own filing department by name (blank: none)."""
    names = {d.code: d.name for d in profile.departments} if profile else {}
    leads, filers = (profile.leads, profile.filers) if profile else ({}, {})
    return (lambda code: names.get(leads.get(code))), (lambda code: names.get(filers.get(code)))


def _metric_row(indicator: Indicator, metric: Metric) -> list:
    return [
        indicator.code, metric.code, metric.name, aliases_text(metric.aliases), metric.unit,
        KIND_LABELS[metric.kind], TYPE_LABELS[metric.value_type], metric.decimals,
        DIRECTION_LABELS[metric.direction], YES_NO[metric.required], FREQUENCY_LABELS[metric.frequency],
        _plain(metric.minimum), _plain(metric.maximum), _plain(metric.swing_pct), _plain(metric.swing_points),
        _plain(metric.outlier_k), grades_text(metric.grades), YES_NO[metric.approximate_ok],
        metric.description, metric.formula, metric.data_source,
        metric.renamed_from, _plain(metric.rename_factor) if metric.rename_factor != 1 else None,
    ]


def _own(reason: Callable[[str], str], indicator: Indicator, metric: Metric) -> str:
    """A metric's own reason: one it takes from its indicator is written on the indicator's row."""
    own = reason(metric.code)
    return "" if own == reason(indicator.code) else own


def _relation_row(relation) -> list:
    codes = list(relation.metrics())
    if len(codes) > MAX_RELATION_METRICS:
        raise ValueError(f"关系“{relation.code}”有 {len(codes)} 个指标，工作簿最多容纳 {MAX_RELATION_METRICS} 个")
    if relation.severity is not None and relation.severity not in GRADE_LABELS:
        raise ValueError(f"关系“{relation.code}”的审核级别“{relation.severity}”在工作簿中无法表示")
    default_code = f"{relation.kind}:{codes[0]}"
    return [
        RELATION_LABELS[relation.kind], *codes, *[None] * (MAX_RELATION_METRICS - len(codes)),
        GRADE_LABELS.get(relation.severity), relation.description,
        None if relation.code == default_code else relation.code,
    ]


def _target_row(metric: Metric) -> list:
    target = metric.target
    return [metric.code, OP_LABELS[target.op], _plain(target.value), target.due, _plain(target.baseline), target.source]


def _plain(number: float | None) -> float | int | None:
    """96.0 shown as 96: what a person would type."""
    if number is not None and float(number).is_integer():
        return int(number)
    return number


_OUTSIDE_QUOTES = re.compile(r"“[^”]*”|「[^」]*」")


def aliases_text(aliases: tuple[str, ...]) -> str:
    """Aliases joined by 、; one per line when an alias itself holds a 、 outside quotes."""
    if any(ALIAS_SEPARATOR in _OUTSIDE_QUOTES.sub("", alias) for alias in aliases):
        return "\n".join(aliases) + ("\n" if len(aliases) == 1 else "")  # a line break says: one a line
    return ALIAS_SEPARATOR.join(aliases)


def grades_text(grades: dict) -> str:
    return GRADE_SEPARATOR.join(f"{RuleKind(kind).value}:{GRADE_LABELS[Severity(grade)]}"
                                for kind, grade in grades.items())


# ---- sheets --------------------------------------------------------------------------

def _table_sheet(ws: Worksheet, columns: tuple[Column, ...], rows: list[list], departments: tuple[str, ...]) -> None:
    for number, column in enumerate(columns, 1):
        cell = ws.cell(1, number)
        write_text(cell, column.header)
        styles.apply(cell, "header")
        cell.comment = _note(column)
        ws.column_dimensions[get_column_letter(number)].width = column.width
    ws.row_dimensions[1].height = 36
    for row_number, values in enumerate(rows, 2):
        for number, (column, value) in enumerate(zip(columns, values, strict=False), 1):
            _body_cell(ws, row_number, number, value, centered=bool(column.choices))
        ws.row_dimensions[row_number].height = _height(columns, values)
    _drop_downs(ws, columns, departments)
    ws.freeze_panes = "A2" if ws.title != METRIC_SHEET else "C2"  # codes stay in sight while scrolling right
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(rows) + 1, 2)}"
    styles.print_landscape(ws, "1:1")


def _body_cell(ws: Worksheet, row: int, column: int, value, centered: bool) -> None:
    cell = ws.cell(row, column)
    figure = isinstance(value, (int, float))
    styles.apply(cell, "center" if figure or centered else "left")  # figures and choices centred, texts from the left
    if figure:
        cell.value = value
    else:
        write_text(cell, value or None)


def _height(columns: tuple[Column, ...], values: list) -> float:
    texts = [(str(v), c.width) for c, v in zip(columns, values, strict=False) if isinstance(v, str) and v]
    return min(styles.row_height(texts, minimum=20), 120)


def _note(column: Column) -> Comment:
    text = column.note + (f"\n可选：{'、'.join(column.choices)}" if column.choices and len(column.choices) <= 12 else "")
    note = Comment(text, "营商办")
    note.width, note.height = 300, 40 + 18 * (len(text) // 18)
    return note


def _drop_downs(ws: Worksheet, columns: tuple[Column, ...], departments: tuple[str, ...]) -> None:
    for number, column in enumerate(columns, 1):
        choices = department_choices(departments) if column.header in DEPARTMENT_HEADERS else column.choices
        if not choices:
            continue
        letter = get_column_letter(number)
        rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
        rule.error, rule.errorTitle = f"请从下拉列表中选择：{'、'.join(choices)}", f"{column.header}不在可选值中"
        rule.prompt, rule.promptTitle = column.note[:250], column.header
        rule.showErrorMessage = rule.showInputMessage = True
        rule.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
        ws.add_data_validation(rule)


def department_choices(names: tuple[str, ...]) -> tuple[str, ...]:
    """The department names a drop-down list can hold: an inline list has no commas and at most 255
    characters (a longer profile gets no list; the cell still takes any name, checked on import)."""
    names = tuple(n for n in names if "," not in n and '"' not in n)
    return names if len(",".join(names)) <= 255 else ()


def _instructions(ws: Worksheet, definitions: CatalogYear) -> None:
    ws.title = INSTRUCTIONS
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 22, 100
    write_text(ws["A1"], f"{definitions.year}年指标目录工作簿 — 填写说明")
    ws["A1"].font = styles.TITLE
    ws.merge_cells("A1:B1")
    ws.row_dimensions[1].height = 30
    row = 2
    for label, text in _instruction_lines():
        write_text(ws.cell(row, 1), label or None)
        write_text(ws.cell(row, 2), text)
        styles.apply(ws.cell(row, 1), "header" if label else "left")
        styles.apply(ws.cell(row, 2), "left")
        ws.row_dimensions[row].height = styles.row_height([(text, 100)], minimum=20)
        row += 1
    styles.print_landscape(ws)


def _instruction_lines() -> list[tuple[str, str]]:
    lines = [
        ("怎样修改", "每个一级指标在“一级指标”表占一行，每个指标在“指标”表占一行，每条关系在“关系”表占一行，"
                   "每个年度目标在“目标”表占一行。增加就新增一行，删除就删掉整行；请勿改动表头和工作表名称。"),
        ("代码", "代码只能由小写英文字母、数字和下划线组成，并以字母开头（如 gs_online_rate）。"
               "指标代码在整个目录中唯一；关系和目标按代码引用指标。改动代码等于换了一个指标：上年数据将对不上，"
               "除非在“原代码”列填上旧代码。"),
        ("单位", "改动单位时，上年数值在万元与元、小时与工作日（8 小时为 1 个工作日）之间自动换算后比较；"
               "其他单位之间无法换算，导入时拒绝：如确是新指标，请改用新代码。"),
        ("下拉列表", "带下拉列表的列只能填列表中的值；表头单元格的批注说明了每一列的含义。"),
        ("导入", "导入时逐行检查全部内容（类型、单位、代码是否重复、关系和目标引用的指标是否存在、"
               "关系是否循环、目标能否达到等），列出每个问题所在的 工作表!单元格 和原因；"
               "只要有一个问题，就什么也不改动。全部无误后才会替换目录。"),
        ("其他", "本表（填写说明）和其他自行添加的工作表、表头以外的列不会被读取。"),
    ]
    sheet_purposes = {
        YEAR_SHEET: "年度和名称，只有一行。",
        INDICATOR_SHEET: "一级指标，按评价体系的顺序。",
        METRIC_SHEET: "指标，每行一个，按所属一级指标归类。",
        RELATION_SHEET: "指标之间必须成立的关系：" + "；".join(
            f"{RELATION_LABELS[k]}（{v}）" for k, v in RELATION_ORDER.items()) + "。",
        TARGET_SHEET: "年度目标，每个指标至多一个。",
    }
    for sheet, columns in COLUMNS.items():
        lines.append(("", ""))
        lines.append((f"“{sheet}”表", sheet_purposes[sheet]))
        for column in columns:
            choices = f"可选：{'、'.join(column.choices)}。" if column.choices else ""
            lines.append((column.header, column.note + choices))
    lines.append(("", ""))
    lines.append(("审核级别中的规则类型", "；".join(f"{kind.value}（{RULE_LABELS[kind]}）" for kind in RuleKind) + "。"))
    return lines
