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
    # Dotted abbreviations next to a term leave the term alone.
    ("en", "the U.S. view on strategic stability", ["term:strategic-stability"]),
    ("es", "la postura de EE. UU. sobre la estabilidad estratégica", ["term:strategic-stability"]),
    ("fr", "la position des É.-U. sur la stabilité stratégique", ["term:strategic-stability"]),
    ("de", "die Haltung der U.S.A. zur strategischen Stabilität", ["term:strategic-stability"]),
    ("ru", "позиция С.Ш.А. по стратегической стабильности", ["term:strategic-stability"]),
    ("fr", "un État fédéral", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), [pytest.param(*c, id=f"{c[0]}-{c[1][:30]}") for c in CASES])
def test_terms(lang: str, text: str, expected: list[str], glossary) -> None:
    facts = [f for f in extract_facts(text, lang, glossary) if f.kind == "term"]
    assert [f.key for f in facts] == expected
    for fact in facts:
        assert text[fact.start : fact.end] == fact.surface


# Dotted and spaced abbreviations are one word, read without dots (so `U.S.` meets the form `US`).
WORDS = [
    ("en", "the U.S. and the U.N.", ["the", "US", "and", "the", "UN"]),
    ("es", "los EE. UU. y EE.UU, hoy", ["los", "EEUU", "y", "EEUU", "hoy"]),
    ("fr", "les É.-U. et l'UE", ["les", "ÉU", "et", "l", "UE"]),
    ("ru", "С.Ш.А. и США", ["США", "и", "США"]),
    ("de", "die U.S.A.-Politik", ["die", "USA", "Politik"]),
    ("en", "Plan B. A new plan", ["Plan", "B", "A", "new", "plan"]),
    ("en", "in the US. Then", ["in", "the", "US", "Then"]),
    ("de", "z. B. heute", ["z", "B", "heute"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), [pytest.param(*c, id=f"{c[0]}-{c[1][:30]}") for c in WORDS])
def test_dotted_abbreviations_are_one_word(lang: str, text: str, expected: list[str]) -> None:
    from langcheck.extract.terms import tokenize

    tokens = tokenize(text, lang)
    assert [t.text for t in tokens] == expected
    assert all(text[t.start : t.end].replace(".", "").replace(" ", "").replace("-", "") == t.text for t in tokens)


def test_organisations_that_contain_others(glossary) -> None:
    from langcheck.extract.terms import organisation_relatives

    relatives = organisation_relatives(glossary)
    assert "org:un" in relatives["org:unsc"] and "org:un" in relatives["org:unga"]
    assert "org:unga" in relatives["org:un"]
    assert "org:osce" in relatives["org:odihr"]
    assert "org:eu" in relatives["org:european-commission"]
    assert "org:un" not in relatives.get("org:nato", frozenset())
    assert "org:eu" not in relatives.get("org:eaeu", frozenset())


@pytest.mark.parametrize("lang", ["de", "en", "es", "fr", "ru"])
def test_forms_stemmed_together_read_as_each_alone(glossary, lang: str) -> None:
    # The tables stem thousands of forms in one call; each must read as `_form_words` reads it
    # alone (final sigma, ё, dotted abbreviations, hyphens), look-alikes included.
    from langcheck.extract import terms

    forms = [f for e in glossary.entries for f in (*e.forms_in(lang), *e.forbidden_in(lang))]
    forms += ["Σ-ΟΔΟΣ", "ΟΔΟΣ σοφός", "Ёлка", "U.S.", "EE. UU.", "UN-Sicherheitsrat", "«Газпром»", "", "—"]
    assert len(forms) > 50
    assert terms._forms_words(forms, lang) == {f: terms._form_words(f, lang) for f in forms}
