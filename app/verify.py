"""``verify``: is a file the submission that was recorded when it was exported?

The same bytes (SHA-256) are the same file.  Otherwise the file's cells are compared with those
each recorded submission wrote (the file's own period first, newest first): a file that Excel,
WPS or LibreOffice only opened and saved again holds every value unchanged; a changed file is
shown cell by cell against the closest recorded submission.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.context import AppContext
from app.errors import UsageError
from exports.contents import CellChange, differences, file_contents
from exports.files import sha256_of
from exports.identity import SUBMISSION, Identity, IdentityError, read_identity
from exports.safe_open import WorkbookError, guarded, open_workbook
from models.file_errors import explain_os_error
from storage import submissions


@dataclass(frozen=True)
class Verification:
    path: Path
    sha256: str
    matches: list[submissions.Submission]  # recorded submissions with the same SHA-256
    identity: Identity | None  # what the file says it is, when it is one of our submissions
    compared: submissions.Submission | None = None  # the closest submission by content (no SHA-256 match)
    changes: list[CellChange] = field(default_factory=list)  # the file against ``compared``
    without_cells: int = 0  # recorded submissions of earlier versions: SHA-256 only

    @property
    def same_content(self) -> bool:
        """Not the same bytes, but every value as recorded: the file was saved again, not changed."""
        return not self.matches and self.compared is not None and not self.changes


def verify(ctx: AppContext, path: Path) -> Verification:
    path = Path(path)
    try:
        sha = sha256_of(path)
    except OSError as exc:
        raise UsageError(explain_os_error(exc, path, "读取")) from exc
    identity = _identity_of(path)
    matches = submissions.find_by_sha256(ctx.store, sha)
    if matches:
        return Verification(path=path, sha256=sha, matches=matches, identity=identity)
    return _by_content(ctx, path, sha, identity)


def _by_content(ctx: AppContext, path: Path, sha: str, identity: Identity | None) -> Verification:
    recorded = submissions.submissions(ctx.store)[::-1]  # newest first; the file's own period first
    if identity is not None:
        recorded.sort(key=lambda s: s.period != identity.period)
    found, best, without, percent = None, None, 0, set()
    for submission in recorded:
        cells = submissions.submitted_cells(ctx.store, submission.id)
        if cells is None:
            without += 1
            continue
        found = found if found is not None else _contents(path, percent)
        changes = differences(cells, found, percent)
        if best is None or len(changes) < len(best[1]):
            best = (submission, changes)
        if not changes:
            break
    compared, changes = best if best else (None, [])
    return Verification(path=path, sha256=sha, matches=[], identity=identity, compared=compared,
                        changes=changes, without_cells=without)


def _contents(path: Path, percent: set[str]):
    try:
        return file_contents(path, percent)
    except WorkbookError as exc:
        raise UsageError(str(exc)) from exc


def _identity_of(path: Path) -> Identity | None:
    try:
        wb = open_workbook(path, read_only=True)
    except WorkbookError as exc:
        raise UsageError(str(exc)) from exc
    try:
        with guarded(path):
            return read_identity(wb, SUBMISSION)
    except (IdentityError, WorkbookError):
        return None
    finally:
        wb.close()
