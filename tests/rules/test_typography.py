"""The typography rules (LC610-LC616) on the named cases of `cases/LC61*.yml`.

A case gives each version's paragraphs (`de: [..]` or one string), optionally `format:` per
version (`html`) and `identified:` (the language identified per paragraph, null where unsure),
and `findings:` - `{lang, paragraph_number?, message?, found?}` (only the keys given are
compared); an empty list for a pass case.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from langcheck.model import Document, Group, Paragraph, Release, Severity
from langcheck.rules import ALL_RULES
from langcheck.rules.base import RuleContext

CASES_DIR = Path(__file__).parent / "cases"
LANGUAGES = ("de", "en", "es", "fr", "ru")
TYPOGRAPHY = {r.code: r for r in ALL_RULES if r.category == "typography"}


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("LC61*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, case in data["cases"].items():
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{name}"))
    return params


def context(case: dict[str, Any]) -> RuleContext:
    documents = {}
    identified = {}
    for lang in LANGUAGES:
        if lang not in case:
            continue
        texts = case[lang] if isinstance(case[lang], list) else [case[lang]]
        documents[lang] = Document(
            lang=lang, path=f"{lang}.txt", format=case.get("format", {}).get(lang, "text"),
            paragraphs=tuple(Paragraph(index=i, text=t, line=1 + 2 * i) for i, t in enumerate(texts)),
        )
        for i, code in enumerate(case.get("identified", {}).get(lang, [])):
            identified[(lang, i)] = code
    n = max(len(d.paragraphs) for d in documents.values())
    groups = tuple(Group(paragraphs={lang: (i,) for lang, d in documents.items() if i < len(d.paragraphs)}, similarity=1.0)
                   for i in range(n))
    return RuleContext(release=Release(path="case", documents=documents), groups=groups, paragraph_language=identified)


@pytest.mark.parametrize(("code", "case"), _cases())
def test_typography_case(code: str, case: dict[str, Any]) -> None:
    ctx = context(case)
    findings = sorted(TYPOGRAPHY[code].check(ctx), key=lambda f: (f.lang, f.paragraph_number or 0))
    wanted = sorted(case.get("findings") or [], key=lambda w: (w["lang"], w.get("paragraph_number", 1)))
    summary = [f"{f.lang} ¶{f.paragraph_number}: {f.message} [{f.found!r}]" for f in findings]
    assert len(findings) == len(wanted), summary
    got = [{k: getattr(f, k) for k in want} for f, want in zip(findings, wanted)]
    assert got == wanted, summary
    for f in findings:
        assert f.rule == code and f.severity is Severity.INFO and f.span is not None
        assert ctx.release.paragraph(f.lang, f.paragraph_index).text[f.span[0] : f.span[1]] == f.found


def test_every_typography_rule_has_cases_and_documentation() -> None:
    assert sorted(TYPOGRAPHY) == ["LC610", "LC611", "LC612", "LC613", "LC614", "LC615", "LC616"]
    for code, rule in TYPOGRAPHY.items():
        assert (CASES_DIR / f"{code}.yml").exists(), code
        assert rule.severity is Severity.INFO, code
        for section in ("What it does", "Why it matters", "Example", "Limits"):
            assert section in rule.doc, (code, section)
        data = yaml.safe_load((CASES_DIR / f"{code}.yml").read_text(encoding="utf-8"))
        assert {lang for case in data["cases"].values() for lang in LANGUAGES if lang in case} == set(LANGUAGES), code


def test_a_typography_rule_is_raised_by_the_severity_setting(tmp_path: Path) -> None:
    from langcheck.config import load_config
    from langcheck.pipeline import _with_severity

    (tmp_path / "langcheck.yaml").write_text("severity: {LC615: warning, quote-mix: error}\n", encoding="utf-8")
    config = load_config(tmp_path / "langcheck.yaml", cache_dir=str(tmp_path))
    ctx = context({"en": ["The the talks went on.", "A “plan” and a \"map\"."]})
    raised = {f.rule: _with_severity(f, config).severity for code in ("LC615", "LC616") for f in TYPOGRAPHY[code].check(ctx)}
    assert raised == {"LC615": Severity.WARNING, "LC616": Severity.ERROR}


def test_doubled_spaces_reach_the_rule_only_from_plain_text(tmp_path) -> None:
    """Through the real readers: Markdown collapses the spaces a .txt keeps, so LC614 checks
    only what still holds them."""
    from langcheck.load import load_release
    from langcheck.rules.typography import doubled_space

    (tmp_path / "en.txt").write_text("Title\n\nThe ministers met.  They agreed.\n", encoding="utf-8")
    (tmp_path / "de.md").write_text("# Titel\n\nDie Minister trafen sich.  Sie einigten sich.\n", encoding="utf-8")
    release = load_release(tmp_path, ("de", "en"))
    assert "  " in release.paragraph("en", 1).text and "  " not in release.paragraph("de", 1).text
    groups = (Group(paragraphs={"de": (0,), "en": (0,)}, similarity=1.0),
              Group(paragraphs={"de": (1,), "en": (1,)}, similarity=1.0))
    found = list(doubled_space.check(RuleContext(release=release, groups=groups)))
    assert [(f.lang, f.paragraph_number) for f in found] == [("en", 2)]
