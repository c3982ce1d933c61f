"""The prepared copy of glossary files (langcheck.glossary.use_prepared_dir): the same entries
and problems as parsing, and a changed file is parsed again."""

from __future__ import annotations

import json

import pytest

from langcheck import glossary
from langcheck.glossary import (
    GlossaryError,
    default_glossary_paths,
    load_glossary,
    read_glossaries,
)

GOOD = """\
terms:
  - id: union-state
    de: [Unionsstaat]
    en: [Union State]
    es: [Estado de la Unión]
    fr: [État de l'Union]
    ru: [Союзное государство]
people:
  - id: petrova
    note: a minister
    de: [Petrowa]
    en: [Petrova]
    ru: [Петрова]
"""
BAD = """\
terms:
  - id: Bad Id
    en: [thing]
  - id: other
    xx: [chose]
"""


@pytest.fixture
def prepared(tmp_path):
    glossary.use_prepared_dir(tmp_path / "models")
    yield tmp_path / "models"
    glossary.use_prepared_dir(None)


def _again(folder):
    glossary.use_prepared_dir(None)
    glossary.use_prepared_dir(folder)


def test_shipped_glossaries_read_the_same_from_the_copy(prepared):
    parsed = load_glossary([], shipped=default_glossary_paths())
    assert (prepared / "glossaries.json").is_file()
    _again(prepared)
    assert load_glossary([], shipped=default_glossary_paths()) == parsed
    assert [e.origin for e in load_glossary([], shipped=default_glossary_paths())] == [e.origin for e in parsed]


@pytest.mark.parametrize("text", [GOOD, BAD])
def test_entries_and_problems_are_the_same_from_the_copy(prepared, tmp_path, text):
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    first = read_glossaries([path])
    _again(prepared)
    assert read_glossaries([path]) == first
    stored = json.loads((prepared / "glossaries.json").read_text(encoding="utf-8"))
    assert str(path) in stored["files"]


def test_a_changed_file_is_parsed_again(prepared, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert len(load_glossary([path])) == 2
    path.write_text(BAD, encoding="utf-8")
    _again(prepared)
    with pytest.raises(GlossaryError, match="invalid id 'Bad Id'"):
        load_glossary([path])


def test_a_copy_made_by_other_readers_is_not_used(prepared, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    load_glossary([path])
    copy = prepared / "glossaries.json"
    stored = json.loads(copy.read_text(encoding="utf-8"))
    stored["files"][str(path)][1][0][0] = "changed"  # what an older reader might have produced
    stored["reader"] = "0" * 64
    copy.write_text(json.dumps(stored), encoding="utf-8")
    _again(prepared)
    assert [e.id for e in load_glossary([path])] == ["union-state", "petrova"]


def test_a_damaged_copy_is_ignored(prepared, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    load_glossary([path])
    (prepared / "glossaries.json").write_text("{not json", encoding="utf-8")
    _again(prepared)
    assert [e.id for e in load_glossary([path])] == ["union-state", "petrova"]
