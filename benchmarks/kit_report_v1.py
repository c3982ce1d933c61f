"""Run langcheck for the NTREX kit's scorer, adding the v1 `paragraph` key it reads.

    python benchmarks/kit_report_v1.py check TREE --format json ...

The kit's evaluate.py was written against report schema 1, whose findings carried a 0-based
`paragraph`. Schema 2 names the 1-based `paragraph_number` instead; without this adapter the
scorer's "same paragraph" test would see no paragraph and pass every finding, so strict recall
would be measured leniently. The adapter only adds the old key beside the new one (index =
number - 1) in the JSON on stdout; every other byte of the run (exit status, stderr) is langcheck's.
"""

from __future__ import annotations

import json
import subprocess
import sys


def _add_index(finding: dict) -> None:
    number = finding.get("paragraph_number")
    finding["paragraph"] = number - 1 if isinstance(number, int) else None
    for related in finding.get("related") or []:
        if isinstance(related, dict):
            _add_index(related)


def main() -> int:
    result = subprocess.run([sys.executable, "-m", "langcheck.cli", *sys.argv[1:]], capture_output=True, text=True)
    sys.stderr.write(result.stderr)
    try:
        report = json.loads(result.stdout)
    except ValueError:
        sys.stdout.write(result.stdout)
        return result.returncode
    for release in report.get("releases", []) if isinstance(report, dict) else []:
        for finding in release.get("findings", []):
            _add_index(finding)
    if isinstance(report, dict):
        for finding in report.get("findings", []):
            _add_index(finding)
    json.dump(report, sys.stdout, ensure_ascii=False)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
