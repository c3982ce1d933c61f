"""Word frequencies (Zipf scale) from wordfreq's bundled *small* word lists, without its import.

`import wordfreq` pulls in ftfy, langcodes and regex (0.1-0.3 s per process) for tokenising
arbitrary text; the name checks only look up single words. The lists are read straight from
wordfreq's package data (its documented cBpack format: a header, then one bucket of words per
centibel below 1), about 10 ms per language, once. If the data cannot be found, wordfreq's own
`zipf_frequency` is used.

Zipf: log10 of the frequency per billion words (3 = once per million words); words rarer
than the list's floor (zipf 3) read 0.

Building the dict of a list costs 10-35 ms per language, about 90 ms for the five: most of the
start-up of a warm check. `use_prepared_dir(folder)` (the cache's `models/` folder, set by the
pipeline) keeps each list there once as three `.npy` arrays - its words' UTF-8 bytes end to end,
in byte order, their offsets and their centibels - read memory-mapped and searched by bisection
(`_SortedWords`): nothing is built at load, a look-up reads a few pages. A bisection costs
about 5 us where the dict answers in under 1, so a long run (an archive) builds the dict from
the mapped arrays after `DICT_AFTER` look-ups of one list, and answers from it from then on.
Same values as the dict (the test compares every list). Unreadable copies are rebuilt.
"""

from __future__ import annotations

import gzip
import importlib.util
import logging
import math
import shutil
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any, Protocol

from langcheck.prepared import load_array, write_folder

__all__ = ["use_prepared_dir", "zipf"]

log = logging.getLogger(__name__)
_ARRAYS = ("words", "offsets", "centibels")
DICT_AFTER = 5000  # look-ups: about the time a dict of the list takes to build
_prepared_dir: Path | None = None


class _Lookup(Protocol):
    def get(self, word: str, default: float) -> float: ...


def use_prepared_dir(folder: Path | None) -> None:
    """Keep (and read) the prepared word lists in `folder`; None: read the package's lists."""
    global _prepared_dir
    folder = Path(folder) if folder is not None else None
    if folder != _prepared_dir:
        _prepared_dir = folder
        _table.cache_clear()


def zipf(word: str, lang: str) -> float:
    """The Zipf frequency of one word in `lang` (0 when rarer than the list's floor or unknown)."""
    table = _table(lang)
    if table is None:
        from wordfreq import zipf_frequency

        return zipf_frequency(word, lang, wordlist="small")
    parts = [p for p in word.replace("’", "'").split("-") if p]
    if not parts:
        return 0.0
    # A hyphenated word is as rare as its rarest part (wordfreq combines them even lower).
    return min(table.get(p.casefold(), 0.0) for p in parts)


@lru_cache(maxsize=8)
def _table(lang: str) -> _Lookup | None:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "data" / f"small_{lang}.msgpack.gz"
    folder = _prepared_folder(spec.origin, lang)
    if folder is not None:
        prepared = _read_prepared(folder)
        if prepared is not None:
            return prepared
    centibels = _read_package_list(path)
    if centibels is None:
        return None
    if folder is not None:
        arrays = _prepared_arrays(centibels)
        if _write_prepared(folder, arrays):
            # Answer from the arrays just written, as the next process will: no dict to build.
            return _SortedWords(arrays["words"], arrays["offsets"], arrays["centibels"])
    values = {c: _zipf_of(c) for c in set(centibels.values())}
    return {w: values[c] for w, c in centibels.items()}


def _zipf_of(centibels: int) -> float:
    return round(math.log10(10 ** (-centibels / 100)) + 9, 2)


def _read_package_list(path: Path) -> dict[str, int] | None:
    """word -> centibels below 1 (the first bucket a word is in), from wordfreq's cBpack file."""
    import msgpack

    try:
        with gzip.open(path, "rb") as f:
            pack = msgpack.load(f, raw=False)
    except (OSError, ValueError) as error:
        log.debug("wordfreq list %s unreadable (%s); using wordfreq itself", path, error)
        return None
    if not pack or pack[0].get("format") != "cB":
        return None
    # A word's first bucket counts: filled from the last bucket up, each bucket overwriting.
    table: dict[str, int] = {}
    for centibels in range(len(pack) - 2, -1, -1):
        table.update(dict.fromkeys(pack[centibels + 1], centibels))
    return table


class _SortedWords:
    """A word list as sorted UTF-8 words end to end, searched by bisection (see module)."""

    def __init__(self, words: Any, offsets: Any, centibels: Any) -> None:
        self._words = memoryview(words).cast("B")
        self._offsets = memoryview(offsets).cast("B").cast(offsets.dtype.char)
        self._centibels = memoryview(centibels).cast("B").cast(centibels.dtype.char)
        self._count = len(self._centibels)
        self._lookups = 0
        self._dict: dict[str, float] | None = None

    def get(self, word: str, default: float) -> float:
        if self._dict is not None:
            return self._dict.get(word, default)
        self._lookups += 1
        if self._lookups > DICT_AFTER:
            self._dict = self.as_dict()
            return self._dict.get(word, default)
        key = word.encode("utf-8", "surrogatepass")
        words, offsets = self._words, self._offsets
        low, high = 0, self._count
        while low < high:
            mid = (low + high) // 2
            if bytes(words[offsets[mid] : offsets[mid + 1]]) < key:
                low = mid + 1
            else:
                high = mid
        if low < self._count and words[offsets[low] : offsets[low + 1]] == key:
            return _zipf_of(self._centibels[low])
        return default

    def as_dict(self) -> dict[str, float]:
        words, offsets = bytes(self._words), self._offsets
        values = {c: _zipf_of(c) for c in set(self._centibels)}
        return {words[offsets[i] : offsets[i + 1]].decode("utf-8", "surrogatepass"): values[c]
                for i, c in enumerate(self._centibels)}


def _prepared_folder(origin: str, lang: str) -> Path | None:
    if _prepared_dir is None:
        return None
    return _prepared_dir / f"wordfreq-{_release(origin)}" / f"small_{lang}"


@lru_cache(maxsize=4)
def _release(origin: str) -> str:
    """wordfreq's version (its package's time stamp if it has none): looked up once, not once
    per language. Read from its `wordfreq-VERSION.dist-info` folder's name in the listing the
    code fingerprint makes anyway; importlib.metadata (~13 ms to import, ~4 ms a call: it walks
    every distribution on the path) only where that listing does not name one version."""
    from langcheck.result_cache import installed_distributions

    versions = {name[len(_DIST_PREFIX) : -len(_DIST_SUFFIX)] for name in installed_distributions()
                if name.startswith(_DIST_PREFIX) and name.endswith(_DIST_SUFFIX)}
    if len(versions) == 1:
        return versions.pop()
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wordfreq")
    except PackageNotFoundError:
        return str(int(Path(origin).stat().st_mtime))


_DIST_PREFIX, _DIST_SUFFIX = "wordfreq-", ".dist-info"


def _read_prepared(folder: Path) -> _SortedWords | None:
    try:
        arrays = [load_array(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS]
        words, offsets, centibels = arrays
        if not (words.ndim == offsets.ndim == centibels.ndim == 1 and len(offsets) == len(centibels) + 1
                and offsets.dtype.kind == centibels.dtype.kind == "u" and len(words) == int(offsets[-1])):
            raise ValueError("arrays of the wrong shape")
        return _SortedWords(words, offsets, centibels)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as exc:
        log.warning("rebuilding the prepared word list in %s: %s", folder, exc)
        shutil.rmtree(folder, ignore_errors=True)
        return None


def _prepared_arrays(centibels: dict[str, int]) -> dict[str, Any]:
    """A word list as `_SortedWords` reads it: words in UTF-8 byte order (which is code point
    order, so the strings are sorted, not their bytes), their offsets and their centibels."""
    import numpy as np

    words = sorted(centibels)
    encoded = [w.encode("utf-8", "surrogatepass") for w in words]
    offsets = np.zeros(len(words) + 1, dtype=np.uint32)
    np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(words)), out=offsets[1:])
    return {"words": np.frombuffer(b"".join(encoded), dtype=np.uint8), "offsets": offsets,
            "centibels": np.array(itemgetter(*words)(centibels) if len(words) > 1 else [centibels[w] for w in words],
                                  dtype=np.uint16).reshape(len(words))}


def _write_prepared(folder: Path, arrays: dict[str, Any]) -> bool:
    """Keep the arrays in `folder`; False when they could not be written."""
    try:
        write_folder(folder, {f"{name}.npy": value for name, value in arrays.items()})
    except OSError as exc:
        log.warning("could not prepare the word list in %s: %s", folder, exc)
        return False
    return True
