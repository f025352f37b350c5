"""The district profile and user-made catalogs stored in the database, and moving figures
between departments when the profile changes who files them.  Every change is audited.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from storage.errors import StoreError
from storage.store import Store, now
from storage.texts import check_texts

PROFILE_KEY = "district_profile"


def load_setting(store: Store, key: str) -> dict | None:
    rows = store._rows("SELECT value FROM settings WHERE key = ?", (key,))
    return json.loads(rows[0]["value"]) if rows else None


def save_setting(store: Store, key: str, value: dict, reason: str) -> None:
    check_texts(value, f"设置 {key}")
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    with store.transaction() as conn:
        at = now()
        conn.execute("INSERT OR REPLACE INTO settings (key, value, who, at) VALUES (?, ?, ?, ?)",
                     (key, text, store.who, at))
        store._audit(at, "settings", "", "", key, new_raw=text, reason=reason)


def catalog_years(store: Store) -> list[int]:
    return [row["year"] for row in store._rows("SELECT year FROM catalogs ORDER BY year")]


def load_catalog_definition(store: Store, year: int) -> dict | None:
    rows = store._rows("SELECT definition FROM catalogs WHERE year = ?", (year,))
    return json.loads(rows[0]["definition"]) if rows else None


def save_catalog_definition(store: Store, year: int, definition: dict, reason: str) -> None:
    check_texts(definition, f"{year}年目录")
    text = json.dumps(definition, ensure_ascii=False)
    with store.transaction() as conn:
        at = now()
        conn.execute("INSERT OR REPLACE INTO catalogs (year, definition, who, at) VALUES (?, ?, ?, ?)",
                     (year, text, store.who, at))
        store._audit(at, "catalog", str(year), "", reason=reason)


def count_figures(store: Store, dept: str, metrics: Iterable[str]) -> int:
    metrics = list(metrics)
    if not metrics:
        return 0
    marks = ", ".join("?" * len(metrics))
    rows = store._rows(f"SELECT COUNT(*) AS n FROM figures WHERE dept = ? AND metric IN ({marks})",
                       [dept, *metrics])
    return rows[0]["n"]


def move_figures(store: Store, metrics: Iterable[str], from_dept: str, to_dept: str, reason: str) -> int:
    """Re-file the figures (and their explanations) of ``metrics`` under another department.

    Refused whole when a period of either department is locked, or when the new department
    already has a figure for the same period and metric (nothing is overwritten).
    """
    metrics = list(metrics)
    marks = ", ".join("?" * len(metrics))
    with store.transaction() as conn:
        moving = store._rows(f"SELECT * FROM figures WHERE dept = ? AND metric IN ({marks})", [from_dept, *metrics])
        _refuse_conflicts(store, moving, to_dept)
        store._refuse_locked({(row["period"], d) for row in moving for d in (from_dept, to_dept)})
        at = now()
        for row in moving:
            conn.execute("UPDATE figures SET dept = ? WHERE period = ? AND dept = ? AND metric = ?",
                         (to_dept, row["period"], from_dept, row["metric"]))
            conn.execute("UPDATE explanations SET dept = ? WHERE period = ? AND dept = ? AND metric = ?",
                         (to_dept, row["period"], from_dept, row["metric"]))
            store._audit(at, "reassign", row["period"], to_dept, row["metric"], new_raw=row["raw"],
                         new_number=row["number"], reason=reason, source=f"原填报单位 {from_dept}")
    return len(moving)


def _refuse_conflicts(store: Store, moving: list[dict], to_dept: str) -> None:
    clashes = [f"{row['period']} {row['metric']}" for row in moving
               if store.get(row["period"], to_dept, row["metric"]) is not None]
    if clashes:
        raise StoreError(f"{to_dept} 已有相同统计期的数值，不能合并（不覆盖任何数值）：{'、'.join(clashes[:10])}")
