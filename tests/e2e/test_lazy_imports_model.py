"""A re-check pays only for what it uses: which modules a `langcheck check` process imports.

Each run is a fresh process (an import made by an earlier test would hide one), the command as a
user runs it, with its list of imported modules written out at the end. A plain-text release needs
no Markdown or HTML parser; a stored result ("hit") needs neither the model's numpy nor the rules
nor the extractors, since nothing is checked anew.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest


pytestmark = pytest.mark.model

# One short press release in the five languages, written for this test (plain text only).
RELEASE = {
    "de": "Außenminister trifft Amtskollegen in Genf\n\nAm 14. März 2024 sprachen die beiden Minister "
          "über 3 Abkommen und 120 Millionen Euro für den Wiederaufbau.\n\nDie UNO begrüßte das Treffen.\n",
    "en": "Foreign Minister meets counterpart in Geneva\n\nOn 14 March 2024 the two ministers discussed "
          "3 agreements and 120 million euros for reconstruction.\n\nThe UN welcomed the meeting.\n",
    "es": "El ministro de Asuntos Exteriores se reúne con su homólogo en Ginebra\n\nEl 14 de marzo de 2024 "
          "los dos ministros trataron 3 acuerdos y 120 millones de euros para la reconstrucción.\n\n"
          "La ONU acogió con satisfacción la reunión.\n",
    "fr": "Le ministre des Affaires étrangères rencontre son homologue à Genève\n\nLe 14 mars 2024, les "
          "deux ministres ont évoqué 3 accords et 120 millions d'euros pour la reconstruction.\n\n"
          "L'ONU a salué la rencontre.\n",
    "ru": "Министр иностранных дел встретился с коллегой в Женеве\n\n14 марта 2024 года министры обсудили "
          "3 соглашения и 120 миллионов евро на восстановление.\n\nООН приветствовала встречу.\n",
}

# What each process may not import: parsers of formats the release does not have, and for a
# stored result everything that only checking needs.
PARSERS = ("markdown_it", "lxml")
CHECKING = ("numpy", "langcheck.rules", "langcheck.extract")

def _written(root: Path, name: str, suffixes: dict[str, str]) -> tuple[Path, Path]:
    folder = root / name
    folder.mkdir()
    for lang, text in RELEASE.items():
        suffix = suffixes.get(lang, ".txt")
        if suffix == ".md":
            text = "# " + text
        elif suffix == ".html":
            text = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n"))
        (folder / f"{lang}{suffix}").write_text(text, encoding="utf-8")
    return folder, root / f"{name}-cache"


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(a plain-text release folder, a cache folder for it)."""
    return _written(tmp_path_factory.mktemp("lazy-imports"), "release", {})


@pytest.fixture(scope="module")
def mixed_release(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(a release of a Markdown, an HTML and three text files, a cache folder for it)."""
    return _written(tmp_path_factory.mktemp("lazy-imports"), "mixed", {"de": ".md", "ru": ".html"})


def _modules(run, *args: object) -> set[str]:
    """The modules a `langcheck` process imported, running `args` to the end (`langcheck_imports`)."""
    status, modules = run(*args)
    assert status in (0, 1), status  # checked: findings or none, no failure
    return modules


def _imported(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


def _forget_results(cache: Path) -> None:
    with sqlite3.connect(cache / "embeddings.sqlite3") as db:
        db.execute("DELETE FROM result")
    db.close()


def test_a_warm_plain_text_check_imports_no_markdown_or_html_parser(release, langcheck_imports) -> None:
    folder, cache = release
    _modules(langcheck_imports, "check", folder, "--cache-dir", cache)  # embeds every paragraph once
    _forget_results(cache)
    modules = _modules(langcheck_imports, "check", folder, "--cache-dir", cache)
    assert "langcheck.rules" in modules  # the whole check ran again
    assert _imported(modules, PARSERS) == []


def test_a_stored_result_of_a_plain_text_release_imports_nothing_checking_needs(release, langcheck_imports) -> None:
    folder, cache = release
    if (cache / "embeddings.sqlite3").exists():
        _forget_results(cache)
    miss = _modules(langcheck_imports, "check", folder, "--cache-dir", cache)
    assert {"numpy", "langcheck.rules", "langcheck.extract"} <= miss  # it did check
    hit = _modules(langcheck_imports, "check", folder, "--cache-dir", cache)
    assert _imported(hit, PARSERS + CHECKING) == []


def test_a_stored_result_of_unchanged_files_parses_none_of_them(mixed_release, langcheck_imports) -> None:
    folder, cache = mixed_release
    miss = _modules(langcheck_imports, "check", folder, "--cache-dir", cache)
    assert {"markdown_it", "lxml", "sentencex"} <= miss  # the load read every format
    hit = _modules(langcheck_imports, "check", folder, "--cache-dir", cache)
    assert _imported(hit, PARSERS + CHECKING + ("sentencex", "langcheck.load.furniture")) == []


def test_a_warm_check_with_its_facts_stored_imports_no_extractor_that_only_extraction_needs(
        release, langcheck_imports) -> None:
    folder, cache = release
    _modules(langcheck_imports, "check", folder, "--cache-dir", cache)  # embeds and extracts once
    _forget_results(cache)  # the fact memo stays: no paragraph is extracted again
    modules = _modules(langcheck_imports, "check", folder, "--cache-dir", cache)
    assert "langcheck.rules" in modules and "langcheck.extract.patterns" in modules  # the rules ran
    # extract_facts and the extractor no rule calls (acronyms) stay unimported.
    assert {"langcheck.extract.facts", "langcheck.extract.acronyms"}.isdisjoint(modules)
