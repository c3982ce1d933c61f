"""Every reporter on hostile file names and texts (issue 12, items 11-14), property-tested.

File names, release paths, document text and finding messages come from the pull request under
check. Whatever they hold, every format's output parses, holds no raw control character (ESC,
C1, bidi overrides, stray line breaks), and no line a GitHub runner would obey as a workflow
command; Markdown keeps its structure. Bounded: a fixed number of examples per format.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from langcheck.model import Document, Finding, Group, Location, Paragraph, Release, ReleaseReport, Report, Severity
from langcheck.report import FORMATS, render
from tests.report.conftest import RULES

# Raw in output: C0 but tab and line feed, DEL, C1, line/paragraph separators, bidi overrides.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
COMMAND = re.compile(r"^\s*::", re.MULTILINE)

_NASTY = ["\n", "\r", "\x1b[1A\x1b[2K", "\x1b]8;;http://evil\x07link\x1b]8;;\x07", "\x1b]0;title\x07", "::error::PWNED",
          "\n::error title=x::y\n", "\n# Heading\n", "[link](http://evil.example)", "@admin", "**LGTM**", "`", "|",
          "<script>", "&amp;", "\x01", "\x00", "\x85", "\u202e", "\u2028", "http://evil.example", "www.evil.example",
          "%0A", "]]>", "\t", "\ud800"]
hostile = st.lists(st.one_of(st.sampled_from(_NASTY), st.text(max_size=8)), max_size=6).map("".join)
name = hostile.map(lambda s: s.replace("/", "_") or "x")


def _report(path: str, en_name: str, text: str, message: str, found: str, failure: str) -> Report:
    documents = {}
    for lang, file_name in (("en", en_name), ("fr", "fr.txt")):
        documents[lang] = Document(
            lang=lang, path=f"{path}/{file_name}",
            paragraphs=(Paragraph(0, f"Title {text}", 1, kind="title"), Paragraph(1, f"{text} 12 {text}", 3)),
        )
    release = Release(path=path, documents=documents)
    finding = Finding(
        rule="LC201", name="number-mismatch", category="number", severity=Severity.ERROR, lang="en",
        file=documents["en"].path, paragraph_number=2, line=3, message=message, expected="12", found=found,
        related=(Location("fr", documents["fr"].path, 2, 3),), span=(0, min(3, len(text))) if text else None,
    )
    groups = (Group({"en": (0,), "fr": (0,)}, 0.9), Group({"en": (1,), "fr": (1,)}, 0.8))
    return Report(releases=(ReleaseReport(release, groups, (finding,)),), failures=((f"{path}-{failure}", failure or "x"),))


def _render(fmt: str, report: Report) -> str:
    options = {"rules": RULES} if fmt in ("sarif", "junit") else {}
    return render(report, fmt, source="en", **options)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(path=name, en_name=name, text=hostile, message=hostile, found=hostile, failure=hostile)
def test_every_reporter_is_inert_on_hostile_input(fmt: str, path: str, en_name: str, text: str, message: str,
                                                 found: str, failure: str) -> None:
    report = _report(path, en_name, text, message, found, failure)
    out = _render(fmt, report)
    assert not RAW_CONTROL.search(out), f"raw control character in {fmt}"
    commands = COMMAND.findall(out)
    if fmt == "github":
        # Its own annotations only: one per finding and per failure, each at the start of a line.
        assert len(re.findall(r"^::(?:error|warning|notice) ", out, re.MULTILINE)) == len(commands) == 2
        assert out.count("\n") == 2
    else:
        assert not commands, f"a workflow command line in {fmt}"
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(out)
    elif fmt == "junit":
        ET.fromstring(out.encode("utf-8"))
    elif fmt == "markdown":
        benign = _render(fmt, _report("p", "en.txt", "text", "message", "found", "failure"))
        assert out.count("\n") == benign.count("\n")
        assert not re.search(r"^#", out.split("\n", 1)[1], re.MULTILINE) or out.count("\n### ") == 1
    elif fmt == "html":
        import lxml.html

        page = lxml.html.document_fromstring(out)
        assert len(page.xpath("//script")) == 2  # the data block and the page's own script, nothing else


def test_a_file_name_with_a_workflow_command_stays_on_its_line(tmp_path) -> None:
    report = _report("releases/x", "x\n::error title=PWNED::owned\n.en.txt", "text", "message", "found", "f")
    for fmt in sorted(FORMATS):
        out = _render(fmt, report)
        assert not re.search(r"^\s*::error title=PWNED", out, re.MULTILINE), fmt


def test_terminal_escapes_are_shown_not_obeyed() -> None:
    report = _report("r", "en.txt", "a\x1b[1A\x1b[2Kb", "hide\x1b[2K\x1b]8;;http://x\x07link", "f\x1b]0;t\x07", "e")
    out = _render("text", report)
    assert "\x1b" not in out and "\\x1b[2K" in out and "\\x07" in out


def test_markdown_renders_a_hostile_file_name_inert() -> None:
    out = _render("markdown", _report("r", "x\n# Heading [l](http://e.x) @admin **LGTM** `", "t", "see http://evil.example", "f", "e"))
    assert "\n# Heading" not in out and "http://evil" not in out
    for line in out.split("\n"):
        outside_code = line.split("`")[::2]  # a code span shows its content literally
        for text in outside_code:
            assert "@admin" not in text.replace("\\@admin", "") and "**LGTM**" not in text and "](http" not in text


def test_junit_path_attributes_with_controls_parse() -> None:
    ET.fromstring(_render("junit", _report("r\x01", "e\x1bn.txt", "t", "m", "f", "e")).encode())
