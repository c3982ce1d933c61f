"""Helpers shared by the output formats: finding order, paths, fingerprints and labels.

Human-facing formats (text, markdown, html) number paragraphs from 1 ("¶1" is the first paragraph
of a file, as a translator counts); machine formats (json, sarif) keep the 0-based index.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from typing import Protocol

from langcheck.model import Finding, Location, ReleaseReport, Severity, Summary

SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


class RuleMetadata(Protocol):
    """What reporters read of a rule (SARIF rule metadata, JUnit test cases); `rules.base.Rule` has it."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def summary(self) -> str: ...
    @property
    def doc(self) -> str: ...


def ordered_findings(release_report: ReleaseReport) -> list[Finding]:
    """Findings in file order: version by version (release language order), then paragraph.

    Findings without a paragraph (a paragraph missing from that version) come last in their
    version; ties are broken by rule code and message so that output is deterministic.
    """
    rank = {lang: i for i, lang in enumerate(release_report.release.languages)}
    return sorted(
        release_report.findings,
        key=lambda f: (
            rank.get(f.lang, len(rank)),
            f.lang,
            f.paragraph is None,
            f.paragraph or 0,
            f.line or 0,
            f.rule,
            f.message,
        ),
    )


def report_path(path: str) -> str:
    """`path` as written in reports: relative to the working directory when under it, `/`-separated."""
    if os.path.isabs(path):
        cwd = os.getcwd()
        try:
            if os.path.commonpath([cwd, path]) == cwd:
                path = os.path.relpath(path, cwd)
        except ValueError:  # different drives on Windows
            pass
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def fingerprinted(release_report: ReleaseReport) -> list[tuple[Finding, str]]:
    """Ordered findings with a stable hex fingerprint each (no line numbers, so edits elsewhere keep it).

    Identical findings in one release (the same mismatch in two paragraphs) get an occurrence
    number so that their fingerprints stay distinct.
    """
    release = report_path(release_report.release.path)
    seen: Counter[str] = Counter()
    out = []
    for finding in ordered_findings(release_report):
        content = f"{release}|{finding.fingerprint_content}"
        occurrence = seen[content]
        seen[content] += 1
        if occurrence:
            content += f"|{occurrence}"
        out.append((finding, hashlib.sha256(content.encode("utf-8")).hexdigest()))
    return out


def paragraph_label(lang: str, paragraph: int | None, line: int | None) -> str:
    """`de:¶3 (line 12)`, 1-based paragraph; `de: missing` when the version lacks the paragraph."""
    if paragraph is None:
        return f"{lang}: missing" if line is None else f"{lang}: line {line}"
    label = f"{lang}:¶{paragraph + 1}"
    return f"{label} (line {line})" if line is not None else label


def finding_label(finding: Finding) -> str:
    return paragraph_label(finding.lang, finding.paragraph, finding.line)


def location_label(location: Location) -> str:
    return paragraph_label(location.lang, location.paragraph, location.line)


def count_phrase(summary: Summary) -> str:
    """`2 errors, 1 warning, 0 infos`."""
    parts = [(summary.errors, "error"), (summary.warnings, "warning"), (summary.infos, "info")]
    return ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in parts)


# Characters XML 1.0 cannot carry even escaped (C0 controls other than tab/newline/CR, surrogates).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """`text` with characters that XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)
