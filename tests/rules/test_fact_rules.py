"""Expand `cases/<CODE>.yml` into one test per named case of the fact rules.

A case holds one aligned group: the paragraph of each language version (keys `de en es fr ru`),
an optional `source:` language, and `findings:` - the findings the rule must report, each
`{lang, expected?, found?, severity?, message?}` (only the keys given are compared); an empty list
for a pass case. A case file may carry `glossary:`, glossary YAML (the glossary file format) whose
entries overlay the shipped glossary for its cases, for rules that need entries the shipped
glossaries do not have (forbidden forms).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from langcheck.extract import extract_facts
from langcheck.glossary import Glossary, default_glossary_paths, load_glossary
from langcheck.glossary_files import read_yaml
from langcheck.model import Document, Group, Paragraph, Release
from langcheck.rules.base import Rule, RuleContext
from langcheck.rules.facts import FACT_RULES

CASES_DIR = Path(__file__).parent / "cases"
LANGUAGES = ("de", "en", "es", "fr", "ru")
RULES: dict[str, Rule] = {r.code: r for r in FACT_RULES}
GLOSSARY = load_glossary(default_glossary_paths())


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("LC[2-4]*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        glossary = _case_glossary(path, data.get("glossary"))
        for name, case in data["cases"].items():
            params.append(pytest.param(data["rule"], case, glossary, id=f"{data['rule']}-{name}"))
    return params


def _case_glossary(path: Path, text: str | None) -> Glossary:
    """The shipped glossary, overlaid by the entries of a case file's `glossary:` (same ids replace)."""
    if not text:
        return GLOSSARY
    problems: list[str] = []
    extra = read_yaml(path, text, problems)
    assert not problems, problems
    ids = {e.id for e in extra}
    return Glossary(tuple(e for e in GLOSSARY if e.id not in ids) + tuple(extra))


def build_context(case: dict[str, Any], glossary: Glossary = GLOSSARY) -> RuleContext:
    texts = {lang: case[lang] for lang in LANGUAGES if lang in case}
    documents = {
        lang: Document(lang=lang, path=f"{lang}.txt", paragraphs=(Paragraph(index=0, text=text, line=1),))
        for lang, text in texts.items()
    }
    return RuleContext(
        release=Release(path="case", documents=documents),
        groups=(Group(paragraphs={lang: (0,) for lang in texts}, similarity=1.0),),
        source=case.get("source"),
        facts={(lang, 0): extract_facts(text, lang, glossary) for lang, text in texts.items()},
        glossary=glossary,
    )


@pytest.mark.parametrize(("code", "case", "glossary"), _cases())
def test_rule_case(code: str, case: dict[str, Any], glossary: Glossary) -> None:
    ctx = build_context(case, glossary)
    findings = list(RULES[code].check(ctx))
    wanted = case.get("findings") or []
    got = [
        {key: getattr(f, key) if key != "severity" else f.severity.value for key in want}
        for f, want in zip(sorted(findings, key=lambda f: (f.lang, f.message)), sorted(wanted, key=lambda w: w["lang"]))
    ]
    summary = [f"{f.lang} {f.severity.value}: {f.message}" for f in findings]
    assert len(findings) == len(wanted), summary
    assert got == sorted(wanted, key=lambda w: w["lang"]), summary
    for f in findings:
        assert f.rule == code and f.related and all(loc.lang != f.lang for loc in f.related)
        if f.span is not None:
            assert ctx.release.paragraph(f.lang, f.paragraph_index).text[f.span[0] : f.span[1]] == f.found


def test_every_fact_rule_has_cases_and_documentation() -> None:
    for code, rule in RULES.items():
        assert (CASES_DIR / f"{code}.yml").exists(), code
        for section in ("What it does", "Why it matters", "Example", "Limits"):
            assert section in rule.doc, (code, section)
