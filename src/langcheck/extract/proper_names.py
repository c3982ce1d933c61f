"""Proper-name candidates of one paragraph: capitalised words that are not just sentence starts.

No list of names is used. A word is a candidate when it is written with a capital and some small
letters (all-capital words are acronyms, see `langcheck.extract.acronyms`) and either stands
inside a sentence, or starts one but is rare in the language (`Lindqvist said`, not `The`).

Each candidate is graded with word frequencies (`wordfreq`, bundled data):

- *common*: an ordinary word of this language that happens to be capitalised — German nouns
  (`Regierung`), English adjectives of nationality, months and titles (`Russian`, `January`,
  `President`), exonyms (`Moskau`, `Moscú`). Found by being frequent here and much rarer in the
  other Latin-script languages (a person's or a place's own name is about as frequent in all of
  them: `Trump`, `Harris`, `Berlin`, `Omsk`), or by being very frequent outright. In Russian,
  by the dictionary (`pymorphy3`): a known word without a proper-noun tag (`Президентом`).
- *proper*: everything else — the name-like words.

A candidate directly followed by another capitalised word *leads* a multi-word name (a given
name, `New` in `New York`); translators often drop or change such words, so they are weaker.

The grade only decides what a word may stand for: every candidate counts as a version naming
something; only a *proper* word can be the name that replaced another one (`langcheck.rules.names`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Sequence
from typing import NamedTuple

from langcheck.extract import patterns
from langcheck.extract.russian_dictionary import grammemes
from langcheck.extract.transliterate import is_cyrillic
from langcheck.extract.word_frequency import zipf

__all__ = ["NameCandidate", "find_name_candidates", "is_common_word", "is_title_word", "well_known"]

# Zipf scale: 3 = once per million words, 5 = once per 10,000. Words rarer than 3 read 0.
RARE_ZIPF = 3.0            # a sentence-initial word below this (not in the list) is taken as a name
VERY_COMMON_ZIPF = 5.5     # a word above this is an ordinary word whatever else holds
LOCAL_ZIPF = 3.5           # ... and above this, when it is also
LOCAL_MARGIN = 1.0         # this much more frequent here than in any other Latin-script language
# pymorphy3 tags of proper nouns: surname, given name, patronymic, place, organisation, brand.
# A capitalised possessive adjective (`Петров`, `Петровом`) is made from a name too.
_PROPER_TAGS = frozenset({"Surn", "Name", "Patr", "Geox", "Orgn", "Trad", "Poss"})

FUNCTION_WORD_ZIPF = 6.0         # articles, pronouns: never a title
GERMAN_INTERNATIONAL_ZIPF = 3.8  # a German capital as frequent as this in any Latin language
GERMAN_HEAD_ZIPF = 3.8           # the last part of a compound, as a German word
GERMAN_OWN_ZIPF = 3.0            # a German word in the word list ...
GERMAN_OWN_MARGIN = 0.8          # ... and this much more frequent than in en, es, fr
_GERMAN_ENDINGS = ("innen", "ien", "ern", "en", "es", "in", "n", "s", "e")
_GERMAN_NOUN_SUFFIX = r"(?:ung|heit|keit|schaft|tion|sion|tät|ismus|nis|ment|ling)(?:en|s|e)?$"
_LATIN_LANGS = ("de", "en", "es", "fr")
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁ"
# A capital not after a letter: the look-behind follows the capital (`X(?<![^\W\d_].)` is
# `(?<![^\W\d_])X`), so the engine skips to the next capital in C (10.6 -> 3.8 us a paragraph).
_WORD = rf"[{_UPPER}](?<![^\W\d_].)[^\W\d_]*(?:['’-][^\W\d_]+)*"
_APOSTROPHES = ("'", "’")
_POSSESSIVE_S = ("'s", "’s")
_ELISION = r"(?:[CDJLMNSTcdjlmnst]|Qu|qu)['’](?=\w)"
_ACRONYM_PLURAL = r"^[A-ZА-ЯЁ]{2,}[sы]?$"
_NEXT_CAPITALISED = rf"[ \u00a0]+[{_UPPER}][^\W\d_]*[a-zß-öø-ÿа-яё]"
_OPENERS = "«\"“„‘'([—–-"
_END_MARKS = ".!?…:;"
# A short capitalised word with a full stop is an abbreviation or an initial, not a sentence end.
_ABBREVIATION = r"(?<![^\W\d_])[^\W\d_]{1,3}\.$"


class _Patterns(NamedTuple):
    """The compiled patterns (their texts are the module's `_GERMAN_NOUN_SUFFIX`, `_WORD`, ...)."""

    german_noun_suffix: re.Pattern[str]
    word: re.Pattern[str]
    elision: re.Pattern[str]
    acronym_plural: re.Pattern[str]
    next_capitalised: re.Pattern[str]
    abbreviation: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    # Compiled on the first paragraph, not at import, through `patterns.compile`: from the
    # prepared copy where the pipeline keeps one.
    return patterns.compiled_table(
        _Patterns,
        german_noun_suffix=_GERMAN_NOUN_SUFFIX,
        word=_WORD,
        elision=_ELISION,
        acronym_plural=_ACRONYM_PLURAL,
        next_capitalised=_NEXT_CAPITALISED,
        abbreviation=_ABBREVIATION,
    )


@dataclass(frozen=True)
class NameCandidate:
    """One capitalised word: `start`/`end` are offsets in the paragraph, `common` its grade."""

    word: str
    start: int
    end: int
    common: bool
    initial: bool
    leads: bool  # directly followed by another capitalised word: a given name, `New` (York)


def find_name_candidates(text: str, lang: str, skip: Sequence[tuple[int, int]] = ()) -> list[NameCandidate]:
    """Name-like capitalised words of `text` outside the `skip` spans (dates, glossary matches)."""
    rx = _patterns()
    out: list[NameCandidate] = []
    skipped: set[int] = set()  # every offset inside a `skip` span: one look-up per word
    for s, e in skip:
        skipped.update(range(s, e))
    for m in rx.word.finditer(text):
        word, start = m.group(), m.start()
        # A word ends in a letter (`_WORD`): only one with an apostrophe can be elided or
        # possessive, and only one whose second letter is a capital can be an acronym's plural,
        # so the other words skip those three tests (most words: a tenth of the loop's time).
        if "'" in word or "’" in word:
            elided = rx.elision.match(word)
            if elided:  # C’est, L’automobiliste: the word after the article decides
                word, start = word[elided.end() :], start + elided.end()
                if not word[:1].isupper():
                    continue
            word = _without_possessive(word)
        end = start + len(word)
        if word[1:2].isupper() and rx.acronym_plural.match(word):
            continue
        if len(word) < 2 or word.isupper() or word[1:2].isupper() and word[1:].isupper():
            continue
        if start in skipped:
            continue
        initial = _starts_sentence(text, start)
        common = is_common_word(word, lang)
        if initial and (common or _zipf(word, lang) >= RARE_ZIPF):
            continue
        leads = bool(rx.next_capitalised.match(text, end))
        out.append(NameCandidate(word, start, end, common, initial, leads))
    return out


def _without_possessive(word: str) -> str:
    """`Lavrov's` -> `Lavrov`, `Harris’` -> `Harris`: an apostrophe, and an `s` after it, that end the word."""
    if word.endswith(_POSSESSIVE_S):
        return word[:-2]
    return word[:-1] if word.endswith(_APOSTROPHES) else word


@lru_cache(maxsize=65536)
def is_common_word(word: str, lang: str) -> bool:
    """Whether a capitalised word is an ordinary word of `lang` rather than a name (see module)."""
    here = _zipf(word, lang)
    if lang == "ru":
        return _russian_common(word)
    if lang not in _LATIN_LANGS:
        return here >= VERY_COMMON_ZIPF
    if here >= VERY_COMMON_ZIPF:
        return True
    if lang == "de" and _german_noun(word):
        return True
    if here < LOCAL_ZIPF:
        return False
    elsewhere = max(_zipf(word, other) for other in _LATIN_LANGS if other != lang)
    return here - elsewhere >= LOCAL_MARGIN


def is_title_word(word: str, lang: str) -> bool:
    """Whether a capitalised word before a name can be a title in words (`Father`, `Père`,
    `Präsident`): an ordinary word of the language, but not a function word (`La`, `The`)."""
    return is_common_word(word, lang) and _zipf(word, lang) < FUNCTION_WORD_ZIPF


# Memoised: a word's standing does not change, and a Russian one takes a dictionary parse to tell.
@lru_cache(maxsize=65536)
def well_known(word: str, lang: str, zipf: float) -> bool:
    """Whether a name is an everyday word in `lang` (at least `zipf`; in Russian: a place the
    dictionary knows, `Китай`). Such names are translated (exonyms: `China`, `Gales`, `Пекин`)
    rather than transcribed, so two of them in the same place may mean the same thing."""
    if lang == "ru" or is_cyrillic(word):
        return is_cyrillic(word) and any("Geox" in tags for tags in grammemes(word, first=3))
    return _zipf(word, lang) >= zipf


@lru_cache(maxsize=65536)
def _german_noun(word: str) -> bool:
    # German capitalises every noun. Taken as a noun: an ordinary word in any of the Latin-script
    # languages (`Integration`, `Mission`, `Pony`); a word (or its uninflected base: `Beratern`,
    # `Meers`) clearly more German than anything else (`Trog`, `Fristen`); one with a noun suffix
    # (`-ung`, `-schaft`); a compound ending in a frequent German word (`Gipfeltreffen`,
    # `Produktionsstopps`, `Gesundheitsministerin`).
    low = word.lower()
    if max(_zipf(word, other) for other in _LATIN_LANGS) >= GERMAN_INTERNATIONAL_ZIPF:
        return True
    if _patterns().german_noun_suffix.search(low):
        return True
    if any(_more_german(base) for base in _german_bases(low)):
        return True
    return any(_zipf(base, "de") >= GERMAN_HEAD_ZIPF for i in range(3, len(low) - 4) for base in _german_bases(low[i:]) if len(base) >= 5)


def _german_bases(low: str) -> list[str]:
    bases = [low]
    for ending in _GERMAN_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            bases.append(low[: -len(ending)])
    return bases


def _more_german(low: str) -> bool:
    here = _zipf(low, "de")
    return here >= GERMAN_OWN_ZIPF and here - max(_zipf(low, other) for other in ("en", "es", "fr")) >= GERMAN_OWN_MARGIN


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens the text, a sentence, a quotation or a bracket."""
    if start >= 2 and text[start - 1] in "'’-" and text[start - 2].isalpha():
        return False  # French elision (d'Orenburg) or a compound (anti-Trump)
    i, opened = start, False
    while i > 0 and (text[i - 1].isspace() or text[i - 1] in _OPENERS):
        opened = opened or text[i - 1] in _OPENERS
        i -= 1
    if i == 0 or opened:
        return True
    if text[i - 1] not in _END_MARKS:
        return False
    return not (text[i - 1] == "." and _patterns().abbreviation.search(text[max(0, i - 5) : i]))


@lru_cache(maxsize=65536)
def _russian_common(word: str) -> bool:
    # Russian has no Latin-script neighbour to compare frequencies with; its dictionary knows
    # which words are proper nouns (`Трампа`: Surn, `Москве`: Geox) and which are not
    # (`Президентом`, `Точный`). A word it does not know is a foreign name (`Хамфриз`).
    if not is_cyrillic(word):
        return False
    analyses = grammemes(word)
    return bool(analyses) and not any(_PROPER_TAGS & tags for tags in analyses)


@lru_cache(maxsize=131072)
def _zipf(word: str, lang: str) -> float:
    # The small word lists (every word of zipf >= 3; rarer ones read 0) load in ~10 ms per
    # language, the large ones in ~0.2 s: a cost every process would pay.
    return zipf(word, lang if lang in (*_LATIN_LANGS, "ru") else "en")
