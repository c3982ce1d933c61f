"""JSON and SARIF reports of two source trees, byte for byte, on the samples and a generated archive.

    .venv/bin/python benchmarks/compare_outputs.py --baseline-src OLD/src [--releases 60] [--result-cache]

A change that is only meant to be faster (or to move code) must not change a report. This runs
`langcheck check` with the baseline tree and with this checkout on every sample release (the clean
ones, the defects and the variants: each as its own run) and on an archive generated as
bench_archive.py generates it, in JSON and in SARIF, on one shared embedding cache (so the model
runs once per text), and prints each pair that differs with the first differing line. Exit status
1 when any pair differs.

This checkout's run is a miss of its result cache (`langcheck.result_cache`: the table is emptied
before it). With --result-cache it is then run again, answered from the stored results, and
that report must be the baseline's too.
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_archive import generate
from bench_check import forget_results

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("json", "sarif")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-src", type=Path, required=True, help="an earlier checkout's src/")
    parser.add_argument("--releases", type=int, default=60, help="releases in the generated archive")
    parser.add_argument("--result-cache", action="store_true", help="also compare this checkout's result-cache hit")
    args = parser.parse_args()
    trees = {"baseline": str(args.baseline_src.resolve()), "this": str(ROOT / "src")}
    runs = ["this", "this, results cached"] if args.result_cache else ["this"]
    with tempfile.TemporaryDirectory(prefix="langcheck-compare-") as work:
        archive = Path(work) / "archive"
        generate(archive, args.releases)
        samples = ROOT / "samples"
        groups = ("defects", "variants")
        targets = [p for p in sorted(samples.iterdir()) if p.is_dir() and p.name not in groups]
        targets += [p for group in groups for p in sorted((samples / group).iterdir()) if p.is_dir()]
        targets.append(archive)
        cache = Path(work) / "cache"
        differ = 0
        for target in targets:
            for fmt in FORMATS:
                outputs = {"baseline": report(target, fmt, cache, trees["baseline"])}
                forget_results(cache)
                for run in runs:  # a miss, then (--result-cache) the hit of what it stored
                    outputs[run] = report(target, fmt, cache, trees["this"])
                label = target.relative_to(ROOT) if target.is_relative_to(ROOT) else f"generated archive ({args.releases} releases)"
                for run in runs:
                    same = outputs["baseline"] == outputs[run]
                    differ += not same
                    print(f"{'same' if same else 'DIFFERENT':<9} {fmt:<5} {label}{'' if run == 'this' else ' (results cached)'}",
                          flush=True)
                    if not same:
                        lines = difflib.unified_diff(outputs["baseline"].decode().splitlines(),
                                                     outputs[run].decode().splitlines(), lineterm="", n=0)
                        first = next((d for d in lines if d[:3] not in ("---", "+++") and not d.startswith("@@")), "")
                        print("          ", first)
        print(f"{differ} of {len(targets) * len(FORMATS) * len(runs)} reports differ")
    sys.exit(1 if differ else 0)


def report(target: Path, fmt: str, cache: Path, src: str) -> bytes:
    done = subprocess.run([sys.executable, "-m", "langcheck.cli", "check", str(target), "-f", fmt, "--cache-dir", str(cache)],
                          cwd=ROOT, env=dict(os.environ, PYTHONPATH=src), capture_output=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{target} ({fmt}, {src}): exit {done.returncode}: {done.stderr.decode()[-1000:]}")
    return done.stdout


if __name__ == "__main__":
    main()
