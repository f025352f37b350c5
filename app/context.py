"""The one application context passed around instead of singletons: the open store and catalogs."""

from __future__ import annotations

from pathlib import Path

from models.catalog import Catalog, CatalogYear
from models.loader import (
    DEFAULT_PROFILE,
    catalog_files,
    definitions_from_data,
    load_definitions,
    load_profile,
    pick_year,
    profile_from_data,
)
from models.periods import Period
from models.profile import DistrictProfile
from storage import Store
from storage import settings as stored


class AppContext:
    def __init__(self, db_path: str | Path, who: str | None = None,
                 profile: DistrictProfile | None = None):
        self.store = Store(db_path, who=who)
        self.store.daily_backup()
        self._profile = profile
        self._catalogs: dict[int, Catalog] = {}
        self._definitions: dict[int, tuple[CatalogYear, str]] = {}
        self._years: list[int] | None = None

    @property
    def who(self) -> str:
        return self.store.who

    @property
    def profile(self) -> DistrictProfile:
        """The district profile: the one saved in this database, else the shipped default."""
        if self._profile is None:
            data = stored.load_setting(self.store, stored.PROFILE_KEY)
            self._profile = (profile_from_data(data, "数据库中的区县配置", trusted=True) if data
                             else load_profile(DEFAULT_PROFILE))
        return self._profile

    def available_years(self) -> list[int]:
        """Catalog years: the shipped files and the ones made in this database (kept until ``reload``)."""
        if self._years is None:
            self._years = sorted(set(catalog_files()) | set(stored.catalog_years(self.store)))
        return list(self._years)

    def catalog(self, year: int | None = None) -> Catalog:
        """The catalog that applies to an evaluation year (the latest when none is given)."""
        applies = pick_year(year, self.available_years())
        if applies not in self._catalogs:
            self._catalogs[applies] = self._load_catalog(applies)
        return self._catalogs[applies]

    def _load_catalog(self, year: int) -> Catalog:
        definitions, source = self._load_definitions(year)
        return Catalog(definitions, self.profile, source=source)

    def definitions(self, year: int) -> CatalogYear:
        """A year's own definitions, not joined with the profile: what a changed profile is checked against."""
        return self._load_definitions(pick_year(year, self.available_years()))[0]

    def _load_definitions(self, year: int) -> tuple[CatalogYear, str]:
        if year not in self._definitions:
            data = stored.load_catalog_definition(self.store, year)
            if data is None:
                self._definitions[year] = load_definitions(year)
            else:
                source = f"数据库中的{year}年目录"
                self._definitions[year] = definitions_from_data(data, source, trusted=True), source
        return self._definitions[year]

    def catalog_for(self, period: Period) -> Catalog:
        return self.catalog(period.year)

    def reload(self) -> None:
        """Forget cached profile, catalog years and catalogs after they were changed."""
        self._profile = None
        self._years = None
        self._catalogs.clear()
        self._definitions.clear()

    def close(self) -> None:
        self.store.close()
