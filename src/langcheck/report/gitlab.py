"""GitLab Code Quality report (a Code Climate JSON array), shown in merge requests.

Severity: error -> critical, warning -> minor, info -> info. The description names the paragraph
(`LC201 number-mismatch (de:¶3): ...`, 1-based as in every format); a missing paragraph points
at the line of the neighbouring paragraph where it would go and says where (`de: missing after
¶2, before ¶3`). Only a finding on no line at all (a whole file) points at line 1, since
GitLab requires a line.
"""

from __future__ import annotations

import json

from langcheck.model import Report, Severity
from langcheck.model import Finding
from langcheck.report._common import finding_place, fingerprinted, json_text, report_path

SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report, *, source: str | None = None) -> str:
    """The report as a GitLab Code Quality JSON array (failed releases are not code issues: left out)."""
    issues = [
        {
            "description": _description(finding),
            "check_name": finding.rule,
            "fingerprint": fingerprint,
            "severity": SEVERITY[finding.severity],
            "location": {"path": report_path(finding.file), "lines": {"begin": finding.line or 1}},
        }
        for release_report in report.releases
        for finding, fingerprint in fingerprinted(release_report)
    ]
    return json_text(json.dumps(issues, ensure_ascii=False, indent=2)) + "\n"


def _description(finding: Finding) -> str:
    place = finding_place(finding)
    return f"{finding.rule} {finding.name}{f' ({place})' if place else ''}: {finding.message}"
