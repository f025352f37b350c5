"""Building figures for engine tests the way a filer types them."""

from __future__ import annotations

import dataclasses
import json

from models.catalog import Catalog, Target
from models.loader import DATA_DIR, DEFAULT_PROFILE, definitions_from_data, load_profile
from models.periods import Period
from models.values import Explanation, Value
from validation.parsing import parse_entry


def typed(catalog, period: str, figures: dict[str, str]) -> list[Value]:
    """Values for ``period`` from typed texts, read by the real parser (raw kept as typed)."""
    values = []
    for code, text in figures.items():
        parsed = parse_entry(text, catalog.metric(code))
        values.append(Value(period=Period.parse(period).code, dept=catalog.department_of(code), metric=code,
                            number=parsed.number, raw=parsed.raw))
    return values


def stored(catalog, period: str, code: str, number: float, raw: str | None = None) -> Value:
    """A value as an import or an older version may have stored it, bypassing the parser."""
    return Value(period=period, dept=catalog.department_of(code), metric=code, number=number,
                 raw=str(number) if raw is None else raw)


def rules_found(findings, metric: str | None = None) -> set[str]:
    return {f.rule for f in findings if metric is None or f.metric == metric}


def series(catalog, code: str, figures: dict[str, str]) -> list[Value]:
    """One metric over several periods ({"2023Q2": "3.4", …}), typed as a filer types them."""
    return [value for period, text in figures.items() for value in typed(catalog, period, {code: text})]


def catalog_with(changes: dict[str, dict] | None = None, *, added: dict[str, list[dict]] | None = None,
                 relations: list[dict] = ()) -> Catalog:
    """The 2023 catalog as a district's own file may set it: fields of some metrics changed
    (``{"gs_online_rate": {"grades": {"swing": "error"}}}``), metrics added to indicators, relations added.
    A code that names no metric or indicator fails: an override that changes nothing proves nothing."""
    changes, added = dict(changes or {}), dict(added or {})
    targets = {code: change.pop("target") for code, change in changes.items() if "target" in change}
    data = json.loads((DATA_DIR / "catalog_2023.json").read_text(encoding="utf-8"))
    for indicator in data["indicators"]:
        for metric in indicator["metrics"]:
            metric.update(changes.pop(metric["code"], {}))
        indicator["metrics"] += added.pop(indicator["code"], [])
    assert not changes and not added, f"目录中没有这些代码：{[*changes, *added]}"
    data["relations"] += list(relations)
    return Catalog(definitions_from_data(data, "测试目录"), _with_targets(targets), source="测试目录")


def _with_targets(targets: dict[str, dict]):
    """The demo district's profile with some of its 2023 targets set otherwise (targets are the district's)."""
    profile = load_profile(DEFAULT_PROFILE)
    if not targets:
        return profile
    year = profile.years[2023]
    changed = {**year.targets, **{code: Target(**t) for code, t in targets.items()}}
    return dataclasses.replace(profile, years={**profile.years, 2023: dataclasses.replace(year, targets=changed)})


def explanation_of(finding, text: str) -> Explanation:
    """The 说明 a filer writes for exactly this finding (its fingerprint: the figures it is about)."""
    return Explanation(period=finding.period, dept=finding.dept, metric=finding.metric, rule=finding.rule,
                       text=text, fingerprint=finding.fingerprint, who="李四", at="2023-10-09T10:00:00+08:00")
