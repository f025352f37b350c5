"""A catalog or profile file with a mistake is refused with its file, entry and problem named."""

import copy
import json

import pytest

from models.catalog import CatalogError
from models.loader import DATA_DIR, catalog_from_file, load_catalog, load_profile, year_for

GOOD = json.loads((DATA_DIR / "catalog_2023.json").read_text(encoding="utf-8"))


def write(tmp_path, data, name="catalog_2023.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def refused(tmp_path, mutate) -> str:
    data = copy.deepcopy(GOOD)
    mutate(data)
    with pytest.raises(CatalogError) as caught:
        catalog_from_file(write(tmp_path, data))
    message = str(caught.value)
    assert message.startswith("catalog_2023.json：")
    return message


def metric(data, indicator, position):
    return data["indicators"][indicator]["metrics"][position]


def test_the_shipped_catalog_loads():
    assert load_catalog(2023).year == 2023


def test_duplicate_metric_code(tmp_path):
    def mutate(data):
        metric(data, 1, 0)["code"] = "gs_items"
    message = refused(tmp_path, mutate)
    assert "gs_items" in message and "重复" in message


def test_relation_naming_an_unknown_metric(tmp_path):
    def mutate(data):
        data["relations"][0]["numerator"] = "no_such_metric"
    message = refused(tmp_path, mutate)
    assert "relations[0]" in message and "no_such_metric" in message and "不存在" in message


def test_unit_that_contradicts_the_type(tmp_path):
    def mutate(data):
        metric(data, 0, 0)["unit"] = "%"  # 依申请政务服务事项数 is a count
    message = refused(tmp_path, mutate)
    assert "indicators[0]（gov_service）.metrics[0]（gs_items）" in message and "单位" in message


def test_unknown_unit(tmp_path):
    def mutate(data):
        metric(data, 0, 0)["unit"] = "斤"
    assert "单位“斤”" in refused(tmp_path, mutate)


def test_decimals_on_a_count(tmp_path):
    def mutate(data):
        metric(data, 0, 0)["decimals"] = 2
    assert "整数" in refused(tmp_path, mutate)


def test_missing_field_and_unknown_field(tmp_path):
    def mutate(data):
        del metric(data, 0, 1)["unit"]
        metric(data, 0, 2)["colour"] = "red"
    message = refused(tmp_path, mutate)
    assert "gs_online_rate" in message and "缺少必填项" in message
    assert "colour" in message and "不认识的字段" in message


def test_bad_code_and_bad_relation_kind(tmp_path):
    def mutate(data):
        metric(data, 0, 0)["code"] = "结案率"
        data["relations"][0]["kind"] = "product"
    message = refused(tmp_path, mutate)
    assert "小写字母" in message and "规则类型" in message


def test_ratio_whose_result_is_not_a_rate(tmp_path):
    def mutate(data):
        data["relations"][0]["result"] = "ct_cases_old"
    assert "单位须为 %" in refused(tmp_path, mutate)


def test_sum_over_metrics_of_different_units(tmp_path):
    def mutate(data):
        data["relations"].append({"kind": "sum", "total": "lb_fairs_total", "parts": ["lb_fairs_online", "lb_startup_loans"], "code": "mixed"})
    assert "单位不一致" in refused(tmp_path, mutate)


def test_not_json(tmp_path):
    path = tmp_path / "catalog_2023.json"
    path.write_text("{ indicators: oops", encoding="utf-8")
    with pytest.raises(CatalogError, match="catalog_2023.json：不是有效的 JSON 文件（第 1 行第 3 列格式错误）"):
        catalog_from_file(path)


def test_indicator_without_a_lead(tmp_path):
    def mutate(data):
        data["indicators"].append({"code": "cross_border", "name": "跨境贸易", "metrics": [
            {"code": "cb_export_hours", "name": "出口通关时间", "unit": "小时", "kind": "level", "value_type": "duration"}]})
    assert "跨境贸易" in refused(tmp_path, mutate) and "牵头单位" in refused(tmp_path, mutate)


def test_profile_naming_an_unknown_department(tmp_path):
    data = json.loads((DATA_DIR / "profile_honggutan.json").read_text(encoding="utf-8"))
    data["leads"]["electricity"] = "power_company"
    path = write(tmp_path, data, "profile.json")
    with pytest.raises(CatalogError, match="profile.json：.*power_company"):
        load_profile(path)


def test_year_that_applies(tmp_path):
    for year in (2023, 2025):
        write(tmp_path, dict(GOOD, year=year), f"catalog_{year}.json")
    assert year_for(2024, tmp_path) == 2023
    assert year_for(2022, tmp_path) == 2023
    assert year_for(None, tmp_path) == 2025
    assert year_for(2026, tmp_path) == 2025
