"""A block of text found in a file, before it becomes a Paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACE = re.compile(r"[ \t\r\n\f\v\u200b]+")
_IGNORE = re.compile(r"langcheck-ignore\b([^>]*)", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    text: str
    line: int
    kind: str = "body"  # "heading" | "body"
    ignored_rules: frozenset[str] = frozenset()
    # `Paragraph.anchor`: "unit 12", "page 3"; "" where the line is all a reader needs.
    anchor: str = ""
    # The sentences as the file already segments them (XLIFF segments); None: split the text.
    sentences: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Version:
    """One language version read from a file, before it becomes a Document.

    A text, Markdown, HTML or Word file holds one version; a bilingual XLIFF file holds two
    (its source and its target). `lang` is the language the file itself declares, None where
    it declares none; `lang_is_fallback` says the file name wins over it (Word's language tag),
    else it is authoritative (XLIFF's srcLang/trgLang; the reader checks that the name agrees
    and that the language is configured).
    """

    blocks: list[Block]
    lang: str | None = None
    lang_is_fallback: bool = True
    encoding: str = "utf-8"


def squeeze(text: str) -> str:
    """Collapse runs of whitespace (but keep no-break spaces: they are number separators)."""
    return _SPACE.sub(" ", text).strip()


def ignored_rules(comment: str) -> frozenset[str] | None:
    """Rule codes named in a `langcheck-ignore LC201 LC202` comment (or a check's, X001); "*"
    alone means all rules.

    Returns None when the comment is not a langcheck-ignore comment.
    """
    match = _IGNORE.search(comment)
    if not match:
        return None
    codes = frozenset(code.upper() for code in re.findall(r"LC\d{3}|(?<![a-z0-9])X\d{3}", match.group(1), re.IGNORECASE))
    return codes or frozenset({"*"})
