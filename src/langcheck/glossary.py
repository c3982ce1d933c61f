"""Glossaries: the agreed renderings of terms, organisations, people and places in each language.

A glossary file is YAML with top-level lists (`terms`, `organisations`, `people`, `places`); each
entry has an `id`, an optional `type` (defaulting from the list it is in), an optional `note`, and
one list of forms per language code (`en: [Union State]`). TBX files (`.tbx`) are read as well:
each `termEntry`/`conceptEntry` becomes an entry of type `term` (or the value of a
`<descrip type="subjectField">` of organisation/person/place).

Errors are one line, `"<file>:<line>: <problem>"`, raised as `GlossaryError`.
"""

from __future__ import annotations

import dataclasses
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Sequence

import yaml

if TYPE_CHECKING:
    from langcheck.config import Config

SUPPORTED_LANGUAGES = ("de", "en", "es", "fr", "ru")
ENTRY_TYPES = ("term", "organisation", "person", "place")
# The fact key prefix for each entry type (`org:un`, `person:lavrov`, ...).
KEY_PREFIX = {"term": "term", "organisation": "org", "person": "person", "place": "place"}
_SECTION_TYPES = {"terms": "term", "organisations": "organisation", "people": "person", "places": "place"}
_ENTRY_KEYS = {"id", "type", "note"}
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


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
    """

    id: str
    type: str
    forms: tuple[tuple[str, tuple[str, ...]], ...]
    origin: str = ""
    note: str = ""
    replaces: str = ""

    @property
    def file(self) -> str:
        """The file of `origin`."""
        return self.origin.rsplit(":", 1)[0]

    @property
    def key(self) -> str:
        """The fact key for this entry, e.g. `org:un` or `term:union-state`."""
        return f"{KEY_PREFIX[self.type]}:{self.id}"

    def forms_in(self, lang: str) -> tuple[str, ...]:
        for code, forms in self.forms:
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
            if e.id.casefold() == wanted or any(f.casefold() == wanted for _, forms in e.forms for f in forms)
        )

    def by_key(self) -> Mapping[str, GlossaryEntry]:
        return {e.key: e for e in self.entries}

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
    return Glossary(tuple(merged.entries.values())), tuple(problems)


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
    return (a.type, a.forms) == (b.type, b.forms)


def _read_file(path: Path, max_file_bytes: int | None, named_at: Mapping[str, str], problems: list[str]) -> list[GlossaryEntry]:
    from langcheck.load.errors import InputError
    from langcheck.load.files import DEFAULT_MAX_FILE_BYTES, read_bounded

    try:
        text = read_bounded(path, max_file_bytes or DEFAULT_MAX_FILE_BYTES).decode("utf-8")
    except InputError as exc:
        where = named_at.get(str(path))
        problems.append(f"{where}: {path}: {exc.problem}" if where else f"{path}:1: cannot read file ({exc.problem})")
        return []
    except UnicodeDecodeError:
        problems.append(f"{path}:1: cannot read file (not UTF-8 text)")
        return []
    try:
        return _read_tbx(path, text, problems) if path.suffix == ".tbx" else _read_yaml(path, text, problems)
    except GlossaryError as exc:  # the file cannot be read further (invalid YAML or XML)
        problems.extend(exc.problems)
        return []


# --- YAML ---------------------------------------------------------------------------------------
# Readers append each problem to `problems` and go on with the next key or entry, so one run of
# `glossary validate` lists them all; only a file that does not parse raises GlossaryError.


def _read_yaml(path: Path, text: str, problems: list[str]) -> list[GlossaryEntry]:
    from langcheck.safe_yaml import compose_and_load

    try:
        root, data = compose_and_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise GlossaryError(f"{path}:{line}: invalid YAML: {problem}") from exc
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise GlossaryError(f"{path}:1: expected a mapping with lists such as 'terms:' at the top level")
    entries: list[GlossaryEntry] = []
    for key_node, value_node in root.value:
        section = key_node.value
        line = key_node.start_mark.line + 1
        if section not in _SECTION_TYPES:
            problems.append(f"{path}:{line}: unknown key '{section}' (expected one of {', '.join(_SECTION_TYPES)})")
            continue
        if isinstance(value_node, yaml.ScalarNode) and value_node.value in ("", "~", "null"):
            continue
        if not isinstance(value_node, yaml.SequenceNode):
            problems.append(f"{path}:{line}: '{section}' must be a list of entries")
            continue
        for item in value_node.value:
            entry = _yaml_entry(path, item, _SECTION_TYPES[section], problems)
            if entry is not None:
                entries.append(entry)
    return entries


def _yaml_entry(path: Path, node: yaml.Node, default_type: str, problems: list[str]) -> GlossaryEntry | None:
    """The entry at `node`, or None when it has a problem (each one appended to `problems`)."""
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        problems.append(f"{path}:{line}: an entry must be a mapping with 'id' and language forms")
        return None
    found = len(problems)
    fields: dict[str, tuple[int, yaml.Node]] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        key_line = key_node.start_mark.line + 1
        if key in fields:
            problems.append(f"{path}:{key_line}: key '{key}' given twice in one entry")
        elif key in _ENTRY_KEYS or key in SUPPORTED_LANGUAGES:
            fields[key] = (key_line, value_node)
        elif _is_language_code(key):
            problems.append(
                f"{path}:{key_line}: unsupported language code '{key}' (supported: {', '.join(SUPPORTED_LANGUAGES)})"
            )
        else:
            problems.append(f"{path}:{key_line}: unknown key '{key}'")
    entry_id = ""
    if "id" not in fields:
        problems.append(f"{path}:{line}: entry without 'id'")
    else:
        entry_id = _scalar(path, *fields["id"], "id", problems)
        if entry_id and not _ID.match(entry_id):
            problems.append(f"{path}:{fields['id'][0]}: invalid id '{entry_id}' (use lowercase letters, digits, '-', '_', '.')")
    entry_type = _scalar(path, *fields["type"], "type", problems) if "type" in fields else default_type
    if entry_type and entry_type not in ENTRY_TYPES:
        problems.append(f"{path}:{fields['type'][0]}: unknown type '{entry_type}' (expected one of {', '.join(ENTRY_TYPES)})")
    note = _scalar(path, *fields["note"], "note", problems) if "note" in fields else ""
    forms: list[tuple[str, tuple[str, ...]]] = []
    before_forms = len(problems)
    for lang in SUPPORTED_LANGUAGES:
        if lang in fields:
            values = _forms(path, *fields[lang], lang, problems)
            if values:
                forms.append((lang, values))
    if not forms and len(problems) == before_forms:  # (a bad form is its own problem)
        problems.append(f"{path}:{line}: entry '{entry_id}' has no forms in any language")
    if len(problems) > found:
        return None
    return GlossaryEntry(entry_id, entry_type, tuple(forms), origin=f"{path}:{line}", note=note)


def _scalar(path: Path, line: int, node: yaml.Node, key: str, problems: list[str]) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        problems.append(f"{path}:{line}: '{key}' must be a non-empty text")
        return ""
    return str(node.value).strip()


def _forms(path: Path, line: int, node: yaml.Node, lang: str, problems: list[str]) -> tuple[str, ...]:
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    out: list[str] = []
    for item in items:
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            problems.append(f"{path}:{item.start_mark.line + 1}: forms for '{lang}' must be non-empty texts")
        elif str(item.value).strip() not in out:
            out.append(str(item.value).strip())
    return tuple(out)


def _is_language_code(key: str) -> bool:
    if not re.fullmatch(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?", key):
        return False
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(key.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


# --- TBX ----------------------------------------------------------------------------------------

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _read_tbx(path: Path, text: str, problems: list[str]) -> list[GlossaryEntry]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else 1
        raise GlossaryError(f"{path}:{line}: invalid TBX: {exc.msg if hasattr(exc, 'msg') else exc}") from exc
    lines = _entry_lines(text)
    entries: list[GlossaryEntry] = []
    concepts = [el for el in root.iter() if _local(el.tag) in ("termEntry", "conceptEntry")]
    for number, concept in enumerate(concepts):
        entry = _tbx_entry(path, concept, lines[number] if number < len(lines) else 1, problems)
        if entry is not None:
            entries.append(entry)
    return entries


def _tbx_entry(path: Path, concept: ET.Element, line: int, problems: list[str]) -> GlossaryEntry | None:
    found = len(problems)
    entry_id = (concept.get("id") or "").strip().lower()
    if not entry_id:
        problems.append(f"{path}:{line}: entry without 'id'")
    entry_type = "term"
    for descrip in concept.iter():
        if _local(descrip.tag) == "descrip" and descrip.get("type") == "subjectField":
            entry_type = (descrip.text or "").strip().lower()
    if entry_type not in ENTRY_TYPES:
        problems.append(f"{path}:{line}: unknown type '{entry_type}' (expected one of {', '.join(ENTRY_TYPES)})")
    forms: dict[str, list[str]] = {}
    for lang_set in concept:
        if _local(lang_set.tag) not in ("langSet", "langSec"):
            continue
        lang = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").lower().split("-")[0]
        if lang not in SUPPORTED_LANGUAGES:
            problems.append(f"{path}:{line}: unsupported language code '{lang}' (supported: {', '.join(SUPPORTED_LANGUAGES)})")
            continue
        for term in lang_set.iter():
            if _local(term.tag) == "term" and (term.text or "").strip():
                forms.setdefault(lang, []).append(term.text.strip())
    if not forms:
        problems.append(f"{path}:{line}: entry '{entry_id}' has no forms in any language")
    if len(problems) > found:
        return None
    ordered = tuple((lang, tuple(dict.fromkeys(forms[lang]))) for lang in SUPPORTED_LANGUAGES if lang in forms)
    return GlossaryEntry(entry_id, entry_type, ordered, origin=f"{path}:{line}")


def _entry_lines(text: str) -> list[int]:
    """1-based lines of each `<termEntry`/`<conceptEntry` start tag, in document order."""
    return [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r"<(?:\w+:)?(?:termEntry|conceptEntry)\b", text)]


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
