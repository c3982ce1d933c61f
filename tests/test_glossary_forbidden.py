"""Forbidden forms in glossaries (issue 13, item 7): the YAML `forbidden:` map, TBX term status,
their `file:line: problem` errors, the prepared copy, and how the matcher reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from langcheck import glossary as glossary_module
from langcheck.extract import extract_facts
from langcheck.extract.terms import Rendering, rendering_of
from langcheck.glossary import (
    GlossaryError,
    default_glossary_paths,
    load_glossary,
    read_glossaries,
)

BELARUS = """\
places:
  - id: belarus
    en: [Belarus]
    ru: [Беларусь, Республика Беларусь]
    de: [Belarus]
    fr: [Bélarus]
    es: [Belarús]
    forbidden:
      ru: [Белоруссия]
      de: Weißrussland
      fr: [Biélorussie]
      es: [Bielorrusia]
      en: [Byelorussia]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_forbidden_forms_per_language(tmp_path: Path) -> None:
    (entry,) = load_glossary([write(tmp_path, "g.yaml", BELARUS)])
    assert entry.forbidden_in("ru") == ("Белоруссия",)
    assert entry.forbidden_in("de") == ("Weißrussland",)  # one form may be given without a list
    assert [lang for lang, _ in entry.forbidden] == ["de", "en", "es", "fr", "ru"]
    assert entry.forms_in("ru") == ("Беларусь", "Республика Беларусь"), "forbidden forms are no agreed forms"
    hash(entry)


def test_glossary_show_finds_an_entry_by_a_forbidden_form(tmp_path: Path) -> None:
    glossary = load_glossary([write(tmp_path, "g.yaml", BELARUS)])
    assert [e.id for e in glossary.find("белоруссия")] == ["belarus"]


@pytest.mark.parametrize(
    ("forbidden", "line", "problem"),
    [
        ("    forbidden: [Белоруссия]\n", 5, "'forbidden' must map language codes to forms"),
        ("    forbidden: {it: [Bielorussia]}\n", 5, "unsupported language code 'it'"),
        ("    forbidden: {colour: [x]}\n", 5, "'forbidden' takes language codes, not 'colour'"),
        ("    forbidden: {ru: [\"\"]}\n", 5, "forms for 'ru' must be non-empty texts"),
        ("    forbidden:\n      ru: [Белоруссия]\n      ru: [Белорусь]\n", 7, "forbidden forms for 'ru' given twice"),
        ("    forbidden: {ru: [Республике Беларусь]}\n", 5,
         "forbidden form 'Республике Беларусь' for 'ru' reads as the agreed form 'Республика Беларусь'"),
        ("    forbidden: {en: [belarus]}\n", 5, "forbidden form 'belarus' for 'en' reads as the agreed form 'Belarus'"),
    ],
    ids=["not-a-mapping", "unsupported-language", "not-a-language", "empty-form", "language-twice",
         "inflected-agreed-form", "agreed-form-in-small-letters"],
)
def test_forbidden_errors_name_file_line_and_problem(tmp_path: Path, forbidden: str, line: int, problem: str) -> None:
    text = "places:\n  - id: belarus\n    en: [Belarus]\n    ru: [Беларусь, Республика Беларусь]\n" + forbidden
    path = write(tmp_path, "g.yaml", text)
    with pytest.raises(GlossaryError) as caught:
        load_glossary([path])
    assert caught.value.problems[0].startswith(f"{path}:{line}: {problem}"), caught.value.problems


def test_an_acronym_may_be_forbidden_beside_its_small_letter_spelling(tmp_path: Path) -> None:
    """`NATO` agreed, `Nato` forbidden: the matcher tells them apart (acronyms match as written)."""
    text = "organisations:\n  - id: nato\n    en: [NATO]\n    de: [NATO]\n    forbidden: {de: [Nato]}\n"
    (entry,) = load_glossary([write(tmp_path, "g.yaml", text)])
    assert rendering_of("NATO", "de", entry) == Rendering("NATO", False)
    assert rendering_of("Nato", "de", entry) == Rendering("Nato", True)


def test_a_language_may_forbid_without_agreed_forms(tmp_path: Path) -> None:
    text = "places:\n  - id: belarus\n    en: [Belarus]\n    forbidden: {de: [Weißrussland]}\n"
    (entry,) = load_glossary([write(tmp_path, "g.yaml", text)])
    assert entry.forms_in("de") == () and entry.forbidden_in("de") == ("Weißrussland",)


def test_an_entry_of_forbidden_forms_only_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "g.yaml", "places:\n  - id: belarus\n    forbidden: {de: [Weißrussland]}\n")
    with pytest.raises(GlossaryError, match=rf"^{path}:2: entry 'belarus' has no forms in any language"):
        load_glossary([path])


# --- the matcher --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "surface", "forbidden"),
    [
        ("ru", "Министры обсудили ситуацию в Белоруссии.", "Белоруссии", True),
        ("ru", "Делегация Республики Беларусь прибыла.", "Республики Беларусь", False),
        ("de", "Die Weißrusslandpolitik der Regierung.", "Weißrusslandpolitik", True),
        ("de", "Die Ausfuhren nach Weißrussland stiegen.", "Weißrussland", True),
        ("en", "Byelorussia joined the talks.", "Byelorussia", True),
        ("fr", "La Biélorussie a signé l'accord.", "Biélorussie", True),
        ("es", "Bielorrusia firmó el acuerdo.", "Bielorrusia", True),
        ("es", "Belarús firmó el acuerdo.", "Belarús", False),
    ],
)
def test_a_forbidden_form_names_the_concept_and_reads_as_forbidden(
    tmp_path: Path, lang: str, text: str, surface: str, forbidden: bool
) -> None:
    glossary = load_glossary([write(tmp_path, "g.yaml", BELARUS)])
    (fact,) = [f for f in extract_facts(text, lang, glossary) if f.key == "place:belarus"]
    assert fact.surface == surface
    found = rendering_of(fact.surface, lang, glossary.entries[0])
    assert found is not None and found.forbidden is forbidden


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Белорусская делегация и белорусские власти."),  # the adjective: exact stems only
        ("en", "A Byelorussian folk song."),
        ("de", "Weißrussische Volkslieder."),
        ("es", "Una canción bielorrusa."),
    ],
)
def test_look_alikes_of_a_forbidden_form_are_not_it(tmp_path: Path, lang: str, text: str) -> None:
    glossary = load_glossary([write(tmp_path, "g.yaml", BELARUS)])
    assert [f for f in extract_facts(text, lang, glossary) if f.key == "place:belarus"] == []


def test_the_shipped_glossaries_forbid_only_the_german_calque_of_united_nations() -> None:
    """Which names are ruled out is each office's policy (the Russian MFA writes Белоруссия):
    the shipped glossaries forbid only what every foreign service rules out."""
    forbidden = {(e.id, lang, form) for e in load_glossary(default_glossary_paths())
                 for lang, forms in e.forbidden for form in forms}
    assert forbidden == {("un", "de", "Vereinigte Nationen")}


# --- TBX ----------------------------------------------------------------------------------------

TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
  <termEntry id="belarus">
    <descrip type="subjectField">place</descrip>
    <langSet xml:lang="en"><tig><term>Belarus</term></tig></langSet>
    <langSet xml:lang="ru">
      <tig><term>Беларусь</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      <tig><term>Белоруссия</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
    </langSet>
    <langSet xml:lang="de">
      <ntig><termGrp><term>Belarus</term></termGrp></ntig>
      <ntig><termGrp><term>Weißrussland</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termGrp></ntig>
    </langSet>
    <langSet xml:lang="fr">
      <tig><term>Bélarus</term><termNote type="normativeAuthorization">admittedTerm</termNote></tig>
      <tig><term>Biélorussie</term><termNote type="normativeAuthorization">deprecatedTerm</termNote></tig>
    </langSet>
  </termEntry>
</body></text></martif>
"""

TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"
     xmlns:basic="http://www.tbxinfo.net/ns/basic"><text><body>
  <conceptEntry id="belarus">
    <langSec xml:lang="es">
      <termSec><term>Belarús</term><basic:administrativeStatus>preferredTerm-admn-sts</basic:administrativeStatus></termSec>
      <termSec><term>Bielorrusia</term><basic:administrativeStatus>deprecatedTerm-admn-sts</basic:administrativeStatus></termSec>
    </langSec>
  </conceptEntry>
</body></text></tbx>
"""


def test_tbx_deprecated_and_superseded_terms_are_forbidden_forms(tmp_path: Path) -> None:
    (entry,) = load_glossary([write(tmp_path, "g.tbx", TBX)])
    assert entry.key == "place:belarus"
    assert entry.forms_in("ru") == ("Беларусь",) and entry.forbidden_in("ru") == ("Белоруссия",)
    assert entry.forms_in("de") == ("Belarus",) and entry.forbidden_in("de") == ("Weißrussland",)
    assert entry.forms_in("fr") == ("Bélarus",) and entry.forbidden_in("fr") == ("Biélorussie",)
    assert entry.forbidden_in("en") == ()


def test_tbx_v3_status_elements_are_read(tmp_path: Path) -> None:
    (entry,) = load_glossary([write(tmp_path, "g.tbx", TBX_V3)])
    assert entry.forms_in("es") == ("Belarús",) and entry.forbidden_in("es") == ("Bielorrusia",)


def test_tbx_forbidden_form_reading_as_an_agreed_one_is_an_error(tmp_path: Path) -> None:
    clash = TBX.replace("<term>Белоруссия</term>", "<term>беларусь</term>")
    path = write(tmp_path, "g.tbx", clash)
    with pytest.raises(GlossaryError, match=rf"^{path}:3: forbidden form 'беларусь' for 'ru' reads as the agreed form"):
        load_glossary([path])


# --- the prepared copy --------------------------------------------------------------------------


def test_forbidden_forms_come_back_from_the_prepared_copy(tmp_path: Path) -> None:
    path = write(tmp_path, "g.yaml", BELARUS)
    glossary_module.use_prepared_dir(tmp_path / "models")
    try:
        first = read_glossaries([path])
        glossary_module.use_prepared_dir(None)
        glossary_module.use_prepared_dir(tmp_path / "models")
        again = read_glossaries([path])
    finally:
        glossary_module.use_prepared_dir(None)
    assert again == first and again[0].entries[0].forbidden_in("ru") == ("Белоруссия",)
    assert (tmp_path / "models" / "glossaries.json").read_text(encoding="utf-8").count("Белоруссия") == 1


def test_a_user_entry_differing_only_in_forbidden_forms_is_a_conflict(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", BELARUS)
    b = write(tmp_path, "b.yaml", BELARUS.replace("      en: [Byelorussia]\n", ""))
    with pytest.raises(GlossaryError, match="duplicate id 'belarus'"):
        load_glossary([a, b])


def test_glossary_show_lists_the_forbidden_forms(langcheck_cli, tmp_path: Path) -> None:
    path = write(tmp_path, "g.yaml", BELARUS)
    code, out, _ = langcheck_cli("glossary", "show", "Weißrussland", "-g", path)
    assert code == 0
    assert "  ru: Беларусь | Республика Беларусь" in out.splitlines()
    assert "  de forbidden: Weißrussland" in out.splitlines()
    assert "  ru forbidden: Белоруссия" in out.splitlines()
