"""Every format says the same paragraph number for the same finding, and a missing paragraph's
location (after ¶N, before ¶M, on that line) reaches every machine format (issue 11, items 10-11).

The missing paragraph here is found by the real LC101 rule, not built by hand, so that these
tests follow what the rule gives.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from langcheck.model import Document, Finding, Group, Paragraph, Release, ReleaseReport, Report
from langcheck.report import render
from langcheck.rules import rule_by_code
from langcheck.rules.base import RuleContext

# Lines of the fixture documents: paragraph i starts on line 1 + 3 * i (a two-line paragraph and a blank).
def _line(index: int) -> int:
    return 1 + 3 * index


VERSIONS = {
    "de": ["Pressemitteilung zur Impfstofflieferung", "Die erste Lieferung traf am 3. Februar ein.",
           "Weitere 100.000 Dosen folgen im März.", "Das Ministerium dankte den Partnern."],
    "en": ["Press release on the vaccine delivery", "The first batch arrived on 3 February.",
           "A further 100,000 doses will follow in March.", "The ministry thanked its partners."],
    "es": ["Comunicado sobre la entrega de la vacuna", "El primer lote llegó el 3 de febrero.",
           "Otras 100.000 dosis llegarán en marzo.", "El ministerio agradeció a sus socios."],
    "fr": ["Communiqué sur la livraison du vaccin", "Le premier lot est arrivé le 3 février.",
           "100 000 doses supplémentaires suivront en mars.", "Le ministère a remercié ses partenaires."],
    "ru": ["Пресс-релиз о поставке вакцины", "Первая партия прибыла 3 февраля.",
           "Ещё 100 000 доз поступят в марте.", "Министерство поблагодарило партнёров."],
}


def _release(lacking: str, dropped: int) -> Release:
    documents = {}
    for lang, paragraphs in VERSIONS.items():
        kept = [p for i, p in enumerate(paragraphs) if not (lang == lacking and i == dropped)]
        documents[lang] = Document(lang=lang, path=f"rel/{lang}.txt", paragraphs=tuple(
            Paragraph(index=i, text=text, line=_line(i), kind="title" if i == 0 else "body")
            for i, text in enumerate(kept)))
    return Release(path="rel", documents=documents)


def _groups(release: Release, lacking: str, dropped: int) -> tuple[Group, ...]:
    def index(lang: str, i: int) -> tuple[int, ...]:
        if lang != lacking:
            return (i,)
        return () if i == dropped else ((i,) if i < dropped else (i - 1,))

    return tuple(Group({lang: index(lang, i) for lang in release.languages}, 0.9) for i in range(4))


def _report(lacking: str, dropped: int) -> tuple[Report, Finding]:
    release = _release(lacking, dropped)
    groups = _groups(release, lacking, dropped)
    (missing,) = rule_by_code("LC101").check(RuleContext(release=release, groups=groups))
    # A number finding on the same release, to compare the formats' paragraph numbers.
    number = rule_by_code("LC201").finding(
        RuleContext(release=release, groups=groups), "fr", 2, "fr says 100 000 where de, en, es, ru say 100,000",
        expected="100,000", found="100 000", related=(),
    )
    return Report(releases=(ReleaseReport(release, groups, (missing, number)),)), missing


# --- item 11: one paragraph numbering -------------------------------------------------------


def _unescaped(workflow_commands: str) -> str:
    """GitHub workflow-command properties as the runner reads them back."""
    return workflow_commands.replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def _numbers_in_every_format(report: Report) -> dict[str, set[int]]:
    """The paragraph number each format gives the fr finding on the third paragraph."""
    out: dict[str, set[int]] = {}
    data = json.loads(render(report, "json"))
    out["json"] = {f["paragraph_number"] for f in data["releases"][0]["findings"] if f["lang"] == "fr"}
    sarif = json.loads(render(report, "sarif"))
    fr = [r for r in sarif["runs"][0]["results"] if r["properties"]["lang"] == "fr"]
    out["sarif"] = {r["properties"]["paragraphNumber"] for r in fr}
    out["sarif-message"] = {int(n) for r in fr for n in re.findall(r"fr:¶(\d+)", r["locations"][0]["message"]["text"])}
    labels = {
        "text": render(report, "text"),
        "github": _unescaped(render(report, "github")),
        "gitlab": "".join(i["description"] for i in json.loads(render(report, "gitlab"))),
        "markdown": render(report, "markdown"),
        "junit": "".join(e.text or "" for e in ET.fromstring(render(report, "junit")).iter()),
        "html": render(report, "html"),
    }
    for fmt, text in labels.items():
        # `fr:¶3` in a label; in a Markdown table, the ¶ of the fr row's "where" cell.
        out[fmt] = {int(n) for n in re.findall(r"fr:¶(\d+)", text)} | {
            int(n) for line in text.splitlines() if "| fr |" in line for n in re.findall(r"¶(\d+)", line)}
    return out


def test_every_format_gives_the_same_paragraph_number() -> None:
    report, _ = _report("de", 2)
    numbers = _numbers_in_every_format(report)
    assert numbers == {fmt: {3} for fmt in numbers}


def test_python_api_numbers_from_one_and_names_the_index() -> None:
    report, _ = _report("de", 2)
    number = next(f for f in report.findings if f.lang == "fr")
    assert (number.paragraph_number, number.paragraph_index, number.line) == (3, 2, _line(2))
    paragraph = report.releases[0].release.paragraph("fr", number.paragraph_index)
    assert paragraph.number == number.paragraph_number
    with pytest.deprecated_call():
        assert number.paragraph == 2


def test_json_schema_names_the_numbering() -> None:
    report, _ = _report("de", 2)
    data = json.loads(render(report, "json"))
    assert data["schema"] == "langcheck-report/2"
    release = data["releases"][0]
    assert [g["paragraph_numbers"]["de"] for g in release["groups"]] == [[1], [2], [], [3]]
    assert [g["paragraph_numbers"]["en"] for g in release["groups"]] == [[1], [2], [3], [4]]
    for finding in release["findings"]:
        assert "paragraph" not in finding
        assert all(set(loc) == {"lang", "paragraph_number", "line"} for loc in finding["related"])


# --- item 10: a missing paragraph says where it belongs --------------------------------------

# (lacking version, dropped index) -> (after ¶, before ¶, line of the neighbour where it would go)
PLACES = [
    pytest.param("de", 2, (2, 3, _line(2)), id="de-middle"),
    pytest.param("en", 1, (1, 2, _line(1)), id="en-after-title"),
    pytest.param("es", 3, (3, None, _line(2)), id="es-last"),
    pytest.param("fr", 2, (2, 3, _line(2)), id="fr-middle"),
    pytest.param("ru", 3, (3, None, _line(2)), id="ru-last"),
    pytest.param("de", 0, (None, 1, _line(0)), id="de-first"),
]


@pytest.mark.parametrize("lacking, dropped, place", PLACES)
def test_missing_paragraph_finding_knows_its_place(lacking: str, dropped: int, place: tuple) -> None:
    _, missing = _report(lacking, dropped)
    after, before, line = place
    assert missing.paragraph_number is None
    assert missing.gap is not None
    assert (missing.gap.after_paragraph_number, missing.gap.before_paragraph_number, missing.line) == place


def _where_words(after: int | None, before: int | None) -> str:
    return ", ".join([*([f"after ¶{after}"] if after else []), *([f"before ¶{before}"] if before else [])])


@pytest.mark.parametrize("lacking, dropped, place", PLACES)
def test_missing_paragraph_is_placed_in_every_machine_format(lacking: str, dropped: int, place: tuple) -> None:
    report, _ = _report(lacking, dropped)
    after, before, line = place
    words = _where_words(after, before)
    path = f"rel/{lacking}.txt"

    sarif = json.loads(render(report, "sarif"))
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "LC101"]
    location = result["locations"][0]
    assert location["physicalLocation"]["region"] == {"startLine": line}
    assert words in location["message"]["text"]
    assert result["properties"]["gap"] == {"after_paragraph_number": after, "before_paragraph_number": before}

    (annotation,) = [x for x in render(report, "github").splitlines() if "LC101" in x]
    assert annotation.startswith(f"::error file={path},line={line},")
    assert words in _unescaped(annotation)

    (issue,) = [i for i in json.loads(render(report, "gitlab")) if i["check_name"] == "LC101"]
    assert issue["location"] == {"path": path, "lines": {"begin": line}}
    assert words in issue["description"]

    (finding,) = [f for f in json.loads(render(report, "json"))["releases"][0]["findings"] if f["rule"] == "LC101"]
    assert (finding["paragraph_number"], finding["line"]) == (None, line)
    assert finding["gap"] == {"after_paragraph_number": after, "before_paragraph_number": before}

    for fmt in ("text", "markdown", "junit", "html"):
        assert words in render(report, fmt), fmt


def test_baselines_do_not_see_the_numbering_or_the_place() -> None:
    # A baseline written before paragraphs were numbered from 1 and missing ones were placed
    # must keep matching: the fingerprint holds neither the number, the line nor the gap.
    from dataclasses import replace

    from langcheck.baseline import fingerprint

    report, missing = _report("de", 2)
    number = next(f for f in report.findings if f.lang == "fr")
    as_before = [replace(missing, line=None, gap=None), replace(number, paragraph_number=2)]
    assert [fingerprint("rel", f) for f in (missing, number)] == [fingerprint("rel", f) for f in as_before]
