from __future__ import annotations

import importlib
import inspect

import pytest

from langcheck.model import Report
from langcheck.report import FORMATS, render


def test_unknown_format_names_the_known_ones(report: Report) -> None:
    with pytest.raises(ValueError, match="known: github"):
        render(report, "yaml")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_with_source_keyword(report: Report, fmt: str) -> None:
    module = importlib.import_module(FORMATS[fmt])
    assert "source" in inspect.signature(module.render).parameters
    assert render(report, fmt, source="en").endswith("\n")
