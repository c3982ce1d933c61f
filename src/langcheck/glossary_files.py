"""The glossary file formats: YAML and TBX, read into `GlossaryEntry` values.

Each reader appends every problem to `problems` (`"<file>:<line>: <problem>"`) and goes on with
the next key or entry, so `langcheck glossary validate` lists them all; only a file that does
not parse at all raises `GlossaryError`. The format itself is described in `langcheck.glossary`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from langcheck.glossary import ENTRY_TYPES, SUPPORTED_LANGUAGES, GlossaryEntry, GlossaryError

_SECTION_TYPES = {"terms": "term", "organisations": "organisation", "people": "person", "places": "place"}
_ENTRY_KEYS = {"id", "type", "note", "forbidden"}
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")

# --- YAML ---------------------------------------------------------------------------------------


def read_yaml(path: Path, text: str, problems: list[str]) -> list[GlossaryEntry]:
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
    forbidden = _forbidden(path, *fields["forbidden"], problems) if "forbidden" in fields else ()
    _check_forbidden(path, fields["forbidden"][0] if "forbidden" in fields else line, dict(forms), forbidden, problems)
    if len(problems) > found:
        return None
    return GlossaryEntry(entry_id, entry_type, tuple(forms), origin=f"{path}:{line}", note=note, forbidden=forbidden)


def _forbidden(path: Path, line: int, node: yaml.Node, problems: list[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`forbidden: {ru: [Белоруссия], de: Weißrussland}`: the ruled-out forms per language."""
    if not isinstance(node, yaml.MappingNode):
        problems.append(f"{path}:{line}: 'forbidden' must map language codes to forms (forbidden: {{ru: [...]}})")
        return ()
    found: dict[str, tuple[str, ...]] = {}
    for key_node, value_node in node.value:
        lang = str(key_node.value)
        key_line = key_node.start_mark.line + 1
        if lang in found:
            problems.append(f"{path}:{key_line}: forbidden forms for '{lang}' given twice in one entry")
        elif lang in SUPPORTED_LANGUAGES:
            values = _forms(path, key_line, value_node, lang, problems)
            if values:
                found[lang] = values
        elif _is_language_code(lang):
            problems.append(
                f"{path}:{key_line}: unsupported language code '{lang}' (supported: {', '.join(SUPPORTED_LANGUAGES)})"
            )
        else:
            problems.append(f"{path}:{key_line}: 'forbidden' takes language codes, not '{lang}'")
    return tuple((lang, found[lang]) for lang in SUPPORTED_LANGUAGES if lang in found)


def _check_forbidden(
    path: Path,
    line: int,
    agreed: dict[str, tuple[str, ...]],
    forbidden: tuple[tuple[str, tuple[str, ...]], ...],
    problems: list[str],
) -> None:
    """A forbidden form that the matcher cannot tell from an agreed form of its language (the
    same words once inflection is ignored) would fire on every agreed use: a problem."""
    if not forbidden:
        return
    from langcheck.extract.terms import reads_as

    for lang, values in forbidden:
        for value in values:
            clash = next((form for form in agreed.get(lang, ()) if reads_as(value, form, lang)), None)
            if clash is not None:
                problems.append(
                    f"{path}:{line}: forbidden form '{value}' for '{lang}' reads as the agreed form '{clash}' "
                    "(matching ignores inflection and case)"
                )


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


def read_tbx(path: Path, text: str, problems: list[str]) -> list[GlossaryEntry]:
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
    ruled_out: dict[str, list[str]] = {}
    for lang_set in concept:
        if _local(lang_set.tag) not in ("langSet", "langSec"):
            continue
        lang = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").lower().split("-")[0]
        if lang not in SUPPORTED_LANGUAGES:
            problems.append(f"{path}:{line}: unsupported language code '{lang}' (supported: {', '.join(SUPPORTED_LANGUAGES)})")
            continue
        parents = {child: parent for parent in lang_set.iter() for child in parent}
        for term in lang_set.iter():
            if _local(term.tag) == "term" and (term.text or "").strip():
                container = parents.get(term, lang_set)
                if _local(container.tag) == "termGrp":  # an `ntig` keeps its notes beside the group
                    container = parents.get(container, container)
                ruled = _is_ruled_out(container)
                (ruled_out if ruled else forms).setdefault(lang, []).append(term.text.strip())
    if not forms:
        problems.append(f"{path}:{line}: entry '{entry_id}' has no forms in any language")
    ordered = tuple((lang, tuple(dict.fromkeys(forms[lang]))) for lang in SUPPORTED_LANGUAGES if lang in forms)
    forbidden = tuple((lang, tuple(dict.fromkeys(ruled_out[lang]))) for lang in SUPPORTED_LANGUAGES if lang in ruled_out)
    _check_forbidden(path, line, dict(ordered), forbidden, problems)
    if len(problems) > found:
        return None
    return GlossaryEntry(entry_id, entry_type, ordered, origin=f"{path}:{line}", forbidden=forbidden)


# TBX's term status data categories (ISO 30042 / ISO 12620): `administrativeStatus` with values
# such as `deprecatedTerm-admn-sts`, and the older `normativeAuthorization` (`deprecatedTerm`);
# Weblate writes `forbidden` and `obsolete`. Normalised: lower case, without `-admn-sts` and `term`.
_STATUS_TYPES = frozenset({"administrativeStatus", "normativeAuthorization"})
_RULED_OUT = frozenset({"deprecated", "superseded", "forbidden", "obsolete"})


def _is_ruled_out(container: ET.Element) -> bool:
    """Whether the term's own container (`tig`, `ntig`/`termGrp`, `termSec`) marks it ruled out:
    a `<termNote type="administrativeStatus">` (TBX 2008) or an `<administrativeStatus>` element
    (TBX v3, data categories as tags)."""
    for note in container.iter():
        tag = _local(note.tag)
        kind = note.get("type") if tag == "termNote" else tag
        if kind in _STATUS_TYPES:
            value = (note.text or "").strip().lower().replace("-admn-sts", "")
            if value.removesuffix("term") in _RULED_OUT:
                return True
    return False


def _entry_lines(text: str) -> list[int]:
    """1-based lines of each `<termEntry`/`<conceptEntry` start tag, in document order."""
    return [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r"<(?:\w+:)?(?:termEntry|conceptEntry)\b", text)]


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
