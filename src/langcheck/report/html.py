"""One self-contained HTML page for translators: the versions side by side, findings highlighted.

Layout: a summary header; a sidebar with filters (severity, category, language) and the findings
list; per release a table with one row per alignment group and one column per version. Each
finding is one `<mark class="finding sev-…" id="f-N">`: on its span when the finding has one, on
the whole paragraph otherwise, and on the empty cell when the paragraph is missing. `j`/`n` and
`k`/`p` move from finding to finding. Paragraph numbers shown are 1-based.

Safety: every text from a release goes through `html.escape`; data for the script is JSON in a
`<script type="application/json">` block with `<`, `>`, `&` escaped; a Content-Security-Policy
allows only the page's own script (by hash), inline styles and nothing from the network.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
from collections import defaultdict
from html import escape as _html_escape

from langcheck.model import Finding, Group, Location, ReleaseReport, Report
from langcheck.report._common import (
    SEVERITY_ORDER, count_phrase, finding_label, gap_phrase, json_text, location_label, ordered_findings, report_path, visible,
)
from langcheck.report._html_assets import SCRIPT, STYLE

_SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
CSP = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_SCRIPT_HASH}'; "
       "base-uri 'none'; form-action 'none'")


def render(report: Report, *, source: str | None = None, title: str = "langcheck report") -> str:
    """The report as one HTML document (no external resources)."""
    ids = itertools.count(1)
    numbered = [(rr, [(f"f-{next(ids)}", f) for f in ordered_findings(rr)]) for rr in report.releases]
    all_findings = [pair for _, pairs in numbered for pair in pairs]
    data = {"findings": [{"id": fid, "severity": f.severity.value, "category": f.category,
                          "lang": f.lang, "rule": f.rule} for fid, f in all_findings]}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        _summary(report, title, source),
        '<div class="layout">',
        _sidebar(report, numbered),
        "<main>",
        *(_release(rr, pairs, source) for rr, pairs in numbered),
        "</main>",
        "</div>",
        f'<script type="application/json" id="lc-data">{_json_for_html(data)}</script>',
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def escape(text: str) -> str:
    """HTML-escaped, with control characters shown as visible escapes (callers escape slices
    of a paragraph, so finding offsets are taken on the original text)."""
    return _html_escape(visible(text, keep_lines=True))


def _json_for_html(data: object) -> str:
    text = json_text(json.dumps(data, ensure_ascii=False, sort_keys=True))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _summary(report: Report, title: str, source: str | None) -> str:
    summary = report.summary
    counts = "".join(
        f'<span class="count sev-{sev.value}">{n} {sev.value}{"" if n == 1 else "s"}</span>'
        for sev, n in zip(SEVERITY_ORDER, (summary.errors, summary.warnings, summary.infos)))
    releases = "".join(
        f"<li><b>{escape(report_path(rr.release.path))}</b>: "
        + ", ".join(f"{escape(lang)} {escape(doc.file_name)}" for lang, doc in sorted(rr.release.documents.items()))
        + f" ({len(rr.findings)} finding{'' if len(rr.findings) == 1 else 's'})</li>"
        for rr in report.releases)
    failures = "".join(f'<p class="failures">Could not be checked: {escape(report_path(path))}: {escape(error)}</p>'
                       for path, error in report.failures)
    src = f" · source language: {escape(source)}" if source else ""
    return (f'<header class="summary"><h1>{escape(title)}</h1>'
            f'<div class="counts" aria-label="{escape(count_phrase(summary))}">{counts}</div>'
            f'<div>{len(report.releases)} release{"" if len(report.releases) == 1 else "s"}{src}</div>'
            f'<ul class="releases-summary">{releases}</ul>{failures}</header>')


def _sidebar(report: Report, numbered: list[tuple[ReleaseReport, list[tuple[str, Finding]]]]) -> str:
    findings = report.findings
    categories = sorted({f.category for f in findings})
    langs = sorted({lang for rr in report.releases for lang in rr.release.documents} | {f.lang for f in findings})
    filters = "".join([
        _checkboxes("Severity", "severity", [s.value for s in SEVERITY_ORDER]),
        _checkboxes("Category", "category", categories),
        _checkboxes("Version", "lang", langs),
    ])
    lists = []
    for rr, pairs in numbered:
        items = "".join(_list_item(fid, f) for fid, f in pairs) or '<li class="none">no findings</li>'
        lists.append(f"<h3>{escape(report_path(rr.release.path))}</h3><ol class=\"findings\">{items}</ol>")
    return (f'<aside aria-label="Findings">{filters}'
            '<p class="keys"><kbd>j</kbd>/<kbd>n</kbd> next · <kbd>k</kbd>/<kbd>p</kbd> previous finding · '
            f'<span id="shown-count">{len(findings)} findings</span></p>{"".join(lists)}</aside>')


def _checkboxes(legend: str, kind: str, values: list[str]) -> str:
    boxes = "".join(f'<label><input type="checkbox" data-filter="{kind}" value="{escape(v)}" checked> {escape(v)}</label>'
                    for v in values)
    return f"<fieldset><legend>{legend}</legend>{boxes}</fieldset>"


def _list_item(fid: str, finding: Finding) -> str:
    return (f'<li class="sev-{finding.severity.value}" data-fid="{fid}"><a href="#{fid}">'
            f'<span class="sev">{finding.severity.value}</span> <span class="rule">{escape(finding.rule)}</span> '
            f'{escape(finding.name)} <span class="where">{escape(finding_label(finding))}</span><br>'
            f"{escape(finding.message)}</a></li>")


def _release(release_report: ReleaseReport, pairs: list[tuple[str, Finding]], source: str | None) -> str:
    release = release_report.release
    langs = release.languages
    on_paragraph: dict[tuple[str, int], list[tuple[str, Finding]]] = defaultdict(list)
    on_cell: dict[tuple[int, str], list[tuple[str, Finding]]] = defaultdict(list)
    rows = _rows(release_report)
    unplaced: list[tuple[str, Finding]] = []
    for fid, finding in pairs:
        doc = release.documents.get(finding.lang)
        index = finding.paragraph_index
        if doc is not None and index is not None and 0 <= index < len(doc.paragraphs):
            on_paragraph[(finding.lang, index)].append((fid, finding))
        elif (row := _missing_row(rows, finding)) is not None:
            on_cell[(row, finding.lang)].append((fid, finding))
        else:
            unplaced.append((fid, finding))
    head = "".join(
        f'<th lang="{escape(lang)}">{escape(lang)}{" (source)" if lang == source else ""} '
        f"<small>{escape(release.documents[lang].file_name)}</small></th>" for lang in langs)
    body = []
    for r, group in enumerate(rows):
        cells = "".join(_cell(release_report, group, lang, on_paragraph, on_cell.get((r, lang), [])) for lang in langs)
        similarity = f"<br>{group.similarity:.0%}" if len(group.present()) > 1 else ""
        body.append(f'<tr><td class="group" title="alignment group {r + 1}, similarity">{r + 1}{similarity}</td>{cells}</tr>')
    if unplaced:
        cells = "".join(
            "<td>" + "".join(_missing_mark(fid, f) for fid, f in unplaced if f.lang == lang) + "</td>" for lang in langs)
        body.append(f'<tr><td class="group" title="findings without a paragraph">–</td>{cells}</tr>')
    files = " · ".join(f"{escape(lang)}: {escape(report_path(release.documents[lang].path))}" for lang in langs)
    return (f'<section class="release"><h2>{escape(report_path(release.path))}</h2><p class="files">{files}</p>'
            f'<table class="aligned"><thead><tr><th class="group">#</th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></section>')


def _rows(release_report: ReleaseReport) -> list[Group]:
    """The alignment groups, plus one row per paragraph no group holds (so no text is hidden)."""
    rows = list(release_report.groups)
    grouped = {(lang, i) for g in rows for lang, idx in g.paragraphs.items() for i in idx}
    for lang, doc in sorted(release_report.release.documents.items()):
        rows += [Group({lang: (p.index,)}, 0.0) for p in doc.paragraphs if (lang, p.index) not in grouped]
    return rows


def _missing_row(rows: list[Group], finding: Finding) -> int | None:
    """The row where the finding's version is empty and its related paragraphs are."""
    related = {(loc.lang, loc.paragraph_index) for loc in finding.related}
    for r, group in enumerate(rows):
        if not group.paragraphs.get(finding.lang) and any(
                (lang, i) in related for lang, idx in group.paragraphs.items() for i in idx):
            return r
    return None


def _cell(release_report: ReleaseReport, group: Group, lang: str,
          on_paragraph: dict[tuple[str, int], list[tuple[str, Finding]]], missing: list[tuple[str, Finding]]) -> str:
    indexes = group.paragraphs.get(lang, ())
    if not indexes:
        content = "".join(_missing_mark(fid, f) for fid, f in missing) or '<span class="missing-label">missing</span>'
        notes = "".join(_note(fid, f) for fid, f in missing)
        return f'<td class="empty" lang="{escape(lang)}">{content}{notes}</td>'
    parts = []
    for i in indexes:
        paragraph = release_report.release.paragraph(lang, i)
        findings = on_paragraph.get((lang, i), [])
        kind = " title" if paragraph.kind in ("title", "heading") else ""
        parts.append(f'<p class="para{kind}"><span class="pnum">¶{paragraph.number} · line {paragraph.line}</span>'
                     f"{_highlight(paragraph.text, findings)}</p>")
        parts += [_note(fid, f) for fid, f in findings]
    return f'<td lang="{escape(lang)}">{"".join(parts)}</td>'


def _highlight(text: str, findings: list[tuple[str, Finding]]) -> str:
    """Escaped `text` with a mark per finding: on its span, or around the whole text.

    Spans that are out of range or overlap an earlier span fall back to the whole paragraph, so
    every finding gets exactly one mark and marks nest properly.
    """
    spans: list[tuple[int, int, str, Finding]] = []
    whole: list[tuple[str, Finding]] = []
    for fid, finding in findings:
        span = finding.span
        if span and 0 <= span[0] < span[1] <= len(text) and all(span[1] <= s or span[0] >= e for s, e, _, _ in spans):
            spans.append((span[0], span[1], fid, finding))
        else:
            whole.append((fid, finding))
    out, pos = [], 0
    for start, end, fid, finding in sorted(spans, key=lambda s: s[0]):
        out += [escape(text[pos:start]), _mark_open(fid, finding), escape(text[start:end]), "</mark>"]
        pos = end
    inner = "".join(out) + escape(text[pos:])
    for fid, finding in whole:
        inner = f"{_mark_open(fid, finding)}{inner}</mark>"
    return inner


def _mark_open(fid: str, finding: Finding, extra: str = "") -> str:
    tip = f"{finding.rule} {finding.name} ({finding.severity.value}): {finding.message}"
    tip += "".join(f"\n{k}: {v}" for k, v in (("expected", finding.expected), ("found", finding.found)) if v is not None)
    return (f'<mark class="finding sev-{finding.severity.value}{extra}" id="{fid}" tabindex="-1" '
            f'data-rule="{escape(finding.rule)}" data-severity="{finding.severity.value}" '
            f'data-category="{escape(finding.category)}" data-lang="{escape(finding.lang)}" title="{escape(tip)}">')


def _missing_mark(fid: str, finding: Finding) -> str:
    where = f" {gap_phrase(finding.gap)}" if finding.gap is not None else ""
    return f"{_mark_open(fid, finding, ' missing')}missing{escape(where)}</mark>"


def _related_label(location: Location) -> str:
    return f"{location_label(location)} “{location.form}”" if location.form else location_label(location)


def _note(fid: str, finding: Finding) -> str:
    evidence = "".join(f" · {k} <b>{escape(v)}</b>" for k, v in (("expected", finding.expected), ("found", finding.found))
                       if v is not None)
    # Each counterpart with its own writing of the value (`form`), so a reviewer sees every version's.
    others = f" · see {escape(', '.join(_related_label(loc) for loc in finding.related))}" if finding.related else ""
    return (f'<div class="note sev-{finding.severity.value}" data-fid="{fid}">'
            f'<span class="rule">{escape(finding.rule)}</span> {escape(finding.message)}{evidence}{others}</div>')
