"""Catalog workbooks with mistakes: each refused with the cell and the reason, after the whole
file is read (every problem listed, not the first alone)."""

from __future__ import annotations

import openpyxl
import pytest

from exports.catalog_book import write_catalog_book
from exports.catalog_book_read import CatalogBookError, read_catalog_book
from models.loader import DEFAULT_PROFILE, load_catalog, load_profile
from tests.reliability.corpus.catalog_books import CATALOG_BOOK_CASES, CATALOG_LINEAGE_CASES, both, put

PROFILE = load_profile(DEFAULT_PROFILE)  # the district whose departments the department columns name


@pytest.fixture(scope="module")
def shipped_book(tmp_path_factory):
    path = tmp_path_factory.mktemp("book") / "目录2023.xlsx"
    write_catalog_book(load_catalog(2023).effective, path, PROFILE)
    return path


def spoiled(shipped_book, tmp_path, spoil):
    wb = openpyxl.load_workbook(shipped_book)
    spoil(wb)
    path = tmp_path / "改过的目录.xlsx"
    wb.save(path)
    return path


def refusals(path, previous=None) -> list:
    with pytest.raises(CatalogBookError) as refused:
        read_catalog_book(path, PROFILE, previous)
    return refused.value.problems


@pytest.mark.parametrize("case, spoil, where, words", CATALOG_BOOK_CASES, ids=[c[0] for c in CATALOG_BOOK_CASES])
def test_a_bad_catalog_book_is_refused_at_the_cell(shipped_book, tmp_path, case, spoil, where, words):
    problems = refusals(spoiled(shipped_book, tmp_path, spoil))
    at_cell = [p for p in problems if p.where == where]
    assert at_cell, [p.text() for p in problems]
    assert any(all(w in p.reason for w in words) for p in at_cell), [p.text() for p in at_cell]


@pytest.mark.parametrize("case, spoil, where, words", CATALOG_LINEAGE_CASES, ids=[c[0] for c in CATALOG_LINEAGE_CASES])
def test_a_2024_book_that_loses_last_years_figures_is_refused_at_the_cell(shipped_book, tmp_path, case, spoil,
                                                                          where, words):
    shipped = load_catalog(2023).effective
    problems = refusals(spoiled(shipped_book, tmp_path, spoil), previous=lambda year: shipped)
    at_cell = [p for p in problems if p.where == where]
    assert at_cell, [p.text() for p in problems]
    assert any(all(w in p.reason for w in words) for p in at_cell), [p.text() for p in at_cell]


def test_a_2024_book_with_a_unit_that_converts_is_taken(shipped_book, tmp_path):
    """万元 → 元 and 小时 → 工作日 convert last year's figures: no refusal."""
    spoil = both(put("目录", "A2", 2024), put("指标", "E111", "元"), put("指标", "E69", "工作日"),
                 put("指标", "B6", "gs_key_task_count"), put("指标", "V6", "gs_key_tasks"))
    shipped = load_catalog(2023).effective
    data = read_catalog_book(spoiled(shipped_book, tmp_path, spoil), previous=lambda year: shipped)
    metrics = {m["code"]: m for i in data["indicators"] for m in i["metrics"]}
    assert metrics["pc_emall_amount"]["unit"] == "元" and metrics["tx_time_hours"]["unit"] == "工作日"
    assert metrics["gs_key_task_count"]["renamed_from"] == "gs_key_tasks"


def test_the_refusal_quotes_the_value_typed(shipped_book, tmp_path):
    problems = refusals(spoiled(shipped_book, tmp_path, put("指标", "H3", "两位")))
    assert [(p.where, p.value) for p in problems] == [("指标!H3", "两位")]
    assert "指标!H3  “两位”：" in problems[0].text()


def test_every_problem_of_the_file_is_listed_not_only_the_first(shipped_book, tmp_path):
    spoil = both(put("指标", "E2", "斤"), put("一级指标", "A3", "gov_service"),
                 put("关系", "C2", "no_such_metric"), put("目标", "C2", 120), put("指标", "H40", "两位"))
    problems = refusals(spoiled(shipped_book, tmp_path, spoil))
    assert {"指标!E2", "一级指标!A3", "关系!C2", "目标!C2", "指标!H40"} <= {p.where for p in problems}


def test_the_error_message_says_nothing_was_changed_and_lists_the_cells(shipped_book, tmp_path):
    with pytest.raises(CatalogBookError) as refused:
        read_catalog_book(spoiled(shipped_book, tmp_path, put("指标", "E2", "斤")))
    message = str(refused.value)
    assert "未作任何改动" in message and "指标!E2" in message and "不认识的单位" in message


def test_a_file_that_is_no_workbook_is_refused_as_a_catalog_book_error(tmp_path):
    path = tmp_path / "目录.xlsx"
    path.write_text("这不是工作簿", encoding="utf-8")
    problems = refusals(path)
    assert problems[0].where == "目录.xlsx" and "不是 Excel 工作簿" in problems[0].reason


def test_a_retired_department_may_neither_lead_nor_file(shipped_book, tmp_path):
    import dataclasses

    justice = next(d for d in PROFILE.departments if d.code == "justice")
    retired = dataclasses.replace(PROFILE, departments=tuple(
        dataclasses.replace(d, retired=True) if d is justice else d for d in PROFILE.departments))
    path = spoiled(shipped_book, tmp_path, both(put("一级指标", "C2", "区司法局"), put("指标", "X2", "司法局")))
    with pytest.raises(CatalogBookError) as refused:
        read_catalog_book(path, retired)
    found = {p.where: p.reason for p in refused.value.problems}
    assert set(found) == {"一级指标!C2", "指标!X2"}
    assert "“区司法局”已撤销，不能再牵头" in found["一级指标!C2"] and "不能再填报" in found["指标!X2"]
