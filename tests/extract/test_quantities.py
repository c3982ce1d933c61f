"""Quantities with units: one line per (language, text, expected keys), look-alikes included."""

from __future__ import annotations

import re

import pytest

from langcheck.extract import extract_facts
from langcheck.extract.quantities import _UNITS, convert_key, quantities_agree

CASES = [
    ("en", "winds of 85 mph", ["qty:speed:mph:85"]),
    ("en", "located 385 miles southwest of the port", ["qty:length:mi:385"]),
    ("en", "up to 10 inches of rain", ["qty:length:in:10"]),
    ("en", "locally 1 to 4 inches of rain", ["qty:length:in:1..4"]),
    ("en", "a 550-pound hog", ["qty:mass:lb:550"]),
    ("en", "a 20-degree difference", ["qty:temperature:deg:20"]),
    ("en", "the 6-foot-6 forward", ["qty:length:in:78"]),
    ("en", "a farm of 300 acres", ["qty:area:acre:300"]),
    ("de", "Windgeschwindigkeiten von 136 km/h", ["qty:speed:km/h:136"]),
    ("de", "2,5 bis 10 Zentimeter Niederschlag", ["qty:length:cm:2.5..10"]),
    ("de", "ein 290 Kilo schweres Tier", ["qty:mass:kg:290"]),
    ("de", "Temperaturen um 27 ºC", ["qty:temperature:°C:27"]),
    ("de", "der 1,98 m große Spieler", ["qty:length:m:1.98"]),
    ("es", "ráfagas de más de 136 km/h", ["qty:speed:km/h:136"]),
    ("es", "entre 2 y 10 centímetros de lluvia", ["qty:length:cm:2..10"]),
    ("es", "un cerdo de casi 295 kilos", ["qty:mass:kg:295"]),
    ("es", "una finca de 120 hectáreas", ["qty:area:ha:120"]),
    ("fr", "des vents à 135 km/h", ["qty:speed:km/h:135"]),
    ("fr", "un rythme de 5 à 7,5 cm par heure", ["qty:length:cm:5..7.5"]),
    ("fr", "un porc de 295 kg", ["qty:mass:kg:295"]),
    ("fr", "autour de 26 degrés", ["qty:temperature:deg:26"]),
    ("ru", "ветер до 135 км/ч", ["qty:speed:km/h:135"]),
    ("ru", "осадки от 2,5 до 10 см", ["qty:length:cm:2.5..10"]),
    ("ru", "300-килограммовое животное", ["qty:mass:kg:300"]),
    ("ru", "до 27 градусов", ["qty:temperature:deg:27"]),
    ("ru", "в 620 километрах от берега", ["qty:length:km:620"]),
    # look-alikes: no unit, a unit-like word that is not one, a currency before a scale letter
    ("en", "in 2020 in Boston", ["2020"]),
    ("en", "a $11m deal", ["11000000"]),
    ("de", "am 2. Oktober 1968 in Mexiko", []),
    ("es", "los 33 mineros", ["33"]),
    ("fr", "les 12 membres", ["12"]),
    ("ru", "в 1968 г. в Мехико", ["1968"]),  # `г.` is the year, not grams
    ("ru", "в 1990-м году", ["ord:1990"]),  # an ordinal ending, not metres
    ("ru", "в 5 м от дома", ["qty:length:m:5"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), [pytest.param(*c, id=f"{c[0]}-{c[1][:30]}") for c in CASES])
def test_quantities(lang: str, text: str, expected: list[str], glossary) -> None:
    facts = [f for f in extract_facts(text, lang, glossary) if f.kind == "number"]
    assert [f.key for f in facts] == expected
    for fact in facts:
        assert text[fact.start : fact.end] == fact.surface


AGREE = [
    ("qty:speed:mph:85", "qty:speed:km/h:137", True),
    ("qty:speed:mph:85", "qty:speed:km/h:135", True),  # 1 mile = 1.6 km, rounded
    ("qty:length:mi:200", "qty:length:km:320", True),
    ("qty:length:in:10", "qty:length:cm:25", True),
    ("qty:length:in:1..4", "qty:length:cm:2.5..10", True),
    ("qty:mass:lb:650", "qty:mass:kg:295", True),
    ("qty:length:in:78", "qty:length:m:1.98", True),
    ("qty:temperature:deg:80", "qty:temperature:°C:27", True),  # a Fahrenheit reading
    ("qty:temperature:°F:100", "qty:temperature:°C:38", True),
    ("qty:temperature:deg:10", "qty:temperature:deg:6", True),  # a difference of 10 °F is 6 °C
    ("qty:temperature:deg:10", "qty:temperature:deg:12", False),
    ("qty:area:acre:300", "qty:area:ha:121", True),
    ("qty:length:mi:200", "qty:length:mi:200", True),
    # wrong conversions and unrelated values
    ("qty:length:mi:100", "qty:length:km:320", False),
    ("qty:speed:mph:85", "qty:speed:km/h:177", False),  # a changed digit
    ("qty:length:mi:385", "qty:length:km:360", False),
    ("qty:length:mi:200", "qty:length:cm:15", False),
    ("qty:length:mi:200", "qty:mass:kg:320", False),  # another dimension
    ("qty:temperature:°C:27", "qty:temperature:°C:35", False),
    ("qty:length:cm:2.5..10", "qty:length:in:1", False),  # a range is not one value
]


@pytest.mark.parametrize(("a", "b", "agree"), AGREE)
def test_quantities_agree(a: str, b: str, agree: bool) -> None:
    assert quantities_agree(a, b) is agree
    assert quantities_agree(b, a) is agree


def test_convert_key_for_the_message() -> None:
    assert convert_key("qty:length:mi:100", "km") == "161 km"
    assert convert_key("qty:speed:mph:85", "km/h") == "137 km/h"
    assert convert_key("qty:length:mi:100", "kg") is None


def _first_characters(parsed) -> list[str]:  # type: ignore[no-untyped-def]
    """What a parsed pattern can start with: a literal's character, or `class` for a set."""
    from re import _constants as c  # the stdlib's parse tree (CPython 3.11+)

    op, av = parsed[0]
    if op is c.LITERAL:
        return [chr(av)]
    if op is c.IN:
        return ["class:" + "".join(chr(v) for o, v in av if o is c.LITERAL)] if all(o is c.LITERAL for o, _ in av) else ["class:?"]
    if op is c.BRANCH:
        return [ch for branch in av[1] for ch in _first_characters(branch)]
    if op is c.SUBPATTERN:
        return _first_characters(av[-1])
    return [f"op:{op}"]


@pytest.mark.parametrize("unit", [pytest.param(u, id=u.symbol) for u in _UNITS])
def test_every_unit_starts_with_a_letter_or_a_degree_sign(unit) -> None:  # type: ignore[no-untyped-def]
    """`_UNIT_START` lets the table and its gate try units only there: a unit written with any
    other first character would never be read."""
    from re import _parser

    for first in _first_characters(_parser.parse(unit.pattern, re.IGNORECASE)):
        if first.startswith("class:"):
            assert first[6:] and all(ch in "°º" for ch in first[6:]), first
        else:
            assert first.isalpha(), first


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # A number followed by a space, a comma or a full stop and then a unit word elsewhere
        # in the paragraph: the gate must not hide the quantity, nor make one.
        ("en", "In 2020, winds reached 85 mph.", ["qty:speed:mph:85"]),
        ("de", "Im Jahr 2020. Dann kamen 136 km/h.", ["qty:speed:km/h:136"]),
        ("es", "En 2020, 120 hectáreas ardieron.", ["qty:area:ha:120"]),
        ("fr", "En 2020, 295 kg.", ["qty:mass:kg:295"]),
        ("ru", "В 2020 году, 27 градусов тепла.", ["qty:temperature:deg:27"]),
        ("en", "In 2020, the mph figure was not given.", []),
        ("ru", "В 2020 году метров не считали.", []),
    ],
)
def test_units_after_other_numbers(lang: str, text: str, expected: list[str]) -> None:
    assert [f.key for f in extract_facts(text, lang) if f.key.startswith("qty:")] == expected
