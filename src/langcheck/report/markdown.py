"""Markdown for pull-request / merge-request comments: a summary line and one table per release.

Every text from a release or finding is escaped so that it renders literally on GitHub and GitLab
(no stray tables, links, HTML or emphasis from document text).
"""

from __future__ import annotations

import html
import re

from langcheck.model import Finding, ReleaseReport, Report
from langcheck.report._common import count_phrase, location_label, ordered_findings, report_path

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that start inline
# markup in a one-line table cell (block markers like `-` or `1.` cannot), plus GitHub's `#123`
# and `@user` references. `&`, `<`, `>` become entities instead (a backslash would show).
_MARKUP = re.compile(r"([\\`*_\[\]!|~#@])")


def render(report: Report, *, source: str | None = None) -> str:
    """The report as GitHub-flavoured Markdown."""
    n = len(report.releases)
    lines = [f"**langcheck**: {count_phrase(report.summary)} in {n} release{'' if n == 1 else 's'}"
             + (f" (source language: {escape(source)})" if source else "")]
    for release_report in report.releases:
        lines += ["", *_release(release_report)]
    if report.failures:
        lines += ["", "**Could not be checked**", ""]
        lines += [f"- `{_code(report_path(path))}`: {escape(error)}" for path, error in report.failures]
    return "\n".join(lines) + "\n"


def escape(text: str) -> str:
    """`text` as literal Markdown inline content, on one line."""
    text = _MARKUP.sub(r"\\\1", " ".join(text.split()))
    return html.escape(text, quote=False)


def _release(release_report: ReleaseReport) -> list[str]:
    release = release_report.release
    versions = " · ".join(f"{lang} `{_code(release.documents[lang].file_name)}`" for lang in release.languages)
    lines = [f"### `{_code(report_path(release.path))}`", "", versions, ""]
    findings = ordered_findings(release_report)
    if not findings:
        return [*lines, "No findings."]
    lines += ["| Severity | Rule | Version | Where | Message |", "|---|---|---|---|---|"]
    lines += [_row(f) for f in findings]
    return lines


def _row(finding: Finding) -> str:
    where = "missing" if finding.paragraph is None else f"¶{finding.paragraph + 1}"
    if finding.line is not None:
        where += f", line {finding.line}"
    message = escape(finding.message)
    evidence = [f"{k} {escape(v)}" for k, v in (("expected", finding.expected), ("found", finding.found)) if v is not None]
    if evidence:
        message += "<br>" + " · ".join(evidence)
    if finding.related:
        message += "<br>see " + escape(", ".join(location_label(loc) for loc in finding.related))
    severity = finding.severity.value
    return f"| {'**' + severity + '**' if severity == 'error' else severity} | `{finding.rule}` {finding.name} " \
           f"| {finding.lang} | {where} | {message} |"


def _code(text: str) -> str:
    """Text for inside a single-backtick code span (which cannot contain a backtick)."""
    return text.replace("`", "'")
