"""Catalog workbooks with a mistake: (case, how to spoil the shipped 2023 catalog's workbook,
the cell the refusal must name, words of its reason).

``spoil(wb)`` edits the openpyxl workbook written from the shipped catalog, the way a coordinator
would in Excel.  Cells are named as a person reads them in the written workbook: on 指标 the
second row is gs_items and the third gs_online_rate (columns A 一级指标代码, B 代码, E 单位,
F 累计/时点, G 类型, H 保留位数, K 填报频率, N 波动阈值（%）, Q 审核级别, V 原代码, W 换算系数, X 填报单位); on 一级指标 row 2 is
gov_service, row 3 construction_permit (columns A 代码, B 名称, C 牵头单位, the shipped profile's
department names); on 关系 row 2 is the ratio ct_close_rate = ct_cases_closed
÷ ct_cases_accepted and row 6 the sum lb_fairs_total = lb_fairs_online + lb_fairs_offline (columns
B 结果或主体指标, C–I 指标2–指标8, J 审核级别); on
目标 row 2 is gs_online_rate ≥ 96.  On 指标, V is 原代码 and W 换算系数; row 116 is bs_new_total (户),
row 61 tx_time_hours (小时), row 6 gs_key_tasks (项, in no relation and no target).

``CATALOG_LINEAGE_CASES`` are read as a 2024 catalog against the shipped 2023 one (what a
changed unit or a rename says about last year's figures).
"""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.workbook.workbook import Workbook

Spoil = Callable[[Workbook], None]


def put(sheet: str, cell: str, value) -> Spoil:
    def spoil(wb: Workbook) -> None:
        wb[sheet][cell] = value
    return spoil


def append(sheet: str, values: list) -> Spoil:
    def spoil(wb: Workbook) -> None:
        wb[sheet].append(values)
    return spoil


def remove_sheet(sheet: str) -> Spoil:
    def spoil(wb: Workbook) -> None:
        del wb[sheet]
    return spoil


def both(*spoils: Spoil) -> Spoil:
    def spoil(wb: Workbook) -> None:
        for each in spoils:
            each(wb)
    return spoil


CATALOG_BOOK_CASES = [
    ("decimals-as-text", put("指标", "H3", "两位"), "指标!H3", ("0～6 的整数",)),
    ("decimals-beyond-six", put("指标", "H3", 9), "指标!H3", ("0～6 的整数",)),
    ("decimals-on-a-count", put("指标", "H2", 2), "指标!H2", ("计数只能是整数",)),
    ("unknown-unit", put("指标", "E2", "斤"), "指标!E2", ("不认识的单位",)),
    ("count-with-percent-unit", put("指标", "E2", "%"), "指标!E2", ("单位",)),
    ("unknown-kind", put("指标", "F2", "期末"), "指标!F2", ("不是可选值之一", "累计")),
    ("unknown-value-type", put("指标", "G3", "比例"), "指标!G3", ("不是可选值之一", "占比")),
    ("unknown-frequency", put("指标", "K2", "每月"), "指标!K2", ("不是可选值之一", "半年")),
    ("required-as-x", put("指标", "J2", "x"), "指标!J2", ("不是可选值之一", "是、否")),
    ("threshold-as-text", put("指标", "N2", "五十"), "指标!N2", ("须为数值",)),
    ("negative-threshold", put("指标", "N2", -5), "指标!N2", ("须大于 0",)),
    ("missing-unit", put("指标", "E3", None), "指标!E3", ("不能为空",)),
    ("missing-name", put("指标", "C2", None), "指标!C2", ("不能为空",)),
    ("name-of-spaces", put("指标", "C2", "  　"), "指标!C2", ("不能为空",)),
    ("indicator-without-metrics", append("一级指标", ["cross_border", "跨境贸易"]), "一级指标!A19",
     ("没有任何指标",)),
    ("duplicate-metric-code", put("指标", "B3", "gs_items"), "指标!B3", ("指标代码重复", "指标!B2")),
    ("duplicate-indicator-code", put("一级指标", "A3", "gov_service"), "一级指标!A3",
     ("一级指标代码重复", "一级指标!A2")),
    ("code-in-chinese", put("指标", "B2", "事项数"), "指标!B2", ("小写字母",)),
    ("code-in-capitals", put("一级指标", "A2", "GovService"), "一级指标!A2", ("小写字母",)),
    ("metric-of-missing-indicator", put("指标", "A2", "no_such_indicator"), "指标!A2", ("没有这个一级指标代码",)),
    ("grade-not-mandatory-or-verify", put("指标", "Q2", "ytd_monotonic:必须"), "指标!Q2", ("强制性", "核实性")),
    ("grade-unknown-rule-kind", put("指标", "Q2", "monotone:强制性"), "指标!Q2", ("规则类型不认识", "ytd_monotonic")),
    ("relation-naming-missing-metric", put("关系", "C2", "no_such_metric"), "关系!C2", ("没有这个指标代码",)),
    ("ratio-with-two-metrics", put("关系", "D2", None), "关系!C2", ("比率", "3 个", "填了 2 个")),
    ("sum-with-a-gap", both(put("关系", "D6", None), put("关系", "E6", "lb_fairs_offline")), "关系!E6",
     ("连续",)),
    ("unknown-relation-kind", put("关系", "A2", "乘积"), "关系!A2", ("不是可选值之一", "比率")),
    ("relation-grade-unknown", put("关系", "J2", "严重"), "关系!J2", ("强制性、核实性",)),
    ("ratio-result-not-a-rate", put("关系", "B2", "ct_cases_old"), "关系!B2", ("单位须为 %",)),
    ("relations-in-a-cycle", append("关系", ["差额", "lb_fairs_online", "lb_fairs_total", "lb_fairs_offline"]),
     "关系!B6", ("关系循环", "lb_fairs_total")),
    ("target-on-missing-metric", put("目标", "A2", "no_such_metric"), "目标!A2", ("没有这个指标代码",)),
    ("target-unreachable", put("目标", "C2", 120), "目标!C2", ("网上可办率", "不可能达到", "0～100%")),
    ("target-as-percent-text", put("目标", "C2", "96%"), "目标!C2", ("须为数值",)),
    ("target-due-quarter-five", put("目标", "D2", 5), "目标!D2", ("1～4 的整数",)),
    ("target-unknown-comparison", put("目标", "B2", "≠"), "目标!B2", ("不是可选值之一", "≥")),
    ("two-targets-on-one-metric", append("目标", ["gs_online_rate", "≥", 90]), "目标!A43", ("只能有一个目标",)),
    # row 38 of 关系 is the shipped 期末平衡: 市场主体总量 (时点, 户) = 上年末 + 新设 − 注销 (累计, 户)
    ("stock-flow-units-differ", put("关系", "C38", "lb_startup_loans"), "关系!B38", ("单位不一致", "万元", "户")),
    ("stock-flow-closing-cumulative", put("关系", "B38", "bs_new_total"), "关系!B38", ("期末数", "须是时点数")),
    ("stock-flow-flows-of-two-kinds", put("关系", "D38", "ms_low_risk_entities"), "关系!B38",
     ("同为累计数或同为当季数",)),
    ("stock-flow-without-outflow", put("关系", "D38", None), "关系!C38", ("期末平衡", "3 个", "填了 2 个")),
    ("year-as-text", put("目录", "A2", "二〇二四"), "目录!A2", ("2000～2100 的整数",)),
    ("missing-sheet", remove_sheet("关系"), "关系", ("缺少工作表",)),
    ("missing-header", put("指标", "E1", "计量单位"), "指标!1行", ("表头缺少“单位”列",)),
    # departments (the district profile's, by name, alias or code)
    ("lead-unknown-department", put("一级指标", "C2", "区商务局"), "一级指标!C2",
     ("区县配置中没有这个部门", "区政数局")),
    ("new-indicator-without-lead", both(append("一级指标", ["cross_border", "跨境贸易"]),
                                        append("指标", ["cross_border", "cb_import_hours", "进口整体通关时间", None,
                                                        "小时", "时点", "时长", 2])),
     "一级指标!C19", ("新增的一级指标“跨境贸易”须填写牵头单位",)),
    ("filer-unknown-department", put("指标", "X3", "区电力局"), "指标!X3", ("区县配置中没有这个部门", "区供电公司")),
    ("filer-a-typo-of-a-code", put("指标", "X2", "powersupply"), "指标!X2", ("区县配置中没有这个部门",)),
    ("lead-missing-header", put("一级指标", "C1", "牵头部门"), "一级指标!1行", ("表头缺少“牵头单位”列",)),
]
CATALOG_BOOK_CASES += [
    ("renamed-from-in-chinese", put("指标", "V2", "事项数"), "指标!V2", ("小写字母",)),
    ("renamed-from-its-own-code", put("指标", "V2", "gs_items"), "指标!V2", ("相同", "留空")),
    ("renamed-from-a-metric-still-there", put("指标", "V3", "gs_items"), "指标!V3", ("仍是一个指标", "依申请政务服务事项数")),
    ("two-metrics-renamed-from-one", both(put("指标", "V4", "gs_old_rate"), put("指标", "V5", "gs_old_rate")),
     "指标!V5", ("gs_old_rate", "已由指标“gs_full_online_rate”沿用")),
    ("rename-factor-zero", put("指标", "W2", 0), "指标!W2", ("须大于 0",)),
    ("rename-factor-as-text", put("指标", "W2", "一半"), "指标!W2", ("须为数值",)),
    ("rename-factor-infinite", put("指标", "W2", "inf"), "指标!W2", ("换算系数", "大于 0")),
]

as_2024 = put("目录", "A2", 2024)

CATALOG_LINEAGE_CASES = [
    ("unit-that-does-not-convert", both(as_2024, put("指标", "E6", "件")), "指标!E6",
     ("单位由“项”改为“件”", "上年数值无法换算", "请改用新代码")),
    ("day-is-no-working-day", both(as_2024, put("指标", "E69", "天")), "指标!E69", ("“小时”改为“天”", "无法换算")),
    ("renamed-from-a-code-last-year-lacks", both(as_2024, put("指标", "V2", "gs_no_such")), "指标!V2",
     ("gs_no_such", "不在 2023 年目录中")),
    ("renamed-and-unit-beyond-conversion",
     both(as_2024, put("指标", "B6", "gs_key_task_count"), put("指标", "V6", "gs_key_tasks"), put("指标", "E6", "个")),
     "指标!E6", ("原代码 gs_key_tasks", "“项”改为“个”", "无法换算")),
]
