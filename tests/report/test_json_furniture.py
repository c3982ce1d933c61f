"""The JSON report lists each version's page furniture, and only where there is some."""

from __future__ import annotations

import json
from dataclasses import replace

from langcheck.model import Furniture, Report
from langcheck.report import render


def test_furniture_is_listed_per_version_where_there_is_some(report: Report) -> None:
    first = report.releases[0]
    en = first.release.documents["en"]
    stamped = replace(en, furniture=(Furniture(1, "date stamp", "26 November 202018:51", "2020-11-26"),
                                     Furniture(6, "language switcher", "• de-DE1 en-GB1", "de en")))
    documents = {**first.release.documents, "en": stamped}
    changed = replace(first, release=replace(first.release, documents=documents))
    data = json.loads(render(Report(releases=(changed, *report.releases[1:])), "json"))
    assert data["releases"][0]["furniture"] == {"en": [
        {"line": 1, "kind": "date stamp", "text": "26 November 202018:51", "value": "2020-11-26"},
        {"line": 6, "kind": "language switcher", "text": "• de-DE1 en-GB1", "value": "de en"},
    ]}
    assert all("furniture" not in release for release in data["releases"][1:])
