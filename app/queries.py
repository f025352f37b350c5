"""Queries on a figure: the 营商办 asks, the department answers, the 营商办 closes.

One open query per figure at a time.  Open queries block acceptance (``app.workflow.accept``);
unanswered ones block the department's submission.  Each step is one transaction and audited.
"""

from __future__ import annotations

from app.errors import Refused, UsageError
from app.workflow import UNCHANGED, acting_text, name_of, own_metric, state_of
from models.catalog import Catalog
from models.periods import Period
from models.workflow import LOCKED_STATES, Query
from storage import workflow as stored


def ask(ctx, period: Period, dept: str, metric: str, text: str, acting: str) -> Query:
    with ctx.store.transaction():
        catalog = may_ask(ctx, period, dept, metric, acting)
        text = _text(text, "问询内容")
        return stored.add_query(ctx.store, period.code, dept, metric, text, acting=acting_text(catalog, acting))


def may_ask(ctx, period: Period, dept: str, metric: str, acting: str) -> Catalog:
    """Refuse (``Refused``, saying why) a question ``acting`` may not put now; the window asks before
    the question is typed, ``ask`` again when it is stored."""
    catalog, where = _figure(ctx, period, dept, metric)
    _coordinator(catalog, acting, f"问询{where}")
    _refuse_locked_state(ctx, period, dept, f"不能问询{where}")
    if _open(ctx, period, dept, metric):
        raise Refused(f"不能问询{where}：已有一条未关闭的问询，请等回复后关闭再问，或在回复后一并说明。{UNCHANGED}")
    return catalog


def answer(ctx, period: Period, dept: str, metric: str, text: str, acting: str) -> Query:
    with ctx.store.transaction():
        query = may_answer(ctx, period, dept, metric, acting)
        text = _text(text, "回复内容")
        stored.answer_query(ctx.store, query, text, acting=acting_text(ctx.catalog_for(period), acting))
    return _reread(ctx, query)


def may_answer(ctx, period: Period, dept: str, metric: str, acting: str) -> Query:
    """The open query ``acting`` may answer, else ``Refused`` saying why (checked before the answer is typed)."""
    catalog, where = _figure(ctx, period, dept, metric)
    if acting != dept:
        raise Refused(f"{name_of(catalog, acting)}不能回复{where}的问询：只有{name_of(catalog, dept)}本部门可以。{UNCHANGED}")
    query = _open(ctx, period, dept, metric)
    if query is None:
        raise Refused(f"不能回复{where}：没有未关闭的问询。{UNCHANGED}")
    return query


def close(ctx, period: Period, dept: str, metric: str, acting: str, reason: str = "") -> Query:
    catalog, where = _figure(ctx, period, dept, metric)
    _coordinator(catalog, acting, f"关闭{where}的问询")
    with ctx.store.transaction():
        query = _open(ctx, period, dept, metric)
        if query is None:
            raise Refused(f"不能关闭{where}的问询：没有未关闭的问询。{UNCHANGED}")
        stored.close_query(ctx.store, query, reason=reason.strip(), acting=acting_text(catalog, acting))
    return _reread(ctx, query)


def queries(ctx, period: Period, dept: str | None = None, open_only: bool = False) -> list[Query]:
    return stored.queries(ctx.store, period.code, dept, open_only=open_only)


def _open(ctx, period: Period, dept: str, metric: str) -> Query | None:
    found = stored.queries(ctx.store, period.code, dept, metric, open_only=True)
    return found[-1] if found else None


def _reread(ctx, query: Query) -> Query:
    return next(q for q in stored.queries(ctx.store, query.period, query.dept, query.metric) if q.id == query.id)


def _figure(ctx, period: Period, dept: str, metric: str) -> tuple[Catalog, str]:
    catalog = ctx.catalog_for(period)
    found = own_metric(catalog, dept, metric)
    return catalog, f"{name_of(catalog, dept)} {period.label}“{found.name}”"


def _coordinator(catalog: Catalog, acting: str, what: str) -> None:
    if acting != catalog.profile.coordinator:
        coordinator = name_of(catalog, catalog.profile.coordinator)
        raise Refused(f"{name_of(catalog, acting)}不能{what}：只有营商办（{coordinator}）可以。{UNCHANGED}")


def _refuse_locked_state(ctx, period: Period, dept: str, what: str) -> None:
    current = state_of(ctx, period, dept)
    if current.state in LOCKED_STATES:
        raise Refused(f"{what}：该部门本期{current.state.value}，数据已锁定；如需问询请先解锁（unlock）并写明原因。{UNCHANGED}")


def _text(text: str, what: str) -> str:
    if not text.strip():
        raise UsageError(f"{what}不能为空。{UNCHANGED}")
    return text.strip()
