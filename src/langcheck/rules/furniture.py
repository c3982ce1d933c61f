"""LC1xx rules on page furniture: what the loader left out, and what it tells about the release.

The loader (`langcheck.load.furniture`) keeps the furniture of each text or Markdown version on
`Document.furniture`: date stamps, language switchers and interface labels. These rules make it
visible (nothing vanishes silently) and use two of its kinds as evidence: the publication date
is a fact to compare, and the language switcher lists the versions that exist.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Iterator

from langcheck.load.furniture import DATE_STAMP, LANGUAGE_SWITCHER
from langcheck.model import Finding, Furniture, Location, Severity
from langcheck.rules.base import Rule, RuleContext, majority_holders, rule


@rule("LC105", "missing-version", "missing-version", Severity.ERROR)
def missing_version(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A language version that the release should have is not there.

    **What it does.** The versions a release must have are the configured `languages` (config
    file or `--languages`). Without that setting, they are the languages that the other
    releases of the same tree have: a language counts when at least two of the other releases
    have a version in it and more than half of them do (`langcheck.load.census`; file names
    only). For each required language without a file, it reports an error on that language,
    naming the files that are there. A page copied with its language switcher (`• de-DE1 en-GB1
    es-ES1 ru-RU1 fr-FR1`) is further evidence: a language it names that is not required and
    has no file is reported as a warning on the version whose switcher names it (at the
    switcher's line).

    **Why it matters.** A version that was published but not handed in is never checked, and
    nothing else in the report would show that it is missing.

    **Example.** `--languages de,en,es,fr,ru`, and the folder holds de.md, en.txt, es.txt and
    fr.txt → `the release has no ru version, which the languages setting requires (files: de.md,
    en.txt, es.txt, fr.txt)`. Without the setting, the same in a tree whose other releases all
    have ru.txt: `..., which most other releases of the tree have`. en.txt lists `ru-RU`
    in its switcher and nothing requires ru → a warning: `the language switcher of en lists ru,
    but the release has no ru version (files: ...)`.

    **Limits.** A single release checked without `languages`, or a tree of two, has nothing to
    compare with: only switchers count there. Evidence from a switcher alone is a warning: a
    site-wide switcher may list languages that this one release was never published in; it only
    names configured languages. A release whose file names carry no language code is held to
    the tree but not counted in it.
    """
    present = set(ctx.release.languages)
    files = ", ".join(doc.file_name for _, doc in sorted(ctx.release.documents.items()))
    required = [lang for lang in ctx.required_languages if lang not in present]
    why = ("which the languages setting requires" if ctx.required_by == "languages"
           else "which most other releases of the tree have")
    evidence: dict[str, list[tuple[str, Furniture]]] = {}
    for lang, doc in sorted(ctx.release.documents.items()):
        for item in doc.furniture:
            if item.kind != LANGUAGE_SWITCHER:
                continue
            for named in item.value.split():
                if named not in present:
                    evidence.setdefault(named, []).append((lang, item))
    for missing in sorted(required):
        # The finding is on the missing language itself; its place is the release folder.
        yield Finding(
            rule=self.code, name=self.name, category=self.category, severity=self.severity,
            lang=missing, file=ctx.release.path, paragraph_number=None, line=None,
            message=f"the release has no {missing} version, {why} (files: {files})",
            expected=missing, found=None,
            related=tuple(_at(ctx, lang, item) for lang, item in evidence.get(missing, ())),
        )
    for missing, seen in sorted(evidence.items()):
        if missing in required:
            continue
        lang, item = seen[0]
        finding = self.finding(
            ctx, lang, None,
            f"the language switcher of {lang} lists {missing}, "
            f"but the release has no {missing} version (files: {files})",
            expected=missing, found=None,
            related=tuple(_at(ctx, other, later) for other, later in seen[1:]),
            severity=Severity.WARNING,
        )
        yield replace(finding, line=item.line)


@rule("LC107", "page-furniture", "page-furniture", Severity.INFO)
def page_furniture(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """Lines of the web page that were left out of a version's paragraphs.

    **What it does.** Lists, once per file, what the loader recognised as page furniture in a
    text or Markdown version and did not read as a paragraph: the publication date stamp, the
    language switcher, and interface labels at the very start or end that no other version has
    anything like (`Advanced settings`, `Print`).

    **Why it matters.** A release copied from its web page carries the page's furniture;
    reading it as content would report extra paragraphs that are no translation problem. Left
    out silently, a real paragraph that only looks like furniture could go unchecked: this
    finding shows what was left out, with its lines.

    **Example.** `page furniture left out: line 1 date stamp “26 November 202018:51”, line 6
    language switcher “• de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1”, line 21 interface label
    “Advanced settings”`.

    **Limits.** Information only. `furniture: keep` in the config reads the furniture as text
    (and this rule then finds nothing). The message names lines, so a baseline entry for it
    comes back when an edit moves the furniture. HTML versions have their site chrome dropped by markup,
    which is not listed here.
    """
    for lang, doc in sorted(ctx.release.documents.items()):
        if not doc.furniture:
            continue
        listed = ", ".join(f"line {f.line} {f.kind} “{f.text}”" for f in doc.furniture)
        finding = self.finding(ctx, lang, None, f"page furniture left out: {listed}")
        yield replace(finding, line=doc.furniture[0].line)


@rule("LC108", "publication-date", "date", Severity.INFO)
def publication_date_mismatch(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A version's page gives another publication date than the other versions' pages.

    **What it does.** Compares the date stamps of the versions copied with their page (the day;
    the time of day may differ, as versions go online one after another). The date most
    versions give is expected; a version stamped with another date gets the finding.

    **Why it matters.** A version published on another day may be an older or a newer edition
    of the release, or a page of another release copied by mistake.

    **Example.** en and de pages say `26 November 2020`, fr says `27 novembre 2020` → `fr was
    published on 2020-11-27 (“27 novembre 2020”) where de, en give 2020-11-26`.

    **Limits.** Information only: translations are often put online a day later. Versions
    without a date stamp (HTML, or text without the page) do not take part; with two stamped
    versions that disagree and no `--source`, both are reported.
    """
    stamps = {
        lang: next(f for f in doc.furniture if f.kind == DATE_STAMP)
        for lang, doc in ctx.release.documents.items()
        if any(f.kind == DATE_STAMP for f in doc.furniture)
    }
    if len(set(s.value for s in stamps.values())) < 2:
        return
    counts = Counter(s.value for s in stamps.values())
    winner = next(
        (value for value in counts
         if majority_holders([lang for lang, s in stamps.items() if s.value == value], stamps, ctx.source)),
        None,
    )
    for lang, stamp in sorted(stamps.items()):
        if stamp.value == winner:
            continue
        others = sorted(o for o, s in stamps.items() if s.value != stamp.value
                        and (winner is None or s.value == winner))
        expected = stamps[others[0]]
        finding = self.finding(
            ctx, lang, None,
            f"{lang} was published on {stamp.value} (“{stamp.text}”) where {', '.join(others)} "
            f"{'gives' if len(others) == 1 else 'give'} {expected.value}",
            expected=expected.value, found=stamp.value,
            related=tuple(_at(ctx, o, stamps[o]) for o in others),
        )
        yield replace(finding, line=stamp.line)


def _at(ctx: RuleContext, lang: str, item: Furniture) -> Location:
    return Location(lang=lang, file=ctx.release.documents[lang].path, paragraph_number=None, line=item.line)
