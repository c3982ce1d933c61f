"""LC403 through the pipeline: a ministry's glossary file with forbidden forms, a release on
disk, the finding with its span, and the severity and suppression the config gives every rule."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from langcheck.config import Config
from langcheck.glossary import configured_glossary
from langcheck.load import load_release
from langcheck.model import Severity
from langcheck.pipeline import check_release

MINISTRY = """\
places:
  - id: belarus
    en: [Belarus]
    ru: [Беларусь, Республика Беларусь]
    de: [Belarus]
    forbidden: {ru: [Белоруссия], de: [Weißrussland]}
"""
VERSIONS = {
    "en.txt": "Talks in Minsk\n\nThe ministers discussed trade with Belarus.\n",
    "de.txt": "Gespräche in Minsk\n\nDie Minister erörterten den Handel mit Weißrussland.\n",
    "ru.md": "Переговоры в Минске\n\n<!-- langcheck-ignore LC403 -->\nМинистры обсудили торговлю с Белоруссией.\n",
}


def _encode(texts):
    # One vector for every text: the versions align paragraph by paragraph, as they are written.
    return np.ones((len(texts), 4), dtype=np.float32) / 2


def _check(tmp_path: Path, **config):
    release_dir = tmp_path / "release"
    release_dir.mkdir()
    for name, text in VERSIONS.items():
        (release_dir / name).write_text(text, encoding="utf-8")
    glossary_file = tmp_path / "ministry.yaml"
    glossary_file.write_text(MINISTRY, encoding="utf-8")
    cfg = Config(cache=False, glossaries=(str(glossary_file),), languages=("de", "en", "ru"), **config)
    release = load_release(release_dir, cfg.languages)
    return release, check_release(release, _encode, cfg, glossary=configured_glossary(cfg))


def test_a_forbidden_form_is_an_error_at_its_words(tmp_path: Path) -> None:
    release, report = _check(tmp_path)
    (finding,) = [f for f in report.findings if f.rule == "LC403"]
    assert (finding.lang, finding.severity, finding.paragraph_number, finding.line) == ("de", Severity.ERROR, 2, 3)
    assert finding.message == "de writes Weißrussland, a rendering of Belarus the glossary forbids: use Belarus"
    text = release.paragraph("de", 1).text
    assert finding.span is not None and text[finding.span[0] : finding.span[1]] == "Weißrussland"
    assert {loc.lang for loc in finding.related} == {"en", "ru"}
    # the version still names Belarus: no name finding besides the forbidden form
    assert not [f for f in report.findings if f.rule in ("LC301", "LC404") and f.severity != Severity.INFO]


def test_the_config_sets_its_severity_like_any_rules(tmp_path: Path) -> None:
    _, report = _check(tmp_path, severity={"LC403": Severity.WARNING})
    assert [f.severity for f in report.findings if f.rule == "LC403"] == [Severity.WARNING]
