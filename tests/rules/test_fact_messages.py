"""What a fact finding carries besides its message: every other version's own writing of the
expected value in `related[].form`, also in the JSON report (issue 11, item 8)."""

from __future__ import annotations

import json

from langcheck.model import ReleaseReport, Report
from langcheck.report import json as json_report
from langcheck.rules.facts import FACT_RULES

from .test_fact_rules import build_context

RULES = {r.code: r for r in FACT_RULES}

NAME_REPLACED = {
    "en": "The talks were hosted by President Vladimir Putin in Minsk.",
    "de": "Gastgeber der Gespräche in Minsk war Präsident Alexander Lukaschenko.",
    "es": "Las conversaciones en Minsk fueron presididas por el presidente Alexandr Lukashenko.",
    "fr": "Les entretiens à Minsk ont été présidés par le président Alexandre Loukachenko.",
    "ru": "Переговоры в Минске провёл президент Александр Лукашенко.",
}
NUMBER_CHANGED = {
    "en": "More than 1,200 enterprises operate in the region.",
    "de": "Mehr als 1.200 Unternehmen sind in der Region tätig.",
    "es": "Operan más de 1.200 empresas en la región.",
    "fr": "Plus de 1 300 entreprises sont actives dans la région.",
    "ru": "В регионе работают более 1 200 предприятий.",
}


def _only(code: str, case: dict[str, str]):
    ctx = build_context(case)
    (finding,) = list(RULES[code].check(ctx))
    return ctx, finding


def test_related_locations_keep_every_versions_form_of_the_name() -> None:
    _, finding = _only("LC301", NAME_REPLACED)
    assert {loc.lang: loc.form for loc in finding.related} == {
        "de": "Lukaschenko", "es": "Lukashenko", "fr": "Loukachenko", "ru": "Лукашенко"}


def test_related_locations_keep_every_versions_form_of_the_number() -> None:
    _, finding = _only("LC201", NUMBER_CHANGED)
    assert finding.lang == "fr"
    assert {loc.lang: loc.form for loc in finding.related} == {"de": "1.200", "en": "1,200", "es": "1.200", "ru": "1 200"}


def test_json_report_keeps_the_forms_in_related() -> None:
    ctx, finding = _only("LC201", NUMBER_CHANGED)
    report = Report(releases=(ReleaseReport(release=ctx.release, groups=ctx.groups, findings=(finding,)),))
    (entry,) = json.loads(json_report.render(report))["releases"][0]["findings"]
    assert [(r["lang"], r.get("form")) for r in entry["related"]] == [("de", "1.200"), ("en", "1,200"), ("es", "1.200"), ("ru", "1 200")]


def test_a_finding_without_forms_writes_no_form_key() -> None:
    ctx, finding = _only("LC402", {
        "en": "The ministers discussed the development of the Union State.",
        "de": "Die Minister erörterten die Entwicklung des Bundesstaates.",
        "ru": "Министры обсудили развитие Союзного государства.",
    })
    report = Report(releases=(ReleaseReport(release=ctx.release, groups=ctx.groups, findings=(finding,)),))
    (entry,) = json.loads(json_report.render(report))["releases"][0]["findings"]
    assert all("form" not in r for r in entry["related"])
