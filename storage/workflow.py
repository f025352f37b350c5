"""Stored department states, queries on figures and sign-offs (the SQL of the quarter's hand-over).

Each write here is audited and joins the caller's transaction when there is one, so that a use
case of ``app.workflow`` (a state change with its lock, a return with its query) is one
transaction.  The rules of which change is allowed live in ``app.workflow``; this module stores.
"""

from __future__ import annotations

import hashlib
import json

from models.values import AuditEntry
from models.workflow import Query, Role, State, StateRecord
from storage.store import Store, _no_nulls, now
from storage.texts import check_text

# What changes a signed period after its sign-off: a figure, an explanation, an unlock.
VOIDING = ("set", "clear", "explain", "unexplain", "unlock")


# ---- states -----------------------------------------------------------------------------
def stored_state(store: Store, period: str, dept: str) -> StateRecord | None:
    rows = store._rows("SELECT * FROM states WHERE period = ? AND dept = ?", (period, dept))
    return _state(rows[0]) if rows else None


def stored_states(store: Store, period: str) -> dict[str, StateRecord]:
    rows = store._rows("SELECT * FROM states WHERE period = ? ORDER BY dept", (period,))
    return {row["dept"]: _state(row) for row in rows}


def put_state(store: Store, period: str, dept: str, old: State, new: State, reason: str = "",
              metric: str = "", acting: str = "") -> StateRecord:
    """Store a department's new state and audit the transition (old → new, why, acting for whom)."""
    check_text(reason, f"{dept} {period} 状态变更的原因")
    with store.transaction():
        at = now()
        before = stored_state(store, period, dept)
        submitted = at if new == State.SUBMITTED else (before.submitted_at if before else "")
        store.conn.execute(
            "INSERT OR REPLACE INTO states (period, dept, state, who, at, reason, metric, submitted_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (period, dept, new.value, store.who, at, reason, metric, submitted),
        )
        store._audit(at, "state", period, dept, metric, old_raw=old.value, new_raw=new.value, reason=reason,
                     source=acting)
    return StateRecord(period=period, dept=dept, state=new, who=store.who, at=at, reason=reason, metric=metric,
                       submitted_at=submitted)


def _state(row: dict) -> StateRecord:
    return StateRecord(**{**_no_nulls(row), "state": State(row["state"]),
                          "submitted_at": row["submitted_at"] or ""})


# ---- queries ----------------------------------------------------------------------------
def queries(store: Store, period: str, dept: str | None = None, metric: str | None = None,
            open_only: bool = False) -> list[Query]:
    sql, params = "SELECT * FROM queries WHERE period = ?", [period]
    for column, wanted in (("dept", dept), ("metric", metric)):
        if wanted is not None:
            sql, params = sql + f" AND {column} = ?", params + [wanted]
    if open_only:
        sql += " AND closed_at = ''"
    return [Query(**{k: (v or "") if k != "id" else v for k, v in row.items()})
            for row in store._rows(sql + " ORDER BY id", params)]


def add_query(store: Store, period: str, dept: str, metric: str, text: str, acting: str = "") -> Query:
    text = text.strip()
    check_text(text, f"{dept} {period} {metric} 的问询")
    with store.transaction():
        at = now()
        cursor = store.conn.execute(
            "INSERT INTO queries (period, dept, metric, text, who, at) VALUES (?, ?, ?, ?, ?, ?)",
            (period, dept, metric, text, store.who, at))
        store._audit(at, "query", period, dept, metric, new_raw=text, source=acting)
    return Query(id=cursor.lastrowid, period=period, dept=dept, metric=metric, text=text, who=store.who, at=at)


def answer_query(store: Store, query: Query, text: str, acting: str = "") -> None:
    text = text.strip()
    check_text(text, f"{query.dept} {query.period} {query.metric} 问询的回复")
    with store.transaction():
        at = now()
        store.conn.execute("UPDATE queries SET answer = ?, answer_who = ?, answer_at = ? WHERE id = ?",
                           (text, store.who, at, query.id))
        store._audit(at, "answer", query.period, query.dept, query.metric, old_raw=query.answer or None,
                     new_raw=text, reason=query.text, source=acting)


def close_query(store: Store, query: Query, reason: str = "", acting: str = "") -> None:
    with store.transaction():
        at = now()
        store.conn.execute("UPDATE queries SET closed_who = ?, closed_at = ? WHERE id = ?",
                           (store.who, at, query.id))
        store._audit(at, "close-query", query.period, query.dept, query.metric, old_raw=query.text,
                     new_raw=query.answer or None, reason=reason, source=acting)


# ---- sign-offs --------------------------------------------------------------------------
def content_hash(store: Store, period: str) -> str:
    """SHA-256 of the period's figures as stored (department, metric, number, text, note, source)."""
    figures = [[v.dept, v.metric, v.number, v.raw, v.note, v.source] for v in store.values(periods=[period])]
    return hashlib.sha256(json.dumps(figures, ensure_ascii=False).encode("utf-8")).hexdigest()


def add_signoff(store: Store, period: str, role: Role, name: str) -> None:
    name = name.strip()
    check_text(name, f"{period} {role.value}的姓名")
    with store.transaction():
        at, digest = now(), content_hash(store, period)
        store._audit(at, "signoff", period, "", new_raw=f"{role.value}：{name}", source=f"sha256:{digest}")
        audit_id = store.conn.execute("SELECT max(id) FROM audit").fetchone()[0]
        store.conn.execute(
            "INSERT INTO signoffs (period, role, name, who, at, content_hash, audit_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (period, role.value, name, store.who, at, digest, audit_id))


def latest_signoffs(store: Store, period: str) -> list[dict]:
    """The latest sign-off row of each role (period, role, name, who, at, content_hash, audit_id)."""
    return store._rows("SELECT * FROM signoffs WHERE period = ? AND id IN "
                       "(SELECT max(id) FROM signoffs WHERE period = ? GROUP BY role) ORDER BY id", (period, period))


def first_change_since(store: Store, period: str, audit_id: int) -> AuditEntry | None:
    """The first audited change of the period's figures, explanations or locks after ``audit_id``."""
    marks = ", ".join("?" * len(VOIDING))
    rows = store._rows(f"SELECT * FROM audit WHERE period = ? AND id > ? AND action IN ({marks}) ORDER BY id LIMIT 1",
                       (period, audit_id, *VOIDING))
    return AuditEntry(**_no_nulls(rows[0])) if rows else None
