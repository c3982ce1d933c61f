"""Reports written release by release: memory stays flat however large the archive.

Every streamable format has a `Writer`: `writer.release(release_report)` is that release's part
of the report, and `writer.finish(tally)` the head and tail around all the parts, from what a
`Tally` keeps of the releases already written (counts, failures, the rules met). The format's
own `render(report)` is `head + parts + tail` through the same writer, so a streamed report is
byte-identical to the rendered one by construction.

`ReportStream(fmt, **options)` keeps the parts as each release arrives (its report leaves memory
at once: only its part stays, in memory up to `ReportStream.HELD_CHARS`, then in a temporary
file) and `finish(tally, out)` writes head, parts and tail to `out`. The head comes last to be
known (JSON's `failures` sort before `releases`, JUnit's totals sit on its root), which is why
the parts wait, on disk once there are many, not in memory.
"""

from __future__ import annotations

import importlib
import shutil
from dataclasses import dataclass, field
from typing import Any, Protocol, TextIO

from langcheck.model import ReleaseReport, Report, Severity, Summary

# Formats written release by release; html shows the documents themselves and renders whole.
STREAMED = ("text", "json", "sarif", "junit", "markdown", "github", "gitlab")


@dataclass
class Tally:
    """What a report's head and tail need of its releases: `releases` checked, findings per
    severity, `failures` as (path, reason) in the order met."""

    releases: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def of(cls, report: Report) -> Tally:
        tally = cls(failures=list(report.failures))
        for release_report in report.releases:
            tally.add(release_report)
        return tally

    def add(self, release_report: ReleaseReport) -> None:
        self.releases += 1
        for finding in release_report.findings:
            if finding.severity is Severity.ERROR:
                self.errors += 1
            elif finding.severity is Severity.WARNING:
                self.warnings += 1
            else:
                self.infos += 1

    @property
    def summary(self) -> Summary:
        return Summary(self.errors, self.warnings, self.infos)

    def reaches(self, threshold: Severity) -> bool:
        """Whether any finding reaches `threshold` (the CI gate, as `api.fails`)."""
        counts = {Severity.ERROR: self.errors, Severity.WARNING: self.warnings, Severity.INFO: self.infos}
        return any(n and severity.rank >= threshold.rank for severity, n in counts.items())


class Writer(Protocol):
    """One format, release by release (see the module docstring)."""

    def release(self, release_report: ReleaseReport) -> str: ...
    def finish(self, tally: Tally) -> tuple[str, str]: ...


def writer_for(fmt: str, **options: Any) -> Writer:
    """The `Writer` of format `fmt` (one of STREAMED) with that format's render options."""
    from langcheck.report import FORMATS

    if fmt not in STREAMED:
        raise ValueError(f"format {fmt!r} is not written release by release (streamed: {', '.join(STREAMED)})")
    return importlib.import_module(FORMATS[fmt]).Writer(**options)


def render_whole(writer: Writer, report: Report) -> str:
    """`report` through `writer`: head, each release's part, tail (a format's `render`)."""
    parts = "".join(writer.release(r) for r in report.releases)
    head, tail = writer.finish(Tally.of(report))
    return head + parts + tail


class ReportStream:
    """One output of a run in format `fmt`, its release parts spooled to a temporary file.

    The parts stay in memory until they pass `HELD_CHARS`, then move to the file: most runs
    check a release or a few, and need neither the file nor the `tempfile` module (its import
    costs a re-check from the result cache about 1.5 ms); memory stays bounded all the same.
    """

    HELD_CHARS = 1 << 20

    def __init__(self, fmt: str, **options: Any) -> None:
        self.fmt = fmt
        self._writer = writer_for(fmt, **options)
        self._held: list[str] = []
        self._held_chars = 0
        self._spool: TextIO | None = None

    def add(self, release_report: ReleaseReport) -> None:
        part = self._safe(self._writer.release(release_report))
        if self._spool is not None:
            self._spool.write(part)
            return
        self._held.append(part)
        self._held_chars += len(part)
        if self._held_chars > self.HELD_CHARS:
            import tempfile

            self._spool = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
            self._spool.writelines(self._held)
            self._held, self._held_chars = [], 0

    def finish(self, tally: Tally, out: TextIO) -> None:
        """Write the whole report to `out`; the spool is gone afterwards."""
        head, tail = self._writer.finish(tally)
        out.write(self._safe(head))
        if self._spool is not None:
            self._spool.seek(0)
            shutil.copyfileobj(self._spool, out)
        for part in self._held:
            out.write(part)
        out.write(self._safe(tail))
        self.close()

    def close(self) -> None:
        self._held, self._held_chars = [], 0
        if self._spool is not None:
            self._spool.close()

    def _safe(self, text: str) -> str:
        # As `langcheck.report.render` does to a whole report: each part starts at a line start
        # (or with a character no command starts with), so part by part is the same text.
        if self.fmt == "github":
            return text
        from langcheck.report._common import no_workflow_commands

        return no_workflow_commands(text)
