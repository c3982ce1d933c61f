"""Named cases for the page-furniture rules (LC105, LC107, LC108), from tests/rules/cases/<CODE>.yml.

A case gives the files of a release (`files: {name: [block, ...]}`, blocks joined by blank lines),
an optional `source`, the versions it must have (`required: [lang, ...]`, and `required_by:
languages|tree`, for LC105), and `findings`: each `{lang, line?, severity?, message?, expected?, found?}`
(only the keys given are compared). The files go through the real loader; cases with
`model: true` also have their interface labels confirmed with the real bundled model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from langcheck.load import load_release
from langcheck.load.furniture import confirm_labels
from langcheck.rules import rule_by_code
from langcheck.rules.base import RuleContext

CASES = Path(__file__).parent / "cases"
CODES = ("LC105", "LC107", "LC108")
LANGS = ("de", "en", "es", "fr", "ru")


def _cases():
    for code in CODES:
        data = yaml.safe_load((CASES / f"{code}.yml").read_text(encoding="utf-8"))
        assert data["rule"] == code
        for name, case in data["cases"].items():
            marks = [pytest.mark.model] if case.get("model") else []
            yield pytest.param(code, case, id=f"{code}-{name}", marks=marks)


def _no_model(texts):
    raise AssertionError(f"case without `model: true` asked for embeddings of {list(texts)[:3]}")


@pytest.fixture(scope="module")
def encode(tmp_path_factory: pytest.TempPathFactory):
    from langcheck.embed import CachedEmbedder, load_embedder
    from langcheck.embed.cache import open_cache

    return CachedEmbedder(load_embedder(), open_cache(tmp_path_factory.mktemp("cache"))).encode


@pytest.mark.parametrize("code, case", list(_cases()))
def test_rule_case(code: str, case: dict[str, Any], tmp_path: Path, request: pytest.FixtureRequest) -> None:
    for name, blocks in case["files"].items():
        (tmp_path / name).write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    release = load_release(tmp_path, LANGS)
    release = confirm_labels(release, request.getfixturevalue("encode") if case.get("model") else _no_model)
    ctx = RuleContext(release=release, groups=(), source=case.get("source"),
                      required_languages=tuple(case.get("required", ())),
                      required_by=case.get("required_by", "languages"))
    findings = sorted(rule_by_code(code).check(ctx), key=lambda f: (f.lang, f.message))
    wanted = sorted(case.get("findings") or [], key=lambda w: (w["lang"], w.get("message", "")))
    summary = [f"{f.lang} {f.severity.value} line {f.line}: {f.message}" for f in findings]
    assert len(findings) == len(wanted), summary
    got = [{key: f.severity.value if key == "severity" else getattr(f, key) for key in want}
           for f, want in zip(findings, wanted)]
    assert got == wanted, summary
    for f in findings:
        assert f.rule == code and f.paragraph_number is None
        if f.lang in release.documents:
            assert f.line is not None
        else:  # a missing version: the finding names the release folder
            assert f.rule == "LC105" and f.file == release.path and f.line is None


def test_every_furniture_rule_has_cases_and_documentation() -> None:
    for code in CODES:
        rule = rule_by_code(code)
        assert rule is not None and (CASES / f"{code}.yml").exists(), code
        for section in ("What it does", "Why it matters", "Example", "Limits"):
            assert section in rule.doc, (code, section)
