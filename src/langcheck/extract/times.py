"""Times of day, match scores, decades and centuries: numbers whose writing differs by language.

Keys (all of Fact kind "number"):

- `time:17:30` a time of day on the 24-hour clock: `5.30pm` = `17:30` = `17.30 Uhr` = `17 h 30` =
  `17h30` = `в 17:30`; `5 a.m.` = `5 h du matin` = `5 Uhr` = `5 часов утра` -> `time:05:00`.
- `score:10-6` a score or tally written `10-6`, `10:6`, `10–6`, `10 à 6` (the second number not
  larger, or a colon with a one-digit second part, or a clock past 23 such as a match clock
  `27:37`), larger number first: home-away `0:1` and winner-first `1-0` are one result.
- `decade:1980`: `1980s` = `'80s` = `1980er Jahre` = `80er-Jahre` = `años 80` = `années 1980` =
  `80-х годов` (two digits are read as 19xx).
- `century:19`: `19th century` = `19. Jahrhundert` = `siglo XIX` = `XIXe siècle` = `XIX век` =
  `19-го века`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from langcheck.extract import patterns
from langcheck.extract.numerals import SPACES, scan
from langcheck.model import Fact

_S = f"[{SPACES}]"
# `p.m.` keeps its dots, `pm.` ends a sentence: the full stop is not part of the time.
_AMPM = r"(?:(?P<ampm>[ap])\.\s?m\.|(?P<ampmb>[ap])m)(?!\w)"
# Hour-only times need a clock word, or "3" would be a time in every sentence.
_HOUR_WORD = {
    "en": rf"(?P<h1>\d{{1,2}}){_S}?{_AMPM}|(?P<h2>\d{{1,2}}){_S}?o['’]clock",
    "de": rf"(?P<h2>\d{{1,2}}){_S}Uhr\b",
    "es": rf"(?<=las{_S})(?P<h2>\d{{1,2}})(?![\d\w:]|[.,]\d)",
    "fr": rf"(?P<h2>\d{{1,2}}){_S}?(?:h\b(?!{_S}?\d)|heures?(?={_S}(?:du{_S}matin|du{_S}soir|de{_S}l['’]après-midi)))",
    "ru": rf"(?P<h2>\d{{1,2}}){_S}час(?:а|ов)?{_S}(?:утра|дня|вечера|ночи)",
}
# Words after an hour that put it after noon (`5 h du soir`, `2 часа дня`).
_PM_AFTER_FR = r"\s*(?:du\s+soir|de\s+l['’]après-midi)"
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def find_times(text: str, lang: str) -> list[Fact]:
    """Time, score, decade and century facts of one paragraph, in text order, not overlapping."""
    facts: list[Fact] = []
    for m in scan(_table(lang), text, _starts(lang)):
        key = _key(m, lang, text)
        if key is not None:
            facts.append(Fact("number", key, m.group(0), m.start(), m.end()))
    return facts


def _key(m: re.Match[str], lang: str, text: str) -> str | None:
    g = m.groupdict()
    if g.get("hh") is not None:
        hour, minute = int(g["hh"]), int(g["mm"])
        ampm = g.get("ampm2") or g.get("ampm2b")
        if ampm:
            hour = _twelve(hour, ampm)
        elif g.get("sep") == ":" and hour > 23:
            return f"score:{max(hour, minute)}-{min(hour, minute)}"
        if hour > 23 or minute > 59:
            return None
        if g.get("sep") == "." and not (ampm or g.get("uhr")):
            return None  # `4.40` alone is a decimal
        return f"time:{hour:02d}:{minute:02d}"
    if g.get("h1") is not None or g.get("h2") is not None:
        hour = int(g.get("h1") or g["h2"])
        if g.get("ampm") or g.get("ampmb"):
            hour = _twelve(hour, g.get("ampm") or g["ampmb"])
        elif re.search(r"(?:дня|вечера)$", m.group(0)) or (lang == "fr" and re.match(_PM_AFTER_FR, text[m.end() :])):
            hour = hour + 12 if hour < 12 else hour
        return f"time:{hour:02d}:00" if hour <= 23 else None
    if g.get("sa") is not None:
        a, b = int(g["sa"]), int(g["sb"])
        if ":" not in m.group(0) and b > a:
            return None  # `25-26` is a range, read by the number table
        # Home-away (`0:1`) or winner first (`1-0`): the same result either way.
        return f"score:{max(a, b)}-{min(a, b)}"
    digits = g.get("dec") or g.get("dec2")
    if digits is not None:
        year = int(digits) if len(digits) == 4 else 1900 + int(digits)
        return f"decade:{year}" if year % 10 == 0 else None
    if g.get("cent") is not None:
        value = int(g["cent"]) if g["cent"].isdigit() else _roman(g["cent"])
        return f"century:{value}" if value and 1 <= value <= 21 else None
    return None


def _twelve(hour: int, ampm: str) -> int:
    if ampm.lower() == "p":
        return hour + 12 if hour < 12 else hour
    return 0 if hour == 12 else hour


def _roman(text: str) -> int | None:
    values = [_ROMAN.get(c) for c in text.upper()]
    if None in values:
        return None
    total = 0
    for i, v in enumerate(values):
        assert v is not None
        nxt = values[i + 1] if i + 1 < len(values) else 0
        total += -v if nxt and nxt > v else v
    return total


@lru_cache(maxsize=None)
def _starts(lang: str) -> re.Pattern[str]:
    """Where a match may begin: a digit, a Roman numeral, or the word before a decade or century."""
    words = {"es": r"|\b(?:años|década|siglo)\b", "fr": r"|\bannées\b"}.get(lang, "")
    roman = r"|\b[IVXL]" if lang in ("fr", "ru") else ""
    return patterns.compile(rf"(?<!\d)\d{words}{roman}")


@lru_cache(maxsize=None)
def _table(lang: str) -> re.Pattern[str]:
    lead = r"(?<![\w.,:\-–/])"
    uhr = rf"(?P<uhr>{_S}Uhr\b)?" if lang == "de" else ""
    ampm2 = rf"(?:{_S}?(?:(?P<ampm2>[ap])\.\s?m\.|(?P<ampm2b>[ap])m)(?!\w))?" if lang == "en" else ""
    if lang == "fr":
        clock = rf"{lead}(?P<hh>\d{{1,2}})(?P<sep>:|{_S}?h{_S}?)(?P<mm>\d{{2}})(?![\d\w])"
    else:
        clock = rf"{lead}(?P<hh>\d{{1,2}})(?P<sep>[:.])(?P<mm>\d{{2}})(?![\d]|[.,]\d){ampm2}{uhr}"
    dash = rf"{_S}?[-–]{_S}?" + (rf"|{_S}à{_S}" if lang == "fr" else "")
    score = rf"{lead}(?P<sa>\d{{1,3}})(?:[:]|{dash})(?P<sb>\d{{1,3}})(?![\d\w]|[.,:]\d)"
    decade = {
        # `in his 40s` is an age, not a decade
        "en": r"(?<![\w.,:\-–/])(?<!his )(?<!her )(?<!their )(?<!mid-)(?<!late-)(?<!early-)(?<!his ['’])(?P<dec>\d{4}|\d0)['’]?s\b",
        "de": rf"{lead}(?:(?P<dec>\d{{4}})er(?:-|{_S})?(?:Jahre[n]?)?|(?P<dec2>\d0)er(?:-|{_S})Jahre[n]?)\b",
        "es": rf"(?:años|década{_S}de(?:{_S}los)?){_S}(?P<dec>\d{{4}}|\d0)(?![\d\w])",
        "fr": rf"années{_S}(?P<dec>\d{{4}}|\d0)(?![\d\w])",
        # plural годы/годов/годах only: `в 1990-м году` is the year 1990
        "ru": rf"{lead}(?P<dec>\d{{4}}|\d0)-?(?:е|х|м|ми){_S}(?:год(?:ы|ов|ам|ами|ах)\b|гг\.)",
    }[lang]
    cent = {
        "en": rf"{lead}(?P<cent>\d{{1,2}})(?:st|nd|rd|th)[-{SPACES}]century",
        "de": rf"{lead}(?P<cent>\d{{1,2}})\.{_S}Jahrhundert\w*",
        "es": rf"siglo{_S}(?P<cent>[IVXL]+|\d{{1,2}})\b",
        "fr": rf"\b(?P<cent>[IVXL]+|\d{{1,2}})(?:e|ème|è|ᵉ){_S}siècles?",
        "ru": rf"\b(?P<cent>[IVXL]+|\d{{1,2}})(?:-?(?:го|й|м|ом))?{_S}(?:век\w*|столети\w*)",
    }[lang]
    # The score comes after the clock: `10:15` is a time, `10:6` and `10-6` are scores.
    parts = [cent, decade, clock, f"(?:{_HOUR_WORD[lang]})", score]
    return patterns.compile("|".join(f"(?:{p})" for p in parts))
