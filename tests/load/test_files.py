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


def _versions(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "en.txt").write_text("The minister arrived in Minsk on 25 November.\n")
    (folder / "de.txt").write_text("Der Minister traf am 25. November in Minsk ein.\n")
    return folder


def test_files_of_a_linked_release_folder_are_where_the_link_leads(tmp_path: Path) -> None:
    # A file that is no link is taken to be where its folder really is: through a folder link
    # out of the checked path, plain files are outside too; through one inside, they are inside.
    from langcheck.load import OUTSIDE, load_release

    outside = _versions(tmp_path / "elsewhere" / "release")
    tree = tmp_path / "tree"
    _versions(tree / "real")
    (tree / "out").symlink_to(outside)
    (tree / "again").symlink_to(tree / "real")
    with pytest.raises(InputError, match=OUTSIDE):
        load_release(tree / "out", LANGS, root=tree)
    assert sorted(load_release(tree / "again", LANGS, root=tree).documents) == ["de", "en"]
    # Checked on its own, the linked folder is the checked path.
    assert sorted(load_release(tree / "out", LANGS).documents) == ["de", "en"]
    # A file link inside a linked folder is followed to its end.
    (tree / "real" / "fr.txt").symlink_to(outside / "en.txt")
    with pytest.raises(InputError, match=OUTSIDE):
        load_release(tree / "again", LANGS, root=tree)
