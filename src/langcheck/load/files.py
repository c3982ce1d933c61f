"""Which files make up a release, and which language each one is in (from its name)."""

from __future__ import annotations

import re
from pathlib import Path

from langcheck.load.errors import InputError

FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html", ".xhtml": "html"}
# `en.txt`, `release.fr-FR.md`, `press_de_DE.html`: a language code, optionally with a region,
# as the last dot- or underscore-separated part of the stem.
_LANG_IN_NAME = re.compile(r"(?:^|[._-])([a-z]{2,3})(?:[-_]([A-Za-z]{2}|\d{3}))?$")


# Files that sit beside releases in a repository and are never a language version.
_NOT_A_VERSION = re.compile(r"^(readme|changelog|changes|contributing|license|licence|notice|authors|todo)\b",
                            re.IGNORECASE)


def is_document(path: Path) -> bool:
    """Whether `path` may be a language version: a text, Markdown or HTML file, not a README."""
    return (
        path.suffix.lower() in FORMATS
        and not path.name.startswith(".")
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
    code = match.group(1).lower()
    if code in supported:
        return code
    if not _is_language_code(code):
        if match.start(1) == 0 and match.end() == len(stem):
            raise InputError(str(path), f"unknown language code '{code}' in the file name")
        return None  # e.g. "release.txt": the last word is not meant as a language code
    raise InputError(
        str(path), f"language '{code}' is not configured (languages: {', '.join(supported)})"
    )


def _is_language_code(code: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True
