"""Catalog files with a mistake: (case, how to spoil the shipped 2023 catalog, words of the refusal).

``spoil(data)`` changes the parsed JSON in place, or returns bytes to write instead (a file that
is no JSON at all).  The refusal must name the file, the entry (by its code where it has one)
and the problem, in Chinese.
"""

from __future__ import annotations

import json

from models.loader import DATA_DIR

SHIPPED = json.loads((DATA_DIR / "catalog_2023.json").read_text(encoding="utf-8"))


def metric(data, indicator, position):
    return data["indicators"][indicator]["metrics"][position]


def _set(path: tuple, value):
    def spoil(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return spoil


def _delete(path: tuple):
    def spoil(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    return spoil


GS_ITEMS = ("indicators", 0, "metrics", 0)  # 依申请政务服务事项数, a count
GS_ONLINE = ("indicators", 0, "metrics", 1)  # 网上可办率, a share (its target is the district's, not in the file)

CATALOG_CASES = [
    ("duplicate-metric-code", _set(("indicators", 1, "metrics", 0, "code"), "gs_items"), ("gs_items", "重复")),
    ("duplicate-indicator-code", _set(("indicators", 1, "code"), "gov_service"), ("gov_service", "重复")),
    ("relation-naming-unknown-metric", _set(("relations", 0, "numerator"), "no_such_metric"),
     ("relations[0]", "no_such_metric", "不存在")),
    ("target-on-a-count-with-percent", _set((*GS_ITEMS, "target"), {"op": ">=", "value": "95%"}),
     ("gs_items", "target.value", "须为数值")),
    ("target-with-a-unit-field", _set((*GS_ITEMS, "target"), {"op": ">=", "value": 95, "unit": "%"}),
     ("gs_items", "unit", "不认识的字段")),
    ("target-share-above-100", _set((*GS_ONLINE, "target"), {"op": ">=", "value": 120}), ("gs_online_rate", "目标值 120%", "0～100%")),
    ("target-unknown-operator", _set((*GS_ONLINE, "target"), {"op": "≥", "value": 96}), ("gs_online_rate", "取值不在允许范围内")),
    ("count-with-percent-unit", _set((*GS_ITEMS, "unit"), "%"), ("gs_items", "单位")),
    ("unknown-unit", _set((*GS_ITEMS, "unit"), "斤"), ("单位“斤”",)),
    ("decimals-on-a-count", _set((*GS_ITEMS, "decimals"), 2), ("gs_items", "整数")),
    ("decimals-as-text", _set((*GS_ITEMS, "decimals"), "两位"), ("gs_items", "decimals", "须为整数")),
    ("negative-swing", _set((*GS_ITEMS, "swing_pct"), -5), ("gs_items", "swing_pct", "须大于 0")),
    ("missing-unit", _delete((*GS_ONLINE, "unit")), ("gs_online_rate", "缺少必填项")),
    ("empty-name", _set((*GS_ITEMS, "name"), ""), ("gs_items", "name", "不能为空")),
    ("code-in-chinese", _set((*GS_ITEMS, "code"), "结案率"), ("小写字母",)),
    ("unknown-relation-kind", _set(("relations", 0, "kind"), "product"), ("规则类型",)),
    ("ratio-result-not-a-rate", _set(("relations", 0, "result"), "ct_cases_old"), ("单位须为 %",)),
    ("required-as-text", _set((*GS_ITEMS, "required"), "是"), ("gs_items", "required", "须为 true 或 false")),
    ("metrics-not-a-list", _set(("indicators", 0, "metrics"), {"gs_items": 1}), ("gov_service", "metrics", "须为列表")),
    ("control-character-in-name", _set((*GS_ITEMS, "name"), "依申请\x07事项数"), ("gs_items", "控制字符")),
    ("top-level-list", lambda data: json.dumps([data]).encode(), ("须为 JSON 对象",)),
    ("not-json", lambda data: b"{ indicators: oops", ("不是有效的 JSON 文件", "第 1 行第 3 列")),
    ("gbk-encoded", lambda data: json.dumps(data, ensure_ascii=False).encode("gbk", errors="replace"),
     ("不是 UTF-8 编码",)),
    ("empty-file", lambda data: b"", ("不是有效的 JSON 文件",)),
]
