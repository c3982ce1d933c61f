"""HTML pages: the article's block elements, without the site chrome around it.

The article is the first <article>, <main> or [role=main] element; failing those, the element
whose paragraphs hold the most text. Scripts, styles, navigation, headers, footers, forms and
<head> are dropped before anything is read, so nothing they contain can reach a report.
"""

from __future__ import annotations

import re

from langcheck.load.blocks import Block, ignored_rules, squeeze
from langcheck.load.errors import InputError

_DROP = ("script", "style", "noscript", "template", "head", "nav", "form", "button", "select", "svg",
         "iframe", "object", "menu")
# Site headers and footers are chrome, but an article's own <header> often holds its <h1> title.
_CHROME = ("header", "footer", "aside")
_BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "figcaption",
           "dt", "dd", "td", "th", "caption", "address"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def html_blocks(text: str, path: str) -> list[Block]:
    import lxml.etree
    import lxml.html

    text = _XML_DECLARATION.sub("", text, count=1)
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
    for element in list(root.iter(*_CHROME)):
        if element.getparent() is not None and not element.xpath(".//h1"):
            element.drop_tree()
    article = _article_root(root)
    blocks: list[Block] = []
    pending_ignore: frozenset[str] = frozenset()
    for element in article.iter():
        if element.tag is lxml.etree.Comment:
            codes = ignored_rules(element.text or "")
            if codes is not None:
                pending_ignore = pending_ignore | codes
            continue
        if not isinstance(element.tag, str) or element.tag not in _BLOCKS:
            continue
        if _has_block_descendant(element):
            continue  # the inner blocks are read on their own
        content = squeeze(element.text_content())
        if not content:
            continue
        kind = "heading" if element.tag in _HEADINGS else "body"
        blocks.append(Block(content, element.sourceline or 1, kind, pending_ignore))
        pending_ignore = frozenset()
    return blocks


def _article_root(root):
    for xpath in ("//article", "//main", "//*[@role='main']"):
        found = root.xpath(xpath)
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


def _has_block_descendant(element) -> bool:
    return any(isinstance(d.tag, str) and d.tag in _BLOCKS for d in element.iterdescendants())
