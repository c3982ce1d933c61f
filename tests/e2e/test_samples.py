"""The real bundled model end to end on the bundled samples.

Clean releases must give no error or warning; each defect variant must give exactly the
finding its expected.yaml names (category, version, `paragraph_number`: 1-based as every report
shows it, the title is 1; null where the version has no paragraph for it) and nothing else at
warning level or above; a missing paragraph is placed (its gap and line). The page-furniture info lines (LC107, LC108) are asserted too: exactly those
listed under `infos:` in expected.yaml (none where the key is absent), with the keys given.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from langcheck.model import ReleaseReport, Severity
from langcheck.pipeline import Session

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

pytestmark = pytest.mark.model

CLEAN = sorted(p for p in SAMPLES.iterdir() if p.is_dir() and p.name not in ("defects", "variants"))
# Defect variants, and variants that only look like defects (merged or split paragraphs): each
# has an expected.yaml listing the findings it must give (none, for the latter).
DEFECTS = sorted(p for kind in ("defects", "variants") for p in (SAMPLES / kind).iterdir() if p.is_dir())
# Info-level rules whose findings a sample's expected.yaml lists in full under `infos:`.
LISTED_INFOS = ("LC107", "LC108")


def _check_one(session: Session, folder: Path) -> ReleaseReport:
    """The release at `folder` checked as `langcheck check FOLDER` checks it (its census too)."""
    from langcheck.batch import required_versions_for

    required = required_versions_for([folder], session.config).get(folder)
    return session.check_folder(folder, root=folder, required=required)


def _check(session: Session, folder: Path) -> ReleaseReport:
    if (folder / "langcheck.yaml").exists():
        # The sample's own settings (e.g. `languages`), as `langcheck check FOLDER` reads them.
        from langcheck.config import load_config

        own = Session(load_config(folder / "langcheck.yaml", cache_dir=session.config.cache_dir))
        try:
            result = _check_one(own, folder)
        finally:
            own.close()
    else:
        result = _check_one(session, folder)
    assert isinstance(result, ReleaseReport), result
    return result


def _serious(result: ReleaseReport) -> list:
    return [f for f in result.findings if f.severity.rank >= Severity.WARNING.rank]


@pytest.mark.parametrize("release", CLEAN, ids=[p.name for p in CLEAN])
def test_clean_release_has_no_error_or_warning(model_session: Session, release: Path) -> None:
    result = _check(model_session, release)
    assert [(f.rule, f.lang, f.paragraph_number, f.message) for f in _serious(result)] == []
    # every paragraph of every version is in exactly one group, and all five versions align 1-1
    assert len(result.release.documents) == 5
    assert all(len(g.present()) == 5 for g in result.groups)


@pytest.mark.parametrize("variant", DEFECTS, ids=[p.name for p in DEFECTS])
def test_defect_variant_gives_the_expected_finding_only(model_session: Session, variant: Path) -> None:
    expected = yaml.safe_load((variant / "expected.yaml").read_text(encoding="utf-8"))["findings"]
    result = _check(model_session, variant)
    got = [(f.category, f.lang, f.paragraph_number) for f in _serious(result)]
    want = [(e["category"], e["lang"], e["paragraph_number"]) for e in expected]
    assert sorted(got, key=str) == sorted(want, key=str), [f.message for f in _serious(result)]
    for finding in _serious(result):
        if finding.rule == "LC101":
            assert finding.gap is not None and finding.line is not None, finding


@pytest.mark.parametrize("release", CLEAN + DEFECTS, ids=[p.name for p in CLEAN + DEFECTS])
def test_page_furniture_infos_are_the_listed_ones(model_session: Session, release: Path) -> None:
    expected_file = release / "expected.yaml"
    listed = yaml.safe_load(expected_file.read_text(encoding="utf-8")).get("infos", []) if expected_file.exists() else []
    result = _check(model_session, release)
    infos = sorted((f for f in result.findings if f.rule in LISTED_INFOS), key=lambda f: (f.rule, f.lang))
    wanted = sorted(listed, key=lambda w: (w["rule"], w["lang"]))
    assert len(infos) == len(wanted), [f.message for f in infos]
    for finding, want in zip(infos, wanted):
        assert finding.severity is Severity.INFO
        assert {key: getattr(finding, key) for key in want} == want


def test_furniture_keep_reads_the_copied_page_as_text(model_session: Session) -> None:
    # The starting point: read as text, the page's date line, switcher and label are
    # three paragraphs only en has.
    from langcheck.config import Config

    keep = Session(Config(cache_dir=model_session.config.cache_dir, furniture="keep"))
    try:
        result = _check(keep, SAMPLES / "variants" / "page-copied-en")
    finally:
        keep.close()
    assert sorted((f.rule, f.lang, f.line) for f in _serious(result)) == [
        ("LC102", "en", 1), ("LC102", "en", 6), ("LC102", "en", 21)]
    assert not [f for f in result.findings if f.rule == "LC107"]
