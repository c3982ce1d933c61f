"""The terminal report: per release a header with its versions, then its findings in file order.

    releases/lavrov-2020   de de.txt · en en.txt · fr fr.txt   source: en
      error    LC201 number-mismatch  de:¶4 (line 12)
               de says 16,2 Millionen where en, fr say 16.2 billion
               expected 16.2 billion · found 16,2 Millionen
               see en:¶4 (line 11), fr:¶4 (line 13)

    2 errors, 1 warning, 0 infos in 2 releases

A paragraph with an anchor (an XLIFF unit id, a Word page) is named with it, so the translator
finds the segment in the CAT tool: `de:¶4 (unit 7, line 12)`.

Document text only ever reaches rich as `Text`, never as markup, so `[bold]` in a release stays text.

With colour, rich's console writes the report. Without (a pipe, a CI log, a file), rich's console
would only lay it out, and importing it costs a re-check from the result cache a fifth of its
time: the same layout comes from rich's word wrap alone (`langcheck.report._plain_layout`).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from langcheck.model import Finding, ReleaseReport, Report, Severity
from langcheck.report._common import (
    count_phrase, finding_label, location_label, no_workflow_commands, ordered_findings, report_path, visible,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from langcheck.report.stream import Tally

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render(report: Report, *, source: str | None = None, color: bool = False, width: int = 100) -> str:
    """The report as terminal text; ANSI colours only when `color` (the CLI passes it for a TTY)."""
    from langcheck.report.stream import render_whole

    return render_whole(Writer(source=source, color=color, width=width), report)


class Writer:
    """The terminal report release by release (`langcheck.report.stream`); failures and the
    summary line close it."""

    def __init__(self, *, source: str | None = None, color: bool = False, width: int = 100) -> None:
        self._source = source
        self._color = color
        self._width = width

    def release(self, release_report: ReleaseReport) -> str:
        if not self._color and self._width >= PLAIN_MIN_WIDTH and _plain_layout_available():
            return _plain(_plain_release(release_report, self._source, self._width))
        return self._printed(lambda console: _print_release(console, release_report, self._source))

    def finish(self, tally: Tally) -> tuple[str, str]:
        if not self._color and self._width >= PLAIN_MIN_WIDTH and _plain_layout_available():
            return "", _plain(_plain_tail(tally, self._width))
        return "", self._printed(lambda console: _print_tail(console, tally))

    def _printed(self, write: Callable[[Console], None]) -> str:
        from rich.console import Console

        buffer = io.StringIO()
        console = Console(
            file=buffer,
            force_terminal=self._color,
            color_system="standard" if self._color else None,
            width=self._width,
            highlight=False,
            emoji=False,
            legacy_windows=False,
        )
        write(console)
        # rich pads table cells to the column width; trailing blanks only make diffs noisy.
        # Untrusted text is made visible (no ESC, no line breaks) before rich sees it; wrapping can
        # still start a line with "::", which a GitHub runner would obey.
        return no_workflow_commands("".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().split("\n")[:-1]))


def _print_release(console: Console, release_report: ReleaseReport, source: str | None) -> None:
    from rich.table import Table
    from rich.text import Text

    release = release_report.release
    header = Text(visible(report_path(release.path)), style="bold")
    for i, lang in enumerate(release.languages):
        header.append("   " if i == 0 else " · ")
        header.append(lang, style="bold")
        header.append(f" {visible(release.documents[lang].file_name)}")
    if source:
        header.append(f"   source: {source}", style="dim")
    console.print(header)

    findings = ordered_findings(release_report)
    if not findings:
        console.print(Text("  no findings", style="green"))
    else:
        table = Table.grid(padding=(0, 1), pad_edge=False)
        table.add_column(width=1)  # indent
        table.add_column(no_wrap=True)
        table.add_column(overflow="fold")
        for finding in findings:
            table.add_row("", Text(finding.severity.value, style=SEVERITY_STYLE[finding.severity]), _body(finding))
        console.print(table)
    console.print()


def _print_tail(console: Console, tally: Tally) -> None:
    from rich.text import Text

    for path, error in tally.failures:
        console.print(Text.assemble(("failed", "bold red"), f"  {visible(report_path(path))}: {visible(error)}"))
    console.print(_summary_line(tally))


def _body(finding: Finding) -> Text:
    from rich.text import Text

    body = Text.assemble((f"{finding.rule} {finding.name}", "bold"), "  ", (finding_label(finding), "cyan"))
    body.append("\n")
    body.append(visible(finding.message))
    evidence = []
    if finding.expected is not None:
        evidence.append(Text.assemble(("expected ", "dim"), visible(finding.expected)))
    if finding.found is not None:
        evidence.append(Text.assemble(("found ", "dim"), visible(finding.found)))
    if evidence:
        body.append("\n")
        body.append(Text(" · ").join(evidence))
    if finding.related:
        body.append("\n")
        body.append("see ", style="dim")
        body.append(", ".join(location_label(loc) for loc in finding.related))
    return body


def _summary_line(tally: Tally) -> Text:
    from rich.text import Text

    summary = tally.summary
    n = tally.releases
    line = Text(f"{count_phrase(summary)} in {n} release{'' if n == 1 else 's'}", style="bold")
    if tally.failures:
        line.append(f"; {len(tally.failures)} could not be checked", style="bold red")
    if summary.errors:
        line.stylize("red", 0, len(line))
    return line


# --- without colour: the same layout, from rich's word wrap (`langcheck.report._plain_layout`) ---


# Below this width rich also shrinks the severity column (with an ellipsis), which the plain
# layout does not mirror; the CLI writes 100 columns, and the tests hold the two together from 30.
PLAIN_MIN_WIDTH = 30


@lru_cache(maxsize=1)
def _plain_layout_available() -> bool:
    """Whether rich still has the private word-wrap module the plain layout is built on; a rich
    release without it gets its console's own (slower to import, same) layout, not an error."""
    try:
        from langcheck.report._plain_layout import wrapped

        # and its word wrap still answers as rich's Text.wrap does (which keeps the space)
        return wrapped("ab cd", 3) == ["ab ", "cd"]
    except Exception:  # ImportError, or a signature rich changed
        return False


def _plain(lines: list[str]) -> str:
    # As `Writer._printed` leaves rich's output: no trailing blanks, no workflow command.
    return no_workflow_commands("".join(line.rstrip(" ") + "\n" for line in lines))


def _plain_release(release_report: ReleaseReport, source: str | None, width: int) -> list[str]:
    """The lines `_print_release` prints, without colour."""
    from langcheck.report._plain_layout import grid, wrapped

    release = release_report.release
    header = visible(report_path(release.path))
    for i, lang in enumerate(release.languages):
        header += f"{'   ' if i == 0 else ' · '}{lang} {visible(release.documents[lang].file_name)}"
    if source:
        header += f"   source: {source}"
    lines = wrapped(header, width)
    findings = ordered_findings(release_report)
    if not findings:
        lines += wrapped("  no findings", width)
    else:
        lines += grid([(finding.severity.value, _plain_body(finding)) for finding in findings], width)
    lines.append("")
    return lines


def _plain_body(finding: Finding) -> str:
    """The text of `_body(finding)`."""
    body = f"{finding.rule} {finding.name}  {finding_label(finding)}\n{visible(finding.message)}"
    evidence = []
    if finding.expected is not None:
        evidence.append(f"expected {visible(finding.expected)}")
    if finding.found is not None:
        evidence.append(f"found {visible(finding.found)}")
    if evidence:
        body += "\n" + " · ".join(evidence)
    if finding.related:
        body += "\nsee " + ", ".join(location_label(loc) for loc in finding.related)
    return body


def _plain_tail(tally: Tally, width: int) -> list[str]:
    """The lines `Writer.finish` prints, without colour: failures, then the summary line."""
    from langcheck.report._plain_layout import wrapped

    lines = []
    for path, error in tally.failures:
        lines += wrapped(f"failed  {visible(report_path(path))}: {visible(error)}", width)
    n = tally.releases
    summary = f"{count_phrase(tally.summary)} in {n} release{'' if n == 1 else 's'}"
    if tally.failures:
        summary += f"; {len(tally.failures)} could not be checked"
    return lines + wrapped(summary, width)
