"""A paragraph's anchor (an XLIFF unit id, a Word page) in every format, and only where there is one.

The shared fixture has no anchors, so its golden files (unchanged) show that a report without
anchors stays byte for byte as it was; here the same report gets anchors on one finding.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from langcheck.model import Finding, Report
from langcheck.report import render

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def anchored(report: Report, anchor: str = "unit 7") -> Report:
    """`report` with the LC201 finding (de ¶3) anchored at `anchor`, its related versions at
    units 17, 27, 37; every other finding keeps no anchor."""
    def mark(finding: Finding) -> Finding:
        if finding.rule != "LC201":
            return finding
        related = tuple(replace(loc, anchor=f"unit {n}7") for n, loc in enumerate(finding.related, start=1))
        return replace(finding, anchor=anchor, related=related)

    return replace(report, releases=tuple(
        replace(r, findings=tuple(mark(f) for f in r.findings)) for r in report.releases))


def test_json_has_the_anchor_key_only_where_there_is_an_anchor(report: Report) -> None:
    data = json.loads(render(anchored(report), "json"))
    findings = [f for r in data["releases"] for f in r["findings"]]
    number = next(f for f in findings if f["rule"] == "LC201")
    assert number["anchor"] == "unit 7"
    assert [loc["anchor"] for loc in number["related"]] == ["unit 17", "unit 27", "unit 37"]
    others = [f for f in findings if f["rule"] != "LC201"]
    assert others and not any("anchor" in f or any("anchor" in loc for loc in f["related"]) for f in others)


def test_json_without_anchors_has_no_anchor_key(report: Report) -> None:
    assert '"anchor"' not in render(report, "json")


def test_sarif_gives_the_anchor_as_a_logical_location_and_in_the_message(report: Report, rules) -> None:
    log = json.loads(render(anchored(report), "sarif", rules=rules))
    jsonschema.Draft7Validator(SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    number = next(r for r in results if r["ruleId"] == "LC201")
    assert number["locations"][0]["logicalLocations"] == [{"name": "unit 7"}]
    assert number["locations"][0]["message"]["text"] == "de:¶3 (unit 7, line 5)"
    assert number["locations"][0]["physicalLocation"]["region"] == {"startLine": 5}
    assert [loc["logicalLocations"] for loc in number["relatedLocations"]] == [
        [{"name": "unit 17"}], [{"name": "unit 27"}], [{"name": "unit 37"}]]
    assert [loc["message"]["text"] for loc in number["relatedLocations"]] == [
        "en:¶3 (unit 17, line 5)", "fr:¶3 (unit 27, line 5)", "ru:¶3 (unit 37, line 5)"]
    others = [r for r in results if r["ruleId"] != "LC201"]
    assert not any("logicalLocations" in loc for r in others for loc in r["locations"] + r.get("relatedLocations", []))


@pytest.mark.parametrize("fmt, expected", [
    ("text", ["LC201 number-mismatch  de:¶3 (unit 7, line 5)",
              "see en:¶3 (unit 17, line 5), fr:¶3 (unit 27, line 5), ru:¶3 (unit 37, line 5)"]),
    ("markdown", ["| de | ¶3, unit 7, line 5 |", "see en:¶3 (unit 17, line 5), fr:¶3 (unit 27, line 5)"]),
    ("github", ["::error file=releases/lavrov-belarus-2020/de.txt,line=5,"
                "title=LC201 number-mismatch · de%3A¶3 (unit 7)::de says"]),
    ("gitlab", ['"description": "LC201 number-mismatch (de:¶3 (unit 7)): de says']),
    ("junit", ["error releases/lavrov-belarus-2020/de.txt:5 de:¶3 (unit 7, line 5): de says"]),
])
def test_each_format_names_the_anchor_beside_the_paragraph(report: Report, rules, fmt: str, expected: list[str]) -> None:
    options = {"rules": rules} if fmt == "junit" else {}
    out = render(anchored(report), fmt, **options)
    for piece in expected:
        assert piece in out
    plain = render(report, fmt, **options)
    assert "unit 7" not in plain and "unit 17" not in plain


@pytest.mark.parametrize("fmt", ["text", "markdown", "github", "gitlab", "junit"])
def test_only_the_anchored_finding_changes(report: Report, rules, fmt: str) -> None:
    options = {"rules": rules} if fmt in ("sarif", "junit") else {}
    plain = render(report, fmt, **options).splitlines()
    marked = render(anchored(report), fmt, **options).splitlines()
    changed = [line for line in marked if line not in plain]
    assert changed and all("unit " in line for line in changed), changed


# An anchor comes from the file under check: a bidi override or a line break in a unit id
# must not reorder or break what a reviewer reads, and Markdown in it must stay text.
HOSTILE = "unit 7\u202e\n::error::x `|*"


@pytest.mark.parametrize("fmt", ["text", "markdown", "github", "junit"])
def test_a_hostile_anchor_is_shown_inert(report: Report, rules, fmt: str) -> None:
    options = {"rules": rules} if fmt == "junit" else {}
    out = render(anchored(report, HOSTILE), fmt, **options)
    assert "\u202e" not in out
    assert "\\u202e" in out
    assert not any(line.startswith("::error::x") for line in out.splitlines())
    if fmt == "junit":
        ET.fromstring(out)
    if fmt == "markdown":
        assert "\\`\\|\\*" in out


SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.mark.model
def test_a_finding_in_an_xliff_release_names_its_unit(tmp_path: Path) -> None:
    from langcheck.config import Config
    from langcheck.pipeline import Session

    session = Session(Config(cache_dir=str(tmp_path)))
    try:
        result = session.check_folder(SAMPLES / "defects" / "xliff-date-de")
    finally:
        session.close()
    data = json.loads(render(Report(releases=(result,)), "json"))
    [finding] = [f for f in data["releases"][0]["findings"] if f["severity"] != "info"]
    assert (finding["rule"], finding["lang"], finding["anchor"], finding["line"]) == ("LC202", "de", "unit 2", 13)
    assert {loc["lang"]: loc["anchor"] for loc in finding["related"]} == {
        "en": "unit 2", "es": "unit 2", "fr": "unit 2", "ru": "unit 2"}
