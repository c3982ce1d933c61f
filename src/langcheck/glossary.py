"""Glossaries: the agreed renderings of terms, organisations, people and places in each language.

A glossary file is YAML with top-level lists (`terms`, `organisations`, `people`, `places`); each
entry has an `id`, an optional `type` (defaulting from the list it is in), an optional `note`, and
one list of forms per language code (`en: [Union State]`). TBX files (`.tbx`) are read as well:
each `termEntry`/`conceptEntry` becomes an entry of type `term` (or the value of a
`<descrip type="subjectField">` of organisation/person/place).

Errors are one line, `"<file>:<line>: <problem>"`, raised as `GlossaryError`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import yaml

SUPPORTED_LANGUAGES = ("de", "en", "es", "fr", "ru")
ENTRY_TYPES = ("term", "organisation", "person", "place")
# The fact key prefix for each entry type (`org:un`, `person:lavrov`, ...).
KEY_PREFIX = {"term": "term", "organisation": "org", "person": "person", "place": "place"}
_SECTION_TYPES = {"terms": "term", "organisations": "organisation", "people": "person", "places": "place"}
_ENTRY_KEYS = {"id", "type", "note"}
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


class GlossaryError(ValueError):
    """A glossary file that cannot be used; the message is `"<file>:<line>: <problem>"`."""


@dataclass(frozen=True)
class GlossaryEntry:
    """One concept and its allowed forms per language.

    `forms` is a tuple of `(lang, (form, ...))` pairs, sorted by language, so entries are hashable.
    `origin` is `"<file>:<line>"` where the entry was defined.
    """

    id: str
    type: str
    forms: tuple[tuple[str, tuple[str, ...]], ...]
    origin: str = ""
    note: str = ""

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


def load_glossary(paths: Iterable[str | Path], *, max_file_bytes: int | None = None) -> Glossary:
    """Read and validate glossary files (YAML or TBX) into one `Glossary`.

    `max_file_bytes` bounds each file (default: that of `max_file_mb`).
    Raises `GlossaryError` on invalid YAML/XML, unknown keys, entries without forms, unsupported
    language codes, unknown types and ids defined twice (also across files).
    """
    from langcheck.load.errors import InputError
    from langcheck.load.files import DEFAULT_MAX_FILE_BYTES, read_bounded

    entries: list[GlossaryEntry] = []
    seen: dict[str, str] = {}
    for path in paths:
        path = Path(path)
        try:
            text = read_bounded(path, max_file_bytes or DEFAULT_MAX_FILE_BYTES).decode("utf-8")
        except InputError as exc:
            raise GlossaryError(f"{path}:1: cannot read file ({exc.problem})") from None
        except UnicodeDecodeError as exc:
            raise GlossaryError(f"{path}:1: cannot read file (not UTF-8 text)") from exc
        found = _read_tbx(path, text) if path.suffix == ".tbx" else _read_yaml(path, text)
        for entry in found:
            if entry.id in seen:
                raise GlossaryError(f"{entry.origin}: duplicate id '{entry.id}' (first defined at {seen[entry.id]})")
            seen[entry.id] = entry.origin
            entries.append(entry)
    return Glossary(tuple(entries))


# --- YAML ---------------------------------------------------------------------------------------


def _read_yaml(path: Path, text: str) -> list[GlossaryEntry]:
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
            raise GlossaryError(f"{path}:{line}: unknown key '{section}' (expected one of {', '.join(_SECTION_TYPES)})")
        if isinstance(value_node, yaml.ScalarNode) and value_node.value in ("", "~", "null"):
            continue
        if not isinstance(value_node, yaml.SequenceNode):
            raise GlossaryError(f"{path}:{line}: '{section}' must be a list of entries")
        for item in value_node.value:
            entries.append(_yaml_entry(path, item, _SECTION_TYPES[section]))
    return entries


def _yaml_entry(path: Path, node: yaml.Node, default_type: str) -> GlossaryEntry:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise GlossaryError(f"{path}:{line}: an entry must be a mapping with 'id' and language forms")
    fields: dict[str, tuple[int, yaml.Node]] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        key_line = key_node.start_mark.line + 1
        if key in fields:
            raise GlossaryError(f"{path}:{key_line}: key '{key}' given twice in one entry")
        if key not in _ENTRY_KEYS and key not in SUPPORTED_LANGUAGES:
            if _is_language_code(key):
                raise GlossaryError(
                    f"{path}:{key_line}: unsupported language code '{key}' (supported: {', '.join(SUPPORTED_LANGUAGES)})"
                )
            raise GlossaryError(f"{path}:{key_line}: unknown key '{key}'")
        fields[key] = (key_line, value_node)
    if "id" not in fields:
        raise GlossaryError(f"{path}:{line}: entry without 'id'")
    entry_id = _scalar(path, *fields["id"], "id")
    if not _ID.match(entry_id):
        raise GlossaryError(f"{path}:{fields['id'][0]}: invalid id '{entry_id}' (use lowercase letters, digits, '-', '_', '.')")
    entry_type = _scalar(path, *fields["type"], "type") if "type" in fields else default_type
    if entry_type not in ENTRY_TYPES:
        raise GlossaryError(f"{path}:{fields['type'][0]}: unknown type '{entry_type}' (expected one of {', '.join(ENTRY_TYPES)})")
    note = _scalar(path, *fields["note"], "note") if "note" in fields else ""
    forms: list[tuple[str, tuple[str, ...]]] = []
    for lang in SUPPORTED_LANGUAGES:
        if lang in fields:
            values = _forms(path, *fields[lang], lang)
            if values:
                forms.append((lang, values))
    if not forms:
        raise GlossaryError(f"{path}:{line}: entry '{entry_id}' has no forms in any language")
    return GlossaryEntry(entry_id, entry_type, tuple(forms), origin=f"{path}:{line}", note=note)


def _scalar(path: Path, line: int, node: yaml.Node, key: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise GlossaryError(f"{path}:{line}: '{key}' must be a non-empty text")
    return str(node.value).strip()


def _forms(path: Path, line: int, node: yaml.Node, lang: str) -> tuple[str, ...]:
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    out: list[str] = []
    for item in items:
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            raise GlossaryError(f"{path}:{item.start_mark.line + 1}: forms for '{lang}' must be non-empty texts")
        if str(item.value).strip() not in out:
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


def _read_tbx(path: Path, text: str) -> list[GlossaryEntry]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else 1
        raise GlossaryError(f"{path}:{line}: invalid TBX: {exc.msg if hasattr(exc, 'msg') else exc}") from exc
    lines = _entry_lines(text)
    entries: list[GlossaryEntry] = []
    concepts = [el for el in root.iter() if _local(el.tag) in ("termEntry", "conceptEntry")]
    for number, concept in enumerate(concepts):
        line = lines[number] if number < len(lines) else 1
        entry_id = (concept.get("id") or "").strip().lower()
        if not entry_id:
            raise GlossaryError(f"{path}:{line}: entry without 'id'")
        entry_type = "term"
        for descrip in concept.iter():
            if _local(descrip.tag) == "descrip" and descrip.get("type") == "subjectField":
                entry_type = (descrip.text or "").strip().lower()
        if entry_type not in ENTRY_TYPES:
            raise GlossaryError(f"{path}:{line}: unknown type '{entry_type}' (expected one of {', '.join(ENTRY_TYPES)})")
        forms: dict[str, list[str]] = {}
        for lang_set in concept:
            if _local(lang_set.tag) not in ("langSet", "langSec"):
                continue
            lang = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").lower().split("-")[0]
            if lang not in SUPPORTED_LANGUAGES:
                raise GlossaryError(f"{path}:{line}: unsupported language code '{lang}' (supported: {', '.join(SUPPORTED_LANGUAGES)})")
            for term in lang_set.iter():
                if _local(term.tag) == "term" and (term.text or "").strip():
                    forms.setdefault(lang, []).append(term.text.strip())
        if not forms:
            raise GlossaryError(f"{path}:{line}: entry '{entry_id}' has no forms in any language")
        ordered = tuple((lang, tuple(dict.fromkeys(forms[lang]))) for lang in SUPPORTED_LANGUAGES if lang in forms)
        entries.append(GlossaryEntry(entry_id, entry_type, ordered, origin=f"{path}:{line}"))
    return entries


def _entry_lines(text: str) -> list[int]:
    """1-based lines of each `<termEntry`/`<conceptEntry` start tag, in document order."""
    return [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r"<(?:\w+:)?(?:termEntry|conceptEntry)\b", text)]


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
