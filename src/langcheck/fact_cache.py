"""The fact memo: the facts of a paragraph extracted before are read from the cache.

`langcheck.extract.extract_facts(text, lang, glossary)` is pure, and it is the largest part of a
release checked again (about 20 ms of 50 in a warm process, more with its first-use loads:
compiled patterns, word lists, the Russian dictionary, the glossary's stem indexes). A release
that changed in one paragraph (the pre-commit hook's case) misses the result cache, but all its
other paragraphs' facts are those of the last run: the embeddings are already kept per text,
this keeps the facts alike.

Key: SHA-256 over
- a layout version (`FORMAT`: bumped when the key's or the value's layout changes);
- the code fingerprint (`langcheck.result_cache.code_fingerprint`: langcheck's own files and the
  installed distributions, so a changed extractor or an upgraded Babel computes anew);
- the glossary's fingerprint (`langcheck.result_cache.glossary_fingerprint`): every file
  `langcheck.glossary.configured_glossary` reads, in its order, by path, real path and the
  SHA-256 of its bytes. That function reads `glossaries`, `default_glossaries` (which shipped
  files), `max_file_mb` (a file over it is keyed by its problem) and `named_at` (only where a
  problem is reported: a glossary with problems raises, and no facts are computed with it);
- the paragraph's language as passed (`extract_facts` folds `en-GB` and unknown codes itself)
  and its text.

Value: JSON `[[kind, key, start, end], ...]`, the facts in `extract_facts`' order. The surface is
not stored: it is `text[start:end]` for every fact extract_facts makes (checked on every
paragraph before it is stored; a paragraph where it is not so is not stored, so a hit is always
what a miss computes). The cache folder can be hostile input (`--cache-dir` in CI), so
`decode_facts` accepts only exactly that layout: a known kind, a str key, int offsets with
0 <= start < end <= len(text), in extract_facts' order, no fact twice, at most `max_facts`, no
NaN, bounded size; anything else is a miss and is computed.

Store: the `facts` table of the embeddings database (`langcheck.embed.cache`), one look-up for
all paragraphs of a release and one transaction for what it lacked; `--no-cache` turns it off
and `langcheck cache clear` clears it with the rest.

The same table keeps a second kind of value: the languages of a version
(`langcheck.language.identify_version_languages`: the whole text's, each paragraph's and each
sentence's of a paragraph of several), about 0.7 ms a version to compute, which is also pure.
Key: SHA-256 over `LANGUAGES_FORMAT`, the code fingerprint (py3langid's model is in an installed
distribution), the languages the identifier chooses among, and the version's paragraphs as
(text, sentences) in order; its own layout, so no fact key can equal one. Value: JSON
`[whole, [paragraph, ...], [[sentence, ...], ...]]`, each a language code or null;
`decode_languages` accepts only that, one entry per paragraph and per sentence of a paragraph
of several, each code among the languages chosen from. A version that changed in one paragraph
misses and is identified anew (its whole-text verdict reads every paragraph).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from langcheck.model import Fact, Facts

if TYPE_CHECKING:
    from langcheck.embed.cache import EmbeddingCache
    from langcheck.glossary import Glossary
    from langcheck.model import Release

log = logging.getLogger(__name__)

# What `identify_version_languages` says of one version: (the whole text's language, each
# paragraph's, each paragraph's sentences' (empty for a paragraph of one)); None: unsure.
VersionLanguages = tuple[str | None, list[str | None], list[tuple[str | None, ...]]]
# Identify: (release, the versions wanted) -> their VersionLanguages by language.
Identify = Callable[["Release", Sequence[str]], dict[str, VersionLanguages]]

FORMAT = "langcheck-facts/1"
LANGUAGES_FORMAT = "langcheck-languages/1"
# The kinds `extract_facts` makes (langcheck.model.Fact); a fact of another kind is neither
# stored nor read (a new kind added to the extractors is then computed, never lost).
KINDS: Mapping[str, str] = {kind: kind for kind in ("acronym", "date", "name", "number", "term")}
# A stored value larger than this is a miss (a paragraph's facts are a few hundred bytes; a
# hostile row must not make a run decode gigabytes). Paragraphs are bounded by the loader.
MAX_VALUE_BYTES = 1 << 20



class Unstorable(ValueError):
    """Facts the value layout cannot hold exactly; they are then not stored."""


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8", "surrogatepass")


def encode_facts(text: str, facts: Sequence[Fact]) -> bytes:
    """The stored form of one paragraph's facts; raises Unstorable where decoding it would not
    give back exactly `facts` (an unknown kind, or a surface that is not `text[start:end]`)."""
    rows = []
    for fact in facts:
        if (type(fact) is not Fact or fact.kind not in KINDS or type(fact.key) is not str
                or type(fact.start) is not int or type(fact.end) is not int
                or not 0 <= fact.start < fact.end <= len(text) or fact.surface != text[fact.start:fact.end]):
            raise Unstorable(f"a fact the memo cannot hold: {fact!r}")
        rows.append([fact.kind, fact.key, fact.start, fact.end])
    data = _dumps(rows)
    # What decoding would refuse (order, repeats, count) is not stored: a hit is always exact.
    if decode_facts(data, text) != tuple(facts):
        raise Unstorable("facts the memo's decoder would not give back as they are")
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} in a stored value")


def decode_facts(data: Any, text: str) -> tuple[Fact, ...] | None:
    """The facts a stored value holds for paragraph `text`; None for anything that is not
    exactly what `encode_facts` writes (damaged, hostile, or of another version)."""
    if type(data) is not bytes or len(data) > MAX_VALUE_BYTES:
        return None
    try:
        rows = json.loads(data.decode("utf-8", "surrogatepass"), parse_constant=_no_constant)
    except (ValueError, RecursionError, UnicodeError):  # bad JSON, NaN, digits past int's limit
        return None
    size = len(text)
    if type(rows) is not list or len(rows) > max_facts(text):
        return None
    out = []
    seen = set()
    last: tuple[int, str] | None = None
    for row in rows:
        if type(row) is not list or len(row) != 4:
            return None
        kind, key, start, end = row
        if (type(kind) is not str or kind not in KINDS or type(key) is not str
                or type(start) is not int or type(end) is not int or not 0 <= start < end <= size):
            return None
        # extract_facts' order; equal (start, kind) is allowed only for distinct facts
        if last is not None and (start, kind) < last:
            return None
        last = (start, kind)
        # A fact is its row (the surface is text[start:end]): no fact twice is no row twice.
        seen.add((kind, key, start, end))
        out.append(_fact(KINDS[kind], key, text[start:end], start, end))
    if len(seen) != len(out):
        return None
    return tuple(out)


_new = object.__new__
# What a Fact holds, in its order; _fact builds one only while that is all there is to it.
_FACT_FIELDS = ("kind", "key", "surface", "start", "end")
_PLAIN_FACT = (tuple(field.name for field in dataclasses.fields(Fact)) == _FACT_FIELDS
               and not hasattr(Fact, "__post_init__") and not hasattr(Fact, "__slots__"))


def _fact(kind: str, key: str, surface: str, start: int, end: int) -> Fact:
    """`Fact(kind, key, surface, start, end)`: the same fields in the same order, filled in
    directly. A frozen dataclass's __init__ sets each field through object.__setattr__ (about
    1.3 us a fact, 0.25 us this way), and a release reads some 400 facts from the memo. Where
    Fact is no longer the plain frozen dataclass of those five fields, its own __init__ runs."""
    if not _PLAIN_FACT:
        return Fact(kind, key, surface, start, end)
    fact = _new(Fact)
    fields = fact.__dict__
    fields["kind"] = kind
    fields["key"] = key
    fields["surface"] = surface
    fields["start"] = start
    fields["end"] = end
    return fact


def max_facts(text: str) -> int:
    """The most facts a stored value may hold for `text`: a fact covers at least one character
    and real paragraphs hold far fewer (at most 47 in 1,265 sample paragraphs). Why a bound at
    all: the rules compare facts pairwise, and a hostile row of thousands of facts for one
    short paragraph made a run take hours."""
    return len(text) // 2 + 8


def encode_languages(paragraphs: Sequence[tuple[str, Sequence[str]]], languages: Sequence[str],
                     found: VersionLanguages) -> bytes:
    """The stored form of one version's languages; raises Unstorable where decoding it would
    not give back exactly `found` (a code outside `languages`, a count that does not fit)."""
    whole, by_paragraph, by_sentence = found
    data = _dumps([whole, list(by_paragraph), [list(s) for s in by_sentence]])
    if decode_languages(data, paragraphs, languages) != (whole, list(by_paragraph), list(by_sentence)):
        raise Unstorable("languages the memo's decoder would not give back as they are")
    return data


def decode_languages(data: Any, paragraphs: Sequence[tuple[str, Sequence[str]]],
                     languages: Sequence[str]) -> VersionLanguages | None:
    """The languages a stored value holds for the version of `paragraphs` ((text, sentences)
    pairs) among `languages`; None for anything that is not exactly what `encode_languages`
    writes."""
    if type(data) is not bytes or len(data) > MAX_VALUE_BYTES:
        return None
    try:
        value = json.loads(data.decode("utf-8", "surrogatepass"), parse_constant=_no_constant)
    except (ValueError, RecursionError, UnicodeError):
        return None
    allowed = set(languages)

    def code(item: Any) -> bool:
        return item is None or (type(item) is str and item in allowed)

    if type(value) is not list or len(value) != 3:
        return None
    whole, by_paragraph, by_sentence = value
    if (not code(whole) or type(by_paragraph) is not list or type(by_sentence) is not list
            or len(by_paragraph) != len(paragraphs) or len(by_sentence) != len(paragraphs)
            or not all(code(item) for item in by_paragraph)):
        return None
    for found, (_, sentences) in zip(by_sentence, paragraphs):
        if (type(found) is not list or len(found) != (len(sentences) if len(sentences) > 1 else 0)
                or not all(code(item) for item in found)):
            return None
    return whole, by_paragraph, [tuple(found) for found in by_sentence]


class FactMemo:
    """The facts of paragraphs in one open cache, for one glossary and code (a `Session`'s).

    `code` is `result_cache.code_fingerprint()`, `glossary_files` the
    `result_cache.glossary_fingerprint(config)` of the glossary the session extracts with.
    `extract(release, glossary)` is `pipeline._extract` with the memo in front of it.
    `hits` and `misses` count paragraphs (for benchmarks and tests).
    """

    def __init__(self, cache: EmbeddingCache, code: str, glossary_files: Any) -> None:
        self.cache = cache
        self.code = code
        self._base = hashlib.sha256(_dumps([FORMAT, code, glossary_files]))
        # Languages do not depend on the glossary: one key for every glossary.
        self._languages_base = hashlib.sha256(_dumps([LANGUAGES_FORMAT, code]))
        self.hits = 0
        self.misses = 0
        self.language_hits = 0  # versions (for benchmarks and tests)
        self.language_misses = 0

    def key(self, text: str, lang: str) -> bytes:
        digest = self._base.copy()
        # Length-prefixed language: no text can make two (lang, text) pairs hash alike.
        digest.update(_dumps([lang, text]))
        return digest.digest()

    def extract(self, release: Release, glossary: Glossary | None,
                compute: Callable[[Release, Glossary | None, Sequence[tuple[str, int]]], Facts]) -> Facts:
        """Facts by (lang, paragraph index) for every paragraph of `release`: stored ones read,
        the others computed by `compute(release, glossary, wanted)` (for the `wanted` paragraphs
        only) and stored in one transaction."""
        paragraphs = [(lang, p.index, p.text) for lang, doc in release.documents.items() for p in doc.paragraphs]
        keys = [self.key(text, lang) for lang, _, text in paragraphs]
        stored = self._guard(lambda: self.cache.get_facts(keys, MAX_VALUE_BYTES)) or {}
        found: Facts = {}
        wanted = []
        for (lang, index, text), key in zip(paragraphs, keys):
            facts = decode_facts(stored.get(key), text) if key in stored else None
            if facts is None:
                wanted.append((lang, index))
            else:
                found[(lang, index)] = facts
        self.hits += len(found)
        self.misses += len(wanted)
        if wanted:
            computed = compute(release, glossary, wanted)
            found.update(computed)
            where = {(lang, index): (text, key) for (lang, index, text), key in zip(paragraphs, keys)}
            self._store(computed, where)
        # The order of the paragraphs, as `_extract` gives it (rules iterate the mapping).
        return {(lang, index): found[(lang, index)] for lang, index, _ in paragraphs}

    def languages_key(self, paragraphs: Sequence[tuple[str, Sequence[str]]], languages: Sequence[str]) -> bytes:
        digest = self._languages_base.copy()
        digest.update(_dumps([sorted(languages), [[text, list(sentences)] for text, sentences in paragraphs]]))
        return digest.digest()

    def languages(self, release: Release, compute: Identify) -> dict[str, VersionLanguages]:
        """Each version's languages (`VersionLanguages`) by language: stored ones read, the
        others computed by `compute(release, wanted)` (the `wanted` versions only) and stored
        in one transaction."""
        languages = release.languages
        versions = {lang: [(p.text, p.sentences) for p in doc.paragraphs] for lang, doc in release.documents.items()}
        keys = {lang: self.languages_key(paragraphs, languages) for lang, paragraphs in versions.items()}
        stored = self._guard(lambda: self.cache.get_facts(list(keys.values()), MAX_VALUE_BYTES)) or {}
        found: dict[str, VersionLanguages] = {}
        for lang, key in keys.items():
            value = decode_languages(stored[key], versions[lang], languages) if key in stored else None
            if value is not None:
                found[lang] = value
        wanted = [lang for lang in versions if lang not in found]
        self.language_hits += len(found)
        self.language_misses += len(wanted)
        if wanted:
            computed = compute(release, wanted)
            found.update(computed)
            rows = []
            for lang, value in computed.items():
                try:
                    rows.append((keys[lang], encode_languages(versions[lang], languages, value)))
                except Unstorable as exc:
                    log.debug("languages of %s not stored: %s", lang, exc)
            if rows and self.cache is not None:
                self._guard(lambda: self.cache.put_facts(rows, self.code))
        return {lang: found[lang] for lang in versions}

    def _store(self, computed: Facts, where: dict[tuple[str, int], tuple[str, bytes]]) -> None:
        """Store the computed facts; `where` holds each paragraph's (text, key)."""
        if self.cache is None:
            return
        rows = []
        for (lang, index), facts in computed.items():
            text, key = where[(lang, index)]
            try:
                rows.append((key, encode_facts(text, facts)))
            except Unstorable as exc:
                log.debug("facts of %s paragraph %d not stored: %s", lang, index, exc)
        if rows:
            self._guard(lambda: self.cache.put_facts(rows, self.code))

    def _guard(self, call: Callable[[], Any]) -> Any:
        import sqlite3

        if self.cache is None:
            return None
        try:
            return call()
        except sqlite3.DatabaseError as exc:
            # Damaged or locked mid-run: go on computing every paragraph, as the embedder does.
            log.warning("fact memo disabled: %s", exc)
            self.cache = None
            return None
