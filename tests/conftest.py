"""Root test configuration: the --update-golden option, and the in-process CLI runner every CLI test uses."""

from __future__ import annotations

import sys
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
