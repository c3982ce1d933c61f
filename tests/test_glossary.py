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


# --- a user glossary overrides a shipped entry (issue 11, item 5) -------------------------------

# The ministry's own rendering of the Union State: every shipped form, plus one more per language.
OVERRIDE = """\
terms:
  - id: union-state
    en: [Union State, Union of Russia and Belarus]
    ru: [Союзное государство, Союз России и Беларуси]
    de: [Unionsstaat, Bundesstaat]
    fr: [État de l'Union, État commun]
    es: [Estado de la Unión, Estado común]
"""


@pytest.mark.parametrize(
    "lang, text",
    [
        ("de", "Die Minister sprachen über die Zukunft des Bundesstaates und seine Haushaltsplanung."),
        ("en", "The ministers discussed the future of the Union of Russia and Belarus and its budget."),
        ("es", "Los ministros hablaron del futuro del Estado común y de su presupuesto."),
        ("fr", "Les ministres ont évoqué l'avenir de l'État commun et son budget."),
        ("ru", "Министры обсудили будущее Союза России и Беларуси и его бюджет."),
    ],
)
def test_a_user_entry_replaces_the_shipped_entry_with_its_id(tmp_path: Path, lang: str, text: str) -> None:
    from langcheck.extract import extract_facts

    user = write(tmp_path, "ministry.yaml", OVERRIDE)
    shipped_only = load_glossary((), shipped=default_glossary_paths())
    overlaid = load_glossary([user], shipped=default_glossary_paths())
    assert "term:union-state" not in {f.key for f in extract_facts(text, lang, shipped_only)}
    assert "term:union-state" in {f.key for f in extract_facts(text, lang, overlaid)}
    # In its place, once: every other shipped entry is still there, in the same order.
    assert [e.id for e in overlaid] == [e.id for e in shipped_only]
    entry = overlaid.by_key()["term:union-state"]
    assert entry.origin == f"{user}:2"
    assert entry.replaces == shipped_only.by_key()["term:union-state"].origin
    assert entry.replaces.rsplit(":", 1)[0].endswith("terms.yaml")


@pytest.mark.parametrize(
    "second, conflict",
    [
        (OVERRIDE, False),  # the same definition in two files: no conflict
        (OVERRIDE.replace("Bundesstaat", "Staatenbund"), True),
        (OVERRIDE.replace("terms:", "places:"), True),  # another type
    ],
    ids=["same", "other-forms", "other-type"],
)
def test_two_user_files_defining_one_id_differently_is_an_error_naming_both(
        tmp_path: Path, second: str, conflict: bool) -> None:
    first = write(tmp_path, "a.yaml", OVERRIDE)
    other = write(tmp_path, "b.yaml", second)
    if not conflict:
        assert load_glossary([first, other], shipped=default_glossary_paths()).by_key()["term:union-state"].origin == f"{first}:2"
        return
    with pytest.raises(GlossaryError) as caught:
        load_glossary([first, other], shipped=default_glossary_paths())
    assert str(caught.value) == f"{other}:2: duplicate id 'union-state' (first defined at {first}:2)"


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    user = write(tmp_path, "a.yaml", OVERRIDE)
    glossary = load_glossary([user, tmp_path / "." / "a.yaml"], shipped=default_glossary_paths())
    assert glossary.by_key()["term:union-state"].origin == f"{user}:2"


def test_an_id_twice_among_the_shipped_files_stays_an_error(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", "terms:\n  - id: x\n    en: [x]\n")
    second = write(tmp_path, "b.yaml", "terms:\n  - id: x\n    en: [y]\n")
    with pytest.raises(GlossaryError, match=rf"^{second}:2: duplicate id 'x' \(first defined at {first}:2\)$"):
        load_glossary((), shipped=[first, second])


@pytest.mark.parametrize("default_glossaries, has_shipped", [(True, True), (False, False)])
def test_default_glossaries_false_leaves_only_the_users(tmp_path: Path, default_glossaries: bool, has_shipped: bool) -> None:
    from langcheck.config import Config
    from langcheck.glossary import configured_glossary

    user = write(tmp_path, "ministry.yaml", OVERRIDE)
    glossary = configured_glossary(Config(glossaries=(str(user),), default_glossaries=default_glossaries))
    assert ("org:un" in glossary.by_key()) is has_shipped
    assert glossary.by_key()["term:union-state"].replaces.endswith(":4") is has_shipped


# --- every problem, not the first (issue 11, item 6) --------------------------------------------


def test_read_glossaries_reports_every_problem_in_every_file(tmp_path: Path) -> None:
    from langcheck.glossary import read_glossaries

    first = write(tmp_path, "a.yaml", (
        "terms:\n"
        "  - id: a\n    colour: blue\n    en: [A]\n"          # 3: unknown key
        "  - id: Bad Id\n    en: [B]\n"                       # 5: invalid id
        "  - id: c\n    en: [C]\n    it: [C]\n"               # 9: unsupported language
        "  - id: d\n    type: country\n    note: n\n"         # 10: no forms, 11: unknown type
        "  - id: ok\n    en: [Fine]\n"
    ))
    second = write(tmp_path, "b.yaml", "terms:\n  - en: [x]\n  - id: ok\n    de: [Anders]\n")
    missing = tmp_path / "missing.yaml"
    glossary, problems = read_glossaries([first, second, missing])
    assert list(problems) == [
        f"{first}:3: unknown key 'colour'",
        f"{first}:5: invalid id 'Bad Id' (use lowercase letters, digits, '-', '_', '.')",
        f"{first}:9: unsupported language code 'it' (supported: de, en, es, fr, ru)",
        f"{first}:10: entry 'd' has no forms in any language",
        f"{first}:11: unknown type 'country' (expected one of term, organisation, person, place)",
        f"{second}:2: entry without 'id'",
        f"{second}:3: duplicate id 'ok' (first defined at {first}:13)",
        f"{missing}:1: cannot read file (no such file)",
    ]
    assert [e.id for e in glossary] == ["ok"]
    with pytest.raises(GlossaryError) as caught:
        load_glossary([first, second, missing])
    assert caught.value.problems == problems
    assert str(caught.value) == f"{problems[0]} (and 7 more: `langcheck glossary validate` lists them)"
