from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from langcheck.model import Report
from langcheck.report import render

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def test_matches_golden(report: Report, rules, golden) -> None:
    golden("sarif.sarif", render(report, "sarif", rules=rules))


@pytest.mark.parametrize("with_rules", [True, False], ids=["given-rules", "derived-rules"])
def test_valid_against_oasis_schema(report: Report, rules, with_rules: bool) -> None:
    log = json.loads(render(report, "sarif", rules=rules if with_rules else None))
    jsonschema.Draft7Validator(SCHEMA).validate(log)


def test_results_point_at_rules_and_lines(report: Report, rules) -> None:
    run = json.loads(render(report, "sarif", rules=rules))["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids == ["LC101", "LC201", "LC202", "LC203", "LC301", "LC402", "LC501"]
    assert len(run["results"]) == len(report.findings)
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
    number = next(r for r in run["results"] if r["ruleId"] == "LC201")
    assert number["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "releases/lavrov-belarus-2020/de.txt"}, "region": {"startLine": 5}}
    assert [loc["message"]["text"] for loc in number["relatedLocations"]] == [
        "en:¶3 (line 5)", "fr:¶3 (line 5)", "ru:¶3 (line 5)"]
    # the same 1-based number in the property bag and the location's message
    assert number["properties"]["paragraphNumber"] == 3
    assert number["locations"][0]["message"]["text"] == "de:¶3 (line 5)"
    missing = next(r for r in run["results"] if r["ruleId"] == "LC101")
    assert missing["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}
    assert missing["locations"][0]["message"]["text"] == "es: missing after ¶2 (line 3)"
    assert missing["properties"]["paragraphNumber"] is None
    assert missing["properties"]["gap"] == {"after_paragraph_number": 2, "before_paragraph_number": None}
    assert next(r for r in run["results"] if r["ruleId"] == "LC402")["level"] == "note"


def test_fingerprints_ignore_lines_and_are_unique(report: Report) -> None:
    from dataclasses import replace

    def prints(rep: Report) -> list[str]:
        run = json.loads(render(rep, "sarif"))["runs"][0]
        return [next(iter(r["partialFingerprints"].values())) for r in run["results"]]

    moved = Report(releases=tuple(
        replace(rr, findings=tuple(replace(f, line=(f.line or 0) + 10) for f in rr.findings))
        for rr in report.releases))
    assert prints(moved) == prints(report)
    assert len(set(prints(report))) == len(report.findings)


def test_duplicate_findings_get_distinct_fingerprints(report: Report) -> None:
    from dataclasses import replace

    first = report.releases[0]
    doubled = Report(releases=(replace(first, findings=first.findings + first.findings[:1]),))
    run = json.loads(render(doubled, "sarif"))["runs"][0]
    assert len({json.dumps(r["partialFingerprints"]) for r in run["results"]}) == len(run["results"])


def test_failures_are_tool_notifications(report: Report) -> None:
    run = json.loads(render(report, "sarif"))["runs"][0]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == \
        "releases/broken-2022: no language versions found"
