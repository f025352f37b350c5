"""Findings of the validation engine and the report that gathers them.

A finding carries a stable rule code and the parameters it was computed from; its Chinese
message is rendered from one table of templates (``validation.messages``).  The parameters
also form its fingerprint: an explanation written for a finding stays valid only while the
fingerprint is the same (the figures it explained have not changed).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from models.catalog import RuleKind, Severity

Param = float | int | str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    rule: str  # the rule's stable code: "range", "ytd_monotonic", "ratio:ct_close_rate" …
    kind: RuleKind
    severity: Severity
    period: str
    dept: str
    metric: str  # the subject the finding is reported on
    params: dict[str, Param] = field(default_factory=dict)
    message: str = ""
    explanation: str = ""  # the 说明 recorded for this very finding, if any

    @property
    def fingerprint(self) -> str:
        return json.dumps(self.params, sort_keys=True, ensure_ascii=False)

    @property
    def explained(self) -> bool:
        return bool(self.explanation)

    @property
    def blocking(self) -> bool:
        """Blocks a final export: an error, or a warning nobody has explained."""
        if self.severity == Severity.ERROR:
            return True
        return self.severity == Severity.WARNING and not self.explained

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.period, self.dept, self.metric, self.rule)


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """Every finding of one validation run; never stops at the first."""

    period: str
    findings: tuple[Finding, ...] = ()

    def of_severity(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity == severity]

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]

    @property
    def ok(self) -> bool:
        return not self.blocking
