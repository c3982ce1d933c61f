"""One self-contained HTML page for translators: the versions side by side, findings highlighted.

Layout: a summary header; a sidebar with filters (review state, severity, category, language),
the two-versions toggle, the review keys and download, and the findings list; per release a table
with one row per alignment group and one column per version. Each finding is one
`<mark class="finding sev-…" id="f-N">`: on its span when the finding has one, on the whole
paragraph otherwise, and on the empty cell when the paragraph is missing. Each paragraph is
`<p class="para" id="p-R-L-I">` (release, language and paragraph index), and where a related
version writes the finding's value (`Location.form`) that writing is a
`<span class="cp" data-for="f-N …">`, so the script can light up a finding's counterparts.
`j`/`n` and `k`/`p` move from finding to finding. Paragraph numbers shown are 1-based.

Review: the script keeps each finding's state (open, accepted, false positive) and comment in
the browser's localStorage under `langcheck-review:<report id>`, keyed by the finding's
baseline fingerprint (`langcheck.baseline.fingerprint`); the report id is a hash of every
finding's fingerprint, so a re-rendered report of the same findings finds its decisions again.
The download is a baseline file (`langcheck.baseline`) that `--baseline` reads.

Safety: every text from a release goes through `html.escape`; data for the script is JSON in a
`<script type="application/json">` block with `<`, `>`, `&` escaped; a Content-Security-Policy
allows only the page's own script (by hash), inline styles and nothing from the network.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from html import escape as _html_escape

from langcheck.baseline import SCHEMA as BASELINE_SCHEMA, fingerprint
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
    findings = []
    for r, (rr, pairs) in enumerate(numbered):
        rank = {lang: i for i, lang in enumerate(rr.release.languages)}
        findings += [{"id": fid, "severity": f.severity.value, "category": f.category, "lang": f.lang,
                      "rule": f.rule, "message": f.message, "fp": fingerprint(rr.release.path, f),
                      "related": [_paragraph_id(r, rank[loc.lang], loc.paragraph_index) for loc in f.related
                                  if loc.lang in rank and loc.paragraph_index is not None]}
                     for fid, f in pairs]
    data = {"findings": findings, "report": _report_id(f["fp"] for f in findings), "schema": BASELINE_SCHEMA}
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
        _sidebar(report, numbered, source),
        "<main>",
        *(_release(r, rr, pairs, source) for r, (rr, pairs) in enumerate(numbered)),
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


def _report_id(prints: Iterable[str]) -> str:
    """The same findings give the same id (their order and line numbers do not matter)."""
    return hashlib.sha256("\n".join(sorted(set(prints))).encode("ascii")).hexdigest()[:16]


def _paragraph_id(release: int, lang_rank: int, index: int) -> str:
    return f"p-{release}-{lang_rank}-{index}"


# A run of 30 or more characters without a space is a URL, an address or a path, not a word: it may
# break after its separators; a word never breaks (the stylesheet's overflow-wrap: break-word with
# the table's automatic layout keeps every column at least as wide as its longest word).
_LONG_RUN = re.compile(r"(?<!\S)\S{30,}")
_AFTER_SEPARATOR = re.compile(r"(?<=[/?&=_.@#-])(?=\S)")


def _text(text: str) -> str:
    """Escaped paragraph text, with `<wbr>` after the separators of URL-like runs (those with a
    `/` or `@`: links, addresses, paths; the check for them is what keeps this cheap)."""
    if "/" not in text and "@" not in text:
        return escape(text)
    out, pos = [], 0
    for run in _LONG_RUN.finditer(text):
        out += [escape(text[pos:run.start()]), "<wbr>".join(escape(part) for part in _AFTER_SEPARATOR.split(run.group()))]
        pos = run.end()
    return "".join(out) + escape(text[pos:])


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


_STATES = (("all", "all"), ("open", "open"), ("accepted", "accepted"), ("false-positive", "false positive"))


def _sidebar(report: Report, numbered: list[tuple[ReleaseReport, list[tuple[str, Finding]]]], source: str | None) -> str:
    findings = report.findings
    categories = sorted({f.category for f in findings})
    langs = sorted({lang for rr in report.releases for lang in rr.release.documents} | {f.lang for f in findings})
    states = "".join(f'<label><input type="radio" name="state" data-state-filter value="{v}"{" checked" if v == "all" else ""}> '
                     f"{label}</label>" for v, label in _STATES)
    filters = "".join([
        f"<fieldset><legend>Review state</legend>{states}</fieldset>",
        _checkboxes("Severity", "severity", [s.value for s in SEVERITY_ORDER]),
        _checkboxes("Category", "category", categories),
        _checkboxes("Version", "lang", langs),
        _pair_toggle(langs, source),
    ])
    lists = []
    for rr, pairs in numbered:
        items = "".join(_list_item(fid, f) for fid, f in pairs) or '<li class="none">no findings</li>'
        lists.append(f"<h3>{escape(report_path(rr.release.path))}</h3><ol class=\"findings\">{items}</ol>")
    keys = ('<p class="keys"><kbd>j</kbd>/<kbd>n</kbd> next · <kbd>k</kbd>/<kbd>p</kbd> previous finding · '
            "<kbd>a</kbd> accept (a real problem) · <kbd>f</kbd> false positive · <kbd>c</kbd> comment · "
            "<kbd>u</kbd> undo</p>")
    review = ('<div class="review-bar"><span id="shown-count">'
              f'{len(findings)} findings</span> · <span id="review-count"></span><br>'
              '<button type="button" id="download-baseline">Download baseline</button> '
              '<label title="Accepted findings are known too: leave this off to keep them in the next run">'
              '<input type="checkbox" id="include-accepted" checked> with accepted</label>'
              '<p class="hint">The baseline holds the findings marked false positive (and accepted): '
              "<code>langcheck check --baseline FILE</code> then shows only the others.</p>"
              '<p id="storage-note" class="hint" hidden>This browser keeps no local storage: '
              "decisions last until the page is closed; download them.</p></div>")
    return f'<aside aria-label="Findings">{filters}{keys}{review}{"".join(lists)}</aside>'


def _pair_toggle(langs: list[str], source: str | None) -> str:
    """Two chosen versions side by side (the others' columns hidden): the source first by default."""
    first = source if source in langs else (langs[0] if langs else "")
    second = next((lang for lang in langs if lang != first), first)

    def options(chosen: str) -> str:
        return "".join(f'<option value="{escape(v)}"{" selected" if v == chosen else ""}>{escape(v)}</option>' for v in langs)

    return ('<fieldset><legend>Columns</legend><label><input type="checkbox" id="pair-on"> only</label> '
            f'<select id="pair-a" aria-label="first version">{options(first)}</select> and '
            f'<select id="pair-b" aria-label="second version">{options(second)}</select> side by side</fieldset>')


def _checkboxes(legend: str, kind: str, values: list[str]) -> str:
    boxes = "".join(f'<label><input type="checkbox" data-filter="{kind}" value="{escape(v)}" checked> {escape(v)}</label>'
                    for v in values)
    return f"<fieldset><legend>{legend}</legend>{boxes}</fieldset>"


def _list_item(fid: str, finding: Finding) -> str:
    return (f'<li class="sev-{finding.severity.value}" data-fid="{fid}" data-state="open"><a href="#{fid}">'
            f'<span class="sev">{finding.severity.value}</span> <span class="rule">{escape(finding.rule)}</span> '
            f'{escape(finding.name)} <span class="where">{escape(finding_label(finding))}</span><br>'
            f"{escape(finding.message)}</a>"
            '<div class="review"><button type="button" data-act="accepted" title="a: a real problem to fix">accept</button>'
            '<button type="button" data-act="false-positive" title="f: not a problem">false positive</button>'
            '<button type="button" data-act="comment" title="c">comment</button> <span class="state">open</span></div>'
            '<p class="comment" hidden></p>'
            '<input type="text" class="comment-input" aria-label="comment" placeholder="why? (Enter saves, Esc cancels)" hidden>'
            "</li>")


def _release(number: int, release_report: ReleaseReport, pairs: list[tuple[str, Finding]], source: str | None) -> str:
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
    counterparts = _counterparts(release_report, pairs)
    rank = {lang: i for i, lang in enumerate(langs)}
    head = "".join(
        f'<th lang="{escape(lang)}">{escape(lang)}{" (source)" if lang == source else ""} '
        f"<small>{escape(release.documents[lang].file_name)}</small></th>" for lang in langs)
    body = []
    for r, group in enumerate(rows):
        cells = "".join(_cell(release_report, group, lang, on_paragraph, on_cell.get((r, lang), []), counterparts,
                              lambda i, lang=lang: _paragraph_id(number, rank[lang], i)) for lang in langs)
        similarity = f"<br>{group.similarity:.0%}" if len(group.present()) > 1 else ""
        body.append(f'<tr><td class="group" title="alignment group {r + 1}, similarity">{r + 1}{similarity}</td>{cells}</tr>')
    if unplaced:
        cells = "".join(
            f'<td lang="{escape(lang)}">' + "".join(_missing_mark(fid, f) for fid, f in unplaced if f.lang == lang) + "</td>"
            for lang in langs)
        body.append(f'<tr><td class="group" title="findings without a paragraph">–</td>{cells}</tr>')
    files = " · ".join(f"{escape(lang)}: {escape(report_path(release.documents[lang].path))}" for lang in langs)
    return (f'<section class="release"><h2>{escape(report_path(release.path))}</h2><p class="files">{files}</p>'
            f'<table class="aligned"><thead><tr><th class="group">#</th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></section>')


def _counterparts(release_report: ReleaseReport, pairs: list[tuple[str, Finding]]) -> dict[tuple[str, int], list[tuple[int, int, list[str]]]]:
    """(lang, paragraph index) -> [(start, end, finding ids)]: where each related version writes a
    finding's value (`Location.form`, its first occurrence in the paragraph), one span per place
    however many findings point at it."""
    spans: dict[tuple[str, int], dict[tuple[int, int], list[str]]] = defaultdict(dict)
    documents = release_report.release.documents
    for fid, finding in pairs:
        for loc in finding.related:
            doc, index = documents.get(loc.lang), loc.paragraph_index
            if not loc.form or doc is None or index is None or not 0 <= index < len(doc.paragraphs):
                continue
            start = doc.paragraphs[index].text.find(loc.form)
            if start >= 0:
                spans[(loc.lang, index)].setdefault((start, start + len(loc.form)), []).append(fid)
    return {key: [(s, e, fids) for (s, e), fids in sorted(found.items())] for key, found in spans.items()}


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
          on_paragraph: dict[tuple[str, int], list[tuple[str, Finding]]], missing: list[tuple[str, Finding]],
          counterparts: dict[tuple[str, int], list[tuple[int, int, list[str]]]], paragraph_id: Callable[[int], str]) -> str:
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
        anchor = f" · {escape(paragraph.anchor)}" if paragraph.anchor else ""
        parts.append(f'<p class="para{kind}" id="{paragraph_id(i)}"><span class="pnum">¶{paragraph.number} · '
                     f"line {paragraph.line}{anchor}</span>{_highlight(paragraph.text, findings, counterparts.get((lang, i), []))}</p>")
        parts += [_note(fid, f) for fid, f in findings]
    return f'<td lang="{escape(lang)}">{"".join(parts)}</td>'


def _highlight(text: str, findings: list[tuple[str, Finding]],
               counterparts: Sequence[tuple[int, int, list[str]]] = ()) -> str:
    """Escaped `text` with a mark per finding: on its span, or around the whole text; and a
    `span.cp` on each place another version's finding points at (`_counterparts`).

    Spans that are out of range or overlap an earlier span fall back to the whole paragraph, so
    every finding gets exactly one mark and marks nest properly; a counterpart that overlaps a
    mark is left out (the paragraph itself is still lit up).
    """
    spans: list[tuple[int, int, str]] = []
    whole: list[tuple[str, Finding]] = []
    for fid, finding in findings:
        span = finding.span
        if span and 0 <= span[0] < span[1] <= len(text) and all(span[1] <= s or span[0] >= e for s, e, _ in spans):
            spans.append((span[0], span[1], _mark_open(fid, finding)))
        else:
            whole.append((fid, finding))
    for start, end, fids in counterparts:
        if 0 <= start < end <= len(text) and all(end <= s or start >= e for s, e, _ in spans):
            spans.append((start, end, f'<span class="cp" data-for="{" ".join(fids)}">'))
    out, pos = [], 0
    for start, end, opening in sorted(spans, key=lambda s: s[0]):
        closing = "</mark>" if opening.startswith("<mark") else "</span>"
        out += [_text(text[pos:start]), opening, _text(text[start:end]), closing]
        pos = end
    inner = "".join(out) + _text(text[pos:])
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
    label = location_label(location)  # names the anchor (unit, page) where there is one
    return f"{label} “{location.form}”" if location.form else label


def _note(fid: str, finding: Finding) -> str:
    evidence = "".join(f" · {k} <b>{escape(v)}</b>" for k, v in (("expected", finding.expected), ("found", finding.found))
                       if v is not None)
    # Each counterpart with its own writing of the value (`form`), so a reviewer sees every version's.
    others = f" · see {escape(', '.join(_related_label(loc) for loc in finding.related))}" if finding.related else ""
    return (f'<div class="note sev-{finding.severity.value}" data-fid="{fid}">'
            f'<span class="rule">{escape(finding.rule)}</span> {escape(finding.message)}{evidence}{others}</div>')
