"""Dates in running text, normalised to (year?, month, day?) and day ranges.

Month names come from CLDR through Babel (wide and abbreviated, format and stand-alone). Russian
months are matched by stem (`ноябр` + ending) because CLDR lacks the prepositional case
(`в ноябре`). Keys:

- `2021-10-14` a day, `--11-25` a day without year, `2021-11` / `--11` a month,
- `2020-11-25/2020-11-26` a range of days (also "25 and 26 November"),
- `--11-25,--11-27` days that are not consecutive.

`date_parts(key)` turns a key back into a tuple of (year | None, month, day | None) so that
comparisons can treat the year as optional.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import NamedTuple

from babel import Locale

from langcheck.model import Fact

YEAR = r"(?:19\d\d|20\d\d|2100)"
# Ordinal decorations a day number may carry, per language.
_DAY_SUFFIX = {
    "en": r"(?:st|nd|rd|th)?",
    "de": r"\.?",
    "fr": r"(?:er|re|e)?",
    "es": r"(?:\.?[ºo°])?",
    "ru": r"(?:-?(?:го|е|м))?",
}
_DAY_JOIN = {
    "en": r"and|to|through|until|till",
    "de": r"und|bis",
    "fr": r"et|au|à",
    "es": r"y|al|a",
    "ru": r"и|по|до",
}
_MONTH_OF = {"es": r"(?:de\s+)?", "fr": "", "de": "", "en": r"(?:of\s+)?", "ru": ""}
_YEAR_OF = {"es": r"(?:\s+(?:de|del))?", "fr": "", "de": "", "en": r",?", "ru": ""}
_YEAR_TAIL = {"ru": r"(?:\s*(?:года|году|год|г\.))?", "de": "", "en": "", "fr": "", "es": ""}
_NUMERIC = {
    "de": r"(?P<nd>[0-3]?\d)\.(?P<nm>[01]?\d)\.(?P<ny>" + YEAR + r")",
    "ru": r"(?P<nd>[0-3]?\d)\.(?P<nm>[01]?\d)\.(?P<ny>" + YEAR + r")",
    "fr": r"(?P<nd>[0-3]?\d)[./](?P<nm>[01]?\d)[./](?P<ny>" + YEAR + r")",
    "es": r"(?P<nd>[0-3]?\d)[./](?P<nm>[01]?\d)[./](?P<ny>" + YEAR + r")",
    "en": r"(?P<ny>" + YEAR + r")-(?P<nm>[01]\d)-(?P<nd>[0-3]\d)",
}


class DateValue(NamedTuple):
    year: int | None
    month: int
    days: tuple[int, ...]  # empty for a month; several for a range or list


def find_dates(text: str, lang: str) -> list[Fact]:
    """Date facts of one paragraph, in text order; spans do not overlap."""
    table = _table(lang)
    found: list[tuple[int, int, DateValue]] = []
    for m in table.pattern.finditer(text):
        value = _value(m, table)
        if value is not None:
            found.append((m.start(), m.end(), value))
    facts: list[Fact] = []
    i = 0
    while i < len(found):
        start, end, value = found[i]
        key = format_date_key(value)
        # "30 November - 1 December 2020": one range across months; the year written once.
        if i + 1 < len(found):
            n_start, n_end, n_value = found[i + 1]
            if value.days and n_value.days and table.joiner.fullmatch(text[end:n_start]):
                year = value.year if value.year is not None else n_value.year
                first = format_date_key(DateValue(year, value.month, value.days[:1]))
                last = format_date_key(DateValue(year, n_value.month, n_value.days[-1:]))
                key, end = f"{first}/{last}", n_end
                i += 1
        facts.append(Fact("date", key, text[start:end], start, end))
        i += 1
    return facts


def format_date_key(value: DateValue) -> str:
    year = f"{value.year:04d}" if value.year is not None else "-"
    if not value.days:
        return f"{year}-{value.month:02d}"
    days = sorted(set(value.days))
    one = lambda d: f"{year}-{value.month:02d}-{d:02d}"  # noqa: E731
    if len(days) == 1:
        return one(days[0])
    if days == list(range(days[0], days[-1] + 1)):
        return f"{one(days[0])}/{one(days[-1])}"
    return ",".join(one(d) for d in days)


def date_parts(key: str) -> tuple[tuple[int | None, int, int | None], ...]:
    """`"--11-25/--11-26"` -> ((None, 11, 25), (None, 11, 26)); a list keeps every day."""
    out = []
    for part in re.split(r"[/,]", key):
        bits = part.split("-")
        if part.startswith("--"):
            year, rest = None, bits[2:]
        else:
            year, rest = int(bits[0]), bits[1:]
        month = int(rest[0])
        day = int(rest[1]) if len(rest) > 1 else None
        out.append((year, month, day))
    return tuple(out)


def dates_compatible(a: str, b: str) -> bool:
    """Same dates, where a missing year on either side matches any year."""
    pa, pb = date_parts(a), date_parts(b)
    if len(pa) != len(pb) or ("," in a) != ("," in b):
        return False
    for (ya, ma, da), (yb, mb, db) in zip(pa, pb):
        if ma != mb or da != db:
            return False
        if ya is not None and yb is not None and ya != yb:
            return False
    return True


# --- tables -------------------------------------------------------------------------------------


class _Table(NamedTuple):
    pattern: re.Pattern[str]
    months: dict[str, int]  # lower-cased month word (or stem) -> month number
    stems: tuple[tuple[str, int], ...]  # Russian stems, longest first
    joiner: re.Pattern[str]


@lru_cache(maxsize=None)
def _table(lang: str) -> _Table:
    locale = Locale.parse(lang)
    months: dict[str, int] = {}
    abbreviations: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for number, name in locale.months[context]["wide"].items():
            months[name.lower()] = number
        for number, name in locale.months[context]["abbreviated"].items():
            abbreviations[name.lower().rstrip(".")] = number
    stems: list[tuple[str, int]] = []
    month_alts: list[str] = []
    fold = str.lower
    if lang == "ru":
        # Stem = common prefix of the genitive and nominative forms (ноября/ноябрь -> ноябр).
        genitive = locale.months["format"]["wide"]
        nominative = locale.months["stand-alone"]["wide"]
        for number in range(1, 13):
            stem = os.path.commonprefix([genitive[number].lower(), nominative[number].lower()])
            ending = r"(?:я|й|е|ю|ь|а|у|ом|ем|ём)"
            optional = "?" if stem == nominative[number].lower() else ""
            month_alts.append(re.escape(stem) + ending + optional)
            stems.append((stem, number))
    else:
        # English month names are capitalised; matching them case-sensitively keeps "may" out.
        fold = str.title if lang == "en" else str.lower
        month_alts.extend(re.escape(fold(m)) for m in months)
    abbr_alts = [
        re.escape(fold(a)) + (r"\.?" if len(a) > 2 else r"\.")
        for a in abbreviations
        if a not in months
    ]
    wide = "|".join(sorted(month_alts, key=len, reverse=True))
    short = "|".join(sorted(abbr_alts, key=len, reverse=True))
    day = r"(?:[0-3]?\d)" + _DAY_SUFFIX[lang]
    join = r"(?:\s*[-–—]\s*|,\s*|\s+(?:" + _DAY_JOIN[lang] + r")\s+)"
    days = rf"(?P<days{{n}}>{day}(?:{join}{day})*)"
    month = rf"(?P<month{{n}}>{wide}{'|' + short if short else ''})"
    month_wide = rf"(?P<month{{n}}>{wide})"
    year = rf"(?P<year{{n}}>{YEAR}){_YEAR_TAIL[lang]}"
    flags = "" if lang == "en" else "(?i)"
    alternatives = [
        # 25-26 November 2020 / 25. und 26. November / 25 y 26 de noviembre de 2020
        days.format(n=1) + r"\s+" + _MONTH_OF[lang] + month.format(n=1)
        + rf"(?:{_YEAR_OF[lang]}\s+{year.format(n=1)})?",
        # November 25-26, 2020 (mostly English)
        month.format(n=2) + r"\s+" + days.format(n=2) + rf"(?:,?\s+{year.format(n=2)})?(?!\d)",
        # November 2020 / noviembre de 2020 / в ноябре 2020 года
        month_wide.format(n=3) + rf"(?:{_YEAR_OF[lang]}|\s+de)?\s+{year.format(n=3)}",
        # in November / в ноябре
        month_wide.format(n=4),
        _NUMERIC[lang],
    ]
    body = "|".join(f"(?:{alt})" for alt in alternatives)
    pattern = re.compile(flags + rf"(?<![\w.,])(?:{body})(?![\w])")
    joiner = re.compile(r"\s*(?:[-–—]|" + _DAY_JOIN[lang] + r")\s*", re.IGNORECASE)
    table_months = dict(months)
    table_months.update({k: v for k, v in abbreviations.items() if k not in table_months})
    return _Table(pattern, table_months, tuple(sorted(stems, key=lambda s: -len(s[0]))), joiner)


def _value(m: re.Match[str], table: _Table) -> DateValue | None:
    groups = m.groupdict()
    if groups.get("nm"):
        month, day = int(groups["nm"]), int(groups["nd"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return DateValue(int(groups["ny"]), month, (day,))
    for n in "1234":
        word = groups.get(f"month{n}")
        if word is None:
            continue
        month = _month_number(word, table)
        if month is None:
            return None
        year_text = groups.get(f"year{n}")
        year = int(year_text) if year_text else None
        days_text = groups.get(f"days{n}")
        days = _days(days_text) if days_text else ()
        if days is None:
            return None
        if n == "4" and word == "May":
            return None  # English "May" alone is too often the verb
        return DateValue(year, month, days)
    return None


def _month_number(word: str, table: _Table) -> int | None:
    lower = word.lower().rstrip(".")
    if lower in table.months:
        return table.months[lower]
    for stem, number in table.stems:
        if lower.startswith(stem):
            return number
    return None


def _days(text: str) -> tuple[int, ...] | None:
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    if not numbers or any(not 1 <= n <= 31 for n in numbers):
        return None
    if len(numbers) == 2 and re.search(r"[-–—]|\b(?:to|through|until|till|bis|au|à|al|a|по|до)\b", text):
        if numbers[1] <= numbers[0]:
            return None
        return tuple(range(numbers[0], numbers[1] + 1))
    return tuple(numbers)
