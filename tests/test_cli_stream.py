"""The CLI writes its reports release by release: what it writes is what `render` gives for the
whole report, in every streamed format, to a file and to stdout, with and without a baseline.

The fake trigram embedder of test_batch stands in for the model (seconds, not minutes).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from langcheck import embed
from langcheck.api import check
from langcheck.baseline import without_known
from langcheck.config import Config
from langcheck.report import render
from langcheck.report.stream import STREAMED
from langcheck.rules import ALL_RULES

from .test_batch import SAMPLES, TrigramEmbedder


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "load_embedder", lambda spec="usem3", **_: TrigramEmbedder())


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(SAMPLES / "lavrov-belarus-2020", root / "a-belarus")
    shutil.copytree(SAMPLES / "defects" / "number-fr", root / "b-number-fr")
    (root / "c-broken").mkdir()
    (root / "c-broken" / "en.txt").write_text("Only one version of this release.\n", encoding="utf-8")
    shutil.copytree(SAMPLES / "defects" / "date-ru", root / "d-date-ru")
    return root


def _expected(report, fmt: str) -> str:
    options: dict = {"source": None}
    if fmt in ("sarif", "junit"):
        options["rules"] = ALL_RULES
    if fmt == "text":
        options["color"] = False
    return render(report, fmt, **options)


@pytest.mark.parametrize("fmt", STREAMED)
def test_a_streamed_report_file_is_the_whole_report_rendered(
    fake_model: None, langcheck_cli, archive: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"report.{fmt}"
    code, stdout, _ = langcheck_cli("check", archive, "--no-cache", "-f", fmt, "-o", out)
    assert code == 2  # the broken release
    assert out.read_text(encoding="utf-8") == _expected(check(archive, Config(cache=False)), fmt)
    code, stdout, _ = langcheck_cli("check", archive, "--no-cache", "-f", fmt)
    expected = _expected(check(archive, Config(cache=False)), fmt)
    assert stdout == expected


def test_a_baseline_filters_the_streamed_report_as_the_whole_one(
    fake_model: None, langcheck_cli, archive: Path, tmp_path: Path
) -> None:
    baseline = tmp_path / "baseline.json"
    # Accept what b-number-fr has, then check with it: only a-belarus and d-date-ru remain.
    langcheck_cli("check", archive / "b-number-fr", "--no-cache", "--write-baseline", baseline, "-o", tmp_path / "x.txt")
    known = frozenset(json.loads(baseline.read_text(encoding="utf-8"))["fingerprints"])
    assert known
    out = tmp_path / "report.json"
    langcheck_cli("check", archive, "--no-cache", "-f", "json", "-o", out, "--baseline", baseline)
    assert out.read_text(encoding="utf-8") == _expected(without_known(check(archive, Config(cache=False)), known), "json")
