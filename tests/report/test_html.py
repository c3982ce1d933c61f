from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

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
