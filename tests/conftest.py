"""Root test configuration: the --update-golden option, the in-process CLI runner every CLI test
uses, and a runner of `langcheck` in a fresh process that tells which modules it imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden output files (tests/**/golden/) from the current code instead of comparing",
    )


CliRun = Callable[..., tuple[int, str, str]]


@pytest.fixture
def langcheck_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> CliRun:
    """langcheck_cli(*args) -> (exit status, stdout, stderr): the real entry point, in-process."""
    from langcheck import cli

    def invoke(*args: object) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["langcheck", *map(str, args)])
        with pytest.raises(SystemExit) as exit_:
            cli.main()
        out, err = capsys.readouterr()
        return int(exit_.value.code or 0), out, err

    return invoke


# Runs the entry point to its end in this interpreter and writes its exit status and sys.modules.
_IMPORTS_RUN = """
import json, runpy, sys
out, sys.argv = sys.argv[1], ["langcheck", *sys.argv[2:]]
try:
    runpy.run_module("langcheck.cli", run_name="__main__")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
with open(out, "w", encoding="utf-8") as handle:
    json.dump({"status": code, "modules": sorted(sys.modules)}, handle)
"""
ImportsRun = Callable[..., tuple[object, set[str]]]


@pytest.fixture
def langcheck_imports(tmp_path: Path) -> ImportsRun:
    """langcheck_imports(*args) -> (exit status, names of the modules imported): `langcheck ARGS`
    in a fresh process, the tree under test first on its path (stderr kept for a failure)."""
    import langcheck

    def run(*args: object, timeout: float = 300) -> tuple[object, set[str]]:
        out = tmp_path / "modules.json"
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(Path(langcheck.__file__).parents[1]), env.get("PYTHONPATH", "")])
        subprocess.run([sys.executable, "-c", _IMPORTS_RUN, str(out), *map(str, args)], env=env, check=True,
                       stdout=subprocess.DEVNULL, timeout=timeout)
        result = json.loads(out.read_text(encoding="utf-8"))
        return result["status"], set(result["modules"])

    return run
