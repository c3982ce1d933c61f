"""`langcheck --help` and `--version` load only the command line: no logging, no library module.

A fresh process each (an import made by an earlier test would hide one), the entry point as a
user runs it, with its imported modules written out at the end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import langcheck

_RUN = """
import json, runpy, sys
out, sys.argv = sys.argv[1], ["langcheck", *sys.argv[2:]]
try:
    runpy.run_module("langcheck.cli", run_name="__main__")
except SystemExit as exc:
    code = exc.code
with open(out, "w", encoding="utf-8") as handle:
    json.dump({"status": code, "modules": sorted(sys.modules)}, handle)
"""

# What a check needs and the help does not (typer itself is the help).
NOT_FOR_HELP = ("logging", "langcheck.config", "langcheck.model", "langcheck.report", "langcheck.load", "rich")


@pytest.mark.parametrize("args", [["--help"], ["--version"], []], ids=["help", "version", "no-args"])
def test_help_and_version_import_no_logging_and_no_library(args: list[str], tmp_path: Path) -> None:
    out = tmp_path / "modules.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(langcheck.__file__).parents[1]),
                                                         os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, "-c", _RUN, str(out), *args], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["status"] in (0, 2, None)  # no arguments: the help, with click's usage status
    loaded = sorted(m for m in result["modules"] if any(m == p or m.startswith(p + ".") for p in NOT_FOR_HELP))
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
