"""Which files make up a release, and which language each one is in (from its name)."""

from __future__ import annotations

import os
import re
import stat
from functools import lru_cache
from pathlib import Path

from langcheck.load.errors import InputError

FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html", ".xhtml": "html",
           # A .docm is seen, to be refused by the Word reader with its reason, not skipped unseen.
           ".docx": "docx", ".docm": "docx",
           # Bilingual exchange files from CAT tools (`langcheck.load.xliff`): Trados' .sdlxliff and
           # memoQ's .mqxliff are XLIFF 1.2 with the tools' own namespaces added.
           ".xlf": "xliff", ".xliff": "xliff", ".sdlxliff": "xliff", ".mqxliff": "xliff"}
# `en.txt`, `release.fr-FR.md`, `press_de_DE.html`, `release.eng.txt`: a language code (ISO 639-1,
# or 639-2/3), optionally with a region, as the whole stem or its last dot- or underscore-separated
# part. A hyphen is no separator before the code (`what-it-is.txt` is not Italian); after `_` a
# region is upper case, as POSIX locales write it (`what_it_is.txt` is not either).
_LANG_IN_NAME = re.compile(r"(?:^|[._])([a-z]{2,3})(?:-([A-Za-z]{2}|\d{3})|_([A-Z]{2}|\d{3}))?$")


# Files that sit beside releases in a repository and are never a language version.
_NOT_A_VERSION = re.compile(r"^(readme|changelog|changes|contributing|license|licence|notice|authors|todo)\b",
                            re.IGNORECASE)


def is_document(path: Path) -> bool:
    """Whether `path` may be a language version: a text, Markdown, HTML or Word file, not a README
    nor the `~$name.docx` lock file Word leaves beside a document it has open."""
    return (
        path.suffix.lower() in FORMATS
        and not path.name.startswith((".", "~$"))
        and not _NOT_A_VERSION.match(path.name)
    )


def language_from_name(path: Path, supported: tuple[str, ...]) -> str | None:
    """The language code a file name declares, or None when the name declares none.

    Raises InputError for a name that declares a language code no one knows (`xx.txt`), or one
    that is not among the configured languages.
    """
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    match = _LANG_IN_NAME.search(stem)
    if not match:
        return None
    code = _two_letter(match.group(1).lower())
    if code in supported:
        return code
    if not is_language_code(code):
        if match.start(1) == 0 and match.end() == len(stem):
            raise InputError(str(path), f"unknown language code '{code}' in the file name")
        return None  # e.g. "release.txt": the last word is not meant as a language code
    raise InputError(
        str(path), f"language '{code}' is not configured (languages: {', '.join(supported)})"
    )


def _two_letter(code: str) -> str:
    """`eng` -> `en`, `ger` -> `de`: ISO 639-2/3 codes as the two-letter code they alias (CLDR)."""
    if len(code) != 3:
        return code
    from babel.core import get_global

    alias = get_global("language_aliases").get(code)
    return alias if isinstance(alias, str) and len(alias) == 2 else code


@lru_cache(maxsize=4096)
def is_language_code(code: str) -> bool:
    """Whether CLDR knows `code` as a language (`de`, `pt_BR`)."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
_MB = 1024 * 1024


def read_bounded(file: str | os.PathLike, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file no larger than `max_file_bytes`, else InputError.

    Every file langcheck reads goes through here (documents, configs, glossaries, baselines,
    line files): `/dev/zero` or a FIFO is not a regular file, and a file over the limit is
    refused on its size before it is read, so nothing is read without bound.
    """
    file = Path(file)
    try:
        _refuse_special(file, file.stat())  # before open(): opening a FIFO would wait for a writer
        with open(file, "rb") as handle:
            info = os.fstat(handle.fileno())
            _refuse_special(file, info)
            # Refuse before reading: a 200 MB file must not be pulled into memory to be rejected.
            if info.st_size > max_file_bytes:
                # In the unit of the max_file_mb setting (2**20 bytes), so the numbers match the config.
                raise InputError(
                    str(file),
                    f"file too large ({info.st_size / _MB:.1f} MB; the limit is {max_file_bytes / _MB:g} MB, "
                    "set by max_file_mb)",
                )
            data = handle.read(max_file_bytes + 1)
    except PermissionError:
        raise InputError(str(file), "permission denied") from None
    except FileNotFoundError:
        raise InputError(str(file), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(file), "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(str(file), exc.strerror or "cannot read") from None
    if len(data) > max_file_bytes:  # it grew while being read
        raise InputError(str(file), f"file too large (the limit is {max_file_bytes / _MB:g} MB, set by max_file_mb)")
    return data


def _refuse_special(file: Path, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError
    if not stat.S_ISREG(info.st_mode):
        raise InputError(str(file), "not a regular file")
