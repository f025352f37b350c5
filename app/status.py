"""Row, indicator and finding states, worst first (no Qt: shared by the session, the window and tests)."""

from __future__ import annotations

from enum import StrEnum

from models.catalog import Severity
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
