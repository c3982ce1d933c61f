"""Output formats: one module per format, each with `render(report, *, source=None, ...) -> str`;
every format but html also has a `Writer` that writes it release by release (`report.stream`).

Reporters only read a `Report`; they never compute findings. Modules are imported on first use so
that the CLI starts without loading every format's dependencies.
"""

from __future__ import annotations

import importlib
from typing import Any

from langcheck.model import Report

__all__ = ["FORMATS", "render"]

# Format name -> module implementing `render(report, *, source=None, **options) -> str`.
FORMATS: dict[str, str] = {
    "text": "langcheck.report.text",
    "json": "langcheck.report.json",
    "sarif": "langcheck.report.sarif",
    "junit": "langcheck.report.junit",
    "markdown": "langcheck.report.markdown",
    "github": "langcheck.report.github",
    "gitlab": "langcheck.report.gitlab",
    "html": "langcheck.report.html",
    # "tmx": "langcheck.report.tmx" writes aligned segments, not findings, and takes other
    # arguments; the CLI calls it directly rather than through `render`.
}


def render(report: Report, fmt: str, **options: Any) -> str:
    """Render `report` in format `fmt` (a key of `FORMATS`); options go to that format's `render`."""
    try:
        module_name = FORMATS[fmt]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise ValueError(f"unknown report format {fmt!r} (known: {known})") from None
    module = importlib.import_module(module_name)
    text = module.render(report, **options)
    if fmt == "github":  # its lines are workflow commands, with what goes into them escaped
        return text
    from langcheck.report._common import no_workflow_commands

    # A report is often printed or `cat` in a CI log: no line of it may start a command.
    return no_workflow_commands(text)
