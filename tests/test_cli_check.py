"""`langcheck check` end to end through the CLI (real model, one shared temporary cache).

JSON contract, exit statuses for --fail-on, config files, inline suppressions and baselines.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest


pytestmark = pytest.mark.model

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CLEAN = SAMPLES / "lavrov-belarus-2020"
CATEGORIES = {"missing-paragraph", "extra-paragraph", "partial-omission", "untranslated", "wrong-language",
              "number", "date", "name", "acronym", "term"}


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, langcheck_cli, cache_dir: Path):
    monkeypatch.setenv("LANGCHECK_CACHE_DIR", str(cache_dir))
    return langcheck_cli


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    (dst / "expected.yaml").unlink(missing_ok=True)
    return dst


def test_clean_release_exits_zero_with_the_json_contract(run) -> None:
    code, out, err = run("check", CLEAN, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["schema"] == "langcheck-report/2"
    (release,) = data["releases"]
    assert release["languages"] == {"de": "de.md", "en": "en.txt", "es": "es.txt", "fr": "fr.txt", "ru": "ru.html"}
    covered = {lang: sorted(i for g in release["groups"] for i in g["paragraph_numbers"][lang]) for lang in release["languages"]}
    assert covered == {lang: list(range(1, 8)) for lang in release["languages"]}
    assert all(isinstance(g["similarity"], float) for g in release["groups"])
    assert data["summary"] == {"errors": 0, "warnings": 0, "infos": sum(1 for f in release["findings"] if f["severity"] == "info")}


def _paragraph_line(release: Path, lang: str, number: int) -> int:
    from langcheck.config import Config
    from langcheck.load import load_release

    return load_release(release, Config().languages).documents[lang].paragraphs[number - 1].line


def test_defect_exits_one_and_names_the_finding(run) -> None:
    code, out, _ = run("check", SAMPLES / "defects" / "missing-paragraph-de", "--format", "json")
    assert code == 1
    (finding,) = [f for f in json.loads(out)["releases"][0]["findings"] if f["severity"] != "info"]
    assert finding["rule"] == "LC101" and finding["category"] == "missing-paragraph"
    # de lacks its fourth paragraph: it belongs after de ¶3, before de ¶4, on that paragraph's line
    assert (finding["lang"], finding["paragraph_number"]) == ("de", None)
    assert finding["gap"] == {"after_paragraph_number": 3, "before_paragraph_number": 4}
    assert finding["line"] == _paragraph_line(SAMPLES / "defects" / "missing-paragraph-de", "de", 4)
    assert {r["lang"] for r in finding["related"]} == {"en", "es", "fr", "ru"}
    assert all(r["paragraph_number"] == 4 and r["line"] for r in finding["related"])
    assert finding["category"] in CATEGORIES


@pytest.mark.parametrize(
    "variant, fail_on, code",
    [("extra-paragraph-fr", "error", 0), ("extra-paragraph-fr", "warning", 1), ("missing-paragraph-de", "error", 1)],
)
def test_fail_on_threshold(run, variant: str, fail_on: str, code: int) -> None:
    assert run("check", SAMPLES / "defects" / variant, "--fail-on", fail_on)[0] == code


def test_config_file_found_upwards_changes_severity_and_command_line_wins(run, tmp_path: Path) -> None:
    release = _copy(SAMPLES / "defects" / "extra-paragraph-fr", tmp_path / "releases" / "r1")
    (tmp_path / "langcheck.yaml").write_text("severity:\n  LC102: error\n", encoding="utf-8")
    assert run("check", release)[0] == 1  # the warning became an error
    assert run("check", release, "--ignore", "LC102")[0] == 0


def test_inline_ignore_comment_suppresses_the_next_paragraph(run, tmp_path: Path) -> None:
    release = _copy(CLEAN, tmp_path / "r")
    de = release / "de.md"
    blocks = de.read_text(encoding="utf-8").split("\n\n")
    english = (release / "en.txt").read_text(encoding="utf-8").split("\n\n")
    blocks[4] = english[4]  # paragraph 4 left in English: LC501 on de
    de.write_text("\n\n".join(blocks), encoding="utf-8")
    code, out, _ = run("check", release, "--format", "json")
    (finding,) = [f for f in json.loads(out)["releases"][0]["findings"] if f["lang"] == "de"]
    assert (code, finding["rule"], finding["paragraph_number"]) == (1, "LC501", 5)
    blocks[4] = f"<!-- langcheck-ignore {finding['rule']} -->\n{blocks[4]}"
    de.write_text("\n\n".join(blocks), encoding="utf-8")
    code, out, _ = run("check", release, "--format", "json")
    assert [f for f in json.loads(out)["releases"][0]["findings"] if f["lang"] == "de"] == []
    assert code == 0


def test_baseline_round_trip(run, tmp_path: Path) -> None:
    release = _copy(SAMPLES / "defects" / "missing-paragraph-de", tmp_path / "missing-paragraph-de")
    baseline = tmp_path / "baseline.json"
    assert run("check", release, "--write-baseline", baseline)[0] == 1
    assert run("check", release, "--baseline", baseline)[0] == 0
    # Lines move (blank lines added at the top of en.txt) and a new defect appears (es drops
    # paragraph 5): only the new one is reported, the accepted one stays accepted.
    en = release / "en.txt"
    en.write_text("\n\n\n" + en.read_text(encoding="utf-8"), encoding="utf-8")
    es = release / "es.txt"
    blocks = es.read_text(encoding="utf-8").split("\n\n")
    es.write_text("\n\n".join(blocks[:5] + blocks[6:]), encoding="utf-8")
    code, out, _ = run("check", release, "--baseline", baseline, "--format", "json")
    findings = json.loads(out)["releases"][0]["findings"]
    assert code == 1
    assert [(f["lang"], f["category"]) for f in findings if f["severity"] != "info"] == [("es", "missing-paragraph")]


def test_rewriting_a_reviewed_baseline_keeps_the_decisions_on_findings_still_found(run, tmp_path: Path) -> None:
    from langcheck.baseline import Decision, baseline_text, parse_baseline, parse_decisions

    release = _copy(SAMPLES / "defects" / "missing-paragraph-de", tmp_path / "missing-paragraph-de")
    baseline = tmp_path / "baseline.json"
    assert run("check", release, "--write-baseline", baseline)[0] == 1
    (found,) = parse_baseline(baseline.read_text(encoding="utf-8"), "b")
    gone = "0" * 32  # a decision on a finding this run no longer has
    reviewed = {found: Decision("false-positive", "the de desk merged it on purpose", "LC101", "de"),
                gone: Decision("accepted", "fixed since")}
    baseline.write_text(baseline_text([found, gone], reviewed), encoding="utf-8")
    assert run("check", release, "--baseline", baseline, "--write-baseline", baseline)[0] == 0
    text = baseline.read_text(encoding="utf-8")
    assert parse_baseline(text, "b") == {found}
    assert parse_decisions(text, "b") == {found: reviewed[found]}


def test_output_file_is_written_and_never_over_a_document(run, tmp_path: Path) -> None:
    release = _copy(CLEAN, tmp_path / "r")
    target = tmp_path / "report.sarif"
    assert run("check", release, "--format", "sarif", "-o", target)[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
    before = (release / "en.txt").read_bytes()
    code, _, err = run("check", release, "-o", release / "en.txt")
    assert code == 2 and "is one of the checked documents" in err
    assert (release / "en.txt").read_bytes() == before


def test_rules_lists_every_rule(run) -> None:
    code, out, _ = run("rules")
    from langcheck.rules import ALL_RULES

    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [r.code for r in ALL_RULES]


def test_init_writes_a_valid_starter_and_refuses_to_overwrite(run, tmp_path: Path) -> None:
    from langcheck.config import load_config

    target = tmp_path / "langcheck.yaml"
    assert run("init", target)[0] == 0
    assert load_config(target).languages == ("de", "en", "es", "fr", "ru")
    code, _, err = run("init", target)
    assert code == 2 and "already exists" in err


def test_a_tree_checks_every_release_folder_and_skips_readmes(run) -> None:
    code, out, err = run("check", SAMPLES, "--format", "json")
    data = json.loads(out)
    folders = sorted(p for p in SAMPLES.rglob("*") if p.is_dir() and p.name not in ("defects", "variants"))
    assert (code, err) == (1, "")  # the defect variants fail the gate
    assert sorted(Path(r["path"]).resolve() for r in data["releases"]) == [p.resolve() for p in folders]
    clean = [r for r in data["releases"] if "defects" not in r["path"]]  # variants are clean too
    # The page-copied variants list their page furniture and publication dates (LC107, LC108:
    # info, see their expected.yaml); nothing else is found.
    assert clean and all([f for f in r["findings"] if f["rule"] not in ("LC107", "LC108")] == [] for r in clean)
