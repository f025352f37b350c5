"""Every Chinese text of the cross-check, in one table keyed by finding kind and case.

The cases of each kind are an enum (``CASES``); each case has its entry, (message, suggestion),
both formatted with the finding's fields.
"""

from __future__ import annotations

from enum import StrEnum

from validation.crosscheck.model import Approx, Kind

# The cases of each finding kind, one enum a kind; a case's value, its lower-case name, is the stable
# key of its texts in ``TEMPLATES``.
PlaceholderCase = StrEnum("PlaceholderCase", "METRIC PLAIN")  # where a metric's figure belongs, or no metric's
MismatchCase = StrEnum("MismatchCase", "CURRENT LAST_YEAR")
NotFiledCase = StrEnum("NotFiledCase", "CURRENT")
# The catalog's relations over the text's own figures, and totals the text states itself.
ArithmeticCase = StrEnum("ArithmeticCase", "RATIO SUM DIFFERENCE PART_LE_WHOLE COMMITMENT_LE_LIMIT TEXT_SUM")

CASES: dict[Kind, type[StrEnum]] = {Kind.PLACEHOLDER: PlaceholderCase, Kind.MISMATCH: MismatchCase,
                                     Kind.NOT_FILED: NotFiledCase, Kind.ARITHMETIC: ArithmeticCase}

KIND_LABELS = {
    Kind.PLACEHOLDER: "占位符",
    Kind.MISMATCH: "与填报不符",
    Kind.ARITHMETIC: "文中算术不符",
    Kind.NOT_FILED: "未填报",
}

APPROX_WORDS = {
    Approx.MORE: "（约数：{shown}余）", Approx.AT_LEAST: "（不少于{shown}）", Approx.AT_MOST: "（不超过{shown}）",
    Approx.NEAR: "（约数：近{shown}）", Approx.ABOUT: "（约数：约{shown}）", Approx.EXACT: "",
}

TEMPLATES: dict[Kind, dict[StrEnum, tuple[str, str]]] = {
    Kind.PLACEHOLDER: {
        PlaceholderCase.METRIC: ("“{raw}”是占位符：{name}的数字还没有写上。",
                                 "把“{raw}”换成实际数字{filed_hint}后再报送。"),
        PlaceholderCase.PLAIN: ("“{raw}”是占位符：这里的数字还没有写上。", "把“{raw}”换成实际数字后再报送。"),
    },
    Kind.MISMATCH: {
        MismatchCase.CURRENT: ("文中{name}为“{raw}”{approx}，{period_label}已填报的是 {filed}{unit}。",
                               "核实后把文中的“{raw}”改为 {filed}{unit}，或更正填报的数值。"),
        MismatchCase.LAST_YEAR: ("文中{name}（上年同期）为“{raw}”，{period_label}已填报的是 {filed}{unit}。",
                                 "核实上年同期的数字：改正文中的“{raw}”，或更正{period_label}的填报值。"),
    },
    Kind.NOT_FILED: {
        NotFiledCase.CURRENT: ("文中给出了{name}“{raw}”，但{period_label}还没有填报这项指标。",
                               "在填报表中补填{name}（单位：{unit}）；如果这句话说的不是这项指标，可不处理。"),
    },
    Kind.ARITHMETIC: {
        ArithmeticCase.RATIO: ("文中{name} {result}% 与 {numerator_name}{numerator} ÷ {denominator_name}{denominator} × 100 = "
                               "{expected}% 不符。", "核对这三个数，使{name}等于{numerator_name}除以{denominator_name}。"),
        ArithmeticCase.SUM: ("文中 {parts_text} = {expected}{unit}，但{name}写的是 {total}{unit}。",
                             "核对各分项与合计，改正写错的数字。"),
        ArithmeticCase.DIFFERENCE: ("文中{minuend_name}{minuend} − {subtrahend_name}{subtrahend} = {expected}{unit}，"
                                    "但{name}写的是 {result}{unit}。", "核对这三个数，改正写错的数字。"),
        ArithmeticCase.PART_LE_WHOLE: ("文中{part_name}{part}{unit}超过了{whole_name}{whole}{unit}，部分不能大于整体。",
                                       "核对这两个数，改正写错的数字。"),
        ArithmeticCase.COMMITMENT_LE_LIMIT: ("文中{name}{commitment}{unit}超过了法定的{limit}{unit}，承诺时限不能长于法定时限。",
                                             "核对承诺时限与法定时限。"),
        ArithmeticCase.TEXT_SUM: ("文中 {parts_text} = {expected}{unit}，但合计“{raw}”写的是 {total}{unit}。",
                                  "核对各分项与合计，改正写错的数字。"),
    },
}


def render(kind: Kind, case: StrEnum, fields: dict) -> tuple[str, str]:
    message, suggestion = TEMPLATES[kind][case]
    return message.format(**fields), suggestion.format(**fields)


def shown(number: float | None) -> str:
    """A number as a person writes it: 28936, 84.61, 5.9 — no trailing zeros, no exponent."""
    if number is None:
        return ""
    text = f"{number:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
