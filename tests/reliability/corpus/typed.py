"""What filers type that must never be stored: (case, metric code, text, words the refusal says).

Every refusal names the metric (checked by the tests) and says why in the words listed here.
The metrics cover each kind of figure: a share (结案率, %, 2 decimals), a count (受理案件数, 件),
an amount (电子卖场采购金额, 万元), a growth rate (股权出质设立同比增长, may be negative) and a
time limit (施工许可承诺办结时限, 工作日).
"""

from __future__ import annotations

SHARE, COUNT, AMOUNT, GROWTH, DAYS = (
    "ct_close_rate", "ct_cases_accepted", "pc_emall_amount", "bs_equity_growth", "cp_construction_promise_days")
INVISIBLE = "看不见的控制字符"

TYPED_VALUES = [
    # placeholders, as left in the seed reports (XX条, XX个) and in hand-made tables
    ("XX", COUNT, "XX", "占位符"),
    ("xx-with-unit", COUNT, "XX件", "占位符"),
    ("times-signs", COUNT, "××", "占位符"),
    ("full-width-XX", SHARE, "ＸＸ", "占位符"),
    ("to-be-added", COUNT, "待补充", "占位符"),
    ("to-be-decided", AMOUNT, "待定", "占位符"),
    ("em-dash", SHARE, "—", "占位符"),
    ("double-dash", SHARE, "——", "占位符"),
    ("slash", DAYS, "/", "占位符"),
    ("not-applicable", SHARE, "N/A", "占位符"),
    ("excel-error", SHARE, "#DIV/0!", "占位符"),
    ("none-word", COUNT, "无", "占位符"),
    # text and approximations
    ("plain-text", COUNT, "见附件", "无法识别为数值"),
    ("latin-text", COUNT, "abc", "无法识别为数值"),
    ("approximate", COUNT, "约1000", "约数"),
    ("more-than", COUNT, "1000余件", "约数"),
    ("plus-sign", COUNT, "1000+", "约数"),
    ("ambiguous-numeral", COUNT, "一万二", "多种读法"),
    ("formula-typed", SHARE, "=28936/34200", "无法识别为数值"),
    ("misplaced-commas", COUNT, "1,2,3", "千位分隔符"),
    # units that contradict the metric
    ("days-for-a-rate", SHARE, "5天", "单位“天”"),
    ("pieces-for-a-rate", SHARE, "84.61件", "单位“件”"),
    ("percent-for-a-count", COUNT, "84.61%", "单位“%”"),
    ("households-for-cases", COUNT, "1297户", "单位“户”"),
    ("calendar-days-for-working-days", DAYS, "5天", "单位“天”"),
    ("wan-on-a-rate", SHARE, "8万", "不能用“万”"),
    ("money-for-days", DAYS, "5万元", "单位“万元”"),
    # signs and bounds (more decimals than the precision are kept, not refused: test_precision_entry)
    ("fractional-count-in-wan", COUNT, "3.12345万", "只能是整数"),
    ("negative-count", COUNT, "-5", "不能为负数"),
    ("negative-count-chinese", COUNT, "负5", "不能为负数"),
    ("fractional-count", COUNT, "12.5", "只能是整数"),
    ("share-above-100", SHARE, "101%", "不可能超过100%"),
    ("share-just-above-100", SHARE, "100.01", "不可能超过100%"),
    ("negative-share", SHARE, "-0.01", "不能为负数"),
    ("growth-below-minus-100", GROWTH, "-100.5%", "不可能低于−100%"),
    # what a computer produces rather than a person
    ("nan", SHARE, "NaN", "占位符"),
    ("nan-lower", COUNT, "nan", "占位符"),
    ("inf", COUNT, "inf", "无法识别为数值"),
    ("infinity", AMOUNT, "Infinity", "无法识别为数值"),
    ("1e308", COUNT, "1e308", "科学计数法"),
    ("1E308-percent", SHARE, "1E308%", "科学计数法"),
    ("twenty-nines", COUNT, "9" * 20, "大得不合常理"),
    ("400-digits", COUNT, "1" * 400, "大得不合常理"),
    # nothing, whitespace and invisible characters
    ("empty", SHARE, "", "必填指标"),
    ("spaces", COUNT, "   ", "必填指标"),
    ("tab-and-newline", COUNT, "\t\r\n", "必填指标"),
    ("ideographic-space", AMOUNT, "\u3000", "必填指标"),
    ("control-inside", COUNT, "12\x0197", INVISIBLE),
    ("nul", COUNT, "1297\x00", INVISIBLE),
    ("vertical-tab-inside", COUNT, "12\x0b97", INVISIBLE),
    ("escape-sequence", SHARE, "\x1b[31m84.61", INVISIBLE),
    ("lone-surrogate", COUNT, "\udcff1297", INVISIBLE),
    ("xml-forbidden-fffe-inside", COUNT, "12\ufffe97", INVISIBLE),
    ("xml-forbidden-ffff-after", SHARE, "84.61%\uffff", INVISIBLE),
    ("noncharacter-fdd0", AMOUNT, "\ufdd06074.82", INVISIBLE),
    ("noncharacter-last-plane", DAYS, "5\U0010ffff", INVISIBLE),
    # digits that are no 0–9, and digits split by spaces: each read no single way
    ("superscript-digit", SHARE, "8²%", "“²”是上标数字（U+00B2）"),
    ("superscripts-only", SHARE, "⁸⁴%", "“⁸”是上标数字（U+2078）"),
    ("subscript-digit", COUNT, "8₄", "“₄”是下标数字（U+2084）"),
    ("circled-digit", COUNT, "①", "“①”是带圈数字（U+2460）"),
    ("circled-number-21", COUNT, "㉑件", "“㉑”是带圈数字（U+3251）"),
    ("vulgar-fraction", SHARE, "½%", "“½”是特殊形式的数字（U+00BD）"),
    ("mathematical-bold-digits", AMOUNT, "𝟔𝟎𝟕𝟒", "“𝟔”是数学字体的数字（U+1D7D4）"),
    ("arabic-indic", SHARE, "٨٤.٦١%", "“٨”是其他文字中的数字（U+0668）"),
    ("arabic-indic-separators", COUNT, "١٬٢٩٧", "“١”是其他文字中的数字（U+0661）"),
    ("persian-digits", COUNT, "۱۲۹۷", "“۱”是其他文字中的数字（U+06F1）"),
    ("devanagari-digits", DAYS, "५", "“५”是其他文字中的数字（U+096B）"),
    ("bengali-four-looks-like-eight", COUNT, "৪", "“৪”是其他文字中的数字（U+09EA）"),
    ("arabic-indic-after-ascii", COUNT, "12٩٧", "第3个字符“٩”是其他文字中的数字"),
    ("digits-split-by-a-space", SHARE, "8 4%", "第2个字符是数字中间的空格"),
    ("space-as-thousands-separator", COUNT, "1 297", "第2个字符是数字中间的空格"),
    ("no-break-space-inside", COUNT, "1\u00a0297", "第2个字符是数字中间的空格"),
    ("thin-space-inside", AMOUNT, "6\u2009074.82", "第2个字符是数字中间的空格"),
    ("ideographic-space-inside", COUNT, "１\u3000２９７", "第2个字符是数字中间的空格"),
    ("space-after-thousands-comma", COUNT, "1, 297", "第3个字符是数字中间的空格"),
    ("space-after-decimal-point", SHARE, "84. 61%", "第4个字符是数字中间的空格"),
    ("tab-inside", GROWTH, "-14\t.5%", "第4个字符是数字中间的空格"),
    # length and symbols
    ("very-long-text", COUNT, "本期受理案件较多" * 2000, "文字太长（16000个字符）"),
    ("emoji-as-value", COUNT, "👍", "无法识别为数值"),
    ("emoji-after-figure", COUNT, "1297👍", "无法识别为数值"),
]

# Notes typed with a figure (``set … --note``): refused ones, with the words of the refusal.
TYPED_NOTES = [
    ("note-control-character", "核实\x01无误", INVISIBLE),
    ("note-lone-surrogate", "\udcff说明", INVISIBLE),
    ("note-escape-sequence", "\x1b[2J已核实", INVISIBLE),
    ("note-xml-forbidden-fffe", "核实\ufffe无误", INVISIBLE),
    ("note-xml-forbidden-ffff", "\uffff", INVISIBLE),
    ("note-noncharacter-fdef", "数据\ufdef来源", INVISIBLE),
    ("note-noncharacter-plane-1", "已核实\U0001fffe", INVISIBLE),
    ("note-longer-than-a-cell", "说" * 40_000, "超过 Excel 单元格的上限"),
]

# Notes that look odd but are what the filer meant: stored exactly as typed.
KEPT_NOTES = [
    ("note-emoji", "已核实👍，数据来源：审判系统📊"),
    ("note-formula-like", "=28936/34200（按系统口径）"),
    ("note-tab-and-lines", "第一行\t分列\r\n第二行"),
    ("note-rare-characters", "𠀀𪚥 龘 ㊣ ½ ①"),
    ("note-next-to-noncharacters", "\ufffd \ufdcf \ufdf0 \ue000 \U0001fffd"),  # private use, � itself
    ("note-at-the-cell-limit", "说" * 32_767),
]
