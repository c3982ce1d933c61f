"""Prepared copies in the cache's `models/` folder, written so that no reader sees half of one.

The bundled model's weights, the language identifier, the word lists, the compiled patterns and
the glossaries as read each keep a copy there that loads in milliseconds. Every copy is written
beside its place and renamed into it: a run that is interrupted, or a disk that fills, leaves the
old copy or none, never a partial one. Both functions raise OSError; each caller says in its own
warning what could not be kept, and carries on without the copy.

The folder may have been written by someone else (a CI cache restored from an untrusted run), so
the readers here take only a regular file of bounded size: a FIFO would block a run for ever, a
link to /dev/zero would read until memory runs out, and JSON nested a million deep would end in a
RecursionError. Each raises OSError or ValueError, which every reader of a copy already takes as
"no usable copy: rebuild it".
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


# Larger than any copy langcheck writes as one file (the largest JSON copy is about 0.5 MB; the
# model's embedding table, about 70 MB, is memory-mapped through `load_array`).
MAX_FILE_BYTES = 256 << 20


def read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at `path` (links followed). FileNotFoundError where there is
    none, OSError where it is not a regular file, ValueError where it is larger than `max_bytes`."""
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(f"{path} is not a regular file")
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(f"{path} is larger than any copy langcheck writes")
    return data


def read_json(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """The JSON value in the regular file at `path` (`read_bytes`); ValueError where it is not
    UTF-8 JSON or is nested too deeply to read."""
    data = read_bytes(path, max_bytes)
    try:
        return json.loads(data.decode("utf-8"))
    except RecursionError:
        raise ValueError(f"{path} is nested too deeply to be a prepared copy") from None


def read_keyed(path: Path, key: Any, field: str, decode: Callable[[Any], T], *, what: str,
               max_bytes: int = MAX_FILE_BYTES) -> T | None:
    """`decode(value)` of the keyed JSON copy `{"key": key, field: value}` at `path`, or None.

    None, quietly, where there is no copy or it holds another key (another version's: the
    caller rebuilds it); None with a one-line warning naming `what` where the file is not such a
    copy or `decode` refuses its value (ValueError, TypeError, KeyError).
    """
    try:
        data = read_bytes(path, max_bytes)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("rebuilding the prepared %s in %s: %s", what, path, exc)
        return None
    try:
        stored = json.loads(data.decode("utf-8"))
        if not isinstance(stored, dict) or set(stored) != {"key", field}:
            raise ValueError("not a prepared copy")
        if stored["key"] != key:
            return None
        return decode(stored[field])
    except (ValueError, TypeError, KeyError, RecursionError) as exc:  # UnicodeError, JSON errors: ValueError
        log.warning("rebuilding the prepared %s in %s: %s", what, path, exc)
        return None


def write_keyed(path: Path, key: Any, field: str, value: Any, *, what: str, sort_keys: bool = False) -> None:
    """Write the keyed JSON copy `read_keyed` reads; a copy that cannot be kept is a warning."""
    text = json.dumps({"key": key, field: value}, ensure_ascii=False, sort_keys=sort_keys)
    try:
        write_file(path, text.encode("utf-8"))
    except OSError as exc:
        log.warning("could not keep the prepared %s in %s: %s", what, path, exc)


def load_array(path: Path, mmap_mode: str | None = None) -> Any:
    """`numpy.load(path, mmap_mode, allow_pickle=False)` of a regular file only (OSError else)."""
    import numpy as np

    if not stat.S_ISREG(os.stat(path).st_mode):
        raise OSError(f"{path} is not a regular file")
    return np.load(path, mmap_mode=mmap_mode, allow_pickle=False)


def _outliving_daemons(write: Callable[[], None]) -> None:
    """Run `write`, in a thread that is no daemon when the caller's thread is one.

    Why: copies are also written from daemon threads (the model's prefetch, the language
    identifier's background load), which the interpreter kills at exit without unwinding: a
    copy being written then left its staging folder in the cache folder for good. A thread that
    is no daemon is waited for at exit, so the copy is finished (or cleaned up) first. At
    interpreter shutdown no thread can start: the copy is not written (OSError, as callers expect).
    """
    import threading

    if not threading.current_thread().daemon:
        write()
        return
    failure: list[BaseException] = []

    def run() -> None:
        try:
            write()
        except BaseException as exc:  # handed to the caller's thread
            failure.append(exc)

    writer = threading.Thread(target=run, name="langcheck-prepared-write", daemon=False)
    try:
        writer.start()
    except RuntimeError as exc:
        raise OSError(f"no thread to write the copy in: {exc}") from None
    writer.join()
    if failure:
        raise failure[0]


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (a private temporary file beside it, then a replace)."""
    _outliving_daemons(lambda: _write_file(path, data))


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, staging = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(staging, path)
    except BaseException:
        try:
            os.unlink(staging)
        except OSError:
            pass
        raise


def write_folder(folder: Path, files: Mapping[str, Any]) -> None:
    """Make `folder` holding `files` (name -> numpy array, saved as .npy without pickles, or
    bytes), atomically: staged in a temporary folder beside it and renamed. Where another process
    made the folder first, its copy is kept."""
    _outliving_daemons(lambda: _write_folder(folder, files))


def _write_folder(folder: Path, files: Mapping[str, Any]) -> None:
    import numpy as np

    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        for name, value in files.items():
            if isinstance(value, (bytes, bytearray)):
                (staging / name).write_bytes(value)
            else:
                np.save(staging / name, value, allow_pickle=False)
        try:
            os.rename(staging, folder)
        except OSError:  # another process prepared it first: keep theirs
            if not folder.is_dir():
                raise
            shutil.rmtree(staging, ignore_errors=True)
    except BaseException:
        # A full disk stops np.save half-way: leave no staging folder (tens of MB) behind.
        shutil.rmtree(staging, ignore_errors=True)
        raise
