"""Changing the district profile and the evaluation-year catalogs, without losing any figure.

A department that already filed figures can be renamed or retired but never deleted; moving
an indicator to another lead department either moves its figures along (audited) or is
refused with the count of figures that would otherwise drop out of sight.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from app import filing
from app.context import AppContext
from app.errors import Refused, UsageError
from models import listing
from models.catalog import Catalog, CatalogError, CatalogYear
from models.catalog_diff import CatalogDiff, diff_catalogs
from models.file_errors import unreadable_json
from models.lineage import lineage_problems, previous_year
from models.loader import definitions_from_data, load_profile, profile_from_data
from models.periods import Period
from models.profile import (
    FORM_FIELDS,
    Department,
    DistrictProfile,
    DistrictYear,
    describe_shared,
    shared_names,
)
from models.records import to_data
from models.texts import writable
from models.workflow import parse_deadline
from storage import settings as stored


def save_profile(ctx: AppContext, new: DistrictProfile, reason: str, move_figures: bool = False) -> list[str]:
    """Check a new profile against every catalog, move figures if asked, store it; returns what was done.

    One transaction: figures moved to a new lead or filing department and the profile naming it are
    stored together or not at all (moved figures under the old department would drop out of the export).
    """
    old = ctx.profile
    refuse_shared_names(old, new.departments)
    years = filing.catalog_years(ctx)
    filing.check_against_catalogs(years, new)
    try:
        with ctx.store.transaction():
            return filing.store_profile(ctx, years, old, new, reason, move_figures)
    finally:
        ctx.reload()


# ---- small edits ------------------------------------------------------------------------

def with_district(profile: DistrictProfile, name: str) -> DistrictProfile:
    if not name.strip():
        raise UsageError("区县名称不能为空。")
    return _copy(profile, district=name.strip())


def with_department(profile: DistrictProfile, code: str, name: str) -> DistrictProfile:
    try:
        added = Department(code=code, name=name.strip())
    except ValueError as exc:
        raise UsageError(f"新增部门：{exc}") from exc
    refuse_shared_names(profile, (*profile.departments, added))
    return _copy(profile, departments=(*profile.departments, added))


def with_renamed(profile: DistrictProfile, dept: str, name: str) -> DistrictProfile:
    found, name = _department(profile, dept), name.strip()
    aliases = tuple(dict.fromkeys(a for a in (*found.aliases, found.name) if a != name))  # the old name stays an alias
    renamed = replace(found, name=name, aliases=aliases)
    return _copy(profile, departments=tuple(renamed if d.code == found.code else d for d in profile.departments))


def with_retired(profile: DistrictProfile, dept: str) -> DistrictProfile:
    found = _department(profile, dept)
    leading = [i for i, d in profile.leads.items() if d == found.code]
    if leading:
        raise Refused(f"“{found.name}”仍牵头 {'、'.join(leading)}，请先为这些指标指定新的牵头单位。")
    filing = [m for m, d in profile.filers.items() if d == found.code]
    if filing:
        raise Refused(f"“{found.name}”仍填报 {'、'.join(filing)}，请先为这些指标指定新的填报单位（profile filer）"
                      "或改回由牵头单位填报（profile filer 指标代码 --clear）。")
    retired = replace(found, retired=True)
    return _copy(profile, departments=tuple(retired if d.code == found.code else d for d in profile.departments))


def with_lead(profile: DistrictProfile, indicator: str, dept: str) -> DistrictProfile:
    if indicator not in profile.leads:
        raise UsageError(f"没有一级指标“{indicator}”。可用：{'、'.join(profile.leads)}")
    return _copy(profile, leads=dict(profile.leads, **{indicator: _department(profile, dept).code}))


def with_filer(profile: DistrictProfile, metric: str, dept: str) -> DistrictProfile:
    """The metric filed by ``dept`` instead of its indicator's lead (checked against every catalog on saving)."""
    return _copy(profile, filers=dict(profile.filers, **{metric: _department(profile, dept).code}))


def without_filer(profile: DistrictProfile, metric: str) -> DistrictProfile:
    """The metric filed by its indicator's lead again."""
    if metric not in profile.filers:
        shown = "、".join(profile.filers) or "无"
        raise UsageError(f"指标“{metric}”没有单独指定填报单位（本来就由牵头单位填报）。单独指定了的：{shown}")
    return _copy(profile, filers={m: d for m, d in profile.filers.items() if m != metric})


def with_contact(profile: DistrictProfile, field: str, value: str) -> DistrictProfile:
    return _copy(profile, contacts=replace(profile.contacts, **{field: value.strip()}))


def with_deadline(profile: DistrictProfile, period: Period, day: str | None) -> DistrictProfile:
    """The day departments must submit ``period`` by (None: no deadline)."""
    deadlines = {p: d for p, d in profile.deadlines.items() if p != period.code}
    if day is not None:
        try:
            deadlines[period.code] = parse_deadline(day).isoformat()
        except ValueError as exc:
            raise UsageError(f"{period.label}的截止日期：{exc}") from exc
    elif period.code not in profile.deadlines:
        raise UsageError(f"{period.label}没有设截止日期，无需清除。")
    return _copy(profile, deadlines=dict(sorted(deadlines.items())))


def with_form(profile: DistrictProfile, field: str, value: str) -> DistrictProfile:
    """One of the form's particulars (表号, 制表机关, 批准文号, 有效期至; by label or field name); empty clears it."""
    name = next((key for key, label in FORM_FIELDS.items() if field.strip() in (key, label)), None)
    if name is None:
        raise UsageError(f"表头没有“{field}”一项。可设：{'、'.join(FORM_FIELDS.values())}")
    return _copy(profile, form=replace(profile.form, **{name: value.strip()}))


def _department(profile: DistrictProfile, code_or_name: str) -> Department:
    found = profile.department(code_or_name)
    if found is None:
        raise UsageError(f"没有部门“{code_or_name}”。")
    return found


def _copy(profile: DistrictProfile, **changes) -> DistrictProfile:
    """A changed profile, checked again as a whole, as a profile file would be.

    Characters an older version let into the profile (and a workbook cannot hold) are mended to
    � in the fields the change does not touch: otherwise no single change could ever be saved.
    """
    try:
        changed = profile_from_data({**_mended(to_data(profile)), **to_data(changes)}, "区县配置")
    except CatalogError as exc:
        raise UsageError(str(exc)) from exc
    refuse_shared_names(profile, changed.departments)
    return changed


def _mended(data):
    if isinstance(data, str):
        return writable(data)
    if isinstance(data, dict):
        return {key: _mended(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_mended(value) for value in data]
    return data


def refuse_shared_names(old: DistrictProfile, departments: tuple[Department, ...], source: str = "") -> None:
    """Each code, name and alias names one department: a change that would make a text name one
    more department is refused (``--dept`` and imported workbooks would act on the wrong one).
    A clash stored before this rule is left for the district to mend, not made a reason to refuse."""
    before = {text: {d.code for d, _ in found} for text, found in shared_names(old.departments).items()}
    codes = [d.code for d in departments]
    known = {d.code: d.name for d in old.departments if codes.count(d.code) == 1}  # called as users know them
    added = [describe_shared(text, found, known) for text, found in shared_names(departments).items()
             if not {d.code for d, _ in found} <= before.get(text, set())]
    if added:
        where = f"{source}：" if source else ""
        raise UsageError(f"{where}部门的代码、名称和别名不能重复：{'；'.join(added)}。"
                         "重复会使按名称找部门（--dept、导入的填报表）找错部门；未保存。")


# ---- files --------------------------------------------------------------------------------

def export_profile(ctx: AppContext, path: Path) -> None:
    path.write_text(json.dumps(to_data(ctx.profile), ensure_ascii=False, indent=1), encoding="utf-8")


def import_profile(ctx: AppContext, path: Path, move_figures: bool = False) -> list[str]:
    try:
        profile = load_profile(path)
    except CatalogError as exc:
        raise UsageError(str(exc)) from exc
    refuse_shared_names(ctx.profile, profile.departments, source=path.name)
    return save_profile(ctx, profile, reason=f"导入区县配置 {path.name}", move_figures=move_figures)


# ---- evaluation years ------------------------------------------------------------------------

TARGET_CHOICES = {"copy": "沿用上一年度的目标（连同来源）", "empty": "不带目标，另行填写本年度的目标"}


def new_year(ctx: AppContext, year: int, from_year: int | None = None, targets: str = "copy") -> CatalogDiff:
    """Start next year's catalog as a copy of an existing one (then edit it: export, change, import).

    ``targets`` says what becomes of the district's targets of that year: ``copy`` carries them over
    with their sources (the difference lists none changed), ``empty`` starts the new year without
    (the difference lists each one dropped, with the plan it came from), since one year's plan says
    nothing of the next.  The district's 不适用 marks carry over.  Catalog and district settings are
    stored in one transaction."""
    if year in ctx.available_years():
        raise Refused(f"{year} 年的目录已经存在。")
    if targets not in TARGET_CHOICES:
        raise UsageError(f"目标的处理方式须为 {' 或 '.join(TARGET_CHOICES)}，而不是“{targets}”。")
    source = ctx.catalog(from_year)
    data = _without_targets(to_data(source.definitions, exclude_defaults=True))
    data.update(year=year, title=source.title.replace(str(source.year), str(year)))
    for indicator in data["indicators"]:
        for metric in indicator["metrics"]:
            metric.pop("renamed_from", None)  # a rename joins two adjacent years: the new year keeps the codes
            metric.pop("rename_factor", None)
    carried = {m.code: m.target for m in source.metrics if m.target} if targets == "copy" else {}
    old = ctx.profile.years.get(source.year)
    settings = DistrictYear(targets=carried, not_applicable=dict(old.not_applicable) if old else {})
    profile = replace(ctx.profile, years={**ctx.profile.years, year: settings})
    catalog = Catalog(definitions_from_data(data, f"{year}年目录"), profile, source=f"{year}年目录")
    with ctx.store.transaction():
        stored.save_catalog_definition(ctx.store, year, data, reason=f"由 {source.year} 年目录建立")
        stored.save_setting(ctx.store, stored.PROFILE_KEY, to_data(profile),
                            reason=f"{year}年目标：{TARGET_CHOICES[targets]}")
    ctx.reload()
    return diff_catalogs(source.effective, catalog.effective)


def _without_targets(data: dict) -> dict:
    """Catalog data without targets: they belong to the district's settings of the year."""
    for indicator in data["indicators"]:
        for metric in indicator["metrics"]:
            metric.pop("target", None)
    return data


def export_catalog(ctx: AppContext, year: int, path: Path) -> None:
    """A year's catalog as an Excel workbook the 营商办 edits (.xlsx), or as the internal JSON."""
    path = Path(path)
    if _is_workbook(path):
        from exports.catalog_book import write_catalog_book  # brings openpyxl

        catalog = ctx.catalog(year)
        write_catalog_book(catalog.effective, path, ctx.profile, catalog.not_applicable)
        return
    data = to_data(ctx.catalog(year).effective, exclude_defaults=True)  # with the district's targets
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


@dataclass(frozen=True)
class CatalogImport:
    """An edited catalog read and checked, not stored yet: what importing it would change."""

    path: Path
    data: dict  # the catalog without targets
    definitions: CatalogYear
    diff: CatalogDiff  # of the catalog as the district judges it: targets with their sources
    profile: DistrictProfile  # with the leads, filing departments, targets and 不适用 marks the file names
    departments: tuple[str, ...] = ()  # what that changes in the profile, and figures it would move
    move_figures: bool = False

    def lines(self) -> list[str]:
        """The difference against the year before, then the changes of lead and filing departments."""
        return self.diff.lines() + [f"  {line}" for line in self.departments]


def plan_catalog_import(ctx: AppContext, path: Path, move_figures: bool = False) -> CatalogImport:
    """Read and check an edited catalog (.xlsx or .json); refused with where and why, every problem listed.

    Its targets become the district's target set of the year, a workbook's 不适用原因 its 不适用 marks;
    a workbook's 牵头单位 and 填报单位 go into the district profile, stored with the catalog; a changed
    department of an indicator or metric with figures moves them (``move_figures``) or is refused."""
    path = Path(path)
    data, leads, filers, marks = _catalog_data(ctx, path)
    try:
        definitions = definitions_from_data(data, path.name)
    except CatalogError as exc:
        raise UsageError(str(exc)) from exc
    problems = lineage_problems(definitions, _before(ctx, definitions.year))
    if problems:
        lines = [f"  指标 {p.code}：{p.reason}" for p in problems]
        raise UsageError("\n".join([f"{path.name}：{len(problems)} 处问题，目录未导入（什么也没有改变）：", *lines]))
    years = filing.catalog_years(ctx, replacing=definitions)
    own = {m.code for i in definitions.indicators for m in i.metrics}
    if _is_workbook(path):  # the workbook says who files each of its metrics: a blank cell, the lead
        filers = {**{m: d for m, d in ctx.profile.filers.items() if m not in own}, **filers}
    else:
        filers = ctx.profile.filers
    profile = filing.without_unknown(_copy(ctx.profile, leads={**ctx.profile.leads, **leads}, filers=filers), years)
    profile = _with_year_settings(ctx.profile, profile, definitions, marks)
    data = _without_targets(data)
    try:
        catalog = Catalog(definitions_from_data(data, path.name), profile, source=path.name)
    except (CatalogError, ValueError) as exc:
        raise UsageError(str(exc)) from exc
    filing.check_against_catalogs(years, profile)
    changes = _department_changes(ctx.profile, profile) + filing.follow_filing_changes(
        ctx, years, ctx.profile, profile, move_figures, dry_run=True)
    before = _previous(ctx, definitions.year)
    diff = diff_catalogs(before or catalog.effective, catalog.effective)
    return CatalogImport(path, data, catalog.definitions, diff, profile, tuple(changes), move_figures)


def _with_year_settings(old: DistrictProfile, profile: DistrictProfile, definitions: CatalogYear,
                        marks: dict[str, str] | None) -> DistrictProfile:
    """The file's targets as the district's target set of its year; its 不适用 marks (a JSON file has
    none: the year's marks stay)."""
    targets = {m.code: m.target for i in definitions.indicators for m in i.metrics if m.target}
    before = old.years.get(definitions.year)
    kept = before.not_applicable if before else {}
    settings = DistrictYear(targets=targets, not_applicable=kept if marks is None else marks)
    return replace(profile, years={**profile.years, definitions.year: settings})


def _department_changes(old: DistrictProfile, new: DistrictProfile) -> list[str]:
    names = {d.code: d.name for d in new.departments}
    lines = []
    for role, before, after in (("牵头单位", old.leads, new.leads), ("填报单位", old.filers, new.filers)):
        for code in sorted(set(before) | set(after)):
            if before.get(code) != after.get(code):
                shown = [names[before[code]] if code in before else "（无）", names[after[code]] if code in after else "（无）"]
                lines.append(f"{role}：{code} {shown[0]} → {shown[1]}")
    return lines


def store_catalog_import(ctx: AppContext, plan: CatalogImport) -> CatalogDiff:
    """The catalog and the profile naming its departments, targets and 不适用 marks, in one transaction
    (both or neither), both audited."""
    reason = f"导入目录 {plan.path.name}"
    old = ctx.profile
    try:
        with ctx.store.transaction():
            stored.save_catalog_definition(ctx.store, plan.definitions.year, plan.data, reason=reason)
            if plan.profile != old:
                years = filing.catalog_years(ctx, replacing=plan.definitions)
                filing.store_profile(ctx, years, old, plan.profile, reason, plan.move_figures)
    finally:
        ctx.reload()
    return plan.diff


def import_catalog(ctx: AppContext, path: Path, move_figures: bool = False) -> CatalogDiff:
    """Store an edited catalog file for its year; refused with file, entry and problem when wrong."""
    return store_catalog_import(ctx, plan_catalog_import(ctx, path, move_figures))


def _is_workbook(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm")


def _catalog_data(ctx: AppContext, path: Path) -> tuple[dict, dict[str, str], dict[str, str], dict[str, str] | None]:
    """The catalog data, and the leads, filing departments and 不适用 reasons a workbook names
    (none in JSON, whose 不适用 marks stay as they are)."""
    if _is_workbook(path):
        from exports.catalog_book_read import CatalogBookError, read_catalog_workbook

        try:
            book = read_catalog_workbook(path, ctx.profile, lambda year: _before(ctx, year))
        except CatalogBookError as exc:
            raise UsageError(_book_refusal(path, exc.problems)) from exc
        return book.data, book.leads, book.filers, book.not_applicable
    try:
        return json.loads(path.read_text(encoding="utf-8")), {}, {}, None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(unreadable_json(path, exc)) from exc


def _book_refusal(path: Path, problems) -> str:
    """Every problem of a refused catalog workbook, by sheet and cell, as one message."""
    shown, rest = listing.first(problems)
    lines = [f"{path.name}：{len(problems)} 处问题，目录未导入（什么也没有改变）："]
    lines += [f"  {p.where}：{('“' + p.value + '”：') if p.value else ''}{p.reason}" for p in shown]
    return "\n".join(lines + ([f"  {rest}"] if rest else []))


def _before(ctx: AppContext, year: int) -> CatalogYear | None:
    """The catalog of the latest earlier year: the one renames and changed units refer to."""
    before = previous_year(ctx.available_years(), year)
    return ctx.catalog(before).definitions if before is not None else None


def _previous(ctx: AppContext, year: int) -> CatalogYear | None:
    """The catalog a new one is compared with: the latest earlier year, else the same year's old one."""
    earlier = [y for y in ctx.available_years() if y < year]
    if earlier:
        return ctx.catalog(earlier[-1]).effective
    return ctx.catalog(year).effective if year in ctx.available_years() else None


def diff_years(ctx: AppContext, before: int, after: int) -> CatalogDiff:
    for year in (before, after):
        if year not in ctx.available_years():
            raise UsageError(f"没有 {year} 年的目录。现有：{'、'.join(map(str, ctx.available_years()))}")
    return diff_catalogs(ctx.catalog(before).effective, ctx.catalog(after).effective)
