"""GitHub Actions workflow commands: one annotation per finding, shown on the changed files.

    ::error file=releases/x/de.txt,line=12,title=LC201 number-mismatch · de:¶3::de says 16,2 Millionen where ...

The title names the paragraph (1-based, as every format numbers it); a missing paragraph is
annotated on the line of the neighbouring paragraph where it would go, its title saying where
(`LC101 missing-paragraph · de: missing after ¶2, before ¶3`). A paragraph with an anchor (an
XLIFF unit id, a Word page) is named with it: `LC201 number-mismatch · de:¶3 (unit 7)`.

Escaping follows GitHub's runner (`%`, CR, LF in the message; also `:` and `,` in properties).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from langcheck.model import Finding, ReleaseReport, Report, Severity
from langcheck.report._common import (
    finding_place,
    ordered_findings,
    report_path,
    visible,
)

if TYPE_CHECKING:
    from langcheck.report.stream import Tally

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report, *, source: str | None = None) -> str:
    """The report as workflow commands, one line per finding and per release that failed."""
    from langcheck.report.stream import render_whole

    return render_whole(Writer(source=source), report)


class Writer:
    """Workflow commands release by release (`langcheck.report.stream`); failures come last."""

    def __init__(self, *, source: str | None = None) -> None:
        pass

    def release(self, release_report: ReleaseReport) -> str:
        return "".join(_annotation(f) + "\n" for f in ordered_findings(release_report))

    def finish(self, tally: Tally) -> tuple[str, str]:
        lines = [
            f"::error title={escape_property('langcheck could not check a release')}::"
            f"{escape_data(f'{report_path(path)}: {error}')}"
            for path, error in tally.failures
        ]
        return "", "".join(line + "\n" for line in lines)


def escape_data(text: str) -> str:
    # Line breaks are the runner's escapes; any other control character (ESC, bidi overrides)
    # is shown as a visible escape.
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(finding: Finding) -> str:
    properties = [f"file={escape_property(report_path(finding.file))}"]
    if finding.line is not None:
        properties.append(f"line={finding.line}")
    place = finding_place(finding)
    title = f"{finding.rule} {finding.name}" + (f" · {place}" if place else "")
    properties.append(f"title={escape_property(title)}")
    return f"::{COMMAND[finding.severity]} {','.join(properties)}::{escape_data(finding.message)}"
