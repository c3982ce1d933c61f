"""JUnit XML for CI test dashboards: a test suite per release, a test case per rule.

A rule's test case fails when it has error-level findings in that release; its warnings and infos
are listed in `<system-out>`. Releases that could not be checked become a suite with one errored
test case. Known rules without findings (from `rules`) show as passing test cases.
Each finding's line names its paragraph, with its anchor where it has one (`de:¶3 (unit 7, line 12)`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TYPE_CHECKING, Sequence

from langcheck.model import Finding, ReleaseReport, Report, Severity
from langcheck.report._common import RuleMetadata, finding_label, ordered_findings, report_path, xml_safe

if TYPE_CHECKING:
    from langcheck.report.stream import Tally


def render(report: Report, *, source: str | None = None, rules: Sequence[RuleMetadata] | None = None) -> str:
    """The report as a JUnit XML document (UTF-8 text with an XML declaration)."""
    from langcheck.report.stream import render_whole

    return render_whole(Writer(source=source, rules=rules), report)


class Writer:
    """JUnit XML release by release (`langcheck.report.stream`): each release's suite is
    serialised as it comes; the root's totals and the suites of failed releases close it."""

    def __init__(self, *, source: str | None = None, rules: Sequence[RuleMetadata] | None = None) -> None:
        self._known = {rule.code: rule.name for rule in rules or ()}
        self._totals = {"tests": 0, "failures": 0, "errors": 0}
        self._suites = 0

    def release(self, release_report: ReleaseReport) -> str:
        return self._part(_suite(release_report, self._known))

    def finish(self, tally: Tally) -> tuple[str, str]:
        failed = "".join(self._part(_failed_suite(path, error)) for path, error in tally.failures)
        root = ET.Element("testsuites", name="langcheck")
        for key, total in self._totals.items():
            root.set(key, str(total))
        declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
        if not self._suites:  # an empty root is written as `<testsuites ... />`
            return declaration + ET.tostring(root, encoding="unicode") + "\n", ""
        opening = ET.tostring(root, encoding="unicode").removesuffix(" />") + ">"
        return declaration + opening, failed + "\n</testsuites>\n"

    def _part(self, suite: ET.Element) -> str:
        for key in self._totals:
            self._totals[key] += int(suite.get(key, "0"))
        self._suites += 1
        _xml_safe_everywhere(suite)
        # As ET.indent lays out the whole document: each suite one level in.
        ET.indent(suite, level=1)
        return "\n  " + ET.tostring(suite, encoding="unicode")


def _xml_safe_everywhere(root: ET.Element) -> None:
    """Every attribute and text made XML-safe in one place: a file name with \x01 or ESC in a
    path attribute made the whole report unparseable."""
    for element in root.iter():
        for key, value in element.attrib.items():
            element.set(key, xml_safe(value))
        if element.text:
            element.text = xml_safe(element.text)
        if element.tail:
            element.tail = xml_safe(element.tail)


def _suite(release_report: ReleaseReport, known: dict[str, str]) -> ET.Element:
    path = report_path(release_report.release.path)
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in ordered_findings(release_report):
        by_rule[finding.rule].append(finding)
    names = {**known, **{code: found[0].name for code, found in by_rule.items()}}

    suite = ET.Element("testsuite", name=path)
    properties = ET.SubElement(suite, "properties")
    for lang in release_report.release.languages:
        ET.SubElement(properties, "property", name=f"file.{lang}",
                      value=report_path(release_report.release.documents[lang].path))
    failures = 0
    for code in sorted(names):
        case = ET.SubElement(suite, "testcase", classname=path, name=f"{code} {names[code]}")
        findings = by_rule.get(code, [])
        errors = [f for f in findings if f.severity is Severity.ERROR]
        others = [f for f in findings if f.severity is not Severity.ERROR]
        if errors:
            failures += 1
            noun = "error" if len(errors) == 1 else "errors"
            failure = ET.SubElement(case, "failure", message=xml_safe(f"{len(errors)} {noun}: {errors[0].message}"), type=code)
            failure.text = "\n".join(_line(f) for f in errors)
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in others)
    suite.set("tests", str(len(names)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    return suite


def _failed_suite(path: str, error: str) -> ET.Element:
    path = report_path(path)
    suite = ET.Element("testsuite", name=path, tests="1", failures="0", errors="1", skipped="0")
    case = ET.SubElement(suite, "testcase", classname=path, name="load")
    ET.SubElement(case, "error", message=xml_safe(error), type="load").text = xml_safe(f"{path}: {error}")
    return suite


def _line(finding: Finding) -> str:
    where = report_path(finding.file) + (f":{finding.line}" if finding.line is not None else "")
    text = f"{finding.severity.value} {where} {finding_label(finding)}: {finding.message}"
    evidence = [f"{k} {v}" for k, v in (("expected", finding.expected), ("found", finding.found)) if v is not None]
    return xml_safe(f"{text} ({'; '.join(evidence)})" if evidence else text)
