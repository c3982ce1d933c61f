"""Uncued proper-name candidates: (language, text, expected {word: grade}).

Grades: `proper` (name-like), `lead` (first word of a longer name), `capital` (an ordinary word
that happens to be capitalised). Words absent from `expected` must not be candidates at all.
"""

from __future__ import annotations

import pytest

from langcheck.extract import extract_facts

CASES = [
    # Names inside a sentence, in every language.
    ("en", "The award went to engineer Chris Harris in Orenburg.", {"Chris": "lead", "Harris": "proper", "Orenburg": "proper"}),
    ("de", "Der Preis ging an den Ingenieur Chris Harris in Orenburg.", {"Preis": "capital", "Ingenieur": "lead", "Chris": "lead", "Harris": "capital", "Orenburg": "proper"}),
    # (in German a surname that is also frequent elsewhere, `Harris`, is graded like a noun: it still
    # counts as naming Harris, but cannot be reported as a replacement)
    ("es", "El premio fue para el ingeniero Chris Harris en Orenburg.", {"Chris": "lead", "Harris": "proper", "Orenburg": "proper"}),
    ("fr", "Le prix a été remis à l'ingénieur Chris Harris d'Orenburg.", {"Chris": "lead", "Harris": "proper", "Orenburg": "proper"}),
    ("ru", "Премию получил инженер Крис Харрис из Оренбурга.", {"Крис": "lead", "Харрис": "proper", "Оренбурга": "proper"}),
    # Sentence starts: an ordinary word is not a candidate, a rare name is.
    ("en", "The talks ended. Lindqvist said nothing.", {"Lindqvist": "proper"}),
    ("de", "Die Gespräche endeten. Lindqvist schwieg.", {"Gespräche": "capital", "Lindqvist": "proper"}),
    ("es", "Sin embargo, las conversaciones terminaron.", {}),
    ("fr", "Cependant, les discussions ont pris fin.", {}),
    ("ru", "Однако переговоры завершились. «Мы довольны», — сказал Линдквист.", {"Линдквист": "proper"}),
    # Look-alikes: months, weekdays, nationality adjectives, titles, German nouns, Russian capitals.
    # (months are date facts, not names)
    ("en", "On Monday in January the Russian President met the Secretary.", {"Monday": "capital", "Russian": "lead", "President": "capital", "Secretary": "capital"}),
    ("de", "Am Montag im Januar traf die Bundesregierung den Vertrag.", {"Montag": "capital", "Bundesregierung": "capital", "Vertrag": "capital"}),
    ("de", "Das Gipfeltreffen und die Studentenbewegungen des Senatsausschusses.", {"Gipfeltreffen": "capital", "Studentenbewegungen": "capital", "Senatsausschusses": "capital"}),
    ("ru", "с Президентом России и Правительством в Москве", {"Президентом": "lead", "России": "proper", "Правительством": "capital", "Москве": "proper"}),
    ("fr", "C’est ce que L’automobiliste a dit.", {}),
    # Acronyms belong to the acronyms extractor (NATO, ООН, AMs).
    ("en", "The NATO summit and the AMs voted.", {}),
    ("ru", "Саммит НАТО и ООН.", {}),
]


@pytest.mark.parametrize(("lang", "text", "expected"), [pytest.param(*c, id=f"{c[0]}-{c[1][:32]}") for c in CASES])
def test_proper_name_candidates(lang: str, text: str, expected: dict[str, str]) -> None:
    facts = [f for f in extract_facts(text, lang) if f.kind == "name"]
    got = {f.surface: f.key.split(":")[0] for f in facts if f.key.split(":")[0] in ("proper", "lead", "capital")}
    assert got == expected
    for fact in facts:
        assert text[fact.start : fact.end] == fact.surface
