"""The cache's prepared copies are written whole or not at all (langcheck.prepared)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from langcheck.prepared import write_file, write_folder


def test_a_file_is_replaced_whole_and_leaves_no_staging(tmp_path: Path) -> None:
    path = tmp_path / "models" / "patterns.json"
    write_file(path, b"old")
    write_file(path, b"new")
    assert path.read_bytes() == b"new"
    assert sorted(p.name for p in path.parent.iterdir()) == ["patterns.json"]


def test_a_failed_write_leaves_the_old_copy_and_no_staging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "glossaries.json"
    write_file(path, b"old")

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("langcheck.prepared.os.replace", full_disk)
    with pytest.raises(OSError):
        write_file(path, b"new")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossaries.json"]


def test_a_folder_holds_its_arrays_and_files(tmp_path: Path) -> None:
    folder = tmp_path / "models" / "words-en"
    write_folder(folder, {"offsets.npy": np.arange(4, dtype=np.uint32), "manifest.json": b"{}"})
    assert np.load(folder / "offsets.npy", allow_pickle=False).tolist() == [0, 1, 2, 3]
    assert (folder / "manifest.json").read_bytes() == b"{}"
    assert sorted(p.name for p in folder.parent.iterdir()) == ["words-en"]


def test_another_process_copy_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "words-de"
    write_folder(folder, {"manifest.json": b"first"})
    write_folder(folder, {"manifest.json": b"second"})
    assert (folder / "manifest.json").read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["words-de"]


def test_a_failed_array_write_leaves_no_staging_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "save", full_disk)
    with pytest.raises(OSError):
        write_folder(tmp_path / "model", {"table.npy": np.zeros(3)})
    assert list(tmp_path.iterdir()) == []


DAEMON_WRITES_AT_EXIT = """
import sys, threading, time
from pathlib import Path
import numpy as np
from langcheck import prepared

started = threading.Event()
real_save = np.save

def slow_save(*args, **kwargs):
    started.set()
    time.sleep(1)  # the main thread reaches the interpreter's exit meanwhile
    real_save(*args, **kwargs)

np.save = slow_save
target = Path(sys.argv[1]) / "copy"
# A daemon thread, as the model's prefetch and the language identifier's load are.
threading.Thread(target=prepared.write_folder, args=(target, {"a.npy": np.arange(10)}), daemon=True).start()
started.wait(30)
"""


def test_a_copy_written_from_a_daemon_thread_is_finished_at_exit_not_left_half_written(tmp_path: Path) -> None:
    # A daemon thread is killed at exit without unwinding: its staging folder stayed in the cache
    # folder for good, and the copy was never written.
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", DAEMON_WRITES_AT_EXIT, str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy"]  # no staging folder left
    assert (tmp_path / "copy" / "a.npy").is_file()
