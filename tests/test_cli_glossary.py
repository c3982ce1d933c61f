"""`langcheck glossary validate|show` (no model)."""

from __future__ import annotations

from pathlib import Path

import pytest


GLOSSARIES = sorted((Path(__file__).resolve().parents[1] / "glossaries").glob("*.yaml"))


@pytest.fixture
def run(langcheck_cli):
    return langcheck_cli


def test_shipped_glossaries_validate(run) -> None:
    code, out, err = run("glossary", "validate", *GLOSSARIES)
    assert (code, err) == (0, "")
    assert out.startswith("ok: ") and f"in {len(GLOSSARIES)} file(s)" in out


def test_invalid_glossary_is_one_line_with_file_and_line(run, tmp_path: Path) -> None:
    bad = tmp_path / "terms.yaml"
    bad.write_text("terms:\n  - id: x\n    type: term\n    en: [X]\n  - id: x\n    type: term\n    de: [Y]\n", encoding="utf-8")
    code, out, err = run("glossary", "validate", bad)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"langcheck: error: {bad}:5: ")


@pytest.mark.parametrize(
    "query, first_line, form",
    [
        ("union-state", "union-state (term, ", "  ru: Союзное государство"),
        ("ООН", "un (organisation, ", "  fr: ONU | Nations unies | Organisation des Nations unies"),
        ("OSZE", "osce (organisation, ", "  en: OSCE"),
    ],
)
def test_show_finds_by_id_or_any_form(run, query: str, first_line: str, form: str) -> None:
    code, out, _ = run("glossary", "show", query)
    assert code == 0
    assert out.splitlines()[0].startswith(first_line)
    assert any(line.startswith(form) for line in out.splitlines())


def test_show_unknown_term(run) -> None:
    code, _, err = run("glossary", "show", "no-such-term")
    assert (code, err) == (2, "langcheck: error: no glossary entry for 'no-such-term'\n")
