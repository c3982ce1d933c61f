"""The recognisers' large regular expressions, compiled once and kept between runs.

Python compiles a regular expression with a parser and code generator written in Python: the
date, number-word and quantity tables of five languages (about 60 patterns, some of them
alternations of every inflected form) take about 100 ms to compile, a large share of a warm
check of one release. `compile(pattern, flags)` gives the same `re.Pattern` as `re.compile`
(equal to it: the same pattern, flags and code), from a prepared copy when there is one.

The prepared copy is one file in the cache's `models/` folder (`use_prepared_dir`, set by the
pipeline), named after the Python version, the regular-expression engine's magic number and the
machine's byte order, mapping each pattern text and flags to what the compiler produced for it:
the final flags, the engine's code (integers), the number of groups and the group names. The
file is a JSON header (one row per pattern: text, flags, final flags, groups, group names and
how many code words it has), a NUL byte (JSON text holds none), then every pattern's code end to
end as 32-bit words, then the CRC-32 of all that (4 bytes, little-endian): the code is nine
tenths of the copy, and read as JSON integers it took ~10 ms of every process (117 patterns,
113,000 words), as machine words well under 1 ms. Loading
it and handing the code to the engine (`_sre.compile`, which validates the code) takes about a
millisecond. A pattern missing
from it is parsed and coded by the compiler's own steps (`re._compiler.compile`'s), handed to
the engine, and written to the file at the end of the process (one atomic replace, merged with
what another process wrote meanwhile). The first such pattern of a process is also compiled by
`re.compile` and checked equal to it: the steps are one Python's, so where they reproduce it for
one pattern they do for all, and where they do not nothing is kept and `re.compile` is used.
Anything unexpected - another Python, a damaged file, a stdlib without these internals - falls
back to `re.compile`, so the copy can only make compiling faster, never different.
"""

from __future__ import annotations

import array
import atexit
import json
import logging
import re
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from langcheck.prepared import read_bytes, write_file

__all__ = ["compile", "prepared_dir", "trie", "use_prepared_dir"]

log = logging.getLogger(__name__)
# What the compiler hands the engine for one pattern: final flags, code, groups, group names.
_Parts = tuple[int, Sequence[int], int, dict[str, int]]
_lock = threading.Lock()
_prepared_dir: Path | None = None
# (pattern, flags) -> (final flags, code, groups, group names): what the file held and what was added.
_known: dict[tuple[str, int], _Parts] | None = None
_added: dict[tuple[str, int], _Parts] = {}
_saving_registered = False
# Whether this Python's compiler is reproduced exactly (None: not yet tried; see _check_reproduction).
_REPRODUCES: bool | None = None

try:  # CPython's engine and compiler (3.11+: re._compiler, re._parser)
    import _sre
    from re import _compiler as _sre_compiler
    from re import _parser as _sre_parser

    # The code is kept as machine words: a copy made on a machine of the other byte order, or
    # where an array's "I" is not the engine's word, is another file (or none is kept).
    _ENGINE = (f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}-{sys.byteorder}"
               if array.array("I").itemsize == _sre.CODESIZE else "")
except (ImportError, AttributeError):  # pragma: no cover - another Python: plain re.compile
    _sre = None
    _ENGINE = ""


def use_prepared_dir(folder: Path | None) -> None:
    """Keep (and read) the prepared patterns in `folder`; None: compile every pattern."""
    global _prepared_dir, _known
    folder = Path(folder) if folder is not None else None
    with _lock:
        if folder != _prepared_dir:
            _prepared_dir = folder
            _known = None


def prepared_dir() -> Path | None:
    """The folder `use_prepared_dir` set (the cache's `models/` folder), where the recognisers'
    other prepared tables are kept too (`langcheck.extract.containment_copy`); None: none."""
    return _prepared_dir


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # (re.compile's name, on purpose)
    """`re.compile(pattern, flags)`, from the prepared copy when it holds the pattern (see module)."""
    flags = int(flags)
    if _sre is None or _prepared_dir is None:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    with _lock:
        parts = _store().get(key) or _added.get(key)
    if parts is not None:
        try:
            return _build(pattern, parts)
        except Exception as exc:  # noqa: BLE001 - damaged or foreign code: the engine refuses it
            log.debug("prepared pattern refused (%s); compiling it", exc)
    parts = _compile_parts(pattern, flags) if _REPRODUCES is not False else None
    if parts is not None and _REPRODUCES:
        # The compiler's own steps were checked on this process's first pattern: one parse here,
        # not a second one in re.compile (half of a cold run's compiling).
        try:
            compiled = _build(pattern, parts)
        except Exception:  # noqa: BLE001 - any refusal means: compile it as usual, keep nothing
            return re.compile(pattern, flags)
        with _lock:
            _added[key] = parts
            _register_save()
        return compiled
    compiled = re.compile(pattern, flags)
    if parts is not None and _REPRODUCES is None:
        _check_reproduction(pattern, parts, compiled)
        if _REPRODUCES:
            with _lock:
                _added[key] = parts
                _register_save()
    return compiled


T = TypeVar("T")


def compiled_table(table: Callable[..., T], **texts: str) -> T:
    """A NamedTuple `table` of patterns, each field compiled (`compile`) from `texts[field]` on
    first use: bound by name, so a field cannot get its neighbour's pattern."""
    fields = table._fields  # type: ignore[attr-defined]
    if set(texts) != set(fields):
        raise TypeError(f"patterns for {sorted(set(fields) ^ set(texts))} missing or unknown")
    return table(**{name: compile(texts[name]) for name in fields})


def trie(words: Iterable[str]) -> str:
    """One regex for a set of literal words, as a prefix tree: the engine tries one branch per
    letter instead of every word at every position (dozens of day words and abbreviations)."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(root) + ")"


def _check_reproduction(pattern: str, parts: _Parts, compiled: re.Pattern[str]) -> None:
    """Whether `_compile_parts` + `_build` give what `re.compile` gives (the same flags, code and
    groups: `re.Pattern` equality), tried on the first pattern compiled in the process. They are
    `re._compiler.compile`'s own steps, so one Python gives the same answer for every pattern;
    where it does not (another stdlib), nothing is kept and every pattern is compiled as usual."""
    global _REPRODUCES
    try:
        same = _build(pattern, parts) == compiled
    except Exception:  # noqa: BLE001 - any refusal means: do not keep it
        same = False
    _REPRODUCES = same


def _build(pattern: str, parts: _Parts) -> re.Pattern[str]:
    final_flags, code, groups, names = parts
    index: list[str | None] = [None] * (groups + 1)
    for name, number in names.items():
        index[number] = name
    return _sre.compile(pattern, final_flags, list(code), groups, dict(names), tuple(index))


def _compile_parts(pattern: str, flags: int) -> _Parts | None:
    """What `re._compiler.compile` hands the engine for `pattern` (None where it cannot be had)."""
    try:
        parsed = _sre_parser.parse(pattern, flags)
        code = _sre_compiler._code(parsed, flags)
        state = parsed.state
        return int(flags | state.flags), [int(c) for c in code], state.groups - 1, {str(k): int(v) for k, v in state.groupdict.items()}
    except Exception as exc:  # noqa: BLE001 # pragma: no cover - the stdlib's internals changed
        log.debug("cannot keep a prepared copy of a pattern: %s", exc)
        return None


def _path() -> Path | None:
    return _prepared_dir / f"patterns-{_ENGINE}.bin" if _prepared_dir is not None and _ENGINE else None


def _store() -> dict[tuple[str, int], _Parts]:
    """The prepared patterns (read once per folder; caller holds _lock)."""
    global _known
    if _known is None:
        _known = _read(_path())
    return _known


def _read(path: Path | None) -> dict[tuple[str, int], _Parts]:
    if path is None:
        return {}
    try:
        return _decode(read_bytes(path))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, TypeError, KeyError, IndexError, RecursionError) as exc:
        log.warning("ignoring the prepared patterns in %s: %s", path, exc)
        return {}


def _decode(data: bytes) -> dict[tuple[str, int], _Parts]:
    """The patterns of a prepared copy (see module); ValueError or TypeError where it is not one."""
    import zlib

    # The last 4 bytes are the CRC-32 of the rest: the engine validates code, not meaning, so a
    # flipped literal in a damaged copy compiled to another valid pattern (and the fact memo
    # then kept what it found).
    if len(data) < 5 or zlib.crc32(data[:-4]) != int.from_bytes(data[-4:], "little"):
        raise ValueError("the copy does not match its checksum")
    data = data[:-4]
    split = data.find(b"\0")
    if split < 0:
        raise ValueError("no code after the header")
    rows = json.loads(data[:split].decode("utf-8"))
    words = array.array("I")
    words.frombytes(data[split + 1 :])  # ValueError unless whole words
    if not isinstance(rows, list) or sum(int(row[5]) for row in rows) != len(words):
        raise ValueError("the header does not count the code")
    out: dict[tuple[str, int], _Parts] = {}
    at = 0
    for pattern, flags, final_flags, groups, names, length in rows:
        if type(pattern) is not str or int(length) < 1:
            raise ValueError("not a pattern's row")
        # The code stays machine words until a pattern is built (`_build`): a run that uses a
        # few languages' tables makes Python integers of their code only.
        out[(pattern, int(flags))] = (int(final_flags), words[at : at + int(length)], int(groups),
                                      {str(k): int(v) for k, v in dict(names).items()})
        at += int(length)
    return out


def _encode(rows: dict[tuple[str, int], _Parts]) -> bytes:
    header = [[p, f, ff, groups, names, len(code)] for (p, f), (ff, code, groups, names) in rows.items()]
    words = array.array("I")
    for _, code, _, _ in rows.values():
        words.extend(code)
    import zlib

    text = json.dumps(header, ensure_ascii=False, separators=(",", ":"))  # (escapes any NUL)
    data = text.encode("utf-8") + b"\0" + words.tobytes()
    return data + zlib.crc32(data).to_bytes(4, "little")


def _register_save() -> None:
    global _saving_registered
    if not _saving_registered:
        _saving_registered = True
        atexit.register(save)


def save() -> None:
    """Write the patterns compiled in this process to the prepared copy (merged, atomically)."""
    with _lock:
        path, added = _path(), dict(_added)
        _added.clear()
    if path is None or not added:
        return
    rows: dict[tuple[str, int], _Parts] = {**_read(path), **added}
    try:
        write_file(path, _encode(rows))
    except (OSError, OverflowError) as exc:  # (a code word past 32 bits: none of this engine's)
        log.warning("could not keep the prepared patterns in %s: %s", path, exc)
