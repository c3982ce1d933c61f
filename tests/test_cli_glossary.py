"""`langcheck glossary validate|show` (no model)."""

from __future__ import annotations

from pathlib import Path

import pytest


GLOSSARIES = sorted((Path(__file__).resolve().parents[1] / "glossaries").glob("*.yaml"))


@pytest.fixture
def run(langcheck_cli):
    return langcheck_cli


def test_shipped_glossaries_validate(run) -> None:
    code, out, err = run("glossary", "validate", *GLOSSARIES)
    assert (code, err) == (0, "")
    assert out.startswith("ok: ") and f"in {len(GLOSSARIES)} file(s)" in out


def test_invalid_glossary_is_one_line_with_file_and_line(run, tmp_path: Path) -> None:
    bad = tmp_path / "terms.yaml"
    bad.write_text("terms:\n  - id: x\n    type: term\n    en: [X]\n  - id: x\n    type: term\n    de: [Y]\n", encoding="utf-8")
    code, out, err = run("glossary", "validate", bad)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"langcheck: error: {bad}:5: ")


@pytest.mark.parametrize(
    "query, first_line, form",
    [
        ("union-state", "union-state (term, ", "  ru: Союзное государство"),
        ("ООН", "un (organisation, ", "  fr: ONU | Nations unies | Organisation des Nations unies"),
        ("OSZE", "osce (organisation, ", "  en: OSCE"),
    ],
)
def test_show_finds_by_id_or_any_form(run, query: str, first_line: str, form: str) -> None:
    code, out, _ = run("glossary", "show", query)
    assert code == 0
    assert out.splitlines()[0].startswith(first_line)
    assert any(line.startswith(form) for line in out.splitlines())


def test_show_unknown_term(run) -> None:
    code, _, err = run("glossary", "show", "no-such-term")
    assert (code, err) == (2, "langcheck: error: no glossary entry for 'no-such-term'\n")


# --- a user glossary overrides a shipped entry (issue 11, item 5) -------------------------------

OVERRIDE = "terms:\n  - id: union-state\n    en: [Union State]\n    de: [Unionsstaat, Bundesstaat]\n"


def _shipped_terms() -> Path:
    from langcheck.glossary import default_glossary_paths

    return next(p for p in default_glossary_paths() if p.name == "terms.yaml")


def _clean_release(folder: Path) -> Path:
    clean = Path(__file__).resolve().parents[1] / "samples" / "lavrov-belarus-2020"
    folder.mkdir(parents=True)
    for name in ("en.txt", "fr.txt"):
        (folder / name).write_bytes((clean / name).read_bytes())
    return folder


def test_check_accepts_a_config_glossary_that_reuses_a_shipped_id(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("fake_embedder", Path(__file__).with_name("fake_embedder.py"))
    fake = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fake)
    monkeypatch.setattr("langcheck.embed.load_embedder", lambda spec="usem3", **_: fake.FakeEmbedder())
    monkeypatch.setenv("LANGCHECK_CACHE_DIR", str(tmp_path / "cache"))
    release = _clean_release(tmp_path / "r")
    (release / "ministry.yaml").write_text(OVERRIDE, encoding="utf-8")
    (release / "langcheck.yaml").write_text("languages: [en, fr]\nglossaries: [ministry.yaml]\n", encoding="utf-8")
    code, _, err = run("check", release)
    assert (code, err) == (0, "")


def test_show_names_the_user_file_and_the_shipped_entry_it_replaces(run, tmp_path: Path) -> None:
    user = tmp_path / "ministry.yaml"
    user.write_text(OVERRIDE, encoding="utf-8")
    code, out, _ = run("glossary", "show", "Bundesstaat", "-g", user)
    assert code == 0
    assert out.splitlines() == [
        f"union-state (term, {user}:2, replaces the shipped entry at {_shipped_terms()}:4)",
        "  de: Unionsstaat | Bundesstaat",
        "  en: Union State",
    ]


def test_show_reads_the_glossaries_of_the_config_found_from_here(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "ministry.yaml").write_text(OVERRIDE, encoding="utf-8")
    (tmp_path / "langcheck.yaml").write_text("glossaries: [terms/ministry.yaml]\n", encoding="utf-8")
    (tmp_path / "releases").mkdir()
    monkeypatch.chdir(tmp_path / "releases")
    code, out, _ = run("glossary", "show", "union-state")
    assert code == 0 and out.splitlines()[0].startswith(f"union-state (term, {tmp_path.resolve() / 'terms' / 'ministry.yaml'}:2, ")
    (tmp_path / "langcheck.yaml").write_text("glossaries: [terms/ministry.yaml]\ndefault_glossaries: false\n", encoding="utf-8")
    code, _, err = run("glossary", "show", "un")
    assert (code, err) == (2, "langcheck: error: no glossary entry for 'un'\n")


def test_validate_says_which_entries_replace_shipped_ones(run, tmp_path: Path) -> None:
    user = tmp_path / "ministry.yaml"
    user.write_text(OVERRIDE + "  - id: joint-committee\n    en: [Joint Committee]\n", encoding="utf-8")
    code, out, err = run("glossary", "validate", user)
    assert (code, out, err) == (0, "ok: 2 entries in 1 file(s); replacing shipped entries: union-state\n", "")


def test_validate_two_files_defining_one_id_differently(run, tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(OVERRIDE, encoding="utf-8")
    second.write_text(OVERRIDE.replace("Bundesstaat", "Staatenbund"), encoding="utf-8")
    code, out, err = run("glossary", "validate", first, second)
    assert (code, out, err) == (2, "", f"langcheck: error: {second}:2: duplicate id 'union-state' (first defined at {first}:2)\n")


# --- every problem in every file (issue 11, item 6) ---------------------------------------------


def test_validate_reports_every_problem_in_every_file_one_line_each(run, tmp_path: Path) -> None:
    first, second, missing = tmp_path / "a.yaml", tmp_path / "b.tbx", tmp_path / "missing.yaml"
    first.write_text("terms:\n  - id: a\n    colour: blue\n    en: [A]\n  - id: b\n    it: [B]\n    en: [B]\n", encoding="utf-8")
    second.write_text(
        '<martif><text><body>\n<termEntry id="c">\n<langSet xml:lang="it"><tig><term>C</term></tig></langSet>\n'
        '<langSet xml:lang="en"><tig><term>C</term></tig></langSet></termEntry>\n'
        '<termEntry id="d"></termEntry>\n</body></text></martif>', encoding="utf-8")
    code, out, err = run("glossary", "validate", first, missing, second)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"langcheck: error: {first}:3: unknown key 'colour'",
        f"langcheck: error: {first}:6: unsupported language code 'it' (supported: de, en, es, fr, ru)",
        f"langcheck: error: {missing}:1: cannot read file (no such file)",
        f"langcheck: error: {second}:2: unsupported language code 'it' (supported: de, en, es, fr, ru)",
        f"langcheck: error: {second}:5: entry 'd' has no forms in any language",
    ]
