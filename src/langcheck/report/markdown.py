"""Markdown for pull-request / merge-request comments: a summary line and one table per release.

Every text from a release or finding is escaped so that it renders literally on GitHub and GitLab
(no stray tables, links, HTML or emphasis from document text). The Where column names a
paragraph's anchor where it has one (`¶3, unit 7, line 12`: an XLIFF unit id, a Word page).
"""

from __future__ import annotations

import html
import re

from typing import TYPE_CHECKING

from langcheck.model import Finding, ReleaseReport, Report
from langcheck.report._common import count_phrase, gap_phrase, location_label, no_workflow_commands, ordered_findings, report_path, visible

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that start inline
# markup in a one-line table cell (block markers like `-` or `1.` cannot), plus GitHub's `#123`
# and `@user` references. `&`, `<`, `>` become entities instead (a backslash would show).
if TYPE_CHECKING:
    from langcheck.report.stream import Tally

_MARKUP = re.compile(r"([\\`*_\[\]!|~#@])")


def render(report: Report, *, source: str | None = None) -> str:
    """The report as GitHub-flavoured Markdown."""
    from langcheck.report.stream import render_whole

    return render_whole(Writer(source=source), report)


class Writer:
    """The Markdown report release by release (`langcheck.report.stream`): the summary line
    heads it, so it is written last, with the failures."""

    def __init__(self, *, source: str | None = None) -> None:
        self._source = source

    def release(self, release_report: ReleaseReport) -> str:
        return no_workflow_commands("".join("\n" + line for line in ["", *_release(release_report)]))

    def finish(self, tally: Tally) -> tuple[str, str]:
        n = tally.releases
        head = (f"**langcheck**: {count_phrase(tally.summary)} in {n} release{'' if n == 1 else 's'}"
                + (f" (source language: {escape(self._source)})" if self._source else ""))
        lines: list[str] = []
        if tally.failures:
            lines += ["", "**Could not be checked**", ""]
            lines += [f"- `{_code(report_path(path))}`: {escape(error)}" for path, error in tally.failures]
        return no_workflow_commands(head), no_workflow_commands("".join("\n" + line for line in lines) + "\n")


def escape(text: str) -> str:
    """`text` as literal Markdown inline content, on one line: no markup, no HTML, no mention,
    no autolink (GitHub links bare `http://`, `www.` and e-mail addresses)."""
    text = _MARKUP.sub(r"\\\1", visible(" ".join(text.split())))
    return _no_autolink(html.escape(text, quote=False))


# A word joiner (U+2060, invisible) inside each trigger of GitHub's extended autolinks.
# (`@` is already backslash-escaped: after it only in an e-mail address, `name\@host`.)
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(?=://)|(?<=www)(?=\.)|(?<=[\w.+-]\\@)")


def _no_autolink(text: str) -> str:
    return _AUTOLINK.sub("\u2060", text)


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
    if finding.paragraph_number is not None:
        where = f"¶{finding.paragraph_number}"
    else:
        where = "missing" + (f" {gap_phrase(finding.gap)}" if finding.gap is not None else "")
    if finding.anchor:  # the unit id a CAT tool shows (XLIFF), a Word page
        where += f", {escape(finding.anchor)}"
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
    """Text for inside a single-backtick code span: one line (a line break would end the span
    and could start a heading or a list), no backtick, `|` escaped for GFM tables."""
    return visible(" ".join(text.split())).replace("`", "'").replace("|", "\\|")
