"""HTML pages: the article's block elements, without the site chrome around it.

The article is the first <article>, <main> or [role=main] element; failing those, the element
whose paragraphs hold the most text. Scripts, styles, navigation, headers, footers, forms and
<head> are dropped before anything is read, so nothing they contain can reach a report.
"""

from __future__ import annotations

import re
import threading

from langcheck.load.blocks import Block, ignored_rules, squeeze
from langcheck.load.errors import InputError

_DROP = ("script", "style", "noscript", "template", "head", "nav", "form", "button", "select", "svg",
         "iframe", "object", "menu", "math")
# Site headers and footers are chrome, but an article's own <header> often holds its <h1> title.
_CHROME = ("header", "footer", "aside")
_BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "figcaption",
           "dt", "dd", "td", "th", "caption", "address"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements that end the paragraph before them and start a new one: the blocks above, and the
# containers whose own text (a <div>'s, an <li>'s before its nested list) is a paragraph too.
_BREAKS = _BLOCKS | {"html", "body", "div", "section", "article", "main", "header", "footer", "aside", "ul",
                     "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "figure", "hr", "details",
                     "summary", "center", "fieldset", "hgroup", "dir", "legend", "caption", "colgroup"}
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
# An internal DTD subset (`<!DOCTYPE html [ ... ]>`) is markup, but the HTML parser ends the
# doctype at the first `>` and reads the rest of the subset as text.
# Anchored at the start, where a doctype is: tried once, so it stays linear on hostile input.
_DOCTYPE_SUBSET = re.compile(r"\A\s*<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)


def html_blocks(text: str, path: str) -> list[Block]:
    import lxml.etree
    import lxml.html

    text = _XML_DECLARATION.sub("", text, count=1)
    # Keep its newlines, so the line numbers of the text after it stay true.
    text = _DOCTYPE_SUBSET.sub(lambda m: "<!DOCTYPE html>" + "\n" * m.group(0).count("\n"), text, count=1)
    try:
        parser = lxml.html.HTMLParser(huge_tree=True, remove_blank_text=False)
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(path, f"cannot parse HTML ({exc})") from None
    # libxml2 stops at a fatal error (e.g. nesting deeper than its limit of 2048 elements, which
    # huge_tree does not lift for HTML) and returns what it read so far: refuse rather than check
    # a silently truncated article.
    fatal = [e for e in parser.error_log if e.level_name == "FATAL"]
    if fatal:
        where = f"line {fatal[0].line}: " if fatal[0].line else ""
        problem = fatal[0].message.strip().split(", use XML_PARSE_HUGE")[0]  # advice for programmers
        raise InputError(path, f"cannot parse HTML ({where}{problem})")
    for element in list(root.iter(*_DROP)):
        if element.getparent() is not None:
            element.drop_tree()
    xpaths = _xpaths()
    for element in list(root.iter(*_CHROME)):
        if element.getparent() is not None and not xpaths["h1"](element):
            element.drop_tree()
    article = _article_root(root)
    return _Flow().read(article)


class _Break:
    """A <br>: one is a line break inside a paragraph, two in a row end the paragraph."""


_BR = _Break()


class _Flow:
    """Every text node of the article, in document order, into exactly one paragraph each.

    Text belongs to the paragraph of its nearest block-level ancestor; text that sits directly
    in a container (a <div>, an <li> around a nested list, a table cell) or between blocks is
    a paragraph of its own, and `<br><br>` ends a paragraph, as CMS pages write them. The walk
    is iterative (lxml's iterwalk), so nesting as deep as libxml2 allows does not recurse.
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str | _Break] = []
        self.line = 1
        self.kind = "body"
        self.pending_ignore: frozenset[str] = frozenset()
        self.stack: list[str] = []

    def read(self, article) -> list[Block]:
        import lxml.etree

        for event, element in lxml.etree.iterwalk(article, events=("start", "end", "comment")):
            if event == "comment":
                codes = ignored_rules(element.text or "")
                if codes is not None:
                    self.flush()
                    self.pending_ignore = self.pending_ignore | codes
                self.add(element.tail, element)
                continue
            tag = element.tag if isinstance(element.tag, str) else ""
            if event == "start":
                if tag in _BREAKS:
                    self.flush()
                    self.stack.append(tag)
                elif tag == "br":
                    self.parts.append(_BR)
                self.add(element.text, element)
            else:
                if tag in _BREAKS:
                    self.flush()
                    self.stack.pop()
                if element is not article:
                    self.add(element.tail, element)
        self.flush()
        return self.blocks

    def add(self, text: str | None, element) -> None:
        if not text:
            return
        if not any(isinstance(p, str) and p.strip() for p in self.parts) and text.strip():
            self.line = element.sourceline or self.line
            self.kind = "heading" if self.stack and self.stack[-1] in _HEADINGS else "body"
        self.parts.append(text)

    def flush(self) -> None:
        paragraph: list[str] = []
        previous_break = False
        for part in [*self.parts, _BR, _BR]:
            if isinstance(part, _Break):
                if previous_break:
                    self.emit("".join(paragraph))
                    paragraph = []
                else:
                    paragraph.append(" ")
                previous_break = True
            elif part.strip():
                paragraph.append(part)
                previous_break = False
            else:
                paragraph.append(part)
        self.parts = []

    def emit(self, text: str) -> None:
        content = squeeze(text)
        if content:
            self.blocks.append(Block(content, self.line, self.kind, self.pending_ignore))
            self.pending_ignore = frozenset()


# The article's container, in order of preference, and an <h1> inside an element.
_ARTICLE_XPATHS = ("//article", "//main", "//*[@role='main']")
_H1_XPATH = ".//h1"
_compiled = threading.local()  # (lxml's compiled XPath objects are kept per thread)


def _xpaths() -> dict:
    """The XPath expressions above, compiled once per thread (`element.xpath(text)` compiles
    its text on every call: about 30 us each, a third of reading a page)."""
    xpaths = getattr(_compiled, "xpaths", None)
    if xpaths is None:
        import lxml.etree

        xpaths = {text: lxml.etree.XPath(text) for text in _ARTICLE_XPATHS}
        xpaths["h1"] = lxml.etree.XPath(_H1_XPATH)
        _compiled.xpaths = xpaths
    return xpaths


def _article_root(root):
    xpaths = _xpaths()
    for xpath in _ARTICLE_XPATHS:
        found = xpaths[xpath](root)
        if found:
            return max(found, key=lambda el: len(el.text_content()))
    # No semantic container: take the parent of the paragraphs holding the most text.
    scores: dict = {}
    for paragraph in root.iter("p"):
        parent = paragraph.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + len(paragraph.text_content())
    if scores:
        return max(scores, key=scores.get)
    body = root.find("body")
    return body if body is not None else root
