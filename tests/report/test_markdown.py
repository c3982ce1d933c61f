from __future__ import annotations

import pytest

from langcheck.model import Report
from langcheck.report import render
from langcheck.report.markdown import escape


def test_matches_golden(report: Report, golden) -> None:
    golden("markdown.md", render(report, "markdown"))


def test_one_row_per_finding(report: Report) -> None:
    text = render(report, "markdown")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "`LC" in line]
    assert len(rows) == len(report.findings)
    assert text.startswith("**langcheck**: 2 errors, 3 warnings, 1 info in 2 releases")


@pytest.mark.parametrize("raw, shown", [
    ("a | b", r"a \| b"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("*bold* _it_ `code` [link](x)", r"\*bold\* \_it\_ \`code\` \[link\](x)"),
    ("line\nbreak", "line break"),
    ("see #12 and @team", r"see \#12 and \@team"),
    ("R&D", "R&amp;D"),
])
def test_escape(raw: str, shown: str) -> None:
    assert escape(raw) == shown
