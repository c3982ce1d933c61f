"""Helpers shared by the output formats: finding order, paths, fingerprints and labels.

Every format numbers paragraphs from 1, as a translator counts ("¶1" is the first paragraph of a
file, its title): the labels here, and the `paragraph_number` fields of JSON and SARIF.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from typing import Protocol

from langcheck.model import Finding, Gap, Location, ReleaseReport, Severity, Summary

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

    Content missing from a version comes where it belongs (after the paragraph it would follow);
    findings with no place in the version come last in it; ties are broken by rule code and
    message so that output is deterministic.
    """
    rank = {lang: i for i, lang in enumerate(release_report.release.languages)}
    return sorted(
        release_report.findings,
        key=lambda f: (
            rank.get(f.lang, len(rank)),
            f.lang,
            _reading_position(f) is None,
            _reading_position(f) or 0.0,
            f.line or 0,
            f.rule,
            f.message,
        ),
    )


def _reading_position(finding: Finding) -> float | None:
    """The paragraph number, or for content the version lacks the half-step after the one it follows."""
    if finding.paragraph_number is not None:
        return float(finding.paragraph_number)
    if finding.gap is not None:
        return (finding.gap.after_paragraph_number or 0) + 0.5
    return None


def report_path(path: str) -> str:
    """`path` as written in reports: relative to the working directory when under it, `/`-separated."""
    if os.path.isabs(path):
        cwd = os.getcwd()
        try:
            if os.path.commonpath([cwd, path]) == cwd:
                path = os.path.relpath(path, cwd)
        except ValueError:  # different drives on Windows
            pass
    # A name that is not valid UTF-8 holds lone surrogates here: U+FFFD, as any UTF-8 reader shows it.
    path = path.encode("utf-8", "surrogatepass").decode("utf-8", "replace").replace("\\", "/")
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
        out.append((finding, hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()))
    return out


def paragraph_label(lang: str, paragraph_number: int | None, line: int | None, gap: Gap | None = None,
                    anchor: str | None = None) -> str:
    """`de:¶3 (line 12)` (1-based paragraph number); for content the version lacks, where it
    belongs: `de: missing after ¶2, before ¶3 (line 9)`; `de: missing` when nothing places it.

    A paragraph with an `anchor` (the unit id a CAT tool shows, a Word page) names it first,
    so the translator finds the segment: `de:¶3 (unit 7, line 12)`, `de:¶3 (unit 7)`."""
    if paragraph_number is None:
        if gap is not None:
            label = f"{lang}: missing {gap_phrase(gap)}"
            return f"{label} (line {line})" if line is not None else label
        return f"{lang}: missing" if line is None else f"{lang}: line {line}"
    # The anchor comes from the file (an XLIFF unit id): shown with its controls made visible.
    where = [visible(anchor)] if anchor else []
    where += [f"line {line}"] if line is not None else []
    label = f"{lang}:¶{paragraph_number}"
    return f"{label} ({', '.join(where)})" if where else label


def gap_phrase(gap: Gap) -> str:
    """`after ¶2, before ¶3`; `after ¶6` at the end of a version, `before ¶1` at its start."""
    parts = []
    if gap.after_paragraph_number is not None:
        parts.append(f"after ¶{gap.after_paragraph_number}")
    if gap.before_paragraph_number is not None:
        parts.append(f"before ¶{gap.before_paragraph_number}")
    return ", ".join(parts) or "in an empty version"


def finding_label(finding: Finding) -> str:
    return paragraph_label(finding.lang, finding.paragraph_number, finding.line, finding.gap, finding.anchor)


def finding_place(finding: Finding) -> str | None:
    """The paragraph a finding is about, without its line (`de:¶3`, `de:¶3 (unit 7)`, `de: missing
    after ¶2, before ¶3`), for formats that carry the line apart; None for a finding on no paragraph."""
    if finding.paragraph_number is None and finding.gap is None:
        return None
    return paragraph_label(finding.lang, finding.paragraph_number, None, finding.gap, finding.anchor)


def location_label(location: Location) -> str:
    return paragraph_label(location.lang, location.paragraph_number, location.line, anchor=location.anchor)


def count_phrase(summary: Summary) -> str:
    """`2 errors, 1 warning, 0 infos`."""
    parts = [(summary.errors, "error"), (summary.warnings, "warning"), (summary.infos, "info")]
    return ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in parts)


# Characters XML 1.0 cannot carry even escaped (C0 controls other than tab/newline/CR, surrogates,
# U+FFFE and U+FFFF): the complement of its `Char` production, written as the few ranges it is.
# The same set as `[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]`, whose compilation took
# 4 ms of every run's start-up (the astral range); this takes 0.7.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` with characters that XML 1.0 forbids replaced by U+FFFD, and C1 controls and bidi
    overrides (allowed by XML, but they rewrite or reorder what a reader sees) and CR made visible."""
    return visible(_NOT_XML.sub("\ufffd", text), keep_lines=True)


# --- untrusted text in output -------------------------------------------------------------------
# File names and document text come from the pull request under check. In a terminal an ESC
# sequence can move the cursor and erase findings, or set a title or a link (OSC); a line break
# in a file name can start a new GitHub workflow command or a new Markdown block; a bidi
# override reorders what a reviewer reads. Every human-readable format shows such characters
# as visible escapes (`\x1b`, `\n`, `\u202e`), never raw.

# Lone surrogates too: a file name that is not valid UTF-8 reaches Python as one (surrogateescape),
# and no UTF-8 report could be written with it.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_INVISIBLE_CONTROL = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_control(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


_UNSAFE_KEEPING_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def visible(text: str, *, keep_lines: bool = False) -> str:
    """`text` on one line with every control character (C0 including line breaks and tab, DEL,
    C1, line/paragraph separators, bidi overrides) written as a visible escape.

    `keep_lines` keeps line feeds and tabs (for HTML, where they are only white space)."""
    return (_UNSAFE_KEEPING_LINES if keep_lines else _UNSAFE).sub(_escape_control, text)


def json_text(text: str) -> str:
    """JSON text from `json.dumps(..., ensure_ascii=False)` with the characters JSON may carry raw
    but a terminal or log viewer would act on (C1, U+2028/9, bidi overrides) as `\\uXXXX`
    escapes: the same value for any JSON reader."""
    return _INVISIBLE_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_COMMAND_LINE = re.compile(r"^(\s*):(?=:)", re.MULTILINE)


def no_workflow_commands(text: str) -> str:
    """`text` with no line that a GitHub runner would take as a workflow command.

    The runner reads any line of a step's output that starts with `::` (after blanks) as a
    command, e.g. `::error::` or `::add-mask::`; a zero-width space between the two colons
    keeps the line as it reads and makes it inert. (The github format writes its own commands
    and escapes what it puts in them; everything else goes through here.)
    """
    return _COMMAND_LINE.sub("\\1:\u200b", text)
