"""A report written release by release is the rendered report, byte for byte, in every format.

Each format's `Writer` gives a release's part as it arrives and the head and tail at the end;
`ReportStream` holds the parts, past a size on disk. Compared here against `langcheck.report.render` on the
shared fixture (two releases, a failure, findings of every severity), on it without failures,
with one release, and with none, with and without the rules a format lists.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pytest

from langcheck.model import Report
from langcheck.report import render
from langcheck.report.stream import STREAMED, ReportStream, Tally

from .conftest import RULES, build_report


def _variants() -> dict[str, Report]:
    full = build_report()
    return {
        "full": full,
        "no-failures": replace(full, failures=()),
        "one-release": replace(full, releases=full.releases[1:]),
        "only-failures": replace(full, releases=()),
        "empty": Report(releases=()),
        "two-failures": replace(full, failures=(*full.failures, ("releases/other", "two files for one language: en"))),
    }


def _options(fmt: str, with_rules: bool) -> dict:
    options: dict = {"source": "en"}
    if fmt in ("sarif", "junit") and with_rules:
        options["rules"] = RULES
    if fmt == "text":
        options["color"] = with_rules  # both ways
    return options


def _streamed(report: Report, fmt: str, options: dict) -> str:
    if fmt == "sarif":  # results index the rules: every code a finding may have is known up front
        options = {**options, "also": {f.rule for f in report.findings}}
    stream = ReportStream(fmt, **options)
    tally = Tally()
    # Failures arrive between releases in a run: they must not change the parts.
    failures = list(report.failures)
    for release_report in report.releases:
        if failures:
            tally.failures.append(failures.pop(0))
        stream.add(release_report)
        tally.add(release_report)
    tally.failures.extend(failures)
    out = io.StringIO()
    stream.finish(tally, out)
    return out.getvalue()


@pytest.mark.parametrize("with_rules", [True, False], ids=["rules", "no-rules"])
@pytest.mark.parametrize("variant", sorted(_variants()))
@pytest.mark.parametrize("fmt", STREAMED)
def test_a_streamed_report_is_the_rendered_report(fmt: str, variant: str, with_rules: bool) -> None:
    report = _variants()[variant]
    options = _options(fmt, with_rules)
    assert _streamed(report, fmt, options) == render(report, fmt, **options)


@pytest.mark.parametrize("held", [0, 1, 10**9], ids=["spooled-at-once", "spooled-after-one", "held"])
@pytest.mark.parametrize("fmt", STREAMED)
def test_parts_held_in_memory_or_spooled_to_disk_make_the_same_report(fmt: str, held: int,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    spools = []
    real = tempfile.TemporaryFile
    monkeypatch.setattr(tempfile, "TemporaryFile", lambda *a, **k: spools.append(1) or real(*a, **k))
    monkeypatch.setattr(ReportStream, "HELD_CHARS", held)
    report = _variants()["full"]
    options = _options(fmt, False)
    assert _streamed(report, fmt, options) == render(report, fmt, **options)
    assert len(spools) == (0 if held > 1000 else 1)


def test_the_tally_counts_what_the_report_counts() -> None:
    report = build_report()
    tally = Tally.of(report)
    assert (tally.summary, tally.releases, tally.failures) == (report.summary, 2, list(report.failures))


def test_sarif_refuses_a_rule_it_was_not_told_of_rather_than_misnumber_it() -> None:
    report = build_report()
    stream = ReportStream("sarif", rules=RULES)
    with pytest.raises(ValueError, match="LC301 is not known|LC402 is not known|LC501 is not known"):
        stream.add(report.releases[0])
    stream.close()


def test_run_outputs_write_each_output_with_its_own_options(tmp_path) -> None:
    from langcheck.outputs import RunOutputs

    report = build_report()
    outputs = [("text", None, {"source": "en", "color": True}), ("text", tmp_path / "plain.txt", {"source": "en", "color": False}),
               ("html", tmp_path / "r.html", {"source": "en"}), ("sarif", tmp_path / "r.sarif", {"source": None, "rules": RULES,
                                                                                              "also": {f.rule for f in report.findings}})]
    run = RunOutputs(outputs)
    for release_report in report.releases:
        run.add(release_report)
    for failure in report.failures:
        run.add(failure)
    stdout = io.StringIO()
    written = run.write(checked=[], stdout=stdout)
    run.close()
    assert stdout.getvalue() == render(report, "text", source="en", color=True)
    assert (tmp_path / "plain.txt").read_text(encoding="utf-8") == render(report, "text", source="en", color=False)
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == render(report, "html", source="en")
    assert (tmp_path / "r.sarif").read_text(encoding="utf-8") == render(report, "sarif", rules=RULES)
    assert written == [f"text report written to {tmp_path / 'plain.txt'}", f"html report written to {tmp_path / 'r.html'}",
                       f"sarif report written to {tmp_path / 'r.sarif'}"]
