"""SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure DevOps, IDE viewers).

One run; one result per finding, located at the faulty version's paragraph line (for a missing
paragraph: the line of the neighbouring paragraph where it would go), the location's message
naming the paragraph (`de:¶3 (line 12)`, `de: missing after ¶2, before ¶3 (line 9)`), with the
other versions as `relatedLocations`. The result's properties hold `paragraphNumber` (1-based,
as in every format; null for a missing paragraph) and, for a missing paragraph, `gap`
(`after_paragraph_number`, `before_paragraph_number`, as in the JSON report). `partialFingerprints` hash the release path and the finding's
content (no line numbers) so that a finding keeps its identity when text moves.
A paragraph with an anchor (an XLIFF unit id, a Word page) has it as the location's
`logicalLocations: [{"name": "unit 7"}]`, and its message names it (`de:¶3 (unit 7, line 12)`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterable, Sequence
from urllib.parse import quote

from langcheck import __version__
from langcheck.model import Finding, Location, ReleaseReport, Report, Severity
from langcheck.report._common import RuleMetadata, finding_label, fingerprinted, json_text, location_label, report_path
from langcheck.report.json import gap_json

if TYPE_CHECKING:
    from langcheck.report.stream import Tally

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
# The project's home page, once it has a public one; SARIF viewers link the tool name to it.
INFORMATION_URI: str | None = None
FINGERPRINT_KEY = "langcheckFindingHash/v1"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report, *, source: str | None = None, rules: Sequence[RuleMetadata] | None = None) -> str:
    """The report as a SARIF 2.1.0 log (JSON text).

    `rules` describes every known rule (all are listed, with their documentation); rules that
    have findings but are not in `rules` get a minimal entry built from their findings.
    """
    from langcheck.report.stream import render_whole

    found = {finding.rule for finding in report.findings}
    return render_whole(Writer(source=source, rules=rules, also=found), report)


class Writer:
    """The SARIF log release by release (`langcheck.report.stream`): results as each release
    comes; the rules (with the categories their findings had) and the failures at the end.

    A result names its rule by index into the sorted rules, so every rule a finding can have
    must be known up front: `rules`, and the codes in `also` (say, a custom rule's).
    """

    def __init__(self, *, source: str | None = None, rules: Sequence[RuleMetadata] | None = None,
                 also: Iterable[str] = ()) -> None:
        self._source = source
        self._entries = _known_entries(rules or ())
        self._index = {code: i for i, code in enumerate(sorted({*self._entries, *also}))}
        self._written = 0

    def release(self, release_report: ReleaseReport) -> str:
        _add_found(self._entries, release_report.findings)
        parts = []
        for finding, fingerprint in fingerprinted(release_report):
            if finding.rule not in self._index:
                raise ValueError(f"SARIF written release by release needs every rule up front: {finding.rule} is not known")
            result = json.dumps(_result(finding, fingerprint, self._index[finding.rule]), ensure_ascii=False, indent=2)
            # A result sits four levels deep: log, runs, the run, its results.
            parts.append(("\n" if self._written == 0 else ",\n") + "\n".join(" " * 8 + line for line in result.split("\n")))
            self._written += 1
        return json_text("".join(parts))

    def finish(self, tally: Tally) -> tuple[str, str]:
        rule_entries = [self._entries[code] for code in sorted(self._entries)]
        driver: dict[str, Any] = {"name": "langcheck", "version": __version__, "rules": rule_entries}
        if INFORMATION_URI:
            driver["informationUri"] = INFORMATION_URI
        run: dict[str, Any] = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": []}
        if self._source:
            run["properties"] = {"sourceLanguage": self._source}
        if tally.failures:
            run["invocations"] = [{
                "executionSuccessful": False,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": f"{report_path(path)}: {error}"},
                     "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}}]}
                    for path, error in tally.failures
                ],
            }]
        log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
        whole = json_text(json.dumps(log, ensure_ascii=False, indent=2)) + "\n"
        # `tool` comes before `results`, and its strings escape their quotes: this is the list.
        head, _, tail = whole.partition('"results": [')
        return head + '"results": [', ("\n      " if self._written else "") + tail


def _known_entries(rules: Sequence[RuleMetadata]) -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for rule in rules:
        entries[rule.code] = {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary or rule.name},
            "fullDescription": {"text": rule.doc or rule.summary or rule.name},
            "help": {"text": rule.doc or rule.summary or rule.name},
            "defaultConfiguration": {"level": LEVEL[rule.severity]},
        }
    return entries


def _add_found(entries: dict[str, dict[str, Any]], findings: Iterable[Finding]) -> None:
    """Tag each rule with its findings' categories; a rule not known gets an entry from its first finding."""
    for finding in findings:
        entry = entries.setdefault(finding.rule, {
            "id": finding.rule,
            "name": finding.name,
            "shortDescription": {"text": finding.name},
            "fullDescription": {"text": f"{finding.rule} {finding.name} ({finding.category})"},
            "help": {"text": f"Run `langcheck rules {finding.rule}` for what this rule checks."},
            "defaultConfiguration": {"level": LEVEL[finding.severity]},
        })
        entry.setdefault("properties", {"tags": []})
        if finding.category not in entry["properties"]["tags"]:
            entry["properties"]["tags"] = sorted([*entry["properties"]["tags"], finding.category])


def _result(finding: Finding, fingerprint: str, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(finding.file, finding.line, finding_label(finding), finding.anchor)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {
            "category": finding.category,
            "lang": finding.lang,
            "paragraphNumber": finding.paragraph_number,
            "expected": finding.expected,
            "found": finding.found,
        },
    }
    if finding.gap is not None:
        result["properties"]["gap"] = gap_json(finding.gap)
    if finding.related:
        result["relatedLocations"] = [_related(i, loc) for i, loc in enumerate(finding.related)]
    return result


def _related(i: int, location: Location) -> dict[str, Any]:
    related = {"id": i, **_location(location.file, location.line, location_label(location), location.anchor)}
    return related


def _location(path: str, line: int | None, label: str, anchor: str | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(path)}}
    if line is not None:
        physical["region"] = {"startLine": line}
    location: dict[str, Any] = {"physicalLocation": physical, "message": {"text": label}}
    if anchor:
        # SARIF's place for a location named by the tool that made the file: the CAT
        # tool's unit id, which a viewer shows beside the line.
        location["logicalLocations"] = [{"name": anchor}]
    return location


def _uri(path: str) -> str:
    """A relative URI reference: forward slashes, percent-encoded (spaces, `#`, non-ASCII)."""
    return quote(report_path(path), safe="/")
