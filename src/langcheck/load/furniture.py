"""Page furniture: the lines of a web page that come along when an editor copies a release.

A release copied from the ministry's page into a `.txt` or `.md` file brings the page with it:
the publication date and time (`26 November 202018:51`, date and time run together by the
copy), the language switcher (`• de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1`) and interface labels
(`Advanced settings`, `Print`). The HTML loader drops such chrome by markup; a text file has
none, so these are recognised by shape and position:

- the *article* runs from the first to the last prose block (one that ends like a sentence and
  has a few words); furniture lives before or after it, never inside, so a date line inside the
  article stays content;
- a *date stamp* is a block that is one full date (day, month, year) and nothing else but a
  time of day, a weekday, separators and a caption (`Published:`);
- a *language switcher* is a block that is only language codes (or the configured languages'
  own names), with or without regions, counters and bullets;
- an *interface label* is a short block without sentence shape (a few words, no digits, no
  closing punctuation), before or after the article but not the block just before it (the
  title). Shape and position only make it a candidate: `confirm_labels`, at
  release level, drops it only when no other version has anything like it in its content, so
  a short title or one-line paragraph that the other versions translate stays a paragraph.

Everything here is pure: `split_furniture` works on the blocks of one file, `confirm_labels`
on a loaded release and an `encode` function.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Sequence

from langcheck.load.blocks import Block
from langcheck.load.files import is_language_code
from langcheck.model import Document, Furniture, Release

if TYPE_CHECKING:  # imported in confirm_labels: loading a release (a result-cache hit) needs no numpy
    import numpy as np

DATE_STAMP = "date stamp"
LANGUAGE_SWITCHER = "language switcher"
INTERFACE_LABEL = "interface label"

# A label is at most this many words and characters ("Advanced settings", "Version for printing").
LABEL_MAX_WORDS = 4
LABEL_MAX_CHARS = 40
# A prose block (the article) has at least this many words and ends like a sentence.
PROSE_MIN_WORDS = 5
# A label candidate has a counterpart when a sentence of another version is at least this
# similar. With the bundled model, page labels score at most ~0.3 against article sentences and
# 0.85-0.9 against their own translation; a short title scores ~0.4 against the article that
# names the same people and places, so keeping at 0.4 errs on the side of content.
COUNTERPART_SIMILARITY = 0.4
# A date stamp line is short: a date, a time, perhaps a weekday.
_STAMP_MAX_CHARS = 60
_SWITCHER_MAX_TOKENS = 24
_SWITCHER_MAX_CHARS = 240  # checked before splitting, so an article paragraph costs nothing

# Date and time run together by the copy: "202018:51" is the year 2020 and 18:51.
_GLUED_TIME = re.compile(r"((?:19|20)\d\d)(\d{1,2}[:.]\d\d)\b")
# A time of day, optionally with the word that joins it to the date and a zone or "Uhr" after it.
_TIME = re.compile(
    r"(?:\b(?:at|um|à|a\s+las?|в)\s+)?"
    r"\b\d{1,2}(?:[:.]\d\d(?:[:.]\d\d)?|\s?h\s?\d\d)\b"
    r"(?:\s*(?:[AaPp]\.?\s?[Mm]\.?|Uhr|ч\.|h\b|(?:UTC|GMT)(?:[+-]\d{1,2})?|(?-i:[A-ZА-Я]{3,4})\b))?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
# What a page may write before a stamp or a switcher: "Published:", "Language:".
_CAPTION = re.compile(r"^\s*[^\W\d_]+(?:\s[^\W\d_]+)?\s?:\s+")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_TRAILING_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*$")
_SWITCHER_SPLIT = re.compile(r"[\s|/•·,;>›»«‹<–—]+")
_LOCALE_TOKEN = re.compile(r"\[?\(?([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?\)?\]?(\(?\d{1,4}\)?)?")
_COUNTER = re.compile(r"\(?\d{1,4}\)?")


def split_furniture(
    blocks: Sequence[Block], lang: str, languages: Sequence[str]
) -> tuple[list[Block], tuple[Furniture, ...], tuple[int, ...]]:
    """The blocks of one file without its date stamps and language switchers.

    Returns (kept blocks, furniture left out, indexes into the kept blocks of interface-label
    candidates; never the title, the last block before the article). `lang` is the file's language, `languages` the configured ones (a switcher's
    `value` lists those it names). A file with no prose block has no furniture: without an
    article there is no page around it.
    """
    prose = [i for i, block in enumerate(blocks) if is_prose(block.text)]
    if not prose:
        return list(blocks), (), ()
    first, last = prose[0], prose[-1]
    kept: list[Block] = []
    furniture: list[Furniture] = []
    candidates: list[int] = []
    title_at = -1
    for i, block in enumerate(blocks):
        outside = i < first or i > last
        switcher = language_switcher(block.text, lang, languages)
        if switcher is not None:
            furniture.append(Furniture(block.line, LANGUAGE_SWITCHER, block.text, " ".join(switcher)))
            continue
        stamp = date_stamp(block.text, lang, languages) if outside else None
        if stamp is not None:
            furniture.append(Furniture(block.line, DATE_STAMP, block.text, stamp))
            continue
        if outside and is_label_shaped(block.text):
            candidates.append(len(kept))
        if i < first:
            title_at = len(kept)
        kept.append(block)
    # The block just before the article is its title, however short: a title paraphrased in the
    # other versions ("Talks with Guterres") may be too unlike theirs to count as a counterpart.
    return kept, tuple(furniture), tuple(c for c in candidates if c != title_at)


def is_prose(text: str) -> bool:
    """Whether a block reads like article text: a few words, ending like a sentence."""
    return len(text.split()) >= PROSE_MIN_WORDS and bool(_SENTENCE_END.search(text))


def is_label_shaped(text: str) -> bool:
    """A few words with no digits and no sentence end: "Print", "Advanced settings", "Read more…",
    "Home / News / Statements" (a breadcrumb: its separators are not words)."""
    bare = _TRAILING_ELLIPSIS.sub("", text)
    return (
        0 < len(_WORD.findall(bare)) <= LABEL_MAX_WORDS
        and len(bare) <= LABEL_MAX_CHARS
        and not any(ch.isdigit() for ch in bare)
        and _WORD.search(bare) is not None
        and not _SENTENCE_END.search(bare)
    )


def date_stamp(text: str, lang: str, languages: Sequence[str]) -> str | None:
    """The date key (`2020-11-26`) when `text` is a publication date stamp, else None.

    One full date (day, month and year) and nothing else but a time of day, a weekday and
    separators. The file's language is tried first, then the other configured languages (an
    English page may write `26.11.2020`).
    """
    if len(text) > _STAMP_MAX_CHARS or not any(ch.isdigit() for ch in text):
        return None
    from langcheck.extract.dates import date_parts, find_dates

    line = _GLUED_TIME.sub(r"\1 \2", _CAPTION.sub("", text, count=1))
    for code in dict.fromkeys((lang, *languages)):
        try:
            facts = find_dates(line, code)
        except (KeyError, ValueError):  # a language the date tables do not cover
            continue
        if len(facts) != 1:
            continue
        fact = facts[0]
        parts = date_parts(fact.key)
        if len(parts) != 1 or parts[0][0] is None or parts[0][2] is None:
            continue
        rest = _TIME.sub(" ", line[: fact.start] + " " + line[fact.end :])
        if any(ch.isdigit() for ch in rest):
            continue
        if all(word.casefold() in _weekdays(code) for word in _WORD.findall(rest)):
            return fact.key
    return None


def language_switcher(text: str, lang: str, languages: Sequence[str]) -> tuple[str, ...] | None:
    """The configured languages a language-switcher line names (sorted), or None if it is none.

    Every token must be a language code (`de`, `en-GB`, `ru-RU1` with a glued counter, `FR`), a
    counter, or the own name of a configured language (`Deutsch`, `Русский`). It must name two
    languages or more and look like a switcher rather than two words: it names this file's own
    language, or three languages, or writes a region or a counter.
    """
    if len(text) > _SWITCHER_MAX_CHARS:
        return None
    tokens = [t for t in _SWITCHER_SPLIT.split(_CAPTION.sub("", text, count=1).strip()) if t]
    if len(tokens) < 2 or len(tokens) > _SWITCHER_MAX_TOKENS:
        return None
    named: list[str] = []
    marked = False  # a region or a counter: "en-GB", "ru-RU1", "EN (3)"
    autonyms = _autonyms(tuple(languages))
    for token in tokens:
        if _COUNTER.fullmatch(token):
            marked = True
            continue
        if token.casefold() in autonyms:
            named.append(autonyms[token.casefold()])
            continue
        match = _LOCALE_TOKEN.fullmatch(token)
        if match is None:
            return None
        code, region, counter = match.groups()
        if not (code.islower() or code.isupper()) or not is_language_code(code.lower()):
            return None
        marked = marked or bool(region) or bool(counter)
        named.append(code.lower())
    distinct = set(named)
    if len(distinct) < 2 or not (lang in distinct or len(distinct) >= 3 or marked):
        return None
    return tuple(sorted(distinct & set(languages)))


def confirm_labels(release: Release, encode: Callable[[Sequence[str]], np.ndarray]) -> Release:
    """The release with each interface-label candidate left out where no other version has a
    counterpart for it.

    A counterpart is a sentence of another version at least `COUNTERPART_SIMILARITY` alike.
    Another version's label candidate counts only when every version has one like it (short
    titles in all five, or every version copied with its "Print"): labels copied with some pages
    and not others are furniture, or they would be reported as paragraphs some versions lack.
    Left-out labels join their document's `furniture`; paragraphs are renumbered (the first one
    left is the title). One `encode` call, and none when no version has a candidate.
    """
    candidates = [(lang, i) for lang, doc in sorted(release.documents.items()) for i in doc.label_candidates]
    if not candidates:
        return release
    import numpy as np

    marked = set(candidates)
    content = {
        lang: [s for p in doc.paragraphs if (lang, p.index) not in marked for s in (p.sentences or (p.text,))]
        for lang, doc in release.documents.items()
    }
    labels = [release.paragraph(lang, i).text for lang, i in candidates]
    texts = list(dict.fromkeys(labels + [s for lang in sorted(content) for s in content[lang]]))
    vectors = _normalised(encode(texts))
    row = {text: k for k, text in enumerate(texts)}
    label_vectors = vectors[[row[text] for text in labels]]
    alike = label_vectors @ label_vectors.T >= COUNTERPART_SIMILARITY
    versions = set(release.documents)
    dropped: dict[str, set[int]] = {}
    for k, (lang, i) in enumerate(candidates):
        others = [row[s] for other, items in content.items() if other != lang for s in items]
        if others and float(np.max(vectors[others] @ label_vectors[k])) >= COUNTERPART_SIMILARITY:
            continue
        if {candidates[j][0] for j in np.flatnonzero(alike[k])} | {lang} == versions:
            continue
        dropped.setdefault(lang, set()).add(i)
    documents = {
        lang: _without(doc, dropped.get(lang, set())) for lang, doc in release.documents.items()
    }
    return replace(release, documents=documents)


def _without(document: Document, indexes: set[int]) -> Document:
    """The document without the paragraphs at `indexes` (they become interface-label furniture)."""
    if not indexes:
        return replace(document, label_candidates=())
    labels = [Furniture(p.line, INTERFACE_LABEL, p.text) for p in document.paragraphs if p.index in indexes]
    kept = [p for p in document.paragraphs if p.index not in indexes]
    paragraphs = tuple(
        replace(p, index=n, kind="title" if n == 0 else ("body" if p.kind == "title" else p.kind))
        for n, p in enumerate(kept)
    )
    furniture = tuple(sorted((*document.furniture, *labels), key=lambda f: f.line))
    return replace(document, paragraphs=paragraphs, furniture=furniture, label_candidates=())


def _normalised(vectors: np.ndarray) -> np.ndarray:
    import numpy as np

    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


@lru_cache(maxsize=None)
def _weekdays(lang: str) -> frozenset[str]:
    """Weekday names of `lang` (wide and abbreviated, format and stand-alone), case-folded."""
    from babel import Locale

    days = Locale.parse(lang).days
    names = (name.casefold() for context in days.values() for width in ("wide", "abbreviated")
             for name in context[width].values())
    return frozenset(form for name in names for form in (name, name.rstrip(".")))


# CLDR's own name of each supported language, as Babel gives it (`Locale.parse(code)
# .get_display_name(code)`; tests/load/test_furniture.py holds this table to the installed
# Babel). Reading it from Babel loads each locale's whole data, about 15 ms a language, in
# every process that loads a release: a stored-result run would spend most of its time there.
_CLDR_AUTONYMS = {"de": "Deutsch", "en": "English", "es": "español", "fr": "français", "ru": "русский"}


@lru_cache(maxsize=None)
def _autonyms(languages: tuple[str, ...]) -> dict[str, str]:
    """Each configured language's own name, case-folded -> code ("deutsch" -> "de")."""
    out: dict[str, str] = {}
    for code in languages:
        name = _CLDR_AUTONYMS.get(code)
        if name is None:
            from babel import Locale

            name = Locale.parse(code).get_display_name(code)
        if name:
            out[name.casefold()] = code
    return out
