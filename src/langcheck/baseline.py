"""Baselines: accept the findings a release archive already has, report only new ones.

A finding is identified by its release folder name, rule, version and content (expected,
found, message) — never by line number, so editing elsewhere in a file does not resurrect it.

The file (`"schema": "langcheck-baseline/1"`) holds `fingerprints`, the sorted list of known
findings: that list alone decides what `--baseline` hides. A baseline downloaded from the HTML
report's review also holds `decisions`: fingerprint -> `{"state": "accepted" | "false-positive",
"comment": str, "rule", "lang", "message"}` (what the reviewer decided and why, and what the
finding said, for a person reading the file). Readers that predate `decisions` ignore it, so the
schema stays version 1.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from langcheck.model import Finding, ReleaseReport, Report

SCHEMA = "langcheck-baseline/1"
# What a reviewer can decide about a finding in the HTML report (an undecided one is "open").
STATES = ("accepted", "false-positive")


class BaselineError(ValueError):
    """A baseline file that is not one: the message is one line, `"<file>:<line>: <problem>"`."""


@dataclass(frozen=True)
class Decision:
    """A reviewer's verdict on one known finding: `state` is one of STATES; `comment` may be ""."""

    state: str
    comment: str = ""
    rule: str = ""
    lang: str = ""
    message: str = ""


def fingerprint(release_path: str, finding: Finding) -> str:
    name = PurePath(release_path.replace("\\", "/")).name
    return hashlib.sha256(f"{name}|{finding.fingerprint_content}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


def baseline_json(report: Report) -> str:
    """The baseline file's text for everything `report` found."""
    return baseline_text(fp for r in report.releases for fp in fingerprints(r))


def fingerprints(release_report: ReleaseReport) -> set[str]:
    """The fingerprints of everything one release's report found (a run gathers them as it goes)."""
    return {fingerprint(release_report.release.path, f) for f in release_report.findings}


def baseline_text(prints: Iterable[str], decisions: dict[str, Decision] | None = None) -> str:
    """The baseline file's text for these fingerprints (and, from a review, the decisions on them;
    the HTML report's script writes the same shape)."""
    data: dict[str, object] = {"schema": SCHEMA, "fingerprints": sorted(set(prints))}
    if decisions:
        data["decisions"] = {fp: {"state": d.state, "comment": d.comment, "rule": d.rule, "lang": d.lang,
                                  "message": d.message} for fp, d in sorted(decisions.items())}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def parse_baseline(text: str, path: str) -> frozenset[str]:
    """The fingerprints of a baseline file's text; BaselineError when it is not one."""
    return frozenset(_parse(text, path)["fingerprints"])


def parse_decisions(text: str, path: str) -> dict[str, Decision]:
    """The reviewer's decisions in a baseline file's text (empty for a file `--write-baseline`
    wrote); BaselineError when it is not a baseline or a decision is malformed."""
    return _decisions(_parse(text, path))


def _decisions(data: dict) -> dict[str, Decision]:
    return {fp: Decision(**{k: v for k, v in entry.items() if k in _DECISION_FIELDS})
            for fp, entry in data.get("decisions", {}).items()}


_DECISION_FIELDS = ("state", "comment", "rule", "lang", "message")


def _parse(text: str, path: str) -> dict:
    """The baseline's JSON object, checked: fingerprints are strings, decisions (optional) map a
    string to an object whose state is one of STATES and whose other fields are strings."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: not a langcheck baseline (invalid JSON: {exc.msg})") from None
    except (ValueError, RecursionError) as exc:  # digits past Python's limit, nesting past the stack
        raise BaselineError(f"{path}:1: not a langcheck baseline ({type(exc).__name__})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("fingerprints"), list):
        raise BaselineError(f"{path}:1: not a langcheck baseline (expected schema {SCHEMA})")
    prints = data["fingerprints"]
    if not all(isinstance(p, str) for p in prints):
        raise BaselineError(f"{path}:1: not a langcheck baseline (fingerprints must be strings)")
    decisions = data.get("decisions", {})
    if not isinstance(decisions, dict):
        raise BaselineError(f"{path}:1: not a langcheck baseline (decisions must be an object)")
    for fp, entry in decisions.items():
        if not isinstance(entry, dict) or entry.get("state") not in STATES:
            raise BaselineError(f"{path}:1: not a langcheck baseline (decision {fp[:40]!r}: state must be one of "
                                f"{', '.join(STATES)})")
        if not all(isinstance(entry.get(k, ""), str) for k in _DECISION_FIELDS):
            raise BaselineError(f"{path}:1: not a langcheck baseline (decision {fp[:40]!r}: fields must be strings)")
    return data


def read_baseline(path: str | Path, max_file_bytes: int) -> frozenset[str]:
    """The fingerprints of the baseline file at `path` (read bounded by `max_file_bytes`, as
    UTF-8); BaselineError naming the file when it cannot be read or is not a baseline."""
    return parse_baseline(_read_text(path, max_file_bytes), str(path))


def read_review(path: str | Path, max_file_bytes: int) -> tuple[frozenset[str], dict[str, Decision]]:
    """The fingerprints and the reviewer's decisions of the baseline file at `path`, read once:
    a run that rewrites the baseline (`--write-baseline`) keeps the decisions on what it still finds."""
    data = _parse(_read_text(path, max_file_bytes), str(path))
    return frozenset(data["fingerprints"]), _decisions(data)


def _read_text(path: str | Path, max_file_bytes: int) -> str:
    from langcheck.load.errors import InputError
    from langcheck.load.files import read_bounded

    try:
        return read_bounded(path, max_file_bytes).decode("utf-8")
    except InputError as exc:
        if exc.problem == "no such file":
            raise BaselineError(str(exc)) from None
        raise BaselineError(f"{path}: cannot read ({exc.problem})") from None
    except UnicodeDecodeError as exc:
        raise BaselineError(f"{path}: cannot read (not UTF-8 text at byte {exc.start})") from None


def without_known(report: Report, known: frozenset[str]) -> Report:
    """`report` less the findings whose fingerprints are in `known`."""
    return replace(report, releases=tuple(release_without_known(r, known) for r in report.releases))


def release_without_known(release_report: ReleaseReport, known: frozenset[str]) -> ReleaseReport:
    """One release's report less the findings whose fingerprints are in `known`."""
    path = release_report.release.path
    return replace(release_report, findings=tuple(f for f in release_report.findings if fingerprint(path, f) not in known))


__all__ = ["BaselineError", "Decision", "STATES", "parse_decisions", "fingerprint", "fingerprints", "baseline_json", "baseline_text", "parse_baseline", "read_baseline", "read_review",
           "without_known", "release_without_known", "ReleaseReport"]
