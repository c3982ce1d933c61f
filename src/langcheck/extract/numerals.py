"""Digits as each locale writes them: the shared pattern and parser of every number recogniser.

`1,200` (en) = `1.200` (de, es) = `1 200` (fr, ru, also with U+00A0 / U+202F). Decimal and
group symbols come from CLDR through Babel (`langcheck.extract.locale_words`). A plain space between digit groups is read as
grouping in every language (`116 123` is one number in en and de too), because translators
keep the writing of phone numbers and codes while the locale's own group symbol differs.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Iterator

from langcheck.extract.locale_words import locale_words

SPACES = " \u00a0\u202f\u2009"
# A digit not after a digit; the look-behind follows the digit (`\d(?<!\d\d)` is `(?<!\d)\d`) so
# that the engine skips to the next digit in C instead of trying the look-behind at every
# character (9.0 -> 3.5 us a paragraph; `scan` runs it three times a paragraph). (WORD_START
# stays as it is: most characters are letters, and the other order is slower there.)
DIGIT_START = re.compile(r"\d(?<!\d\d)")
WORD_START = re.compile(r"(?<![^\W\d_])[^\W\d_]")


def scan(pattern: re.Pattern[str], text: str, starts: re.Pattern[str] = DIGIT_START) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, tried only where `starts` matches (a digit, a word), left to right.

    The recognisers' patterns are long alternations; trying them at every character costs more
    than all the rest of extraction, and every one of them begins at a digit or a word.
    """
    end = 0
    for start in starts.finditer(text):
        pos = start.start()
        if pos < end:
            continue
        m = pattern.match(text, pos)
        if m is not None:
            end = max(m.end(), pos + 1)
            yield m


def parse_number(text: str, lang: str) -> Decimal | None:
    """`"16,2"` (ru) -> Decimal("16.2"); group separators as CLDR and common usage write them."""
    decimal, group = symbols(lang)
    cleaned = text
    for ch in SPACES + group:
        cleaned = cleaned.replace(ch, "")
    cleaned = cleaned.replace(decimal, ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def show_decimal(value: Decimal) -> str:
    """Canonical text of a value: `Decimal("16.20")` -> `16.2`, `Decimal("1E+3")` -> `1000`."""
    return format(value.normalize(), "f")


def precision(value: Decimal) -> Decimal:
    """Half the unit of the last significant digit of a written value: `16.2` -> 0.05, `320` -> 5.

    Trailing zeros of an integer count as rounding (`300` -> 50), capped at 5 % of the value, so
    `1000` means 950..1050 and not 500..1500.
    """
    value = abs(value.normalize())
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    half = Decimal(5).scaleb(exponent - 1)
    if exponent > 0:
        half = min(half, value * Decimal("0.05"))
    return half


@lru_cache(maxsize=None)
def symbols(lang: str) -> tuple[str, str]:
    """(decimal symbol, group symbol) of a language; any space-like group symbol is `" "`."""
    words = locale_words(lang)  # Babel's, from the prepared copy where there is one
    decimal, group = words.decimal_symbol, words.group_symbol
    if group in SPACES:
        group = " "
    return decimal, group


@lru_cache(maxsize=None)
def number_regex(lang: str) -> str:
    """Regex source (no groups) of one number as `lang` writes it: `1.200,5` (de), `1 200` (fr)."""
    decimal, group = symbols(lang)
    dec = re.escape(decimal)
    grp = f"[{SPACES}]" if group == " " else f"(?:{re.escape(group)}|[{SPACES}])"
    return rf"(?:\d{{1,3}}(?:{grp}\d{{3}}(?!\d))+(?:{dec}\d+)?|\d+(?:{dec}\d+)?)"
