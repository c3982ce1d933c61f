from __future__ import annotations

import pytest

from langcheck.model import Report
from langcheck.report import render


def test_matches_golden(report: Report, golden) -> None:
    golden("text.txt", render(report, "text", source="en"))


def test_plain_has_no_escape_codes(report: Report) -> None:
    assert "\x1b[" not in render(report, "text")


def test_color_adds_escape_codes(report: Report) -> None:
    assert "\x1b[" in render(report, "text", color=True)


def test_document_text_is_not_rich_markup(report: Report) -> None:
    text = render(report, "text")
    assert "<script>" in text
    assert "de:¶3 (line 5)" in text
    assert "es: missing" in text


@pytest.mark.parametrize("width", [60, 100, 160])
def test_every_finding_is_listed_at_any_width(report: Report, width: int) -> None:
    text = render(report, "text", width=width)
    assert all(f"{f.rule} {f.name}" in text for f in report.findings)
    assert " ".join(text.split()).endswith("2 errors, 3 warnings, 1 info in 2 releases; 1 could not be checked")

