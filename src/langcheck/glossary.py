"""Glossaries: the agreed renderings of terms, organisations, people and places in each language.

A glossary file is YAML with top-level lists (`terms`, `organisations`, `people`, `places`); each
entry has an `id`, an optional `type` (defaulting from the list it is in), an optional `note`, and
one list of forms per language code (`en: [Union State]`), and optionally `forbidden`: per
language code, the renderings the organisation has ruled out for the concept, which a version must
never use (LC403 `forbidden-rendering`, an error naming the agreed forms):

    places:
      - id: belarus
        en: [Belarus]
        ru: [Беларусь, Республика Беларусь]
        de: [Belarus]
        forbidden: {ru: [Белоруссия], de: [Weißrussland], en: [Byelorussia]}

A forbidden form is matched like an agreed one (inflection-aware: `Белоруссии` is the forbidden
`Белоруссия`), and it still names the concept, so the version is not also told it left the
concept out. A forbidden form that reads as one of the entry's agreed forms of that language once
inflection is ignored (the two could never be told apart) is a problem of the file; a language may
have forbidden forms without agreed ones (the message then says the glossary gives none).

TBX files (`.tbx`) are read as well: each `termEntry`/`conceptEntry` becomes an entry of type
`term` (or the value of a `<descrip type="subjectField">` of organisation/person/place). A term
whose `administrativeStatus` (`<termNote type="administrativeStatus">` or the TBX v3 element) is
`deprecatedTerm-admn-sts` or `supersededTerm-admn-sts`, or whose `normativeAuthorization` is
`deprecatedTerm`, `supersededTerm` or `forbidden` (Weblate's `forbidden` and `obsolete` too), is a
forbidden form; every other term is an agreed form.

Errors are one line, `"<file>:<line>: <problem>"`, raised as `GlossaryError`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Sequence


if TYPE_CHECKING:
    from langcheck.config import Config

log = logging.getLogger(__name__)
SUPPORTED_LANGUAGES = ("de", "en", "es", "fr", "ru")
ENTRY_TYPES = ("term", "organisation", "person", "place")
# The fact key prefix for each entry type (`org:un`, `person:lavrov`, ...).
KEY_PREFIX = {"term": "term", "organisation": "org", "person": "person", "place": "place"}


class GlossaryError(ValueError):
    """Glossary files that cannot be used.

    `problems` holds every problem found, one line each, `"<file>:<line>: <problem>"`; the
    message is the first of them, with the count of the others.
    """

    def __init__(self, problems: str | Sequence[str]) -> None:
        self.problems = (problems,) if isinstance(problems, str) else tuple(problems)
        more = len(self.problems) - 1
        suffix = f" (and {more} more: `langcheck glossary validate` lists them)" if more else ""
        super().__init__(self.problems[0] + suffix)


@dataclass(frozen=True)
class GlossaryEntry:
    """One concept and its allowed forms per language.

    `forms` is a tuple of `(lang, (form, ...))` pairs, sorted by language, so entries are hashable.
    `origin` is `"<file>:<line>"` where the entry was defined; `replaces` is the origin of the
    shipped entry with the same id that this user entry replaces ("" when it replaces none).
    `forbidden` has the shape of `forms`: the renderings ruled out for the concept, per language.
    """

    id: str
    type: str
    forms: tuple[tuple[str, tuple[str, ...]], ...]
    origin: str = ""
    note: str = ""
    replaces: str = ""
    forbidden: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def file(self) -> str:
        """The file of `origin`."""
        return self.origin.rsplit(":", 1)[0]

    @cached_property
    def key(self) -> str:
        """The fact key for this entry, e.g. `org:un` or `term:union-state` (made once: the
        rules and the term reader ask for it tens of thousands of times per archive)."""
        return f"{KEY_PREFIX[self.type]}:{self.id}"

    def forms_in(self, lang: str) -> tuple[str, ...]:
        for code, forms in self.forms:
            if code == lang:
                return forms
        return ()

    def forbidden_in(self, lang: str) -> tuple[str, ...]:
        """The forms ruled out for this concept in `lang` (the `forbidden:` list)."""
        for code, forms in self.forbidden:
            if code == lang:
                return forms
        return ()

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.forms)


@dataclass(frozen=True)
class Glossary:
    """An immutable, hashable set of entries (usable as an `lru_cache` key)."""

    entries: tuple[GlossaryEntry, ...] = ()
    # Hashing every entry on each cache lookup costs more than the lookup; hash once.
    _hash: int = field(init=False, repr=False, compare=False, default=0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash(self.entries))

    def __hash__(self) -> int:
        return self._hash

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GlossaryEntry]:
        return iter(self.entries)

    def of_type(self, *types: str) -> tuple[GlossaryEntry, ...]:
        return tuple(e for e in self.entries if e.type in types)

    def find(self, term: str) -> tuple[GlossaryEntry, ...]:
        """Entries whose id or any form equals `term`, ignoring case (`langcheck glossary show`)."""
        wanted = term.casefold()
        return tuple(
            e for e in self.entries
            if e.id.casefold() == wanted
            or any(f.casefold() == wanted for _, forms in (*e.forms, *e.forbidden) for f in forms)
        )

    def by_key(self) -> Mapping[str, GlossaryEntry]:
        """Fact key -> entry (of two with one key, the later). Made once per glossary and shared
        by every caller, so it must not be changed."""
        # A frozen dataclass refuses attribute assignment, not its own __dict__; a plain dict,
        # so a glossary sent to a worker process still pickles.
        known = self.__dict__.get("_by_key")
        if known is None:
            known = self.__dict__["_by_key"] = {e.key: e for e in self.entries}
        return known

    def merged(self, other: "Glossary") -> "Glossary":
        return Glossary(self.entries + other.entries)


def default_glossary_paths() -> tuple[Path, ...]:
    """The glossaries shipped in the top-level `glossaries/` folder, sorted by name.

    The package reaches them as `langcheck/glossaries` (a link to the top-level folder in the
    repository, copied into wheels as package data), so installed and editable copies agree.
    """
    folder = Path(__file__).resolve().parent / "glossaries"
    if not folder.is_dir():
        raise GlossaryError(f"{folder}: the shipped glossaries are missing (reinstall langcheck)")
    return tuple(sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".tbx")))


def configured_glossary(config: "Config") -> Glossary:
    """The glossary a check uses: the shipped one (unless `default_glossaries: false`) overlaid
    by the configured files (see `load_glossary`)."""
    return load_glossary(
        config.glossaries,
        shipped=default_glossary_paths() if config.default_glossaries else (),
        max_file_bytes=config.max_file_bytes,
        named_at=config.named_at,
    )


def load_glossary(
    paths: Iterable[str | Path],
    *,
    shipped: Iterable[str | Path] = (),
    max_file_bytes: int | None = None,
    named_at: Mapping[str, str] | None = None,
) -> Glossary:
    """Read and validate glossary files (YAML or TBX) into one `Glossary`.

    `shipped` files are read first; an entry in one of `paths` (the user's files) replaces the
    shipped entry with the same id, in its place. `max_file_bytes` bounds each file (default:
    that of `max_file_mb`). `named_at` maps a path to where a config file named it
    (`Config.named_at`), so a file that cannot be read is reported at that config line.
    Raises `GlossaryError` with every problem: invalid YAML/XML, unknown keys, entries without
    forms, unsupported language codes, unknown types, an id twice in one file or among the
    shipped files, and an id that two user files define differently.
    """
    glossary, problems = read_glossaries(paths, shipped=shipped, max_file_bytes=max_file_bytes, named_at=named_at)
    if problems:
        raise GlossaryError(problems)
    return glossary


def read_glossaries(
    paths: Iterable[str | Path],
    *,
    shipped: Iterable[str | Path] = (),
    max_file_bytes: int | None = None,
    named_at: Mapping[str, str] | None = None,
) -> tuple[Glossary, tuple[str, ...]]:
    """`load_glossary` that does not stop at a problem: the glossary of the entries that could
    be read, and every problem, one line each (`langcheck glossary validate`)."""
    problems: list[str] = []
    merged = _Overlay(problems)
    done: set[str] = set()
    for user, group in ((False, shipped), (True, paths)):
        for path in map(Path, group):
            real = os.path.realpath(path)
            if real in done:  # a file named twice (config and option, or a shipped one) is read once
                continue
            done.add(real)
            start = len(problems)
            merged.add(_read_file(path, max_file_bytes, named_at or {}, problems), user=user)
            problems[start:] = sorted(problems[start:], key=lambda problem: _line_of(problem, path))
    _save_prepared()
    return Glossary(tuple(merged.entries.values())), tuple(problems)


def replaced_shipped_ids(glossary: Glossary, files: Iterable[str | Path]) -> list[str]:
    """The ids of `glossary` (read from the user's `files`) that replace a shipped entry, in
    the glossary's order. A shipped file named among `files` replaces nothing: it is the
    shipped entry."""
    given = {os.path.realpath(f) for f in files}
    shipped = {e.id for e in load_glossary(default_glossary_paths()) if os.path.realpath(e.file) not in given}
    return [entry.id for entry in glossary if entry.id in shipped]


def _line_of(problem: str, path: Path) -> int:
    """The line a problem about `path` names (0 for one named elsewhere, such as a config line)."""
    head = problem[len(str(path)) + 1:].split(":", 1)[0] if problem.startswith(f"{path}:") else ""
    return int(head) if head.isdigit() else 0


class _Overlay:
    """Entries by id, in the order first defined: shipped ones, replaced in place by users'."""

    def __init__(self, problems: list[str]) -> None:
        self.entries: dict[str, GlossaryEntry] = {}
        self.problems = problems
        self._users: dict[str, GlossaryEntry] = {}

    def add(self, file_entries: list[GlossaryEntry], *, user: bool) -> None:
        in_file: dict[str, GlossaryEntry] = {}
        for entry in file_entries:
            first = in_file.get(entry.id) or (self._users if user else self.entries).get(entry.id)
            if first is not None:
                # The same definition in two user files (a shared list named by two configs)
                # is no conflict; within one file, or differing, it is.
                if entry.id in in_file or not _same_meaning(first, entry):
                    self.problems.append(f"{entry.origin}: duplicate id '{entry.id}' (first defined at {first.origin})")
                continue
            in_file[entry.id] = entry
            if user:
                self._users[entry.id] = entry
                replaced = self.entries.get(entry.id)
                if replaced is not None:
                    entry = dataclasses.replace(entry, replaces=replaced.origin)
            self.entries[entry.id] = entry


def _same_meaning(a: GlossaryEntry, b: GlossaryEntry) -> bool:
    return (a.type, a.forms, a.forbidden) == (b.type, b.forms, b.forbidden)


def _read_file(path: Path, max_file_bytes: int | None, named_at: Mapping[str, str], problems: list[str]) -> list[GlossaryEntry]:
    from langcheck.load.errors import InputError
    from langcheck.load.files import DEFAULT_MAX_FILE_BYTES, read_bounded

    try:
        data = read_bounded(path, max_file_bytes or DEFAULT_MAX_FILE_BYTES)
        text = data.decode("utf-8")
    except InputError as exc:
        where = named_at.get(str(path))
        problems.append(f"{where}: {path}: {exc.problem}" if where else f"{path}:1: cannot read file ({exc.problem})")
        return []
    except UnicodeDecodeError:
        problems.append(f"{path}:1: cannot read file (not UTF-8 text)")
        return []
    prepared = _prepared()
    if prepared is not None:
        known = prepared.get(str(path), data)
        if known is not None:
            entries, found = known
            problems.extend(found)
            return entries
    from langcheck.glossary_files import read_tbx, read_yaml

    start = len(problems)
    try:
        entries = read_tbx(path, text, problems) if path.suffix == ".tbx" else read_yaml(path, text, problems)
    except GlossaryError as exc:  # the file cannot be read further (invalid YAML or XML)
        problems.extend(exc.problems)
        entries = []
    if prepared is not None:
        prepared.put(str(path), data, entries, problems[start:])
    return entries


# --- the prepared copy ---------------------------------------------------------------------------
# Parsing the shipped YAML glossaries (and importing the YAML library) takes about 30 ms of every
# run. What a file reads into depends only on its path (named in `origin` and in problems), its
# bytes and the readers' code, so the entries and problems read from each file are kept as JSON
# in the cache's `models/` folder (`use_prepared_dir`, set by the pipeline), keyed by the path
# and the SHA-256 of the bytes, the whole copy by the SHA-256 of the readers' source files: a
# changed glossary or a changed reader is read again, never answered from an old copy.

_PREPARED_FILE = "glossaries.json"
_PREPARED_KEEP = 64  # files kept in the copy (the most recently read ones)
_prepared_dir: Path | None = None
_prepared_files: _PreparedFiles | None = None


def use_prepared_dir(folder: Path | None) -> None:
    """Keep (and read) the prepared copy of glossary files in `folder`; None: parse every file."""
    global _prepared_dir, _prepared_files
    folder = Path(folder) if folder is not None else None
    if folder != _prepared_dir:
        _prepared_dir, _prepared_files = folder, None


def _prepared() -> _PreparedFiles | None:
    global _prepared_files
    if _prepared_dir is None:
        return None
    if _prepared_files is None:
        _prepared_files = _PreparedFiles(_prepared_dir / _PREPARED_FILE)
    return _prepared_files


def _save_prepared() -> None:
    if _prepared_files is not None:
        _prepared_files.save()


class _PreparedFiles:
    """The prepared copy: `files` maps a path to [sha256 of its bytes, entry rows, problems];
    an entry row is [id, type, [[lang, [form, ...]], ...], origin, note, forbidden] where
    `forbidden` has the shape of the forms."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.reader = _reader_digest()
        self.files: dict[str, list] = {}
        self.changed = False
        try:
            from langcheck.prepared import read_json  # only where a copy is read

            data = read_json(path)
            if isinstance(data, dict) and data.get("reader") == self.reader and isinstance(data.get("files"), dict):
                self.files = data["files"]
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:
            log.warning("ignoring the prepared glossaries in %s: %s", path, exc)

    def get(self, name: str, data: bytes) -> tuple[list[GlossaryEntry], list[str]] | None:
        row = self.files.get(name)
        if not row or row[0] != hashlib.sha256(data).hexdigest():
            return None
        try:
            entries = [GlossaryEntry(str(i), str(t), _lang_forms(f), str(o), str(n), forbidden=_lang_forms(x))
                       for i, t, f, o, n, x in row[1]]
            return entries, [str(p) for p in row[2]]
        except (TypeError, ValueError) as exc:
            log.warning("ignoring the prepared copy of %s: %s", name, exc)
            return None

    def put(self, name: str, data: bytes, entries: list[GlossaryEntry], problems: list[str]) -> None:
        rows = [[e.id, e.type, _lang_rows(e.forms), e.origin, e.note, _lang_rows(e.forbidden)] for e in entries]
        self.files.pop(name, None)
        self.files[name] = [hashlib.sha256(data).hexdigest(), rows, list(problems)]
        while len(self.files) > _PREPARED_KEEP:
            del self.files[next(iter(self.files))]
        self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        self.changed = False
        text = json.dumps({"reader": self.reader, "files": self.files}, ensure_ascii=False)
        try:
            from langcheck.prepared import write_file  # only where a prepared copy is written

            write_file(self.path, text.encode("utf-8"))
        except OSError as exc:
            log.warning("could not keep the prepared glossaries in %s: %s", self.path, exc)


def _lang_forms(rows: list) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((str(lang), tuple(map(str, forms))) for lang, forms in rows)


def _lang_rows(forms: tuple[tuple[str, tuple[str, ...]], ...]) -> list:
    return [[lang, list(values)] for lang, values in forms]


def _reader_digest() -> str:
    """SHA-256 of the source files that turn a glossary file into entries and problems."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in ("glossary.py", "glossary_files.py", "safe_yaml.py"):
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()
