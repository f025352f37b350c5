"""Reading catalog and profile files, with errors that name the file, the entry and the problem."""

from __future__ import annotations

import json
import re
from pathlib import Path

from models.catalog import Catalog, CatalogError, CatalogYear
from models.file_errors import unreadable_json
from models.profile import DistrictProfile
from models.records import from_data

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_PROFILE = DATA_DIR / "profile_honggutan.json"
_CATALOG_FILE = re.compile(r"^catalog_(\d{4})\.json$")


def catalog_files(data_dir: Path = DATA_DIR) -> dict[int, Path]:
    """Available catalog files by evaluation year."""
    found = {}
    for path in data_dir.glob("catalog_*.json"):
        match = _CATALOG_FILE.match(path.name)
        if match:
            found[int(match.group(1))] = path
    return dict(sorted(found.items()))


def year_for(year: int | None, data_dir: Path = DATA_DIR) -> int:
    """The catalog year that applies among the shipped files."""
    return pick_year(year, catalog_files(data_dir))


def pick_year(year: int | None, available) -> int:
    """The year itself, else the latest before it, else the first; the latest when none is asked."""
    years = sorted(available)
    if not years:
        raise CatalogError("没有任何指标目录（catalog_年份.json）")
    if year is None:
        return years[-1]
    earlier = [y for y in years if y <= year]
    return earlier[-1] if earlier else years[0]


def load_catalog(
    year: int | None = None,
    profile: DistrictProfile | Path | None = None,
    data_dir: Path = DATA_DIR,
) -> Catalog:
    """The catalog that applies to ``year`` joined with a district profile."""
    path = catalog_files(data_dir)[year_for(year, data_dir)]
    return catalog_from_file(path, profile)


def load_definitions(year: int | None = None, data_dir: Path = DATA_DIR) -> tuple[CatalogYear, str]:
    """The shipped definitions that apply to ``year``, not joined with a profile, and the file's name."""
    path = catalog_files(data_dir)[year_for(year, data_dir)]
    return _read_model(path, CatalogYear), path.name


def catalog_from_file(path: Path, profile: DistrictProfile | Path | None = None) -> Catalog:
    path = Path(path)
    definitions = _read_model(path, CatalogYear)
    if not isinstance(profile, DistrictProfile):
        profile = load_profile(profile or DEFAULT_PROFILE)
    return Catalog(definitions, profile, source=path.name)


def load_profile(path: Path) -> DistrictProfile:
    return _read_model(Path(path), DistrictProfile)


def definitions_from_data(data: dict, source: str, trusted: bool = False) -> CatalogYear:
    """A catalog year from already-parsed JSON; ``trusted``: stored by this program after checking."""
    return _from_data(data, CatalogYear, source, trusted)


def profile_from_data(data: dict, source: str, trusted: bool = False) -> DistrictProfile:
    return _from_data(data, DistrictProfile, source, trusted)


def _read_model(path: Path, kind: type):
    """A file the program ships (tested with every release) is trusted; any other is checked."""
    trusted = path.resolve().parent == DATA_DIR
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogError(unreadable_json(path, exc)) from exc
    return _from_data(data, kind, path.name, trusted)


def _from_data(data: object, kind: type, source: str, trusted: bool):
    """Trusted data (shipped files, what this program stored after checking it) is rebuilt
    directly; anything else, or trusted data that no longer fits, is checked field by field."""
    if trusted:
        try:
            return from_data(kind, data)
        except (TypeError, ValueError):
            pass  # the check below names what is wrong
    from models.schema import checked  # pydantic: only when a file is checked

    return checked(data, kind, source)


