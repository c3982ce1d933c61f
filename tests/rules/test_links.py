"""LC601 on the named cases of `cases/LC601.yml` (the fact-rule case format: one aligned group,
the paragraph of each version, `findings:` with the keys to compare)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from langcheck.model import Severity
from langcheck.rules import ALL_RULES, rule_by_code
from langcheck.rules.links import link_mismatch

from .test_fact_rules import build_context

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "LC601.yml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_link_case(case: dict[str, Any]) -> None:
    ctx = build_context(case)
    findings = sorted(link_mismatch.check(ctx), key=lambda f: (f.lang, f.message))
    wanted = sorted(case.get("findings") or [], key=lambda w: w["lang"])
    summary = [f"{f.lang} {f.severity.value}: {f.message}" for f in findings]
    assert len(findings) == len(wanted), summary
    got = [{k: getattr(f, k) if k != "severity" else f.severity.value for k in want} for f, want in zip(findings, wanted)]
    assert got == wanted, summary
    for f in findings:
        assert f.rule == "LC601" and f.related and all(loc.lang != f.lang for loc in f.related)
        if f.span is not None:
            assert ctx.release.paragraph(f.lang, f.paragraph_index).text[f.span[0] : f.span[1]] == f.found


def test_link_rule_is_registered_and_documented() -> None:
    assert link_mismatch in ALL_RULES and rule_by_code("LC601") is link_mismatch
    assert link_mismatch.severity is Severity.ERROR and link_mismatch.category == "link"
    for section in ("What it does", "Why it matters", "Example", "Limits"):
        assert section in link_mismatch.doc


def test_a_release_without_links_costs_one_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    """No link in any version: the groups are never compared."""
    from langcheck.rules import links

    def compared(*args: object, **kwargs: object) -> None:
        raise AssertionError("compare_group ran for a release without links")

    monkeypatch.setattr(links, "compare_group", compared)
    ctx = build_context({"en": "The ministers met on Tuesday.", "de": "Die Minister trafen sich am Dienstag."})
    assert list(link_mismatch.check(ctx)) == []


def test_a_url_left_out_of_an_html_version_may_be_in_its_href() -> None:
    import dataclasses

    case = {lang: "The full text is at www.example.org/press/2021." for lang in ("de", "en", "es", "fr")}
    case["ru"] = "Полный текст опубликован на сайте."
    ctx = build_context(case)
    assert [f.lang for f in link_mismatch.check(ctx)] == ["ru"]  # plain text: a warning
    docs = dict(ctx.release.documents)
    docs["ru"] = dataclasses.replace(docs["ru"], format="html")
    html = dataclasses.replace(ctx, release=dataclasses.replace(ctx.release, documents=docs))
    assert list(link_mismatch.check(html)) == []
