"""A rule is anything with a code, a name, a severity and `check(ctx)` (rules.base.RuleLike)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from langcheck.config import Config
from langcheck.load import load_release
from langcheck.model import Finding, Severity
from langcheck.pipeline import check_release
from langcheck.rules import ALL_RULES
from langcheck.rules.base import RuleContext, RuleLike


def test_every_bundled_rule_is_a_rule() -> None:
    assert ALL_RULES and all(isinstance(r, RuleLike) for r in ALL_RULES)


def test_what_lacks_check_is_no_rule() -> None:
    @dataclasses.dataclass
    class Half:
        code: str = "LC999"
        name: str = "half"
        severity: Severity = Severity.INFO

    assert not isinstance(Half(), RuleLike)


class CountsVersions:
    """A rule of one's own, not made by `@rule`: one info finding per version."""

    code, name, severity = "LC900", "count-versions", Severity.INFO

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for lang in sorted(ctx.release.documents):
            loc = ctx.location(lang, None)
            yield Finding(rule=self.code, name=self.name, category="structure", severity=self.severity, lang=lang,
                          file=loc.file, paragraph_number=None, line=None, message=f"{lang} is here")


def test_the_pipeline_runs_a_rule_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text("The minister met his colleague in Geneva on Monday.\n", encoding="utf-8")
    (tmp_path / "fr.txt").write_text("Le ministre a rencontré son homologue à Genève lundi.\n", encoding="utf-8")
    config = Config(cache=False)
    release = load_release(tmp_path, config.languages)

    def encode(texts):
        return np.ones((len(texts), 4), dtype=np.float32) / 2

    report = check_release(release, encode, config, rules=(CountsVersions(),))
    assert [(f.rule, f.lang) for f in report.findings] == [("LC900", "en"), ("LC900", "fr")]
