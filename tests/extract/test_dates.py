"""Dates with CLDR month names, day ranges and an optional year: (language, text, expected keys)."""

from __future__ import annotations

import pytest

from langcheck.extract import extract_facts
from langcheck.extract.dates import dates_compatible, month_mentions, month_mentions_any

CASES = [
    ("en", "On November 25-26, Foreign Minister", ["--11-25/--11-26"]),
    ("ru", "25-26 ноября министр", ["--11-25/--11-26"]),
    ("de", "Am 25. und 26. November reiste", ["--11-25/--11-26"]),
    ("fr", "Les 25 et 26 novembre, le ministre", ["--11-25/--11-26"]),
    ("es", "Los días 25 y 26 de noviembre, el ministro", ["--11-25/--11-26"]),
    ("en", "on 14 October 2021 in Moscow", ["2021-10-14"]),
    ("en", "on October 14, 2021, in Moscow", ["2021-10-14"]),
    ("ru", "14 октября 2021 года в Москве", ["2021-10-14"]),
    ("de", "am 14. Oktober 2021 in Moskau", ["2021-10-14"]),
    ("fr", "le 14 octobre 2021 à Moscou", ["2021-10-14"]),
    ("es", "el 14 de octubre de 2021 en Moscú", ["2021-10-14"]),
    ("ru", "в ноябре 2021 года", ["2021-11"]),
    ("ru", "в мае он был мал", ["--05"]),
    ("ru", "с 25 по 27 марта", ["--03-25/--03-27"]),
    ("ru", "26 ноября 2020 г.", ["2020-11-26"]),
    ("es", "el 1.º de diciembre de 2020", ["2020-12-01"]),
    ("fr", "le 1er décembre 2020", ["2020-12-01"]),
    ("de", "am 14.10.2021", ["2021-10-14"]),
    ("en", "from 30 November - 1 December 2020", ["2020-11-30/2020-12-01"]),
    ("en", "on 25 and 27 November", ["--11-25,--11-27"]),
    ("en", "We may meet in May 2020.", ["2020-05"]),
    ("en", "in 2020-2021", []),
    ("de", "im Januar-September 2021", ["--01", "2021-09"]),
    # English "May" alone: a month between a time preposition and a clause end or a year word.
    ("en", "The government took over in May last year.", ["--05"]),
    ("en", "The talks have stalled since May.", ["--05"]),
    ("en", "Theresa May said the talks would go on.", []),
    ("en", "May the talks go on, the minister said.", []),
    ("en", "In May the minister said the plan would work.", []),  # no clause end: could be the name
    ("en", "The ministers may meet in Geneva.", []),
    ("en", "It was the second defeat of May.", []),  # "of May" is as often the prime minister
    ("en", "The law takes effect by May next year, with a review in May 2025.", ["--05", "2025-05"]),
    # A month as an adjective or possessive is still the month.
    ("en", "after June's summit in Singapore", ["--06"]),
    ("ru", "после июньского саммита в Сингапуре", ["--06"]),
    ("ru", "на декабрьских выборах", ["--12"]),
    ("ru", "мартовской встречи", ["--03"]),
    ("ru", "майские праздники", ["--05"]),
    ("ru", "январский мороз", ["--01"]),
    ("ru", "в маске и перчатках", []),  # маск- is not a month
    ("ru", "после первого июньского заседания", ["--06"]),  # the first June meeting, not 1 June
    ("ru", "прошли 2 июльских концерта", ["--07"]),
    ("de", "im Monat Juni", ["--06"]),
    ("fr", "au mois de juin", ["--06"]),
    ("es", "en el mes de junio", ["--06"]),
    # Abbreviated months, with a day; alone only with a dot (see month_mentions).
    ("en", "on Oct. 14, 2021, in Moscow", ["2021-10-14"]),
    ("en", "on Sept. 3 in Geneva", ["--09-03"]),
    ("en", "on 3 Sept. in Geneva", ["--09-03"]),
    ("en", "on Sept 3 and Oct 14", ["--09-03", "--10-14"]),
    ("de", "am 3. Okt. in Genf", ["--10-03"]),
    ("de", "am 3. Sept. 2021 in Genf", ["2021-09-03"]),
    ("fr", "le 3 févr. à Genève", ["--02-03"]),
    ("fr", "le 3 déc. 2021 à Genève", ["2021-12-03"]),
    ("fr", "ils étaient 25 sept à Genève", []),  # sept is seven
    ("es", "el 3 de sept. en Ginebra", ["--09-03"]),
    ("ru", "3 дек. 2021 г. в Женеве", ["2021-12-03"]),
    ("ru", "3 нояб. в Женеве", ["--11-03"]),
    # A number after a month name is a quantity, except for an English day.
    ("de", "Im Mai 2,7 Prozent mehr als im April", ["--05", "--04"]),
    ("de", "seit Juli 2,7 Prozent", ["--07"]),
    ("en", "in July 2.7 percent more", ["--07"]),
    ("en", "on July 2, the minister", ["--07-02"]),
    ("es", "en mayo 25 personas", ["--05"]),
    ("fr", "en mai 25 personnes", ["--05"]),
    ("ru", "в мае 25 человек", ["--05"]),
    # Day ranges and lists, five languages, every writing.
    ("de", "Am 25./26. November fand", ["--11-25/--11-26"]),
    ("de", "am 2./3. Dezember 2021", ["2021-12-02/2021-12-03"]),
    ("de", "vom 25.–26. November", ["--11-25/--11-26"]),
    ("de", "vom 25. bis 27. November", ["--11-25/--11-27"]),
    ("de", "am 25. und 27. November", ["--11-25,--11-27"]),
    ("en", "on 25 and 26 November", ["--11-25/--11-26"]),
    ("en", "on 25–26 November 2021", ["2021-11-25/2021-11-26"]),
    ("en", "on 25, 26 and 27 November", ["--11-25/--11-27"]),
    ("es", "los días 25 y 26 de noviembre de 2021", ["2021-11-25/2021-11-26"]),
    ("es", "del 25 al 27 de noviembre", ["--11-25/--11-27"]),
    ("fr", "les 25 et 26 novembre 2021", ["2021-11-25/2021-11-26"]),
    ("fr", "du 25 au 27 novembre", ["--11-25/--11-27"]),
    ("ru", "25–26 ноября", ["--11-25/--11-26"]),
    ("ru", "25 и 26 ноября 2021 года", ["2021-11-25/2021-11-26"]),
    # The month written with every day: the same key as written once.
    ("ru", "25 ноября и 26 ноября", ["--11-25/--11-26"]),
    ("en", "on 25 November and 26 November 2021", ["2021-11-25/2021-11-26"]),
    ("de", "vom 1. Mai bis 5. Mai", ["--05-01/--05-05"]),
    ("fr", "le 3 mai et le 5 juin", ["--05-03", "--06-05"]),
    ("es", "el 3 de mayo y el 5 de mayo", ["--05-03,--05-05"]),
    ("en", "on 3 May and on 4 May", ["--05-03/--05-04"]),
    # Ranges across two months.
    ("de", "vom 30. November bis 1. Dezember 2020", ["2020-11-30/2020-12-01"]),
    ("es", "del 30 de noviembre al 1 de diciembre de 2020", ["2020-11-30/2020-12-01"]),
    ("fr", "du 30 novembre au 1er décembre 2020", ["2020-11-30/2020-12-01"]),
    ("ru", "с 30 ноября по 1 декабря 2020 года", ["2020-11-30/2020-12-01"]),
    ("en", "November 30 - December 1, 2020", ["2020-11-30/2020-12-01"]),
    ("en", "from 30 December 2020 to 2 January 2021", ["2020-12-30/2021-01-02"]),
    ("en", "on 3 May and 5 June", ["--05-03", "--06-05"]),  # two dates, not a range
    # A score before a month is not a day, but the month stays.
    ("es", "desde el triunfo 4-1 de febrero en Glasgow", ["--02"]),
    # Days in words, with the linking word where the language has one.
    ("en", "on the first of October, the court", ["--10-01"]),
    ("en", "the first and second of May 2021", ["2021-05-01/2021-05-02"]),
    ("en", "the first October weekend", ["--10"]),  # "first" modifies the weekend
    ("de", "am ersten Oktober 2021", ["2021-10-01"]),
    ("de", "am zweiten Mai-Wochenende", ["--05"]),
    ("es", "para el uno de octubre, tras", ["--10-01"]),
    ("es", "el primero de mayo de 2021", ["2021-05-01"]),
    ("es", "el treinta y uno de diciembre", ["--12-31"]),
    ("es", "uno de los días de octubre", ["--10"]),
    ("fr", "le premier octobre 2021", ["2021-10-01"]),
    ("fr", "les vingt-cinq et vingt-sept octobre", ["--10-25,--10-27"]),
    ("fr", "un octobre pluvieux", ["--10"]),  # "un" is the article
    ("ru", "первого октября 2021 года", ["2021-10-01"]),
    ("ru", "двадцать пятого ноября", ["--11-25"]),
    ("ru", "с первого по третье мая", ["--05-01/--05-03"]),
    # Look-alikes.
    ("de", "Der Marsch nach Berlin", []),
    ("de", "in Mainz und Mailand", []),
    ("fr", "La mission vers Mars partira", []),  # the planet
    ("fr", "en mars, la mission", ["--03"]),
    ("es", "en la Plaza de Mayo", []),
    ("es", "en mayo, la misión", ["--05"]),
    ("en", "the march on Washington", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), [pytest.param(*c, id=f"{c[0]}-{c[1][:30]}") for c in CASES])
def test_dates(lang: str, text: str, expected: list[str], glossary) -> None:
    facts = [f for f in extract_facts(text, lang, glossary) if f.kind == "date"]
    assert [f.key for f in facts] == expected
    for fact in facts:
        assert text[fact.start : fact.end] == fact.surface


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("2021-10-14", "--10-14", True),
        ("--11-25/--11-26", "2020-11-25/2020-11-26", True),
        ("2021-10-14", "2020-10-14", False),
        ("--11-25/--11-26", "--11-24/--11-25", False),
        ("2021-11", "--11", True),
        ("--11-25", "--11", False),
        ("--11-25,--11-27", "--11-25/--11-27", False),
    ],
)
def test_year_is_optional_when_comparing(a: str, b: str, same: bool) -> None:
    assert dates_compatible(a, b) is same
    assert dates_compatible(b, a) is same


@pytest.mark.parametrize(
    ("lang", "text", "months"),
    [
        ("en", "Theresa May took over in May", {5}),
        ("en", "the airport will stay closed until Oct.", {10}),
        ("en", "closed until Oct and Jan", set()),  # without the dot the letters may be a name
        ("en", "the ministers may meet", set()),
        ("de", "in der ersten Oktoberhälfte", {10}),
        ("de", "ein warmer Junianfang", {6}),
        ("de", "in Mainz, Mailand und beim Junior-Gipfel", set()),
        ("de", "Der Marsch", set()),
        ("fr", "jusqu'en déc. et en février", {12, 2}),
        ("es", "hasta sept. y en marzo", {9, 3}),
        ("ru", "после июньского саммита и до дек.", {6, 12}),
        ("ru", "в маске", set()),
    ],
)
def test_month_mentions(lang: str, text: str, months: set[int]) -> None:
    assert month_mentions(text, lang) == months
    assert months <= month_mentions_any(text)


@pytest.mark.parametrize(
    ("lang", "a", "b"),
    [
        ("en", "on November 25-26", "on 25 and 26 November"),
        ("de", "am 25./26. November", "am 25. und 26. November"),
        ("es", "los días 25 y 26 de noviembre", "del 25 al 26 de noviembre"),
        ("fr", "les 25 et 26 novembre", "du 25 au 26 novembre"),
        ("ru", "25–26 ноября", "25 и 26 ноября"),
        ("ru", "в ноябре", "ноябрьский"),
    ],
)
def test_equal_dates_give_equal_keys(lang: str, a: str, b: str, glossary) -> None:
    keys = lambda text: [f.key for f in extract_facts(text, lang, glossary) if f.kind == "date"]  # noqa: E731
    assert keys(a) == keys(b) and keys(a)
