"""What fact extraction costs per paragraph, by recogniser, next to a baseline checkout.

    .venv/bin/python benchmarks/bench_extract.py [TREE] [--baseline-src OLD/src] [--repeat 3]

TREE is a release or a tree of releases (default `samples/`; the NTREX kit's `releases/` is a
good real-text load). Every paragraph of every version is loaded once, then `extract_facts` runs
over all of them under cProfile. Each module of `langcheck.extract` is charged with its own
functions' time plus the whole time of the library calls they make (regex matching, fuzzy
matching, dictionaries), and the whole call is also timed without the profiler. With
`--baseline-src`, the same measurement runs in a second process with that source tree first on
the path (e.g. a `git worktree` of an earlier commit), and the two columns are printed side by
side. Times are microseconds per paragraph, the median of --repeat.

`--first` adds what the first release of TREE costs to extract in a new process (CPU time,
milliseconds, median of --repeat processes): once with an empty prepared folder (a cold
cache: every table pattern compiled, every word list read and prepared) and once with the
folder that run left (what every later process pays), for each tree.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(tree: Path, repeat: int) -> dict[str, float]:
    from langcheck.config import load_config
    from langcheck.extract import extract_facts
    from langcheck.load import InputError, find_releases, load_release
    from langcheck.pipeline import _load_glossary

    config = load_config(None)
    glossary = _load_glossary(config)
    paragraphs = []
    for folder in find_releases(tree):
        if isinstance(folder, InputError):
            continue
        try:
            release = load_release(folder, config.languages)
        except InputError:
            continue
        paragraphs.extend((p.text, lang) for lang, doc in release.documents.items() for p in doc.paragraphs)
    for text, lang in paragraphs[:50]:  # compile the per-language tables before timing
        extract_facts(text, lang, glossary)
    wall = []
    for _ in range(repeat):
        start = time.perf_counter()
        for text, lang in paragraphs:
            extract_facts(text + " ", lang, glossary)  # a new string: no per-text cache answers
        wall.append(time.perf_counter() - start)
    profile = cProfile.Profile()
    profile.enable()
    for text, lang in paragraphs:
        extract_facts(text + "  ", lang, glossary)
    profile.disable()
    # A module's time: its own functions' time, plus the whole time of what they call outside
    # langcheck (regex matching, rapidfuzz, dictionaries), which cProfile books elsewhere.
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    by_module: dict[str, float] = {}
    for (file, _, _), (_, _, tottime, _, callers) in stats.items():
        module = _extract_module(file)
        if module is not None:
            by_module[module] = by_module.get(module, 0.0) + tottime
            continue
        if "langcheck" in Path(file).parts:
            continue
        for (caller_file, _, _), (_, _, _, cumtime) in callers.items():
            caller = _extract_module(caller_file)
            if caller is not None:
                by_module[caller] = by_module.get(caller, 0.0) + cumtime
    n = max(len(paragraphs), 1)
    total_profiled = sum(by_module.values())
    out = {"paragraphs": float(len(paragraphs)), "extract_facts (wall)": statistics.median(wall) / n * 1e6}
    # Profiled module times are scaled to the unprofiled wall time, so the column adds up.
    scale = out["extract_facts (wall)"] / (total_profiled / n * 1e6) if total_profiled else 0.0
    for name, seconds in sorted(by_module.items()):
        out[name] = seconds / n * 1e6 * min(scale, 1.0)
    return out


def first_release(tree: Path, prepared: Path) -> float:
    """CPU milliseconds to extract every paragraph of the first release of `tree`, in this new
    process, with `prepared` as the patterns' and word lists' prepared folder."""
    from langcheck.config import load_config
    from langcheck.extract import extract_facts, patterns, word_frequency
    from langcheck.load import find_releases, load_release
    from langcheck.pipeline import _load_glossary

    config = load_config(None)
    glossary = _load_glossary(config)
    folder = next(f for f in find_releases(tree) if isinstance(f, Path))
    release = load_release(folder, config.languages)
    patterns.use_prepared_dir(prepared)
    word_frequency.use_prepared_dir(prepared)
    start = time.process_time()
    for lang, doc in release.documents.items():
        for p in doc.paragraphs:
            extract_facts(p.text, lang, glossary)
    return (time.process_time() - start) * 1e3


def _first_release_rows(tree: str, src: str | None, repeat: int) -> dict[str, float]:
    import tempfile

    env = dict(os.environ, PYTHONPATH=src) if src else dict(os.environ)
    cold, prepared = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="bench-extract-") as folder:
            for out in (cold, prepared):  # the first run leaves the prepared copies
                child = subprocess.run([sys.executable, __file__, tree, "--first-in", folder],
                                       env=env, capture_output=True, text=True, check=True)
                out.append(float(child.stdout.strip().splitlines()[-1]))
    return {"first release, empty cache (ms)": statistics.median(cold),
            "first release, prepared (ms)": statistics.median(prepared)}


def _extract_module(file: str) -> str | None:
    parts = Path(file).parts
    return f"extract/{Path(file).name}" if "langcheck" in parts and "extract" in parts else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", nargs="?", default=str(ROOT / "samples"))
    parser.add_argument("--baseline-src", type=Path, help="an earlier checkout's src/ to compare with")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--first", action="store_true", help="also the first release's cost in a new process")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # the child process's output
    parser.add_argument("--first-in", type=Path, help=argparse.SUPPRESS)  # a child: one first release
    args = parser.parse_args()
    if args.first_in is not None:
        print(first_release(Path(args.tree), args.first_in))
        return
    current = measure(Path(args.tree), args.repeat)
    if args.json:
        print(json.dumps(current))
        return
    columns = {"this checkout": current}
    if args.baseline_src:
        env = dict(os.environ, PYTHONPATH=str(args.baseline_src.resolve()))
        child = subprocess.run(
            [sys.executable, __file__, args.tree, "--repeat", str(args.repeat), "--json"],
            env=env, capture_output=True, text=True, check=True,
        )
        columns = {"baseline": json.loads(child.stdout.strip().splitlines()[-1]), **columns}
    names = list(dict.fromkeys(k for col in columns.values() for k in col))
    width = max(len(k) for k in names)
    print(f"{args.tree}: {int(current['paragraphs'])} paragraphs; microseconds per paragraph")
    print(f"{'':<{width}}  " + "  ".join(f"{c:>14}" for c in columns))
    for name in names[1:]:
        cells = [f"{col[name]:>14.1f}" if name in col else f"{'-':>14}" for col in columns.values()]
        print(f"{name:<{width}}  " + "  ".join(cells))
    if args.first:
        srcs = {"baseline": str(args.baseline_src.resolve()) if args.baseline_src else None, "this checkout": str(ROOT / "src")}
        firsts = {name: _first_release_rows(args.tree, srcs[name], args.repeat) for name in columns}
        print(f"{args.tree}: first release in a new process; CPU milliseconds")
        for name in next(iter(firsts.values())):
            print(f"{name:<{width}}  " + "  ".join(f"{col[name]:>14.1f}" for col in firsts.values()))


if __name__ == "__main__":
    main()
