"""Encodings are detected, not assumed; binary and empty files are refused by name."""

from __future__ import annotations

import codecs

import pytest

from langcheck.load.encoding import decode_bytes
from langcheck.load.errors import InputError

RU = "Министр иностранных дел Сергей Лавров провёл переговоры в Минске 25-26 ноября 2020 года."
FR = "Les 25 et 26 novembre, le ministre des Affaires étrangères a été reçu à Minsk. Élysée, Noël."
DE = "Am 25. und 26. November besuchte Außenminister Sergej Lawrow Minsk; Grüße aus Köln."


@pytest.mark.parametrize(
    "text, data, encoding",
    [
        (RU, RU.encode("utf-8"), "utf-8"),
        (RU, codecs.BOM_UTF8 + RU.encode("utf-8"), "utf-8-sig"),
        (RU, RU.encode("utf-16"), "utf-16"),
        (RU, RU.encode("utf-16-le"), "utf-16-le"),
        (DE, DE.encode("utf-16-be"), "utf-16-be"),
        (RU, RU.encode("cp1251"), "cp1251"),
        (RU, RU.encode("koi8-r"), "koi8_r"),
        (FR, FR.encode("cp1252"), None),  # any Western code page that decodes it right will do
        (DE, DE.encode("latin-1"), None),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-nobom", "utf16be-nobom", "cp1251", "koi8r", "cp1252", "latin1"],
)
def test_decodes(text: str, data: bytes, encoding: str | None) -> None:
    decoded, used = decode_bytes(data, "x.txt")
    assert decoded == text
    if encoding:
        assert used == encoding


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"", "empty file"),
        (b"  \n\n\t ", "empty file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (a PDF document), not text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image), not text"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (a JPEG image), not text"),
        (bytes(range(256)) * 4, "binary file (contains NUL bytes), not text"),
    ],
    ids=["empty", "blank", "pdf", "png", "jpeg", "nul-bytes"],
)
def test_refuses(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "ru.txt")
    assert str(caught.value) == f"ru.txt: {problem}"


@pytest.mark.parametrize(
    "data, expected",
    [
        ("Die Gespräche fanden in Minsk statt.\n\n".encode("utf-16-le"), "utf-16-le"),
        ("Переговоры прошли в Минске.\r\n".encode("utf-16-be"), "utf-16-be"),
        ("Les entretiens ont eu lieu.\n".encode("utf-16-le"), "utf-16-le"),
        # Look-alikes: blank lines and tabs in 8-bit text sit on one parity, but are white space.
        (b"\n\n\n\n\n\n\n\nLas conversaciones\t\t\t\t\t\t\t\t" * 4, None),
        (b"a\rb\rc\rd\re\rf\rg\rh\r" * 8, None),
        ("The talks took place in Minsk.\n\n\n\n".encode("utf-8"), None),
        (b"\x01a\x01b\x01c", None),  # too short to tell
        (b"\x01a\x01b\x01c\x01d", "utf-16-be"),  # a control byte on one parity, not 8-bit text
        # At the bound: one control byte on 6 of 10 even positions is not over 60%, on 7 it is;
        # two control bytes of 4 each are 80% together, but neither is the one high byte.
        (b"\x04a" * 6 + b"ba" * 4, None),
        (b"\x04a" * 7 + b"ba" * 3, "utf-16-be"),
        (b"\x04a" * 4 + b"\x05a" * 4 + b"ba" * 2, None),
        (b"a\x04" * 7 + b"ab" * 3, "utf-16-le"),
    ],
)
def test_utf16_without_a_byte_order_mark(data: bytes, expected: str | None) -> None:
    from langcheck.load.encoding import _utf16_without_bom

    assert _utf16_without_bom(data) == expected
