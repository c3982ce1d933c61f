"""Bytes to text: BOMs first, then strict UTF-8, then UTF-16 without BOM, then detection.

Detection (charset-normalizer) is limited to the legacy encodings press offices actually use,
because an unrestricted detector happily "decodes" binary files or Cyrillic as Central European.
"""

from __future__ import annotations

import codecs

from langcheck.load.errors import InputError

# Magic numbers of the binary files most often mis-named as text (an image or a PDF saved as .txt).
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (e.g. a .docx)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x7fELF", "an executable"),
)
_LEGACY_ENCODINGS = ["cp1251", "koi8_r", "cp1252", "iso8859_15", "iso8859_5", "mac_cyrillic", "cp866"]


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError naming `path`."""
    if not data.strip():
        raise InputError(path, "empty file")
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError(path, f"binary file ({what}), not text")
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _strict(data, name, path), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guessed = _utf16_without_bom(data)
    if guessed:
        return _strict(data, guessed, path), guessed
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    return _detect_legacy(data, path)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"invalid {encoding} at byte {exc.start}") from None
    return text.lstrip("\ufeff")


def _utf16_without_bom(data: bytes) -> str | None:
    # Text in UTF-16 has a NUL in every other byte for Latin script, and a constant high byte
    # for Cyrillic; either way the zero bytes cluster on one parity.
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nul > 0.3 * half and even_nul < 0.05 * half:
        return "utf-16-le"
    if even_nul > 0.3 * half and odd_nul < 0.05 * half:
        return "utf-16-be"
    return None


def _detect_legacy(data: bytes, path: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=_LEGACY_ENCODINGS).best()
    if best is None:
        raise InputError(path, "not valid text in any supported encoding (UTF-8, UTF-16, cp1251, ...)")
    encoding = best.encoding
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid text in any supported encoding (stops at byte {exc.start})") from None
