"""GitLab Code Quality report (a Code Climate JSON array), shown in merge requests.

Severity: error -> critical, warning -> minor, info -> info. Findings without a line (a paragraph
missing from a version) point at line 1 of that version, since GitLab requires a line.
"""

from __future__ import annotations

import json

from langcheck.model import Report, Severity
from langcheck.report._common import fingerprinted, json_text, report_path

SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report, *, source: str | None = None) -> str:
    """The report as a GitLab Code Quality JSON array (failed releases are not code issues: left out)."""
    issues = [
        {
            "description": f"{finding.rule} {finding.name}: {finding.message}",
            "check_name": finding.rule,
            "fingerprint": fingerprint,
            "severity": SEVERITY[finding.severity],
            "location": {"path": report_path(finding.file), "lines": {"begin": finding.line or 1}},
        }
        for release_report in report.releases
        for finding, fingerprint in fingerprinted(release_report)
    ]
    return json_text(json.dumps(issues, ensure_ascii=False, indent=2)) + "\n"
