"""Every format but HTML renders the same from a report whose documents' text was dropped.

That is what lets a large batch keep only `ReleaseReport.without_text()` per release.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from langcheck.model import Report
from langcheck.report import FORMATS, render

TEXT_FREE = sorted(set(FORMATS) - {"html"})


@pytest.mark.parametrize("fmt", TEXT_FREE)
def test_rendering_does_not_need_the_documents_text(report: Report, fmt: str) -> None:
    compact = replace(report, releases=tuple(r.without_text() for r in report.releases))
    assert all(not d.paragraphs for r in compact.releases for d in r.release.documents.values())
    assert render(compact, fmt) == render(report, fmt)


def test_without_text_keeps_paths_groups_and_findings(report: Report) -> None:
    for full in report.releases:
        compact = full.without_text()
        assert compact.groups == full.groups and compact.findings == full.findings
        assert {lang: d.path for lang, d in compact.release.documents.items()} == {
            lang: d.path for lang, d in full.release.documents.items()
        }
