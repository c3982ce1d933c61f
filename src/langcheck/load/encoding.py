"""Bytes to text: BOMs first, then strict UTF-8, then UTF-16 without BOM, then detection.

Detection (charset-normalizer) is limited to the legacy encodings press offices actually use,
because an unrestricted detector happily "decodes" binary files or Cyrillic as Central European.
"""

from __future__ import annotations

import codecs
import re

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
    """Return (text, encoding name) or raise InputError naming `path`.

    Text holding NUL or other control characters (besides tab, line breaks and form feed) is
    binary, whatever encoding decoded it: it would put raw control bytes into every report.
    """
    text, encoding = _decode(data, path)
    text = text.rstrip("\x1a")  # ^Z: the end-of-file mark of old DOS files
    control = _CONTROL.search(text)
    if control:
        what = "NUL bytes" if control.group() == "\x00" else f"control character U+{ord(control.group()):04X}"
        raise InputError(path, f"binary file (contains {what}), not text")
    return text, encoding


# C0 controls but tab, LF, VT, FF and CR; DEL; C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _decode(data: bytes, path: str) -> tuple[str, str]:
    if not data.strip():
        raise InputError(path, "empty file")
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError(path, f"binary file ({what}), not text")
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _strict(data, name, path), name
    guessed = _utf16_without_bom(data)
    if guessed:
        return _strict(data, guessed, path), guessed
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _mostly_utf8(data):
        # A stray byte in a UTF-8 file: a detector would pick the one legacy encoding in which
        # every byte is valid and read "ministère" as "ministУЈre"; say where the byte is.
        raise InputError(path, f"invalid UTF-8 at byte {first_bad} (the rest of the file is UTF-8)")
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    return _detect_legacy(data, path)


def _mostly_utf8(data: bytes) -> bool:
    """Whether most non-ASCII bytes form valid UTF-8 sequences (so the file is UTF-8 with a few
    bad bytes). Legacy 8-bit text almost never does: in cp1251 or Latin-1 a letter byte is
    rarely followed by the continuation bytes UTF-8 needs."""
    text = data.decode("utf-8", errors="surrogateescape")
    invalid = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    valid = sum(1 for ch in text if ch > "\x7f" and not "\udc80" <= ch <= "\udcff")
    return valid > 0 and valid >= invalid


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        # utf-8-sig counts from after its BOM; say where the byte is in the file.
        offset = exc.start + (len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0)
        raise InputError(path, f"invalid {encoding} at byte {offset}") from None
    return text.lstrip("\ufeff")


def _utf16_without_bom(data: bytes) -> str | None:
    # In UTF-16 one byte of every pair is the "high" byte of the code point: 0x00 for Latin
    # script, 0x04 for Cyrillic. So one parity is dominated by a single control byte, which
    # real 8-bit text never is (and which plain UTF-8 decoding would happily accept).
    sample = data[:4096]
    if len(sample) < 8:
        return None
    for parity, name in ((1, "utf-16-le"), (0, "utf-16-be")):
        high = sample[parity::2]
        # Whitespace controls are excluded: a run of blank lines ("\n\n\n", "\r\n\r\n") in
        # UTF-8 text has a newline on one parity too, and is never a UTF-16 high byte here.
        # Only control bytes are counted (a byte over 60% of them is the most common one):
        # counting every distinct byte cost about 1 ms a file, on every load. One byte can be
        # over 60% only where all of them together are: what text is (no such bytes at all)
        # is told by one deletion in C, before a byte is looked at in Python.
        if len(high.translate(None, _NOT_CONTROL)) <= 0.6 * len(high):
            continue
        if any(high.count(byte) > 0.6 * len(high) for byte in _CONTROL_BYTES.intersection(high)):
            return name
    return None


# The control bytes counted above (not the white-space ones): one set operation picks those a
# sample holds, instead of a test in Python for each of its distinct bytes.
_CONTROL_BYTES = frozenset(range(0x20)) - frozenset(b"\t\n\v\f\r")
# Every other byte (deleted to count the control bytes a sample holds).
_NOT_CONTROL = bytes(sorted(set(range(256)) - _CONTROL_BYTES))


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


# An XML document's first bytes say its encoding where it is not ASCII-compatible (XML 1.0,
# Appendix F): a byte-order mark, or the zero bytes around its first "<". Longest first.
_XML_SIGNATURES = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                   (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
                   (b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"),
                   (b"<\x00", "utf-16-le"), (b"\x00<", "utf-16-be"))


def xml_codec(head: bytes) -> str | None:
    """The codec of XML whose first bytes are `head`, where it is UTF-16 or UTF-32; None for
    UTF-8 and the other ASCII-compatible encodings, whose markup reads as bytes. Both XML readers
    (Word parts, XLIFF) sniff with this before looking for a DTD, so neither misses one that a
    wider encoding hides from a byte search (lxml parses all of these)."""
    for signature, codec in _XML_SIGNATURES:
        if head.startswith(signature):
            return codec
    return None

