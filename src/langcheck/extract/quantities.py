"""Measured quantities (`85 mph`, `137 km/h`, `2,5 bis 10 Zentimeter`, `300-килограммовое`).

Translators convert units for their readers (`200 miles` -> `320 km`, `80 degrees` -> `27 °C`),
so a quantity is kept with its unit and compared by dimension, never as a bare number.

Key: `qty:<dimension>:<unit>:<value>` where `<value>` is the canonical number as written
(`137`, `2.5`) or a range `2.5..10`, and `<unit>` is a canonical symbol (`km/h`, `mi`, `°C`):
`qty:speed:mph:85`, `qty:length:cm:2.5..10`. Equal values in equal units give equal keys
(`200 miles` = `200 Meilen` = `200 миль` -> `qty:length:mi:200`). Dimensions: length, mass,
speed, area, volume, temperature. `deg` is a temperature whose scale the text leaves open
(`80 degrees`, `26 grados`, `27 градусов`).

`quantities_agree(a, b)` says whether two keys state the same quantity: the same unit and value,
or the exact conversion of one within the rounding of the other (its last significant digit,
trailing zeros of integers counting as rounding) plus CONVERSION_SLACK for translators' rounded
factors (1 mile = 1.6 km, 1 inch = 2.5 cm). `convert_key(key, unit)` gives the value in another unit.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from langcheck.extract import patterns
from langcheck.extract.numerals import (
    SPACES,
    number_regex,
    parse_number,
    precision,
    scan,
    show_decimal,
)
from langcheck.model import Fact

CONVERSION_SLACK = 0.025  # relative; a wrong figure (a changed digit) is off by far more
# Temperatures are converted by mental arithmetic (`20 °F` warmer -> `12 °C`): a wider slack.
TEMPERATURE_SLACK = 0.06


class Unit(NamedTuple):
    symbol: str
    dimension: str
    factor: float  # value in the dimension's base unit per one of this unit
    offset: float  # added after the factor (temperatures)
    pattern: str  # regex of its writings in all five languages, case-insensitive


# One table for all languages: unit words rarely collide across the five. Short symbols that
# are also words (`m`, `l`, `ha`) are matched case-sensitively and only right after a number;
# `in`, `t` and the Russian `г`, `т`, `л` are left out (`in`, `2019 г.` year, `т.е.`).
_UNITS: tuple[Unit, ...] = (
    Unit("km/h", "speed", 1 / 3.6, 0, r"km/h|kph|km/std\.?|km/ч|км/ч|км\s?в\s?час|kilom[eé]t[er]{2}s?\s+(?:per|pro|por|à\s+l['’]|en\s+une)\s*(?:hour|stunde|hora|heure)|stundenkilometer[n]?|километр\w*\s+в\s+час"),
    Unit("mph", "speed", 0.44704, 0, r"mph|miles?\s+(?:per|an|à\s+l['’])\s*(?:hour|heure)|meilen\s+pro\s+stunde|millas\s+por\s+hora|миль\s+в\s+час"),
    Unit("kn", "speed", 0.514444, 0, r"knots?|knoten|nudos|nœuds|noeuds|узл(?:а|ов)?"),
    Unit("km²", "area", 1e6, 0, r"km²|km2|кв\.\s?км|square\s+kilomet(?:er|re)s?|quadratkilometer[n]?|kil[oó]metros\s+cuadrados|kilomètres\s+carrés|квадратн\w+\s+километр\w*"),
    Unit("mi²", "area", 2589988.11, 0, r"square\s+miles?|quadratmeilen|millas\s+cuadradas|miles\s+carrés|квадратн\w+\s+мил\w*"),
    Unit("m²", "area", 1, 0, r"m²|кв\.\s?м|square\s+met(?:er|re)s?|quadratmeter[n]?|metros\s+cuadrados|mètres\s+carrés|квадратн\w+\s+метр\w*"),
    Unit("ft²", "area", 0.09290304, 0, r"sq\.?\s?ft|square\s+f(?:ee|oo)t|quadratfuß|pies\s+cuadrados|pieds\s+carrés|квадратн\w+\s+фут\w*"),
    Unit("ha", "area", 1e4, 0, r"(?-i:ha)|hectares?|hektar|hectáreas?|гектар\w*|(?-i:га)"),
    Unit("acre", "area", 4046.8564224, 0, r"acres?|акр\w*"),
    Unit("nmi", "length", 1852, 0, r"nautical\s+miles?|seemeilen?|millas\s+náuticas|milles\s+nautiques|морск\w+\s+мил\w*"),
    Unit("km", "length", 1000, 0, r"km|kilomet(?:er|re)s?|kilometer[n]?|kil[oó]metros?|kilomètres?|км|километр\w*"),
    Unit("cm", "length", 0.01, 0, r"cm|centimet(?:er|re)s?|zentimeter[n]?|cent[ií]metros?|centimètres?|см|сантиметр\w*"),
    Unit("mm", "length", 0.001, 0, r"mm|millimet(?:er|re)s?|millimeter[n]?|mil[ií]metros?|millimètres?|мм|миллиметр\w*"),
    Unit("m", "length", 1, 0, r"(?-i:m)|met(?:er|re)s?|meter[n]?|metros?|mètres?|(?-i:м)|метр(?:а|ов|ы|ах|ами|ам)?|метров\w*"),
    Unit("mi", "length", 1609.344, 0, r"miles?|meilen?|millas?|milles?|мил[ьяие]\w*"),
    Unit("ft", "length", 0.3048, 0, r"ft|f(?:oo|ee)t|fuß|pies?|pieds?|фут\w*"),
    Unit("in", "length", 0.0254, 0, r"inch(?:es)?|zoll|pulgadas?|pouces?|дюйм\w*"),
    Unit("yd", "length", 0.9144, 0, r"yards?|yardas?|ярд\w*"),
    Unit("kg", "mass", 1, 0, r"kg|kilo(?:gram(?:me)?s?)?|kilogramm|kilos|kilogramos?|kilogrammes?|кг|килограмм\w*|кило"),
    Unit("t", "mass", 1000, 0, r"tonnes?|tons?|tonnen?|toneladas?|тонн\w*"),
    Unit("lb", "mass", 0.45359237, 0, r"lbs?|pounds?|pfund|libras?|livres?|фунт\w*"),
    Unit("oz", "mass", 0.028349523, 0, r"oz|ounces?|unzen?|onzas?|onces?|унци\w*"),
    Unit("g", "mass", 0.001, 0, r"(?-i:g)|grams?|grammes?|gramm|gramos?|грамм\w*"),
    Unit("l", "volume", 1, 0, r"lit(?:er|re)s?|liter[n]?|litros?|litres?|(?-i:l)|литр\w*"),
    Unit("gal", "volume", 3.785411784, 0, r"gallons?|gallonen?|galones?|галлон\w*"),
    Unit("°C", "temperature", 1, 0, r"[°º]\s?C\b|(?:degrees?|grad|grados?|degrés?|градус\w*)\s+(?:celsius|centígrados?|цельсия)"),
    Unit("°F", "temperature", 5 / 9, -160 / 9, r"[°º]\s?F\b|(?:degrees?|grad|grados?|degrés?|градус\w*)\s+(?:fahrenheit|фаренгейт\w*)"),
    Unit("deg", "temperature", 1, 0, r"[°º]|degrees?|grad|grados?|degrés?|градус\w*"),
)
_BY_SYMBOL = {u.symbol: u for u in _UNITS}
# Every unit above is written starting with a letter or a degree sign (a test holds them to it):
# checked first, this spares trying every unit's writings after a number followed by a space,
# a comma or a full stop.
_UNIT_START = r"(?=[^\W\d_]|[°º])"
# Unit words as parts of words, to see a quantity written without digits (`dos metros`,
# `двухметровый`, `a mile`). Loose on purpose: it only keeps an omission from being reported.
_LENGTH_WORDS = r"met(?:er|re|ro)|mètre|метр|mile|meile|milla|мил[ьия]|f(?:oo|ee)t|fuß|\bpies?\b|pieds?|фут|inch|zoll|pulgad|pouce|дюйм|yard|ярд"
_DIMENSION_WORDS = {
    "length": _LENGTH_WORDS,
    "speed": _LENGTH_WORDS,
    "mass": r"kilo|кило|pound|pfund|libra|livre|фунт|tonne|ton\b|tonelada|тонн|gram|грамм|ounce|unze|onza|onces?|унци",
    "area": r"hectar|hektar|гектар|acre|акр|square|quadrat|cuadrad|carré|квадрат",
    "volume": r"lit(?:er|re|ro)|литр|gallon|galón|галлон",
    "temperature": r"degree|grad|degré|градус|[°º]|celsius|fahrenheit",
}
_RANGE = {
    "en": r"to|and|-|–",
    "de": r"bis|und|-|–",
    "es": r"a|y|-|–",
    "fr": r"à|et|-|–",
    "ru": r"до|и|-|–",
}
# `6-foot-6`, `6 ft 6 in`, `5ft 10in`: feet and inches, read as inches.
_FEET_INCHES = re.compile(r"(?<![\w.,])(\d)[- ]?(?:f(?:oo|ee)t|ft|')[- ]?(\d{1,2})(?:[- ]?(?:inch(?:es)?|in\b|\"|”))?(?![\w])")


def find_quantities(text: str, lang: str) -> list[Fact]:
    """Quantity facts of one paragraph (kind "number", key `qty:...`), in text order."""
    facts: list[Fact] = []
    for m in scan(_FEET_INCHES, text):
        inches = int(m.group(1)) * 12 + int(m.group(2))
        facts.append(Fact("number", f"qty:length:in:{inches}", m.group(0), m.start(), m.end()))
    if not facts and _unit_after_digit().search(text) is None:
        return facts  # no unit anywhere right after a digit: the table cannot match
    taken = [(f.start, f.end) for f in facts]
    for m in scan(_table(lang), text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if "-" in m.group("sep") and len(m.group("unit")) <= 2:
            continue  # `1990-м году`, `20-м веке`: a Russian ordinal ending, not metres
        unit = _unit_of(m.group("unit"))
        low = parse_number(m.group("a"), lang)
        high = parse_number(m.group("b"), lang) if m.group("b") else None
        if unit is None or low is None or (m.group("b") and (high is None or high <= low)):
            continue
        value = show_decimal(low) if high is None else f"{show_decimal(low)}..{show_decimal(high)}"
        facts.append(Fact("number", f"qty:{unit.dimension}:{unit.symbol}:{value}", m.group(0), m.start(), m.end()))
    return sorted(facts, key=lambda f: f.start)


class Quantity(NamedTuple):
    unit: Unit
    values: tuple[Decimal, ...]  # one value, or the two ends of a range


def parse_quantity_key(key: str) -> Quantity | None:
    """`qty:length:mi:200` -> Quantity(mi, (200,)); None for any other key."""
    if not key.startswith("qty:"):
        return None
    _, _, symbol, value = key.split(":", 3)
    return Quantity(_BY_SYMBOL[symbol], tuple(Decimal(v) for v in value.split("..")))


def quantity_plain_value(key: str) -> str | None:
    """The number as written, without its unit: `qty:length:mi:200` -> `200` (None if not a qty)."""
    return key.split(":", 3)[3] if key.startswith("qty:") else None


def quantities_agree(a: str, b: str) -> bool:
    """Whether two quantity keys state the same quantity (same unit and value, or a fair conversion)."""
    qa, qb = parse_quantity_key(a), parse_quantity_key(b)
    if qa is None or qb is None or qa.unit.dimension != qb.unit.dimension or len(qa.values) != len(qb.values):
        return False
    if qa.unit.symbol == qb.unit.symbol and qa.values == qb.values:
        return True
    return all(_values_agree(x, qa.unit, y, qb.unit) for x, y in zip(qa.values, qb.values))


def quantity_dimension(key: str) -> str | None:
    """`qty:length:mi:200` -> `length`; None for any other key."""
    return key.split(":", 2)[1] if key.startswith("qty:") else None


def mentions_dimension(text: str, dimension: str) -> bool:
    """Whether `text` names a unit of `dimension` at all, digits or not (`dos metros`)."""
    return bool(_dimension_words(dimension).search(text))


@lru_cache(maxsize=None)
def _dimension_words(dimension: str) -> re.Pattern[str]:
    return patterns.compile(_DIMENSION_WORDS[dimension], re.IGNORECASE)


def in_fahrenheit_band(key: str, low: int) -> bool:
    """Whether a temperature key lies in `the 80s` (°F, low=80): US weather writing's bands."""
    q = parse_quantity_key(key)
    if q is None or q.unit.dimension != "temperature" or len(q.values) != 1:
        return False
    readings = _conversions(float(q.values[0]), q.unit, _BY_SYMBOL["°F"])
    return any(low - 0.5 <= r < low + 10 for r in readings)


def quantity_ratio(a: str, b: str) -> float | None:
    """The ratio of two quantities of one dimension in base units (None across dimensions)."""
    qa, qb = parse_quantity_key(a), parse_quantity_key(b)
    if qa is None or qb is None or qa.unit.dimension != qb.unit.dimension:
        return None
    x, y = _base(float(qa.values[0]), qa.unit), _base(float(qb.values[0]), qb.unit)
    if x == 0 or y == 0:
        return None
    return abs(x / y)


def convert_key(key: str, symbol: str) -> str | None:
    """The quantity of `key` written in unit `symbol`, rounded for display: `161 km`; None if not a qty."""
    q = parse_quantity_key(key)
    target = _BY_SYMBOL.get(symbol)
    if q is None or target is None or target.dimension != q.unit.dimension or target.symbol == "deg":
        return None
    if q.unit.symbol == "deg":
        return None
    out = [_from_base(_base(float(v), q.unit), target) for v in q.values]
    return "–".join(_round_for_display(v) for v in out) + f" {symbol}"


# --- helpers ------------------------------------------------------------------------------------


def _base(value: float, unit: Unit) -> float:
    return value * unit.factor + unit.offset


def _from_base(value: float, unit: Unit) -> float:
    return (value - unit.offset) / unit.factor


def _round_for_display(value: float) -> str:
    if abs(value) >= 100:
        return str(round(value))
    return show_decimal(Decimal(str(round(value, 1 if abs(value) >= 10 else 2))))


def _values_agree(x: Decimal, ux: Unit, y: Decimal, uy: Unit) -> bool:
    """`x ux` converted lies within the rounding of `y uy`, or the other way round."""
    for (v, uv), (w, uw) in (((x, ux), (y, uy)), ((y, uy), (x, ux))):
        for converted in _conversions(float(v), uv, uw):
            slack = TEMPERATURE_SLACK if uv.dimension == "temperature" else CONVERSION_SLACK
            half = float(precision(w)) + abs(converted) * slack
            if abs(converted - float(w)) <= half:
                return True
    return False


def _conversions(value: float, src: Unit, dst: Unit) -> list[float]:
    """Every reading of `value src` in `dst`; an open temperature scale (`deg`) has several."""
    if src.symbol == dst.symbol != "deg":
        return [value]
    if "deg" not in (src.symbol, dst.symbol):
        return [_from_base(_base(value, src), dst)]
    c, f = _BY_SYMBOL["°C"], _BY_SYMBOL["°F"]
    readings = [value]  # the same scale on both sides
    if src.symbol != "°C" and dst.symbol != "°F":
        readings += [_from_base(_base(value, f), c), value * 5 / 9]  # °F -> °C, a difference too
    if src.symbol != "°F" and dst.symbol != "°C":
        readings += [_from_base(_base(value, c), f), value * 9 / 5]
    return readings


def _unit_of(written: str) -> Unit | None:
    for unit in _UNITS:
        if re.fullmatch(unit.pattern, written, re.IGNORECASE):
            return unit
    return None


# Where a unit ends: not inside a longer word, a square or a per-unit (`km²`, `km/h`).
_UNIT_END = r"(?![\w²/])"


def _units() -> str:
    """Every unit's pattern as one alternation (the gate and the tables must agree)."""
    return "|".join(f"(?:{u.pattern})" for u in _UNITS)


@lru_cache(maxsize=1)
def _unit_after_digit() -> re.Pattern[str]:
    """A unit where the table could read one: right after a digit, a space and a hyphen at most
    between them (every number of `_table` ends in a digit). Searched once per paragraph, it
    spares most paragraphs the table, which tries every number's digits before every unit."""
    return patterns.compile(rf"\d(?!\d)[{SPACES}]?-?{_UNIT_START}(?:{_units()}){_UNIT_END}", re.IGNORECASE)


@lru_cache(maxsize=None)
def _table(lang: str) -> re.Pattern[str]:
    number = number_regex(lang)
    units = _units()
    sep = f"[{SPACES}]"
    return patterns.compile(
        rf"(?<![\w.,\-–/$£€¥₽])(?<![$£€¥₽] )(?P<a>{number})(?:{sep}?(?:{_RANGE[lang]}){sep}?(?P<b>{number}))?"
        rf"(?P<sep>{sep}?-?){_UNIT_START}(?P<unit>{units}){_UNIT_END}",
        re.IGNORECASE,
    )
