"""Numbers from 11 to 99 written in words, cardinal and ordinal, in the five languages.

Any cardinal, from `a`/`one` up, also counts before a scale word: `dos millones` = `2000000`,
`un millier` = `1000`, `forty thousand` = `40000`.

`forty-eight` = `achtundvierzig` = `cuarenta y ocho` = `quarante-huit` = `сорок восемь` /
`сорока восьми` -> key `48` (the same key as the digits, so `48` and `forty-eight` agree);
`thirty-sixth` = `sechsunddreißigste` = `trigésimo sexto` = `trente-sixième` = `тридцать шестой`
-> `ord:36`; an ordinal before a century word is `century:N` (`nineteenth century`). French
approximations count as their round value (`une quarantaine` -> `40`), `a dozen` forms as `12`.

Numbers up to ten are not read: they are written in words everywhere and in every sense
(`one of`, `first time`), and LC201 never reports them missing anyway. Russian forms cover the
cases (`сорока восьми`, `двадцати`); ordinals take every adjective ending.

Why hand-typed tables: text2num reads en/fr/es/de but returns rewritten text without spans and
has no Russian; num2words writes one nominative form per number. Both would still need the
Russian case forms typed here, and the tables below are small and fixed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from langcheck.extract import patterns
from langcheck.model import Fact

Lexicon = tuple[tuple[str, int], ...]  # (regex of one word's forms, value)


class _Words(NamedTuple):
    units: Lexicon  # 1..9 as the second part of a compound
    teens: Lexicon  # 11..19 (and other single words up to 99, e.g. es `veintiocho`)
    tens: Lexicon  # 20..90
    unit_ords: Lexicon
    teen_ords: Lexicon
    ten_ords: Lexicon
    approx: Lexicon  # `quarantaine`, `dozen`


def _lex(words: str, start: int, step: int = 1) -> Lexicon:
    return tuple((w, start + i * step) for i, w in enumerate(words.split()))


_RU_ADJ = r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ых|их|ыми|ими|ей)"
_RU_ORD_UNITS = (
    (rf"перв{_RU_ADJ}", 1), (rf"втор{_RU_ADJ}", 2), (r"трет(?:ий|ь(?:я|е|и|его|ему|им|ем|ей|ю|их|ими))", 3),
    (rf"четв[её]рт{_RU_ADJ}", 4), (rf"пят{_RU_ADJ}", 5), (rf"шест{_RU_ADJ}", 6), (rf"седьм{_RU_ADJ}", 7),
    (rf"восьм{_RU_ADJ}", 8), (rf"девят{_RU_ADJ}", 9),
)
_RU_TEEN_STEMS = "одиннадцат двенадцат тринадцат четырнадцат пятнадцат шестнадцат семнадцат восемнадцат девятнадцат"
_RU_TEN_ORD_STEMS = "двадцат тридцат сороков пятидесят шестидесят семидесят восьмидесят девяност"

_WORDS: dict[str, _Words] = {
    "en": _Words(
        units=_lex("one two three four five six seven eight nine", 1),
        teens=_lex("eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen", 11),
        tens=_lex("twenty thirty forty fifty sixty seventy eighty ninety", 20, 10),
        unit_ords=_lex("first second third fourth fifth sixth seventh eighth ninth", 1),
        teen_ords=_lex("eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth", 11),
        ten_ords=_lex("twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth", 20, 10),
        approx=((r"dozen", 12), *_lex("twenties thirties forties fifties sixties seventies eighties nineties", 20, 10)),
    ),
    "de": _Words(
        units=_lex("ein zwei drei vier fünf sechs sieben acht neun", 1),
        teens=_lex("elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn", 11),
        tens=_lex("zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig", 20, 10),
        unit_ords=(),
        teen_ords=tuple((rf"{w}te[nrsm]?", v) for w, v in _lex("elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn", 11)),
        ten_ords=tuple((rf"{w}ste[nrsm]?", v) for w, v in _lex("zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig", 20, 10)),
        # `ein Mann in den Vierzigern` (an age, as `in his 40s`)
        approx=((r"Dutzend", 12), *((rf"{w}ern?", v) for w, v in _lex("zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig", 20, 10))),
    ),
    "es": _Words(
        units=((r"un[oa]?", 1), *_lex("dos tres cuatro cinco seis siete ocho nueve", 2)),
        teens=(
            *_lex("once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve", 11),
            (r"veinti(?:un[oa]?|ún)", 21),
            *_lex("veintidós veintitrés veinticuatro veinticinco veintiséis veintisiete veintiocho veintinueve", 22),
        ),
        tens=_lex("veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa", 20, 10),
        unit_ords=tuple(
            (rf"{w}(?:[oa]s?)", v)
            for w, v in _lex("primer segund tercer cuart quint sext séptim octav noven", 1)
        )
        + ((r"primer", 1), (r"tercer", 3)),
        teen_ords=tuple(
            (rf"{w}(?:[oa]s?)", v)
            for w, v in _lex("undécim duodécim decimoterc decimocuart decimoquint decimosext decimoséptim decimoctav decimonoven", 11)
        ),
        ten_ords=tuple(
            (rf"{w}(?:[oa]s?)", v)
            for w, v in _lex("vigésim trigésim cuadragésim quincuagésim sexagésim septuagésim octogésim nonagésim", 20, 10)
        ),
        approx=((r"docena", 12),),
    ),
    "fr": _Words(
        units=((r"un[e]?", 1), *_lex("deux trois quatre cinq six sept huit neuf", 2)),
        teens=_lex("onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf", 11),
        tens=(*_lex("vingt trente quarante cinquante soixante", 20, 10), (r"soixante-dix", 70), (r"quatre-vingts?", 80), (r"quatre-vingt-dix", 90)),
        unit_ords=((r"unième", 1), *_lex("deuxième troisième quatrième cinquième sixième septième huitième neuvième", 2)),
        teen_ords=_lex("onzième douzième treizième quatorzième quinzième seizième dix-septième dix-huitième dix-neuvième", 11),
        ten_ords=(*_lex("vingtième trentième quarantième cinquantième soixantième", 20, 10), (r"soixante-dixième", 70), (r"quatre-vingtième", 80), (r"quatre-vingt-dixième", 90)),
        approx=(
            (r"douzaines?", 12), (r"quinzaines?", 15), (r"vingtaines?", 20), (r"trentaines?", 30),
            (r"quarantaines?", 40), (r"cinquantaines?", 50), (r"soixantaines?", 60),
        ),
    ),
    "ru": _Words(
        units=(
            (r"од(?:ин|ного|ному|ним|ном|на|ной|ну|но)", 1), (r"дв(?:а|ух|ум|умя|е)", 2), (r"тр(?:и|[её]х|[её]м|емя)", 3),
            (r"четыр(?:е|[её]х|[её]м|ьмя)", 4), (r"пят(?:ь|и|ью)", 5), (r"шест(?:ь|и|ью)", 6), (r"сем(?:ь|и|ью)", 7),
            (r"вос(?:емь|ьми|емью)", 8), (r"девят(?:ь|и|ью)", 9),
        ),
        teens=tuple((rf"{w}(?:ь|и|ью)", v) for w, v in _lex(_RU_TEEN_STEMS, 11)),
        tens=(
            (r"двадцат(?:ь|и|ью)", 20), (r"тридцат(?:ь|и|ью)", 30), (r"сорок(?:а)?", 40),
            (r"пят(?:ьдесят|идесяти|ьюдесятью)", 50), (r"шест(?:ьдесят|идесяти|ьюдесятью)", 60),
            (r"сем(?:ьдесят|идесяти|ьюдесятью)", 70), (r"вос(?:емьдесят|ьмидесяти|емьюдесятью)", 80), (r"девяност[оа]", 90),
        ),
        unit_ords=_RU_ORD_UNITS,
        teen_ords=tuple((rf"{w}{_RU_ADJ}", v) for w, v in _lex(_RU_TEEN_STEMS, 11)),
        ten_ords=tuple((rf"{w}{_RU_ADJ}", v) for w, v in _lex(_RU_TEN_ORD_STEMS, 20, 10)),
        approx=((r"дюжин[аыуе]", 12),),
    ),
}
# Up to ten, words count only before a scale word: `dos millones`, `a million`, `un millier`.
_SMALL: dict[str, Lexicon] = {
    "en": ((r"an?", 1), *_lex("one two three four five six seven eight nine ten", 1)),
    "de": ((r"eine?", 1), *_lex("zwei drei vier fünf sechs sieben acht neun zehn", 2)),
    "es": ((r"un[oa]?", 1), *_lex("dos tres cuatro cinco seis siete ocho nueve diez", 2)),
    "fr": ((r"une?", 1), *_lex("deux trois quatre cinq six sept huit neuf dix", 2)),
    "ru": (*_WORDS["ru"].units, (r"десят(?:ь|и|ью)", 10)),
}
_SCALE_WORDS: dict[str, tuple[tuple[str, int], ...]] = {
    "en": ((r"trillions?", 12), (r"billions?", 9), (r"millions?", 6), (r"thousands?", 3)),
    "de": ((r"Billionen|Billion", 12), (r"Milliarden?", 9), (r"Millionen|Million", 6), (r"[Tt]ausend", 3)),
    "es": ((r"billones|billón", 12), (r"mil\s+millones", 9), (r"millones|millón", 6), (r"mil", 3)),
    "fr": ((r"billions?", 12), (r"milliards?", 9), (r"millions?", 6), (r"milliers?|mille", 3)),
    "ru": ((r"триллион\w*", 12), (r"миллиард\w*", 9), (r"миллион\w*", 6), (r"тысяч\w*", 3)),
}
# A scale word alone is one of it where the language leaves out the `one`: `über tausend`,
# `más de mil`, `plus de mille`; in Russian only after a word that takes the singular
# (`свыше тысячи`), since `тысячи людей` alone means thousands.
_BARE_SCALE: dict[str, tuple[tuple[str, int], ...]] = {
    "de": ((r"tausend", 1000),),
    "es": ((r"mil\s+millones", 10**9), (r"mil", 1000)),
    "fr": ((r"mille", 1000),),
    "ru": ((r"тысяч[иуа]", 1000), (r"миллион[ау]?", 10**6), (r"миллиард[ау]?", 10**9)),
}
_RU_SINGULAR_BEFORE = "свыше более около почти примерно порядка".split()
# How the parts of a compound are joined: `forty-eight`, `cuarenta y ocho`, `vingt et un`.
_JOIN = {"en": r"[-\s]", "de": r"und", "es": r"\s+y\s+", "fr": r"-et-|\s+et\s+|-", "ru": r"\s+"}
_ORD_JOIN = {"en": r"[-\s]", "de": r"und", "es": r"\s+", "fr": r"-et-|\s+et\s+|-", "ru": r"\s+"}
_PERCENT = {
    "en": r"\s*(?:percent|per\s+cent|%)",
    "de": r"\s*(?:Prozent|%)",
    "es": r"\s*(?:por\s+ciento|%)",
    "fr": r"\s*(?:pour\s+cent|%)",
    "ru": r"\s*(?:процент\w*|%)",
}
_CENTURY = {
    "en": r"[-\s]century",
    "de": r"\s+Jahrhundert",
    "es": r"\s+siglo",
    "fr": r"\s+siècle",
    "ru": r"\s+(?:век|столети)",
}


def find_number_words(text: str, lang: str) -> list[Fact]:
    """Facts for the numbers 11..99 written in words (kind "number", keys `48`, `48%`, `ord:36`)."""
    table = _table(lang)
    if table is None:
        return []
    heads = _heads(lang)
    facts: list[Fact] = []
    end = 0
    for start in _head_starts(lang).finditer(text):
        pos = start.start()
        if pos < end or (text[pos : pos + 3].lower() not in heads and text[pos : pos + 2].lower() not in heads):
            continue
        m = table.match(text, pos)
        if m is None:
            continue
        end = m.end()
        value, ordinal = _value(m, lang)
        if value is not None and not ordinal:
            scale = _scale_after(text, end, lang)
            if scale is not None:
                value, end = value * 10 ** scale[0], scale[1]
        if value is None or value <= 10:
            continue
        key = str(value)
        percent = re.match(_PERCENT[lang], text[end:], re.IGNORECASE)
        if percent and not ordinal:
            key, end = f"{value}%", end + percent.end()
        if ordinal:
            after = text[m.end() : m.end() + 16]
            key = f"century:{value}" if re.match(_CENTURY[lang], after, re.IGNORECASE) else f"ord:{value}"
        facts.append(Fact("number", key, text[m.start() : end], m.start(), end))
    return facts


def names_small_number(text: str, lang: str, value: int) -> bool:
    """Whether `text` writes `value` (1..10) as a word (`six`, `sechs`, `шести`), ordinals aside."""
    pattern = _small_word(lang, value)
    return pattern is not None and pattern.search(text) is not None


@lru_cache(maxsize=None)
def _small_word(lang: str, value: int) -> re.Pattern[str] | None:
    forms = [p for p, v in _SMALL.get(lang, ()) if v == value and len(p) > 2]
    if lang == "de" and value == 1:
        forms.append("eins")
    if not forms:
        return None
    return patterns.compile(rf"(?<!\w)(?:{'|'.join(forms)})\w{{0,2}}(?!\w)", re.IGNORECASE)


def _scale_after(text: str, end: int, lang: str) -> tuple[int, int] | None:
    """(power of ten, new end) when a scale word follows: `dos millones`, `forty thousand`."""
    m = _scale_table(lang).match(text, end)
    if m is None:
        return None
    word = m.group("scale")
    power = next(p for pattern, p in _SCALE_WORDS[lang] if re.fullmatch(pattern, word, re.IGNORECASE))
    return power, m.end()


@lru_cache(maxsize=None)
def _scale_table(lang: str) -> re.Pattern[str]:
    scales = "|".join(f"(?:{p})" for p, _ in _SCALE_WORDS[lang])
    return patterns.compile(rf"\s+(?P<scale>{scales})(?!\w)", re.IGNORECASE)


def _value(m: re.Match[str], lang: str) -> tuple[int | None, bool]:
    words = _WORDS[lang]
    g = m.groupdict()
    if g.get("small") is not None:
        return _lookup(_SMALL[lang], g["small"]), False
    if g.get("bare") is not None:
        return _lookup(_BARE_SCALE[lang], g["bare"]), False
    if g.get("oten") is not None:
        ten = _lookup(words.tens + words.ten_ords, g["oten"])
        unit = _lookup(words.unit_ords + words.teen_ords, g["ounit"])
        if lang == "de":  # `sechsunddreißigste`: unit first
            unit, ten = _lookup(words.units, g["oten"]), _lookup(words.ten_ords, g["ounit"])
        return (ten + unit if ten and unit else None), True
    if g.get("cten") is not None:
        ten = _lookup(words.tens, g["cten"])
        unit = _lookup(words.units + words.teens, g["cunit"])
        if lang == "de":
            unit, ten = _lookup(words.units, g["cten"]), _lookup(words.tens, g["cunit"])
        return (ten + unit if ten and unit else None), False
    if g.get("sord") is not None:
        return _lookup(words.teen_ords + words.ten_ords, g["sord"]), True
    if g.get("single") is not None:
        return _lookup(words.teens + words.tens + words.approx, g["single"]), False
    return None, False


def _lookup(lexicon: Lexicon, word: str) -> int | None:
    for pattern, value in lexicon:
        if value and re.fullmatch(pattern, word, re.IGNORECASE):
            return value
    return None


@lru_cache(maxsize=None)
def _heads(lang: str) -> frozenset[str]:
    """How a match can begin (up to three literal letters): most words of a text are ruled out by them.

    Units start a match only in German (`achtundvierzig`); elsewhere they follow a ten.
    """
    words = _WORDS[lang]
    starters = [words.teens, words.tens, words.teen_ords, words.ten_ords, words.approx, _SMALL[lang]]
    if lang == "de":
        starters.append(words.units)
    starters.append(_BARE_SCALE.get(lang, ()))
    heads = set()
    for lexicon in starters:
        for pattern, _ in lexicon:
            literal = re.match(r"[^\W\d_]*", pattern).group(0)  # type: ignore[union-attr]
            if len(literal) < len(pattern) and pattern[len(literal)] in "?*":
                literal = literal[:-1]
            heads.add(literal[:3].lower())
            if len(literal) < 3:
                heads.update(f"{literal}{c}".lower() for c in " \u00a0")  # `a million`, `un millier`
    return frozenset(heads)


@lru_cache(maxsize=None)
def _head_starts(lang: str) -> re.Pattern[str]:
    """The word starts (as `WORD_START`) where one of `_heads` begins: a superset of where a
    match can begin, found by the engine (a prefix tree of the heads) instead of a Python check of
    every word.

    Case-insensitive, so it holds wherever `str.lower` would make the head: the engine compares
    each letter's simple lower case, which is `lower()`'s wherever that is one letter. The caller
    still checks the head as `str.lower` makes it, so the matches are exactly the Python check's."""
    heads = sorted(head for head in _heads(lang) if head[:1].isalpha())
    if not heads:
        return patterns.compile(r"(?!)")
    # The first letters before the word start: one set test rules out most positions cheaply.
    firsts = "".join(re.escape(ch) for ch in sorted({head[0] for head in heads}))
    return patterns.compile(rf"(?=[{firsts}])(?<![^\W\d_])(?={patterns.trie(heads)})", re.IGNORECASE)


def _alt(lexicon: Lexicon) -> str:
    return "|".join(f"(?:{p})" for p, _ in sorted(lexicon, key=lambda pv: -len(pv[0])))


@lru_cache(maxsize=None)
def _table(lang: str) -> re.Pattern[str] | None:
    words = _WORDS.get(lang)
    if words is None:
        return None
    if lang == "de":
        ordinal = rf"(?P<oten>{_alt(words.units)})und(?P<ounit>{_alt(words.ten_ords)})"
        cardinal = rf"(?P<cten>{_alt(words.units)})und(?P<cunit>{_alt(words.tens)})"
    else:
        # A ten before a unit ordinal (`trente-sixième`), or a ten ordinal before it (`trigésimo sexto`).
        ten_head = _alt(words.ten_ords + words.tens) if lang == "es" else _alt(words.tens)
        ordinal = rf"(?P<oten>{ten_head})(?:{_ORD_JOIN[lang]})(?P<ounit>{_alt(words.unit_ords + words.teen_ords)})"
        cardinal = rf"(?P<cten>{_alt(words.tens)})(?:{_JOIN[lang]})(?P<cunit>{_alt(words.units + words.teens)})"
    single_ord = rf"(?P<sord>{_alt(words.teen_ords + words.ten_ords)})"
    single = rf"(?P<single>{_alt(words.teens + words.tens + words.approx)})"
    scales = "|".join(f"(?:{p})" for p, _ in _SCALE_WORDS[lang])
    small = rf"(?P<small>{_alt(_SMALL[lang])})(?=\s+(?:{scales})(?!\w))"
    bare = rf"(?P<bare>{_alt(_BARE_SCALE[lang])})" if lang in _BARE_SCALE else ""
    if lang == "ru":
        bare = "(?:" + "|".join(f"(?<={w} )" for w in _RU_SINGULAR_BEFORE) + ")" + bare
    # A trailing hyphen is allowed: `forty-eight-year-old`.
    alternatives = [ordinal, cardinal, single_ord, small, single] + ([bare] if bare else [])
    return patterns.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)
