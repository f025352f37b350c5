"""Finding the figures of a Chinese text: number, unit, approximation, and the placeholders.

Read: Arabic digits 0–9 (also full-width), thousands separators (1,297), decimals, negatives
(同比新增-14.5%), percentages, 万/亿 written after a number (5.9万人, 6亿元), Chinese numerals
before a unit (一千余条, 两项, 百场, 近千万元), approximations before or after (近, 超, 约, 余, 以上,
以内 …) and placeholders (XX条, ××个).  Not figures: dates and years (2023年, 9月30日,
2023.01.01), ordinals (第13名), numbers that are part of a name (10千伏, 5G, 1.0版, 12368热线).
A number written with another script's digits (٨٤%) or with a superscript digit (8²%), which the
entry parser refuses, is read as no number and reported like a placeholder: it has to be rewritten
in 0–9 before the report goes out.
"""

from __future__ import annotations

import re
from dataclasses import replace

from validation.crosscheck.model import Approx, Figure

# Full-width digits and signs → ASCII, one character for one so offsets stay valid.
# Traditional forms of the characters figures are written with are read as simplified.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％－＋〇萬億個戶項場條餘兩負", "0123456789.%-+零万亿个户项场条余两负")

# Written unit → normalised unit; longest first when matching.
_UNIT_FORMS = {
    "个工作日": "工作日", "工作日": "工作日", "个小时": "小时", "小时": "小时", "分钟": "分钟",
    "个月": "个月", "千伏安": "千伏安", "kva": "千伏安", "个百分点": "百分点", "百分点": "百分点",
    "%": "%", "元": "元", "天": "天", "户次": "户次", "人次": "人次", "件次": "件次", "件": "件",
    "户": "户", "项": "项", "个": "个", "次": "次", "人": "人", "名": "人", "家": "家", "场": "场",
    "条": "条", "份": "份", "起": "起", "类": "类", "期": "期", "篇": "篇", "批": "批", "倍": "倍",
    "所": "所", "座": "座", "台": "台", "套": "套", "笔": "笔", "张": "张", "亩": "亩", "吨": "吨",
    "平方米": "平方米", "公里": "公里", "周": "周",
}
_UNIT_PATTERN = "|".join(re.escape(u) for u in sorted(_UNIT_FORMS, key=len, reverse=True))
_CN_NUMERAL = "零一二两三四五六七八九十百千万亿"
_BEFORE = {
    "将近": Approx.NEAR, "接近": Approx.NEAR, "近": Approx.NEAR,
    "大约": Approx.ABOUT, "约": Approx.ABOUT,
    "不少于": Approx.AT_LEAST, "不低于": Approx.AT_LEAST, "至少": Approx.AT_LEAST, "超过": Approx.AT_LEAST,
    "高于": Approx.AT_LEAST, "逾": Approx.AT_LEAST, "超": Approx.AT_LEAST,
    "不超过": Approx.AT_MOST, "不到": Approx.AT_MOST, "低于": Approx.AT_MOST,
}
_AFTER = {"以上": Approx.AT_LEAST, "以内": Approx.AT_MOST, "以下": Approx.AT_MOST,
          "左右": Approx.ABOUT, "内": Approx.AT_MOST}
_BEFORE_PATTERN = "|".join(sorted(_BEFORE, key=len, reverse=True))

_FIGURE = re.compile(
    rf"(?:(?P<before>{_BEFORE_PATTERN})\s?)?"
    r"(?P<sign>[-−](?=[0-9])|负(?=[0-9]))?"
    rf"(?P<num>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|[{_CN_NUMERAL}]+)"
    r"(?P<mult1>[万亿])?(?P<more>余|多)?(?P<mult2>[万亿])?"
    rf"(?:\s?(?P<unit>{_UNIT_PATTERN}))?"
    r"(?P<after>以上|以内|以下|左右|内(?![容部外地]))?",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(
    rf"(?<![A-Za-z])[XxＸｘ×✕]{{2,}}(?:\.[XxＸｘ×]+)?(?![A-Za-z])\s?(?P<unit>{_UNIT_PATTERN})?",
    re.IGNORECASE,
)
# Digits of another script (\d is any script's in Python), and superscript or subscript digits
# glued to 0–9 (8²% is no 82%; m² stays a unit), with the digits and separators they run into.
_SCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉"
_OTHER_DIGITS = re.compile(
    rf"(?:[0-9]*(?![0-9])\d|[0-9]+[{_SCRIPT_DIGITS}]|[{_SCRIPT_DIGITS}]+[0-9])[\d.,٫٬{_SCRIPT_DIGITS}]*(?<![.,٫٬])"
    rf"(?:\s?(?P<unit>{_UNIT_PATTERN}))?", re.IGNORECASE)
_MONTH, _DAY = r"(?:0?[1-9]|1[0-2])", r"(?:0?[1-9]|[12][0-9]|3[01])"
# 2023.01.01, 2023-9, 2023/09/30 and 9:30 are dates and times (6074.82万元 is not).
_DATE = re.compile(
    rf"(?:19|20)[0-9]{{2}}(?:\.{_MONTH}\.{_DAY}|[-/]{_MONTH}(?:[-/]{_DAY})?)(?![0-9.])|[0-9]{{1,2}}:[0-9]{{2}}")
_NAME_AFTER = re.compile(r"[A-Za-z0-9\u4e00-\u9fff+]")  # a bare number glued to these is part of a name
_LONE_CHINESE = set("零一万亿")  # 一 alone is idiom far more often than a count (一次性, 一件事)

_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10 ** 4, "亿": 10 ** 8}


def scan_text(text: str) -> str:
    """The text with full-width digits made ASCII (same length, same offsets)."""
    return text.translate(_FULL_WIDTH)


def extract_figures(text: str) -> list[Figure]:
    """Every figure and placeholder of ``text``, in order of position."""
    scan = scan_text(text)
    masked = _mask(scan, _DATE)
    unreadable = _placeholders(text, masked, _OTHER_DIGITS)
    masked = _mask(masked, _OTHER_DIGITS)  # no part of them is read as a figure of 0–9
    found = [f for f in (_figure(text, masked, m) for m in _FIGURE.finditer(masked)) if f is not None]
    found += _placeholders(text, scan) + unreadable
    return distribute_units(sorted(found, key=lambda f: f.start), text)


def _mask(scan: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: "#" * len(m.group()), scan)


def _figure(text: str, scan: str, match: re.Match) -> Figure | None:
    number, decimals = _number(match.group("num"))
    if number is None or not _stands_alone(scan, match):
        return None
    scale = sum(_exponent(match.group(g)) for g in ("mult1", "mult2"))
    if _is_sign(scan, match):
        number = -number
    unit = _UNIT_FORMS[match.group("unit").lower()] if match.group("unit") else ""
    start, end = match.span()
    if match.group("sign") and number > 0 and not match.group("before"):
        start = match.start("num")  # the dash of a range belongs to no figure
    return Figure(
        start=start, end=end, number=number, unit=unit, raw=text[start:end], decimals=decimals,
        scale=scale, approx=_approx(match), num_start=match.start("num"),
    )


def _is_sign(scan: str, match: re.Match) -> bool:
    """A minus, unless it is the dash of a range (10-20个)."""
    start = match.start("sign")
    return bool(match.group("sign")) and not (start > 0 and scan[start - 1] in "0123456789")


def _number(digits: str) -> tuple[float | None, int]:
    if digits[0].isdigit():
        plain = digits.replace(",", "")
        return float(plain), len(plain.partition(".")[2])
    if digits in _LONE_CHINESE or len(digits) == 1 and digits in _BIG:
        return None, 0
    value = chinese_number(digits)
    return (None if value is None else float(value)), 0


def _stands_alone(scan: str, match: re.Match) -> bool:
    """Not a date, an ordinal, a range bound or part of a name; Chinese numerals need a unit."""
    start = match.start("num")
    before = scan[start - 1] if start else ""
    if before and (before in "第#." or re.fullmatch(r"[A-Za-z0-9]", before)):
        return False
    if match.group("num")[0].isdigit():
        return bool(match.group("unit")) or _bare_number_stands_alone(scan, match)
    return bool(match.group("unit")) and not _glued_idiom(scan, match)


def _bare_number_stands_alone(scan: str, match: re.Match) -> bool:
    """A number without unit: not 2021-2023年, not the list marker 1. or 2、, not 5G or 1.0版."""
    start, end = match.start("num"), match.end()
    after = scan[end:end + 2]
    if re.match(r"[-−~～至到][0-9]", after):
        return False
    at_boundary = start == 0 or scan[start - 1] in " \t\n\u3000。;；:：!！?？"
    if after[:1] in ".．" or at_boundary and after[:1] == "、":
        return False
    if after[:1] in "”’\"'》」』〕" or scan[start - 1:start] == "〔":
        return False  # inside a quoted name or a document number: “昆仑2023”, “1+6”, 〔2023〕
    return not _NAME_AFTER.match(after[:1])


def _glued_idiom(scan: str, match: re.Match) -> bool:
    """Chinese numerals inside a word: 统一, 万一, 之一 … are no counts."""
    start = match.start("num")
    return start > 0 and scan[start - 1] in "统唯之万第周初"


def _exponent(multiplier: str | None) -> int:
    return {"万": 4, "亿": 8}.get(multiplier or "", 0)


def _approx(match: re.Match) -> Approx:
    if match.group("before"):
        return _BEFORE[match.group("before")]
    if match.group("more"):
        return Approx.MORE
    if match.group("after"):
        return _AFTER[match.group("after")]
    return Approx.EXACT


def chinese_number(numeral: str) -> int | None:
    """一千 → 1000, 两 → 2, 十万 → 100000, 三万五千 → 35000, 一百零五 → 105; None for 一二三 and for
    一万二 / 三千五, which people read as 12000 / 3500 (the entry parser refuses them too)."""
    total, wan, section, digit = 0, 0, 0, None
    for char in numeral:
        if char in _DIGITS:
            if digit not in (None, 0) and _DIGITS[char] != 0:
                return None  # two digits in a row read no single way
            digit = _DIGITS[char]
        elif char in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[char]
            digit = None
        elif char == "万":
            wan, section, digit = (wan + section + (digit or 0) or 1) * _BIG[char], 0, None
        else:  # 亿
            total, wan, section, digit = (total + wan + section + (digit or 0) or 1) * _BIG[char], 0, 0, None
    if digit and len(numeral) > 1 and numeral[-2] in "百千万亿":
        return None  # a bare digit after 百千万亿: its unit is left out, so it reads no single way
    return total + wan + section + (digit or 0)


def _placeholders(text: str, scan: str, pattern: re.Pattern = _PLACEHOLDER) -> list[Figure]:
    found = []
    for match in pattern.finditer(scan):
        unit = _UNIT_FORMS[match.group("unit").lower()] if match.group("unit") else ""
        start, end = match.span()
        found.append(Figure(start=start, end=end, number=None, unit=unit, raw=text[start:end], num_start=start))
    return found


def distribute_units(figures: list[Figure], text: str) -> list[Figure]:
    """In 10个、20个、20个工作日 the last unit (and approximation) belongs to every figure."""
    result = list(figures)
    for index in range(len(result) - 2, -1, -1):
        this, following = result[index], result[index + 1]
        joined = text[this.end:following.start].strip() == "、"
        takes = this.unit in ("", "个") and following.unit not in ("", "个") and following.unit != this.unit
        if joined and takes and this.number is not None and following.number is not None:
            approx = following.approx if this.approx == Approx.EXACT else this.approx
            result[index] = replace(this, unit=following.unit, approx=approx, scale=this.scale or following.scale)
    return result
