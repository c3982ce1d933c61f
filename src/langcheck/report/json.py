"""The documented, versioned JSON report (`langcheck-report/2`) that other tools parse.

Shape (paragraph numbers and lines 1-based, as every other format shows them: the title is
paragraph 1; `lang` is the version at fault):

    {"schema": "langcheck-report/2",
     "releases": [{"path": str, "languages": {lang: file name},
                   "groups": [{"paragraph_numbers": {lang: [int]}, "similarity": float}],
                   "findings": [{"rule", "name", "category", "severity", "lang", "paragraph_number",
                                 "line", "message", "expected", "found",
                                 "related": [{"lang", "paragraph_number", "line", "form"?, "anchor"?}],
                                 "anchor"?}]}],
     "summary": {"errors": int, "warnings": int, "infos": int},
     "failures": [{"path": str, "error": str}]}      # only when some release could not be checked

A finding on content the version lacks (a missing paragraph) has `"paragraph_number": null`,
`"line"` the line of the neighbouring paragraph where it would go, and
`"gap": {"after_paragraph_number": int | null, "before_paragraph_number": int | null}` (null:
it would come first / last); other findings have no `gap` key.

A finding or related location in a format that numbers its own units has `"anchor"`: where the
tool the file came from shows the paragraph (`"unit 7"`, an XLIFF unit id, so the translator
finds the segment in the CAT tool; `"page 3"` in Word). Other findings have no `anchor` key.

Version 1 (`langcheck-report/1`) had 0-based `paragraph` and `paragraphs` where version 2 has
`paragraph_number` and `paragraph_numbers`: renamed, so that a reader of version 1 fails
loudly instead of reading every paragraph one off.

A release whose text or Markdown versions carried page furniture (see `langcheck.load.furniture`)
also has `"furniture": {lang: [{"line": int, "kind": str, "text": str, "value": str}]}`, listing
only the versions that had some; without furniture the key is absent.

Findings are in file order; keys are sorted; the output ends with a newline.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from langcheck.model import Finding, Gap, Group, ReleaseReport, Report
from langcheck.report._common import json_text, ordered_findings, report_path

if TYPE_CHECKING:
    from langcheck.report.stream import Tally

SCHEMA = "langcheck-report/2"


def render(report: Report, *, source: str | None = None) -> str:
    """The report as `langcheck-report/2` JSON text. `source` does not change this format."""
    from langcheck.report.stream import render_whole

    return render_whole(Writer(source=source), report)


class Writer:
    """The JSON report release by release (`langcheck.report.stream`): each release is an item
    of `releases`, dumped as `json.dumps` of the whole report would dump it there."""

    def __init__(self, *, source: str | None = None) -> None:
        self._written = 0

    def release(self, release_report: ReleaseReport) -> str:
        item = json.dumps(_release(release_report), ensure_ascii=False, indent=2, sort_keys=True)
        # An item of the top-level `releases` list sits two levels deep: 4 spaces.
        text = ("\n" if self._written == 0 else ",\n") + "\n".join("    " + line for line in item.split("\n"))
        self._written += 1
        return json_text(text)

    def finish(self, tally: Tally) -> tuple[str, str]:
        summary = tally.summary
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "releases": [],
            "summary": {"errors": summary.errors, "warnings": summary.warnings, "infos": summary.infos},
        }
        if tally.failures:
            data["failures"] = [{"path": report_path(path), "error": error} for path, error in tally.failures]
        whole = json_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)) + "\n"
        # Keys are sorted, so `releases` follows `failures`, whose strings escape their quotes:
        # this is the list's own place.
        head, _, tail = whole.partition('"releases": [')
        return head + '"releases": [', ("\n  " if self._written else "") + tail


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
        "paragraph_numbers": {lang: [i + 1 for i in indexes] for lang, indexes in group.paragraphs.items()},
        "similarity": round(float(group.similarity), 4),
    }


def _finding(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule": finding.rule,
        "name": finding.name,
        "category": finding.category,
        "severity": finding.severity.value,
        "lang": finding.lang,
        "paragraph_number": finding.paragraph_number,
        "line": finding.line,
        "message": finding.message,
        "expected": finding.expected,
        "found": finding.found,
        "related": [
            # `form`: how that version writes the expected value (fact findings only)
            {"lang": loc.lang, "paragraph_number": loc.paragraph_number, "line": loc.line,
             **({"form": loc.form} if loc.form else {}), **_anchor(loc.anchor)}
            for loc in finding.related
        ],
    }
    if finding.gap is not None:
        data["gap"] = gap_json(finding.gap)
    data.update(_anchor(finding.anchor))
    return data


def _anchor(anchor: str | None) -> dict[str, str]:
    # Only where the format has one (XLIFF units, Word pages): every other report stays as it was.
    return {"anchor": anchor} if anchor else {}


def gap_json(gap: Gap) -> dict[str, int | None]:
    """A `Gap` as JSON and SARIF write it."""
    return {"after_paragraph_number": gap.after_paragraph_number, "before_paragraph_number": gap.before_paragraph_number}
