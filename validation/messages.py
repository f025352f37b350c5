"""Every Chinese message of validation, in one table keyed by rule kind and case.

A finding (or a refused entry) carries its rule kind, a case and parameters; the text a person
reads is rendered here from the template of that kind and case.  The cases each rule kind can
report are an enum per kind (``CASES``); every case has its template.  Templates name their
fields; besides the finding's own parameters they may use the display fields the engine adds:
``name``/``unit`` of the subject, ``<role>_name``/``<role>_unit`` of each metric a relation
names (``numerator_name``, ``whole_name`` …), ``period_label``, ``other_label`` and a few
pre-composed texts (``parts_text``, ``target_text``, ``why``, ``example``).
"""

from __future__ import annotations

from enum import StrEnum

from models.catalog import RuleKind

# The cases each rule kind can report, one enum a kind; a case's value, its lower-case name, is the
# stable key of its template in ``MESSAGES``.  Range and placeholder name a stored figure's problem
# (``NEGATIVE``, ``STORED``) and, as ``ENTRY_…``, the parser's refusal of a typed one.
RangeCase = StrEnum("RangeCase", "NEGATIVE SHARE_ABOVE GROWTH_BELOW BELOW ABOVE INTEGER ENTRY_NEGATIVE "
                    "ENTRY_SHARE_ABOVE ENTRY_GROWTH_BELOW ENTRY_BELOW ENTRY_ABOVE ENTRY_INTEGER "
                    "ENTRY_UNIT ENTRY_SCALE ENTRY_TOO_LARGE")
PlaceholderCase = StrEnum("PlaceholderCase", "STORED APPROXIMATE ENTRY_EMPTY ENTRY_PLACEHOLDER ENTRY_APPROXIMATE ENTRY_NOT_A_NUMBER")
RatioCase = StrEnum("RatioCase", "MISMATCH TRUNCATED ZERO_DENOMINATOR ZERO_BOTH")
IdentityCase = StrEnum("IdentityCase", "MISMATCH")  # sum, difference: the figures do not add up
NotAboveCase = StrEnum("NotAboveCase", "EXCEEDS")  # part ≤ whole, commitment ≤ legal limit
YtdCase = StrEnum("YtdCase", "FELL")
YoyCase = StrEnum("YoyCase", "MISMATCH TRUNCATED BASE_ZERO BASE_MISSING")
SwingCase = StrEnum("SwingCase", "CHANGE POINTS FROM_ZERO")
TargetCase = StrEnum("TargetCase", "MISSED BEHIND PROGRESS")
RequiredCase = StrEnum("RequiredCase", "MISSING PAIR")
OutlierCase = StrEnum("OutlierCase", "OUTSIDE")
NegativeCase = StrEnum("NegativeCase", "BELOW_ZERO")
StockFlowCase = StrEnum("StockFlowCase", "MISMATCH OPENING_MISSING")

CASES: dict[RuleKind, type[StrEnum]] = {
    RuleKind.RANGE: RangeCase,
    RuleKind.PLACEHOLDER: PlaceholderCase,
    RuleKind.RATIO: RatioCase,
    RuleKind.SUM: IdentityCase,
    RuleKind.DIFFERENCE: IdentityCase,
    RuleKind.PART_LE_WHOLE: NotAboveCase,
    RuleKind.COMMITMENT_LE_LIMIT: NotAboveCase,
    RuleKind.YTD_MONOTONIC: YtdCase,
    RuleKind.YOY: YoyCase,
    RuleKind.SWING: SwingCase,
    RuleKind.TARGET: TargetCase,
    RuleKind.REQUIRED: RequiredCase,
    RuleKind.OUTLIER: OutlierCase,
    RuleKind.NEGATIVE: NegativeCase,
    RuleKind.STOCK_FLOW: StockFlowCase,
}

MESSAGES: dict[RuleKind, dict[StrEnum, str]] = {
    RuleKind.RANGE: {
        RangeCase.NEGATIVE: "{name}为{number}{unit}，不能为负数：请核对后填写0或正数。",
        RangeCase.SHARE_ABOVE: "{name}为{number}%，超过100%：占比不可能超过100%，请核对分子和分母。",
        RangeCase.GROWTH_BELOW: "{name}为{number}%，低于−100%：减少不可能超过100%，请核对两年的数值。",
        RangeCase.BELOW: "{name}为{number}{unit}，低于本指标的下限{bound}{unit}：请核对。",
        RangeCase.ABOVE: "{name}为{number}{unit}，高于本指标的上限{bound}{unit}：请核对。",
        RangeCase.INTEGER: "{name}为{number}{unit}，应为整数（不能有小数）：请核对。",
        # refusals of typed entries
        RangeCase.ENTRY_NEGATIVE: "{name}填写了“{raw}”：{name}不能为负数。请填写0或正数，例如 {example}。",
        RangeCase.ENTRY_SHARE_ABOVE: "{name}填写了“{raw}”：占比不可能超过100%。请核对分子和分母，例如填写 {example}。",
        RangeCase.ENTRY_GROWTH_BELOW: "{name}填写了“{raw}”：增长率不可能低于−100%。请核对两年的数值后重新填写。",
        RangeCase.ENTRY_BELOW: "{name}填写了“{raw}”：低于本指标的下限{bound}{unit}。请核对后重新填写。",
        RangeCase.ENTRY_ABOVE: "{name}填写了“{raw}”：高于本指标的上限{bound}{unit}。请核对后重新填写。",
        RangeCase.ENTRY_INTEGER: "{name}填写了“{raw}”：{name}是计数，只能是整数。请填写整数，例如 {example}。",
        RangeCase.ENTRY_UNIT: "{name}填写了“{raw}”，单位“{given}”与本指标的单位“{unit}”不符：请填写以{unit}计的数值，"
                              "例如 {example}。",
        RangeCase.ENTRY_SCALE: "{name}填写了“{raw}”：{unit}为单位的指标不能用“{given}”表示。请直接填写数值，例如 {example}。",
        RangeCase.ENTRY_TOO_LARGE: "{name}填写了“{raw}”：数值大得不合常理。请核对后重新填写，例如 {example}。",
    },
    RuleKind.PLACEHOLDER: {
        PlaceholderCase.STORED: "{name}保存的原文是“{raw}”（{why}），不是确切数值：请改填实际数值。",
        PlaceholderCase.APPROXIMATE: "{name}填报的是约数“{raw}”（本指标允许约数）：报送时按约数列出，不参与分项、比率等核对。",
        PlaceholderCase.ENTRY_EMPTY: "{name}没有填写数值：{why}请填写数值，例如 {example}。",
        PlaceholderCase.ENTRY_PLACEHOLDER: "{name}填写了“{raw}”：这是占位符，不是数值。请填写实际数值，例如 {example}；"
                                           "如确实为零请填0。",
        PlaceholderCase.ENTRY_APPROXIMATE: "{name}填写了“{raw}”：这是约数（含“{marker}”），报送须填准确数值。请填写确切数值，"
                                           "例如 {example}。",
        PlaceholderCase.ENTRY_NOT_A_NUMBER: "{name}填写了“{raw}”：{why}。请只填写数值（可带单位{unit}），例如 {example}。",
    },
    RuleKind.RATIO: {
        RatioCase.MISMATCH: "{name}填报{rate}%，但{numerator_name}{numerator} ÷ {denominator_name}{denominator} × 100 = "
                            "{exact}%，保留{precision}位小数（四舍五入）应为{expected}%，相差{diff}个百分点：请核对这三个数。",
        RatioCase.TRUNCATED: "{name}填报{rate}%，{numerator_name}{numerator} ÷ {denominator_name}{denominator} × 100 = "
                             "{exact}%，所填是截去尾数的结果：应四舍五入为{expected}%。",
        RatioCase.ZERO_DENOMINATOR: "{denominator_name}为0而{numerator_name}为{numerator}：分母为0时不可能有分子，"
                                    "{name}无法成立，请核对。",
        RatioCase.ZERO_BOTH: "{numerator_name}和{denominator_name}均为0，却填报了{name}{rate}%（0 ÷ 0 没有比率）：请核实；"
                             "本期确无此项业务时请清除{name}（分子分母都为0时比率可不填），或写明说明。",
    },
    RuleKind.SUM: {
        IdentityCase.MISMATCH: "{name}填报{total}{unit}，但各分项之和 {parts_text} = {expected}{unit}，相差{diff}{unit}：请核对合计或分项。",
    },
    RuleKind.DIFFERENCE: {
        IdentityCase.MISMATCH: "{name}填报{result}{unit}，但{minuend_name}{minuend} − {subtrahend_name}{subtrahend} = "
                               "{expected}{unit}，相差{diff}{unit}：请核对这三个数。",
    },
    RuleKind.PART_LE_WHOLE: {
        NotAboveCase.EXCEEDS: "{name}{part}{unit}大于{whole_name}{whole}{whole_unit}：部分不能超过整体，请核对。",
    },
    RuleKind.COMMITMENT_LE_LIMIT: {
        NotAboveCase.EXCEEDS: "{name}{commitment}{unit}长于{limit_name}{limit}{limit_unit}：承诺时限不能超过法定时限，请核对。",
    },
    RuleKind.YTD_MONOTONIC: {
        YtdCase.FELL: "{name}是累计数，{period_label}为{number}{unit}，比{other_label}的{before}{unit}还少：累计数在"
                      "一年之内不会减少，请核对本期或此前季度的数值。",
    },
    RuleKind.YOY: {
        YoyCase.MISMATCH: "{name}填报{growth}%，但{base_name}本期{now}{base_unit}、上年同期{before}{base_unit}，实际增长"
                          "{exact}%，保留{precision}位小数（四舍五入）应为{expected}%，相差{diff}个百分点：请核对增长率或两年的数值。",
        YoyCase.TRUNCATED: "{name}填报{growth}%，{base_name}本期{now}{base_unit}、上年同期{before}{base_unit}，实际增长"
                           "{exact}%，所填是截去尾数的结果：应四舍五入为{expected}%。",
        YoyCase.BASE_ZERO: "{name}填报{growth}%，但{base_name}上年同期为0：从0起步没有增长率（不能除以0）。请核实两年的数值，"
                           "并写明说明（如上年尚未开展此项业务）。",
        YoyCase.BASE_MISSING: "{name}填报{growth}%，但{base_name}上年同期没有填报，无法核对增长率：请补填上年同期的"
                              "{base_name}，或写明说明（如上年数据的来源）。",
    },
    RuleKind.SWING: {
        SwingCase.CHANGE: "{name}{period_label}为{number}{unit}，较{other_label}的{before}{unit}{direction}{change}%，"
                          "超过{limit}%的波动幅度：请核实，并写明原因（说明）。",
        SwingCase.POINTS: "{name}{period_label}为{number}%，较{other_label}的{before}%{direction}{change}个百分点，"
                          "超过{limit}个百分点的波动幅度：请核实，并写明原因（说明）。",
        SwingCase.FROM_ZERO: "{name}{other_label}为0，{period_label}为{number}{unit}：从0起步无法计算变动幅度，请核实，"
                             "并写明原因（说明，如本期新开展的业务）。",
    },
    RuleKind.TARGET: {
        TargetCase.MISSED: "{name}为{number}{unit}，未达到年度目标{target_text}{source}：请核实，并写明原因（说明）。",
        TargetCase.BEHIND: "{name}截至{period_label}为{number}{unit}，落后于年度目标{target_text}{source}按季度折算的进度"
                           "{expected}{unit}（{quarter}/{due}）：请核实，并写明原因（说明）。",
        TargetCase.PROGRESS: "{name}{period_label}为{number}{unit}，尚未达到年度目标{target_text}{source}{progress_text}；"
                             "目标到{due_label}考核，届时未达到须说明。",
    },
    RuleKind.REQUIRED: {
        RequiredCase.MISSING: "{name}是必填指标，{period_label}尚未填报：正式报送前请补填（单位：{unit}）。",
        RequiredCase.PAIR: "{name}尚未填报，而{filed_name}已填报：{filed_name}要与{name}一起才能核对，正式报送前请补填"
                           "（单位：{unit}）。",
    },
    RuleKind.OUTLIER: {
        OutlierCase.OUTSIDE: "{name}{period_label}为{number}{unit}，超出按历史数据推算的正常范围{low}～{high}{unit}"
                             "（依据{history_label}的{count}个可比数值 {history}{unit}，逐期变动的中位数为{median}{unit}）："
                             "请核实，并写明原因（说明）。",
    },
    RuleKind.NEGATIVE: {
        NegativeCase.BELOW_ZERO: "{name}为{number}{unit}，是负数：可能发生但不常见（如实际采购超过计划），请核实，并写明原因（说明）。",
    },
    RuleKind.STOCK_FLOW: {
        StockFlowCase.MISMATCH: "{name}{period_label}末为{closing}{unit}，但{other_label}末的{opening}{unit} + {flow_label}"
                                "{inflow_name}{inflow}{inflow_unit} − {outflow_name}{outflow}{outflow_unit} = {expected}{unit}，"
                                "相差{diff}{unit}：期末数应等于期初数加本期新增、减本期减少，请核对这四个数。",
        StockFlowCase.OPENING_MISSING: "{name}{period_label}末为{closing}{unit}，但期初（{other_label}末）的{name}没有填报，"
                                       "无法核对期末 = 期初 + {inflow_name} − {outflow_name}：请补填{other_label}的{name}，"
                                       "或写明说明（如上年数据的来源）。",
    },
}

# Why a stored text is no figure, by the case its re-reading was refused with.
STORED_WHY = {
    PlaceholderCase.ENTRY_EMPTY: "空白", PlaceholderCase.ENTRY_PLACEHOLDER: "占位符",
    PlaceholderCase.ENTRY_APPROXIMATE: "约数", PlaceholderCase.ENTRY_NOT_A_NUMBER: "无法识别为数值",
}


def fmt(number: float | int | None) -> str:
    """A figure as people write it: no exponent, no trailing zeros, at most four decimals."""
    if number is None:
        return ""
    if float(number).is_integer():
        return str(int(number))
    return f"{number:.4f}".rstrip("0").rstrip(".")


def render(kind: RuleKind, case: StrEnum | str, fields: dict) -> str:
    """The message of one finding or refusal; numbers are shown through ``fmt``."""
    shown = {key: fmt(value) if isinstance(value, float | int) and not isinstance(value, bool) else value
             for key, value in fields.items()}
    return MESSAGES[kind][case].format_map(shown)
