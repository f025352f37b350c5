"""The one application context passed around instead of singletons: the open store and catalogs."""

from __future__ import annotations

from pathlib import Path

from models.catalog import Catalog
from models.loader import load_catalog, year_for
from models.periods import Period
from models.profile import DistrictProfile
from storage import Store


class AppContext:
    def __init__(self, db_path: str | Path, who: str | None = None,
                 profile: DistrictProfile | None = None):
        self.store = Store(db_path, who=who)
        self.store.daily_backup()
        self.profile = profile
        self._catalogs: dict[int, Catalog] = {}

    @property
    def who(self) -> str:
        return self.store.who

    def catalog(self, year: int | None = None) -> Catalog:
        """The catalog that applies to an evaluation year (the latest when none is given)."""
        applies = year_for(year)
        if applies not in self._catalogs:
            self._catalogs[applies] = load_catalog(applies, self.profile)
        return self._catalogs[applies]

    def catalog_for(self, period: Period) -> Catalog:
        return self.catalog(period.year)

    def close(self) -> None:
        self.store.close()
