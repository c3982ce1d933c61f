"""The one findings fixture every reporter is tested against, and the golden-file comparison.

Two releases built by hand: one with four versions (de, en, fr, ru) whose last paragraph carries
`<script>` and `&` in every version, one with three (en, es, fr) where es lacks a paragraph.
Findings cover every severity, several categories, a span, no span, and a missing paragraph
(placed after es ¶2, on its line, as LC101 places it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from langcheck.model import Document, Finding, Gap, Group, Location, Paragraph, Release, ReleaseReport, Report, Severity

GOLDEN = Path(__file__).parent / "golden"

HOSTILE = "<script>alert(1)</script> & \" onmouseover=alert(2) x=\""

LAVROV = {
    "de": [
        "Pressemitteilung zum Besuch von Außenminister Sergej Lawrow in der Republik Belarus",
        "Am 25. und 26. November stattete Außenminister Sergej Lawrow Minsk einen Arbeitsbesuch ab. "
        "Er führte Gespräche mit Wladimir Makei.",
        "Der Handel zwischen Russland und Belarus erreichte 2020 16,2 Millionen Dollar.",
        f"Anmerkung der Redaktion: die Seite zeigte {HOSTILE} im Quelltext.",
    ],
    "en": [
        "Press release on Foreign Minister Sergey Lavrov’s visit to the Republic of Belarus",
        "On November 25-26, Foreign Minister Sergey Lavrov paid a working visit to Minsk. "
        "He held talks with Vladimir Makei.",
        "Trade between Russia and Belarus reached 16.2 billion dollars in 2020.",
        f"Editors’ note: the page showed {HOSTILE} in its source.",
    ],
    "fr": [
        "Communiqué de presse sur la visite du ministre des Affaires étrangères Sergueï Lavrov au Bélarus",
        "Les 25 et 26 novembre, le ministre des Affaires étrangères Sergueï Lavrov a effectué une visite "
        "de travail à Minsk. Il a eu des entretiens avec Vladimir Makeï.",
        "Les échanges entre la Russie et le Bélarus ont atteint 16,2 milliards de dollars en 2020.",
        # Left in English by mistake: the wrong-language finding below is about it.
        f"Editors’ note: the page showed {HOSTILE} in its source.",
    ],
    "ru": [
        "Пресс-релиз о визите Министра иностранных дел Сергея Лаврова в Республику Беларусь",
        "25-26 ноября Министр иностранных дел Сергей Лавров посетил Минск с рабочим визитом. "
        "Он провёл переговоры с Владимиром Макаровым.",
        "Товарооборот между Россией и Беларусью в 2020 году составил 16,2 млрд долларов.",
        f"Примечание редакции: страница показывала {HOSTILE} в исходном коде.",
    ],
}

SPUTNIK = {
    "en": [
        "Press release on the delivery of the Sputnik V vaccine",
        "The first batch arrived on 3 February 2021, the ministry said.",
        "A further 100,000 doses will follow in March.",
    ],
    "es": [
        "Comunicado de prensa sobre la entrega de la vacuna Sputnik V",
        "El primer lote llegó el 3 de febrero de 2021, según el ministerio.",
    ],
    "fr": [
        "Communiqué de presse sur la livraison du vaccin Spoutnik V",
        "Le premier lot est arrivé le 13 février 2021, a indiqué le ministère.",
        "100 000 doses supplémentaires suivront en mars.",
    ],
}


def _release(path: str, texts: dict[str, list[str]]) -> Release:
    documents = {
        lang: Document(
            lang=lang,
            path=f"{path}/{lang}.txt",
            paragraphs=tuple(
                Paragraph(index=i, text=text, line=1 + 2 * i, kind="title" if i == 0 else "body")
                for i, text in enumerate(paragraphs)
            ),
        )
        for lang, paragraphs in texts.items()
    }
    return Release(path=path, documents=documents)


def _loc(release: Release, lang: str, paragraph: int) -> Location:
    doc = release.documents[lang]
    return Location(lang, doc.path, paragraph + 1, doc.paragraphs[paragraph].line)


def _finding(release: Release, rule: str, name: str, category: str, severity: Severity, lang: str,
             paragraph: int | None, message: str, related: tuple[str, ...], *, expected: str | None = None,
             found: str | None = None, span_of: str | None = None, related_paragraph: int | None = None,
             gap: Gap | None = None) -> Finding:
    """`paragraph` and `related_paragraph` are 0-based indexes, as rules hold them; a `gap` places a
    missing paragraph on the line of the version's paragraph it would precede, else follow."""
    doc = release.documents[lang]
    span = None
    if span_of is not None:
        assert paragraph is not None
        start = doc.paragraphs[paragraph].text.index(span_of)
        span = (start, start + len(span_of))
    where = paragraph if related_paragraph is None else related_paragraph
    return Finding(
        rule=rule, name=name, category=category, severity=severity, lang=lang, file=doc.path,
        paragraph_number=None if paragraph is None else paragraph + 1, line=_line(doc, paragraph, gap),
        message=message, expected=expected, found=found,
        related=tuple(_loc(release, other, where) for other in related), span=span, gap=gap,
    )


def _line(doc: Document, paragraph: int | None, gap: Gap | None) -> int | None:
    if paragraph is not None:
        return doc.paragraphs[paragraph].line
    if gap is None:
        return None
    neighbour = gap.before_paragraph_number or gap.after_paragraph_number
    return doc.paragraphs[neighbour - 1].line if neighbour else None


def build_report() -> Report:
    lavrov = _release("releases/lavrov-belarus-2020", LAVROV)
    sputnik = _release("releases/sputnik-2021", SPUTNIK)
    lavrov_findings = (
        _finding(lavrov, "LC201", "number-mismatch", "number", Severity.ERROR, "de", 2,
                 "de says 16,2 Millionen where en, fr, ru say 16.2 billion", ("en", "fr", "ru"),
                 expected="16.2 billion", found="16,2 Millionen", span_of="16,2 Millionen"),
        _finding(lavrov, "LC301", "name-mismatch", "name", Severity.WARNING, "ru", 1,
                 "ru names Владимиром Макаровым where de, en, fr name Vladimir Makei", ("de", "en", "fr"),
                 expected="Vladimir Makei", found="Владимиром Макаровым", span_of="Владимиром Макаровым"),
        _finding(lavrov, "LC402", "term-variant", "term", Severity.INFO, "de", 1,
                 "de writes Wladimir Makei; the glossary spells it Wladimir Makej", (),
                 expected="Wladimir Makej", found="Wladimir Makei", span_of="Wladimir Makei"),
        _finding(lavrov, "LC501", "wrong-language", "language", Severity.WARNING, "fr", 3,
                 'fr ¶4 reads as English, not French: "Editors’ note" & <script> left untranslated',
                 ("de", "en", "ru"), expected="fr", found="en"),
    )
    sputnik_findings = (
        _finding(sputnik, "LC101", "missing-paragraph", "structure", Severity.ERROR, "es", None,
                 "es has no paragraph for en ¶3, fr ¶3: A further 100,000 doses will follow in March.",
                 ("en", "fr"), expected="A further 100,000 doses will follow in March.", related_paragraph=2,
                 gap=Gap(after_paragraph_number=2, before_paragraph_number=None)),
        _finding(sputnik, "LC202", "date-mismatch", "date", Severity.WARNING, "fr", 1,
                 "fr says 13 février 2021 where en, es say 3 February 2021 (100%: check, then fix)",
                 ("en", "es"), expected="3 February 2021", found="13 février 2021", span_of="13 février 2021"),
    )
    lavrov_groups = tuple(Group({lang: (i,) for lang in LAVROV}, 0.9 - 0.012345678 * i) for i in range(4))
    sputnik_groups = (
        Group({"en": (0,), "es": (0,), "fr": (0,)}, 0.95),
        Group({"en": (1,), "es": (1,), "fr": (1,)}, 0.8712345),
        Group({"en": (2,), "es": (), "fr": (2,)}, 0.77777777),
    )
    return Report(
        releases=(
            ReleaseReport(lavrov, lavrov_groups, lavrov_findings),
            ReleaseReport(sputnik, sputnik_groups, sputnik_findings),
        ),
        failures=(("releases/broken-2022", "no language versions found"),),
    )


@dataclass(frozen=True)
class RuleInfo:
    """Stands in for `langcheck.rules.base.Rule`: what reporters read of a rule."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str


RULES = (
    RuleInfo("LC101", "missing-paragraph", Severity.ERROR, "A version lacks a paragraph the others have.",
             "A version lacks a paragraph the others have.\n\nWhy: readers of that version miss content."),
    RuleInfo("LC201", "number-mismatch", Severity.ERROR, "A number differs between versions.",
             "A number differs between versions.\n\nWhy: 16.2 billion is not 16,2 Millionen."),
    RuleInfo("LC202", "date-mismatch", Severity.WARNING, "A date differs between versions.",
             "A date differs between versions."),
    RuleInfo("LC203", "percent-mismatch", Severity.ERROR, "A percentage differs between versions.",
             "A percentage differs between versions."),
)


@pytest.fixture
def report() -> Report:
    return build_report()


@pytest.fixture
def rules() -> tuple[RuleInfo, ...]:
    return RULES


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """`golden(name, text)`: compare `text` with `golden/<name>`, or rewrite it with --update-golden."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            return
        if not path.exists():
            pytest.fail(f"no golden file {path}; run pytest --update-golden to create it")
        assert text == path.read_text(encoding="utf-8"), f"{name} differs from golden; see git diff after --update-golden"

    return check
