"""Paragraphs and their 1-based lines, per input format."""

from __future__ import annotations

import pytest

from langcheck.load.html import html_blocks
from langcheck.load.markdown import markdown_blocks
from langcheck.load.text import text_blocks


def _plain(blocks):
    return [(b.text, b.line, b.kind) for b in blocks]


def test_text_paragraphs_are_blank_line_blocks() -> None:
    text = "Title line\n\nFirst paragraph\ncontinues here.\n\n\n  Second one.  \n"
    assert _plain(text_blocks(text)) == [
        ("Title line", 1, "body"),
        ("First paragraph continues here.", 3, "body"),
        ("Second one.", 7, "body"),
    ]


def test_text_keeps_no_break_spaces_inside_numbers() -> None:
    (block,) = text_blocks("1\u00a0200 тонн")
    assert block.text == "1\u00a0200 тонн"


MARKDOWN = """---
title: front matter is not text
---
# Pressemitteilung **zum Besuch**

Am 25. und 26. November besuchte [Sergej Lawrow](https://example.org) Minsk.
Zweite Zeile.

<!-- langcheck-ignore LC201 LC202 -->
Die Seiten tauschten sich aus.

- erster Punkt
- zweiter Punkt

![Foto](bild.png)
## Unterüberschrift
"""


def test_markdown_blocks() -> None:
    assert _plain(markdown_blocks(MARKDOWN)) == [
        ("Pressemitteilung zum Besuch", 4, "heading"),
        ("Am 25. und 26. November besuchte Sergej Lawrow Minsk. Zweite Zeile.", 6, "body"),
        ("Die Seiten tauschten sich aus.", 10, "body"),
        ("erster Punkt", 12, "body"),
        ("zweiter Punkt", 13, "body"),
        ("Unterüberschrift", 16, "heading"),
    ]


@pytest.mark.parametrize(
    "source, text",
    [
        # No inline markup: the text as it stands, its line breaks (soft, hard, after a tab) read as spaces.
        ("Am 25. November 2020 (ref. 10-2)  \nbesuchte er Minsk:\t\n  100 % – 2020-2021.", "Am 25. November 2020 (ref. 10-2) besuchte er Minsk: 100 % – 2020-2021."),
        ("On 25 November, #1 at $5 + 3 = {8} ~ ^a @b!\nSecond line.", "On 25 November, #1 at $5 + 3 = {8} ~ ^a @b! Second line."),
        ("Le 25 novembre ! Il a dit : « oui » \\\nsuite.", "Le 25 novembre ! Il a dit : « oui » suite."),
        # Markup: the inline parser's reading (entities, escapes, code, emphasis, links, images).
        ("El 25 de noviembre &amp; *el* `día` \\*26\\* [Minsk](https://example.org) ![foto](f.png)", "El 25 de noviembre & el día *26* Minsk"),
        ("25 ноября &#1051;авров посетил <b>Минск</b> и _[Москву][m]_.\n\n[m]: https://example.org", "25 ноября Лавров посетил Минск и Москву."),
    ],
)
def test_markdown_inline_text(source: str, text: str) -> None:
    assert [b.text for b in markdown_blocks(source)] == [text]


def test_markdown_parser_kept_between_files_carries_nothing_over() -> None:
    # One parser serves every file of a run: a refused file (nested too deep) or another one
    # parsed in between leaves the next parse as a fresh parser would give it.
    first = _plain(markdown_blocks(MARKDOWN))
    from langcheck.load.errors import InputError

    with pytest.raises(InputError, match="nested more than"):
        markdown_blocks("> " * 200 + "Tief verschachtelt.\n")
    assert _plain(markdown_blocks("# Другой заголовок\n\nТекст.\n")) == [
        ("Другой заголовок", 1, "heading"), ("Текст.", 3, "body")]
    assert _plain(markdown_blocks(MARKDOWN)) == first


def test_markdown_ignore_comment_applies_to_the_next_paragraph_only() -> None:
    blocks = markdown_blocks(MARKDOWN)
    assert blocks[2].ignored_rules == frozenset({"LC201", "LC202"})
    assert blocks[3].ignored_rules == frozenset()


PAGE = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>Сайт МИД</title>
<style>p { color: red }</style><script>var tracking = "Пресс-релиз";</script></head>
<body>
<header class="site"><nav><a href="/">Главная</a> <a href="/en">English</a></nav></header>
<main>
<article>
<header><h1>Пресс-релиз о визите</h1></header>
<p class="date">26 ноября 2020</p>
<p>25-26 ноября С.В.Лавров <b>находился</b> в Минске.</p>
<!-- langcheck-ignore LC301 -->
<p onclick="alert(1)">Стороны <a href="javascript:alert(1)">обменялись</a> мнениями.</p>
<ul><li><p>Пункт один</p></li><li>Пункт два</li></ul>
<aside>Читайте также</aside>
</article>
</main>
<footer>© МИД России, 2020. Телефон 8-499-244-16-06</footer>
<script>document.write("не текст")</script>
</body></html>
"""


def test_html_reads_the_article_only() -> None:
    assert _plain(html_blocks(PAGE, "ru.html")) == [
        ("Пресс-релиз о визите", 8, "heading"),
        ("26 ноября 2020", 9, "body"),
        ("25-26 ноября С.В.Лавров находился в Минске.", 10, "body"),
        ("Стороны обменялись мнениями.", 12, "body"),
        ("Пункт один", 13, "body"),
        ("Пункт два", 13, "body"),
    ]


def test_html_ignore_comment() -> None:
    blocks = html_blocks(PAGE, "ru.html")
    assert blocks[3].ignored_rules == frozenset({"LC301"})
    assert all(b.ignored_rules == frozenset() for i, b in enumerate(blocks) if i != 3)


@pytest.mark.parametrize(
    "page, texts",
    [
        ("<html><body><div><p>One para.</p><p>Two para.</p></div><div class='footer'>x</div></body></html>",
         ["One para.", "Two para."]),
        ("<?xml version='1.0' encoding='utf-8'?><html><body><p>Déclaration</p></body></html>", ["Déclaration"]),
        ("<p>bare fragment</p>", ["bare fragment"]),
    ],
    ids=["no-article-element", "xml-declaration", "fragment"],
)
def test_html_without_semantic_article(page: str, texts: list[str]) -> None:
    assert [b.text for b in html_blocks(page, "x.html")] == texts


def test_pages_read_in_several_threads_read_as_in_one() -> None:
    # The article's XPath expressions are compiled once per thread (langcheck.load.html): a
    # page read beside another, in five languages, gives the blocks it gives alone.
    from concurrent.futures import ThreadPoolExecutor

    from langcheck.load.html import html_blocks

    pages = [
        f"<html><body><nav>Menu</nav><main><header><h1>{title}</h1></header><p>{body}</p></main>"
        "<footer>© 2021</footer></body></html>"
        for title, body in [("Pressemitteilung", "Der Minister traf am 3. Mai seinen Amtskollegen."),
                            ("Press release", "The minister met his counterpart on 3 May."),
                            ("Comunicado", "El ministro se reunió con su homólogo el 3 de mayo."),
                            ("Communiqué", "Le ministre a rencontré son homologue le 3 mai."),
                            ("Пресс-релиз", "Министр встретился с коллегой 3 мая.")]
    ] + ["<html><body><div><p>Kein Hauptteil, nur ein Absatz.</p></div><aside>Werbung</aside></body></html>"]
    alone = [html_blocks(page, "x.html") for page in pages]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda page: html_blocks(page, "x.html"), pages * 8))
    assert together == alone * 8
    assert [b.text for b in alone[0]] == ["Pressemitteilung", "Der Minister traf am 3. Mai seinen Amtskollegen."]
    assert [b.text for b in alone[-1]] == ["Kein Hauptteil, nur ein Absatz."]
