"""The catalog workbook: the 营商办's editable form of a year's catalog, and back."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess

import openpyxl
import pytest

from exports.catalog_book import COLUMNS, DATA_SHEETS, INSTRUCTIONS, write_catalog_book
from exports.catalog_book_read import read_catalog_book
from models.catalog import (
    CatalogYear,
    Frequency,
    Indicator,
    Kind,
    Metric,
    PartLeWholeRelation,
    RatioRelation,
    Severity,
    SumRelation,
    Target,
    ValueType,
)
from models.loader import definitions_from_data, load_catalog
from models.records import to_data


@pytest.fixture(scope="module")
def shipped():
    return load_catalog(2023).effective


@pytest.fixture(scope="module")
def shipped_book(shipped, tmp_path_factory):
    path = tmp_path_factory.mktemp("book") / "目录2023.xlsx"
    write_catalog_book(shipped, path)
    return path


def test_the_shipped_catalog_comes_back_unchanged(shipped, shipped_book):
    data = read_catalog_book(shipped_book)
    assert data == to_data(shipped, exclude_defaults=True)
    assert definitions_from_data(data, "目录2023.xlsx") == shipped


# Every field of a metric has a column (target: the 目标 sheet); a new field must get one too.
KNOWN_METRIC_FIELDS = {
    "code", "name", "unit", "kind", "value_type", "decimals", "direction", "target", "required", "minimum",
    "maximum", "swing_pct", "swing_points", "outlier_k", "grades", "aliases", "description", "formula",
    "data_source", "frequency", "approximate_ok", "renamed_from", "rename_factor",
}


def test_every_metric_field_is_known_to_the_workbook():
    assert {f.name for f in dataclasses.fields(Metric)} == KNOWN_METRIC_FIELDS, \
        "a new Metric field needs a column in exports/catalog_book.py and its reader"


def every_field_set() -> CatalogYear:
    """A catalog where each field differs from its default, so that a field lost on the way shows."""
    rate = Metric(
        code="ii_rd_growth", name="全社会研发经费增长", unit="%", kind=Kind.YTD, value_type=ValueType.GROWTH,
        decimals=2, direction="higher", required=False, minimum=-50.0, maximum=300.0, swing_pct=40.0,
        swing_points=7.5, outlier_k=2.5, grades={"yoy": Severity.ERROR, "swing": Severity.WARNING},
        aliases=("研发经费", "“研发、试验”经费", "研发、试验经费"), description="全社会研究与试验发展经费支出的同比增长。",
        formula="（本年 − 上年）÷ 上年 × 100%", data_source="统计局年报", frequency=Frequency.YEAR,
        renamed_from="ii_rd_growth_2023", rename_factor=0.5,
        target=Target(op=">=", value=10.0, source="2023年力争全社会研发经费保持10%增长", due=4, baseline=8.5),
    )
    counts = [Metric(code=f"ii_{name}", name=label, unit="个", kind=Kind.QUARTER, value_type=ValueType.COUNT,
                     approximate_ok=True, target=Target(op="<=", value=402.0, due=2) if name == "all" else None)
              for name, label in (("all", "托位数"), ("public", "公办托位数"), ("private", "民办托位数"))]
    share = Metric(code="ii_public_share", name="公办托位占比", unit="%", kind=Kind.LEVEL, value_type=ValueType.SHARE)
    return CatalogYear(
        year=2024, title="2024年测试目录",
        indicators=(Indicator(code="inclusive_innovation", name="包容普惠创新", metrics=(rate, *counts, share)),),
        relations=(
            SumRelation(kind="sum", total="ii_all", parts=("ii_public", "ii_private"), severity=Severity.WARNING),
            RatioRelation(kind="ratio", result="ii_public_share", numerator="ii_public", denominator="ii_all",
                          code="public_share_identity", description="占比 = 公办 ÷ 全部"),
            PartLeWholeRelation(kind="part_le_whole", part="ii_public", whole="ii_all", severity=Severity.ERROR),
        ),
    )


def test_every_field_with_a_value_comes_back(tmp_path):
    definitions = every_field_set()
    write_catalog_book(definitions, tmp_path / "目录.xlsx")
    aliases = openpyxl.load_workbook(tmp_path / "目录.xlsx")["指标"]["D2"].value
    assert aliases == "研发经费\n“研发、试验”经费\n研发、试验经费"  # a bare 、 in an alias: one alias a line
    data = read_catalog_book(tmp_path / "目录.xlsx")
    assert data == to_data(definitions, exclude_defaults=True)
    assert definitions_from_data(data, "目录.xlsx") == definitions


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_book_saved_again_by_libreoffice_reads_the_same(shipped, shipped_book, tmp_path):
    for definitions, source in ((shipped, shipped_book), (every_field_set(), tmp_path / "全字段.xlsx")):
        if definitions is not shipped:
            write_catalog_book(definitions, source)
        out = tmp_path / "libreoffice"
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                        "--convert-to", "xlsx", "--outdir", str(out), str(source)],
                       check=True, capture_output=True, timeout=180)
        again = out / source.name
        assert again.read_bytes() != source.read_bytes()  # really another writer's file
        assert definitions_from_data(read_catalog_book(again), again.name) == definitions


def test_the_sheets_a_coordinator_sees(shipped, shipped_book):
    wb = openpyxl.load_workbook(shipped_book)
    assert wb.sheetnames == [INSTRUCTIONS, *DATA_SHEETS] == ["填写说明", "目录", "一级指标", "指标", "关系", "目标"]
    for title in DATA_SHEETS:
        ws = wb[title]
        headers = [c.value for c in ws[1]]
        assert headers == [c.header for c in COLUMNS[title]]
        assert ws.freeze_panes in ("A2", "C2")
        assert all(ws.cell(1, n).comment is not None for n in range(1, len(headers) + 1))
        assert all(ws.column_dimensions[openpyxl.utils.get_column_letter(n)].width for n in range(1, len(headers) + 1))
    metrics = wb["指标"]
    assert metrics.max_row == 1 + sum(len(i.metrics) for i in shipped.indicators)
    assert [c.value for c in metrics[3]][:11] == [
        "gov_service", "gs_online_rate", "网上可办率", "网上可办", "%", "时点", "占比", 2, "越高越好", "是", "季度"]
    alias = next(c.value for row in metrics.iter_rows() for c in row if c.value and "双随机、一公开" in str(c.value))
    assert alias == "“双随机、一公开”检查工作、双随机总任务数"  # a 、 inside quotes splits nothing
    assert wb["目标"]["A2"].value == "gs_online_rate" and wb["目标"]["B2"].value == "≥" and wb["目标"]["C2"].value == 96


def test_every_enumerated_column_has_a_drop_down_list(shipped_book):
    wb = openpyxl.load_workbook(shipped_book)
    for title in DATA_SHEETS:
        ws = wb[title]
        lists = {str(v.sqref).split(":")[0][:-1]: v.formula1 for v in ws.data_validations.dataValidation}
        for number, column in enumerate(COLUMNS[title], 1):
            letter = openpyxl.utils.get_column_letter(number)
            if column.choices:
                assert lists[letter] == '"' + ",".join(column.choices) + '"', (title, column.header)
            else:
                assert letter not in lists
    kinds = {v.formula1 for v in wb["指标"].data_validations.dataValidation}
    assert '"累计,时点,当季"' in kinds and '"季度,半年,年度"' in kinds


def test_the_instructions_say_how_import_treats_the_file(shipped_book):
    ws = openpyxl.load_workbook(shipped_book)[INSTRUCTIONS]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    for words in ("每个指标在“指标”表占一行", "小写英文字母", "什么也不改动", "强制性", "核实性", "ytd_monotonic",
                  "越高越好", "占比、增长率、压缩率", "季度、半年、年度"):
        assert words in text, words


def test_a_coordinators_edits_are_read(shipped_book, tmp_path):
    """Setting up 2024: 跨境贸易 added with a metric and a target, an annual statistic marked 年度."""
    wb = openpyxl.load_workbook(shipped_book)
    wb["目录"]["A2"], wb["目录"]["B2"] = 2024, "2024年江西省县（市、区）营商环境评价指标"
    wb["一级指标"].append(["cross_border", "跨境贸易"])
    wb["指标"].append(["cross_border", "cb_import_hours", "进口整体通关时间", "进口通关时间", "小时", "时点", "时长", 2,
                      "越低越好", "是", "季度", None, None, None, None, None, None, None, "自申报至放行的时间"])
    wb["目标"].append(["cb_import_hours", "≤", 30, None, None, "本区2024年行动方案"])
    metrics = wb["指标"]
    row = next(r for r in range(2, metrics.max_row + 1) if metrics.cell(r, 2).value == "ii_rd_growth")
    metrics.cell(row, 11).value = "年度"
    wb.save(tmp_path / "2024.xlsx")

    definitions = definitions_from_data(read_catalog_book(tmp_path / "2024.xlsx"), "2024.xlsx")
    assert definitions.year == 2024 and definitions.indicators[-1].name == "跨境贸易"
    (added,) = definitions.indicators[-1].metrics
    assert (added.unit, added.kind, added.value_type, added.decimals) == ("小时", Kind.LEVEL, ValueType.DURATION, 2)
    assert added.target == Target(op="<=", value=30.0, source="本区2024年行动方案")
    assert added.description == "自申报至放行的时间" and added.swing_pct == 50.0  # blank: the default
    rd = next(m for i in definitions.indicators for m in i.metrics if m.code == "ii_rd_growth")
    assert rd.frequency == Frequency.YEAR and rd.target.value == 10.0


def test_saving_over_a_book_leaves_no_half_file_behind(shipped, shipped_book, tmp_path):
    path = tmp_path / "目录.xlsx"
    path.write_bytes(shipped_book.read_bytes())
    write_catalog_book(every_field_set(), path)
    assert read_catalog_book(path)["year"] == 2024
    assert [p.name for p in tmp_path.iterdir()] == ["目录.xlsx"]


def test_a_stock_and_its_flows_are_one_row_of_the_relation_sheet(shipped, shipped_book):
    """期末平衡: the stock, its inflow and its outflow in that order; the instructions say what 期初 is."""
    wb = openpyxl.load_workbook(shipped_book)
    (row,) = [r for r in wb["关系"].iter_rows(min_row=2, values_only=True) if r[0] == "期末平衡"]
    assert row[1:5] == ("bs_entities_total", "bs_entities_new", "bs_entities_closed", None)
    text = "\n".join(str(c.value) for r in wb[INSTRUCTIONS].iter_rows() for c in r if c.value)
    assert "期末平衡（期末数 = 期初数 + 新增（指标2）− 减少（指标3）；期初数是同一指标上年末" in text
    (relation,) = [r for r in definitions_from_data(read_catalog_book(shipped_book), "目录").relations
                   if r.kind == "stock_flow"]
    assert relation == next(r for r in shipped.relations if r.kind == "stock_flow")


def test_the_departments_come_back_as_the_profile_has_them(shipped, tmp_path):
    from exports.catalog_book import department_choices
    from exports.catalog_book_read import read_catalog_workbook
    from models.loader import DEFAULT_PROFILE, load_profile

    profile = load_profile(DEFAULT_PROFILE)
    path = tmp_path / "目录.xlsx"
    write_catalog_book(shipped, path, profile)
    book = read_catalog_workbook(path, profile)
    assert book.leads == profile.leads and book.filers == {}
    assert book.data == to_data(shipped, exclude_defaults=True)
    names = department_choices(tuple(d.name for d in profile.departments))
    assert len(names) == len(profile.departments)
    wb = openpyxl.load_workbook(path)
    for sheet, letter in (("一级指标", "C"), ("指标", "X")):
        assert wb[sheet][f"{letter}1"].value in ("牵头单位", "填报单位")
        lists = {str(v.sqref): v.formula1 for v in wb[sheet].data_validations.dataValidation}
        assert lists[f"{letter}2:{letter}2001"] == '"' + ",".join(names) + '"'
    assert wb["一级指标"]["C4"].value == "区住建局"  # electricity


def test_a_breakthrough_target_goes_out_and_back_as_more_than(tmp_path):
    """专利质押融资金实现突破 (seed 004) is the district's target > 0; the 目标 sheet offers “>” beside ≥ ≤ =."""
    effective = load_catalog(2023).effective
    path = tmp_path / "目录.xlsx"
    write_catalog_book(effective, path)
    wb = openpyxl.load_workbook(path)
    lists = [v.formula1 for v in wb["目标"].data_validations.dataValidation]
    assert '"≥,≤,=,>"' in lists
    metrics = {m["code"]: m for i in read_catalog_book(path)["indicators"] for m in i["metrics"]}
    assert metrics["ip_pledge_amount"]["target"]["op"] == ">" and metrics["ip_pledge_amount"]["target"]["value"] == 0
