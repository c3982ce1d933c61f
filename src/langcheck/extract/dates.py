"""Dates in running text, normalised to (year?, month, day?) and day ranges.

Month names come from CLDR through Babel (wide and abbreviated, format and stand-alone; read
through `langcheck.extract.locale_words`, which keeps them prepared in the cache); an
abbreviation is also any unambiguous prefix of a month name with a dot (`Sept.`, `févr.`,
`нояб.`). Russian months are matched by stem (`ноябр` + ending) because CLDR lacks the
prepositional case (`в ноябре`), and the month adjective (`июньский`, `декабрьских`) is read as the
month. Days may be digits or words (num2words: `the first of October`, `el uno de octubre`,
`am ersten Oktober`, `le premier octobre`, `первого октября`). A number after a month name is a
day only in English, and never when a decimal part follows (`im Mai 2,7 Prozent` is May). Keys:

- `2021-10-14` a day, `--11-25` a day without year, `2021-11` / `--11` a month,
- `2020-11-25/2020-11-26` a range of days (also "25 and 26 November", "25./26. November",
  "25.–26.11.2020", "between 25 and 26 November"), `2020-11-30/2020-12-02` one across months
  ("30 November – 2 December", "vom 30.11. bis 2.12.2020", "entre el 30 de noviembre y el 2 de
  diciembre"),
- `--11-25,--11-27` days that are not consecutive.

The words that join two days or dates may carry an article and a weekday (CLDR names; Russian by
stem): "vom 25. bis zum 27.", "y el miércoles 26", "по среду 2 декабря". "between A and B"
(zwischen, entre, между) is the range from A to B; "A and B" without it stays two dates. Limits:
a numeric date without a year (`am 25.11.`) is not read, and a weekday is never a date by itself.

Equal dates give equal keys whatever the wording, so a paragraph's dates can be compared as a
multiset. `date_parts(key)` turns a key back into a tuple of (year | None, month, day | None) so
that comparisons can treat the year as optional.

Two strengths of evidence: `find_dates` returns the forms that are surely dates; `month_mentions`
also sees forms that are only probably a month (English `May` alone, a bare `Oct.`, German
compounds such as `Oktoberhälfte`). The rule uses the weak forms only to confirm a month another
version states, never to claim one.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import NamedTuple

from langcheck.extract import patterns
from langcheck.extract.locale_words import LocaleWords, locale_words
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
# Words that join two days of one date ("25 and 26"); the range words also join two dates.
_DAY_JOIN = {
    "en": r"and|to|through|until|till",
    "de": r"und|bis",
    "fr": r"et|au|à",
    "es": r"y|al|a",
    "ru": r"и|по|до",
}
# An article may follow a joining word: "bis zum 27.", "to the 27th", "y el 27", "et le 27".
_JOIN_ARTICLE = {"en": r"the", "de": r"zum|zu|dem|den", "fr": r"le", "es": r"el", "ru": None}
# "between A and B" is the range from A to B, as "from A to B" is.
_BETWEEN = {
    "en": r"between(?:\s+the)?",
    "de": r"zwischen(?:\s+(?:dem|den))?",
    "fr": r"entre(?:\s+les?)?",
    "es": r"entre(?:\s+(?:los\s+días|el|los))?",
    "ru": r"между",
}
# The word that may stand before a weekday: "and on Wednesday 26", "y el miércoles 26", "и в среду".
_WEEKDAY_ARTICLE = {"en": r"on", "de": r"am", "fr": r"le", "es": r"el", "ru": r"во|в"}
_AND = {"en": r"and", "de": r"und", "fr": r"et", "es": r"y", "ru": r"и"}
_RANGE_JOIN = {
    "en": r"to|through|until|till",
    "de": r"bis",
    "fr": r"au|à",
    "es": r"al|a",
    "ru": r"по|до",
}
# What may stand before the second date of a pair: "3 May and on 5 May", "el 3 y el 5 de mayo".
_DATE_ARTICLE = {"en": r"on\s+the|on|the", "de": r"am|den|dem", "fr": r"le|du", "es": r"el|del", "ru": r"с|со"}
_MONTH_OF = {"es": r"(?:de\s+)?", "fr": "", "de": "", "en": r"(?:of\s+)?", "ru": ""}
# A day in words needs the linking word where the language has one: "the first of October",
# "el uno de octubre" (bare "first October" is often "the first October weekend").
_WORD_MONTH_OF = {"es": r"de\s+", "fr": "", "de": "", "en": r"of\s+", "ru": ""}
_YEAR_OF = {"es": r"(?:\s+(?:de|del))?", "fr": "", "de": "", "en": r",?", "ru": ""}
_YEAR_TAIL = {"ru": r"(?:\s*(?:года|году|год|г\.))?", "de": "", "en": "", "fr": "", "es": ""}
# German and Russian numeric dates may open with the first day of a range or list, which shares
# the month and year of the last one: "25./26.11.2021", "25.–27.11.2021", "25.11. bis 27.11.2021",
# "30.11. bis 2.12.2021" (across months). A slash needs the first day's dot ("25./26."): "12/25.11."
# is a file number and a date.
# Looked for only right before a numeric date (never at every digit of the text).
_NUMERIC_FIRST = {
    "de": r"(?<![\w.,])(?P<fd>[0-3]?\d)(?P<fdot>\.?)(?:(?P<fm>[01]?\d)\.)?(?P<fj>\s*[-–—/]\s*|\s+(?:und|bis(?:\s+zum)?)\s+)\Z",
    "ru": r"(?<![\w.,])(?P<fd>[0-3]?\d)(?P<fdot>\.?)(?:(?P<fm>[01]?\d)\.)?(?P<fj>\s*[-–—/]\s*|\s+(?:и|по|до)\s+)\Z",
}
_NUMERIC = {
    "de": r"(?P<nd>[0-3]?\d)\.(?P<nm>[01]?\d)\.(?P<ny>" + YEAR + r")",
    "ru": r"(?P<nd>[0-3]?\d)\.(?P<nm>[01]?\d)\.(?P<ny>" + YEAR + r")",
    "fr": r"(?P<nd>[0-3]?\d)[./](?P<nm>[01]?\d)[./](?P<ny>" + YEAR + r")",
    "es": r"(?P<nd>[0-3]?\d)[./](?P<nm>[01]?\d)[./](?P<ny>" + YEAR + r")",
    "en": r"(?P<ny>" + YEAR + r")-(?P<nm>[01]\d)-(?P<nd>[0-3]\d)",
}
# Only English puts the day after the month ("November 25"); elsewhere a number after a month
# name is a quantity ("im Mai 2,7 Prozent").
_MONTH_FIRST = frozenset({"en"})
# Languages that write months in lower case: a capitalised month name alone is a name (`Mars`,
# `Plaza de Mayo`); with a day or a year it is still read.
_LOWER_CASE_MONTHS = frozenset({"fr", "es"})
# Russian adjective endings (июньский, июньской, июньских...).
_RU_ADJECTIVE = r"(?:ий|ая|ое|ие|ого|ому|ой|ом|ую|их|им|ими|ей)"
# English "May" alone is a month only between a time preposition and a clause end or a year word:
# elsewhere it is the verb or a surname.
_EN_MAY_BEFORE = re.compile(r"(?:\b(?:in|since|until|till|by|from|during|through|early|late|last|next|this)\s+|\bmid-)$", re.I)
_EN_MAY_AFTER = re.compile(r"(?:\s+(?:last|next|this)\s+year\b|\s*[.,;:!?)])")


class DateValue(NamedTuple):
    year: int | None
    month: int
    days: tuple[int, ...]  # empty for a month; several for a range or list
    until: "DateValue | None" = None  # the last day of a range that ends in another month


def find_dates(text: str, lang: str) -> list[Fact]:
    """Date facts of one paragraph, in text order; spans do not overlap."""
    table = _table(lang)
    found: list[tuple[int, int, DateValue]] = []
    pos = 0
    while (m := table.pattern.search(text, pos)) is not None:
        value = _value(m, table, lang)
        if value is not None:
            start = m.start()
            if m.groupdict().get("nm") and table.numeric_first is not None:
                start, value = _numeric_range(text, max(pos, start - 16), m, value, table.numeric_first)
            found.append((start, m.end(), value))
            pos = m.end()
            continue
        # "4-1 de febrero": the numbers before the month are a score, not days; the month alone
        # may still be a date, so look again from the month word.
        month_start = _month_start(m)
        pos = month_start if month_start is not None and month_start > m.start() else m.end()
    found = _merge_same_month(text, found, table)
    found = [(start, end, _between_range(text, start, value, table)) for start, end, value in found]
    facts: list[Fact] = []
    i = 0
    while i < len(found):
        start, end, value = found[i]
        key = format_date_key(value)
        # "30 November - 1 December 2020": one range across months; the year written once.
        if i + 1 < len(found):
            n_start, n_end, n_value = found[i + 1]
            gap = text[end:n_start]
            joined = table.range_joiner.fullmatch(gap) or (
                table.and_joiner.fullmatch(gap) and _after_between(text, start, table)
            )
            if value.days and n_value.days and value.until is None and n_value.until is None and joined:
                first_year = value.year if value.year is not None else n_value.year
                last_year = n_value.year if n_value.year is not None else value.year
                first = format_date_key(DateValue(first_year, value.month, value.days[:1]))
                last = format_date_key(DateValue(last_year, n_value.month, n_value.days[-1:]))
                key, end = f"{first}/{last}", n_end
                i += 1
        facts.append(Fact("date", key, text[start:end], start, end))
        i += 1
    return facts


def month_mentions(text: str, lang: str) -> frozenset[int]:
    """Month numbers the text names in any form, sure or probable (see the module docstring).

    `"until Oct. and in the first Junihälfte"` -> {10, 6}. For confirming a month, not claiming one.
    """
    return _month_mentions(text, lang.lower().split("-")[0].split("_")[0])


def month_mentions_any(text: str) -> frozenset[int]:
    """`month_mentions` in every supported language at once, for a text of unknown language."""
    return frozenset().union(*(_month_mentions(text, lang) for lang in _DAY_SUFFIX))


def format_date_key(value: DateValue) -> str:
    if value.until is not None:
        first = format_date_key(DateValue(value.year, value.month, value.days[:1]))
        return f"{first}/{format_date_key(value.until)}"
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
    months: dict[str, int]  # lower-cased month word or abbreviation -> month number
    day_words: dict[str, int]  # lower-cased day in words ("primero", "первого") -> day
    day_tokens: re.Pattern[str]  # one day of a day list: digits or a day in words
    prefixes: dict[str, int]  # unambiguous prefixes (>= 3 letters) of month names -> number
    stems: tuple[tuple[str, int], ...]  # Russian stems, longest first
    range_joiner: re.Pattern[str]
    list_joiner: re.Pattern[str]  # "and", "," between two dates of one month
    and_joiner: re.Pattern[str]  # "and" between two dates, a range after "between"
    between: re.Pattern[str]  # "between" (and its article) ending where a date starts
    numeric_first: re.Pattern[str] | None  # the first day before a numeric date: "25./" of "25./26.11.2021"
    mentions: re.Pattern[str]  # every form of `month_mentions`, sure or probable


@lru_cache(maxsize=None)
def _table(lang: str) -> _Table:
    words = locale_words(lang)
    months: dict[str, int] = {}
    abbreviations: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for number, name in enumerate(words.months_wide[context], start=1):
            months[name.lower()] = number
        for number, name in enumerate(words.months_abbreviated[context], start=1):
            abbreviations[name.lower().rstrip(".")] = number
    prefixes = _unique_prefixes(months)
    stems: list[tuple[str, int]] = []
    month_alts: list[str] = []
    adjectives: list[str] = []  # month adjectives: a month alone, never the month of a day
    fold = str.lower
    if lang == "ru":
        month_alts, adjectives, stems = _russian_months(words)
    else:
        # English month names are capitalised; matching them case-sensitively keeps "may" out.
        fold = str.title if lang == "en" else str.lower
        month_alts.append(patterns.trie(fold(m) for m in months))
    # Abbreviations: CLDR's and any unambiguous prefix, with a dot. Only English may drop the dot
    # of a CLDR abbreviation next to a day ("Oct 14"); elsewhere the bare letters are often a word
    # of their own (French "sept" is seven). Alone, only the dotted form counts, and only as a
    # mention ("until Oct."): "Jan" is also a name.
    dotted = patterns.trie(fold(a) for a in [*abbreviations, *prefixes] if a not in months) + r"\."
    short = dotted
    if lang == "en":
        short += "|" + patterns.trie(fold(a) for a in [*abbreviations, *prefixes] if a not in months and len(a) > 2)
    wide = _alternation(month_alts)
    day = r"(?:[0-3]?\d)" + _DAY_SUFFIX[lang]
    article = rf"(?:\s+(?:{_JOIN_ARTICLE[lang]}))?" if _JOIN_ARTICLE[lang] else ""
    # "to Wednesday, 2 December", "und Mittwoch, 26.", "по среду 2 декабря": a weekday may name the
    # next date or day; the words around it still join the two.
    weekday = rf"(?:\s+(?:(?:{_WEEKDAY_ARTICLE[lang]})\s+)?(?:{_weekdays(words, lang)}),?)?"
    join = r"(?:\s*[-–—/]\s*|,\s*|,?\s+(?:" + _DAY_JOIN[lang] + r")" + article + weekday + r"\s+)"
    days = rf"(?P<days{{n}}>{day}(?:{join}{day})*)"
    day_words = _day_words(words, lang)
    word = patterns.trie(day_words)
    word_days = rf"(?P<days{{n}}>{word}(?:{join}{word})*)"
    month = rf"(?P<month{{n}}>{wide}|{short})"
    month_wide = rf"(?P<month{{n}}>{wide})"
    year = rf"(?P<year{{n}}>{YEAR}){_YEAR_TAIL[lang]}"
    bare = rf"(?P<month4>{_alternation(month_alts + adjectives)})"
    if lang in _LOWER_CASE_MONTHS:
        bare = rf"(?-i:{bare})"
    alternatives = [
        # 25-26 November 2020 / 25. und 26. November / 25 y 26 de noviembre de 2020
        days.format(n=1) + r"\s+" + _MONTH_OF[lang] + month.format(n=1)
        + rf"(?:{_YEAR_OF[lang]}\s+{year.format(n=1)})?",
        # November 25-26, 2020 (English)
        month.format(n=2) + r"\s+" + days.format(n=2) + rf"(?:,?\s+{year.format(n=2)})?" if lang in _MONTH_FIRST else None,
        # the first of October / el uno de octubre / am ersten Oktober / первого октября
        word_days.format(n=5) + r"\s+" + _WORD_MONTH_OF[lang] + month_wide.format(n=5)
        + rf"(?:{_YEAR_OF[lang]}\s+{year.format(n=5)})?(?!-\w)",  # not "zweiten Mai-Wochenende"
        # November 2020 / noviembre de 2020 / в ноябре 2020 года
        month_wide.format(n=3) + rf"(?:{_YEAR_OF[lang]}|\s+de)?\s+{year.format(n=3)}",
        # in November / в ноябре
        bare,
        _NUMERIC[lang],
    ]
    body = "|".join(f"(?:{alt})" for alt in alternatives if alt is not None)
    flags = "" if lang == "en" else "(?i)"
    # The date ends where a word or a decimal part would go on: "July 2.7 percent" is July.
    pattern = patterns.compile(flags + rf"(?<![\w.,])(?:{body})(?!\w|[.,]\d)")
    range_joiner = patterns.compile(r"\s*,?\s*(?:[-–—]|(?:" + _RANGE_JOIN[lang] + r")" + article + r")" + weekday + r"\s*", re.IGNORECASE)
    table_months = dict(months)
    table_months.update({k: v for k, v in abbreviations.items() if k not in table_months})
    return _Table(
        pattern,
        table_months,
        day_words,
        patterns.compile(rf"(?i)\d+|(?<!\w)(?:{word})(?!\w)"),
        prefixes,
        tuple(sorted(stems, key=lambda s: -len(s[0]))),
        range_joiner,
        patterns.compile(rf"\s*(?:,|(?:,\s*)?(?:{_DAY_JOIN[lang]}))(?:\s+(?:{_DATE_ARTICLE[lang]}))?{weekday}\s*", re.IGNORECASE),
        patterns.compile(rf"\s*,?\s+(?:{_AND[lang]})(?:\s+(?:{_DATE_ARTICLE[lang]}))?{weekday}\s+", re.IGNORECASE),
        patterns.compile(rf"(?<!\w)(?:{_BETWEEN[lang]})\s+$", re.IGNORECASE),
        patterns.compile(_NUMERIC_FIRST[lang], re.IGNORECASE) if lang in _NUMERIC_FIRST else None,
        _mentions_pattern(lang, month_alts + adjectives, dotted, months),
    )


def _russian_months(words: LocaleWords) -> tuple[list[str], list[str], list[tuple[str, int]]]:
    """Patterns for every case of each month, of its adjective, and the stems that read them.

    The adjective is kept apart: `2 июльских концерта` and `первого июньского заседания` are not
    dates, so it is read only as a month alone.

    Stem = common prefix of the genitive and nominative (ноября/ноябрь -> ноябр). The adjective is
    built from the nominative: a soft sign or й keeps it (июнь -> июньск, май -> майск, январь ->
    январск), a hard consonant takes -овск (март -> мартовск, август -> августовск).
    """
    genitive = words.months_wide["format"]
    nominative = words.months_wide["stand-alone"]
    alts: list[str] = []
    adjectives: list[str] = []
    stems: list[tuple[str, int]] = []
    ending = r"(?:я|й|е|ю|ь|а|у|ом|ем|ём)"
    for number in range(1, 13):
        nom = nominative[number - 1].lower()
        stem = os.path.commonprefix([genitive[number - 1].lower(), nom])
        optional = "?" if stem == nom else ""
        alts.append(re.escape(stem) + ending + optional)
        if nom.endswith("ь"):
            adjective = re.escape(nom[:-1]) + "ь?ск"
        elif nom.endswith("й"):
            adjective = re.escape(nom) + "ск"
        else:
            adjective = re.escape(nom) + "овск"
        adjectives.append(adjective + _RU_ADJECTIVE)
        stems.append((stem, number))
    return alts, adjectives, stems


def _weekdays(words: LocaleWords, lang: str) -> str:
    """Weekday names from CLDR; Russian by stem, for every case (`среда`, `в среду`, `до среды`)."""
    names = {name.lower() for context in ("format", "stand-alone") for name in words.weekdays_wide[context]}
    if lang == "ru":
        # Up to three letters of ending, written without braces: the day pattern is a format template.
        return "|".join(sorted({re.escape(n.rstrip("аяеоь")) + "[а-яё]?[а-яё]?[а-яё]?" for n in names}))
    fold = str.title if lang == "en" else str.lower
    return patterns.trie(fold(n) for n in names)


def _day_words(locale: LocaleWords, lang: str) -> dict[str, int]:
    """Days 1-31 in words as dates write them, from num2words: ordinals (en `first`, de `ersten`,
    ru genitive `первого` and nominative `первое`), Spanish and French cardinals (`veinticinco
    de`, `deux octobre`) with their word for the first (`primero`, `premier`). French `un` is left
    out: `un octobre pluvieux` is a month, not a date."""
    words: dict[str, int] = {}
    for day in range(1, 32):
        ordinal = locale.ordinals[day - 1].lower()
        cardinal = locale.cardinals[day - 1].lower()
        if lang == "en":
            forms = [ordinal]
        elif lang == "de":
            forms = [ordinal, ordinal + "n"]
        elif lang == "ru":
            head, last = ordinal.rsplit(" ", 1) if " " in ordinal else ("", ordinal)
            base = last[:-2]
            endings = ("ьего", "ье") if last.endswith("ий") else ("ого", "ое")
            forms = [f"{head} {base}{e}".strip() for e in endings]
        elif day == 1:
            forms = ["primero", "uno"] if lang == "es" else ["premier"]
        else:
            forms = [cardinal]
        for form in forms:
            words[form] = day
    return words


def _unique_prefixes(months: dict[str, int]) -> dict[str, int]:
    """Prefixes of 3+ letters, shorter than the name, that only one month starts with."""
    seen: dict[str, set[int]] = {}
    for name, number in months.items():
        for size in range(3, len(name)):
            seen.setdefault(name[:size], set()).add(number)
    return {p: next(iter(n)) for p, n in seen.items() if len(n) == 1}


def _mentions_pattern(lang: str, month_alts: list[str], dotted: str, months: dict[str, int]) -> re.Pattern[str]:
    """Sure month words, abbreviations with their dot and, in German, month compounds."""
    alts = [f"(?:{_alternation(month_alts)})(?!\\w)", dotted]
    if lang == "de":
        # Oktoberhälfte, Junianfang: a month of four letters or more glued to a lower-case noun of
        # four letters or more (shorter tails make names: Mainz, Junior, Augustin).
        long_names = patterns.trie(m.title() for m in months if len(m) >= 4)
        alts.append(rf"(?-i:{long_names}[a-zäöüß]{{4,}})")
    flags = "" if lang == "en" else "(?i)"
    return patterns.compile(flags + rf"(?<![\w])(?:{'|'.join(alts)})")


def _alternation(alts: list[str] | set[str]) -> str:
    return "|".join(sorted(alts, key=lambda a: (-len(a), a)))


@lru_cache(maxsize=4096)
def _month_mentions(text: str, lang: str) -> frozenset[int]:
    table = _table(lang if lang in _DAY_SUFFIX else "en")
    found = set()
    for m in table.mentions.finditer(text):
        number = _month_number(m.group(0), table, compound=True)
        if number is not None:
            found.add(number)
    return frozenset(found)


def _merge_same_month(
    text: str, found: list[tuple[int, int, DateValue]], table: _Table
) -> list[tuple[int, int, DateValue]]:
    """`25 ноября и 26 ноября` is the date `25 и 26 ноября`; `1 May to 5 May` is `1-5 May`.

    Equal dates must give equal keys whether the month is written once or with every day.
    """
    out: list[tuple[int, int, DateValue]] = []
    for start, end, value in found:
        if out:
            p_start, p_end, prev = out[-1]
            between = text[p_end:start]
            same = prev.month == value.month and (prev.year is None or value.year is None or prev.year == value.year)
            if same and prev.days and value.days and prev.until is None and value.until is None:
                year = prev.year if prev.year is not None else value.year
                days: tuple[int, ...] | None = None
                if table.range_joiner.fullmatch(between) and value.days[-1] > prev.days[0]:
                    days = tuple(range(prev.days[0], value.days[-1] + 1))
                elif table.list_joiner.fullmatch(between):
                    days = prev.days + value.days
                if days is not None:
                    out[-1] = (p_start, end, DateValue(year, prev.month, days))
                    continue
        out.append((start, end, value))
    return out


def _after_between(text: str, start: int, table: _Table) -> bool:
    """Whether "between" (zwischen, entre, между) stands right before the date at `start`."""
    return table.between.search(text, max(0, start - 24), start) is not None


def _between_range(text: str, start: int, value: DateValue, table: _Table) -> DateValue:
    """`between 25 and 27 November` is the range 25-27, not the two days."""
    days = value.days
    if len(days) == 2 and days[1] > days[0] + 1 and _after_between(text, start, table):
        return value._replace(days=tuple(range(days[0], days[1] + 1)))
    return value


def _numeric_range(
    text: str, lo: int, m: re.Match[str], value: DateValue, first: re.Pattern[str]
) -> tuple[int, DateValue]:
    """The numeric date `m` with the first day written before it, if any: (start, value)."""
    before = first.search(text, lo, m.start())
    if before is None:
        return m.start(), value
    combined = _numeric_value({**m.groupdict(), **before.groupdict()})
    return (before.start(), combined) if combined is not None else (m.start(), value)


def _month_start(m: re.Match[str]) -> int | None:
    for n in "12345":
        name = f"month{n}"
        if name in m.re.groupindex and m.group(name) is not None:
            return m.start(name)
    return None


def _value(m: re.Match[str], table: _Table, lang: str) -> DateValue | None:
    groups = m.groupdict()
    if groups.get("nm"):
        return _numeric_value(groups)
    for n in "12345":
        word = groups.get(f"month{n}")
        if word is None:
            continue
        month = _month_number(word, table)
        if month is None:
            return None
        year_text = groups.get(f"year{n}")
        year = int(year_text) if year_text else None
        days_text = groups.get(f"days{n}")
        days = _days(days_text, table) if days_text else ()
        if days is None:
            return None
        if n == "4" and lang == "en" and word == "May" and not _english_may_is_month(m):
            return None
        return DateValue(year, month, days)
    return None


def _numeric_value(groups: dict[str, str | None]) -> DateValue | None:
    """`25.11.2021`, and with a first day `25./26.11.2021`, `25.11. bis 27.11.2021`,
    `30.12. bis 2.1.2022` (the year of the first day is the year before when its month is later)."""
    month, day, year = int(groups["nm"]), int(groups["nd"]), int(groups["ny"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if groups.get("fd") is None:
        return DateValue(year, month, (day,))
    if "/" in groups["fj"] and not groups["fdot"]:
        return None
    first_day = int(groups["fd"])
    first_month = int(groups["fm"]) if groups.get("fm") else month
    if not (1 <= first_month <= 12 and 1 <= first_day <= 31):
        return None
    if first_month != month:
        first_year = year - 1 if first_month > month else year
        return DateValue(first_year, first_month, (first_day,), until=DateValue(year, month, (day,)))
    if day <= first_day:
        return None
    is_list = "/" in groups["fj"] or re.search(r"\b(?:und|и)\b", groups["fj"], re.IGNORECASE)
    return DateValue(year, month, (first_day, day) if is_list else tuple(range(first_day, day + 1)))


def _english_may_is_month(m: re.Match[str]) -> bool:
    """`in May last year`, `since May.`: yes; `May said`, `they May` (title case): no."""
    before = m.string[max(0, m.start() - 12) : m.start()]
    return bool(_EN_MAY_BEFORE.search(before)) and bool(_EN_MAY_AFTER.match(m.string, m.end()))


def _month_number(word: str, table: _Table, *, compound: bool = False) -> int | None:
    lower = word.lower().rstrip(".")
    if lower in table.months:
        return table.months[lower]
    if lower in table.prefixes:
        return table.prefixes[lower]
    for stem, number in table.stems:
        if lower.startswith(stem):
            return number
    if compound:
        for name, number in table.months.items():
            if len(name) >= 4 and lower.startswith(name):
                return number
    return None


def _days(text: str, table: _Table) -> tuple[int, ...] | None:
    tokens = table.day_tokens.findall(text)
    numbers = [int(t) if t.isdigit() else table.day_words[t.lower()] for t in tokens]
    if not numbers or any(not 1 <= n <= 31 for n in numbers):
        return None
    # What joins the days, without the days themselves ("vingt-cinq et vingt-six" is a pair).
    joints = table.day_tokens.sub(" ", text)
    if len(numbers) == 2 and re.search(r"[-–—]|\b(?:to|through|until|till|bis|au|à|al|a|по|до)\b", joints):
        if numbers[1] <= numbers[0]:
            return None
        return tuple(range(numbers[0], numbers[1] + 1))
    return tuple(numbers)
