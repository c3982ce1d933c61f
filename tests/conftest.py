"""Root test configuration: command-line options only (pytest reads `addoption` from the root conftest)."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden output files (tests/**/golden/) from the current code instead of comparing",
    )
