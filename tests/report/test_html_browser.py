"""The HTML report in a real headless Chromium: highlights, filters, keyboard, no script injection.

Needs Debian's `chromium` (apt-get install chromium) and the `playwright` Python package; the
Playwright-managed browser download is never used.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from langcheck.model import Report
from langcheck.report import render

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                                     "(apt-get install -y chromium)"),
]


@pytest.fixture
def page(report: Report, tmp_path: Path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
    path = tmp_path / "report.html"
    path.write_text(render(report, "html", source="en"), encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        page.dialogs = []  # type: ignore[attr-defined]
        page.errors = []  # type: ignore[attr-defined]
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        yield page
        browser.close()


def shown_marks(page) -> list[str]:
    """Ids of finding marks that are still highlighted (not switched off by a filter)."""
    return page.eval_on_selector_all(
        "mark.finding", "ms => ms.filter(m => getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)')"
                        ".map(m => m.id)")


def test_every_finding_is_highlighted_and_listed(page, report: Report, tmp_path: Path) -> None:
    ids = [f"f-{i}" for i in range(1, len(report.findings) + 1)]
    marks = page.eval_on_selector_all("mark.finding", "ms => ms.map(m => m.id)")
    assert sorted(marks) == sorted(ids)
    assert sorted(shown_marks(page)) == sorted(ids)
    for fid in ids:
        page.locator(f"#{fid}").scroll_into_view_if_needed()
        assert page.locator(f"#{fid}").is_visible(), fid
        assert page.locator(f'li[data-fid="{fid}"]').is_visible(), fid
    assert page.inner_text("#shown-count") == f"{len(ids)} of {len(ids)} findings shown"
    page.evaluate("window.scrollTo(0, 0)")  # sticky headers would otherwise sit mid-page in the shot
    page.keyboard.press("j")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert page.errors == []


def test_severity_filter_hides_the_others(page, report: Report) -> None:
    page.uncheck('input[data-filter="severity"][value="warning"]')
    page.uncheck('input[data-filter="severity"][value="info"]')
    errors = {page.get_attribute(f"#{m}", "data-severity") for m in shown_marks(page)}
    assert errors == {"error"}
    assert len(shown_marks(page)) == report.summary.errors
    warning_item = page.locator('li.sev-warning').first
    assert not warning_item.is_visible()
    assert page.locator('li.sev-error').first.is_visible()
    page.check('input[data-filter="severity"][value="warning"]')
    assert len(shown_marks(page)) == report.summary.errors + report.summary.warnings


def test_language_filter(page) -> None:
    for lang in ("de", "en", "es", "ru"):
        page.uncheck(f'input[data-filter="lang"][value="{lang}"]')
    assert {page.get_attribute(f"#{m}", "data-lang") for m in shown_marks(page)} == {"fr"}


def test_keyboard_moves_focus_from_finding_to_finding(page) -> None:
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == "f-1"
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == "f-2"
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.id") == "f-3"
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == "f-2"
    assert page.locator("#f-2").is_visible()
    # Navigation skips findings a filter hides: f-1 is the only info finding.
    page.uncheck('input[data-filter="severity"][value="info"]')
    page.keyboard.press("p")
    assert page.evaluate("document.activeElement.id") == "f-6"  # wraps past the hidden f-1


def test_document_script_does_not_run_and_shows_as_text(page) -> None:
    page.wait_for_timeout(200)
    assert page.dialogs == []
    assert page.locator("script").count() == 2  # the data block and the report's own script
    cell_text = page.locator('td[lang="de"] p.para').nth(3).inner_text()
    assert '<script>alert(1)</script> & " onmouseover=alert(2) x="' in cell_text
    page.hover('td[lang="de"] >> text=onmouseover')
    page.wait_for_timeout(100)
    assert page.dialogs == []
