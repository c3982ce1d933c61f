"""The real bundled model end to end on the bundled samples.

Clean releases must give no error or warning; each defect variant must give exactly the
finding its expected.yaml names (category, version, paragraph) and nothing else at warning
level or above.
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


def _check(session: Session, folder: Path) -> ReleaseReport:
    (result,) = list(session.check_tree(folder))
    assert isinstance(result, ReleaseReport), result
    return result


def _serious(result: ReleaseReport) -> list:
    return [f for f in result.findings if f.severity.rank >= Severity.WARNING.rank]


@pytest.mark.parametrize("release", CLEAN, ids=[p.name for p in CLEAN])
def test_clean_release_has_no_error_or_warning(model_session: Session, release: Path) -> None:
    result = _check(model_session, release)
    assert [(f.rule, f.lang, f.paragraph, f.message) for f in _serious(result)] == []
    # every paragraph of every version is in exactly one group, and all five versions align 1-1
    assert len(result.release.documents) == 5
    assert all(len(g.present()) == 5 for g in result.groups)


@pytest.mark.parametrize("variant", DEFECTS, ids=[p.name for p in DEFECTS])
def test_defect_variant_gives_the_expected_finding_only(model_session: Session, variant: Path) -> None:
    expected = yaml.safe_load((variant / "expected.yaml").read_text(encoding="utf-8"))["findings"]
    result = _check(model_session, variant)
    got = [(f.category, f.lang, f.paragraph) for f in _serious(result)]
    want = [(e["category"], e["lang"], e["paragraph"]) for e in expected]
    assert sorted(got, key=str) == sorted(want, key=str), [f.message for f in _serious(result)]
