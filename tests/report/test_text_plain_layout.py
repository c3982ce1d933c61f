"""The text report without colour is laid out without rich's console (`report._plain_layout`):
it must be, line for line, what rich's console writes for the same report, on any text and width.

rich's console path is `Writer._printed` (what the report uses with colour), called here without
colour; the plain path is what `render(report, "text")` uses. Generated reports cover what a
layout can trip on: words longer than the column (folded), runs of blanks and no-break spaces at
a break, wide (CJK) and zero-width (combining) characters, many related versions, any width.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from langcheck.model import Document, Finding, Gap, Location, Paragraph, Release, ReleaseReport, Severity
from langcheck.report import text as text_report
from langcheck.report.stream import Tally

# Letters of the five languages, a wide script, combining marks, and the blanks rich breaks at.
_ALPHABET = st.sampled_from(list("aeßçñйЖ1.,-«»") + ["文", "字", "\u0301", " ", " ", " ", "\u00a0", "\u2009"])
_WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")) | _ALPHABET, max_size=140)
_LONG_WORD = st.integers(1, 130).map(lambda n: "x" * n)
_TEXT = st.one_of(_WORDS, _LONG_WORD, st.lists(st.one_of(_WORDS, _LONG_WORD), max_size=4).map(" ".join))
_LANG = st.sampled_from(["de", "en", "es", "fr", "ru"])


@st.composite
def _findings(draw: st.DrawFn) -> Finding:
    lang = draw(_LANG)
    number = draw(st.one_of(st.none(), st.integers(1, 300)))
    related = draw(st.lists(st.builds(Location, lang=_LANG, file=st.just("x.txt"),
                                      paragraph_number=st.one_of(st.none(), st.integers(1, 99)),
                                      line=st.one_of(st.none(), st.integers(1, 9999)),
                                      anchor=st.one_of(st.none(), _WORDS)), max_size=6))
    return Finding(
        rule=draw(st.sampled_from(["LC201", "LC104", "LC301"])), name=draw(st.sampled_from(["number-mismatch", "x"])),
        category="numbers", severity=draw(st.sampled_from(list(Severity))), lang=lang, file=f"{lang}.txt",
        paragraph_number=number, line=draw(st.one_of(st.none(), st.integers(1, 9999))), message=draw(_TEXT),
        expected=draw(st.one_of(st.none(), _TEXT)), found=draw(st.one_of(st.none(), _TEXT)), related=tuple(related),
        gap=draw(st.one_of(st.none(), st.builds(Gap, st.one_of(st.none(), st.integers(1, 9)),
                                                st.one_of(st.none(), st.integers(1, 9))))) if number is None else None,
        anchor=draw(st.one_of(st.none(), _WORDS)),
    )


@st.composite
def _release_reports(draw: st.DrawFn) -> ReleaseReport:
    names = draw(st.lists(_TEXT.filter(lambda t: "/" not in t), min_size=2, max_size=5))
    documents = {lang: Document(lang=lang, path=f"rel/{name or 'x'}.txt", paragraphs=(Paragraph(0, "t", 1),))
                 for lang, name in zip(["de", "en", "es", "fr", "ru"], names)}
    release = Release(path=draw(_TEXT.map(lambda t: "releases/" + t)), documents=documents)
    return ReleaseReport(release=release, groups=(), findings=tuple(draw(st.lists(_findings(), max_size=5))))


def _by_rich(writer: text_report.Writer, release_report: ReleaseReport, source: str | None) -> str:
    return writer._printed(lambda console: text_report._print_release(console, release_report, source))


@settings(max_examples=300, deadline=None)
@given(release_report=_release_reports(), width=st.integers(30, 180), source=st.one_of(st.none(), _LANG))
def test_a_release_without_colour_is_laid_out_as_rich_lays_it_out(release_report, width, source) -> None:
    writer = text_report.Writer(source=source, color=False, width=width)
    assert writer.release(release_report) == _by_rich(writer, release_report, source)


@settings(max_examples=200, deadline=None)
@given(finding=_findings())
def test_the_plain_body_is_the_text_of_the_rich_body(finding) -> None:
    assert text_report._plain_body(finding) == text_report._body(finding).plain


@settings(max_examples=200, deadline=None)
@given(failures=st.lists(st.tuples(_TEXT, _TEXT), max_size=3), releases=st.integers(0, 3),
       errors=st.integers(0, 3), width=st.integers(30, 180))
def test_the_tail_without_colour_is_laid_out_as_rich_lays_it_out(failures, releases, errors, width) -> None:
    tally = Tally(releases=releases, errors=errors, failures=list(failures))
    writer = text_report.Writer(color=False, width=width)
    assert writer.finish(tally) == ("", writer._printed(lambda console: text_report._print_tail(console, tally)))


@pytest.mark.parametrize("text, width", [
    ("a\u0301\u0301\u0301\u0301\u00a0", 5),  # more characters than cells: rich drops the blank past them
    ("two  blanks\u00a0\u00a0at a break", 11),
    ("x" * 25, 10),  # folded
    ("文字文字文字", 5),  # a wide character does not fit in the last cell
    ("", 10),
    ("   ", 2),
])
@pytest.mark.parametrize("pad", [False, True])
def test_wrapped_is_rich_word_wrap(text: str, width: int, pad: bool) -> None:
    from rich.console import Console
    from rich.text import Text

    from langcheck.report._plain_layout import wrapped

    lines = Text(text).wrap(Console(width=200), width, justify="left" if pad else "default", overflow="fold")
    assert wrapped(text, width, pad=pad) == [line.plain for line in lines]


def _number_mismatch(lang: str, message: str, path: str) -> ReleaseReport:
    """A release of an English and a `lang` version with one LC201 error in the latter."""
    finding = Finding(rule="LC201", name="number-mismatch", category="numbers", severity=Severity.ERROR,
                      lang=lang, file=f"{lang}.txt", paragraph_number=3, line=7, message=message,
                      expected="16.2 billion", found="16.3 billion")
    documents = {code: Document(lang=code, path=f"rel/{code}.txt", paragraphs=(Paragraph(0, "t", 1),))
                 for code in ("en", lang)}
    return ReleaseReport(release=Release(path=path, documents=documents), groups=(), findings=(finding,))


def test_a_rich_without_its_private_word_wrap_gets_the_consoles_layout(monkeypatch) -> None:
    """`rich._wrap` is private: a rich release without it must still print the same report."""
    import sys

    report = _number_mismatch("ru", "16,2 млрд вместо 16.2 billion", "releases/x")
    writer = text_report.Writer(color=False, width=60)
    plain = writer.release(report)
    monkeypatch.setitem(sys.modules, "rich._wrap", None)  # import raises ImportError
    monkeypatch.delitem(sys.modules, "langcheck.report._plain_layout", raising=False)
    text_report._plain_layout_available.cache_clear()
    try:
        assert not text_report._plain_layout_available()
        assert writer.release(report) == plain
    finally:
        text_report._plain_layout_available.cache_clear()


def test_without_colour_the_report_is_laid_out_without_richs_console(monkeypatch) -> None:
    """The plain layout is what a pipe or CI log gets; its self-check once refused the installed
    rich (it expected no trailing space), so every report silently went through the console."""
    report = _number_mismatch("de", "16,2 Mrd. statt 16.2 billion", "releases/y")
    text_report._plain_layout_available.cache_clear()
    try:
        assert text_report._plain_layout_available()
        writer = text_report.Writer(color=False, width=80)
        by_console = writer._printed(lambda console: text_report._print_release(console, report, None))

        def no_console(self, write):
            raise AssertionError("rich's console was used for a plain report")

        monkeypatch.setattr(text_report.Writer, "_printed", no_console)
        assert text_report.Writer(color=False, width=80).release(report) == by_console
    finally:
        text_report._plain_layout_available.cache_clear()


@pytest.mark.parametrize("width", [6, 8, 9, 20, 29])
def test_a_narrow_report_is_laid_out_by_rich_itself(width: int) -> None:
    finding = Finding(rule="LC201", name="number-mismatch", category="numbers", severity=Severity.WARNING,
                      lang="de", file="de.txt", paragraph_number=1, line=1, message="16,2 Mrd.")
    documents = {"de": Document(lang="de", path="rel/de.txt", paragraphs=(Paragraph(0, "t", 1),))}
    report = ReleaseReport(release=Release(path="releases/x", documents=documents), groups=(), findings=(finding,))
    writer = text_report.Writer(color=False, width=width)
    assert writer.release(report) == _by_rich(writer, report, None)
