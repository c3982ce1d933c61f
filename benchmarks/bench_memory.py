"""Peak memory of a whole-archive check against an earlier tree, in the same run: does it stay flat?

    .venv/bin/python benchmarks/bench_memory.py --baseline-src OLD/src [--releases 500,2000] [--jobs 2]

The archive is the sample releases (clean ones, defects and variants, so there are findings to
report) copied over and over into `NNNNN-name` folders: the texts repeat, so after one warming run
every text is in the embedding cache and each run measures the check and its reports, not the
model. Each run is `langcheck check ARCHIVE --jobs N -f json -o FILE --report sarif:FILE` in a
fresh process with the tree's `src` first on PYTHONPATH; peak memory is sampled every 100 ms over
the process and its workers (`bench_archive.sample_tree_rss`: sums of RSS and of PSS, MB). Both
trees must write byte-identical JSON and SARIF; the script says so.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_archive import sample_tree_rss  # noqa: E402
from bench_check import machine  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-src", type=Path, help="an earlier checkout's src/ (default: only this tree)")
    parser.add_argument("--releases", default="500,2000", help="archive sizes, comma-separated")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    trees = {"this": str(ROOT / "src")}
    if args.baseline_src:
        trees = {"baseline": str(args.baseline_src.resolve()), **trees}
    print(machine())
    rows = []
    with tempfile.TemporaryDirectory(prefix="langcheck-memory-") as work:
        cache = Path(work) / "cache"
        for count in (int(n) for n in args.releases.split(",")):
            archive = Path(work) / f"archive-{count}"
            copy_samples(archive, count)
            # Warm the cache (and the prepared models) once; not measured.
            measure(trees["this"], archive, cache, args.jobs, Path(work) / "warm")
            digests = {}
            for name, src in trees.items():
                out = Path(work) / f"{name}-{count}"
                seconds, (rss, pss) = measure(src, archive, cache, args.jobs, out)
                digests[name] = (digest(out.with_suffix(".json")), digest(out.with_suffix(".sarif")))
                rows.append((name, count, args.jobs, seconds, rss, pss))
                print(f"{name:<9} {count:>6} releases  jobs {args.jobs}  {seconds:6.1f} s  "
                      f"peak RSS {rss:7.1f} MB  peak PSS {pss:7.1f} MB", flush=True)
            if len(digests) > 1:
                same = len(set(digests.values())) == 1
                print(f"JSON and SARIF identical across trees ({count} releases): {'yes' if same else 'NO'}")
    print()
    print("| tree | releases | jobs | seconds | peak RSS MB (sum) | peak PSS MB (sum) |")
    print("|---|---|---|---|---|---|")
    for name, count, jobs, seconds, rss, pss in rows:
        print(f"| {name} | {count} | {jobs} | {seconds:.1f} | {rss:.0f} | {pss:.0f} |")


def copy_samples(archive: Path, count: int) -> None:
    samples = ROOT / "samples"
    groups = ("defects", "variants")
    bases = [p for p in sorted(samples.iterdir()) if p.is_dir() and p.name not in groups]
    bases += [p for group in groups for p in sorted((samples / group).iterdir()) if p.is_dir()]
    for k in range(count):
        base = bases[k % len(bases)]
        shutil.copytree(base, archive / f"{k:05d}-{base.name}", ignore=shutil.ignore_patterns("expected.yaml"))


def measure(src: str, archive: Path, cache: Path, jobs: int, out: Path) -> tuple[float, tuple[float, float]]:
    """Seconds and peak (RSS sum, PSS sum; MB) of one check writing `out`.json and `out`.sarif."""
    command = [sys.executable, "-m", "langcheck.cli", "check", str(archive), "--jobs", str(jobs),
               "--cache-dir", str(cache), "-f", "json", "-o", str(out.with_suffix(".json")),
               "--report", f"sarif:{out.with_suffix('.sarif')}"]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=dict(os.environ, PYTHONPATH=src),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0.0, 0.0]
    sampler = threading.Thread(target=sample_tree_rss, args=(process, peak), daemon=True)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode not in (0, 1, 2):  # 2: a sample that is meant not to load
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {err.decode()[-2000:]}")
    return seconds, (peak[0], peak[1])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


if __name__ == "__main__":
    main()
