"""Which languages an XLIFF file's name declares (`release.en-de.xlf`, `de.xlf`, `release_de.xliff`).

Kept apart from `langcheck.load.xliff` so that the census of a tree reads names without
loading the XML parser.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from langcheck.load.files import _LANG_IN_NAME, _two_letter, is_language_code

__all__ = ["name_languages", "name_target_languages"]

# A language pair at the end of a file name (`release.en-de`, `press_en-GB_de-DE`); else a single
# code as `langcheck.load.files` reads it (`_LANG_IN_NAME`: `de`, `release.de-DE`, `press_de_DE`).
_PAIR_IN_NAME = re.compile(r"(?:^|[._])([a-z]{2,3})(?:[-_](?:[A-Z]{2}|\d{3}))?[-_]([a-z]{2,3})(?:[-_](?:[A-Z]{2}|\d{3}))?$")


def name_languages(path: Path, supported: Sequence[str]) -> frozenset[str] | None:
    """Both languages of an XLIFF file from its name alone (`release.en-de.xlf`: en and de),
    for the census of a tree; None where the name does not declare a configured pair."""
    stem = path.stem
    pair = _PAIR_IN_NAME.search(stem)
    if not pair:
        return None
    languages = frozenset(_two_letter(code) for code in pair.groups())
    return languages if len(languages) == 2 and languages <= set(supported) else None


def name_target_languages(path: Path) -> tuple[str, ...]:
    """The target languages an XLIFF file name may declare, most likely first; () for none.

    `release.en-de.xlf` declares the pair en -> de (target de; read as en with region DE, en
    too); `de.xlf`, `release_de.xliff`, `release.de-DE.xlf`, `press_de_DE.xlf` declare de.
    Only known language codes count (`release.xlf` and `what-it-is.xlf` declare none).
    """
    stem = path.stem
    declared: list[str] = []
    pair = _PAIR_IN_NAME.search(stem)
    if pair:
        first, second = (_two_letter(code) for code in pair.groups())
        if is_language_code(first) and is_language_code(second):
            declared.append(second)
    single = _LANG_IN_NAME.search(stem)
    if single:
        code = _two_letter(single.group(1))
        if is_language_code(code) and code not in declared:
            declared.append(code)
    return tuple(declared)
