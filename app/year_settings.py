"""A district's settings of one evaluation year: its own targets and what does not apply to it.

Each change is checked against that year's catalog (a target on a metric the catalog lacks, or a
target out of the metric's range, is refused naming it) and stored through ``save_profile``,
which audits it.
"""

from __future__ import annotations

import math
from dataclasses import replace

from app.context import AppContext
from app.errors import UsageError
from app.profile import save_profile
from models.catalog import Catalog, CatalogError, Target
from models.profile import DistrictYear

OPS = {">=": ">=", "<=": "<=", "==": "==", ">": ">", "≥": ">=", "≤": "<=", "=": "==", "＞": ">"}


def typed_number(text: str, what: str, unit: str = "") -> float | None:
    """A number as typed in a form ("96", "96%", " 1,200 "); None when nothing was typed."""
    shown = text.strip().replace(",", "").replace("，", "")
    if unit and shown.endswith(unit):
        shown = shown[: -len(unit)].strip()
    if not shown:
        return None
    try:
        number = float(shown)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise UsageError(f"{what}须为数字（如 96），而不是“{text.strip()}”。")
    return number


def _catalog(ctx: AppContext, year: int) -> Catalog:
    if year not in ctx.available_years():
        raise UsageError(f"没有 {year} 年的目录。现有：{'、'.join(map(str, ctx.available_years()))}")
    return ctx.catalog(year)


def _save(ctx: AppContext, year: int, settings: DistrictYear, reason: str) -> list[str]:
    profile = replace(ctx.profile, years={**ctx.profile.years, year: settings})
    try:
        Catalog(_catalog(ctx, year).definitions, profile, source=f"{year}年目录")
    except CatalogError as exc:
        raise UsageError(str(exc)) from exc
    return [reason, *save_profile(ctx, profile, reason=reason)]


def _settings(ctx: AppContext, year: int) -> DistrictYear:
    return ctx.profile.years.get(year) or DistrictYear()


def set_target(ctx: AppContext, year: int, metric: str, op: str, value: float, due: int = 4,
               baseline: float | None = None, source: str = "") -> list[str]:
    """The district's target of a metric for a year; the first one set starts the district's
    target set from the catalog's targets of that year (so that none of them silently drops)."""
    catalog = _catalog(ctx, year)
    if catalog.metric(metric) is None:
        raise UsageError(f"{year}年目录中没有指标“{metric}”，不能为它设目标。")
    if op not in OPS:
        raise UsageError(f"比较须为 ≥、≤、= 或 >（>=、<=、==、>），而不是“{op}”。")
    try:
        target = Target(op=OPS[op], value=value, due=due, baseline=baseline, source=source.strip())
    except ValueError as exc:
        raise UsageError(f"{metric} 的目标：{exc}") from exc
    settings = _settings(ctx, year)
    current = {m.code: m.target for m in catalog.metrics if m.target}
    targets = {**current, metric: target}
    shown = target.text(catalog.metric(metric).unit)
    return _save(ctx, year, replace(settings, targets=targets), f"{year}年 {metric} 的目标设为 {shown}")


def clear_target(ctx: AppContext, year: int, metric: str) -> list[str]:
    catalog = _catalog(ctx, year)
    current = {m.code: m.target for m in catalog.metrics if m.target}
    if metric not in current:
        raise UsageError(f"{year}年指标“{metric}”没有目标，无需清除。")
    targets = {code: t for code, t in current.items() if code != metric}
    return _save(ctx, year, replace(_settings(ctx, year), targets=targets), f"清除 {year}年 {metric} 的目标")


def mark_not_applicable(ctx: AppContext, year: int, code: str, reason: str) -> list[str]:
    catalog = _catalog(ctx, year)
    if catalog.metric(code) is None and catalog.indicator(code) is None:
        raise UsageError(f"{year}年目录中没有指标或一级指标“{code}”。")
    if not reason.strip():
        raise UsageError(f"{code} 标为不适用须写明原因（如“本区无此项业务”）。")
    settings = _settings(ctx, year)
    marks = {**settings.not_applicable, code: reason.strip()}
    done = _save(ctx, year, replace(settings, not_applicable=marks), f"{year}年 {code} 不适用：{reason.strip()}")
    codes = [m.code for m in catalog.indicator(code).metrics] if catalog.indicator(code) else [code]
    periods = [f"{year}Q{q}" for q in (1, 2, 3, 4)]
    count = len(ctx.store.values(periods=periods, metrics=codes))
    if count:
        done.append(f"{year}年已填的 {count} 项数值仍保存在数据库中，标为不适用后不参与校验、不报送。")
    return done


def mark_applicable(ctx: AppContext, year: int, code: str) -> list[str]:
    settings = _settings(ctx, year)
    if code not in settings.not_applicable:
        raise UsageError(f"{year}年“{code}”没有标为不适用。")
    marks = {c: r for c, r in settings.not_applicable.items() if c != code}
    return _save(ctx, year, replace(settings, not_applicable=marks), f"{year}年 {code} 恢复为适用")
