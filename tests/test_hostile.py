"""Hostile content: HTML is read as text only; pathological sizes and nesting finish.

No test asserts a duration. A SIGALRM hang guard fails any test that runs past 30 s, so a
quadratic blow-up shows up as a failure instead of a CI job that never ends. (The guard
fires between Python bytecodes; a C loop that never returns would still hang.)
"""

from __future__ import annotations

import hashlib
import shutil
import signal
from pathlib import Path
from typing import Sequence

import numpy as np
import pytest

from langcheck.config import Config
from langcheck.load import InputError, load_document, load_release
from langcheck.load.html import html_blocks
from langcheck.pipeline import _load_glossary, check_release

LANGS = ("de", "en", "es", "fr", "ru")
CLEAN = Path(__file__).resolve().parents[1] / "samples" / "lavrov-belarus-2020"
HANG_GUARD_S = 30


@pytest.fixture(autouse=True)
def hang_guard():
    def on_alarm(signum, frame):
        pytest.fail(f"hang guard: still running after {HANG_GUARD_S} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(HANG_GUARD_S)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def fake_encode(texts: Sequence[str]) -> np.ndarray:
    rows = []
    for text in texts:
        seed = int.from_bytes(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()[:4], "little")
        vector = np.random.default_rng(seed).standard_normal(32)
        rows.append(vector / np.linalg.norm(vector))
    return np.asarray(rows, dtype=np.float32).reshape(len(texts), 32)


def _document(tmp_path: Path, name: str, content: str) -> list[str]:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return [p.text for p in load_document(path, LANGS).paragraphs]


# --- HTML: only the article's text --------------------------------------------------------------

HOSTILE_PAGE = """<!DOCTYPE html><html><head><title>Page title</title>
<script>alert("head script")</script>
<meta http-equiv="refresh" content="0;url=javascript:alert('meta')">
<base href="javascript:alert('base')//"><link rel="stylesheet" href="javascript:alert('css')">
</head>
<body onload="alert('body onload')">
<nav><a href="/">Home menu</a></nav>
<article>
<h1 onmouseover="alert('h1')">Title of the article</h1>
<script>document.write("written by script")</script>
<noscript>Noscript fallback</noscript>
<p onclick="alert('p onclick')" style="background:url(javascript:alert('style'))">First <a href="javascript:alert('href')">link text</a> paragraph.<img src="x" onerror="alert('img')" alt="alt text"></p>
<p title="HUGE" data-payload="<script>alert('attr')</script>">Second paragraph &lt;script&gt;alert('escaped')&lt;/script&gt; as text.</p>
<iframe src="javascript:alert('iframe')">iframe content</iframe>
<svg onload="alert('svg')"><script>alert('svg script')</script><text>svg text</text></svg>
<math><mi xlink:href="javascript:alert('math')">math link</mi></math>
<template><p>template paragraph</p></template>
<form action="javascript:alert('form')"><input value="input value"><button>Button label</button></form>
<object data="javascript:alert('object')">object fallback</object>
<style>p { color: red }</style>
<p><a href="  JaVaScRiPt:alert('mixed case')">Third</a> paragraph.</p>
</article>
<footer>Footer text</footer>
<script src="https://evil.example/x.js"></script>
</body></html>
"""


def test_hostile_html_is_read_as_the_article_text_only(tmp_path: Path) -> None:
    page = HOSTILE_PAGE.replace("HUGE", "A" * 5_000_000)  # a 5 MB attribute value
    texts = _document(tmp_path, "en.html", page)
    assert texts == [
        "Title of the article",
        "First link text paragraph.",
        "Second paragraph <script>alert('escaped')</script> as text.",
        "Third paragraph.",
    ]


def test_entities_are_neither_expanded_nor_fetched() -> None:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    page = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY l0 "lol">{laughs}'
            '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            "<html><body><p>Laughs &l9; and &xxe; end.</p></body></html>")
    (block,) = html_blocks(page, "en.html")
    assert block.text == "Laughs &l9; and &xxe; end."


# --- sizes, nesting and whitespace --------------------------------------------------------------

SENTENCE = "The minister met the president in Minsk on 25 November 2020. "


@pytest.mark.parametrize(
    "name, content, expected",
    [
        pytest.param("en.txt", SENTENCE * 780, [len(SENTENCE) * 780 - 1], id="48KB-text-paragraph"),
        pytest.param("en.md", SENTENCE * 780, [len(SENTENCE) * 780 - 1], id="48KB-markdown-paragraph"),
        pytest.param("en.html", f"<article><p>{SENTENCE * 780}</p></article>", [len(SENTENCE) * 780 - 1],
                     id="48KB-html-paragraph"),
        pytest.param("en.txt", "x" * 10_000, [10_000], id="10k-word"),
        pytest.param("en.txt", "Hello." + "\n" * 1_000_000 + "End.", [6, 4], id="1M-newlines"),
        pytest.param("en.txt", "Hello." + "\r\n" * 500_000 + "End.", [6, 4], id="500k-crlf"),
        # Plain text keeps spacing inside a line as written (Markdown and HTML squeeze it).
        pytest.param("en.txt", "Hello" + " \t\u200b" * 3_000 + "world.", [9_011], id="whitespace-run-in-a-line"),
        pytest.param("en.txt", "Hello.\n" + "\u00a0 \u2003\t\n" * 200_000 + "\nEnd.", [6, 4], id="lines-of-odd-spaces"),
        pytest.param("en.html", "<article>" + "<p>Paragraph text.</p>" * 5_000 + "</article>", [15] * 5_000,
                     id="5k-html-paragraphs"),
        pytest.param("en.html", "<body>" + "<div>" * 2000 + "<p>Deep text.</p>" + "</div>" * 2000 + "</body>", [10],
                     id="2000-nested-divs"),
        pytest.param("en.html", "<body>" + "<blockquote>" * 2000 + "Deep." + "</blockquote>" * 2000 + "</body>", [5],
                     id="2000-nested-blockquotes"),
        pytest.param("en.md", "> " * 45 + "Deep text.\n", [10], id="45-nested-markdown-quotes"),
        pytest.param("en.md", "[" * 4_000 + "x" + "]" * 4_000, [8_001], id="4k-open-brackets"),
        pytest.param("en.md", "*" * 24_000 + "x" + "*" * 24_000, [1], id="48k-emphasis-marks"),  # nested emphasis
    ],
)
# Sizes stay within the paragraph and sentence limits (`langcheck.load.MAX_PARAGRAPH_CHARS`,
# `MAX_SENTENCE_CHARS`); beyond them a file is refused (tests/test_hardening.py).
def test_pathological_documents_load_completely(tmp_path: Path, name: str, content: str, expected: list[int]) -> None:
    assert [len(t) for t in _document(tmp_path, name, content)] == expected


@pytest.mark.parametrize(
    "name, content, problem",
    [
        pytest.param("en.html", "<body>" + "<div>" * 5000 + "<p>Text.</p>" + "</div>" * 5000 + "</body>",
                     "cannot parse HTML (line 1: Excessive depth in document: 2048)", id="5000-nested-divs"),
        pytest.param("en.html", "<p>Before.</p>" + "<span>" * 100_000 + "x",
                     "cannot parse HTML (line 1: Excessive depth in document: 2048)", id="100k-unclosed-spans"),
        pytest.param("en.md", "".join("  " * i + "- item\n" for i in range(200)),
                     "line 50: lists or quotes nested more than 50 deep", id="200-nested-markdown-lists"),
        pytest.param("en.md", ">" * 40_000 + " Text\n", "line 1: lists or quotes nested more than 50 deep",
                     id="40k-nested-markdown-quotes"),
    ],
)
def test_nesting_past_what_the_parser_reads_is_refused_not_truncated(tmp_path: Path, name: str, content: str, problem: str) -> None:
    with pytest.raises(InputError) as error:
        _document(tmp_path, name, content)
    assert error.value.problem == problem


# --- the whole pipeline on long paragraphs ------------------------------------------------------


def _release_with(tmp_path: Path, de_text: str):
    shutil.copy(CLEAN / "en.txt", tmp_path / "en.txt")
    (tmp_path / "de.txt").write_text(de_text, encoding="utf-8")
    config = Config(cache=False)
    return load_release(tmp_path, config.languages), config


@pytest.mark.parametrize(
    "de_text",
    [
        pytest.param("Die Minister trafen sich am 25. November 2020 in Minsk und sprachen über 16,2 Milliarden US-Dollar. " * 480,
                     id="48KB-paragraph-of-facts"),
        pytest.param("x" * 10_000, id="10k-word"),
        pytest.param("Hallo Welt.\n" + "\u00a0 \u2003\u200b\t" * 1_900 + "\n\nEnde.", id="10KB-whitespace"),
    ],
)
def test_the_pipeline_finishes_on_long_paragraphs(tmp_path: Path, de_text: str) -> None:
    release, config = _release_with(tmp_path, de_text)
    report = check_release(release, fake_encode, config, _load_glossary(config))
    covered = sorted((lang, i) for g in report.groups for lang, idx in g.paragraphs.items() for i in idx)
    assert covered == sorted((lang, p.index) for lang, doc in release.documents.items() for p in doc.paragraphs)


@pytest.mark.parametrize("de_text", [pytest.param("1 " * 4_900, id="5k-numbers"),
                                     pytest.param("NATO " * 1_900, id="2k-acronyms")])
def test_the_pipeline_finishes_on_a_paragraph_of_many_equal_facts(tmp_path: Path, de_text: str) -> None:
    release, config = _release_with(tmp_path, de_text)
    check_release(release, fake_encode, config, _load_glossary(config))
