"""Date ranges and lists in every writing a release uses, five languages: (language, text, keys).

Issue 11 item 12: `Am 25./26. November` and `2./3. Dezember` are correct German; ranges spanning
two months and numeric German ranges must give the key of the same range written in words.
"""

from __future__ import annotations

import pytest

from langcheck.extract.dates import find_dates

RANGES = [
    # Two days of one month, the month written once.
    ("de", "Am 25./26. November tagte der Rat.", ["--11-25/--11-26"]),
    ("de", "am 2./3. Dezember 2021 in Wien", ["2021-12-02/2021-12-03"]),
    ("de", "vom 25.–26. November 2021", ["2021-11-25/2021-11-26"]),
    ("de", "vom 25. bis zum 27. November", ["--11-25/--11-27"]),
    ("en", "on 25 and 26 November 2021", ["2021-11-25/2021-11-26"]),
    ("en", "on November 25 and 26, 2021", ["2021-11-25/2021-11-26"]),
    ("en", "from the 25th to the 27th of November", ["--11-25/--11-27"]),
    ("es", "los días 25 y 26 de noviembre de 2021", ["2021-11-25/2021-11-26"]),
    ("es", "entre el 25 y el 27 de noviembre", ["--11-25/--11-27"]),
    ("fr", "les 25 et 26 novembre 2021", ["2021-11-25/2021-11-26"]),
    ("fr", "entre le 25 et le 27 novembre", ["--11-25/--11-27"]),
    ("ru", "25–26 ноября 2021 года", ["2021-11-25/2021-11-26"]),
    ("ru", "между 25 и 27 ноября", ["--11-25/--11-27"]),
    # "between ... and ..." is a range, like "from ... to ...".
    ("en", "between 25 and 27 November", ["--11-25/--11-27"]),
    ("de", "zwischen dem 25. und 27. November", ["--11-25/--11-27"]),
    # Numeric German and Russian dates: the days before the last one share its month and year.
    ("de", "am 25./26.11.2021", ["2021-11-25/2021-11-26"]),
    ("de", "vom 25.–27.11.2021", ["2021-11-25/2021-11-27"]),
    ("de", "vom 25.11. bis 27.11.2021", ["2021-11-25/2021-11-27"]),
    ("ru", "25-26.11.2021 в Минске", ["2021-11-25/2021-11-26"]),
    # Ranges across two months, with and without a year.
    ("de", "vom 30. November bis 2. Dezember 2021", ["2021-11-30/2021-12-02"]),
    ("de", "vom 30. November bis zum 2. Dezember 2021", ["2021-11-30/2021-12-02"]),
    ("de", "vom 30.11. bis 2.12.2021", ["2021-11-30/2021-12-02"]),
    ("de", "vom 30.12. bis 2.1.2022", ["2021-12-30/2022-01-02"]),  # the year turns between
    ("en", "30 November – 2 December 2021", ["2021-11-30/2021-12-02"]),
    ("en", "between 30 November and 2 December", ["--11-30/--12-02"]),
    ("es", "del 30 de noviembre al 2 de diciembre de 2021", ["2021-11-30/2021-12-02"]),
    ("es", "entre el 30 de noviembre y el 2 de diciembre", ["--11-30/--12-02"]),
    ("fr", "du 30 novembre au 2 décembre 2021", ["2021-11-30/2021-12-02"]),
    ("fr", "entre le 30 novembre et le 2 décembre", ["--11-30/--12-02"]),
    ("ru", "с 30 ноября по 2 декабря 2021 года", ["2021-11-30/2021-12-02"]),
    ("ru", "между 30 ноября и 2 декабря", ["--11-30/--12-02"]),
    # A weekday may stand before the second date or day.
    ("en", "from Monday 30 November to Wednesday 2 December", ["--11-30/--12-02"]),
    ("en", "from Monday, November 30, to Wednesday, December 2, 2021", ["2021-11-30/2021-12-02"]),
    ("de", "von Montag, 30. November, bis Mittwoch, 2. Dezember", ["--11-30/--12-02"]),
    ("es", "del lunes 30 de noviembre al miércoles 2 de diciembre", ["--11-30/--12-02"]),
    ("fr", "du lundi 30 novembre au mercredi 2 décembre", ["--11-30/--12-02"]),
    ("ru", "с понедельника 30 ноября по среду 2 декабря", ["--11-30/--12-02"]),
    ("en", "on Tuesday 25 and Wednesday 26 November", ["--11-25/--11-26"]),
    ("de", "am Dienstag, 25., und Mittwoch, 26. November", ["--11-25/--11-26"]),
    ("fr", "les mardi 25 et mercredi 26 novembre", ["--11-25/--11-26"]),
    ("es", "el martes 25 y el miércoles 26 de noviembre", ["--11-25/--11-26"]),
    ("ru", "во вторник 25 и в среду 26 ноября", ["--11-25/--11-26"]),
    # Two ranges in one sentence stay two.
    ("de", "am 25./26. November und am 2./3. Dezember", ["--11-25/--11-26", "--12-02/--12-03"]),
]

LOOK_ALIKES = [
    # Two dates joined by "and" without "between" are two dates, not a range.
    ("en", "on 3 May and 5 June", ["--05-03", "--06-05"]),
    ("de", "am 3. Mai und am 5. Juni", ["--05-03", "--06-05"]),
    ("fr", "le 3 mai et le 5 juin", ["--05-03", "--06-05"]),
    ("es", "el 3 de mayo y el 5 de junio", ["--05-03", "--06-05"]),
    ("ru", "3 мая и 5 июня", ["--05-03", "--06-05"]),
    ("en", "on 3 May and on Friday 5 June", ["--05-03", "--06-05"]),
    ("fr", "le lundi 3 mai et le vendredi 5 juin", ["--05-03", "--06-05"]),
    # A weekday alone is no date, and does not join two figures.
    ("en", "on Monday 25 delegates and on Tuesday 26 November", ["--11-26"]),
    # Days joined by "and" are a list where they are not consecutive.
    ("en", "on 25 and 27 November", ["--11-25,--11-27"]),
    ("fr", "les 25 et le 27 novembre", ["--11-25,--11-27"]),
    # "between" before figures that are not days of a date.
    ("en", "between 25 and 27 delegates met in November", ["--11"]),
    ("de", "zwischen 25 und 27 Prozent im November", ["--11"]),
    ("ru", "между 25 и 27 процентами в ноябре", ["--11"]),
    # A version number or a score with dots is no numeric date.
    ("de", "die Quote lag bei 25,5./26.", []),
    ("de", "Aktenzeichen 12/25.11.2021 des Gerichts", ["2021-11-25"]),  # a file number, then the date
    ("ru", "решение № 12/25.11.2021", ["2021-11-25"]),
    ("de", "Punkte 2.–3.11 der Tagesordnung", []),
    # A range whose end comes before its start is not a range.
    ("de", "vom 27.–25.11.2021", ["2021-11-25"]),
]


def _keys(text: str, lang: str) -> list[str]:
    facts = find_dates(text, lang)
    for fact in facts:
        assert text[fact.start : fact.end] == fact.surface
    return [f.key for f in facts]


@pytest.mark.parametrize(("lang", "text", "expected"), [pytest.param(*c, id=f"{c[0]}-{c[1][:40]}") for c in RANGES])
def test_range_and_list_forms(lang: str, text: str, expected: list[str]) -> None:
    assert _keys(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [pytest.param(*c, id=f"{c[0]}-{c[1][:40]}") for c in LOOK_ALIKES])
def test_look_alikes(lang: str, text: str, expected: list[str]) -> None:
    assert _keys(text, lang) == expected


@pytest.mark.parametrize(
    "versions",
    [
        # One range, five writings: equal keys whatever the language and form.
        {"de": "am 25./26. November 2021", "en": "on November 25 and 26, 2021", "es": "los días 25 y 26 de noviembre de 2021",
         "fr": "les 25 et 26 novembre 2021", "ru": "25–26 ноября 2021 года"},
        {"de": "vom 30.11. bis 2.12.2021", "en": "between 30 November and 2 December 2021",
         "es": "del 30 de noviembre al 2 de diciembre de 2021", "fr": "du 30 novembre au 2 décembre 2021",
         "ru": "с 30 ноября по 2 декабря 2021 года"},
    ],
)
def test_one_range_gives_one_key_in_every_language(versions: dict[str, str]) -> None:
    keys = {lang: _keys(text, lang) for lang, text in versions.items()}
    assert len({tuple(k) for k in keys.values()}) == 1, keys


# --- the rule sees one date: no LC202 on correct versions, an error on a changed day ------------

CORRECT = {
    "two-days": {
        "de": "Am 25./26. November 2021 tagte der Rat in Wien.",
        "en": "On November 25 and 26, 2021, the Council met in Vienna.",
        "es": "Los días 25 y 26 de noviembre de 2021, el Consejo se reunió en Viena.",
        "fr": "Les 25 et 26 novembre 2021, le Conseil s'est réuni à Vienne.",
        "ru": "25–26 ноября 2021 года Совет заседал в Вене.",
    },
    "across-months": {
        "de": "Die Messe findet vom 30.11. bis 2.12.2021 in Minsk statt.",
        "en": "The fair takes place in Minsk from 30 November to 2 December 2021.",
        "es": "La feria se celebra en Minsk entre el 30 de noviembre y el 2 de diciembre de 2021.",
        "fr": "Le salon se tient à Minsk du 30 novembre au 2 décembre 2021.",
        "ru": "Выставка пройдет в Минске с 30 ноября по 2 декабря 2021 года.",
    },
}


def _lc202(versions: dict[str, str]) -> list:
    from langcheck.extract import extract_facts
    from langcheck.glossary import default_glossary_paths, load_glossary
    from langcheck.model import Document, Group, Paragraph, Release
    from langcheck.rules.base import RuleContext
    from langcheck.rules.facts import FACT_RULES

    glossary = load_glossary(default_glossary_paths())
    documents = {
        lang: Document(lang=lang, path=f"{lang}.txt", paragraphs=(Paragraph(index=0, text=text, line=1),))
        for lang, text in versions.items()
    }
    ctx = RuleContext(
        release=Release(path="case", documents=documents),
        groups=(Group(paragraphs={lang: (0,) for lang in versions}, similarity=1.0),),
        source=None,
        facts={(lang, 0): extract_facts(text, lang, glossary) for lang, text in versions.items()},
        glossary=glossary,
    )
    (rule,) = [r for r in FACT_RULES if r.code == "LC202"]
    return list(rule.check(ctx))


@pytest.mark.parametrize("name", CORRECT)
def test_correct_ranges_raise_no_date_finding(name: str) -> None:
    assert _lc202(CORRECT[name]) == []


@pytest.mark.parametrize(
    ("name", "lang", "old", "new"),
    [
        ("two-days", "de", "25./26.", "24./25."),
        ("across-months", "de", "2.12.2021", "3.12.2021"),
        ("across-months", "es", "el 2 de diciembre", "el 3 de diciembre"),
        ("across-months", "ru", "по 2 декабря", "по 3 декабря"),
    ],
)
def test_a_changed_day_in_a_range_is_an_error(name: str, lang: str, old: str, new: str) -> None:
    versions = dict(CORRECT[name])
    assert old in versions[lang]
    versions[lang] = versions[lang].replace(old, new)
    findings = _lc202(versions)
    assert [(f.lang, f.severity.value) for f in findings] == [(lang, "error")]
