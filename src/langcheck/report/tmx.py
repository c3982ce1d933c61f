"""TMX 1.4 export of aligned paragraphs: one translation unit per alignment group.

Unlike the other formats this writes the alignment, not the findings, so a translation-memory
tool can reuse the checked release: `render_tmx(release, groups) -> str`. Each `<tu>` holds one
`<tuv xml:lang=...>` per language present in the group (sorted), its paragraphs joined by a
blank line; a `<prop>` records the group similarity, and each `<tuv>` the file and the 1-based
paragraph numbers it came from (`x-paragraph-numbers`, `2,3`; the title is 1, as in every report). Built with the standard library's ElementTree, which escapes
text and attributes; characters XML 1.0 cannot carry are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Sequence

from langcheck import __version__
from langcheck.model import Group, Release

__all__ = ["render_tmx"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Control characters other than tab, newline and carriage return are not allowed in XML 1.0.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_tmx(release: Release, groups: Sequence[Group], source: str | None = None) -> str:
    """The release's aligned paragraphs as a TMX 1.4 document (a str, UTF-8 declared).

    `source` is the source language for the header's `srclang`; without one it is "*all*"
    (every version may serve as source). The output depends only on the inputs.
    """
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "langcheck",
            "creationtoolversion": __version__,
            "segtype": "paragraph",
            "o-tmf": "langcheck",
            "adminlang": "en",
            "srclang": source or "*all*",
            "datatype": "plaintext",
        },
    )
    body = ET.SubElement(root, "body")
    for number, group in enumerate(groups, start=1):
        present = [lang for lang in group.present() if lang in release.documents]
        if not present:
            continue
        tu = ET.SubElement(body, "tu", tuid=str(number))
        _prop(tu, "x-similarity", f"{group.similarity:.4f}")
        for lang in present:
            document = release.documents[lang]
            indexes = group.paragraphs[lang]
            tuv = ET.SubElement(tu, "tuv", {_XML_LANG: lang})
            _prop(tuv, "x-file", document.file_name)
            _prop(tuv, "x-paragraph-numbers", ",".join(str(i + 1) for i in indexes))
            text = "\n\n".join(document.paragraphs[i].text for i in indexes)
            ET.SubElement(tuv, "seg").text = _NOT_XML.sub("", text)
    ET.indent(root)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
        + ET.tostring(root, encoding="unicode")
        + "\n"
    )


def _prop(parent: ET.Element, kind: str, value: str) -> None:
    ET.SubElement(parent, "prop", type=kind).text = _NOT_XML.sub("", value)
