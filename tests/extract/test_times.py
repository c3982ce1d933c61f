"""Times of day, scores, decades and centuries in all five languages, look-alikes included."""

from __future__ import annotations

import pytest

from langcheck.extract import extract_facts

CASES = [
    # times of day
    ("en", "the meeting opens at 5.30pm", ["time:17:30"]),
    ("en", "at about 10:15 BST", ["time:10:15"]),
    ("en", "as of 5 a.m. Eastern time", ["time:05:00"]),
    ("en", "at 12 am", ["time:00:00"]),
    ("de", "um 17.30 Uhr", ["time:17:30"]),
    ("de", "um 5:00 Uhr Ortszeit", ["time:05:00"]),
    ("de", "um 17 Uhr", ["time:17:00"]),
    ("es", "hacia las 19:30", ["time:19:30"]),
    ("es", "a las 5 de la mañana", ["time:05:00"]),
    ("fr", "vers 17 h 30", ["time:17:30"]),
    ("fr", "à 04h40 le jeudi", ["time:04:40"]),
    ("fr", "depuis 5 h du matin", ["time:05:00"]),
    ("fr", "à 7 h du soir", ["time:19:00"]),
    ("fr", "à 6 heures du matin", ["time:06:00"]),
    ("ru", "в 17:30 по местному времени", ["time:17:30"]),
    ("ru", "в 5 часов утра", ["time:05:00"]),
    ("ru", "в 2 часа дня", ["time:14:00"]),
    # scores: either order, any dash, a colon
    ("en", "Europe take 10-6 lead", ["score:10-6"]),
    ("en", "Livingston 1 - 0 Rangers", ["score:1-0"]),
    ("de", "mit 10:6 in Führung", ["score:10-6"]),
    ("de", "ein 0:1 in der Nachspielzeit", ["score:1-0"]),
    ("es", "se adelanta por 10-6", ["score:10-6"]),
    ("fr", "il menait 1 à 0 à la mi-temps", ["score:1-0"]),
    ("ru", "со счетом 3:1", ["score:3-1"]),
    ("ru", "гол на 27:37", ["score:37-27"]),
    # decades
    ("en", "moved out in the 1930s", ["decade:1930"]),
    ("en", "a hit of the '80s", ["decade:1980"]),
    ("de", "in den 1930er-Jahren", ["decade:1930"]),
    ("de", "in den 80er Jahren", ["decade:1980"]),
    ("es", "en los años 30", ["decade:1930"]),
    ("fr", "dans les années 1980", ["decade:1980"]),
    ("ru", "в 80-х годах", ["decade:1980"]),
    ("ru", "в 30-е годы", ["decade:1930"]),
    # centuries
    ("en", "a 19th-century conflict", ["century:19"]),
    ("de", "im 19. Jahrhundert", ["century:19"]),
    ("es", "en el siglo XIX", ["century:19"]),
    ("fr", "au XIXe siècle", ["century:19"]),
    ("ru", "конфликт XIX века", ["century:19"]),
    ("ru", "конфликт 19-го века", ["century:19"]),
    # look-alikes: decimals, ranges, ages, plain years and counts
    ("en", "a rate of 4.40 per share", ["4.4"]),
    ("en", "the victim, in his 40s", ["40"]),
    ("en", "for 2020-2021", ["2020..2021"]),
    ("de", "die Jahre 25-26", ["25..26"]),
    ("de", "etwa 12,5 Meter", ["qty:length:m:12.5"]),
    ("es", "tiene 40 años", ["40"]),
    ("fr", "de 5 à 10 personnes", ["5", "10"]),
    ("fr", "pendant 48 heures", ["48"]),
    ("ru", "в 1990 году", ["1990"]),
    ("ru", "через 5 часов", ["5"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), [pytest.param(*c, id=f"{c[0]}-{c[1][:30]}") for c in CASES])
def test_times(lang: str, text: str, expected: list[str], glossary) -> None:
    facts = [f for f in extract_facts(text, lang, glossary) if f.kind == "number"]
    assert [f.key for f in facts] == expected
    for fact in facts:
        assert text[fact.start : fact.end] == fact.surface
