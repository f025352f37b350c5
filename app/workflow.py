"""The quarter's hand-over between a department and the 营商办: submit, return, accept, report, unlock.

Each function is one user action and one transaction, audited with who (the login), when, why and
the department acting (``acting``: a department code; the 营商办 is the profile's coordinator).
A department acts on its own state only; returning and accepting are the 营商办's.  A refusal
raises ``Refused`` saying what, where and why, and changes nothing.  The states and what each
allows are described in ``models.workflow``.
"""

from __future__ import annotations

from app.checking import validate_period
from app.errors import Refused, UsageError
from models.catalog import Catalog, Metric, RuleKind, Severity
from models.findings import Finding
from models.periods import Period
from models.workflow import LOCKED_STATES, State, StateRecord
from storage import workflow as stored

NAMED = 10  # blocking findings a refused submission names; the rest are counted
UNCHANGED = "未做任何改动。"


# ---- reading ----------------------------------------------------------------------------
def state_of(ctx, period: Period, dept: str) -> StateRecord:
    """A department's state: the stored one, else 未开始 / 填报中 from whether it has figures."""
    found = stored.stored_state(ctx.store, period.code, dept)
    return found or _derived(ctx, period, dept)


def states(ctx, period: Period, depts: list[str]) -> dict[str, StateRecord]:
    found = stored.stored_states(ctx.store, period.code)
    return {dept: found.get(dept) or _derived(ctx, period, dept) for dept in depts}


def _derived(ctx, period: Period, dept: str) -> StateRecord:
    filed = bool(ctx.store.values(periods=[period.code], dept=dept))
    return StateRecord(period=period.code, dept=dept, state=State.FILING if filed else State.NOT_STARTED)


def filing_departments(catalog: Catalog) -> list[str]:
    """Departments that file at least one metric assessed here, in the profile's order."""
    return [d.code for d in catalog.departments if not d.retired and applicable_metrics(catalog, d.code)]


def applicable_metrics(catalog: Catalog, dept: str) -> list[Metric]:
    """The metrics the department files, less those the district marked 不适用."""
    return [m for m in catalog.metrics_of_department(dept) if not catalog.not_applicable(m.code)]


# ---- transitions ------------------------------------------------------------------------
def submit(ctx, period: Period, dept: str, acting: str) -> StateRecord:
    """The department declares its part complete: its figures pass the final check, its queries are answered."""
    catalog, where = _scope(ctx, period, dept)
    _refuse_other(catalog, acting, dept, "提交")
    with ctx.store.transaction():
        current = state_of(ctx, period, dept)
        if current.state not in (State.NOT_STARTED, State.FILING, State.RETURNED):
            raise Refused(f"不能提交{where}：{_already(current)}。{UNCHANGED}")
        _refuse_blocking(ctx, catalog, period, dept, where)
        _refuse_unanswered(ctx, catalog, period, dept, where)
        return stored.put_state(ctx.store, period.code, dept, current.state, State.SUBMITTED,
                                acting=acting_text(catalog, acting))


def return_(ctx, period: Period, dept: str, acting: str, reason: str, metric: str | None = None) -> StateRecord:
    """The 营商办 returns a submission for correction; naming a figure also puts the reason to it as a query."""
    catalog, where = _scope(ctx, period, dept)
    _coordinator_only(catalog, acting, dept, "退回")
    reason = reason.strip()
    if not reason:
        raise UsageError(f"退回{where}须写明原因（--reason）。{UNCHANGED}")
    if metric is not None:
        own_metric(catalog, dept, metric)
    with ctx.store.transaction():
        current = state_of(ctx, period, dept)
        if current.state != State.SUBMITTED:
            raise Refused(f"不能退回{where}：{_state_text(current)}，只有已提交的才能退回。{UNCHANGED}")
        if metric is not None and not stored.queries(ctx.store, period.code, dept, metric, open_only=True):
            stored.add_query(ctx.store, period.code, dept, metric, reason, acting=acting_text(catalog, acting))
        return stored.put_state(ctx.store, period.code, dept, current.state, State.RETURNED, reason=reason,
                                metric=metric or "", acting=acting_text(catalog, acting))


def accept(ctx, period: Period, dept: str, acting: str) -> StateRecord:
    """The 营商办 accepts a submission: no open query, the figures still pass; they are locked."""
    catalog, where = _scope(ctx, period, dept)
    _coordinator_only(catalog, acting, dept, "审核通过")
    with ctx.store.transaction():
        current = state_of(ctx, period, dept)
        if current.state != State.SUBMITTED:
            raise Refused(f"不能审核通过{where}：{_state_text(current)}，只有已提交的才能审核。{UNCHANGED}")
        _refuse_open_queries(ctx, catalog, period, dept, where)
        _refuse_blocking(ctx, catalog, period, dept, where)
        if not ctx.store.is_locked(period.code, dept):
            ctx.store.lock(period.code, dept, reason=State.ACCEPTED.value)
        return stored.put_state(ctx.store, period.code, dept, current.state, State.ACCEPTED,
                                acting=acting_text(catalog, acting))


def mark_reported(ctx, period: Period) -> list[str]:
    """Within a formal export's transaction: every accepted department becomes 已报送; their codes."""
    catalog = ctx.catalog_for(period)
    marked = []
    for dept, record in stored.stored_states(ctx.store, period.code).items():
        if record.state == State.ACCEPTED:
            stored.put_state(ctx.store, period.code, dept, record.state, State.REPORTED, reason="正式报送",
                             acting=acting_text(catalog, catalog.profile.coordinator))
            marked.append(dept)
    return marked


def unlock(ctx, period: Period, dept: str, reason: str) -> StateRecord | None:
    """Unlock a department's period (a reason is required); an accepted or reported one returns to
    退回修改, so that it is corrected and submitted again.  Returns the new state, if it changed."""
    catalog, _ = _scope(ctx, period, dept, need_metrics=False)
    reason = reason.strip()
    if not reason:
        raise UsageError(f"解锁必须写明原因：unlock {period.code} --dept {dept} --reason \"原因\"。{UNCHANGED}")
    with ctx.store.transaction():
        ctx.store.unlock(period.code, dept, reason)
        current = stored.stored_state(ctx.store, period.code, dept)
        if current is None or current.state not in LOCKED_STATES:
            return None
        return stored.put_state(ctx.store, period.code, dept, current.state, State.RETURNED,
                                reason=f"解锁：{reason}", acting=acting_text(catalog, catalog.profile.coordinator))


def submit_imported(ctx, period: Period, dept: str) -> str:
    """Within an import's transaction: the 营商办's import of a department workbook is that department's
    submission when its figures pass; otherwise the state stays and the reason is returned."""
    catalog = ctx.catalog_for(period)
    try:
        submit(ctx, period, dept, acting=catalog.profile.coordinator)
    except Refused as refused:
        still = state_of(ctx, period, dept).state.value
        return f"数据已导入，状态仍为{still}，未能转为已提交：{str(refused).replace(UNCHANGED, '')}"
    return f"{catalog.department(dept).name} {period.label} 已转为已提交（导入即提交）。"


# ---- checks -----------------------------------------------------------------------------
def _scope(ctx, period: Period, dept: str, need_metrics: bool = True) -> tuple[Catalog, str]:
    catalog = ctx.catalog_for(period)
    found = catalog.department(dept)
    if found is None:
        raise UsageError(f"没有部门“{dept}”。")
    if need_metrics and not applicable_metrics(catalog, found.code):
        raise UsageError(f"{found.name}在本区{catalog.year}年没有要填报的指标，无需提交或审核。")
    return catalog, f"{found.name} {period.label}"


def name_of(catalog: Catalog, dept: str) -> str:
    found = catalog.department(dept)
    return found.name if found else dept


def acting_text(catalog: Catalog, acting: str) -> str:
    return f"操作部门：{name_of(catalog, acting)}"


def _refuse_other(catalog: Catalog, acting: str, dept: str, what: str) -> None:
    if acting not in (dept, catalog.profile.coordinator):
        raise Refused(f"{name_of(catalog, acting)}不能{what}{name_of(catalog, dept)}的数据：只有{name_of(catalog, dept)}"
                      f"本部门或营商办可以。{UNCHANGED}")


def _coordinator_only(catalog: Catalog, acting: str, dept: str, what: str) -> None:
    coordinator = catalog.profile.coordinator
    if acting != coordinator:
        raise Refused(f"{name_of(catalog, acting)}不能{what}{name_of(catalog, dept)}的数据：只有营商办"
                      f"（{name_of(catalog, coordinator)}）可以。{UNCHANGED}")


def own_metric(catalog: Catalog, dept: str, metric: str) -> Metric:
    """The metric, when ``dept`` files it (a query or a return names one of the department's figures)."""
    found = catalog.metric(metric)
    if found is None:
        raise UsageError(f"没有指标代码“{metric}”（{catalog.year}年目录）。{UNCHANGED}")
    filer = catalog.department_of(metric)
    if filer != dept:
        raise UsageError(f"“{found.name}”由{name_of(catalog, filer)}填报，不是{name_of(catalog, dept)}。{UNCHANGED}")
    return found


def _already(current: StateRecord) -> str:
    if current.state == State.SUBMITTED:
        return f"已于 {_when(current.submitted_at)} 提交，正等待营商办审核"
    return f"{_state_text(current)}，数据已锁定；如需更正，请营商办解锁（unlock）并写明原因"


def _state_text(current: StateRecord) -> str:
    by = f"（{current.who} 于 {_when(current.at)}）" if current.at else ""
    return f"当前状态为{current.state.value}{by}"


def _when(at: str) -> str:
    return at[:16].replace("T", " ")


def _refuse_blocking(ctx, catalog: Catalog, period: Period, dept: str, where: str) -> None:
    blocking = validate_period(ctx, period, dept, final=True).blocking
    if not blocking:
        return
    counts = _blocking_counts(blocking)
    lines = [f"不能提交{where}：按正式报送标准还有 {len(blocking)} 项须处理（{counts}）。{UNCHANGED}"]
    lines += [f"  {_finding_text(catalog, f)}" for f in blocking[:NAMED]]
    if len(blocking) > NAMED:
        lines.append(f"  另有 {len(blocking) - NAMED} 项未列出；用 validate {period.code} --dept {dept} --final 查看全部。")
    raise Refused("\n".join(lines))


def _blocking_counts(blocking: list[Finding]) -> str:
    missing = sum(1 for f in blocking if f.kind == RuleKind.REQUIRED)
    errors = sum(1 for f in blocking if f.severity == Severity.ERROR and f.kind != RuleKind.REQUIRED)
    warnings = sum(1 for f in blocking if f.severity == Severity.WARNING and f.kind != RuleKind.REQUIRED)
    parts = [f"{label} {n} 项" for label, n in (("未填必填", missing), ("错误", errors), ("未说明的警告", warnings)) if n]
    return "、".join(parts)


def _finding_text(catalog: Catalog, finding: Finding) -> str:
    metric = catalog.metric(finding.metric)
    label = "待说明" if finding.severity == Severity.WARNING else "错误"
    return f"[{label}] {metric.name if metric else finding.metric}（{finding.metric}）：{finding.message}"


def _refuse_unanswered(ctx, catalog: Catalog, period: Period, dept: str, where: str) -> None:
    waiting = [q for q in stored.queries(ctx.store, period.code, dept, open_only=True) if not q.answered]
    if waiting:
        named = "、".join(_metric_name(catalog, q.metric) for q in waiting)
        raise Refused(f"不能提交{where}：营商办的问询还有 {len(waiting)} 条未回复（{named}）；"
                      f"请先用 answer 命令回复。{UNCHANGED}")


def _refuse_open_queries(ctx, catalog: Catalog, period: Period, dept: str, where: str) -> None:
    still = stored.queries(ctx.store, period.code, dept, open_only=True)
    if still:
        named = "、".join(f"{_metric_name(catalog, q.metric)}（{'已回复' if q.answered else '未回复'}）" for q in still)
        raise Refused(f"不能审核通过{where}：还有 {len(still)} 条问询未关闭：{named}。"
                      f"请核对回复后用 close-query 关闭。{UNCHANGED}")


def _metric_name(catalog: Catalog, code: str) -> str:
    metric = catalog.metric(code)
    return metric.name if metric else code
