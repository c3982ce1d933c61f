"""Which language a file name declares."""

from __future__ import annotations

from pathlib import Path

import pytest

from langcheck.load.errors import InputError
from langcheck.load.files import is_document, language_from_name

LANGS = ("de", "en", "es", "fr", "ru")


@pytest.mark.parametrize(
    "name, lang",
    [
        ("en.txt", "en"),
        ("de.md", "de"),
        ("ru.html", "ru"),
        ("release.fr-FR.md", "fr"),
        ("press_de_DE.html", "de"),
        ("lavrov-belarus.es.txt", "es"),
        ("RU.htm", None),  # upper case is not a language code here; detected from the text
        ("article.txt", None),
        ("release.txt", None),
        ("my-doc.md", None),
    ],
)
def test_language_from_name(name: str, lang: str | None) -> None:
    assert language_from_name(Path(name), LANGS) == lang


@pytest.mark.parametrize(
    "name, problem",
    [
        ("xx.txt", "unknown language code 'xx' in the file name"),
        ("it.txt", "language 'it' is not configured (languages: de, en, es, fr, ru)"),
        ("release.pt-BR.md", "language 'pt' is not configured (languages: de, en, es, fr, ru)"),
    ],
)
def test_bad_language_in_name(name: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        language_from_name(Path(name), LANGS)
    assert caught.value.problem == problem
    assert str(caught.value) == f"{name}: {problem}"


@pytest.mark.parametrize(
    "name, is_doc",
    [("en.txt", True), ("de.md", True), ("ru.html", True), ("fr.HTM", True), (".en.txt", False),
     ("en.pdf", False), ("notes.docx", True), ("~$notes.docx", False), ("de.docm", True), ("expected.yaml", False), ("README.md", False),
     ("readme.en.md", False), ("CHANGELOG.md", False), ("LICENSE.txt", False)],
)
def test_is_document(name: str, is_doc: bool) -> None:
    assert is_document(Path(name)) is is_doc
