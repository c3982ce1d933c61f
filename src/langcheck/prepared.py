"""Prepared copies in the cache's `models/` folder, written so that no reader sees half of one.

The bundled model's weights, the language identifier, the word lists, the compiled patterns and
the glossaries as read each keep a copy there that loads in milliseconds. Every copy is written
beside its place and renamed into it: a run that is interrupted, or a disk that fills, leaves the
old copy or none, never a partial one. Both functions raise OSError; each caller says in its own
warning what could not be kept, and carries on without the copy.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (a private temporary file beside it, then a replace)."""
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
