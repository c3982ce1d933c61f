"""GitHub Actions workflow commands: one annotation per finding, shown on the changed files.

    ::error file=releases/x/de.txt,line=12,title=LC201 number-mismatch · de:¶3::de says 16,2 Millionen where ...

The title names the paragraph (1-based, as every format numbers it); a missing paragraph is
annotated on the line of the neighbouring paragraph where it would go, its title saying where
(`LC101 missing-paragraph · de: missing after ¶2, before ¶3`).

Escaping follows GitHub's runner (`%`, CR, LF in the message; also `:` and `,` in properties).
"""

from __future__ import annotations

from langcheck.model import Finding, Report, Severity
from langcheck.report._common import finding_place, ordered_findings, report_path, visible

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report, *, source: str | None = None) -> str:
    """The report as workflow commands, one line per finding and per release that failed."""
    lines = [_annotation(f) for r in report.releases for f in ordered_findings(r)]
    lines += [
        f"::error title={escape_property('langcheck could not check a release')}::"
        f"{escape_data(f'{report_path(path)}: {error}')}"
        for path, error in report.failures
    ]
    return "".join(line + "\n" for line in lines)


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
