"""Resolving what a user names on the command line: periods, metrics, departments.

A period or a department may be typed in traditional characters or full-width forms (區法院,
２０２３Ｑ３, 二〇二三年第三季度): what is not found as typed is looked up again as simplified text,
and a name still unknown gets the refusal for what was typed.
"""

from __future__ import annotations

import unicodedata
from contextlib import suppress

from app.context import AppContext
from app.errors import UsageError
from models.catalog import Catalog, Metric
from models.periods import Period, PeriodError
from models.profile import Department
from models.simplified import simplified

# A year or quarter written in Chinese digits (二〇二三年, 第叁季度) read as Period.parse reads 2023, 3.
_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九壹贰叁参肆伍陆柒捌玖", "00123456789" "1233456789")


def period(text: str) -> Period:
    try:
        return Period.parse(text)
    except PeriodError as refused:
        converted = _plain(text).translate(_CHINESE_DIGITS)
        if converted != text:
            with suppress(PeriodError):
                return Period.parse(converted)
        raise refused  # what was typed, as typed


def metric(catalog: Catalog, code: str) -> Metric:
    found = catalog.metric(code.strip())
    if found is None:
        near = [m.code for m in catalog.metrics if code.strip().lower() in (m.code + m.name).lower()]
        hint = f"相近的有：{'、'.join(near[:8])}" if near else "用 catalog 命令查看全部指标代码"
        raise UsageError(f"没有指标代码“{code}”（{catalog.year}年目录）。{hint}")
    return found


def department(catalog: Catalog, code_or_name: str) -> Department:
    found = catalog.department(code_or_name) or catalog.department(_plain(code_or_name))
    if found is None:
        names = "、".join(f"{d.code}（{d.name}）" for d in catalog.departments)
        raise UsageError(f"没有部门“{code_or_name}”。可用：{names}")
    return found


def _plain(text: str) -> str:
    """Full-width letters and digits as ASCII, traditional characters as simplified."""
    return simplified(unicodedata.normalize("NFKC", text))


def scope(ctx: AppContext, period_text: str, dept_text: str | None) -> tuple[Period, Catalog, str | None]:
    """The period named, its catalog, and the code of the department named (None: all of them)."""
    found = period(period_text)
    catalog = ctx.catalog_for(found)
    return found, catalog, department(catalog, dept_text).code if dept_text else None
