"""GitLab Code Quality report (a Code Climate JSON array), shown in merge requests.

Severity: error -> critical, warning -> minor, info -> info. The description names the paragraph
(`LC201 number-mismatch (de:¶3): ...`, 1-based as in every format); a missing paragraph points
at the line of the neighbouring paragraph where it would go and says where (`de: missing after
¶2, before ¶3`). Only a finding on no line at all (a whole file) points at line 1, since
GitLab requires a line. A paragraph with an anchor (an XLIFF unit id, a Word page) is named
with it: `(de:¶3 (unit 7))`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from langcheck.model import Finding, ReleaseReport, Report, Severity
from langcheck.report._common import (
    finding_place,
    fingerprinted,
    json_text,
    report_path,
)

if TYPE_CHECKING:
    from langcheck.report.stream import Tally

SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report, *, source: str | None = None) -> str:
    """The report as a GitLab Code Quality JSON array (failed releases are not code issues: left out)."""
    from langcheck.report.stream import render_whole

    return render_whole(Writer(source=source), report)


class Writer:
    """The Code Quality array release by release (`langcheck.report.stream`)."""

    def __init__(self, *, source: str | None = None) -> None:
        self._written = 0

    def release(self, release_report: ReleaseReport) -> str:
        parts = []
        for finding, fingerprint in fingerprinted(release_report):
            issue = json.dumps(_issue(finding, fingerprint), ensure_ascii=False, indent=2)
            parts.append(("\n" if self._written == 0 else ",\n") + "\n".join("  " + line for line in issue.split("\n")))
            self._written += 1
        return json_text("".join(parts))

    def finish(self, tally: Tally) -> tuple[str, str]:
        return "[", ("\n]" if self._written else "]") + "\n"


def _issue(finding: Finding, fingerprint: str) -> dict:
    return {
        "description": _description(finding),
        "check_name": finding.rule,
        "fingerprint": fingerprint,
        "severity": SEVERITY[finding.severity],
        "location": {"path": report_path(finding.file), "lines": {"begin": finding.line or 1}},
    }


def _description(finding: Finding) -> str:
    place = finding_place(finding)
    return f"{finding.rule} {finding.name}{f' ({place})' if place else ''}: {finding.message}"
