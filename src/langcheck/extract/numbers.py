"""Numbers and quantities, keyed by value so that every locale's writing compares equal.

`1,200` (en) = `1.200` (de, es) = `1 200` (fr, ru, also with U+00A0 / U+202F); `16.2 billion` =
`16,2 млрд` = `16.200 millones`. Decimal and group symbols come from CLDR through Babel; scale
words are hand-typed (CLDR only has them inside compact patterns). Keys:

- `16200000000` a plain value (integers without exponent, decimals normalised: `16.2`),
- `35%` a percentage, `ord:14` an ordinal (`14th`, `14-й`, `14.`, `14e`, `14.º`),
- `2020..2021` a range (also `25-26`), `10..15%` a range of percentages.

`number_value(key)` strips the ordinal marker: the rules compare values, because languages disagree
about when a number is written as an ordinal (`75th anniversary` / `75-летие` / `75 aniversario`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Iterable, NamedTuple

from babel.numbers import get_decimal_symbol, get_group_symbol

from langcheck.model import Fact

_SPACES = " \u00a0\u202f\u2009"
# Scale words, longest first within a language; values are powers of ten.
_SCALES: dict[str, tuple[tuple[str, int], ...]] = {
    "en": ((r"trillions?", 12), (r"billions?|bn", 9), (r"millions?|mln", 6), (r"thousands?", 3)),
    "de": (
        (r"Billionen|Billion", 12),
        (r"Milliarden|Milliarde|Mrd\.?", 9),
        (r"Millionen|Million|Mio\.?", 6),
        (r"Tausend", 3),
    ),
    "fr": ((r"billions?", 12), (r"milliards?|Mds?", 9), (r"millions?", 6), (r"mille|milliers?", 3)),
    "es": ((r"billones|billón", 12), (r"mil\s+millones", 9), (r"millones|millón", 6), (r"mil", 3)),
    "ru": (
        (r"трлн\.?|триллион[а-я]*", 12),
        (r"млрд\.?|миллиард[а-я]*", 9),
        (r"млн\.?|миллион[а-я]*", 6),
        (r"тыс\.|тысяч[а-я]*", 3),
    ),
}
_PERCENT = {
    "en": r"%|percent\b|per\s+cent\b",
    "de": r"%|Prozent\b|v\.\s?H\.",
    "fr": r"%|pour\s+cent\b",
    "es": r"%|por\s+ciento\b",
    "ru": r"%|процент[а-я]*",
}
_ORDINAL = {
    "en": r"(?:st|nd|rd|th)\b",
    "de": r"\.(?=[ \u00a0](?:[a-zäöüß]|(?:[A-ZÄÖÜ][a-zäöüß]*(?:tag|gipfel|sitzung|runde|treffen)|Tag|Gipfel|Sitzung|Runde|Treffen)\b))",
    "fr": r"(?:er|re|e|ème|eme|ᵉ)\b",
    "es": r"\.?[ºª°]|\.(?:er|a|o)\b",
    "ru": r"-?(?:й|я|е|го|му|м|х|ми|ое|ая|ый|ий|ой|ого|ому|ом|ых|ым|летие|летия|летию|летием)\b",
}
_RANGE_DASH = r"[ \u00a0]?[-–—][ \u00a0]?"


class NumberValue(NamedTuple):
    low: Decimal
    high: Decimal | None
    percent: bool
    ordinal: bool


def find_numbers(text: str, lang: str, skip: Iterable[tuple[int, int]] = ()) -> list[Fact]:
    """Number facts of one paragraph; matches overlapping a `skip` span (dates) are dropped."""
    table = _table(lang)
    blocked = sorted(skip)
    facts: list[Fact] = []
    for m in table.finditer(text):
        start, end = m.span()
        if any(s < end and start < e for s, e in blocked):
            continue
        value = _value(m, lang)
        if value is None:
            continue
        surface = text[start:end].rstrip()
        facts.append(Fact("number", format_number_key(value), surface, start, start + len(surface)))
    return facts


def parse_number(text: str, lang: str) -> Decimal | None:
    """`"16,2"` (ru) -> Decimal("16.2"); group separators as CLDR and common usage write them."""
    decimal, group = _symbols(lang)
    cleaned = text
    for ch in _SPACES + group:
        cleaned = cleaned.replace(ch, "")
    cleaned = cleaned.replace(decimal, ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def format_number_key(value: NumberValue) -> str:
    def show(d: Decimal) -> str:
        return format(d.normalize(), "f")

    key = show(value.low) if value.high is None else f"{show(value.low)}..{show(value.high)}"
    if value.percent:
        key += "%"
    if value.ordinal:
        key = "ord:" + key
    return key


def number_value(key: str) -> str:
    """The key without the ordinal marker: `ord:14` -> `14`."""
    return key[4:] if key.startswith("ord:") else key


def number_endpoints(key: str) -> tuple[str, ...]:
    """`"2020..2021"` -> ("2020", "2021"); a single value -> (value,). Percent marks kept."""
    value = number_value(key)
    percent = "%" if value.endswith("%") else ""
    return tuple(part.rstrip("%") + percent for part in value.split(".."))


# --- tables -------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _symbols(lang: str) -> tuple[str, str]:
    decimal, group = get_decimal_symbol(lang), get_group_symbol(lang)
    if group in _SPACES:
        group = " "
    return decimal, group


@lru_cache(maxsize=None)
def _table(lang: str) -> re.Pattern[str]:
    decimal, group = _symbols(lang)
    dec = re.escape(decimal)
    if group == " ":
        grp = f"[{_SPACES}]"
    else:
        # Thin and no-break spaces are unambiguous group separators in every locale.
        grp = f"(?:{re.escape(group)}|[\u00a0\u202f\u2009])"
        if lang == "es":
            grp = f"(?:{re.escape(group)}|[{_SPACES}])"
    number = rf"(?:\d{{1,3}}(?:{grp}\d{{3}}(?!\d))+(?:{dec}\d+)?|\d+(?:{dec}\d+)?)"
    scale = "|".join(f"(?:{alt})" for alt, _ in _SCALES[lang])
    pattern = (
        rf"(?<![\w.,\-–/])"
        rf"(?P<a>{number})(?:(?P<dash>{_RANGE_DASH})(?P<b>{number}))?"
        rf"(?:(?P<ord>{_ORDINAL[lang]})|"
        rf"(?:[{_SPACES}]?(?P<pct>{_PERCENT[lang]}))|"
        rf"(?:[{_SPACES}](?P<scale>{scale})(?![\w])))?"
        rf"(?![\d]|[.,]\d)"
    )
    return re.compile(pattern, re.IGNORECASE if lang != "de" else 0)


def _value(m: re.Match[str], lang: str) -> NumberValue | None:
    low = parse_number(m.group("a"), lang)
    high = parse_number(m.group("b"), lang) if m.group("b") else None
    if low is None or (m.group("b") and high is None):
        return None
    if high is not None and high <= low:
        # "1941-45" style abbreviated ranges and codes like "2-1": keep the first number only.
        if len(m.group("b")) < len(m.group("a")):
            prefix = m.group("a")[: len(m.group("a")) - len(m.group("b"))]
            high = parse_number(prefix + m.group("b"), lang)
        if high is None or high <= low:
            return None
    scale = m.group("scale")
    if scale:
        power = _scale_power(scale, lang)
        low = low.scaleb(power)
        high = high.scaleb(power) if high is not None else None
    return NumberValue(low, high, bool(m.group("pct")), bool(m.group("ord")))


def _scale_power(word: str, lang: str) -> int:
    for alt, power in _SCALES[lang]:
        if re.fullmatch(alt, word, re.IGNORECASE if lang != "de" else 0):
            return power
    return 0
