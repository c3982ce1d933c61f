"""Person names across scripts and declension: (language, text, expected name keys)."""

from __future__ import annotations

import pytest

from langcheck.extract import extract_facts
from langcheck.extract.names import coarse_fold, fold_name, name_context, same_name

CUED = {"person", "name", "place"}

CASES = [
    ("en", "Mr Lavrov was received by President Alexander Lukashenko", ["person:lavrov", "person:lukashenko"]),
    ("ru", "Лукашенко принял С.В.Лаврова", ["person:lukashenko", "person:lavrov"]),
    ("ru", "переговоры с Владимиром Макеем", ["person:makei"]),
    ("ru", "встреча Макея и Лаврова", ["person:makei", "person:lavrov"]),
    ("de", "Sergej Lawrow traf Alexander Lukaschenko und Wladimir Makej", ["person:lavrov", "person:lukashenko", "person:makei"]),
    ("fr", "Sergueï Lavrov a rencontré Alexandre Loukachenko et Vladimir Makeï", ["person:lavrov", "person:lukashenko", "person:makei"]),
    ("es", "Serguéi Lavrov se reunió con Vladímir Makéi", ["person:lavrov", "person:makei"]),
    ("ru", "Антониу Гутерриш и А.Гутерришем", ["person:guterres", "person:guterres"]),
    ("en", "Deputy Minister Dmitry Chernyshov", ["name:chernishov"]),
    ("ru", "заместитель Министра Д.А.Чернышов", ["name:chernishov"]),
    ("de", "Vizeminister Dmitri Tschernyschow", ["name:chernishov"]),
    ("fr", "le vice-ministre Dmitri Tchernychov", ["name:tchernichov"]),
    ("es", "el viceministro Dmitri Chernyshov", ["name:chernishov"]),
    ("fr", "M. Dupont a déclaré", ["name:dupont"]),
    ("ru", "г-н Смирнов заявил", ["name:smirnov"]),
    ("de", "Die Bundesregierung und das Auswärtige Amt in Berlin", []),
    ("en", "The Belarusian side and the Russian Federation", []),
    ("es", "El Ministerio de Asuntos Exteriores de Rusia", []),
    ("en", "U.S. President", []),
    # An ordinary word is not a fuzzy glossary surname, whatever language quotes it.
    ("en", "Make America Great Again", []),
    ("es", "la gorra Make America Great Again", []),
    ("de", "eine Make-America-Kappe", []),
    ("fr", "la casquette Make America Great Again", []),
    ("ru", "кепка Make America Great Again и Макей", ["person:makei"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), [pytest.param(*c, id=f"{c[0]}-{c[1][:30]}") for c in CASES])
def test_names(lang: str, text: str, expected: list[str], glossary) -> None:
    # Cued names and glossary people only; uncued candidates are tested in test_proper_names.py.
    facts = [f for f in extract_facts(text, lang, glossary) if f.kind == "name" and f.key.split(":")[0] in CUED]
    assert [f.key for f in facts] == expected
    for fact in facts:
        assert text[fact.start : fact.end] == fact.surface


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Лукашенко", "Lukashenko"), ("Lukaschenko", "Lukashenko"), ("Loukachenko", "Lukashenko"),
        ("Макей", "Makei"), ("Макеем", "Makei"), ("Макея", "Makej"), ("Makeï", "Makéi"),
        ("Лавровым", "Lawrow"), ("Захаровой", "Zakharova"), ("Чернышов", "Tschernyschow"),
    ],
)
def test_same_person_across_scripts(a: str, b: str) -> None:
    assert same_name(fold_name(a), fold_name(b)) or same_name(coarse_fold(a), coarse_fold(b))


@pytest.mark.parametrize(("a", "b"), [("Lavrov", "Lukashenko"), ("Makei", "Makarov"), ("Putin", "Peskov"), ("Ильичев", "Zhdanov")])
def test_different_people(a: str, b: str) -> None:
    assert not same_name(fold_name(a), fold_name(b))


@pytest.mark.parametrize(("a", "b"), [("Schdanow", "Zhdanov"), ("Jdanov", "Zhdanov"), ("Жданов", "Schdanow")])
def test_coarse_fold_finds_sibilant_spellings(a: str, b: str) -> None:
    assert same_name(coarse_fold(a), coarse_fold(b))


# (text before the name, expected context): what `name_context` reads right before a name. The
# name is the text's last word; the context is read from what precedes it.
CONTEXTS = [
    ("en", "talks with Mr Smith", "title"),
    ("en", "talks with Dr. Smith", "title"),
    ("de", "ein Treffen mit Herrn Schmidt", "title"),
    ("fr", "une rencontre avec M. Dupont", "initials"),  # `M.` reads as an initial first: cued either way
    ("es", "una reunión con la Sra. García", "title"),
    ("ru", "встреча с г-ном Смирновым", "title"),
    ("ru", "встреча с господином Смирновым", "title"),
    ("ru", "встреча с С.В.\u00a0Лавровым", "initials"),
    ("en", "a letter signed by J. R. Smith", "initials"),
    ("en", "a letter signed by J.\nSmith", "initials"),
    ("en", "a visit by Chris Harris", "Chris"),
    ("de", "ein Besuch von Hans-Peter Müller", "Hans-Peter"),
    ("fr", "selon Jean-Marie\u00a0 Le", "Jean-Marie"),
    ("es", "según el portavoz de-Juan García", None),  # the word before starts in lower case
    # Look-alikes: no honorific without white space, an abbreviation is not initials, a
    # lower-case word is no given name, a word glued to the name is nothing.
    ("en", "the talks withMr Smith", None),
    ("en", "the U.S. Smith", None),
    ("en", "said the minister Smith", None),
    ("de", "der Außenminister-Schmidt", None),
    ("fr", "a déclaré Dupont", None),
    ("ru", "заявил Смирнов", None),
    ("es", "Smith", None),
    ("en", "a long sentence that runs on for well over forty characters before Mr Smith", "title"),
    # The cue is the text's first word (nothing before it for the lookbehinds), or follows a
    # bracket or a quotation mark.
    ("en", "Chris Harris", "Chris"),
    ("de", "Herr Schmidt", "title"),
    ("fr", "(Madame Dupont", "title"),
    ("es", "«Sra. García", "title"),
    ("ru", "Господин Смирнов", "title"),
    ("ru", "(Сергей Рябков", "Сергей"),
    ("en", "(said Smith", None),
]


def test_name_context_is_the_same_in_any_order() -> None:
    # The cue of a word is memoised by the word before it: the same last word in another text,
    # or at another place, reads the same, and a longer text is not answered from a shorter one.
    texts = ["Talks with Mr Smith", "Mr Smith", "and then Mr Smith", "Hmr Smith", "the talks withMr Smith", "hmr Smith"]
    first = [name_context(t, t.rindex("Smith")) for t in texts]
    again = [name_context(t, t.rindex("Smith")) for t in reversed(texts)][::-1]
    assert first == again == ["title", "title", "title", "Hmr", None, None]


@pytest.mark.parametrize(("lang", "text", "expected"), [pytest.param(*c, id=f"{c[0]}-{c[1][-24:]}") for c in CONTEXTS])
def test_name_context(lang: str, text: str, expected: str | None) -> None:
    start = len(text) - len(text.rsplit(None, 1)[-1]) if " " in text or "\n" in text else 0
    if "-" in text.rsplit(None, 1)[-1] and expected is None:
        start = text.rindex("-") + 1
    assert name_context(text, start) == expected
