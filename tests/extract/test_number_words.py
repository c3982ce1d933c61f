"""Numbers 11..99 in words, cardinal and ordinal, in all five languages, look-alikes included."""

from __future__ import annotations

import pytest

from langcheck.extract import extract_facts

CASES = [
    ("en", "forty-eight people were hurt", ["48"]),
    ("en", "a forty-eight-year-old man", ["48"]),
    ("en", "Fifty-eight percent of voters", ["58%"]),
    ("en", "her thirty-sixth meeting", ["ord:36"]),
    ("en", "the twentieth anniversary", ["ord:20"]),
    ("en", "a nineteenth-century church", ["century:19"]),
    ("en", "a dozen envoys", ["12"]),
    ("de", "achtundvierzig Menschen", ["48"]),
    ("de", "die Elf des Gastgebers", ["11"]),
    ("de", "ihr sechsunddreißigstes Treffen", ["ord:36"]),
    ("de", "zum zwanzigsten Mal", ["ord:20"]),
    ("de", "zweiunddreißig Prozent", ["32%"]),
    ("es", "cuarenta y ocho personas", ["48"]),
    ("es", "once jugadores", ["11"]),
    ("es", "su trigésimo sexto encuentro", ["ord:36"]),
    ("es", "veintiún países", ["21"]),
    ("es", "el vigésimo aniversario", ["ord:20"]),
    ("fr", "quarante-huit personnes", ["48"]),
    ("fr", "vingt et un pays", ["21"]),
    ("fr", "soixante et onze députés", ["71"]),
    ("fr", "quatre-vingt-douze ans", ["92"]),
    ("fr", "une quarantaine de blessés", ["40"]),
    ("fr", "sa trente-sixième réunion", ["ord:36"]),
    ("fr", "au dix-neuvième siècle", ["century:19"]),
    ("ru", "около сорока восьми человек", ["48"]),
    ("ru", "сорок восемь человек", ["48"]),
    ("ru", "из двадцати стран", ["20"]),
    ("ru", "тридцать шестой раунд", ["ord:36"]),
    ("ru", "в тридцать шестом раунде", ["ord:36"]),
    ("ru", "одиннадцать игроков", ["11"]),
    ("ru", "девятнадцатого века", ["century:19"]),
    # small numbers before a scale word, decade ages
    ("en", "a million doses and forty thousand tests", ["1000000", "40000"]),
    ("en", "a man in his forties", ["40"]),
    ("de", "zwei Millionen Euro für einen Mann in den Vierzigern", ["2000000", "40"]),
    ("es", "dos millones de dólares", ["2000000"]),
    ("fr", "plus d'un millier de victimes", ["1000"]),
    ("ru", "около двух миллионов долларов", ["2000000"]),
    # a scale word alone, where the language leaves out `one`
    ("de", "über tausend Menschen", ["1000"]),
    ("es", "más de mil personas", ["1000"]),
    ("fr", "plus de mille personnes", ["1000"]),
    ("ru", "погибли свыше тысячи человек", ["1000"]),
    ("ru", "тысячи людей вышли на улицы", []),  # thousands, not one thousand
    ("es", "miles de personas", []),
    ("fr", "des milliers de personnes", []),
    # look-alikes: small numbers, words containing number words, other senses
    ("en", "for the first time, one of three, a man", []),
    ("en", "he was often seventh", []),
    ("de", "der Elfmeter in der Nachspielzeit", []),
    ("de", "eine Dreizehnerin? Nein: drei Länder", []),
    ("es", "una vez, dos veces, tres", []),
    ("fr", "le premier ministre et ses deux adjoints", []),
    ("fr", "la quarantaine sanitaire", ["40"]),  # the same word: a limit of word tables
    ("ru", "пять стран и первый раз", []),
    ("ru", "сорокалетний юбилей", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), [pytest.param(*c, id=f"{c[0]}-{c[1][:30]}") for c in CASES])
def test_number_words(lang: str, text: str, expected: list[str], glossary) -> None:
    facts = [f for f in extract_facts(text, lang, glossary) if f.kind == "number"]
    assert [f.key for f in facts] == expected
    for fact in facts:
        assert text[fact.start : fact.end] == fact.surface


# Any case of a number word's first letter is found: a sentence start, a heading in capitals;
# a word glued to letters before it is no number word.
CASE_CASES = [
    ("en", "Forty-eight envoys came. FORTY-EIGHT stayed.", ["48", "48"]),
    ("de", "Achtundvierzig Gesandte kamen. ACHTUNDVIERZIG blieben.", ["48", "48"]),
    ("es", "Cuarenta y ocho enviados. CUARENTA Y OCHO se quedaron.", ["48", "48"]),
    ("fr", "Quarante-huit envoyés. QUARANTE-HUIT sont restés.", ["48", "48"]),
    ("ru", "Сорок восемь послов. СОРОК ВОСЕМЬ остались.", ["48", "48"]),
    ("en", "the xforty-eight code", []),
    ("de", "die Xachtundvierzig", []),
    ("es", "el código Xcuarenta", []),
    ("fr", "le code Xquarante", []),
    ("ru", "код Ысорок", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), [pytest.param(*c, id=f"{c[0]}-{c[1][:30]}") for c in CASE_CASES])
def test_number_words_in_any_case(lang: str, text: str, expected: list[str], glossary) -> None:
    assert [f.key for f in extract_facts(text, lang, glossary) if f.kind == "number"] == expected


# Text where a number word may begin in any case and script, with letters whose case mapping is
# special (Turkish dotted I, Kelvin sign, long s, final sigma) next to the heads.
HEAD_TEXTS = {
    "en": "Forty-eight FIFTY twenty a million A\u00a0dozen \u212aelvin ſixty İnto one-third",
    "de": "ACHTUNDVIERZIG Dreißig fünfzig ZWÖLF Tausende ſechzig İn Zwanzigern",
    "es": "Cuarenta y ocho DOCE veintidós MIL millones ſesenta İdea Noventa",
    "fr": "Quarante-huit DOUZE vingt-deux Mille ſoixante İl Quatre-vingt-dix",
    "ru": "Сорок восемь ДВАДЦАТЬ два миллиона ОДНА тысяча ДВЕ Ёлки σορόκ ΣΟΡΌΚΣ",
}


@pytest.mark.parametrize("lang", sorted(HEAD_TEXTS))
def test_head_starts_find_every_word_the_head_check_takes(lang: str) -> None:
    """The engine's head filter is a superset of the Python check of each word start (`str.lower`
    of its first two or three letters), so the matches do not depend on it."""
    from langcheck.extract.numerals import WORD_START
    from langcheck.extract.number_words import _head_starts, _heads

    text = HEAD_TEXTS[lang]
    heads = _heads(lang)
    taken = [m.start() for m in WORD_START.finditer(text)
             if text[m.start() : m.start() + 3].lower() in heads or text[m.start() : m.start() + 2].lower() in heads]
    found = [m.start() for m in _head_starts(lang).finditer(text)]
    assert taken and set(taken) <= set(found)
    assert len(found) < len(list(WORD_START.finditer(text)))  # it does rule words out
