"""Glossary terms, inflection-aware and multi-word: (language, text, expected keys)."""

from __future__ import annotations

import pytest

from langcheck.extract import extract_facts

CASES = [
    ("en", "on the borders of the Union State", ["term:union-state"]),
    ("ru", "на границах Союзного государства", ["term:union-state"]),
    ("ru", "Союзное государство России и Белоруссии", ["term:union-state"]),
    ("de", "an den Grenzen des Unionsstaates", ["term:union-state"]),
    ("fr", "aux frontières de l’État de l’Union", ["term:union-state"]),
    ("es", "en las fronteras del Estado de la Unión", ["term:union-state"]),
    ("en", "the Treaty on the Creation of a Union State", ["term:union-state-treaty"]),
    ("ru", "Договора о создании Союзного государства", ["term:union-state-treaty"]),
    ("de", "des Vertrags über die Gründung eines Unionsstaates", ["term:union-state-treaty"]),
    ("en", "views on strategic stability", ["term:strategic-stability"]),
    ("ru", "по стратегической стабильности", ["term:strategic-stability"]),
    ("de", "zur strategischen Stabilität", ["term:strategic-stability"]),
    ("fr", "sur la stabilité stratégique", ["term:strategic-stability"]),
    ("es", "sobre la estabilidad estratégica", ["term:strategic-stability"]),
    ("ru", "программы «Восточное партнерство»", ["term:eastern-partnership"]),
    ("ru", "формирования Большого Евразийского партнёрства", ["term:greater-eurasian-partnership"]),
    ("de", "der Großen Eurasischen Partnerschaft", ["term:greater-eurasian-partnership"]),
    ("de", "Rüstungskontrollabkommen", ["term:arms-control"]),
    ("ru", "коллеги из Минска", []),  # colleagues, not the collegium
    ("en", "the State of the Union address", []),
    ("fr", "un État fédéral", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), [pytest.param(*c, id=f"{c[0]}-{c[1][:30]}") for c in CASES])
def test_terms(lang: str, text: str, expected: list[str], glossary) -> None:
    facts = [f for f in extract_facts(text, lang, glossary) if f.kind == "term"]
    assert [f.key for f in facts] == expected
    for fact in facts:
        assert text[fact.start : fact.end] == fact.surface
