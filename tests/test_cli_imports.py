"""`langcheck --help` and `--version` load only the command line: no logging, no library module.

A fresh process each (an import made by an earlier test would hide one), the entry point as a
user runs it, with its imported modules written out at the end.
"""

from __future__ import annotations

from pathlib import Path

import pytest


# What a check needs and the help does not (typer itself is the help).
NOT_FOR_HELP = ("logging", "langcheck.config", "langcheck.model", "langcheck.report", "langcheck.load", "rich")


@pytest.mark.parametrize("args", [["--help"], ["--version"], []], ids=["help", "version", "no-args"])
def test_help_and_version_import_no_logging_and_no_library(args: list[str], langcheck_imports) -> None:
    status, modules = langcheck_imports(*args, timeout=120)
    assert status in (0, 2, None)  # no arguments: the help, with click's usage status
    loaded = sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in NOT_FOR_HELP))
    assert loaded == []


def test_a_library_warning_is_one_line_on_stderr_once_per_run(langcheck_cli, monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path) -> None:
    # The handler is installed when a command starts (not at import): still there, and only once
    # however many times the entry point runs in one process.
    import importlib.util

    from langcheck import embed

    spec = importlib.util.spec_from_file_location("fake_embedder", Path(__file__).parent / "fake_embedder.py")
    fake = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fake)
    monkeypatch.setattr(embed, "load_embedder", lambda spec="usem3", **_: fake.FakeEmbedder())
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("", encoding="utf-8")
    release = Path(__file__).resolve().parents[1] / "samples" / "lavrov-belarus-2020"
    for _ in range(2):
        status, _, err = langcheck_cli("check", release, "--cache-dir", not_a_folder, "-f", "json")
        assert status in (0, 1)
        warnings = [line for line in err.splitlines() if "embedding cache disabled" in line]
        assert len(warnings) == 1 and warnings[0].startswith("langcheck: warning: embedding cache disabled: ")
