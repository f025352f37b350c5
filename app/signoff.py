"""Sign-off: the 审核人 and the 负责人 confirm the period's figures for the provincial submission.

A sign-off records the name, the time and the content hash of the period's figures.  Any later
change of a figure or an explanation of the period, or an unlock, voids it: ``signoffs`` says
what voided it (and a content hash that no longer matches, after a restore for instance).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
        pending = _pending(ctx, period, catalog)
        if pending:
            named = "、".join(pending)
            raise Refused(f"{role.value}不能签字确认{period.label}的报送数据：还有 {len(pending)} 个部门未审核通过："
                          f"{named}。{UNCHANGED}")
        stored.add_signoff(ctx.store, period.code, role, name)
    return next(s for s in signoffs(ctx, period) if s.role == role)


@dataclass(frozen=True)
class Snapshot:
    """What a sign-off would confirm now: the period's figures (their SHA-256, read at ``at``), the
    sign-offs made so far, and the departments not yet accepted (a sign-off waits for them)."""

    period: Period
    content_hash: str
    figures: int
    at: str
    signoffs: tuple[Signoff, ...]
    pending: tuple[str, ...]  # 区法院（填报中） …


def snapshot(ctx, period: Period) -> Snapshot:
    pending = tuple(_pending(ctx, period, ctx.catalog_for(period)))
    return Snapshot(period=period, content_hash=stored.content_hash(ctx.store, period.code),
                    figures=len(ctx.store.values(periods=[period.code])),
                    at=datetime.now().isoformat(timespec="seconds"), signoffs=tuple(signoffs(ctx, period)),
                    pending=pending)


def _pending(ctx, period: Period, catalog) -> list[str]:
    """The filing departments not yet accepted, as 区法院（填报中）."""
    return [f"{name_of(catalog, d)}（{r.state.value}）"
            for d, r in states(ctx, period, filing_departments(catalog)).items() if r.state not in LOCKED_STATES]


def summary(found: list[Signoff]) -> str:
    """One line for the status bar: void sign-offs first (with why), else who has signed."""
    void = [s for s in found if not s.valid]
    if void:
        return "；".join(f"{s.role.value}{s.name}的签字已失效：{s.void_reason}" for s in void)
    if not found:
        return ""
    signed = "、".join(f"{s.role.value} {s.name}" for s in found)
    missing = [r.value for r in Role if r not in {s.role for s in found}]
    return f"已签字确认：{signed}" + (f"（{'、'.join(missing)}未签）" if missing else "")


def signoffs(ctx, period: Period) -> list[Signoff]:
    """The latest sign-off of each role, valid or with what voided it."""
    catalog = ctx.catalog_for(period)
    rows = stored.latest_signoffs(ctx.store, period.code)
    digest = stored.content_hash(ctx.store, period.code) if rows else ""
    found = []
    for row in rows:
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
