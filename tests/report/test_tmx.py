"""TMX export: parse the output back and check units, variants, languages, text and escaping."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from langcheck.model import Document, Group, Paragraph, Release
from langcheck.report.tmx import render_tmx

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _document(lang: str, texts: list[str]) -> Document:
    paragraphs = tuple(Paragraph(index=i, text=t, line=2 * i + 1) for i, t in enumerate(texts))
    return Document(lang=lang, path=f"release/{lang}.txt", paragraphs=paragraphs)


RELEASE = Release(
    path="release",
    documents={
        "fr": _document("fr", ["Titre", "Premier.", "Second <script>&"]),
        "de": _document("de", ["Titel", "Erster und zweiter <script>&"]),
        "en": _document("en", ["Title", "First.", "Second <script>&", "Only in English."]),
    },
)
GROUPS = (
    Group({"de": (0,), "en": (0,), "fr": (0,)}, 0.91),
    Group({"de": (1,), "en": (1, 2), "fr": (1, 2)}, 0.8),
    Group({"de": (), "en": (3,), "fr": ()}, 0.0),
)


def _units(xml: str) -> list[dict[str, str]]:
    root = ET.fromstring(xml)
    return [{tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.iter("tuv")} for tu in root.iter("tu")]


def test_one_unit_per_group_with_the_languages_present() -> None:
    units = _units(render_tmx(RELEASE, GROUPS))
    assert [sorted(u) for u in units] == [["de", "en", "fr"], ["de", "en", "fr"], ["en"]]


def test_paragraphs_of_a_group_are_joined_by_a_blank_line_and_text_is_escaped() -> None:
    xml = render_tmx(RELEASE, GROUPS)
    assert "<script>" not in xml and "&lt;script&gt;&amp;" in xml
    units = _units(xml)
    assert units[1] == {
        "de": "Erster und zweiter <script>&",
        "en": "First.\n\nSecond <script>&",
        "fr": "Premier.\n\nSecond <script>&",
    }


@pytest.mark.parametrize("source, srclang", [(None, "*all*"), ("en", "en")])
def test_header(source: str | None, srclang: str) -> None:
    root = ET.fromstring(render_tmx(RELEASE, GROUPS, source=source))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None
    assert {k: header.get(k) for k in ("srclang", "creationtool", "segtype", "datatype", "adminlang")} == {
        "srclang": srclang,
        "creationtool": "langcheck",
        "segtype": "paragraph",
        "datatype": "plaintext",
        "adminlang": "en",
    }
    assert header.get("o-tmf") and header.get("creationtoolversion")


def test_languages_sorted_and_provenance_recorded() -> None:
    root = ET.fromstring(render_tmx(RELEASE, GROUPS))
    tu = root.find("body/tu[2]")
    assert tu is not None
    assert [tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == ["de", "en", "fr"]
    props = {p.get("type"): p.text for p in tu.findall("tuv[2]/prop")}
    assert props == {"x-file": "en.txt", "x-paragraph-numbers": "2,3"}
    assert tu.findtext("prop[@type='x-similarity']") == "0.8000"


def test_output_is_deterministic_and_drops_characters_xml_cannot_carry() -> None:
    release = Release("r", {"de": _document("de", ["a\x00b\x1f"]), "en": _document("en", ["ab"])})
    groups = [Group({"en": (0,), "de": (0,)}, 1.0)]
    xml = render_tmx(release, groups)
    assert xml == render_tmx(release, groups)
    assert _units(xml) == [{"de": "ab", "en": "ab"}]
