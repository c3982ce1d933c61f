"""Which language versions each release of a tree must have (for LC105 missing-version).

A release is held to the `languages` setting when one is configured. Without one, the other
releases of the same tree are the yardstick: a language version is required where most of the
other releases have it. Only file names are read here (one folder listing per release), so the
census of a large archive costs no more than walking it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from langcheck.load.errors import InputError
from langcheck.load.files import FORMATS, is_document, language_from_name

# A language counts as the tree's when at least this many of the other releases have it (and
# more than half of them): one other release is no evidence of what a tree publishes.
MIN_OTHER_RELEASES = 2


def folder_languages(folder: Path, languages: Sequence[str]) -> frozenset[str] | None:
    """The languages the file names in `folder` declare, or None when that cannot be told
    without reading the files (a name without a language code, or one the loader refuses)."""
    supported = tuple(languages)
    found: set[str] = set()
    try:
        entries = [entry for entry in folder.iterdir() if is_document(entry)]
    except OSError:
        return None
    for entry in entries:
        if FORMATS[entry.suffix.lower()] == "xliff":  # a pair in one file: `release.en-de.xlf`
            from langcheck.load.xliff_names import name_languages

            pair = name_languages(entry, supported)
            if pair is None:
                return None
            found |= pair
            continue
        try:
            code = language_from_name(entry, supported)
        except InputError:
            return None
        if code is None:
            return None
        found.add(code)
    return frozenset(found)


def required_versions(
    folders: Iterable[Path | InputError], languages: Sequence[str], *, configured: bool
) -> dict[Path, tuple[str, ...]]:
    """For each release folder, the languages it must have a version in (sorted).

    `configured`: `languages` was set, so every release must have all of them. Otherwise a
    language is required of a release when at least MIN_OTHER_RELEASES of the *other* releases
    of the tree have a version in it, and more than half of them do. Releases whose languages
    cannot be told from their file names (see `folder_languages`) are left out of the count; a
    single release, or a tree of two, has nothing to be held to.
    """
    paths = [f for f in folders if isinstance(f, Path)]
    if configured:
        return {folder: tuple(sorted(languages)) for folder in paths}
    census: Mapping[Path, frozenset[str] | None] = {f: folder_languages(f, languages) for f in paths}
    known = [langs for langs in census.values() if langs is not None]
    counts = Counter(lang for langs in known for lang in langs)
    required: dict[Path, tuple[str, ...]] = {}
    for folder, own in census.items():
        others = len(known) - (own is not None)
        mine = own or frozenset()
        required[folder] = tuple(sorted(
            lang for lang, n in counts.items()
            if (held := n - (lang in mine)) >= MIN_OTHER_RELEASES and 2 * held > others
        ))
    return required
