"""Row, indicator and finding states, worst first (no Qt: shared by the session, the window and tests)."""

from __future__ import annotations

from enum import StrEnum

from models.catalog import RuleKind, Severity
from models.findings import Finding


class Status(StrEnum):
    """What a row, an indicator or a finding shows, worst first."""

    DRAFT = "draft"  # typed text that could not be read: not saved, kept on screen
    ERROR = "error"
    WARNING = "warning"
    EXPLAINED = "explained"  # warnings that all carry a 说明
    INFO = "info"
    EMPTY = "empty"
    OK = "ok"


ORDER = list(Status)


def worst(statuses) -> Status:
    return min(statuses, key=ORDER.index, default=Status.OK)


def finding_status(finding: Finding) -> Status:
    if finding.severity == Severity.ERROR:
        return Status.ERROR
    if finding.severity == Severity.WARNING:
        return Status.EXPLAINED if finding.explained else Status.WARNING
    return Status.INFO


UNSAVED_RULE = "unsaved"  # the rule code of typed text not saved, listed as a finding (never stored)
# The levels of the findings list, in its order: what cannot be saved, errors, missing figures, warnings …
LEVELS = (Status.DRAFT, Status.ERROR, Status.EMPTY, Status.WARNING, Status.EXPLAINED, Status.INFO)


def finding_level(finding: Finding) -> Status:
    """A finding's level in the findings list: 未保存 (DRAFT) and 缺报 (EMPTY, a required figure not
    filed) have their own, the others are their severity's."""
    if finding.rule.startswith(UNSAVED_RULE + ":"):
        return Status.DRAFT
    if finding.kind == RuleKind.REQUIRED:
        return Status.EMPTY
    return finding_status(finding)
