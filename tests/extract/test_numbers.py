"""Numbers by value in every locale's writing: one line per (language, text, expected keys)."""

from __future__ import annotations

import pytest
from babel.numbers import format_decimal
from decimal import Decimal
from hypothesis import given, settings, strategies as st

from langcheck.extract import extract_facts

CASES = [
    ("en", "more than 1,200 enterprises", ["1200"]),
    ("de", "mehr als 1.200 Unternehmen", ["1200"]),
    ("es", "más de 1.200 empresas", ["1200"]),
    ("fr", "plus de 1 200 entreprises", ["1200"]),
    ("fr", "plus de 1\u202f200 entreprises", ["1200"]),
    ("ru", "более 1\u00a0200 предприятий", ["1200"]),
    ("ru", "более 1 200 предприятий", ["1200"]),
    ("en", "$16.2 billion", ["16200000000"]),
    ("de", "16,2 Milliarden US-Dollar", ["16200000000"]),
    ("de", "16,2 Mio. Euro", ["16200000"]),
    ("fr", "16,2 milliards de dollars", ["16200000000"]),
    ("es", "16.200 millones de dólares", ["16200000000"]),
    ("es", "16,2 mil millones", ["16200000000"]),
    ("ru", "16,2 млрд долларов", ["16200000000"]),
    ("ru", "3,5 млн доз", ["3500000"]),
    ("ru", "2,5 тыс. человек", ["2500"]),
    ("en", "grew by 35 percent", ["35%"]),
    ("en", "grew by 35 per cent", ["35%"]),
    ("de", "um 35 Prozent", ["35%"]),
    ("fr", "de 35\u00a0%", ["35%"]),
    ("es", "un 35 por ciento", ["35%"]),
    ("ru", "на 35 процентов", ["35%"]),
    ("ru", "72,5 процента", ["72.5%"]),
    ("en", "the 14th meeting", ["ord:14"]),
    ("de", "die 14. Sitzung", ["ord:14"]),
    ("fr", "la 14e réunion", ["ord:14"]),
    ("es", "la 14.ª reunión", ["ord:14"]),
    ("ru", "14-й раунд", ["ord:14"]),
    ("ru", "в 2020-2021 годах", ["2020..2021"]),
    ("en", "for 2020–2021", ["2020..2021"]),
    ("en", "in 2021", ["2021"]),
    ("ru", "в 2021 году", ["2021"]),
    ("en", "COVID-19 and the G20", []),
    ("en", "a decimal 16.2 and 0.5", ["16.2", "0.5"]),
    ("de", "ein Dezimalwert 16,2", ["16.2"]),
    ("en", "On November 25-26, 2020", []),  # the date consumes its numbers
    ("de", "Es war 2020. Danach", ["2020"]),
    # compact money and scale: a currency licenses the scale letter
    ("en", "a £11million fund", ["11000000"]),
    ("en", "tariffs on $5bn of goods", ["5000000000"]),
    ("en", "debts of €3.2tn", ["3200000000000"]),
    ("en", "a $11m contract", ["11000000"]),
    ("en", "a 5-million-dollar bond", ["5000000"]),
    ("de", "ein Fonds über 11 Mio. Pfund", ["11000000"]),
    ("es", "un fondo de 11 millones de libras", ["11000000"]),
    ("fr", "un fonds de 11 millions de livres", ["11000000"]),
    ("ru", "фонд в 11 млн фунтов", ["11000000"]),
    ("ru", "25-тысячная толпа", ["25000"]),
    ("en", "an 11m wall", ["qty:length:m:11"]),  # no currency: metres
    ("en", "a 5k run", ["5"]),
    # a plain space groups digits in every language (phone numbers, codes)
    ("en", "call free on 116 123", ["116123"]),
    ("de", "unter 116 123 anrufen", ["116123"]),
    ("es", "llamar al 116 123", ["116123"]),
    ("fr", "appeler le 116 123", ["116123"]),
    ("ru", "по номеру 116 123", ["116123"]),
    ("en", "aged 33, 34 and 39", ["33", "34", "39"]),
    # abbreviated year ranges, not scores
    ("en", "the war of 1941-45", ["1941..1945"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), [pytest.param(*c, id=f"{c[0]}-{c[1][:30]}") for c in CASES])
def test_numbers(lang: str, text: str, expected: list[str], glossary) -> None:
    facts = [f for f in extract_facts(text, lang, glossary) if f.kind == "number"]
    assert [f.key for f in facts] == expected
    for fact in facts:
        assert text[fact.start : fact.end] == fact.surface


@settings(max_examples=200, deadline=None)
@given(
    lang=st.sampled_from(["de", "en", "es", "fr", "ru"]),
    value=st.decimals(min_value=Decimal("11"), max_value=Decimal("999999999"), places=2, allow_nan=False),
)
def test_babel_formatted_numbers_round_trip(lang: str, value: Decimal) -> None:
    """A number written by CLDR's own rules for a locale is read back to the same value."""
    text = f"Die Zahl {format_decimal(value, locale=lang)} wurde genannt"
    numbers = [f for f in extract_facts(text, lang) if f.kind == "number"]
    assert len(numbers) == 1, (text, numbers)
    assert Decimal(numbers[0].key) == value.normalize()


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300), lang=st.sampled_from(["de", "en", "es", "fr", "ru", "xx"]))
def test_extract_facts_never_raises(text: str, lang: str, glossary) -> None:
    for fact in extract_facts(text, lang, glossary):
        assert 0 <= fact.start <= fact.end <= len(text)
