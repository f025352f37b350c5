"""Resolving what a user names on the command line: periods, metrics, departments."""

from __future__ import annotations

from app.context import AppContext
from app.errors import UsageError
from models.catalog import Catalog, Metric
from models.periods import Period
from models.profile import Department


def period(text: str) -> Period:
    return Period.parse(text)


def metric(catalog: Catalog, code: str) -> Metric:
    found = catalog.metric(code.strip())
    if found is None:
        near = [m.code for m in catalog.metrics if code.strip().lower() in (m.code + m.name).lower()]
        hint = f"相近的有：{'、'.join(near[:8])}" if near else "用 catalog 命令查看全部指标代码"
        raise UsageError(f"没有指标代码“{code}”（{catalog.year}年目录）。{hint}")
    return found


def department(catalog: Catalog, code_or_name: str) -> Department:
    found = catalog.department(code_or_name)
    if found is None:
        names = "、".join(f"{d.code}（{d.name}）" for d in catalog.departments)
        raise UsageError(f"没有部门“{code_or_name}”。可用：{names}")
    return found


def scope(ctx: AppContext, period_text: str, dept_text: str | None) -> tuple[Period, Catalog, str | None]:
    """The period named, its catalog, and the code of the department named (None: all of them)."""
    found = period(period_text)
    catalog = ctx.catalog_for(found)
    return found, catalog, department(catalog, dept_text).code if dept_text else None
