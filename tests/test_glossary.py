"""Glossary loading and its one-line `file:line: problem` errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from langcheck.glossary import Glossary, GlossaryError, default_glossary_paths, load_glossary


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
terms:
  - id: union-state
    en: [Union State]
    ru: [Союзное государство]
organisations:
  - id: un
    en: UN
    de: [UN, UNO]
"""


def test_shipped_glossaries_load() -> None:
    paths = default_glossary_paths()
    assert {p.name for p in paths} >= {"organisations.yaml", "people.yaml", "terms.yaml"}
    glossary = load_glossary(paths)
    keys = glossary.by_key()
    assert {"org:un", "org:osce", "person:lavrov", "term:union-state"} <= set(keys)
    assert all(len(e.languages) == 5 for e in glossary), "every shipped entry has all five languages"


def test_shipped_organisations_read_each_form_as_one_organisation() -> None:
    """A form (as the matcher reads it: acronyms by their letters, `U.S.` = `US`) belongs to one
    organisation per language, so `É.-U.` (the US) never reads as `EU`."""
    from langcheck.extract.terms import abbreviation_letters, is_acronym_form, stem_words

    glossary = load_glossary(default_glossary_paths())
    orgs = glossary.of_type("organisation")
    assert len(orgs) >= 90, "the international bodies and agencies world news and releases name"
    owner: dict[tuple[str, object], str] = {}
    for entry in orgs:
        for lang in entry.languages:
            for form in entry.forms_in(lang):
                read = abbreviation_letters(form) if is_acronym_form(form) else stem_words(form, lang)
                assert owner.setdefault((lang, read), entry.id) == entry.id, (lang, form, owner[(lang, read)])
    assert owner[("fr", "ÉU")] == "usa" and owner[("fr", "UE")] == "eu"


def test_entries_have_types_keys_and_forms(tmp_path: Path) -> None:
    glossary = load_glossary([write(tmp_path, "g.yaml", GOOD)])
    assert isinstance(glossary, Glossary)
    hash(glossary)  # usable as an lru_cache key
    union, un = glossary.entries
    assert (union.key, union.type, union.forms_in("ru")) == ("term:union-state", "term", ("Союзное государство",))
    assert (un.key, un.forms_in("en"), un.forms_in("de"), un.forms_in("fr")) == ("org:un", ("UN",), ("UN", "UNO"), ())
    assert union.origin.endswith("g.yaml:2")


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("terms:\n  - id: a\n    en: [x\n", 4, "invalid YAML"),
        ("terms:\n  - id: a\n    colour: blue\n    en: [x]\n", 3, "unknown key 'colour'"),
        ("things:\n  - id: a\n", 1, "unknown key 'things'"),
        ("terms:\n  - id: a\n    note: nothing here\n", 2, "entry 'a' has no forms in any language"),
        ("terms:\n  - id: a\n    en: [x]\n    it: [y]\n", 4, "unsupported language code 'it'"),
        ("terms:\n  - id: a\n    en: [x]\n  - id: a\n    de: [y]\n", 4, "duplicate id 'a'"),
        ("terms:\n  - id: a\n    type: country\n    en: [x]\n", 3, "unknown type 'country'"),
        ("terms:\n  - en: [x]\n", 2, "entry without 'id'"),
    ],
    ids=["invalid-yaml", "unknown-key", "unknown-section", "no-language", "unsupported-language", "duplicate-id", "unknown-type", "no-id"],
)
def test_errors_name_file_line_and_problem(tmp_path: Path, text: str, line: int, problem: str) -> None:
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(GlossaryError) as caught:
        load_glossary([path])
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: {problem}"), message
    assert "\n" not in message
    assert isinstance(caught.value, ValueError)


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", "terms:\n  - id: x\n    en: [x]\n")
    second = write(tmp_path, "b.yaml", "organisations:\n  - id: x\n    en: [X]\n")
    with pytest.raises(GlossaryError, match=rf"^{second}:2: duplicate id 'x' \(first defined at {first}:2\)$"):
        load_glossary([first, second])


def test_tbx(tmp_path: Path) -> None:
    tbx = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
  <termEntry id="union-state">
    <langSet xml:lang="en"><tig><term>Union State</term></tig></langSet>
    <langSet xml:lang="ru"><tig><term>Союзное государство</term></tig></langSet>
  </termEntry>
  <termEntry id="un">
    <descrip type="subjectField">organisation</descrip>
    <langSet xml:lang="de"><tig><term>UNO</term></tig></langSet>
  </termEntry>
</body></text></martif>
"""
    glossary = load_glossary([write(tmp_path, "g.tbx", tbx)])
    assert [e.key for e in glossary] == ["term:union-state", "org:un"]
    assert glossary.entries[0].forms_in("ru") == ("Союзное государство",)


def test_tbx_errors(tmp_path: Path) -> None:
    bad_lang = '<martif><text><body>\n<termEntry id="a">\n<langSet xml:lang="it"><tig><term>x</term></tig></langSet></termEntry></body></text></martif>'
    path = write(tmp_path, "g.tbx", bad_lang)
    with pytest.raises(GlossaryError, match=rf"^{path}:2: unsupported language code 'it'"):
        load_glossary([path])
    broken = write(tmp_path, "h.tbx", "<martif>\n<text>\n</martif>")
    with pytest.raises(GlossaryError, match=rf"^{broken}:3: invalid TBX"):
        load_glossary([broken])
