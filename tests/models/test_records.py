"""Records rebuilt from trusted data equal the ones pydantic checks; start-up imports neither pydantic nor the rules."""

import json
import subprocess
import sys
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest

from models.catalog import CatalogError, CatalogYear, RatioRelation, SumRelation
from models.loader import DATA_DIR, DEFAULT_PROFILE, definitions_from_data, profile_from_data
from models.periods import Period, PeriodError
from models.profile import DistrictProfile
from models.records import from_data, to_data
from models.schema import checked
from models.values import Entry, Value

CATALOG = json.loads((DATA_DIR / "catalog_2023.json").read_text(encoding="utf-8"))
PROFILE = json.loads(DEFAULT_PROFILE.read_text(encoding="utf-8"))
ROOT = Path(__file__).resolve().parents[2]


def test_trusted_rebuild_equals_the_checked_one():
    assert from_data(CatalogYear, CATALOG) == checked(CATALOG, CatalogYear, "catalog_2023.json")
    assert from_data(DistrictProfile, PROFILE) == checked(PROFILE, DistrictProfile, "profile")


def test_relations_are_told_apart_by_kind():
    relations = from_data(CatalogYear, CATALOG).relations
    assert {type(r) for r in relations} >= {RatioRelation, SumRelation}
    assert all(r.code for r in relations)  # derived from kind and subject when the file leaves it out


def test_to_data_round_trips_through_both_paths():
    definitions = from_data(CatalogYear, CATALOG)
    for data in (to_data(definitions), to_data(definitions, exclude_defaults=True)):
        json.dumps(data)  # plain JSON: enums as their values, tuples as lists
        assert from_data(CatalogYear, data) == definitions
        assert checked(data, CatalogYear, "again") == definitions


def test_exclude_defaults_leaves_out_what_the_file_need_not_say():
    metric = to_data(from_data(CatalogYear, CATALOG).indicators[0].metrics[0], exclude_defaults=True)
    assert "approximate_ok" not in metric and "swing_pct" not in metric
    assert {"code", "name", "unit", "kind", "value_type"} <= set(metric)


def test_stored_data_that_no_longer_fits_is_checked_and_named():
    spoiled = json.loads(json.dumps(PROFILE))
    spoiled["departments"][0]["colour"] = "red"
    with pytest.raises(CatalogError, match="数据库中的区县配置：departments\\[0\\].*colour：不认识的字段"):
        profile_from_data(spoiled, "数据库中的区县配置", trusted=True)
    spoiled = json.loads(json.dumps(CATALOG))
    spoiled["indicators"][0]["metrics"][0]["decimals"] = 9
    with pytest.raises(CatalogError, match="gs_items.*decimals 须在 0～6 之间"):
        definitions_from_data(spoiled, "数据库中的2023年目录", trusted=True)


def test_invariants_hold_however_a_record_is_made():
    metric = from_data(CatalogYear, CATALOG).indicators[0].metrics[0]
    with pytest.raises(ValueError, match="小写字母"):
        replace(metric, code="结案率")
    with pytest.raises(ValueError, match="整数"):
        replace(metric, decimals=2)  # a count
    with pytest.raises(PeriodError):
        Period(year=2023, quarter=5)
    with pytest.raises(FrozenInstanceError):
        metric.name = "别的"  # type: ignore[misc]


def test_whole_numbers_are_kept_as_floats():
    """Fingerprints of findings are JSON of the figures: 70 and 70.0 must not differ by how they came."""
    assert type(Entry(period="2023Q3", dept="court", metric="m", number=70).number) is float
    assert type(Value(period="2023Q3", dept="court", metric="m", number=70, raw="70").number) is float
    assert Entry(period="2023Q3", dept="court", metric="m", number=None).number is None


def test_opening_the_window_imports_neither_pydantic_nor_the_rules():
    """What the first paint does not need is imported after it: pydantic (~150 ms, only to check a
    user's file), the rules and the parser (~15 ms, at the check right after the paint), openpyxl."""
    heavy = ("pydantic", "pydantic_core", "openpyxl", "validation.engine", "validation.parsing", "validation.rules")
    code = ("import sys; import main; import cli; import gui.app, gui.main_window, app.session; "
            f"print(sorted(m for m in sys.modules if m in {heavy!r} or m.split('.')[0] in {heavy[:3]!r}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
