"""The documented, versioned JSON report (`langcheck-report/1`) that other tools parse.

Shape (paragraph indexes 0-based, lines 1-based, `lang` is the version at fault):

    {"schema": "langcheck-report/1",
     "releases": [{"path": str, "languages": {lang: file name},
                   "groups": [{"paragraphs": {lang: [int]}, "similarity": float}],
                   "findings": [{"rule", "name", "category", "severity", "lang", "paragraph",
                                 "line", "message", "expected", "found",
                                 "related": [{"lang", "paragraph", "line", "form"?}]}]}],
     "summary": {"errors": int, "warnings": int, "infos": int},
     "failures": [{"path": str, "error": str}]}      # only when some release could not be checked

A release whose text or Markdown versions carried page furniture (see `langcheck.load.furniture`)
also has `"furniture": {lang: [{"line": int, "kind": str, "text": str, "value": str}]}`, listing
only the versions that had some; without furniture the key is absent.

Findings are in file order; keys are sorted; the output ends with a newline.
"""

from __future__ import annotations

import json
from typing import Any

from langcheck.model import Finding, Group, ReleaseReport, Report
from langcheck.report._common import json_text, ordered_findings, report_path

SCHEMA = "langcheck-report/1"


def render(report: Report, *, source: str | None = None) -> str:
    """The report as `langcheck-report/1` JSON text. `source` does not change this format."""
    summary = report.summary
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "releases": [_release(r) for r in report.releases],
        "summary": {"errors": summary.errors, "warnings": summary.warnings, "infos": summary.infos},
    }
    if report.failures:
        data["failures"] = [{"path": report_path(path), "error": error} for path, error in report.failures]
    return json_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)) + "\n"


def _release(release_report: ReleaseReport) -> dict[str, Any]:
    release = release_report.release
    data: dict[str, Any] = {
        "path": report_path(release.path),
        "languages": {lang: doc.file_name for lang, doc in release.documents.items()},
        "groups": [_group(g) for g in release_report.groups],
        "findings": [_finding(f) for f in ordered_findings(release_report)],
    }
    furniture = {
        lang: [{"line": f.line, "kind": f.kind, "text": f.text, "value": f.value} for f in doc.furniture]
        for lang, doc in release.documents.items() if doc.furniture
    }
    if furniture:
        data["furniture"] = furniture
    return data


def _group(group: Group) -> dict[str, Any]:
    return {
        "paragraphs": {lang: list(indexes) for lang, indexes in group.paragraphs.items()},
        "similarity": round(float(group.similarity), 4),
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "name": finding.name,
        "category": finding.category,
        "severity": finding.severity.value,
        "lang": finding.lang,
        "paragraph": finding.paragraph,
        "line": finding.line,
        "message": finding.message,
        "expected": finding.expected,
        "found": finding.found,
        "related": [
            # `form`: how that version writes the expected value (fact findings only)
            {"lang": loc.lang, "paragraph": loc.paragraph, "line": loc.line, **({"form": loc.form} if loc.form else {})}
            for loc in finding.related
        ],
    }
