"""Checks of your own (X001...): definitions and their errors, both kinds in five languages,
the reference (source or majority), hostile patterns, ignore/severity by code, `langcheck
rules`, and `langcheck check` end to end with a langcheck.yaml that defines two checks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from langcheck.config import ConfigError, load_config
from langcheck.load.blocks import ignored_rules
from langcheck.model import Document, Finding, Group, Paragraph, Release, Severity
from langcheck.rules import ALL_RULES
from langcheck.rules.base import RuleContext
from langcheck.rules.custom import custom_rules
from langcheck.rules.custom_definitions import (
    CheckDefinition,
    expanded_size,
    parse_check,
)

LANGS = ("de", "en", "es", "fr", "ru")
SUPPORTED = ("de", "en", "es", "fr", "ru")

# A reference number that every version writes its own way; group 1 is the number.
REFERENCE = {"de": r"\bNr\.\s?(\d+)", "en": r"\bNo\.\s?(\d+)", "es": r"\bn\.º\s?(\d+)", "fr": r"\bn°\s?(\d+)",
             "ru": r"№\s?(\d+)"}
WITH_NUMBER = {
    "de": "Die Verbalnote Nr. {n} wurde am Montag dem Botschafter übergeben.",
    "en": "Note verbale No. {n} was handed to the ambassador on Monday.",
    "es": "La nota verbal n.º {n} fue entregada al embajador el lunes.",
    "fr": "La note verbale n° {n} a été remise à l'ambassadeur lundi.",
    "ru": "Вербальная нота № {n} была передана послу в понедельник.",
}
# The number without the marker the pattern looks for: look-alikes that are not a match.
WITHOUT_MARKER = {
    "de": "Die Verbalnote 1432 wurde am Montag dem Botschafter übergeben.",
    "en": "Note verbale 1432 was handed to the ambassador on Monday.",
    "es": "La nota verbal número 1432 fue entregada al embajador el lunes.",
    "fr": "La note verbale numéro 1432 a été remise à l'ambassadeur lundi.",
    "ru": "Вербальная нота номер 1432 была передана послу в понедельник.",
}
# An outdated name of a country, each language's own; the agreed names and the adjectives are look-alikes.
OLD_NAME = {"de": r"\bWeißrussland\w*", "en": r"\bByelorussia\w*", "es": r"\bBielorrusia\w*", "fr": r"\bBiélorussie\w*",
            "ru": r"\bБелорусси\w*"}
OLD_NAME_HITS = {
    "de": ("Der Minister reiste am Dienstag nach Weißrussland.", "Weißrussland"),
    "en": ("The minister travelled to Byelorussia on Tuesday.", "Byelorussia"),
    "es": ("El ministro viajó a Bielorrusia el martes.", "Bielorrusia"),
    "fr": ("Le ministre s'est rendu en Biélorussie mardi.", "Biélorussie"),
    "ru": ("Во вторник министр посетил Белоруссию.", "Белоруссию"),
}
OLD_NAME_LOOKALIKES = {
    "de": "Die weißrussische Delegation traf in Belarus ein.",
    "en": "The Belarusian delegation arrived in Belarus.",
    "es": "La delegación bielorrusa llegó a Belarús.",
    "fr": "La délégation biélorusse est arrivée au Bélarus.",
    "ru": "Белорусская делегация прибыла в Беларусь.",
}


def check(**fields: Any) -> CheckDefinition:
    data = {"code": "X001", "name": "reference-number", "kind": "must-match", "pattern": REFERENCE, **fields}
    return parse_check(data, 0, SUPPORTED, file="langcheck.yaml", line=3)


def context(texts: dict[str, str], source: str | None = None, absent: tuple[str, ...] = ()) -> RuleContext:
    """One aligned group of one paragraph per version; versions in `absent` have none in the group."""
    documents = {lang: Document(lang=lang, path=f"{lang}.txt", paragraphs=(Paragraph(index=0, text=text, line=3),))
                 for lang, text in texts.items()}
    group = Group(paragraphs={lang: (() if lang in absent else (0,)) for lang in texts}, similarity=1.0)
    return RuleContext(release=Release(path="case", documents=documents), groups=(group,), source=source)


def findings(definition: CheckDefinition, ctx: RuleContext) -> list[Finding]:
    (rule,) = custom_rules((definition,))
    return sorted(rule.check(ctx), key=lambda f: (f.lang, f.message))


def numbered(n: int = 1432, **other: int | str) -> dict[str, str]:
    """Every version with reference number `n`; `other` gives a version another number, or its text."""
    texts = {lang: WITH_NUMBER[lang].format(n=n) for lang in LANGS}
    for lang, value in other.items():
        texts[lang] = WITH_NUMBER[lang].format(n=value) if isinstance(value, int) else value
    return texts


# --- must-match ----------------------------------------------------------------------------------


def test_every_version_with_the_number_passes() -> None:
    assert findings(check(value=1), context(numbered())) == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_version_lacking_what_the_majority_has_is_reported(lang: str) -> None:
    (found,) = findings(check(), context(numbered(**{lang: WITHOUT_MARKER[lang]})))
    shown = "de" if lang == "en" else "en"  # a message quotes English, else the first other version
    expected = {"de": "Nr. 1432", "en": "No. 1432"}[shown]
    others = ", ".join(other for other in LANGS if other != lang)
    assert (found.rule, found.name, found.category, found.lang, found.severity) == (
        "X001", "reference-number", "custom", lang, Severity.WARNING)
    assert found.message == f"{lang} lacks '{expected}' that {others} have (reference-number)"
    assert found.paragraph_number == 1 and found.line == 3
    assert [loc.lang for loc in found.related] == [other for other in LANGS if other != lang]


@pytest.mark.parametrize("lang", LANGS)
def test_a_value_other_than_the_majority_s_is_reported(lang: str) -> None:
    texts = numbered(**{lang: 1433})
    (found,) = findings(check(value=1), context(texts))
    assert (found.lang, found.expected, found.found) == (lang, "1432", "1433")
    start, end = found.span
    assert texts[lang][start:end].endswith("1433")


@pytest.mark.parametrize("lang", LANGS)
def test_without_value_a_different_number_is_still_a_match(lang: str) -> None:
    assert findings(check(), context(numbered(**{lang: 1433}))) == []


def test_the_source_is_the_reference_even_alone() -> None:
    texts = {lang: WITHOUT_MARKER[lang] for lang in LANGS} | {"en": WITH_NUMBER["en"].format(n=7)}
    found = findings(check(), context(texts, source="en"))
    assert [(f.lang, f.message) for f in found] == [
        (lang, f"{lang} lacks 'No. 7' that en (source) have (reference-number)") for lang in ("de", "es", "fr", "ru")]


def test_what_the_source_lacks_is_not_asked_of_the_others() -> None:
    assert findings(check(), context(numbered(en=WITHOUT_MARKER["en"]), source="en")) == []


def test_the_source_s_value_wins_over_the_majority() -> None:
    found = findings(check(value=1), context(numbered(n=1433, ru=1432), source="ru"))
    assert [(f.lang, f.expected, f.found) for f in found] == [(lang, "1432", "1433") for lang in ("de", "en", "es", "fr")]


def test_a_minority_that_matches_is_not_reported() -> None:
    texts = {lang: WITHOUT_MARKER[lang] for lang in LANGS} | {"de": WITH_NUMBER["de"].format(n=5),
                                                               "fr": WITH_NUMBER["fr"].format(n=5)}
    assert findings(check(), context(texts)) == []


def test_a_tie_is_reported_at_info() -> None:
    texts = {lang: WITH_NUMBER[lang].format(n=5) for lang in ("de", "en")} | {
        lang: WITHOUT_MARKER[lang] for lang in ("es", "ru")}
    found = findings(check(), context(texts))
    assert [(f.lang, f.severity) for f in found] == [("es", Severity.INFO), ("ru", Severity.INFO)]


def test_no_value_is_trusted_without_a_majority_of_values() -> None:
    texts = numbered(n=1, de=2, es=3, fr=4, ru=5)
    assert findings(check(value=1), context(texts)) == []


def test_a_version_with_nothing_in_the_group_is_left_to_the_structure_rules() -> None:
    texts = numbered(ru=WITHOUT_MARKER["ru"])
    assert findings(check(), context(texts, absent=("ru",))) == []


def test_a_named_group_value_and_a_message_of_your_own() -> None:
    patterns = {lang: p.replace("(\\d+)", "(?P<number>\\d+)") for lang, p in REFERENCE.items()}
    definition = check(pattern=patterns, value="number", message="{lang}: {match} where {reference} say {expected}")
    (found,) = findings(definition, context(numbered(ru=1433)))
    assert found.message == "ru: № 1433 where de, en, es, fr say No. 1432"


def test_the_languages_filter_leaves_the_other_versions_alone() -> None:
    definition = check(languages=["de", "en"])
    texts = numbered(es=WITHOUT_MARKER["es"], fr=WITHOUT_MARKER["fr"], ru=WITHOUT_MARKER["ru"])
    assert findings(definition, context(texts)) == []


# --- never-match ---------------------------------------------------------------------------------


def never(**fields: Any) -> CheckDefinition:
    data = {"code": "X002", "name": "old-country-name", "kind": "never-match", "pattern": OLD_NAME, **fields}
    return parse_check(data, 1, SUPPORTED, file="langcheck.yaml", line=9)


@pytest.mark.parametrize("lang", LANGS)
def test_a_forbidden_word_is_reported_at_its_place(lang: str) -> None:
    text, word = OLD_NAME_HITS[lang]
    (found,) = findings(never(severity="error"), context({lang: text}))
    assert (found.rule, found.lang, found.severity, found.found) == ("X002", lang, Severity.ERROR, word)
    assert found.message == f"'{word}' should not appear (old-country-name)"
    assert text[found.span[0]:found.span[1]] == word


@pytest.mark.parametrize("lang", LANGS)
def test_look_alikes_of_a_forbidden_word_pass(lang: str) -> None:
    assert findings(never(), context({lang: OLD_NAME_LOOKALIKES[lang]})) == []


@pytest.mark.parametrize("lang", LANGS)
def test_ignorecase_finds_the_word_in_capitals(lang: str) -> None:
    text, word = OLD_NAME_HITS[lang]
    shouting = text.replace(word, word.upper())
    assert findings(never(), context({lang: shouting})) == []
    assert [f.found for f in findings(never(ignorecase=True), context({lang: shouting}))] == [word.upper()]


DOUBLED_STOP = r"(?<!\.)\.\.(?!\.)"
DOUBLED = {
    "de": ("Der Minister nahm an der Sitzung teil.. Danach reiste er ab.", "Er zögerte... und sprach dann."),
    "en": ("The minister attended the meeting.. He left afterwards.", "He hesitated... and then spoke."),
    "es": ("El ministro asistió a la reunión.. Después se marchó.", "Dudó... y luego habló."),
    "fr": ("Le ministre a assisté à la réunion.. Il est reparti ensuite.", "Il a hésité... puis il a parlé."),
    "ru": ("Министр принял участие в заседании.. Затем он уехал.", "Он помедлил... и затем сказал."),
}


@pytest.mark.parametrize("lang", LANGS)
def test_one_pattern_for_every_language_and_its_look_alike(lang: str) -> None:
    definition = never(pattern=DOUBLED_STOP, message="doubled full stop")
    hit, ellipsis = DOUBLED[lang]
    assert [f.message for f in findings(definition, context({lang: hit}))] == ["doubled full stop"]
    assert findings(definition, context({lang: ellipsis})) == []


def test_the_same_text_twice_in_a_paragraph_is_one_finding() -> None:
    text = "Byelorussia and again Byelorussia, and Byelorussian."
    assert [f.found for f in findings(never(), context({"en": text}))] == ["Byelorussia", "Byelorussian"]


def test_a_never_match_check_reads_only_its_languages() -> None:
    definition = never(pattern=r"\bTODO\b", languages=["ru"])
    texts = {"en": "TODO: the figures", "ru": "TODO: цифры"}
    assert [f.lang for f in findings(definition, context(texts))] == ["ru"]


# --- definition errors: the file and the line ---------------------------------------------------

GOOD = "  - code: X001\n    name: no-todo\n    kind: never-match\n    pattern: 'TODO'\n"
DEFINITION_ERRORS = [
    # name, the entries under `checks:` (line 2 on), expected message after "{f}:"
    ("bad-regex", "  - code: X001\n    name: ref\n    kind: never-match\n    pattern:\n      de: 'Nr\\. (\\d+'\n",
     "6: checks[0].pattern.de: bad regex: missing ) at position 9"),
    ("second-check", GOOD + "  - code: X002\n    name: ref\n    kind: must-match\n    pattern: '['\n",
     "9: checks[1].pattern: bad regex: unterminated character set at position 1"),
    ("unknown-key", "  - code: X001\n    name: ref\n    kind: never-match\n    pattern: x\n    level: error\n",
     ("6: checks[0].level: unknown key (known: code, name, kind, pattern, value, languages, ignorecase, severity, "
      "message, description)")),
    ("code-shape", "  - code: LC901\n    name: ref\n    kind: never-match\n    pattern: x\n",
     "2: checks[0].code: 'LC901' is not X and three digits (X001)"),
    ("code-missing", "  - name: ref\n    kind: never-match\n    pattern: x\n", "2: checks[0]: code is missing"),
    ("same-code", GOOD + GOOD.replace("no-todo", "no-fixme"),
     "6: checks[1].code: X001 is already the code of the check at {f}:2: checks[0]"),
    ("same-name", GOOD + GOOD.replace("X001", "X002"),
     "6: checks[1].name: no-todo is already the name of the check at {f}:2: checks[0]"),
    ("built-in-name", GOOD.replace("no-todo", "number-mismatch"),
     "2: checks[0].name: 'number-mismatch' is the name of a built-in rule"),
    ("kind", GOOD.replace("never-match", "sometimes"), "4: checks[0].kind: 'sometimes' is not must-match or never-match"),
    ("severity", GOOD + "    severity: fatal\n", "6: checks[0].severity: 'fatal' is not error, warning or info"),
    ("unsupported-language", "  - code: X001\n    name: ref\n    kind: never-match\n    pattern:\n      it: x\n",
     "6: checks[0].pattern.it: unsupported language 'it' (supported: de, en, es, fr, ru)"),
    ("filter-without-pattern", "  - code: X001\n    name: ref\n    kind: never-match\n    pattern: {de: x}\n    languages: [de, fr]\n",
     "6: checks[0].languages: 'fr' has no pattern"),
    ("must-match-one-language", "  - code: X001\n    name: ref\n    kind: must-match\n    pattern: {de: x}\n",
     "5: checks[0].pattern: a must-match check compares versions: it needs two languages or more"),
    ("value-group-missing", "  - code: X001\n    name: ref\n    kind: must-match\n    pattern: {de: 'Nr (\\d+)', en: 'No \\d+'}\n    value: 1\n",
     "6: checks[0].value: the en pattern has no group 1"),
    ("value-on-never-match", GOOD + "    value: 1\n", "6: checks[0].value: only a must-match check compares a value"),
    ("unknown-placeholder", GOOD + "    message: 'found {found}'\n",
     "6: checks[0].message: unknown placeholder {found} (a never-match check knows {match}, {lang}, {code}, {name})"),
    ("attribute-placeholder", GOOD + "    message: '{match.__class__.__init__.__globals__}'\n",
     ("6: checks[0].message: unknown placeholder {match.__class__.__init__.__globals__} (a never-match check knows "
      "{match}, {lang}, {code}, {name})")),
    ("padding-placeholder", GOOD + "    message: '{match:>999999999}'\n",
     "6: checks[0].message: unknown placeholder {match:>999999999} (a never-match check knows {match}, {lang}, {code}, {name})"),
    ("lone-brace", GOOD + "    message: 'found {match'\n",
     "6: checks[0].message: expected '}' before end of string (write {{ and }} for braces)"),
    ("matches-empty", GOOD.replace("'TODO'", "'x*'"), "5: checks[0].pattern: the regex matches an empty text, so it matches everywhere"),
    ("repeats-too-large", GOOD.replace("'TODO'", "'(?:x{2000}){2000}'"),
     "5: checks[0].pattern: regex too large once its counted repeats are written out (about 4,000,000 items; the limit is 100,000)"),
    ("not-a-list", "    code: X001\n", "1: checks: must be a list of checks, or of files of checks"),
    ("item-not-mapping", "  - [X001, no-todo]\n", "2: checks[0]: must be a mapping (code, name, kind, pattern, ...)"),
]


@pytest.mark.parametrize("entries, expected", [c[1:] for c in DEFINITION_ERRORS], ids=[c[0] for c in DEFINITION_ERRORS])
def test_a_bad_definition_names_its_file_and_line(tmp_path: Path, entries: str, expected: str) -> None:
    file = tmp_path / "langcheck.yaml"
    file.write_text("checks:\n" + entries, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(file)
    assert str(error.value) == f"{file}:{expected.replace('{f}', str(file))}"


def test_checks_files_named_by_the_config_say_their_own_lines(tmp_path: Path) -> None:
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "checks.yaml").write_text("checks:\n" + GOOD, encoding="utf-8")
    (tmp_path / "house" / "bad.yaml").write_text("- code: X005\n  name: ref\n  kind: never-match\n  pattern: '('\n",
                                                 encoding="utf-8")
    config = tmp_path / "langcheck.yaml"
    config.write_text("checks:\n  - house/checks.yaml\n" + GOOD.replace("X001", "X002").replace("no-todo", "no-tbd"),
                      encoding="utf-8")
    loaded = load_config(config)
    assert [(c.code, c.file, c.line) for c in loaded.checks] == [
        ("X001", str(tmp_path / "house" / "checks.yaml"), 2), ("X002", str(config), 3)]
    config.write_text("checks:\n  - house/bad.yaml\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(config)
    assert str(error.value) == f"{tmp_path / 'house' / 'bad.yaml'}:4: checks[0].pattern: bad regex: missing ) at position 1"
    config.write_text("cache: true\nchecks:\n  - house/none.yaml\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(config)
    assert str(error.value) == f"{config}:3: checks[0]: {tmp_path / 'house' / 'none.yaml'}: no such file"


def test_pyproject_checks_name_their_table_line(tmp_path: Path) -> None:
    file = tmp_path / "pyproject.toml"
    file.write_text('[project]\nname = "x"\n\n[tool.langcheck]\nsource = "en"\n\n[[tool.langcheck.checks]]\n'
                    'code = "X001"\nname = "no-todo"\nkind = "never-match"\npattern = "TODO"\n\n'
                    '[[tool.langcheck.checks]]\ncode = "X002"\nname = "ref"\nkind = "never-match"\npattern = "(x"\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(file)
    assert str(error.value) == f"{file}:17: checks[1].pattern: bad regex: missing ) at position 2"


@pytest.mark.parametrize(("pattern", "size"), [("abc", 3), ("a{3}(bc){2}", 7), (r"\d{1,4}", 4), ("[a{9}]x", 2),
                                               (r"(?:\p{L}{2}){10}", 20), ("a*b+", 2), ("((a{10}){10}){10}", 1000)])
def test_expanded_size_multiplies_counted_repeats_through_nesting(pattern: str, size: int) -> None:
    assert expanded_size(pattern) == size


# --- hostile patterns: bounded time ------------------------------------------------------------


def test_a_backtracking_pattern_stops_the_run_with_its_line_not_hangs() -> None:
    definition = parse_check({"code": "X003", "name": "trap", "kind": "never-match", "pattern": "(x|xx)+y"}, 2, SUPPORTED,
                             file="langcheck.yaml", line=14)
    # The message is the proof that the budget stopped the match (without it this pattern runs
    # for ages); no wall-clock assertion, which a loaded CI machine would break.
    with pytest.raises(ConfigError) as error:
        findings(definition, context({"en": "x" * 60}))
    assert str(error.value).startswith("langcheck.yaml:14: checks[2].pattern: gave up after 0.5 s of matching on en.txt (line 3)")


def test_the_budget_is_per_check_and_release(monkeypatch: pytest.MonkeyPatch) -> None:
    from langcheck.rules import custom

    texts = numbered()
    assert findings(check(), context(texts)) == []
    monkeypatch.setattr(custom, "BUDGET_S", 0.0)
    monkeypatch.setattr(custom, "PER_CHAR_S", 0.0)
    with pytest.raises(ConfigError, match="gave up after 0 s"):
        findings(check(), context(texts))


# --- ignore and severity by code; the inline comment --------------------------------------------


def _config(tmp_path: Path, extra: str) -> Path:
    file = tmp_path / "langcheck.yaml"
    file.write_text(extra + "checks:\n" + GOOD, encoding="utf-8")
    return file


def test_ignore_and_severity_take_a_check_s_code_or_name(tmp_path: Path) -> None:
    from langcheck.pipeline import _active_rules, _with_severity

    config = load_config(_config(tmp_path, "severity:\n  x001: error\n"))
    codes = [r.code for r in _active_rules(config)]
    assert codes == [r.code for r in ALL_RULES] + ["X001"]
    (rule,) = custom_rules(config.checks)
    (found,) = rule.check(context({"en": "TODO: the figures"}))
    assert found.severity == Severity.WARNING and _with_severity(found, config).severity == Severity.ERROR
    for ignore in ("ignore: [x001]\n", "ignore: [no-todo]\n"):
        assert "X001" not in [r.code for r in _active_rules(load_config(_config(tmp_path, ignore)))]
    assert "X001" not in [r.code for r in _active_rules(load_config(_config(tmp_path, ""), ignore=("X001",)))]


def test_an_unknown_check_code_in_ignore_is_an_error(tmp_path: Path) -> None:
    file = _config(tmp_path, "ignore: [X009]\n")
    with pytest.raises(ConfigError) as error:
        load_config(file)
    assert str(error.value) == f"{file}:1: ignore: unknown rule 'X009' (did you mean X001?)"


def test_an_inline_comment_ignores_a_check_by_code() -> None:
    assert ignored_rules("langcheck-ignore X001 lc201") == frozenset({"X001", "LC201"})
    assert ignored_rules("langcheck-ignore MAX0012") == frozenset({"*"})


def test_patterns_are_compiled_once_per_process() -> None:
    assert custom_rules((check(),))[0] is custom_rules((check(),))[0]


# --- langcheck rules --------------------------------------------------------------------------


def test_rules_lists_the_config_s_checks_with_their_message(langcheck_cli, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = langcheck_cli("rules")
    assert code == 0 and [line.split()[0] for line in out.splitlines()] == [r.code for r in ALL_RULES]
    (tmp_path / "langcheck.yaml").write_text(
        "checks:\n" + GOOD + "    message: 'write TBD, not {match}'\n    description: no drafts left\n", encoding="utf-8")
    code, out, _ = langcheck_cli("rules")
    assert code == 0
    assert out.splitlines()[-1].split(None, 4) == ["X001", "no-todo", "custom", "warning",
                                                   "no drafts left; message: write TBD, not {match}"]
    elsewhere = tmp_path / "other.yaml"
    elsewhere.write_text("checks:\n" + GOOD.replace("X001", "X042"), encoding="utf-8")
    code, out, _ = langcheck_cli("rules", "--config", elsewhere)
    assert out.splitlines()[-1].startswith("X042  no-todo")


def test_rules_with_a_bad_check_is_one_line(langcheck_cli, tmp_path: Path) -> None:
    file = tmp_path / "c.yaml"
    file.write_text("checks:\n" + GOOD.replace("'TODO'", "'(x'"), encoding="utf-8")
    code, out, err = langcheck_cli("rules", "--config", file)
    assert (code, out) == (2, "")
    assert err == f"langcheck: error: {file}:5: checks[0].pattern: bad regex: missing ) at position 2\n"


# --- langcheck check end to end (real model) ----------------------------------------------------

CLEAN = Path(__file__).resolve().parents[1] / "samples" / "lavrov-belarus-2020"
TWO_CHECKS = """\
checks:
  - code: X001
    name: republic-named
    kind: must-match
    description: the country is called a republic where the other versions call it one
    pattern:
      de: 'Republik Belarus'
      en: 'Republic of Belarus'
      es: 'República de Belarús'
      fr: 'République du Bélarus|République de Biélorussie'
      ru: 'Республик\\w Беларусь'
  - code: X002
    name: old-country-name
    kind: never-match
    severity: error
    languages: [fr]
    pattern: '\\bBiélorussie\\b'
    message: 'write Bélarus, not {match}'
"""


@pytest.mark.model
def test_check_with_two_checks_exit_status_follows_severity(langcheck_cli, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGCHECK_CACHE_DIR", str(tmp_path / "cache"))
    release = tmp_path / "r"
    shutil.copytree(CLEAN, release)
    (release / "expected.yaml").unlink(missing_ok=True)
    fr = release / "fr.txt"
    title, rest = fr.read_text(encoding="utf-8").split("\n", 1)
    assert "République de Biélorussie" in title
    fr.write_text(title.replace("République de Biélorussie", "Biélorussie") + "\n" + rest, encoding="utf-8")
    config = tmp_path / "langcheck.yaml"

    def run(extra: str = "", *options: str) -> tuple[int, list[dict]]:
        config.write_text(TWO_CHECKS + extra, encoding="utf-8")
        code, out, _ = langcheck_cli("check", release, "--format", "json", *options)
        found = [f for r in json.loads(out)["releases"] for f in r["findings"]]
        return code, [f for f in found if f["rule"].startswith("X")]

    code, found = run()
    assert code == 1
    assert {(f["rule"], f["lang"], f["severity"]) for f in found} == {("X001", "fr", "warning"), ("X002", "fr", "error")}
    (missing,) = [f for f in found if f["rule"] == "X001"]
    assert missing["paragraph_number"] == 1
    assert missing["message"] == "fr lacks 'Republic of Belarus' that de, en, es, ru have (republic-named)"
    assert {f["message"] for f in found if f["rule"] == "X002"} == {"write Bélarus, not Biélorussie"}
    # X002 at info: only X001's warning is left, below the default --fail-on error.
    assert run("severity:\n  X002: info\n")[0] == 0
    assert run("severity:\n  X002: info\n", "--fail-on", "warning")[0] == 1
    code, found = run("severity:\n  old-country-name: info\n", "--fail-on", "warning", "--ignore", "X001")
    assert code == 0 and {f["rule"] for f in found} == {"X002"}

    config.write_text(TWO_CHECKS, encoding="utf-8")
    sarif = tmp_path / "out.sarif"
    assert langcheck_cli("check", release, "--format", "sarif", "-o", sarif)[0] == 1
    rules = {r["id"]: r for r in json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["X001"]["shortDescription"]["text"].startswith("the country is called a republic")
    assert "en: Republic of Belarus" in rules["X001"]["fullDescription"]["text"]
    assert rules["X002"]["defaultConfiguration"]["level"] == "error"


def test_an_output_over_a_checks_file_is_refused(langcheck_cli, tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text("checks:\n" + GOOD, encoding="utf-8")
    config = tmp_path / "langcheck.yaml"
    config.write_text("checks:\n  - house.yaml\n", encoding="utf-8")
    before = (tmp_path / "house.yaml").read_bytes()
    code, _, err = langcheck_cli("check", CLEAN, "--config", config, "-o", tmp_path / "house.yaml")
    assert code == 2 and "is one of langcheck's input files" in err
    assert (tmp_path / "house.yaml").read_bytes() == before


def test_an_inline_comment_suppresses_a_check_in_a_checked_release(tmp_path: Path) -> None:
    import importlib.util

    from langcheck.load import load_release
    from langcheck.pipeline import check_release

    spec = importlib.util.spec_from_file_location("fake_embedder", Path(__file__).with_name("fake_embedder.py"))
    fake = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fake)
    release = tmp_path / "r"
    release.mkdir()
    (release / "en.md").write_text("# Visit to Minsk\n\nTODO: the figures of the visit.\n\n"
                                   "<!-- langcheck-ignore X001 -->\nTODO: the names of the delegation.\n", encoding="utf-8")
    (release / "ru.md").write_text("# Визит в Минск\n\nЦифры визита.\n\nИмена членов делегации.\n", encoding="utf-8")
    config = load_config(_config(tmp_path, "languages: [en, ru]\n"))
    report = check_release(load_release(release, config.languages), fake.FakeEmbedder().encode, config)
    assert [(f.rule, f.lang, f.paragraph_number) for f in report.findings if f.rule == "X001"] == [("X001", "en", 2)]
