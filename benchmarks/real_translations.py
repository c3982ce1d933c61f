"""Real translations: false alarms and recall on the NTREX-128 dev kit, for this checkout.

    .venv/bin/python benchmarks/real_translations.py [--kit ../shared/benchmarks/ntrex-dev] [--seeds 7,11,23]

A thin wrapper around the kit's own scorer (`run.sh SEED` per seed, then `pool.py`), so the
figures are exactly the kit's: false alarms on the 69 clean releases (every error or warning),
and strict recall per operation and language on the defects injected into copies of them. The
corpus stays in the kit (CC BY-SA, outside this repository); nothing of it is copied here.

langcheck is run from this checkout's `src/` (PYTHONPATH first), with the interpreter running
this script (through kit_report_v1.py, which gives the scorer the schema-1 paragraph key), so an uninstalled working tree is measured as it is. Per seed, the summary goes to
stdout; the kit's full tables (alarms with likely causes, every miss) stay in
`WORK/out-seedN/results.md`. The last lines are the pooled figures and the issue's targets.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_KIT = ROOT.parent / "shared" / "benchmarks" / "ntrex-dev"
TARGETS = "targets: <= 0.3 false alarms per clean release, >= 80% of releases at zero; strict recall >= 90%; every op >= 80%, name and acronym >= 85%"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kit", type=Path, default=DEFAULT_KIT, help="the ntrex-dev kit folder")
    parser.add_argument("--seeds", default="7,11,23", help="comma-separated case seeds (default 7,11,23)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "langcheck-ntrex")
    parser.add_argument("--extra", default="", help="extra langcheck options, e.g. '--source en'")
    args = parser.parse_args()
    if not (args.kit / "run.sh").is_file():
        print(f"real_translations: no kit at {args.kit} (pass --kit)", file=sys.stderr)
        return 2
    # The kit calls langcheck as a command; run this checkout's code with this interpreter.
    # Through kit_report_v1.py, which adds the schema-1 `paragraph` key the kit's scorer reads.
    adapter = ROOT / "benchmarks" / "kit_report_v1.py"
    command = f"env PYTHONPATH={shlex.quote(str(ROOT / 'src'))} {shlex.quote(sys.executable)} {shlex.quote(str(adapter))}"
    env = dict(os.environ, LANGCHECK=command, WORK=str(args.work), CACHE=os.environ.get("CACHE") or str(args.work / "cache"), EXTRA=args.extra)
    outs = []
    for seed in [s.strip() for s in args.seeds.split(",") if s.strip()]:
        result = subprocess.run(["bash", str(args.kit / "run.sh"), seed], env=env, capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stderr[-2000:], file=sys.stderr)
            return result.returncode
        print(f"## seed {seed}\n\n{result.stdout.strip()}\n")
        outs.append(args.work / f"out-seed{seed}")
    pooled = subprocess.run([sys.executable, str(args.kit / "pool.py"), *map(str, outs)], capture_output=True, text=True, check=True)
    print(pooled.stdout.strip())
    summary = json.loads((outs[0] / "results.json").read_text(encoding="utf-8"))["summary"]
    cases = [c for out in outs for c in json.loads((out / "results.json").read_text(encoding="utf-8"))["cases"]]
    found = sum(c["strict"] for c in cases)
    releases, alarms, zero = summary["clean_releases"], summary["clean_alarms"], summary["clean_zero"]
    print(
        f"\npooled: false alarms {alarms} on {releases} clean releases ({alarms / releases:.2f} per release, "
        f"{zero / releases:.0%} at zero), recall {found}/{len(cases)} strict ({found / len(cases):.1%})"
    )
    print(TARGETS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
