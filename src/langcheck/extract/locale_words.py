"""The words the recognisers take from CLDR (Babel) and num2words, per language, kept prepared.

The date and number tables are built from a handful of strings per language: CLDR's month and
weekday names and number symbols (Babel) and the days 1-31 in words (num2words). Getting them
costs a process about 60 ms of CPU for the five languages: importing num2words and Babel (~25 ms),
then Babel's locale data (a pickle per locale, merged with its parent) and num2words' calls
(~7 ms a language).

`locale_words(lang)` gives them as a `LocaleWords` of plain strings, built on first use per
language; with `use_prepared_dir(folder)` (the cache's `models/` folder, set by the pipeline; none
with --no-cache) it keeps them there as one small JSON file per language
(`locale-words/<lang>.json`), so a later process reads a few kB (about 0.2 ms a language) and imports neither library.

The copy's key is langcheck's code fingerprint (`langcheck.result_cache.code_fingerprint`: its own
source, which holds the code below, the installed distributions' versions, which hold Babel's and
num2words', and Python's), so an upgrade of either library or of this module rebuilds it. A copy
whose key differs, that does not decode, or whose content is not exactly the shape `LocaleWords`
has (strings where strings go, twelve months, seven days, 31 days in words) is rebuilt and
replaced, never used in part. JSON only: the cache folder may be written by someone else (CI),
so nothing in it is unpickled or executed. Every extractor escapes these words before they go
into a regular expression, so a copy can change which words are read as months, never the
expressions' syntax; like the result cache beside it, whoever can write the cache folder can
change what a check finds.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from langcheck.prepared import read_keyed, write_keyed

__all__ = ["LocaleWords", "locale_words", "use_prepared_dir"]

FORMAT = "langcheck-locale-words/1"  # bumped when the file's layout changes
_FOLDER = "locale-words"
_MAX_BYTES = 1 << 20  # a language's copy is about 3 kB; a larger file is not read
# A language code that is safe as a file name (`de`, `pt_BR`); any other is built, not kept.
_FILE_SAFE = re.compile(r"[a-z]{2,8}(?:_[A-Za-z0-9]{2,8})*")
_CONTEXTS = ("format", "stand-alone")
_prepared_dir: Path | None = None


class LocaleWords(NamedTuple):
    """One language's words, as Babel and num2words give them (no case folding, no trimming).

    Keys of the month and weekday dicts are CLDR's contexts, `format` and `stand-alone`.
    """

    months_wide: dict[str, tuple[str, ...]]  # context -> the 12 month names, January first
    months_abbreviated: dict[str, tuple[str, ...]]  # context -> the 12 abbreviations ("Jan.", "févr.")
    weekdays_wide: dict[str, tuple[str, ...]]  # context -> the 7 weekday names, Monday first
    ordinals: tuple[str, ...]  # num2words(day, lang, to="ordinal") for days 1..31; none where it has no `lang`
    cardinals: tuple[str, ...]  # num2words(day, lang) for days 1..31; none where it has no `lang`
    decimal_symbol: str  # babel.numbers.get_decimal_symbol(lang)
    group_symbol: str  # babel.numbers.get_group_symbol(lang)


def use_prepared_dir(folder: Path | None) -> None:
    """Keep (and read) the prepared words in `folder`; None: build them from Babel and num2words."""
    global _prepared_dir
    folder = Path(folder) if folder is not None else None
    _prepared_dir = folder


def locale_words(lang: str) -> LocaleWords:
    """`lang`'s words: from the prepared copy when it holds them under the current key, else built
    (and kept, where there is a prepared folder). Raises what Babel or num2words raise for a
    language they do not know."""
    return _locale_words(_prepared_dir, lang)


@lru_cache(maxsize=None)
def _locale_words(folder: Path | None, lang: str) -> LocaleWords:
    """(Once per folder and language: the date and number tables both ask.)"""
    path = _path(folder, lang)
    if path is None:
        return build_locale_words(lang)
    key = _key(lang)
    words = read_keyed(path, key, "words", _decode, what="locale words", max_bytes=_MAX_BYTES)
    if words is None:
        words = build_locale_words(lang)
        write_keyed(path, key, "words", _encode(words), what="locale words", sort_keys=True)
    return words


@lru_cache(maxsize=None)
def build_locale_words(lang: str) -> LocaleWords:
    """`lang`'s words, from Babel and num2words (imported here, only when there is no copy)."""
    from babel import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol
    from num2words import num2words

    locale = Locale.parse(lang)
    days = range(1, 32)
    try:
        ordinals = tuple(num2words(day, lang=lang, to="ordinal") for day in days)
        cardinals = tuple(num2words(day, lang=lang) for day in days)
    except NotImplementedError:  # a language num2words lacks still has CLDR's months and symbols
        ordinals = cardinals = ()
    return LocaleWords(
        months_wide={c: tuple(locale.months[c]["wide"][m] for m in range(1, 13)) for c in _CONTEXTS},
        months_abbreviated={c: tuple(locale.months[c]["abbreviated"][m] for m in range(1, 13)) for c in _CONTEXTS},
        # CLDR numbers weekdays from Monday (0) to Sunday (6).
        weekdays_wide={c: tuple(locale.days[c]["wide"][d] for d in range(7)) for c in _CONTEXTS},
        ordinals=ordinals,
        cardinals=cardinals,
        decimal_symbol=get_decimal_symbol(lang),
        group_symbol=get_group_symbol(lang),
    )


# --- the prepared copy ---------------------------------------------------------------------------


def _path(folder: Path | None, lang: str) -> Path | None:
    if folder is None or not _FILE_SAFE.fullmatch(lang):
        return None
    return folder / _FOLDER / f"{lang}.json"


def _key(lang: str) -> list[str]:
    from langcheck.result_cache import code_fingerprint  # computed once per process (a few ms)

    return [FORMAT, lang, code_fingerprint()]


def _encode(words: LocaleWords) -> dict[str, Any]:
    return {name: (dict(value) if isinstance(value, dict) else value) for name, value in words._asdict().items()}


def _decode(value: Any) -> LocaleWords:
    """A `LocaleWords` from its JSON form; ValueError unless every field has exactly its shape."""
    if not isinstance(value, dict) or set(value) != set(LocaleWords._fields):
        raise ValueError("not the fields of a locale's words")
    return LocaleWords(
        months_wide=_by_context(value["months_wide"], 12),
        months_abbreviated=_by_context(value["months_abbreviated"], 12),
        weekdays_wide=_by_context(value["weekdays_wide"], 7),
        ordinals=_strings(value["ordinals"], 31 if value["ordinals"] else 0),
        cardinals=_strings(value["cardinals"], 31 if value["ordinals"] else 0),
        decimal_symbol=_string(value["decimal_symbol"]),
        group_symbol=_string(value["group_symbol"]),
    )


def _by_context(value: Any, count: int) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict) or set(value) != set(_CONTEXTS):
        raise ValueError("not one list per CLDR context")
    return {context: _strings(value[context], count) for context in _CONTEXTS}


def _strings(value: Any, count: int) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) != count:
        raise ValueError(f"not a list of {count} words")
    return tuple(_string(item) for item in value)


def _string(value: Any) -> str:
    if type(value) is not str or not value or len(value) > 64:
        raise ValueError("not a word")
    return value
