from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest

from langcheck.model import Report
from langcheck.report import render


class Marks(HTMLParser):
    """Collects the `mark.finding` elements and the text inside each `<script>`."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: dict[str, dict[str, str]] = {}
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._in_script: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "mark" and "finding" in a.get("class", "").split():
            assert a["id"] not in self.marks, f"duplicate mark id {a['id']}"
            self.marks[a["id"]] = a
        if tag == "script":
            self._in_script = a
            self.scripts.append((a, ""))

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None


def parse(page: str) -> Marks:
    parser = Marks()
    parser.feed(page)
    return parser


def test_matches_golden(report: Report, golden) -> None:
    golden("report.html", render(report, "html", source="en"))


def test_one_mark_per_finding_with_its_data(report: Report) -> None:
    marks = parse(render(report, "html")).marks
    assert len(marks) == len(report.findings)
    assert {(m["data-rule"], m["data-lang"], m["data-severity"], m["data-category"]) for m in marks.values()} == {
        (f.rule, f.lang, f.severity.value, f.category) for f in report.findings}


def test_span_is_highlighted_exactly(report: Report) -> None:
    page = render(report, "html")
    assert re.search(r'<mark class="finding sev-error" id="f-2"[^>]*>16,2 Millionen</mark>', page)


def test_missing_paragraph_marks_the_empty_cell_in_the_related_row(report: Report) -> None:
    page = render(report, "html")
    row = next(r for r in page.split("<tr>") if r.startswith("<td") and "A further 100,000 doses" in r)
    assert re.search(r'<td class="empty" lang="es"><mark class="finding sev-error missing"[^>]*data-rule="LC101"', row)


def test_finding_without_span_wraps_the_whole_paragraph(report: Report) -> None:
    page = render(report, "html")
    assert re.search(r'data-rule="LC501"[^>]*>Editors’ note: the page showed &lt;script&gt;', page)


def test_document_text_is_escaped(report: Report) -> None:
    page = render(report, "html")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot; onmouseover=alert(2) x=&quot;" in page
    assert " onmouseover=alert" not in page.replace("&quot; onmouseover", "")
    scripts = parse(page).scripts
    assert [a.get("type") for a, _ in scripts] == ["application/json", None]


def test_script_data_is_escaped_json(report: Report) -> None:
    (data_attrs, data), (_, code) = parse(render(report, "html")).scripts
    assert not set(data) & set("<>&")
    assert [f["id"] for f in json.loads(data)["findings"]] == [f"f-{i}" for i in range(1, 7)]


def test_csp_allows_only_the_inline_script(report: Report) -> None:
    page = render(report, "html")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    (_, _), (_, code) = parse(page).scripts
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp
    assert not re.search(r"(src|href)=\"(https?:)?//", page)


def test_the_note_shows_each_counterparts_own_form(report: Report) -> None:
    """Every version's writing of the value is in the report, not only the one the message quotes."""
    import dataclasses

    release_report = report.releases[0]
    finding = release_report.findings[0]
    forms = {"en": "16.2 billion", "fr": "16,2 milliards", "ru": "16,2 млрд"}
    related = tuple(dataclasses.replace(loc, form=forms[loc.lang]) for loc in finding.related)
    changed = dataclasses.replace(finding, related=related)
    one = Report(releases=(dataclasses.replace(release_report, findings=(changed,)),))
    page = render(one, "html")
    for form in forms.values():
        assert f"“{form}”" in page
    assert "“" not in render(Report(releases=(dataclasses.replace(release_report, findings=(finding,)),)), "html").split("see ", 1)[-1].split("</div>", 1)[0]


# --- review data, counterparts, anchors, line breaking ---------------------------------------------


def lc_data(page: str) -> dict:
    (_, data), _ = parse(page).scripts
    return json.loads(data)


def test_each_finding_carries_its_baseline_fingerprint_and_counterpart_paragraphs(report: Report) -> None:
    from langcheck.baseline import SCHEMA, fingerprint

    data = lc_data(render(report, "html"))
    assert data["schema"] == SCHEMA
    expected = {fingerprint(rr.release.path, f) for rr in report.releases for f in rr.findings}
    assert {f["fp"] for f in data["findings"]} == expected
    number = next(f for f in data["findings"] if f["rule"] == "LC201")
    # lavrov is release 0; its languages de, en, fr, ru rank 0-3; the number is in paragraph index 2.
    assert number["related"] == ["p-0-1-2", "p-0-2-2", "p-0-3-2"]
    page = render(report, "html")
    assert all(f'id="{pid}"' in page for pid in number["related"])


def test_the_report_id_depends_on_the_findings_only(report: Report) -> None:
    import dataclasses

    first = lc_data(render(report, "html"))["report"]
    assert lc_data(render(report, "html", title="again", source="en"))["report"] == first
    moved = dataclasses.replace(report, releases=report.releases[::-1])
    assert lc_data(render(moved, "html"))["report"] == first
    fewer = dataclasses.replace(report, releases=report.releases[:1])
    assert lc_data(render(fewer, "html"))["report"] != first


def test_counterpart_spans_are_shared_and_never_cross_a_mark(report: Report) -> None:
    import dataclasses

    release_report = report.releases[0]
    number = next(f for f in release_report.findings if f.rule == "LC201")
    name = next(f for f in release_report.findings if f.rule == "LC301")
    en = {"number": "16.2 billion", "name": "Vladimir Makei"}
    with_forms = [
        dataclasses.replace(number, related=tuple(dataclasses.replace(loc, form={"en": en["number"], "fr": "16,2 milliards",
                                                                                  "ru": "16,2 млрд"}[loc.lang])
                                                  for loc in number.related)),
        # de's name is marked by LC402 already ("Wladimir Makei"): its counterpart span is left out.
        dataclasses.replace(name, related=tuple(dataclasses.replace(loc, form={"de": "Wladimir Makei", "en": en["name"],
                                                                                "fr": "Vladimir Makeï"}[loc.lang])
                                                for loc in name.related)),
        dataclasses.replace(name, rule="LC399", related=tuple(dataclasses.replace(loc, form=en["name"])
                                                              for loc in name.related if loc.lang == "en")),
        next(f for f in release_report.findings if f.rule == "LC402"),
    ]
    page = render(Report(releases=(dataclasses.replace(release_report, findings=tuple(with_forms)),)), "html")
    spans = re.findall(r'<span class="cp" data-for="([^"]+)">([^<]+)</span>', page)
    ids = {f["rule"]: f["id"] for f in lc_data(page)["findings"]}
    assert sorted(spans) == sorted([
        (ids["LC201"], "16.2 billion"), (ids["LC201"], "16,2 milliards"), (ids["LC201"], "16,2 млрд"),
        (f'{ids["LC301"]} {ids["LC399"]}', "Vladimir Makei"), (ids["LC301"], "Vladimir Makeï")])
    assert parse(page).marks  # the marks are intact
    assert 'id="' + ids["LC402"] + '"' in page


def test_anchors_are_shown_next_to_the_line(report: Report) -> None:
    import dataclasses

    release_report = report.releases[0]
    doc = release_report.release.documents["de"]
    paragraphs = tuple(dataclasses.replace(p, anchor=f"unit {p.index + 10}") for p in doc.paragraphs)
    release = dataclasses.replace(release_report.release,
                                  documents={**release_report.release.documents, "de": dataclasses.replace(doc, paragraphs=paragraphs)})
    number = next(f for f in release_report.findings if f.rule == "LC201" and f.lang == "de")
    name = next(f for f in release_report.findings if f.rule == "LC301")
    findings = (dataclasses.replace(number, anchor="unit 12"),
                dataclasses.replace(name, related=tuple(dataclasses.replace(loc, anchor="unit 11") if loc.lang == "de" else loc
                                                        for loc in name.related)))
    page = render(Report(releases=(dataclasses.replace(release_report, release=release, findings=findings),)), "html")
    assert '<span class="pnum">¶3 · line 5 · unit 12</span>' in page
    assert '<span class="where">de:¶3 (unit 12, line 5)</span>' in page
    assert "see de:¶2 (unit 11, line 3)" in page
    assert '<span class="pnum">¶3 · line 5</span>' in page  # the other versions have no anchors


@pytest.mark.parametrize(("text", "expected"), [
    ("Pressemitteilung des Außenministeriums", "Pressemitteilung des Außenministeriums"),
    ("Rechtsschutzversicherungsgesellschaften", "Rechtsschutzversicherungsgesellschaften"),  # a word, however long
    ("Communiqué de presse", "Communiqué de presse"),
    ("Пресс-релиз Министерства иностранных дел", "Пресс-релиз Министерства иностранных дел"),
    ("comunicado: https://example.org/es/prensa/2021/comunicado",
     ("comunicado: https:/<wbr>/<wbr>example.<wbr>org/<wbr>es/<wbr>prensa/<wbr>2021/<wbr>comunicado")),
    ("press@ministry.example.org?a=1&b=<2>_x-y",
     ("press@<wbr>ministry.<wbr>example.<wbr>org?<wbr>a=<wbr>1&amp;<wbr>b=<wbr>&lt;2&gt;_<wbr>x-<wbr>y")),
])
def test_only_url_like_runs_get_break_opportunities(text: str, expected: str) -> None:
    from langcheck.report.html import _text

    assert _text(text) == expected


def test_the_stylesheet_breaks_lines_between_words_only() -> None:
    from langcheck.report._html_assets import STYLE

    cell = re.search(r"table\.aligned td \{([^}]+)\}", STYLE).group(1)
    assert "overflow-wrap: break-word" in cell and "word-break: normal" in cell and "hyphens: manual" in cell
    assert "anywhere" not in cell and "break-all" not in STYLE
    assert "table-layout: auto" in STYLE
