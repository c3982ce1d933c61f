"""XLIFF from CAT tools (Trados, memoQ, Phrase, Okapi): one file, two language versions.

`xliff_versions(data, path, languages)` returns the source version, then the target version,
each with the language the file declares (`<file source-language target-language>` in 1.x,
`<xliff srcLang trgLang>` in 2.x; the region is dropped, `de-DE` -> `de`).

- A unit (`trans-unit` in 1.x, `unit` in 2.x) is a paragraph; its `Block.anchor` is
  "unit <id>" (with the file's name where one XLIFF holds several `<file>` elements, whose ids
  may repeat) and its `Block.line` the file line of its `<source>` / `<target>` element.
- Segments are the unit's sentences (`Block.sentences`): `<mrk mtype="seg">` in 1.2
  `<seg-source>` and `<target>`, `<segment>` in 2.x (`<ignorable>` text joins the paragraph,
  never a sentence). A unit of one segment says nothing of its sentences (tools that do not
  segment write a paragraph as one), so the sentence splitter splits it, as for text.
- Inline elements that wrap text (`<g>`, `<mrk>`, `<pc>`) keep it; codes (`<x/>`, `<bx/>`,
  `<ex/>`, `<ph>`, `<bpt>`, `<ept>`, `<it>`, `<sc/>`, `<ec/>`) are dropped with what they hold,
  which in 1.2 is the native markup (`&lt;b&gt;`), not text; `<cp hex>` is its character.
- A unit's note `langcheck-ignore LC201` (`<note>` in 1.2, `<notes><note>` in 2.x) suppresses
  that rule for the unit (no code: every rule), as `<!-- langcheck-ignore -->` does in HTML.
- `translate="no"` on a unit, group or file leaves its units out of both versions. A unit with
  no target (or an empty one) is left out of the target only: that content is missing in that
  version, and the aligner reports it as a missing paragraph. A 2.x segment with no target is a
  sentence missing from the target paragraph.
- Refused, one line each: not XML, not XLIFF, an unknown version, a DTD or any entity
  declaration (refused before parsing, never resolved), a missing or unconfigured language,
  `<file>` elements with different language pairs, a target language that disagrees with the
  file name (`release.en-de.xlf`, `de.xlf`, `release_de.xliff` declare de), no target at all.

Trados `.sdlxliff` and memoQ `.mqxliff` are XLIFF 1.2 with their own namespaces added; those
extension elements are not read. Text Trados marks as deleted by tracked changes
(`<mrk mtype="x-sdl-deleted">`) is left out: the target reads as with the changes accepted.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, Sequence

from lxml import etree

from langcheck.load.blocks import Block, Version, ignored_rules, squeeze
from langcheck.load.encoding import xml_codec
from langcheck.load.errors import InputError
from langcheck.load.files import _two_letter
from langcheck.load.xliff_names import name_target_languages

__all__ = ["xliff_versions"]

_NS1 = {"urn:oasis:names:tc:xliff:document:1.2", "urn:oasis:names:tc:xliff:document:1.1", ""}
_NS2 = "urn:oasis:names:tc:xliff:document:2.0"  # 2.1 and 2.2 keep the 2.0 namespace
_VERSIONS1 = {"1.0", "1.1", "1.2"}
_VERSIONS2 = {"2.0", "2.1", "2.2"}
# Inline elements whose content is text; every other inline element is a code, dropped whole.
_TEXT_INLINE = {"g", "mrk", "pc"}
# Text a reviewer struck out with tracked changes on (Trados): not part of the translation.
_DELETED = {"x-sdl-deleted"}
_MAX_ANCHOR = 80  # unit ids come from the file: a reader needs the id, not 50 kB of it
# What may stand before a DTD: the XML declaration, processing instructions, comments, blanks.
_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
_SNIFF_BYTES = 1 << 16


def xliff_versions(data: bytes, path: str, languages: Sequence[str]) -> list[Version]:
    """The source and the target version of the XLIFF file `data` (read from `path`).

    Raises InputError (one line naming `path`) for any of the refusals in the module docstring.
    """
    _refuse_dtd(data, path)
    root, encoding = _parse(data, path)
    namespace, major = _dialect(root, path)
    if major == 1:
        source_lang, target_lang, units = _units_1(root, namespace, path)
    else:
        source_lang, target_lang, units = _units_2(root, path)
    for role, lang in (("source", source_lang), ("target", target_lang)):
        if lang not in languages:
            raise InputError(path, f"{role} language '{lang}' is not configured (languages: {', '.join(languages)})")
    if source_lang == target_lang:
        raise InputError(path, f"source and target language are both '{source_lang}'")
    declared = name_target_languages(Path(path))
    if declared and target_lang not in declared:
        raise InputError(path, f"target language '{target_lang}' disagrees with the file name ({declared[0]})")
    source = [block for block, _ in units]
    target = [block for _, block in units if block is not None]
    if not target:
        raise InputError(path, "no unit has a target (nothing translated yet)")
    return [Version(source, lang=source_lang, lang_is_fallback=False, encoding=encoding),
            Version(target, lang=target_lang, lang_is_fallback=False, encoding=encoding)]


# --- the file as a tree ---------------------------------------------------------------------------


def _refuse_dtd(data: bytes, path: str) -> None:
    """Refuse a DTD before the parser sees it: an entity bomb is declared there, and an external
    entity could read a local file into the report. (libxml2 would refuse a bomb too, but as a
    parse error that names no cause; `_parse` checks the tree again for a prolog longer than
    what is sniffed here.)"""
    head = data[:_SNIFF_BYTES]
    codec = xml_codec(head)
    if codec is not None:
        # ASCII is all the prolog's markup needs; the rest reads as "?" and stays inert.
        head = head.decode(codec, "replace").lstrip("\ufeff").encode("ascii", "replace")
    head = head.removeprefix(b"\xef\xbb\xbf")
    if head[_PROLOG.match(head).end():].startswith(b"<!DOCTYPE"):
        raise InputError(path, _DTD_REFUSED)


_DTD_REFUSED = "XLIFF with a DTD (<!DOCTYPE>) is refused: its entity declarations are never resolved"


def _parse(data: bytes, path: str) -> tuple[etree._Element, str]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"not XML ({_one_line(str(exc.msg or exc))[:200]})") from None
    if root is None:
        raise InputError(path, "not XML (no root element)")
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise InputError(path, _DTD_REFUSED)
    return root, (info.encoding or "utf-8").lower()


def _dialect(root: etree._Element, path: str) -> tuple[str, int]:
    """The root's namespace and the XLIFF major version (1 or 2) its `version` names."""
    qname = etree.QName(root)
    if qname.localname != "xliff" or (qname.namespace or "") not in _NS1 | {_NS2}:
        raise InputError(path, f"not XLIFF (the root element is <{_one_line(qname.localname)[:40]}>)")
    namespace = qname.namespace or ""
    version = root.get("version") or ("2.0" if namespace == _NS2 else "")
    if not version and namespace:
        version = namespace.rsplit(":", 1)[-1]
    if version in _VERSIONS1 and namespace != _NS2:
        return namespace, 1
    if version in _VERSIONS2 and namespace == _NS2:
        return namespace, 2
    named = f"'{_one_line(version)[:20]}'" if version else "(none given)"
    raise InputError(path, f"unknown XLIFF version {named} (langcheck reads XLIFF 1.2 and 2.x)")


# --- XLIFF 1.x ------------------------------------------------------------------------------------

Units = list[tuple[Block, Block | None]]


def _units_1(root: etree._Element, ns: str, path: str) -> tuple[str, str, Units]:
    files = _children(root, ns, "file")
    if not files:
        raise InputError(path, "XLIFF with no <file> element")
    pair = _one_pair(path, [(f.get("source-language"), f.get("target-language")) for f in files],
                     "<file source-language>", "<file target-language>")
    units: Units = []
    for number, file in enumerate(files, start=1):
        if file.get("translate") == "no":
            continue
        where = _file_name(file, number) if len(files) > 1 else ""
        for body in _children(file, ns, "body"):
            for unit in _translatable(body, ns, "trans-unit"):
                units.append(_unit_1(unit, ns, where))
    return pair[0], pair[1], units


def _unit_1(unit: etree._Element, ns: str, where: str) -> tuple[Block, Block | None]:
    anchor = _anchor(unit.get("id"), where)
    source = _child(unit, ns, "source")
    segmented = _child(unit, ns, "seg-source")
    target = _child(unit, ns, "target")
    shown = segmented if segmented is not None else source
    if shown is None:
        return Block("", unit.sourceline or 1, anchor=anchor), None
    line = (source if source is not None else shown).sourceline or 1
    ignored = _ignored(unit.iterchildren(f"{{{ns}}}note" if ns else "note"))
    source_block = Block(squeeze(_text(shown)), line, anchor=anchor, sentences=_segments_1(shown, ns),
                         ignored_rules=ignored)
    target_text = squeeze(_text(target)) if target is not None else ""
    if target is None or not target_text:
        return source_block, None
    target_sentences = _segments_1(target, ns) if source_block.sentences is not None else None
    return source_block, Block(target_text, target.sourceline or line, anchor=anchor, sentences=target_sentences,
                               ignored_rules=ignored)


def _segments_1(element: etree._Element, ns: str) -> tuple[str, ...] | None:
    """The texts of the `<mrk mtype="seg">` inside `element` (Trados puts them inside `<g>`
    too); None for fewer than two, which give no segmentation of the paragraph."""
    marks = [m for m in element.iter(f"{{{ns}}}mrk" if ns else "mrk") if m.get("mtype") == "seg"]
    if len(marks) < 2:
        return None
    return tuple(text for text in (squeeze(_text(m)) for m in marks) if text)


# --- XLIFF 2.x ------------------------------------------------------------------------------------


def _units_2(root: etree._Element, path: str) -> tuple[str, str, Units]:
    source_lang, target_lang = _one_pair(path, [(root.get("srcLang"), root.get("trgLang"))],
                                         "<xliff srcLang>", "<xliff trgLang>")
    files = _children(root, _NS2, "file")
    if not files:
        raise InputError(path, "XLIFF with no <file> element")
    units: Units = []
    for number, file in enumerate(files, start=1):
        if file.get("translate") == "no":
            continue
        where = _file_name(file, number) if len(files) > 1 else ""
        units.extend(_unit_2(unit, where) for unit in _translatable(file, _NS2, "unit"))
    return source_lang, target_lang, units


def _unit_2(unit: etree._Element, where: str) -> tuple[Block, Block | None]:
    anchor = _anchor(unit.get("id"), where)
    parts = [p for p in unit if p.tag in (_SEGMENT, _IGNORABLE)]
    segmented = sum(1 for p in parts if p.tag == _SEGMENT) >= 2
    sources: list[tuple[str, bool]] = []  # (text, is a segment)
    targets: list[tuple[int, str, bool]] = []  # (position, text, is a segment): a target may move (`order`)
    lines: list[int] = []
    target_lines: list[int] = []
    for position, part in enumerate(parts, start=1):
        source, target = part.find(_SOURCE), part.find(_TARGET)
        if source is not None:
            sources.append((squeeze(_text(source)), part.tag == _SEGMENT))
            lines.append(source.sourceline or 1)
        if target is not None:
            order = target.get("order", "")
            at = int(order) if order.isdigit() and 0 < int(order) <= len(parts) else position
            targets.append((at, squeeze(_text(target)), part.tag == _SEGMENT))
            target_lines.append(target.sourceline or 1)
    targets.sort(key=lambda t: t[0])
    source_sentences = [text for text, is_segment in sources if is_segment and text]
    ignored = _ignored(unit.iterfind(f"{{{_NS2}}}notes/{{{_NS2}}}note"))
    source_block = Block(" ".join(text for text, _ in sources if text), min(lines, default=unit.sourceline or 1),
                         anchor=anchor, sentences=tuple(source_sentences) if segmented else None,
                         ignored_rules=ignored)
    target_text = " ".join(text for _, text, _ in targets if text)
    if not target_text:
        return source_block, None
    sentences = tuple(text for _, text, is_segment in targets if is_segment and text) if segmented else None
    return source_block, Block(target_text, min(target_lines), anchor=anchor, sentences=sentences,
                               ignored_rules=ignored)


_SEGMENT, _IGNORABLE, _SOURCE, _TARGET = (f"{{{_NS2}}}{name}" for name in ("segment", "ignorable", "source", "target"))


# --- shared ---------------------------------------------------------------------------------------


def _one_pair(path: str, pairs: list[tuple[str | None, str | None]], source_attr: str,
              target_attr: str) -> tuple[str, str]:
    """The one (source, target) language pair of the file's `<file>` elements, region dropped."""
    found = set()
    for source, target in pairs:
        if not (source or "").strip():
            raise InputError(path, f"source language missing ({source_attr})")
        if not (target or "").strip():
            raise InputError(path, f"target language missing ({target_attr})")
        found.add((_language(source or ""), _language(target or "")))
    if len(found) > 1:
        listed = ", ".join(f"{s}-{t}" for s, t in sorted(found))
        raise InputError(path, f"<file> elements with different language pairs ({listed}); one XLIFF holds one pair")
    return found.pop()


def _language(code: str) -> str:
    """`de-DE` -> `de`, `en_GB` -> `en`, `ger` -> `de`."""
    primary = re.split(r"[-_]", code.strip(), maxsplit=1)[0].lower()
    return _two_letter(_one_line(primary)[:12])


def _translatable(parent: etree._Element, ns: str, tag: str) -> Iterator[etree._Element]:
    """The `tag` units under `parent` in document order, through `<group>`s; `translate="no"`
    on a unit or a group leaves it out (2.x says a group's value is inherited; 1.2 tools
    write it the same way)."""
    for child in parent:
        if not isinstance(child.tag, str) or etree.QName(child).namespace != (ns or None):
            continue
        name = etree.QName(child).localname
        if child.get("translate") == "no":
            continue
        if name == tag:
            yield child
        elif name == "group":
            yield from _translatable(child, ns, tag)


def _ignored(notes: Iterator[etree._Element]) -> frozenset[str]:
    """Rules a unit's notes suppress (`<note>langcheck-ignore LC201</note>`), as an HTML or
    Markdown comment does before a paragraph: for the unit in both versions."""
    codes: set[str] = set()
    for note in notes:
        found = ignored_rules("".join(note.itertext()))
        codes |= found or set()
    return frozenset(codes)


def _text(element: etree._Element) -> str:
    """The text of a source/target (or a text-wrapping inline element), codes dropped."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            name = child.tag.rpartition("}")[2]
            if name in _TEXT_INLINE and child.get("mtype") not in _DELETED:
                parts.append(_text(child))
            elif name == "cp":
                parts.append(_code_point(child.get("hex", "")))
        parts.append(child.tail or "")
    return "".join(parts)


def _code_point(hex_value: str) -> str:
    # 2.x writes characters XML cannot carry (controls) as <cp hex="001F"/>: a blank keeps the
    # words apart without putting a control character into the text.
    try:
        char = chr(int(hex_value, 16))
    except (ValueError, OverflowError):
        return ""
    return char if char.isprintable() else " "


def _children(parent: etree._Element, ns: str, name: str) -> list[etree._Element]:
    return list(parent.iterchildren(f"{{{ns}}}{name}" if ns else name))


def _child(parent: etree._Element, ns: str, name: str) -> etree._Element | None:
    return next(iter(_children(parent, ns, name)), None)


def _file_name(file: etree._Element, number: int) -> str:
    name = file.get("original") or file.get("id") or f"#{number}"
    return _one_line(name.replace("\\", "/").rsplit("/", 1)[-1])[:_MAX_ANCHOR]


def _anchor(unit_id: str | None, where: str) -> str:
    anchor = f"unit {_one_line(unit_id)[:_MAX_ANCHOR]}" if unit_id and unit_id.strip() else "unit (no id)"
    return f"{anchor} in {where}" if where else anchor


def _one_line(text: str) -> str:
    return " ".join(text.split())
