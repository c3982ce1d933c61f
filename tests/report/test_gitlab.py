from __future__ import annotations

import json

from langcheck.model import Report
from langcheck.report import render


def test_matches_golden(report: Report, golden) -> None:
    golden("gitlab.json", render(report, "gitlab"))


def test_code_quality_fields(report: Report) -> None:
    issues = json.loads(render(report, "gitlab"))
    assert len(issues) == len(report.findings)
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    missing = next(i for i in issues if i["check_name"] == "LC101")
    assert missing["severity"] == "critical"
    # on es ¶2, which the missing paragraph would follow, never on line 1
    assert missing["location"] == {"path": "releases/sputnik-2021/es.txt", "lines": {"begin": 3}}
    assert missing["description"].startswith("LC101 missing-paragraph (es: missing after ¶2): ")
