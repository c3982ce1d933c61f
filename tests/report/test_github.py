from __future__ import annotations

import pytest

from langcheck.model import Report
from langcheck.report import render
from langcheck.report.github import escape_data, escape_property


def test_matches_golden(report: Report, golden) -> None:
    golden("github.txt", render(report, "github"))


def test_one_command_per_finding(report: Report) -> None:
    lines = render(report, "github").splitlines()
    assert len(lines) == len(report.findings) + len(report.failures)
    assert lines[1] == ("::error file=releases/lavrov-belarus-2020/de.txt,line=5,title=LC201 number-mismatch · de%3A¶3::"
                        "de says 16,2 Millionen where en, fr, ru say 16.2 billion")
    assert sum(line.startswith("::notice ") for line in lines) == 1


def test_missing_paragraph_is_on_the_line_where_it_belongs(report: Report) -> None:
    line = next(x for x in render(report, "github").splitlines() if "LC101" in x)
    assert line.startswith("::error file=releases/sputnik-2021/es.txt,line=3,title=LC101 missing-paragraph · "
                           "es%3A missing after ¶2::")


@pytest.mark.parametrize("raw, data, prop", [
    ("100%", "100%25", "100%25"),
    ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
    ("x: y, z", "x: y, z", "x%3A y%2C z"),
    ("%0A", "%250A", "%250A"),
])
def test_escaping(raw: str, data: str, prop: str) -> None:
    assert (escape_data(raw), escape_property(raw)) == (data, prop)


def test_percent_in_message_is_escaped(report: Report) -> None:
    assert "(100%25: check, then fix)" in render(report, "github")
