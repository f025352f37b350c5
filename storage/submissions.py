"""Submission snapshots: what exactly was sent to the province, and what changed since.

A final export records the figures it wrote (as numbers and as typed), the metrics it covered,
the file's SHA-256, who and when, and the value of every cell it wrote (``cells``; absent in
submissions recorded by earlier versions).  ``verify`` finds a file by its SHA-256, else compares
its cells with ``submitted_cells``; ``revisions`` compares a snapshot with the figures stored now,
with the reasons given for each later change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from models.records import to_data
from models.values import Value
from storage.store import Store, now

SNAPSHOT_FORMAT = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class SubmittedFigure:
    dept: str
    metric: str
    number: float
    raw: str
    note: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Submission:
    id: int
    period: str
    at: str
    who: str
    file_name: str
    sha256: str
    figures: tuple[SubmittedFigure, ...]
    scope: tuple[str, ...]  # metric codes the file covered (filled or left empty)
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Revision:
    """One metric whose stored figure differs from the submitted one."""

    dept: str
    metric: str
    kind: str  # changed, added (filled after submission) or removed (cleared after submission)
    submitted: SubmittedFigure | None
    current: Value | None
    reasons: tuple[str, ...] = ()  # the reasons recorded with each later change, oldest first


def record_submission(store: Store, period: str, file_name: str, sha256: str,
                      figures: Iterable[Value], scope: Iterable[str], note: str = "",
                      cells: dict[str, dict[str, object]] | None = None) -> Submission:
    """Record a final export; audited as ``submit``.  ``cells``: sheet → coordinate → value written."""
    snapshot = [SubmittedFigure(dept=v.dept, metric=v.metric, number=v.number, raw=v.raw,
                                note=v.note, source=v.source) for v in figures]
    payload = {"format": SNAPSHOT_FORMAT, "scope": sorted(set(scope)),
               "figures": [to_data(f) for f in snapshot]}
    if cells is not None:
        payload["cells"] = cells
    with store.transaction() as conn:
        at = now()
        cursor = conn.execute(
            "INSERT INTO submissions (period, at, who, file_name, sha256, figures_json, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (period, at, store.who, file_name, sha256, json.dumps(payload, ensure_ascii=False), note),
        )
        store._audit(at, "submit", period, "", reason=f"报送 {file_name}", source=_audit_source(cursor.lastrowid, sha256))
    return _submission(_row(store, "SELECT * FROM submissions WHERE id = ?", [cursor.lastrowid])[0])


def submissions(store: Store, period: str | None = None) -> list[Submission]:
    """Recorded submissions, oldest first."""
    sql, params = "SELECT * FROM submissions", []
    if period is not None:
        sql, params = sql + " WHERE period = ?", [period]
    return [_submission(row) for row in _row(store, sql + " ORDER BY id", params)]


def latest_submission(store: Store, period: str) -> Submission | None:
    found = submissions(store, period)
    return found[-1] if found else None


def submitted_cells(store: Store, submission_id: int) -> dict[str, dict[str, object]] | None:
    """The cells a submission's file held when written; None when it was recorded without them."""
    rows = _row(store, "SELECT figures_json FROM submissions WHERE id = ?", [submission_id])
    return json.loads(rows[0]["figures_json"]).get("cells") if rows else None


def find_by_sha256(store: Store, sha256: str) -> list[Submission]:
    rows = _row(store, "SELECT * FROM submissions WHERE sha256 = ? ORDER BY id", [sha256.lower()])
    return [_submission(row) for row in rows]


def revisions(store: Store, submission: Submission) -> list[Revision]:
    """Figures of the submission's metrics that differ now, with the reasons of later changes."""
    submitted = {(f.dept, f.metric): f for f in submission.figures}
    scope = set(submission.scope) | {f.metric for f in submission.figures}
    current = {(v.dept, v.metric): v for v in store.values(periods=[submission.period], metrics=scope)}
    later = _changes_since(store, submission)
    found = []
    for key in sorted(set(submitted) | set(current)):
        before, after = submitted.get(key), current.get(key)
        kind = _revision_kind(before, after)
        if kind:
            found.append(Revision(dept=key[0], metric=key[1], kind=kind, submitted=before,
                                  current=after, reasons=tuple(later.get(key, ()))))
    return found


def _revision_kind(before: SubmittedFigure | None, after: Value | None) -> str:
    if before is None:
        return "added" if after is not None else ""
    if after is None:
        return "removed"
    same = (before.number, before.raw, before.note, before.source) == (after.number, after.raw, after.note, after.source)
    return "" if same else "changed"


def _changes_since(store: Store, submission: Submission) -> dict[tuple[str, str], list[str]]:
    marker = _row(store, "SELECT id FROM audit WHERE action = 'submit' AND source = ?",
                  [_audit_source(submission.id, submission.sha256)])
    since = marker[0]["id"] if marker else 0
    rows = _row(store, "SELECT dept, metric, reason FROM audit WHERE period = ? AND id > ? "
                "AND action IN ('set', 'clear') ORDER BY id", [submission.period, since])
    reasons: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        reasons.setdefault((row["dept"], row["metric"]), []).append(row["reason"] or "（未写原因）")
    return reasons


def _audit_source(submission_id: int, sha256: str) -> str:
    return f"submission:{submission_id} sha256:{sha256}"


def _row(store: Store, sql: str, params: list) -> list[dict]:
    return store._rows(sql, params)


def _submission(row: dict) -> Submission:
    payload = json.loads(row["figures_json"])
    figures = tuple(SubmittedFigure(**f) for f in payload.get("figures", []))
    return Submission(
        id=row["id"], period=row["period"], at=row["at"], who=row["who"] or "",
        file_name=row["file_name"] or "", sha256=row["sha256"], figures=figures,
        scope=tuple(payload.get("scope", [f.metric for f in figures])), note=row["note"] or "",
    )
