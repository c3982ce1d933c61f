from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

from langcheck.model import Report
from langcheck.report import render


def test_matches_golden(report: Report, rules, golden) -> None:
    golden("junit.xml", render(report, "junit", rules=rules))


def test_counts_parse_back(report: Report, rules) -> None:
    root = ET.fromstring(render(report, "junit", rules=rules).encode("utf-8"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "releases/lavrov-belarus-2020", "releases/sputnik-2021", "releases/broken-2022"]
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
        assert int(suite.get("errors")) == sum(1 for c in cases if c.find("error") is not None)
    lavrov, sputnik, broken = suites
    # Known rules LC101 LC201 LC202 LC203 plus LC301 LC402 LC501 that have findings.
    assert int(lavrov.get("tests")) == 7 and int(lavrov.get("failures")) == 1
    assert int(sputnik.get("failures")) == 1
    assert int(broken.get("errors")) == 1
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("12", "2", "1")


def test_failure_lists_findings_and_warnings_go_to_output(report: Report) -> None:
    root = ET.fromstring(render(report, "junit").encode("utf-8"))
    case = root.find("testsuite/testcase[@name='LC201 number-mismatch']")
    failure = case.find("failure")
    assert failure.get("type") == "LC201"
    assert "releases/lavrov-belarus-2020/de.txt:5" in failure.text
    assert "expected 16.2 billion; found 16,2 Millionen" in failure.text
    warning = root.find("testsuite/testcase[@name='LC501 wrong-language']")
    assert warning.find("failure") is None
    assert "<script>" in warning.find("system-out").text


def test_control_characters_do_not_break_xml(report: Report) -> None:
    first = report.releases[0]
    bad = replace(first, findings=(replace(first.findings[0], message="bell \x07 here"),))
    root = ET.fromstring(render(Report(releases=(bad,)), "junit").encode("utf-8"))
    assert "bell \ufffd here" in root.find(".//failure").text


def _xml_char(code: int) -> bool:
    """XML 1.0's `Char` production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]."""
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


def test_xml_safe_replaces_exactly_what_xml_cannot_carry() -> None:
    from langcheck.report._common import _NOT_XML

    # Every code point, against the production itself (not against another regex).
    wrong = [hex(c) for c in range(0x110000) if bool(_NOT_XML.fullmatch(chr(c))) == _xml_char(c)]
    assert wrong == []
