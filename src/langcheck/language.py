"""Language identification (py3langid, restricted to the configured languages).

It abstains (returns None) on short or ambiguous text: datelines, names and acronym lists
look alike in every language, and a wrong guess there would be a false alarm.

py3langid ships its model LZMA-compressed; decompressing it costs about 0.4 s, most of a warm
check. `use_prepared_dir(folder)` (called by the pipeline with the cache's `models/` folder) keeps
a decompressed copy there, one `.npy` file per array, read memory-mapped by later processes. The
copy is written to a temporary folder and renamed, is checked against the package version, and is
ignored with a warning when unreadable. The identifier reads its arrays as numpy views of the
mapped files (only the pages it visits are read), with the per-feature table of just the
configured languages kept as a file of its own (`ptc.de-en-es-fr-ru.npy`: the columns
`set_languages` would copy out of all 142 columns' 28 MB). A warm load takes milliseconds.

The answers are py3langid's own, bit for bit, computed with numpy for many texts at once instead
of its byte-by-byte walk in Python (`langcheck.language_features`): a version's sentences,
paragraphs and whole text in one pass (`identify_version_languages`), one text at a time for
`identify_language` and `identify_sentence_language`.

A cold run (no prepared copy yet) still decompresses the package's model; `load_in_background()`
(called by the pipeline when a session starts) does that in a thread, where LZMA and numpy release
the GIL, so it overlaps the embedding model's load and work instead of adding to it. The first
identification waits for that thread; nothing is loaded twice.
"""

from __future__ import annotations

import io
import json
import logging
import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langcheck.prepared import load_array, read_json, write_file, write_folder

if TYPE_CHECKING:  # numpy is imported when the identifier is first used, not with this module
    from langcheck.language_features import Tables

log = logging.getLogger(__name__)

MIN_LETTERS = 25
MIN_CONFIDENCE = 0.9
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
_MANIFEST = "manifest.json"
_prepared_dir: Path | None = None
_loading: threading.Thread | None = None
_loading_lock = threading.Lock()


def identify_language(text: str, languages: Sequence[str]) -> str | None:
    """The language of `text` among `languages`, or None when unsure."""
    if len(_LETTER.findall(text)) < MIN_LETTERS:
        return None
    return _classify(text, languages)


def use_prepared_dir(folder: Path | None) -> None:
    """Keep (and read) the decompressed identifier model in `folder`; None: the package's file."""
    global _prepared_dir
    folder = Path(folder) if folder is not None else None
    if folder != _prepared_dir:
        _wait_for_background()
        _prepared_dir = folder
        _tables.cache_clear()
        _model.cache_clear()


def load_in_background() -> None:
    """Start loading the identifier's model in a thread, unless it is loaded or loading (see module)."""
    global _loading
    with _loading_lock:
        if _model.cache_info().currsize or (_loading is not None and _loading.is_alive()):
            return
        _loading = threading.Thread(target=_model, name="langcheck-language-model", daemon=True)
        _loading.start()


def _wait_for_background() -> None:
    global _loading
    with _loading_lock:
        loading, _loading = _loading, None
    if loading is not None and loading is not threading.current_thread():
        loading.join()


def _restricted(languages: tuple[str, ...]) -> tuple[Any, Any, list[str]]:
    """(nb_ptc, nb_pc, nb_classes) of the model restricted to `languages` as py3langid's
    set_languages does it (all of them when it knows none), the table read from the prepared copy."""
    import numpy as np

    ptc, pc, classes, _, _, _ = _model()
    known = set(languages) & set(classes)
    if not known:
        return np.asarray(ptc), np.asarray(pc), classes
    indices = [i for i, c in enumerate(classes) if c in known]
    labels = [classes[i] for i in indices]
    return _restricted_ptc(ptc, indices, labels), np.asarray(pc)[indices], labels


def _restricted_ptc(ptc: Any, indices: list[int], labels: list[str]) -> Any:
    """`ptc[:, indices]`, from (or saved to) the prepared copy when there is one."""
    import numpy as np

    folder = _prepared_folder()
    if folder is None or not folder.is_dir():  # no cache, or the copy could not be written
        return ptc[:, indices]
    path = folder / f"ptc.{'-'.join(labels)}.npy"
    try:
        table = load_array(path, mmap_mode="r")
        if table.shape == (ptc.shape[0], len(indices)) and table.dtype == ptc.dtype:
            return table
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:
        log.warning("ignoring the prepared language identifier table %s: %s", path, exc)
    table = np.ascontiguousarray(ptc[:, indices])
    try:
        buffer = io.BytesIO()
        np.save(buffer, table, allow_pickle=False)
        write_file(path, buffer.getvalue())
    except OSError as exc:
        log.warning("could not keep the language identifier table in %s: %s", folder, exc)
    return table


def _prepared_folder() -> Path | None:
    if _prepared_dir is None:
        return None
    from py3langid import __version__

    return _prepared_dir / f"py3langid-{__version__}"


@lru_cache(maxsize=1)
def _model() -> tuple[Any, ...]:
    """(nb_ptc, nb_pc, nb_classes, tk_nextmove, tk_row, tk_output), as py3langid's load_model;
    the arrays as numpy arrays (memory-mapped from the prepared copy, or views of the package's
    decompressed model), the three the walk indexes as memory views."""
    from py3langid import __version__

    folder = _prepared_folder()
    arrays = _read_prepared(folder, __version__) if folder is not None else None
    if arrays is None:
        arrays = _package_arrays()
        if folder is not None:
            _write_prepared(folder, arrays, __version__)
    return (arrays["ptc"], arrays["pc"], arrays["classes"].tolist(), _view(arrays["nextmove"]),
            _view(arrays["nextmove_row"]), _view(arrays["out_feat"]))


def _package_arrays() -> dict[str, Any]:
    """The package's model (an .npz of stored members inside LZMA: py3langid's modelio format),
    name -> read-only array viewing one decompressed buffer.

    Why not py3langid's load_model: it streams the LZMA through a temporary file in 1 MB steps,
    then copies every array out of the .npz. Each step takes the GIL back, and on a cold check
    this runs in a thread beside the main thread's extraction and the model's own load: every
    hand-back waits for the GIL (up to the switch interval), so the decompression's ~0.4 s of
    CPU took 1.4 s of wall (measured). One `lzma.decompress` call releases the GIL once, for
    all of it; the arrays are then views, no copies. The .xz stream's own check (CRC-64) covers
    the decompressed bytes. Anything not laid out as expected is read by load_model (its
    errors are its own).
    """
    import lzma
    import zipfile

    from py3langid.langid import MODEL_DIR, MODEL_FILE

    path = MODEL_DIR / MODEL_FILE
    try:
        arrays = _stored_npz(lzma.decompress(path.read_bytes()))
    except (OSError, ValueError, KeyError, EOFError, lzma.LZMAError, zipfile.BadZipFile) as exc:
        log.debug("py3langid's model %s does not read as expected (%s); using its own loader", path, exc)
        arrays = None
    if arrays is None or set(arrays) != set(_ARRAYS):
        from py3langid.modelio import load_model

        return _arrays_of(load_model(path))
    return arrays


def _stored_npz(data: bytes) -> dict[str, Any] | None:
    """name -> read-only array viewing `data`, an .npz of stored (uncompressed) members without
    pickles; None for any other layout."""
    import math
    import zipfile

    import numpy as np
    from numpy.lib import format as npy

    arrays: dict[str, Any] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if (info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 0x1
                    or not info.filename.endswith(".npy")):
                return None
            at = info.header_offset
            if data[at:at + 4] != b"PK\x03\x04":
                return None
            start = at + 30 + int.from_bytes(data[at + 26:at + 28], "little") + int.from_bytes(data[at + 28:at + 30], "little")
            stream = io.BytesIO(data[start:start + min(info.file_size, 1 << 17)])
            version = npy.read_magic(stream)
            if version not in ((1, 0), (2, 0)):
                return None
            read_header = npy.read_array_header_1_0 if version == (1, 0) else npy.read_array_header_2_0
            shape, fortran, dtype = read_header(stream)
            count = math.prod(shape)
            if dtype.hasobject or stream.tell() + count * dtype.itemsize != info.file_size:
                return None
            flat = np.frombuffer(data, dtype=dtype, count=count, offset=start + stream.tell())
            arrays[info.filename[:-4]] = flat.reshape(shape, order="F" if fortran else "C")
    return arrays


def _arrays_of(model: tuple[Any, ...]) -> dict[str, Any]:
    """py3langid's load_model result as name -> array (the prepared copy's arrays)."""
    import numpy as np

    ptc, pc, classes, nextmove, row, output = model
    return {
        "ptc": np.asarray(ptc), "pc": np.asarray(pc), "classes": np.array(classes),
        "nextmove": np.frombuffer(nextmove, dtype=nextmove.typecode), "nextmove_row": np.frombuffer(row, dtype=row.typecode),
        "out_feat": np.asarray(output, dtype=np.int32),
    }


def _view(array: Any) -> memoryview:
    """A flat memory view of a mapped array: indexing it gives Python ints, as `array.array` does."""
    return memoryview(array).cast("B").cast(array.dtype.char)


def _read_prepared(folder: Path, version: str) -> dict[str, Any] | None:
    try:
        manifest = read_json(folder / _MANIFEST)
        if not isinstance(manifest, dict) or manifest.get("version") != version or manifest.get("arrays") != list(_ARRAYS):
            return None
        return {name: load_array(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as exc:
        log.warning("ignoring the prepared language identifier in %s: %s", folder, exc)
        return None


def _write_prepared(folder: Path, arrays: dict[str, Any], version: str) -> None:
    files: dict[str, Any] = {f"{name}.npy": arrays[name] for name in _ARRAYS}
    files[_MANIFEST] = json.dumps({"version": version, "arrays": list(_ARRAYS)}).encode("utf-8")
    try:
        write_folder(folder, files)
    except OSError as exc:
        log.warning("could not prepare a fast copy of the language identifier in %s: %s", folder, exc)


# A sentence is judged on its own only above this many letters (about six words): the shortest
# sentences (`Il faut bien le faire.`, a quote kept in the original in every version) are too
# little text to tell one language from another with confidence.
SENTENCE_MIN_LETTERS = 30


def identify_sentence_language(text: str, languages: Sequence[str]) -> str | None:
    """The language of one sentence among `languages`, or None when it is too short
    (SENTENCE_MIN_LETTERS) or the identifier is unsure (MIN_CONFIDENCE)."""
    if len(_LETTER.findall(text)) < SENTENCE_MIN_LETTERS:
        return None
    return _classify(text, languages)


def _classify(text: str, languages: Sequence[str]) -> str | None:
    """py3langid's classify(text) among `languages`: its language at MIN_CONFIDENCE or more."""
    from py3langid.langid import LanguageIdentifier

    from langcheck.language_features import judge

    encoded = LanguageIdentifier._encode(text)
    (found,) = judge(_tables(tuple(sorted(languages))), [encoded], [(0, 1)], [len(encoded)], MIN_CONFIDENCE)
    return found


def identify_version_languages(
    paragraphs: Sequence[tuple[str, Sequence[str]]], languages: Sequence[str]
) -> tuple[str | None, list[str | None], list[tuple[str | None, ...]]]:
    """The languages of one version: (the whole text's, each paragraph's, each paragraph's
    sentences'), from `paragraphs` as (text, sentences) pairs.

    The same answers as `identify_language` on each paragraph and `identify_sentence_language`
    on each sentence of a paragraph of two or more (one sentence: an empty tuple), with the same
    floors and confidence. A paragraph of several sentences is judged from the sum of its
    sentences' n-gram counts, and the whole text from the sum of its paragraphs' (what
    "\\n\\n".join would count, less the few n-grams across breaks), so each byte is read once;
    the reading, counting and scoring of all of them is done at once (`language_features`).
    """
    from py3langid.langid import LanguageIdentifier

    from langcheck import language_features as lf

    tables = _tables(tuple(sorted(languages)))
    encode = LanguageIdentifier._encode
    pieces: list[bytes] = []  # what the identifier reads: each sentence, or the paragraph of one
    paragraph_pieces: list[tuple[int, int]] = []
    judged_sentences: list[int] = []  # pieces judged on their own (LC503)
    paragraph_sizes: list[int] = []
    paragraph_judged: list[bool] = []
    # Letters of each paragraph, then of each of its sentences when it has several.
    texts = [t for text, sentences in paragraphs for t in ((text, *sentences) if len(sentences) > 1 else (text,))]
    counted = iter(lf.letter_counts(texts, _LETTER))
    letters = size = 0
    for text, sentences in paragraphs:
        n_letters = next(counted)
        first = len(pieces)
        if len(sentences) > 1:
            size_of_paragraph = len(encode(text))
            for sentence in sentences:
                if next(counted) >= SENTENCE_MIN_LETTERS:
                    judged_sentences.append(len(pieces))
                pieces.append(encode(sentence))
        else:
            pieces.append(encode(text))
            size_of_paragraph = len(pieces[-1])
        paragraph_pieces.append((first, len(pieces)))
        paragraph_sizes.append(size_of_paragraph)
        paragraph_judged.append(n_letters >= MIN_LETTERS)
        letters += n_letters
        size += size_of_paragraph + 1
    # Every group to judge, as a range of pieces with its size in bytes: the sentences judged on
    # their own, the paragraphs with enough letters, and the whole version.
    ranges = [(i, i + 1) for i in judged_sentences]
    sizes = [len(pieces[i]) for i in judged_sentences]
    judged_paragraphs = [p for p, judged in enumerate(paragraph_judged) if judged]
    ranges += [paragraph_pieces[p] for p in judged_paragraphs]
    sizes += [paragraph_sizes[p] for p in judged_paragraphs]
    whole_judged = letters >= MIN_LETTERS
    if whole_judged:
        ranges.append((0, len(pieces)))
        sizes.append(max(size - 1, 0))
    found = lf.judge(tables, pieces, ranges, sizes, MIN_CONFIDENCE) if ranges else []
    by_sentence = dict(zip(judged_sentences, found))
    by_paragraph = dict(zip(judged_paragraphs, found[len(judged_sentences):]))
    paragraph_language = [by_paragraph.get(p) for p in range(len(paragraph_pieces))]
    sentence_language = [
        tuple(by_sentence.get(i) for i in range(first, end)) if len(sentences) > 1 else ()
        for (first, end), (_, sentences) in zip(paragraph_pieces, paragraphs)
    ]
    document = found[-1] if whole_judged else None
    return document, paragraph_language, sentence_language


@lru_cache(maxsize=4)
def _tables(languages: tuple[str, ...]) -> Tables:
    """The identifier for `languages` as numpy arrays (`language_features.Tables`), straight from
    the model: py3langid's own class is never built (its per-state offsets are a Python list of
    100,000 ints, some 10 ms a process)."""
    from langcheck.language_features import tables_from

    _wait_for_background()
    _, _, _, nextmove, row, output = _model()
    ptc, pc, labels = _restricted(languages)
    return tables_from(ptc, pc, labels, nextmove, row, output)
