"""The CLI surface a CI log and a new user see: the summary line of `-o`, extra reports written by
the same run (`--report FORMAT:FILE`), `--version` and help without internal type names.

A fake model (tests/fake_embedder.py) keeps these fast: they test the command line, not the
findings.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
DEFECT = SAMPLES / "defects" / "missing-paragraph-de"

_spec = importlib.util.spec_from_file_location("fake_embedder", Path(__file__).with_name("fake_embedder.py"))
_fake = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fake)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, langcheck_cli, tmp_path_factory: pytest.TempPathFactory):
    monkeypatch.setenv("LANGCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setattr("langcheck.embed.load_embedder", lambda spec="usem3", **_: _fake.FakeEmbedder())
    return langcheck_cli


def _release(tmp_path: Path) -> Path:
    release = tmp_path / "release"
    shutil.copytree(DEFECT, release)
    (release / "expected.yaml").unlink(missing_ok=True)
    return release


def _counts(stdout_json: str) -> str:
    summary = json.loads(stdout_json)["summary"]
    words = [(summary["errors"], "error"), (summary["warnings"], "warning"), (summary["infos"], "info")]
    return ", ".join(f"{n} {w}{'' if n == 1 else 's'}" for n, w in words)


# --- item 15: -o FILE says what it found and where the report went ---------------------------


def test_output_file_prints_one_summary_line_on_stderr(run, tmp_path: Path) -> None:
    release = _release(tmp_path)
    target = tmp_path / "report.json"
    code, out, err = run("check", release, "--format", "json", "-o", target)
    assert out == ""
    assert err == f"langcheck: {_counts(target.read_text(encoding='utf-8'))} in 1 release; json report written to {target}\n"
    assert code in (0, 1)


def test_report_on_stdout_prints_no_summary_on_stderr(run, tmp_path: Path) -> None:
    code, out, err = run("check", _release(tmp_path), "--format", "json")
    assert err == "" and json.loads(out)["releases"]


# --- item 16: one run, several outputs ---------------------------------------------------------


def test_one_run_writes_annotations_and_a_sarif_file(run, tmp_path: Path) -> None:
    release = _release(tmp_path)
    sarif = tmp_path / "langcheck.sarif"
    code, out, err = run("check", release, "--format", "github", "--report", f"sarif:{sarif}")
    _, lone, _ = run("check", release, "--format", "github")
    assert out == lone  # the annotations are those of a run without the extra report
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert err.startswith("langcheck: ") and err.endswith(f"; sarif report written to {sarif}\n")
    assert err.count("\n") == 1


def test_every_report_of_one_run_holds_the_same_findings(run, tmp_path: Path) -> None:
    release = _release(tmp_path)
    first, second = tmp_path / "a.json", tmp_path / "b.sarif"
    code, out, err = run("check", release, "--format", "json", "-o", first, "--report", f"sarif:{second}",
                         "--report", f"markdown:{tmp_path / 'c.md'}")
    findings = json.loads(first.read_text(encoding="utf-8"))["releases"][0]["findings"]
    results = json.loads(second.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert len(findings) == len(results) and findings
    assert (tmp_path / "c.md").read_text(encoding="utf-8")
    assert f"json report written to {first}" in err and f"sarif report written to {second}" in err
    assert f"markdown report written to {tmp_path / 'c.md'}" in err


@pytest.mark.parametrize(
    "spec, problem",
    [
        ("sarif", "--report takes FORMAT:FILE"),
        ("sarif:", "--report takes FORMAT:FILE"),
        ("pdf:{tmp}/r.pdf", "unknown format 'pdf'"),
    ],
)
def test_a_malformed_report_option_is_a_usage_error_before_checking(run, tmp_path: Path, spec: str, problem: str) -> None:
    code, out, err = run("check", _release(tmp_path), "--report", spec.format(tmp=tmp_path))
    assert code == 2 and out == "" and problem in err


def test_extra_reports_are_guarded_like_the_output(run, tmp_path: Path) -> None:
    release = _release(tmp_path)
    before = (release / "en.txt").read_bytes()
    code, _, err = run("check", release, "--report", f"json:{release / 'en.txt'}")
    assert code == 2 and "is one of the checked documents" in err
    assert (release / "en.txt").read_bytes() == before
    config = tmp_path / "langcheck.yaml"
    config.write_text("fail_on: error\n", encoding="utf-8")
    code, _, err = run("check", release, "--config", config, "--report", f"json:{config}")
    assert code == 2 and "is one of langcheck's input files" in err
    assert config.read_text(encoding="utf-8") == "fail_on: error\n"


def test_two_outputs_onto_one_file_are_refused(run, tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    code, _, err = run("check", _release(tmp_path), "-o", target, "--report", f"sarif:{target}")
    assert code == 2 and "written twice" in err and not target.exists()


def test_a_report_file_name_may_hold_a_colon(run, tmp_path: Path) -> None:
    target = tmp_path / "a:b.json"
    run("check", _release(tmp_path), "--report", f"json:{target}")
    assert json.loads(target.read_text(encoding="utf-8"))["releases"]


def test_the_action_runs_the_check_once() -> None:
    action = (Path(__file__).resolve().parents[1] / "action.yml").read_text(encoding="utf-8")
    assert len(re.findall(r"^\s*langcheck check ", action, re.M)) == 1
    assert "--report" in action and "--format github" in action


# --- item 17: --version and help a user can read -----------------------------------------------


def test_version_prints_the_version(run) -> None:
    from langcheck import __version__

    code, out, err = run("--version")
    assert (code, out, err) == (0, f"langcheck {__version__}\n", "")


def _commands() -> list[list[str]]:
    from typer.main import get_command

    from langcheck.cli import app

    found: list[list[str]] = [[]]

    def walk(command, path: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            found.append([*path, name])
            walk(sub, [*path, name])

    walk(get_command(app), [])
    return found


@pytest.mark.parametrize("command", _commands(), ids=lambda c: " ".join(c) or "langcheck")
def test_help_shows_no_internal_type_names(run, command: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = run(*command, "--help")
    assert code == 0 and err == ""
    for leak in ("<bool>", "<list", "<str>", "<path>", "<int>", "{", "list[", "Path]"):
        assert leak not in out, f"{leak!r} in help of {' '.join(command) or 'langcheck'}"


def test_check_help_names_values_and_defaults(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = run("check", "--help")
    assert code == 0
    assert re.search(r"Usage: langcheck check \[OPTIONS\] PATH\.\.\.", out)
    for option, metavar in [("--format", "FORMAT"), ("--output", "FILE"), ("--fail-on", "SEVERITY"),
                            ("--languages", "CODES"), ("--glossary", "FILE"), ("--report", "FORMAT:FILE"),
                            ("--jobs", "N")]:
        assert re.search(rf"{option} {re.escape(metavar)}\b", out), option
    fail_on = re.search(r"--fail-on SEVERITY.*?(?=\n  -)", out, re.S).group(0)
    assert "default: error" in fail_on
    assert "[default: text]" in out
    assert "--version" in run("--help")[1]


def test_an_html_report_beside_another_format_still_shows_the_documents(run, tmp_path: Path) -> None:
    release = _release(tmp_path)
    html = tmp_path / "review.html"
    code, out, _ = run("check", release, "--format", "json", "--report", f"html:{html}")
    first_line = (release / "en.txt").read_text(encoding="utf-8").splitlines()[0]
    assert json.loads(out)["releases"]
    assert first_line[:40] in html.read_text(encoding="utf-8")
