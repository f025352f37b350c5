"""Turning what a filer types into a number, or refusing it with a reason.

Accepted: ``99.38%``, ``99.38``, `` 84.61 ％ ``, ``1,297``, ``１２９７`` (full-width), ``-14.5``,
``负5``, ``3.9万`` (for counts: 39000; for a 万元 amount: 3.9), ``6074.82万元``, ``60748200元``
(for a 万元 amount: 6074.82), ``1250KVA`` / ``160 kVA`` (千伏安), ``23.6件/万人``, ``7期``,
``5个工作日``, ``70个小时``, working days and hours for each other at 8 hours a working day
(``4个工作日`` for a metric in 小时: 32), Chinese numerals that read one way only (``一千``,
``一千二百九十七``, ``两百``, ``壹仟贰佰玖拾柒``; not ``一万二`` or ``一二三``), and all of these in
traditional characters (``21.38萬戶``, ``壹仟貳佰玖拾柒``, ``參拾伍萬元``, ``5個工作日``).

A metric's ``decimals`` is its reporting precision (保留位数), not a cap: a figure typed with
more decimals is kept exactly as typed (shown and exported rounded to the precision).

Refused, with rule ``placeholder``: nothing typed, placeholders (``XX``, ``xx``, ``××``, ``待补充``,
``待定``, ``—``, ``-``, ``/``, ``N/A``, Excel errors such as ``#DIV/0!``), approximations (``约1000``,
``1000余``, ``近千``, ``1000+``) and text that is no number.  With rule ``range``: a unit that
contradicts the metric (``5天`` for a %, ``3天`` for 工作日: a calendar day is no working day),
万 on a rate or a duration, a negative count, a share above 100%, a growth below −100%, a
fractional count, the metric's own bounds, absurdly large figures.  Digits are 0–9, half- or
full-width: superscripts and subscripts (``8²%``, ``⁸⁴%``), circled and other special forms (``①``)
and the digits of other scripts (``٨٤``) are refused with the character named, never guessed; so
are spaces between digits (``8 4%``, ``1 297``), which leave open whether one number was meant.

Every refusal names the metric, repeats what was typed, says why and shows what to type instead
(texts in ``validation.messages``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation
from itertools import product

from models.catalog import UNITS, Metric, RuleKind, ValueType
from models.simplified import simplified
from models.texts import NONCHARACTERS, invisible_problem
from validation.errors import EntryError
from validation.messages import render
from validation.rules import check_range

MAX_LENGTH = 60  # longer text is no figure
SHOWN_LENGTH = 40  # a refusal repeats at most this much of what was typed
MAX_MAGNITUDE = Decimal(10) ** 13  # 10 万亿: beyond any district's figure in any unit

# What NFKC and OpenCC leave: minus signs other than "-", zero-width characters, and 〇 (a numeral's 零).
_PLAIN_FORMS = str.maketrans({"〇": "零", "\u2212": "-", "\u2012": "-", "\u200b": None, "\ufeff": None})
_PLACEHOLDER_CHARS = re.compile(r"[Xx×✕*?？]")
_PLACEHOLDER_WORDS = ("待补充", "待定", "待填", "待统计", "待核实", "待更新", "暂无", "不详", "未知", "无", "空")
_PLACEHOLDER_TOKENS = re.compile(r"[-—–_/\\.。·…]+|N/?A|NULL|NONE|NAN|#.*", re.IGNORECASE)
_APPROXIMATE = ("大约", "约", "将近", "接近", "近", "余", "多", "左右", "上下", "以上", "以下", "超过", "逾",
                "不足", "不到", "几", "若干", "~", "≈", "≥", "≤", ">", "<")
_ARABIC = re.compile(r"([-+])?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)", re.ASCII)
# 参 is OpenCC's simplified 參; as a financial numeral it is written 叁.
_NUMERAL_CHARS = "零一二两三四五六七八九十百千万亿点壹贰叁参肆伍陆柒捌玖拾佰仟"
_CHINESE = re.compile(f"(负)?([{_NUMERAL_CHARS}]+)")
# A unit as typed → (base unit, power of ten).  万元 is 元 × 10⁴; 个工作日 is 工作日; KVA is 千伏安.
_UNIT_FORMS = {unit: (unit, 0) for unit in UNITS} | {
    "万元": ("元", 4), "万人": ("人", 4), "个工作日": ("工作日", 0), "亿元": ("元", 8), "个小时": ("小时", 0),
} | {"".join(letters): ("千伏安", 0) for letters in product("kK", "vV", "aA")}
# A base unit typed for a metric in another → (factor, power of ten): the figure × factor × 10^power.
# A working day is 8 hours; a calendar day (天) is neither, so it converts to nothing.  A figure
# per 10,000 people (件/万人) may be typed with its bare 件.
_CONVERSIONS = {("工作日", "小时"): (8, 0), ("小时", "工作日"): (125, -3), ("件", "件/万人"): (1, 0)}
_EXACT = Context(prec=4 * MAX_LENGTH)  # room for every digit typed: converting never rounds
_UNITS_LONGEST_FIRST = sorted(_UNIT_FORMS, key=len, reverse=True)
_MULTIPLIERS = {"万": 4, "亿": 8}
_NO_MULTIPLIER = {ValueType.SHARE, ValueType.GROWTH, ValueType.REDUCTION, ValueType.DURATION}
_COUNTS = {ValueType.COUNT, ValueType.STEPS}
_SAMPLES = {
    ValueType.SHARE: "99.38", ValueType.GROWTH: "12.5", ValueType.COUNT: "1297", ValueType.STEPS: "2",
    ValueType.AMOUNT: "6074.82", ValueType.DURATION: "3.5", ValueType.NUMBER: "23.6",
    ValueType.REDUCTION: "25.3", ValueType.BALANCE: "2316",
}


@dataclass(frozen=True)
class Parsed:
    number: float
    raw: str  # the text as typed, kept beside the number
    decimals: int  # decimals typed, in the metric's unit: the tolerance of identities follows from it
    approximate: bool = False  # typed as an approximation (约 / 余 / 近 …) where the metric allows it


def parse_entry(text: str, metric: Metric) -> Parsed:
    """Read a typed figure for ``metric``; raise EntryError with a Chinese reason otherwise."""
    raw = "" if text is None else str(text)
    typed = _Typed(raw, metric)
    cleaned = normalize(raw)
    cleaned, approximate = _without_approximation(cleaned, metric)
    typed.refuse_junk(cleaned)
    body, factor, power = typed.split_unit(cleaned)
    amount = _scaled(typed.read_number(body), factor, power)
    typed.check(amount)
    return Parsed(number=float(amount), raw=raw.strip(), decimals=max(0, -amount.as_tuple().exponent),
                  approximate=approximate)


_APPROXIMATE_BEFORE = re.compile(r"^(?:大约|约|将近|接近|近|超过|逾)")
_APPROXIMATE_AFTER = re.compile(r"(?<=[\d十百千万亿])(?:余|多|左右|以上)")


def _without_approximation(cleaned: str, metric: Metric) -> tuple[str, bool]:
    """For metrics that allow it, 约1000 / 1000余户 / 近千 read as the number (raw keeps the word)."""
    if not metric.approximate_ok:
        return cleaned, False
    core = _APPROXIMATE_AFTER.sub("", _APPROXIMATE_BEFORE.sub("", cleaned, count=1), count=1)
    if core != cleaned and core and not any(m in core for m in _APPROXIMATE):
        return core, True
    return cleaned, False


def normalize(raw: str) -> str:
    """Full-width → half-width, traditional → simplified figures and units, no spaces at all."""
    text = simplified(unicodedata.normalize("NFKC", raw).translate(_PLAIN_FORMS))
    text = re.sub(r"(?<=\d)。(?=\d)", ".", text)  # 84。61 typed with a Chinese IME
    return "".join(text.split())


def example(metric: Metric) -> str:
    """A figure of the right shape for the metric, for “例如 …” in messages."""
    whole, _, fraction = _SAMPLES[metric.value_type].partition(".")
    fraction = fraction[: metric.decimals]
    return whole + (f".{fraction}" if fraction else "") + metric.unit


def _scaled(amount: Decimal, factor: int, power: int) -> Decimal:
    """``amount`` × factor × 10^power, exactly (no rounding): the digits typed are all kept."""
    sign, digits, exponent = _EXACT.multiply(amount, factor).as_tuple()
    return Decimal((sign, digits, exponent + power))


class _Typed:
    """One typed text for one metric: the steps of reading it, each refusing with a reason."""

    def __init__(self, raw: str, metric: Metric):
        self.raw, self.metric = raw.strip(), metric

    def refuse(self, kind: RuleKind, case: str, **fields) -> EntryError:
        shown = {"name": self.metric.name, "unit": self.metric.unit, "raw": shown_text(self.raw),
                 "example": example(self.metric), **fields}
        return EntryError(render(kind, case, shown), kind.value, case)

    def refuse_junk(self, cleaned: str) -> None:
        unreadable = _invisible(self.raw) or _odd_digit(self.raw) or _split_digits(self.raw)
        if unreadable:
            raise self.refuse(RuleKind.PLACEHOLDER, "entry_not_a_number", why=unreadable)
        if not cleaned:
            why = "这是必填指标，不能留空。" if self.metric.required else ""
            raise self.refuse(RuleKind.PLACEHOLDER, "entry_empty", why=why)
        if len(cleaned) > MAX_LENGTH:
            if _LONG_NUMBER.fullmatch(cleaned):  # 1e308 from a cell, written out: a number, far too large
                raise self.refuse(RuleKind.RANGE, "entry_too_large")
            raise self.refuse(RuleKind.PLACEHOLDER, "entry_not_a_number", why=f"文字太长（{len(cleaned)}个字符），不像一个数值")
        if (_PLACEHOLDER_CHARS.search(cleaned) or _PLACEHOLDER_TOKENS.fullmatch(cleaned)
                or any(word in cleaned for word in _PLACEHOLDER_WORDS)):
            raise self.refuse(RuleKind.PLACEHOLDER, "entry_placeholder")
        marker = next((m for m in _APPROXIMATE if m in cleaned), None)
        if marker is None and re.search(r"\d\+$", cleaned):
            marker = "+"
        if marker is not None:
            raise self.refuse(RuleKind.PLACEHOLDER, "entry_approximate", marker=marker)

    def split_unit(self, cleaned: str) -> tuple[str, int, int]:
        """The number part, and how to turn it into the metric's unit: (factor, power of ten)."""
        body, given = _strip_suffix(cleaned, _UNITS_LONGEST_FIRST)
        base, power = _UNIT_FORMS.get(given, ("", 0))
        body, multiplier = _strip_suffix(body, _MULTIPLIERS)
        if body.startswith("百分之") and not given:
            body, given, base = body[3:], "%", "%"
        factor, converted = self._conversion(given, base)
        if multiplier and self.metric.value_type in _NO_MULTIPLIER:
            raise self.refuse(RuleKind.RANGE, "entry_scale", given=multiplier)
        target_power = _UNIT_FORMS[self.metric.unit][1]
        if not given:  # a bare figure is in the metric's unit; a bare 万 multiplies its base unit
            power = 0 if multiplier else target_power
        return body, factor, power + converted + _MULTIPLIERS.get(multiplier, 0) - target_power

    def _conversion(self, given: str, base: str) -> tuple[int, int]:
        """(factor, power of ten) from the unit typed to the metric's base unit; refused when none."""
        metric = self.metric
        target_base = _UNIT_FORMS[metric.unit][0]
        if not given or base == target_base or (given == "个" and metric.value_type in _COUNTS):
            return 1, 0  # 个 is the general measure word for counts
        if (base, target_base) in _CONVERSIONS:
            return _CONVERSIONS[base, target_base]
        raise self.refuse(RuleKind.RANGE, "entry_unit", given=given)

    def read_number(self, body: str) -> Decimal:
        match = _ARABIC.fullmatch(body)
        if match:
            sign, digits = match.groups()
            return Decimal((sign or "") + digits.replace(",", ""))
        if body.startswith("负") and _ARABIC.fullmatch(body[1:]):
            return -self.read_number(body[1:])
        chinese = _chinese_number(body)
        if chinese is not None:
            return chinese
        raise self.refuse(RuleKind.PLACEHOLDER, "entry_not_a_number", why=_why_not_a_number(body))

    def check(self, amount: Decimal) -> None:
        """Within the type's and the metric's bounds.  More decimals than the metric's precision are
        no error: the figure is kept as typed, and shown rounded to the precision."""
        if abs(amount) >= MAX_MAGNITUDE:
            raise self.refuse(RuleKind.RANGE, "entry_too_large")
        outcome = check_range(self.metric, float(amount))
        if outcome is not None:
            raise self.refuse(RuleKind.RANGE, f"entry_{outcome.case}", bound=outcome.params["bound"])


_LONG_NUMBER = re.compile(r"[-+]?[\d,]+(?:\.\d*)?", re.ASCII)
# Typed text may hold spaces, tabs and line breaks (pasted from Excel); any other control
# character, half a surrogate pair (bytes that were not UTF-8) or a noncharacter is no part of a figure.
_INVISIBLE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{NONCHARACTERS}]")


def _invisible(raw: str) -> str:
    """Why ``raw`` cannot be a figure because of an invisible character, or ""."""
    return invisible_problem(raw, _INVISIBLE, why="", then="请删除后重新填写")


# Digits are 0–9, half- or full-width (what every Chinese keyboard and IME types).  Any other
# character that stands for a digit is refused, never guessed: superscripts and subscripts (8²%
# is not 82%), circled and other compatibility forms (①, ㉑, 𝟖) and the digits of other scripts
# (Arabic-Indic ٨٤, Bengali ৪ which is a 4 that looks like an 8).
_PLAIN_DIGITS = frozenset("0123456789０１２３４５６７８９")
_DIGIT_KINDS = (("SUPERSCRIPT", "上标数字"), ("SUBSCRIPT", "下标数字"), ("CIRCLED", "带圈数字"),
                ("MATHEMATICAL", "数学字体的数字"))
# Spaces between the digits of a number: 8 4% may be 84% or 8 and 4; 1 297 is not how 1,297 is written.
_SPLIT = re.compile(r"(?<=[0-9.,。])\s+(?=[0-9.,。])")


def _odd_digit(raw: str) -> str:
    """Why ``raw`` cannot be a figure because of a digit other than 0–9, or ""."""
    for position, char in enumerate(raw, 1):
        if char.isascii() or char in _PLAIN_DIGITS:
            continue
        if unicodedata.digit(char, None) is not None or _has_ascii_digit(unicodedata.normalize("NFKC", char)):
            return (f"第{position}个字符“{char}”是{_digit_kind(char)}（U+{ord(char):04X}），"
                    "不是数字 0–9，无法确定数值")
    return ""


def _has_ascii_digit(text: str) -> bool:
    return any("0" <= c <= "9" for c in text)


def _digit_kind(char: str) -> str:
    name = unicodedata.name(char, "")
    other = "其他文字中的数字" if unicodedata.category(char) == "Nd" else "特殊形式的数字"
    return next((kind for word, kind in _DIGIT_KINDS if word in name), other)


def _split_digits(raw: str) -> str:
    """Why ``raw`` cannot be a figure because spaces split its digits, or ""."""
    shape = "".join(_one_char(unicodedata.normalize("NFKC", char)) for char in raw)  # offsets kept
    found = _SPLIT.search(shape)
    if found is None:
        return ""
    return (f"第{found.start() + 1}个字符是数字中间的空格或换行，无法确定这是一个数还是几个数；"
            "请删除空格，千位分隔请用逗号（如 1,297）")


def _one_char(normalized: str) -> str:
    return normalized if len(normalized) == 1 else "?"


def shown_text(raw: str) -> str:
    """What was typed, as a message repeats it: invisible characters named, long text cut."""
    visible = _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", raw)
    if len(visible) <= SHOWN_LENGTH:
        return visible
    return f"{visible[:SHOWN_LENGTH]}…（共{len(raw)}个字符）"


def _strip_suffix(text: str, suffixes) -> tuple[str, str]:
    for suffix in suffixes:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)], suffix
    return text, ""


def _chinese_number(body: str) -> Decimal | None:
    """A Chinese numeral that reads one way only (cn2an strict mode), else None."""
    match = _CHINESE.fullmatch(body)
    if not match:
        return None
    sign, numeral = match.groups()
    from cn2an import cn2an  # imported on first use: it takes a quarter of a second to load

    try:
        number = cn2an(numeral.replace("两", "二").replace("参", "叁"), "strict")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return None
    try:
        amount = Decimal(str(number))
    except InvalidOperation:
        return None
    return -amount if sign else amount


def _why_not_a_number(body: str) -> str:
    if "," in body and re.search(r"\d", body):
        return "逗号位置不对：千位分隔符每三位一个（如 1,297），小数点请用“.”"
    if re.fullmatch(r"[-+]?[\d.]+e[-+]?\d+", body, re.IGNORECASE):
        return "不接受科学计数法，请写出完整数值"
    if re.fullmatch(f"[{_NUMERAL_CHARS}负]+", body):
        return "这个中文数字有多种读法，无法确定数值"
    return "无法识别为数值"
