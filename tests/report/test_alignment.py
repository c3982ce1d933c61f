"""`langcheck align` renderings number paragraphs and groups from 1, as every report does (issue 11 item 11)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from langcheck.model import Document, Group, Paragraph, Release, ReleaseReport
from langcheck.report.alignment import render_groups
from langcheck.report.tmx import render_tmx

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# de merges en's second and third paragraphs; fr lacks the last one.
TEXTS = {
    "de": ["Pressemitteilung", "Der Besuch fand statt. Ein Plan wurde unterzeichnet.", "Die Minister dankten."],
    "en": ["Press release", "The visit took place.", "A plan was signed.", "The ministers gave thanks."],
    "fr": ["Communiqué", "La visite a eu lieu.", "Un plan a été signé."],
}
GROUPS = (
    Group({"de": (0,), "en": (0,), "fr": (0,)}, 0.9),
    Group({"de": (1,), "en": (1, 2), "fr": (1, 2)}, 0.8),
    Group({"de": (2,), "en": (3,), "fr": ()}, 0.7),
)


def _result() -> ReleaseReport:
    documents = {
        lang: Document(lang=lang, path=f"rel/{lang}.txt", paragraphs=tuple(
            Paragraph(index=i, text=t, line=1 + 2 * i) for i, t in enumerate(texts)))
        for lang, texts in TEXTS.items()
    }
    return ReleaseReport(Release("rel", documents), GROUPS, ())


def test_table_numbers_groups_and_paragraphs_from_one() -> None:
    header, *rows = render_groups(_result(), "table").splitlines()
    assert header.split() == ["group", "de", "en", "fr", "similarity"]
    assert [row.split()[:4] for row in rows] == [["1", "1", "1", "1"], ["2", "2", "2+3", "2+3"], ["3", "3", "4", "-"]]


def test_json_names_paragraph_numbers() -> None:
    data = json.loads(render_groups(_result(), "json"))
    assert [g["paragraph_numbers"] for g in data["groups"]] == [
        {"de": [1], "en": [1], "fr": [1]}, {"de": [2], "en": [2, 3], "fr": [2, 3]}, {"de": [3], "en": [4], "fr": []}]
    assert all("paragraphs" not in g for g in data["groups"])


@pytest.mark.parametrize("unit, lang, numbers", [(1, "en", "1"), (2, "en", "2,3"), (2, "fr", "2,3"), (3, "de", "3")])
def test_tmx_records_paragraph_numbers(unit: int, lang: str, numbers: str) -> None:
    root = ET.fromstring(render_tmx(_result().release, GROUPS))
    tuv = next(t for t in root.findall(f"body/tu[{unit}]/tuv") if t.get(XML_LANG) == lang)
    props = {p.get("type"): p.text for p in tuv.findall("prop")}
    assert props == {"x-file": f"{lang}.txt", "x-paragraph-numbers": numbers}
