"""Sign-off: the 审核人 and the 负责人 confirm the period's figures for the provincial submission.

A sign-off records the name, the time and the content hash of the period's figures.  Any later
change of a figure or an explanation of the period, or an unlock, voids it: ``signoffs`` says
what voided it (and a content hash that no longer matches, after a restore for instance).
"""

from __future__ import annotations

from app.errors import Refused, UsageError
from app.workflow import UNCHANGED, filing_departments, name_of, states
from models.periods import Period
from models.values import AuditEntry
from models.workflow import LOCKED_STATES, Role, Signoff
from storage import workflow as stored

_DONE = {"set": "修改了", "clear": "清除了", "explain": "改写了说明", "unexplain": "撤回了说明", "unlock": "解锁了"}


def sign(ctx, period: Period, role: Role, name: str) -> Signoff:
    """Sign the period's figures as they stand; every filing department must be accepted first."""
    if not name.strip():
        raise UsageError(f"{role.value}签字须写明姓名（--name）。{UNCHANGED}")
    catalog = ctx.catalog_for(period)
    with ctx.store.transaction():
        pending = [(d, r) for d, r in states(ctx, period, filing_departments(catalog)).items()
                   if r.state not in LOCKED_STATES]
        if pending:
            named = "、".join(f"{name_of(catalog, d)}（{r.state.value}）" for d, r in pending)
            raise Refused(f"{role.value}不能签字确认{period.label}的报送数据：还有 {len(pending)} 个部门未审核通过："
                          f"{named}。{UNCHANGED}")
        stored.add_signoff(ctx.store, period.code, role, name)
    return next(s for s in signoffs(ctx, period) if s.role == role)


def signoffs(ctx, period: Period) -> list[Signoff]:
    """The latest sign-off of each role, valid or with what voided it."""
    catalog = ctx.catalog_for(period)
    digest = stored.content_hash(ctx.store, period.code)
    found = []
    for row in stored.latest_signoffs(ctx.store, period.code):
        change = stored.first_change_since(ctx.store, period.code, row["audit_id"])
        void = _void_text(catalog, change) if change else ""
        if not void and row["content_hash"] != digest:
            void = "本期数据与签字时不一致（签字后数据被替换，例如从备份恢复）"
        found.append(Signoff(period=period.code, role=Role(row["role"]), name=row["name"], who=row["who"] or "",
                             at=row["at"] or "", content_hash=row["content_hash"], void_reason=void))
    return sorted(found, key=lambda s: list(Role).index(s.role))


def _void_text(catalog, change: AuditEntry) -> str:
    metric = catalog.metric(change.metric) if change.metric else None
    what = name_of(catalog, change.dept) + (f"“{metric.name}”" if metric else "")
    why = f"（原因：{change.reason}）" if change.reason and change.action in ("unlock", "set", "clear") else ""
    return f"签字后 {change.at[:16].replace('T', ' ')} {change.who or '（未知）'}{_DONE[change.action]}{what}{why}"
