"""Dates with CLDR month names, day ranges and an optional year: (language, text, expected keys)."""

from __future__ import annotations

import pytest

from langcheck.extract import extract_facts
from langcheck.extract.dates import dates_compatible

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
    ("en", "in May.", []),  # "May" alone is too often the verb
    ("en", "in 2020-2021", []),
    ("de", "im Januar-September 2021", ["--01", "2021-09"]),
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
