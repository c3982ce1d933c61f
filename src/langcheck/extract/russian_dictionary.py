"""What the name checks ask of the Russian dictionary, answered without building pymorphy3's analyser.

The name checks ask one thing of pymorphy3 (`pymorphy3.MorphAnalyzer().parse(word)`): whether the
dictionary knows a word, and the grammemes of its analyses in the analyser's order (`Surn`,
`Geox`: is it a surname, a place). `grammemes(word)` answers exactly that.

Building the analyser takes 40-60 ms per process (5,500 tag objects parsed, 3,500 paradigm arrays
read one by one, the predictor's 4 MB of suffixes, entry points scanned for the dictionary), most
of it for what the question never uses: for a word the dictionary knows, `parse` gives the
dictionary's analyses alone, in the order of `words.dawg` (the predictors and the other units only
run for words it does not know, and then no analysis is a known form), re-ordered by P(tag|word)
where the dictionary has that. So with a prepared copy (`use_prepared_dir`, the cache's `models/`
folder, set by the pipeline) the answer is read from:

- the dictionary's own `words.dawg` (word -> (paradigm, form) pairs) and `p_t_given_w.intdawg`
  (P(tag|word), read only when the order matters), through DAWG-Python, the library pymorphy3
  reads them with;
- a JSON copy of the two tables pymorphy3 builds from the rest (`Dictionary.gramtab`, the tags as
  text, and each paradigm's tag per form, from `Dictionary.build_paradigm_info`), made once
  with the analyser itself. Keys: `pymorphy3` (sha256 of its version.py: its release), `meta`
  (sha256 of the dictionary's meta.json: its revision and compile time), `format`; `gramtab`:
  the tag texts; `paradigms`: one string per paradigm whose i-th character's code point is the
  tag number of form i (`Dictionary.build_tag_info(paradigm, i)` is `gramtab[that number]`).

Anything else - no prepared folder, a copy of another version, a damaged or hostile copy (then it
is rebuilt), a single capital letter (pymorphy3 adds initials' analyses to those), DAWG-Python
missing - is answered by the analyser itself. The test compares both on dictionary samples.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from array import array
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langcheck.prepared import read_json, write_file

if TYPE_CHECKING:
    import pymorphy3

__all__ = ["from_analyser", "grammemes", "use_prepared_dir"]

log = logging.getLogger(__name__)
_FORMAT = 1
_PATH_VARIABLE = "PYMORPHY2_DICT_PATH"  # pymorphy3's own override of the dictionary folder
_prepared_dir: Path | None = None


def use_prepared_dir(folder: Path | None) -> None:
    """Keep (and read) the prepared tables in `folder`; None: ask pymorphy3's analyser."""
    global _prepared_dir
    folder = Path(folder) if folder is not None else None
    if folder != _prepared_dir:
        _prepared_dir = folder
        _tables.cache_clear()
        grammemes.cache_clear()


@lru_cache(maxsize=65536)
def grammemes(word: str, first: int | None = None) -> tuple[frozenset[str], ...]:
    """The grammemes of each dictionary analysis of `word` (any case); () when the dictionary does
    not know it. `first`: only the first ones, in pymorphy3's order (most probable first);
    None: all of them, in no particular order (for questions about any of them).

    The same as `[p.tag.grammemes for p in MorphAnalyzer().parse(word)][:first]` when the first
    analysis is a known form (`is_known`), else () - up to the order when `first` is None."""
    tables = _tables() if len(word) > 1 else None
    if tables is not None:
        try:
            return tables.grammemes(word, first)
        except IndexError as exc:  # a dawg that does not fit the tables (a paradigm or form past them)
            log.warning("the prepared Russian dictionary does not fit its dawg (%s); asking pymorphy3", exc)
            use_prepared_dir(None)
    return from_analyser(word, first)


def from_analyser(word: str, first: int | None = None) -> tuple[frozenset[str], ...]:
    """`grammemes(word, first)` as pymorphy3's analyser gives it (built on first use)."""
    parses = _analyser().parse(word)
    if not parses or not parses[0].is_known:
        return ()
    return tuple(p.tag.grammemes for p in parses[:first])


class _Tables:
    """The dictionary's words and P(tag|word) dawgs with the prepared tag tables (see module)."""

    def __init__(self, path: str, gramtab: list[str], paradigms: list[str]) -> None:
        from dawg_python import RecordDAWG

        self._path = path
        self._gramtab = gramtab
        self._paradigms = paradigms
        self._words = _mapped(RecordDAWG(">HH"), os.path.join(path, "words.dawg"))
        self._replaces = self._words.compile_replaces(_char_substitutes())
        self._probabilities: Any = None
        self._tags: dict[int, frozenset[str]] = {}

    def grammemes(self, word: str, first: int | None) -> tuple[frozenset[str], ...]:
        low = word.lower()
        forms = [ord(self._paradigms[para][index])
                 for _, pairs in self._words.similar_items(low, self._replaces) for para, index in pairs]
        if first is not None and len(forms) > 1:
            forms = self._by_probability(low, forms)
        return tuple(self._grammemes(tag) for tag in forms[:first])

    def _by_probability(self, low: str, forms: list[int]) -> list[int]:
        # MorphAnalyzer's ProbabilityEstimator: sorted by P(tag|word), stable, where any is known.
        if self._probabilities is None:
            from dawg_python import IntCompletionDAWG

            self._probabilities = IntCompletionDAWG().load(os.path.join(self._path, "p_t_given_w.intdawg"))
        probabilities = [self._probabilities.get(f"{low}:{self._gramtab[tag]}", 0) for tag in forms]
        if sum(probabilities) == 0:
            return forms
        order = sorted(range(len(forms)), key=probabilities.__getitem__, reverse=True)
        return [forms[i] for i in order]

    def _grammemes(self, tag: int) -> frozenset[str]:
        found = self._tags.get(tag)
        if found is None:  # OpencorporaTag's own split: lexeme grammemes, a space, form grammemes
            found = self._tags[tag] = frozenset(self._gramtab[tag].replace(" ", ",", 1).split(","))
        return found


def _mapped(dawg: Any, path: str) -> Any:
    """`dawg.load(path)`, with the file memory-mapped instead of read: `words.dawg` is 7 MB, and
    reading it into arrays took ~10 ms of every process, where a look-up touches a few pages.

    DAWG-Python's loader reads a dictionary (a 32-bit count, then that many 32-bit units, read
    as `array("I")`) and a guide (a count, then twice that many bytes) and indexes them only;
    a memoryview cast to the same item types indexes alike. Where the layout or the library's
    attributes are not as expected, the library's own `load` reads the file."""
    try:
        import mmap

        from dawg_python import wrapper

        with open(path, "rb") as file:
            mapped = memoryview(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ))
        units = int.from_bytes(mapped[:4], sys.byteorder)
        guide_at = 4 + 4 * units
        guide = int.from_bytes(mapped[guide_at : guide_at + 4], sys.byteorder)
        if guide_at + 4 + 2 * guide != len(mapped) or array("I").itemsize != 4:
            raise ValueError("not laid out as DAWG-Python writes it")
        dictionary, guide_table = wrapper.Dictionary(), wrapper.Guide()
        if not (isinstance(dictionary._units, array) and isinstance(guide_table._units, array)):
            raise TypeError("DAWG-Python keeps its units otherwise")
        dictionary._units = mapped[4:guide_at].cast("I")
        guide_table._units = mapped[guide_at + 4 :]
        dawg.dct, dawg.guide = dictionary, guide_table
        return dawg
    except (ImportError, OSError, ValueError, AttributeError, TypeError) as exc:
        log.debug("reading %s instead of mapping it: %s", path, exc)
        return dawg.load(path)


def _char_substitutes() -> dict[str, str]:
    return {"е": "ё"}  # pymorphy3.lang.ru.CHAR_SUBSTITUTES (the test holds them equal)


def _dictionary_path() -> str | None:
    if os.environ.get(_PATH_VARIABLE):
        return os.environ[_PATH_VARIABLE]
    try:
        import pymorphy3_dicts_ru
    except ImportError:
        return None
    return str(pymorphy3_dicts_ru.get_path())


@lru_cache(maxsize=1)
def _tables() -> _Tables | None:
    if _prepared_dir is None:
        return None
    path = _dictionary_path()
    if path is None:
        return None
    try:
        key = _key(path)
    except (OSError, ImportError) as exc:
        log.debug("no prepared Russian dictionary: %s", exc)
        return None
    file = _prepared_dir / f"pymorphy3-{key['meta'][:16]}.json"
    tables = _read(file, key)
    if tables is None:
        tables = _prepare(file, key)
    if tables is None:
        return None
    try:
        return _Tables(path, *tables)
    except (ImportError, OSError, ValueError) as exc:
        log.debug("no prepared Russian dictionary: %s", exc)
        return None


def _key(path: str) -> dict[str, Any]:
    # pymorphy3's release by its version file's bytes (importlib.metadata would cost ~30 ms to
    # import and scan), the dictionary by its meta.json (revision, compile time, counts).
    import importlib.util

    spec = importlib.util.find_spec("pymorphy3")
    if spec is None or spec.origin is None:
        raise ImportError("pymorphy3 is not installed")
    analyser = hashlib.sha256(Path(spec.origin).with_name("version.py").read_bytes()).hexdigest()
    meta = hashlib.sha256(Path(path, "meta.json").read_bytes()).hexdigest()
    return {"format": _FORMAT, "pymorphy3": analyser, "meta": meta}


def _read(file: Path, key: dict[str, Any]) -> tuple[list[str], list[str]] | None:
    try:
        data = read_json(file)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("rebuilding the prepared Russian dictionary %s: %s", file, exc)
        return None
    tables = _valid(data, key)
    if tables is None:
        log.warning("rebuilding the prepared Russian dictionary %s: not a copy of this dictionary", file)
    return tables


def _valid(data: Any, key: dict[str, Any]) -> tuple[list[str], list[str]] | None:
    """The tables of `data` when it is a well-formed copy made for `key`, else None."""
    if not isinstance(data, dict) or any(data.get(name) != value for name, value in key.items()):
        return None
    gramtab, paradigms = data.get("gramtab"), data.get("paradigms")
    if not (isinstance(gramtab, list) and isinstance(paradigms, list) and gramtab and paradigms):
        return None
    # Every item a non-empty string (tested by C loops: 5,500 tags and 3,500 paradigms a process).
    if set(map(type, gramtab)) != {str} or not all(gramtab):
        return None
    if set(map(type, paradigms)) != {str} or not all(paradigms) or ord(max(map(max, paradigms))) >= len(gramtab):
        return None
    return gramtab, paradigms


def _prepare(file: Path, key: dict[str, Any]) -> tuple[list[str], list[str]] | None:
    """Make the tables with pymorphy3's own dictionary object and keep them in `file`."""
    try:
        dictionary = _analyser().dictionary
        gramtab = [str(tag) for tag in dictionary.gramtab]
        # A paradigm is stored as its forms' suffix numbers, tag numbers, prefix numbers (the
        # layout `Dictionary.build_tag_info` reads); read directly (~5 ms, where asking
        # `build_paradigm_info` for every paradigm takes ~60 ms of a cold run) and checked
        # against `build_tag_info` on every 16th paradigm.
        paradigms = ["".join(map(chr, p[len(p) // 3 : 2 * len(p) // 3])) for p in dictionary.paradigms]
        for para in range(0, len(paradigms), 16):
            if any(dictionary.build_tag_info(para, i) is not dictionary.gramtab[ord(tag)]
                   for i, tag in enumerate(paradigms[para])):
                raise ValueError(f"paradigm {para} is not laid out as expected")
    except (AttributeError, IndexError, KeyError, TypeError, ValueError) as exc:  # another pymorphy3
        log.debug("cannot prepare the Russian dictionary: %s", exc)
        return None
    if _valid({**key, "gramtab": gramtab, "paradigms": paradigms}, key) is None:
        return None
    data = json.dumps({**key, "gramtab": gramtab, "paradigms": paradigms}, ensure_ascii=False)
    try:
        write_file(file, data.encode("utf-8"))
    except OSError as exc:
        log.warning("could not keep the prepared Russian dictionary in %s: %s", file, exc)
    return gramtab, paradigms


@lru_cache(maxsize=1)
def _analyser() -> pymorphy3.MorphAnalyzer:
    import pymorphy3  # loads its dictionary (~0.1 s): only where the prepared tables cannot answer

    path = _dictionary_path()
    # The path given: pymorphy3 would otherwise scan every package's entry points for it (~20 ms).
    return pymorphy3.MorphAnalyzer(path=path) if path is not None else pymorphy3.MorphAnalyzer()
