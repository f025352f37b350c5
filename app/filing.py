"""Who files what, over every evaluation year: the profile's leads and filing departments checked
against all catalogs, and figures that follow a change of who files them.

A profile holds a lead for every indicator of every year and, per metric, an optional filing
department (default: the indicator's lead).  Each year's catalog needs leads for its own indicators
only; a lead or filing department for an indicator or metric that no year has is a typo, refused.
When the department that files a metric changes (a new lead, or the metric's own filing department),
its figures move along (audited) or the change is refused with the count of figures it would hide.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.context import AppContext
from app.errors import Refused, UsageError
from models.catalog import Catalog, CatalogError, CatalogYear
from models.loader import profile_from_data
from models.profile import DistrictProfile
from models.records import to_data
from storage import settings as stored

Years = dict[int, CatalogYear]


def catalog_years(ctx: AppContext, replacing: CatalogYear | None = None) -> Years:
    """Every year's definitions (with ``replacing`` in place of its year's, as an import would store it)."""
    years = {year: ctx.definitions(year) for year in ctx.available_years()}
    if replacing is not None:
        years[replacing.year] = replacing
    return dict(sorted(years.items()))


def check_against_catalogs(years: Years, profile: DistrictProfile) -> None:
    """Each year's catalog has the leads it needs; no lead or filing department names a code no year has."""
    for year, definitions in years.items():
        try:
            Catalog(definitions, profile, source=f"{year}年目录")
        except CatalogError as exc:
            raise UsageError(f"{exc}；区县配置未保存。") from exc
    indicators = {i.code: i.name for d in years.values() for i in d.indicators}
    metrics = {m.code for d in years.values() for i in d.indicators for m in i.metrics}
    for role, assigned, known, what in (("牵头单位", profile.leads, indicators, "一级指标"),
                                        ("填报单位", profile.filers, metrics, "指标")):
        unknown = sorted(set(assigned) - set(known))
        if unknown:
            shown = "、".join(f"{code}（{role}：{profile.department(assigned[code]).name}）" for code in unknown)
            raise UsageError(f"区县配置：{shown} 不是任何年度目录中的{what}代码（拼写有误？），"
                             f"现有年度：{'、'.join(map(str, years))}；区县配置未保存。")


def without_unknown(profile: DistrictProfile, years: Years) -> DistrictProfile:
    """The profile less the leads and filing departments of codes no year has any longer (an indicator
    or metric a re-imported catalog dropped, in no other year): they would name nothing."""
    indicators = {i.code for d in years.values() for i in d.indicators}
    metrics = {m.code for d in years.values() for i in d.indicators for m in i.metrics}
    leads = {code: dept for code, dept in profile.leads.items() if code in indicators}
    filers = {code: dept for code, dept in profile.filers.items() if code in metrics}
    if (leads, filers) == (profile.leads, profile.filers):
        return profile
    return profile_from_data({**to_data(profile), "leads": leads, "filers": filers}, "区县配置")


def store_profile(ctx: AppContext, years: Years, old: DistrictProfile, new: DistrictProfile, reason: str,
                  move: bool) -> list[str]:
    """Inside the caller's transaction: refuse dropping a department with figures, move figures whose
    filing department changes (or refuse), store the profile; returns what was moved."""
    _refuse_dropped_departments(ctx, old, new)
    done = follow_filing_changes(ctx, years, old, new, move)
    stored.save_setting(ctx.store, stored.PROFILE_KEY, to_data(new), reason)
    return done


def _refuse_dropped_departments(ctx: AppContext, old: DistrictProfile, new: DistrictProfile) -> None:
    kept = {d.code for d in new.departments}
    for dept in old.departments:
        if dept.code not in kept and ctx.store.values(dept=dept.code):
            raise Refused(f"部门“{dept.name}”已有填报数值，不能删除；如已不再填报，请将其撤销（retired）。")


@dataclass(frozen=True)
class FilingChange:
    """Metrics whose filing department changes, for one reason: their indicator's lead (``subject`` an
    indicator code) or their own filing department (``subject`` the metric code)."""

    subject: str
    lead: bool
    before: str
    after: str
    metrics: frozenset[str]


def filing_changes(years: Years, old: DistrictProfile, new: DistrictProfile) -> list[FilingChange]:
    found: dict[tuple[str, bool, str, str], set[str]] = {}
    for definitions in years.values():
        for indicator in definitions.indicators:
            for metric in indicator.metrics:
                before = old.filers.get(metric.code) or old.leads.get(indicator.code)
                after = new.filers.get(metric.code) or new.leads.get(indicator.code)
                if before is None or after is None or before == after:
                    continue  # a new indicator or metric has no figures yet
                own = metric.code in old.filers or metric.code in new.filers
                key = (metric.code, False, before, after) if own else (indicator.code, True, before, after)
                found.setdefault(key, set()).add(metric.code)
    return [FilingChange(s, lead, b, a, frozenset(m)) for (s, lead, b, a), m in found.items()]


def follow_filing_changes(ctx: AppContext, years: Years, old: DistrictProfile, new: DistrictProfile,
                          move: bool, dry_run: bool = False) -> list[str]:
    """Move the figures of each change (audited), or refuse when it would hide figures and ``move`` is
    not asked; ``dry_run`` only says what would be moved."""
    done = []
    for change in filing_changes(years, old, new):
        count = stored.count_figures(ctx.store, change.before, change.metrics)
        role = "牵头" if change.lead else "填报"
        if count and not move:
            raise Refused(
                f"指标 {change.subject} 原由 {change.before} {role}，已有 {count} 项数值。改由 {change.after} {role}"
                f"会使这些数值不再显示；如要连同数值一起转给新{role}单位，请加 --move-figures（界面中勾选“转移已填数值”）。")
        if count and dry_run:
            done.append(f"{change.subject}：将有 {count} 项数值由 {change.before} 转给 {change.after}")
        elif count:
            stored.move_figures(ctx.store, change.metrics, change.before, change.after,
                                reason=f"指标 {change.subject} 改由 {change.after} {role}")
            done.append(f"{change.subject}：{count} 项数值由 {change.before} 转给 {change.after}")
    return done
