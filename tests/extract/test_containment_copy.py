"""The organisation containment table's prepared copy answers as the table computed anew."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from langcheck.extract import containment_copy, patterns, terms
from langcheck.glossary import Glossary, GlossaryEntry


def _org(id_: str, **forms: tuple[str, ...]) -> GlossaryEntry:
    return GlossaryEntry(id_, "organisation", tuple(sorted(forms.items())))


# A small glossary of its own: the UN, two of its bodies named with it in every language, an
# alliance whose names hold no other organisation, and a look-alike (`Organization of American
# States` holds `States`, not the US).
GLOSSARY = Glossary((
    _org("un", de=("UN", "Vereinte Nationen"), en=("UN", "United Nations"), es=("ONU", "Naciones Unidas"),
         fr=("ONU", "Nations unies"), ru=("ООН", "Организация Объединённых Наций")),
    _org("unga", de=("UN-Generalversammlung",), en=("UN General Assembly",), es=("Asamblea General de la ONU",),
         fr=("Assemblée générale de l'ONU",), ru=("Генассамблея ООН", "Генеральная Ассамблея ООН")),
    _org("unsc", de=("UN-Sicherheitsrat",), en=("UN Security Council",), es=("Consejo de Seguridad de la ONU",),
         fr=("Conseil de sécurité de l'ONU",), ru=("Совет Безопасности ООН",)),
    _org("nato", de=("NATO",), en=("NATO",), es=("OTAN",), fr=("OTAN",), ru=("НАТО",)),
    _org("us", en=("US", "United States"), es=("EE. UU.", "Estados Unidos")),
    _org("oas", en=("Organization of American States",), es=("Organización de los Estados Americanos",)),
))


@pytest.fixture
def prepared(tmp_path: Path):
    patterns.use_prepared_dir(tmp_path)
    terms._containment.cache_clear()
    yield tmp_path
    patterns.use_prepared_dir(None)
    terms._containment.cache_clear()


def test_the_copy_gives_the_table_computed_anew(prepared: Path) -> None:
    computed = terms._contained_organisations(GLOSSARY)
    assert computed == {"org:unga": frozenset({"org:un"}), "org:unsc": frozenset({"org:un"})}
    assert terms._containment(GLOSSARY) == computed  # computed, and kept
    assert len(list(prepared.glob("containment-*.json"))) == 1
    terms._containment.cache_clear()
    calls = []
    read = containment_copy.kept_containment(GLOSSARY, lambda g: calls.append(g) or {})
    assert read == computed and list(read) == list(computed) and calls == []  # read, not computed


def test_without_a_prepared_folder_nothing_is_kept(tmp_path: Path) -> None:
    patterns.use_prepared_dir(None)
    assert containment_copy.kept_containment(GLOSSARY, terms._contained_organisations) == terms._contained_organisations(GLOSSARY)
    assert list(tmp_path.iterdir()) == []


def test_another_glossary_has_its_own_copy(prepared: Path) -> None:
    terms._containment(GLOSSARY)
    fewer = Glossary(GLOSSARY.entries[:2])
    assert terms._containment(fewer) == {"org:unga": frozenset({"org:un"})}
    assert len(list(prepared.glob("containment-*.json"))) == 2


@pytest.mark.parametrize("table", [
    {"org:unga": ["org:un"], "org:unsc": ["org:unknown"]},   # a part that is no organisation here
    {"org:unga": ["org:unga"]},                              # a part of itself
    {"org:unga": ["org:un", "org:un"]},                      # a part named twice
    {"org:unga": []},                                        # no parts
    {"org:unga": "org:un"},                                  # not a list
    {"org:unga": [["org:un"]]},                              # not a key
    {"org:other": ["org:un"]},                               # a key of another glossary
    ["org:unga", "org:un"],                                  # not a table
])
def test_a_copy_that_is_not_this_glossarys_table_is_recomputed(prepared: Path, table) -> None:
    expected = terms._containment(GLOSSARY)
    path = next(prepared.glob("containment-*.json"))
    stored = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**stored, "table": table}), encoding="utf-8")
    terms._containment.cache_clear()
    assert terms._containment(GLOSSARY) == expected
    assert json.loads(path.read_text(encoding="utf-8")) == stored  # replaced by the table computed


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],                      # cut short
    lambda text: "[" * 100_000,                               # nested too deep
    lambda text: json.dumps({"key": "x"}),                    # fields missing
    lambda text: "\udcff",                                    # not UTF-8
], ids=["short", "deep", "fields", "bytes"])
def test_a_damaged_copy_is_recomputed(prepared: Path, damage) -> None:
    expected = terms._containment(GLOSSARY)
    path = next(prepared.glob("containment-*.json"))
    path.write_bytes(damage(path.read_text(encoding="utf-8")).encode("utf-8", "surrogateescape"))
    terms._containment.cache_clear()
    assert terms._containment(GLOSSARY) == expected


def test_a_copy_of_another_version_is_recomputed_quietly(prepared: Path, caplog) -> None:
    expected = terms._containment(GLOSSARY)
    path = next(prepared.glob("containment-*.json"))
    stored = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({"key": [*stored["key"][:2], "another fingerprint"], "table": {}}), encoding="utf-8")
    terms._containment.cache_clear()
    assert terms._containment(GLOSSARY) == expected
    assert not [r for r in caplog.records if r.levelname == "WARNING"]
