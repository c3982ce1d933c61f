"""Named cases for the structure (LC1xx) and language (LC5xx) rules, from tests/rules/cases/<CODE>.yml.

A case gives the paragraphs of each version and, optionally, the groups (default: paragraph i
of every version in group i) and a source language; `findings` lists (lang, paragraph) of the
findings the rule must give, no more, no less. LC103 compares sentences, so its cases run
with the real bundled model.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from langcheck.language import identify_language, identify_sentence_language
from langcheck.model import Document, Group, Paragraph, Release
from langcheck.rules import rule_by_code
from langcheck.rules.base import RuleContext
from langcheck.segment import split_sentences

CASES = Path(__file__).parent / "cases"
CODES = ("LC101", "LC102", "LC103", "LC104", "LC106", "LC501", "LC502", "LC503")
# Rules that read sentence embeddings: their cases run with the real bundled model.
EMBEDDING_RULES = ("LC103", "LC104", "LC106")


def _cases():
    for code in CODES:
        data = yaml.safe_load((CASES / f"{code}.yml").read_text(encoding="utf-8"))
        assert data["rule"] == code
        for case in data["cases"]:
            marks = [pytest.mark.model] if code in EMBEDDING_RULES else []
            yield pytest.param(code, case, id=f"{code}-{case['name']}", marks=marks)


def _release(versions: dict[str, list[str]]) -> Release:
    documents = {
        lang: Document(
            lang=lang, path=f"{lang}.txt",
            paragraphs=tuple(
                Paragraph(index=i, text=text, line=2 * i + 1, sentences=split_sentences(text, lang))
                for i, text in enumerate(paragraphs)
            ),
        )
        for lang, paragraphs in versions.items()
    }
    return Release(path="case", documents=documents)


def _groups(case: dict, release: Release) -> tuple[Group, ...]:
    if "groups" in case:
        return tuple(
            Group(paragraphs={lang: tuple(g.get(lang, ())) for lang in release.languages}, similarity=1.0)
            for g in case["groups"]
        )
    count = max(len(d.paragraphs) for d in release.documents.values())
    return tuple(
        Group(paragraphs={lang: (i,) if i < len(d.paragraphs) else () for lang, d in release.documents.items()},
              similarity=1.0)
        for i in range(count)
    )


@pytest.fixture(scope="module")
def sentence_encoder(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    from langcheck.embed import CachedEmbedder, load_embedder
    from langcheck.embed.cache import open_cache

    return CachedEmbedder(load_embedder(), open_cache(tmp_path_factory.mktemp("cache")))


@pytest.mark.parametrize("code, case", list(_cases()))
def test_rule_case(code: str, case: dict, request: pytest.FixtureRequest) -> None:
    release = _release(case["versions"])
    langs = release.languages
    embeddings = {}
    if code in EMBEDDING_RULES:
        encoder = request.getfixturevalue("sentence_encoder")
        for lang, doc in release.documents.items():
            for p in doc.paragraphs:
                embeddings[(lang, p.index)] = encoder.encode(list(p.sentences))
    ctx = RuleContext(
        release=release,
        groups=_groups(case, release),
        source=case.get("source"),
        paragraph_language={(l, p.index): identify_language(p.text, langs)
                            for l, d in release.documents.items() for p in d.paragraphs},
        document_language={l: identify_language(" ".join(p.text for p in d.paragraphs), langs)
                           for l, d in release.documents.items()},
        sentence_embeddings=embeddings,
        sentence_language={(l, p.index): tuple(identify_sentence_language(s, langs) for s in p.sentences)
                           for l, d in release.documents.items() for p in d.paragraphs if len(p.sentences) > 1},
    )
    rule = rule_by_code(code)
    findings = list(rule.check(ctx))
    assert all(f.rule == code and f.category == rule.category for f in findings)
    # the case files give 0-based indexes into their `versions` lists
    got = sorted((f.lang, f.paragraph_index) for f in findings)
    want = sorted((f["lang"], f["paragraph"]) for f in case["findings"])
    assert got == want, [f.message for f in findings]
    if code.startswith("LC5"):  # a language finding names its file and a line
        assert all(f.file == release.documents[f.lang].path and f.line is not None for f in findings)
    for f in findings:
        if f.span is not None:
            assert f.span[1] > f.span[0]
