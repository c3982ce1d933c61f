"""The result cache with the real bundled model: a stored result is the computed one, in the
Python report and in every output format (tests/test_result_cache.py does the rest with a fake)."""

from __future__ import annotations

from pathlib import Path

import pytest

from langcheck import pipeline
from langcheck.config import Config

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the module: the model embeds each text once; results are forgotten per test."""
    return tmp_path_factory.mktemp("result-cache")


def _forget_results(cache: Path) -> None:
    import sqlite3

    database = cache / "embeddings.sqlite3"
    if database.exists():
        with sqlite3.connect(database) as db:
            db.execute("DELETE FROM result")
        db.close()


@pytest.mark.parametrize("folder", [SAMPLES / "defects" / "missing-paragraph-de", SAMPLES / "docx-release"],
                         ids=lambda p: p.name)
def test_a_hit_is_the_miss_with_the_real_model(folder: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _forget_results(cache)
    first = pipeline.Session(Config(cache_dir=str(cache)))
    miss = first.check_folder(folder, root=folder)
    first.close()

    def refuse(*args, **kwargs):
        raise AssertionError("check_release ran on what should have been a hit")

    monkeypatch.setattr(pipeline, "check_release", refuse)
    again = pipeline.Session(Config(cache_dir=str(cache)))
    hit = again.check_folder(folder, root=folder)
    again.close()
    assert repr(hit) == repr(miss)
    assert again._embedder is None  # nothing of the model was made for a hit


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "text", "markdown", "github", "gitlab", "html"])
def test_every_format_of_a_hit_is_the_miss_with_the_real_model(fmt: str, langcheck_cli, cache: Path) -> None:
    folder = SAMPLES / "defects" / "number-fr"
    _forget_results(cache)
    miss = langcheck_cli("check", folder, "-f", fmt, "--cache-dir", cache)
    hit = langcheck_cli("check", folder, "-f", fmt, "--cache-dir", cache)
    assert hit == miss
