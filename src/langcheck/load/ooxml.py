"""Office Open XML packages (.docx): the zip checked before anything in it is inflated.

A hostile package is refused with one line naming the file, before any XML parser sees it: a
file that is not a zip (a legacy or password-protected OLE file says so), a zip that declares
parts too large or packed too tight (a zip bomb), encrypted entries or other compression
methods, and XML parts with a DTD or entity declarations or in an encoding Word never writes.
Nothing is inflated past the size its entry declares (zipfile stops there and checks the CRC).
"""

from __future__ import annotations

import io
import re
import zipfile

from langcheck.load.encoding import xml_codec
from langcheck.load.errors import InputError

__all__ = ["NOT_A_ZIP", "open_package_zip", "refuse_declarations", "shown"]

_MIB = 1024 * 1024
# Word's own XML parts of a press release are ~100 KB (a 300-page report's, a few MB); images
# are stored as they are. What a zip may inflate to, declared before anything is inflated:
MAX_PART_BYTES = 32 * _MIB
MAX_INFLATED_BYTES = 128 * _MIB
MAX_MEMBERS = 10_000
# Deflate packs Word's XML 5-30 times; a zip bomb's ratio is in the hundreds or thousands.
MAX_RATIO = 200
_RATIO_FLOOR = _MIB  # below this, a part may pack as tight as it likes: the totals bound it

NOT_A_ZIP = "not a Word document: not a zip archive"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .docx is an OLE compound file holding the encrypted zip as this stream.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_XML_DECLARED_ENCODING = re.compile(r"\A\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")
_WORD_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf16", "utf-16le", "utf-16be"}
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def open_package_zip(data: bytes, path: str) -> zipfile.ZipFile:
    """The zip archive in `data`, after its central directory is checked; InputError if not fit."""
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise InputError(path, "encrypted Word document (password-protected) is not read; "
                                   "remove the password and save it as .docx")
        raise InputError(path, "not a Word document: a Word 97-2003 (.doc) or other OLE file; save it as .docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise InputError(path, NOT_A_ZIP) from None
    if len(members) > MAX_MEMBERS:
        raise InputError(path, f"not read: the zip archive has {len(members):,} entries (the limit is {MAX_MEMBERS:,})")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise InputError(path, f"encrypted zip entry {shown(member.filename)} is not read")
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError(path, f"not a Word document: {shown(member.filename)} is packed with "
                                   f"compression method {member.compress_type}")
        size = member.file_size
        if size > MAX_PART_BYTES:
            raise InputError(path, f"not read: {shown(member.filename)} inflates to {size / _MIB:,.0f} MB "
                                   f"(the limit is {MAX_PART_BYTES // _MIB} MB per part)")
        if size > _RATIO_FLOOR and size > MAX_RATIO * max(member.compress_size, 1):
            raise InputError(path, f"not read: {shown(member.filename)} inflates {size // max(member.compress_size, 1):,} "
                                   f"times (a zip bomb; the limit is {MAX_RATIO})")
        total += size
    if total > MAX_INFLATED_BYTES:
        raise InputError(path, f"not read: the zip archive inflates to {total / _MIB:,.0f} MB "
                               f"(the limit is {MAX_INFLATED_BYTES // _MIB} MB)")
    return archive


def refuse_declarations(archive: zipfile.ZipFile, path: str) -> None:
    """Refuse any XML part with a DTD or entity declarations, or in an encoding Word never writes.

    Every part that looks like XML is read (no more than its declared size: zipfile stops
    there and checks the CRC), so no part python-docx parses escapes the check.
    """
    for member in archive.infolist():
        if member.is_dir():
            continue
        try:
            with archive.open(member) as handle:
                head = handle.read(64)
                if not _looks_like_xml(head):
                    continue
                raw = head + handle.read(member.file_size + 1 - len(head))
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError) as exc:
            raise InputError(path, f"not a Word document: {shown(member.filename)} cannot be read "
                                   f"({shown(str(exc))})") from None
        text = _decode_xml(raw)  # bytes where ASCII-compatible: searching them is faster
        declared = _XML_DECLARED_ENCODING.match(text[:256] if isinstance(text, str) else text[:256].decode("latin-1"))
        if declared and declared.group(1).lower() not in _WORD_ENCODINGS:
            raise InputError(path, f"not read: {shown(member.filename)} is XML in {shown(declared.group(1))} "
                                   "(Word writes UTF-8 or UTF-16)")
        markers = ("<!DOCTYPE", "<!ENTITY") if isinstance(text, str) else (b"<!DOCTYPE", b"<!ENTITY")
        if any(marker in text for marker in markers):
            raise InputError(path, f"not read: {shown(member.filename)} has a DTD or entity declarations "
                                   "(XML with entities is never expanded)")


def shown(name: str) -> str:
    """`name` (a zip entry's, or a library's message) with control characters escaped, so a
    problem stays one line."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if m.group() < "\u0100" else f"\\u{ord(m.group()):04x}", name)


def _looks_like_xml(head: bytes) -> bool:
    return (xml_codec(head) is not None
            or head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n").startswith(b"<"))


def _decode_xml(raw: bytes) -> str | bytes:
    """UTF-16 and UTF-32 XML decoded; anything else as it is (UTF-8 and the encodings refused
    by name)."""
    codec = xml_codec(raw)
    return raw.decode(codec, errors="replace") if codec is not None else raw
