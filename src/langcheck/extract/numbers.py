"""Numbers and quantities, keyed by value so that every locale's writing compares equal.

`1,200` (en) = `1.200` (de, es) = `1 200` (fr, ru, also with U+00A0 / U+202F); `16.2 billion` =
`16,2 млрд` = `16.200 millones` = `$16.2bn`; `£11million` = `11 Millionen Pfund`. Decimal and
group symbols come from CLDR through Babel (`numerals`); scale words are hand-typed (CLDR only
has them inside compact patterns). Every key of Fact kind "number" is one of:

- `16200000000` a plain value (integers without exponent, decimals normalised: `16.2`),
- `35%` a percentage, `ord:14` an ordinal (`14th`, `14-й`, `14.`, `14e`, `14.º`),
- `2020..2021` a range (also `25-26`, `1941-45`), `10..15%` a range of percentages,
- `qty:<dimension>:<unit>:<value>` a measured quantity (`qty:speed:mph:85`; see `quantities`),
- `time:17:30`, `score:10-6`, `decade:1980`, `century:19` (see `times`),
- numbers 11..99 written in words give the same keys as digits: `48` (`forty-eight`,
  `сорока восьми`), `58%`, `ord:36` (`thirty-sixth`, `trigésimo sexto`); see `number_words`.

The prefix keeps unrelated things apart (`time:10:15` is never `10.15`); equal values give equal
keys. The recognisers run in that order (quantities, times, then plain numbers, then words) and a
later one skips what an earlier one read.

`number_value(key)` strips the ordinal marker: the rules compare values, because languages disagree
about when a number is written as an ordinal (`75th anniversary` / `75-летие` / `75 aniversario`).
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from functools import lru_cache
from typing import Iterable, NamedTuple

from langcheck.extract import patterns
from langcheck.extract.number_words import find_number_words
from langcheck.extract.numerals import SPACES as _SPACES
from langcheck.extract.numerals import number_regex, parse_number, scan, show_decimal
from langcheck.extract.quantities import find_quantities
from langcheck.extract.times import find_times
from langcheck.model import Fact

__all__ = ["find_numbers", "format_number_key", "number_endpoints", "number_value", "parse_number"]
# Scale words, longest first within a language; values are powers of ten.
_SCALES: dict[str, tuple[tuple[str, int], ...]] = {
    "en": ((r"trillions?|tn", 12), (r"billions?|bn", 9), (r"millions?|mln|m", 6), (r"thousands?|k", 3)),
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
        (r"тыс\.|тысяч[а-я]*", 3),  # also `25-тысячная толпа`
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
_CURRENCY_BEFORE = re.compile(r"(?:US|C|A|NZ|HK)?[$£€¥₽][ \u00a0]?$")
# Scale letters that are also unit symbols (`11m` metres, `5k` run) count only after a currency.
_CURRENCY_ONLY_SCALES = {"m", "k"}


class NumberValue(NamedTuple):
    low: Decimal
    high: Decimal | None
    percent: bool
    ordinal: bool


def find_numbers(text: str, lang: str, skip: Iterable[tuple[int, int]] = ()) -> list[Fact]:
    """Number facts of one paragraph; matches overlapping a `skip` span (dates) are dropped."""
    skip = list(skip)
    blocked = Spans(skip)
    facts: list[Fact] = []
    for special in (find_quantities(text, lang), find_times(text, lang)):
        for fact in special:
            if blocked.free(fact.start, fact.end):
                facts.append(fact)
                blocked.add(fact.start, fact.end)
    plain: list[Fact] = []
    for m in scan(_table(lang), text):  # left to right, never overlapping one another
        start, end = m.span()
        if not blocked.free(start, end):
            continue
        # The currency only licenses a scale letter (`$5m`); the surface stays the figure.
        value = _value(m, lang, currency=bool(_CURRENCY_BEFORE.search(text, max(0, start - 4), start)))
        if value is None:
            continue
        surface = text[start:end].rstrip()
        plain.append(Fact("number", format_number_key(value), surface, start, start + len(surface)))
    facts.extend(plain)
    # Built once, not per figure: a scale word read with digits (`16,2 mil millones`) is no word fact.
    taken = Spans([*skip, *((f.start, f.end) for f in facts)])
    facts.extend(f for f in find_number_words(text, lang) if taken.free(f.start, f.end))
    return sorted(facts, key=lambda f: f.start)


class Spans:
    """Disjoint character spans, sorted, with an O(log n) overlap test (paragraphs can be huge):
    what an extractor has taken already (numbers here, links in `langcheck.extract.links`)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if merged and s < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end) - 1
        return i < 0 or self._ends[i] <= start

    def add(self, start: int, end: int) -> None:
        """Add a span that is `free` (so the list stays disjoint)."""
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


def format_number_key(value: NumberValue) -> str:
    show = show_decimal
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
def _table(lang: str) -> re.Pattern[str]:
    number = number_regex(lang)
    scale = "|".join(f"(?:{alt})" for alt, _ in _SCALES[lang])
    pattern = (
        rf"(?<![\w.,\-–/])"
        rf"(?P<a>{number})(?:(?P<dash>{_RANGE_DASH})(?P<b>{number}))?"
        rf"(?:(?P<ord>{_ORDINAL[lang]})|"
        rf"(?:[{_SPACES}]?(?P<pct>{_PERCENT[lang]}))|"
        rf"(?:(?:[{_SPACES}]?|-)(?P<scale>{scale})(?![\w])))?"
        rf"(?![\d]|[.,]\d)"
    )
    return patterns.compile(pattern, re.IGNORECASE if lang != "de" else 0)


def _value(m: re.Match[str], lang: str, currency: bool = False) -> NumberValue | None:
    low = parse_number(m.group("a"), lang)
    high = parse_number(m.group("b"), lang) if m.group("b") else None
    if low is None or (m.group("b") and high is None):
        return None
    if high is not None and high <= low:
        # "1941-45" style abbreviated years; a score like "10-6" is read by `times` first.
        if len(m.group("a")) == 4 and len(m.group("b")) == 2:
            prefix = m.group("a")[: len(m.group("a")) - len(m.group("b"))]
            high = parse_number(prefix + m.group("b"), lang)
        if high is None or high <= low:
            return None
    scale = m.group("scale")
    if scale and scale.lower() in _CURRENCY_ONLY_SCALES and not currency:
        scale = None
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
