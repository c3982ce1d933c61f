from __future__ import annotations

import json

from langcheck.model import Report
from langcheck.report import render

FINDING_TYPES = {
    "rule": str, "name": str, "category": str, "severity": str, "lang": str, "paragraph_number": (int, type(None)),
    "line": (int, type(None)), "message": str, "expected": (str, type(None)), "found": (str, type(None)),
    "related": list,
}


def test_matches_golden(report: Report, golden) -> None:
    golden("json.json", render(report, "json"))


def test_contract_keys_and_types(report: Report) -> None:
    data = json.loads(render(report, "json"))

    assert set(data) == {"schema", "releases", "summary", "failures"}
    assert data["schema"] == "langcheck-report/2"
    assert data["summary"] == {"errors": 2, "warnings": 3, "infos": 1}
    assert data["failures"] == [{"path": "releases/broken-2022", "error": "no language versions found"}]
    for release in data["releases"]:
        assert set(release) == {"path", "languages", "groups", "findings"}
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in release["languages"].items())
        for group in release["groups"]:
            assert set(group) == {"paragraph_numbers", "similarity"}
            assert isinstance(group["similarity"], float)
            assert all(isinstance(i, int) and i >= 1 for idx in group["paragraph_numbers"].values() for i in idx)
        for finding in release["findings"]:
            assert set(finding) - {"gap"} == set(FINDING_TYPES)
            assert ("gap" in finding) == (finding["rule"] == "LC101")
            for key, kind in FINDING_TYPES.items():
                assert isinstance(finding[key], kind), key
            assert finding["severity"] in {"error", "warning", "info"}
            for loc in finding["related"]:
                assert set(loc) == {"lang", "paragraph_number", "line"}
    first = data["releases"][0]
    assert first["path"] == "releases/lavrov-belarus-2020"
    assert first["languages"] == {"de": "de.txt", "en": "en.txt", "fr": "fr.txt", "ru": "ru.txt"}
    assert first["groups"][1]["similarity"] == 0.8877


def test_missing_paragraph_has_no_number_and_says_where_it_belongs(report: Report) -> None:
    data = json.loads(render(report, "json"))
    missing = [f for f in data["releases"][1]["findings"] if f["rule"] == "LC101"]
    assert missing == [{
        "rule": "LC101", "name": "missing-paragraph", "category": "structure", "severity": "error",
        "lang": "es", "paragraph_number": None, "line": 3,
        "gap": {"after_paragraph_number": 2, "before_paragraph_number": None},
        "message": "es has no paragraph for en ¶3, fr ¶3: A further 100,000 doses will follow in March.",
        "expected": "A further 100,000 doses will follow in March.", "found": None,
        "related": [{"lang": "en", "paragraph_number": 3, "line": 5}, {"lang": "fr", "paragraph_number": 3, "line": 5}],
    }]


def test_no_failures_key_without_failures(report: Report) -> None:
    text = render(Report(releases=report.releases), "json")
    assert "failures" not in json.loads(text)
    assert text.endswith("}\n")


def test_text_is_not_ascii_escaped(report: Report) -> None:
    assert "Макаровым" in render(report, "json")
