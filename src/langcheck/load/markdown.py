"""Markdown via markdown-it-py (CommonMark): each block element is a paragraph.

A heading is its own paragraph. Markup is dropped, link text kept. An HTML comment
`<!-- langcheck-ignore LC201 -->` suppresses the named rules for the next paragraph.
"""

from __future__ import annotations

import re
from functools import lru_cache

from langcheck.load.blocks import Block, ignored_rules, squeeze
from langcheck.load.errors import InputError

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
# markdown-it drops, without a word, whatever lies deeper than this many nested blocks (a list
# level is two). The commonmark preset's 20 is reached by a list nested ten deep; 100 is still far
# below Python's recursion limit.
_MAX_NESTING = 100
_LEAF_BLOCKS = ("paragraph_open", "heading_open")
# The characters at which a CommonMark inline rule can start: escape, code span, emphasis, link
# and image, autolink and inline HTML, entity. A text without any of them is plain text and
# line breaks to the inline parser, so it is not run on it (most of a press release's text).
_INLINE_MARKUP = re.compile(r"[\\`*_\[<&]")


def markdown_blocks(text: str, path: str = "<markdown>") -> list[Block]:
    # Blank out YAML front matter instead of cutting it, so line numbers stay true.
    text = _FRONT_MATTER.sub(lambda m: "\n" * m.group(0).count("\n"), text, count=1)
    env: dict = {}  # (the link reference definitions the block pass finds, for the inline one)
    tokens = _parser().parse(text, env)
    for token in tokens:
        if token.nesting == 1 and token.level >= _MAX_NESTING - 1 and token.type not in _LEAF_BLOCKS:
            line = token.map[0] + 1 if token.map else 1
            raise InputError(path, f"line {line}: lists or quotes nested more than {_MAX_NESTING // 2} deep")
    blocks: list[Block] = []
    pending_ignore: frozenset[str] = frozenset()
    heading = False
    numbered = _numbered_lines(tokens)
    for position, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "html_block":
            codes = ignored_rules(token.content)
            if codes is not None:
                pending_ignore = pending_ignore | codes
        elif token.type in ("inline", "code_block", "fence") and token.map:
            content = _inline_text(token, env) if token.type == "inline" else token.content
            content = squeeze(numbered.get(position, "") + content)
            if not content:
                continue
            blocks.append(Block(content, token.map[0] + 1, "heading" if heading else "body", pending_ignore))
            pending_ignore = frozenset()
    return blocks


# One parser per process: building one (its rule chains) cost 0.3 ms, most of a short file's
# parse. `parse` keeps its state in a new object per call and leaves the parser as it was.
# Its block pass only: `_inline_text` runs the inline parser on the texts that need it.
@lru_cache(maxsize=1)
def _parser():  # -> markdown_it.MarkdownIt
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING}).disable("inline")


def _numbered_lines(tokens) -> dict[int, str]:
    """Token position of the text of each one-item ordered list -> the number it starts with.

    CommonMark reads a line that begins with a number and a dot as an ordered list, and drops
    the number: `27. November 2020` would lose its day. A list of one item is such a line (a
    German date, a year), so its number is put back: `{position: "27. "}`.
    """
    out: dict[int, str] = {}
    for start, token in enumerate(tokens):
        if token.type != "ordered_list_open":
            continue
        items: list[int] = []
        for k in range(start + 1, len(tokens)):
            inner = tokens[k]
            if inner.type == "ordered_list_close" and inner.level == token.level:
                break
            if inner.type == "list_item_open" and inner.level == token.level + 1:
                items.append(k)
        if len(items) != 1:
            continue
        item = tokens[items[0]]
        text_at = next((k for k in range(items[0] + 1, len(tokens)) if tokens[k].type == "inline"), None)
        if text_at is not None and item.info:
            out[text_at] = f"{item.info}{item.markup} "
    return out


def _inline_text(token, env: dict) -> str:  # token: markdown_it.token.Token
    """The text of an inline token, markup dropped, line breaks as spaces (the caller squeezes
    whitespace: a break's trailing and leading spaces, which the inline parser drops, go there)."""
    if not _INLINE_MARKUP.search(token.content):
        return token.content.replace("\n", " ")
    parser = _parser()
    parts: list[str] = []
    for child in parser.inline.parse(token.content, parser, env, []):
        # (text_special: an escaped character or an entity, which the core rule text_join
        # would have turned into text)
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            continue  # alt text of an image is not article text
    return "".join(parts)
