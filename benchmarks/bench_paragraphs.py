"""Time `langcheck check` on one release of N tiny paragraphs per version (issue 12, item 6).

    PYTHONPATH=src python benchmarks/bench_paragraphs.py 1000 5000 20000 200000

Each row is one `langcheck check DIR --no-cache -f json` process with the bundled model: its
wall time, peak RSS and exit status. Documents over `langcheck.load.MAX_PARAGRAPHS` are refused
(exit 2), so the 20k and 200k rows measure how fast that refusal comes.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(counts: list[int]) -> None:
    print("| paragraphs per version | file size (en) | exit | time | peak RSS |")
    print("|---:|---:|---:|---:|---:|")
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            release = Path(tmp) / "release"
            release.mkdir()
            (release / "en.txt").write_text("".join(f"Item {i} of the list.\n\n" for i in range(count)))
            (release / "fr.txt").write_text("".join(f"Point {i} de la liste.\n\n" for i in range(count)))
            size = (release / "en.txt").stat().st_size
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "langcheck.cli", "check", str(release), "--no-cache", "-f", "json"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            elapsed = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"| {count:,} | {size / 1e6:.2f} MB | {done.returncode} | {elapsed:.1f} s | {peak:.0f} MB |", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000, 20000, 200000])
