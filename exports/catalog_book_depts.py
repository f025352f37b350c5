"""The department columns of the catalog workbook: 一级指标!牵头单位 and 指标!填报单位.

A cell names a department of the district's profile by name, alias or code.  A lead named on
一级指标 is the indicator's lead for every year (the profile holds one per indicator); a blank
lead keeps the profile's, and a new indicator must name one.  A filing department on 指标 is
the metric's own; blank, or the indicator's lead, means the lead files it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from models.profile import DistrictProfile

LEAD, FILER = "牵头单位", "填报单位"

Refuse = Callable[[object, str, str], None]  # (row, header, reason)


def book_departments(indicator_rows: Iterable, metric_rows: Iterable, profile: DistrictProfile,
                     refuse: Refuse) -> tuple[dict[str, str], dict[str, str]]:
    """(indicator code → lead code, metric code → filing department code) the sheets name; every
    unknown or retired department, and every new indicator without a lead, refused at its cell."""
    leads: dict[str, str] = {}
    for row in indicator_rows:
        code, dept = row.text("代码"), _department(row, LEAD, profile, refuse)
        if dept is not None:
            leads.setdefault(code, dept)
        elif not row.filled(LEAD) and code and code not in profile.leads:
            refuse(row, LEAD, f"新增的一级指标“{row.text('名称') or code}”须填写牵头单位（从下拉列表中选部门名称）")
    filers: dict[str, str] = {}
    for row in metric_rows:
        dept = _department(row, FILER, profile, refuse)
        indicator = row.text("一级指标代码")
        if dept is not None and dept != leads.get(indicator, profile.leads.get(indicator)):
            filers.setdefault(row.text("代码"), dept)
    return leads, filers


def _department(row, header: str, profile: DistrictProfile, refuse: Refuse) -> str | None:
    if not row.filled(header):
        return None
    found = profile.department(row.text(header))
    active = [d.name for d in profile.departments if not d.retired]
    if found is None:
        refuse(row, header, f"区县配置中没有这个部门（部门名称、别名或代码），可选：{'、'.join(active)}；"
                            "新部门请先在区县配置中增加")
        return None
    if found.retired:
        refuse(row, header, f"“{found.name}”已撤销，不能再{header[:2]}；可选：{'、'.join(active)}")
        return None
    return found.code
