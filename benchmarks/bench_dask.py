"""The Dask executor against `--jobs 2`, on the same generated archive, in one run (issue 14 item 5).

    PYTHONPATH=src .venv/bin/python benchmarks/bench_dask.py [--releases 500] [--workers 2] [--noop-tasks 2000]
                                                             [--batch 1,10] [--keep DIR]

What it runs, in this order, all on one archive (`bench_archive.generate`: every text unique to
its release, five versions, three loaders):

1. `langcheck check ARCHIVE --jobs 2` on an empty cache (cold: the model runs), which fills cache A.
2. A `distributed.LocalCluster` of `--workers` worker processes, one thread each, started here
   (the scheduler runs in this process). `langcheck check ARCHIVE --executor dask --scheduler ADDR`
   on an empty cache B (cold, fresh workers: each loads langcheck and the model).
3. Warm, twice, alternated: `--jobs 2` on cache A, Dask on cache B (the workers keep their
   Session between runs: a long-lived cluster's steady state).
4. The workers restarted (`Client.restart`), then Dask once more on cache B: warm cache, fresh
   workers - what one CLI run against a new cluster costs, the fair twin of `--jobs 2`, whose
   workers start with every run.
5. The scheduler's cost per task: `--noop-tasks` tasks that carry a real task's arguments and
   return nothing, submitted with langcheck's own bounded look-ahead (`batch._in_order`).
6. Releases per task (`--batch`): the warm workers check the archive with K releases per task,
   submitted from here, to see whether batching pays.
7. What travels over the wire per release: the task's arguments (folder path, Config, root,
   required versions) and the ReleaseReport that comes back, pickled as Dask pickles them
   (`distributed.protocol.pickle`), over 60 releases spread across the archive.

For every CLI run: wall seconds, releases/s, CPU seconds (the CLI process and its pool workers,
from `getrusage(RUSAGE_CHILDREN)`; for Dask, the workers' own `cpu_times()` deltas are added),
CPU milliseconds per release, and peak PSS (summed over the CLI process, its children and the
Dask workers, psutil, every 100 ms). All reports must be byte-identical; the script says so.
The last block is the arithmetic for a 100,000-release archive from the measured figures.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_archive import digest, generate  # noqa: E402
from bench_check import machine  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SRC = str(ROOT / "src")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--noop-tasks", type=int, default=2000)
    parser.add_argument("--batch", default="1,10", help="releases per task for step 6 (comma-separated)")
    parser.add_argument("--keep", help="generate the archive into this folder and keep it")
    args = parser.parse_args()
    # The workers (spawned processes) and the CLI runs import this checkout's langcheck.
    os.environ["PYTHONPATH"] = SRC + os.pathsep + os.environ.get("PYTHONPATH", "")
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    sys.path.insert(0, SRC)
    import distributed

    print(machine())
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    work = Path(args.keep or tempfile.mkdtemp(prefix="langcheck-dask-"))
    rows: list[tuple] = []
    reports: dict[str, str] = {}
    try:
        archive = work / "archive"
        start = time.perf_counter()
        generate(archive, args.releases)
        print(f"generated {args.releases} releases x 5 versions in {time.perf_counter() - start:.1f} s")
        cache_a, cache_b = work / "cache-pool", work / "cache-dask"

        def pool_run(state: str) -> None:
            out = work / f"pool-{len(rows)}.json"
            row = cli_run(f"--jobs {args.workers}", state, args.releases,
                          ["check", str(archive), "--jobs", str(args.workers), "--cache-dir", str(cache_a), "-f", "json", "-o", str(out)])
            rows.append(row)
            reports[f"{row[0]} {state} #{len(rows)}"] = digest(out)
            print(format_row(row), flush=True)

        pool_run("cold")
        with distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
                distributed.Client(cluster) as client:
            address = cluster.scheduler_address

            def dask_run(state: str) -> None:
                out = work / f"dask-{len(rows)}.json"
                row = cli_run(f"dask, {args.workers} workers", state, args.releases,
                              ["check", str(archive), "--executor", "dask", "--scheduler", address,
                               "--cache-dir", str(cache_b), "-f", "json", "-o", str(out)], client=client)
                rows.append(row)
                reports[f"{row[0]} {state} #{len(rows)}"] = digest(out)
                print(format_row(row), flush=True)

            dask_run("cold, fresh workers")
            for _ in range(2):
                pool_run("warm")
                dask_run("warm, warm workers")
            client.restart()
            dask_run("warm, fresh workers")
            worker_pss = max_worker_pss(client)
            overhead = noop_overhead(client, archive, cache_b, args.noop_tasks)
            batches = [batched(client, archive, cache_b, int(k)) for k in args.batch.split(",")]
        wire = wire_bytes(archive, cache_b, 60)
        same = len(set(reports.values())) == 1
        print(f"reports identical across all runs: {'yes' if same else 'NO: ' + str(reports)}")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print()
        print(markdown_table(rows))
        print()
        wall, here, there = overhead
        print(f"scheduler, per task ({args.noop_tasks} no-op tasks with a real task's arguments, "
              f"look-ahead {args.workers * 4}): {wall * 1000:.2f} ms wall per task ({1 / wall:.0f} tasks/s); "
              f"CPU {here * 1000:.2f} ms in the scheduler + client, {there * 1000:.2f} ms in the workers")
        for k, seconds in batches:
            print(f"releases per task {k:>3}: {args.releases / seconds:6.1f} releases/s (warm workers, warm cache)")
        print(f"wire per release (mean of 60, pickled): in {wire['in']:.0f} B (Config {wire['config']:.0f} B), "
              f"out {wire['out']:.0f} B (ReleaseReport without text; max {wire['out_max']:.0f} B), "
              f"{wire['out_text']:.0f} B with the documents' text (an HTML run)")
        print(f"peak PSS of one Dask worker after the runs: {worker_pss:.0f} MB")
        print()
        print(estimate(rows, overhead, wire, worker_pss, args.workers))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def cli_run(label: str, state: str, count: int, args: list[str], client: Any = None) -> tuple:
    """(label, state, releases, wall s, CPU s, peak PSS MB, CPU of the CLI process and its
    children s, CPU of the Dask workers s) of one `langcheck` process."""
    worker_cpu = workers_cpu(client) if client is not None else 0.0
    worker_pids = list(client.run(os.getpid).values()) if client is not None else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "langcheck.cli", *args], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0.0]
    sampler = threading.Thread(target=sample_pss, args=(process, worker_pids, peak), daemon=True)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"langcheck {' '.join(args)} failed ({process.returncode}): {err.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    on_workers = workers_cpu(client) - worker_cpu if client is not None else 0.0
    return (label, state, count, seconds, cpu + on_workers, peak[0], cpu, on_workers)


def workers_cpu(client: Any) -> float:
    def own() -> float:
        import psutil

        times = psutil.Process().cpu_times()
        return times.user + times.system

    return sum(client.run(own).values())


def max_worker_pss(client: Any) -> float:
    def own() -> float:
        import psutil

        info = psutil.Process().memory_full_info()
        return getattr(info, "pss", info.rss) / 1e6

    return max(client.run(own).values())


def sample_pss(process: subprocess.Popen, extra: list[int], peak: list[float]) -> None:
    import psutil

    try:
        root = psutil.Process(process.pid)
        others = [psutil.Process(pid) for pid in extra]
        while process.poll() is None:
            total = 0
            for proc in [root, *root.children(recursive=True), *others]:
                try:
                    info = proc.memory_full_info()
                    total += getattr(info, "pss", info.rss)
                except psutil.Error:
                    pass
            peak[0] = max(peak[0], total / 1e6)
            time.sleep(0.1)
    except psutil.Error:
        pass


def _noop(folder: str, config: Any, root: str, required: Any) -> None:
    return None


def noop_overhead(client: Any, archive: Path, cache: Path, count: int) -> tuple[float, float, float]:
    """Seconds per task for `count` no-op tasks carrying a real task's arguments: wall, CPU of
    this process (the scheduler and the client), CPU of the workers; the best of two rounds.
    CPU is what a loaded machine does not inflate much; wall is the round trip's latency."""
    from langcheck.batch import _in_order, release_folders
    from langcheck.config import load_config

    config = load_config(None, cache_dir=str(cache))
    folders, _ = release_folders(archive, config.exclude)
    ahead = sum(client.nthreads().values())
    items = [folders[i % len(folders)] for i in range(count)]
    runs = []
    for _ in range(2):
        on_workers = workers_cpu(client)
        start, start_cpu = time.perf_counter(), time.process_time()
        for _ in _in_order(items, lambda f: client.submit(_noop, str(f), config, str(archive), None, pure=False), ahead):
            pass
        runs.append(((time.perf_counter() - start) / count, (time.process_time() - start_cpu) / count,
                     (workers_cpu(client) - on_workers) / count))
    return min(runs)


def _check_many(folders: list[str], config: Any, root: str) -> list[Any]:
    from langcheck.batch import _check_on_dask_worker

    return [_check_on_dask_worker(folder, config, root) for folder in folders]


def batched(client: Any, archive: Path, cache: Path, per_task: int) -> tuple[int, float]:
    """Seconds to check the archive on the warm workers with `per_task` releases per task."""
    from langcheck.batch import _in_order, release_folders
    from langcheck.config import load_config

    config = load_config(None, cache_dir=str(cache))
    folders, _ = release_folders(archive, config.exclude)
    chunks = [[str(f) for f in folders[i:i + per_task]] for i in range(0, len(folders), per_task)]
    ahead = sum(client.nthreads().values())
    start = time.perf_counter()
    for _ in _in_order(chunks, lambda c: client.submit(_check_many, c, config, str(archive), pure=False), ahead):
        pass
    return per_task, time.perf_counter() - start


def wire_bytes(archive: Path, cache: Path, count: int) -> dict[str, float]:
    """Mean pickled bytes of a task's arguments and of the report it returns (Dask's pickle):
    `out` without the documents' text (what a worker sends unless the run writes HTML),
    `out_text` with it."""
    from distributed.protocol import pickle

    from langcheck.batch import release_folders, required_versions_for
    from langcheck.config import load_config
    from langcheck.pipeline import Session

    config = load_config(None, cache_dir=str(cache))
    folders, _ = release_folders(archive, config.exclude)
    required = required_versions_for(folders, config)
    session = Session(config)
    ins, outs, texts = [], [], []
    try:
        for folder in folders[::max(1, len(folders) // count)][:count]:  # every base release
            ins.append(len(pickle.dumps((str(folder), config, str(archive), required.get(folder)))))
            report = session.check_folder(folder, root=str(archive), required=required.get(folder))
            outs.append(len(pickle.dumps(report.without_text())))
            texts.append(len(pickle.dumps(report)))
    finally:
        session.close()
    return {"in": statistics.mean(ins), "config": len(pickle.dumps(config)),
            "out": statistics.mean(outs), "out_max": max(outs), "out_text": statistics.mean(texts)}


def estimate(rows: list[tuple], overhead: tuple[float, float, float], wire: dict[str, float], worker_pss: float, workers: int) -> str:
    """The 100,000-release arithmetic from this run's Dask rows."""
    def per_release_cpu(state: str) -> float:
        found = [row[4] / row[2] for row in rows if row[0].startswith("dask") and row[1].startswith(state)]
        return min(found)

    cold, warm = per_release_cpu("cold"), per_release_cpu("warm, warm")
    overhead = overhead[1] + overhead[2]  # CPU per task, scheduler + client + worker
    n = 100_000
    lines = ["100,000 releases (from the Dask rows above: CPU of workers + client, per release):"]
    for name, cpu in (("cold (model runs)", cold), ("warm (all embeddings cached)", warm)):
        lines.append(f"  {name}: {cpu:.3f} core-s/release x {n:,} = {cpu * n / 3600:.1f} core-hours; "
                     f"on 16 workers {cpu * n / 16 / 60:.0f} min, on 64 workers {cpu * n / 64 / 60:.1f} min")
    lines.append(f"  per-task overhead: {overhead * 1000:.2f} ms CPU/task x {n:,} tasks = {overhead * n:.0f} s "
                 f"({overhead / cold * 100:.1f}% of a cold release's CPU, {overhead / warm * 100:.1f}% of a warm one's)")
    lines.append(f"  wire: {wire['in'] * n / 1e6:.0f} MB in (task arguments) + {wire['out'] * n / 1e6:.0f} MB out "
                 f"(reports; {wire['out_text'] * n / 1e6:.0f} MB with text, for an HTML report)")
    lines.append(f"  memory: {worker_pss:.0f} MB PSS per worker process measured here (one thread each)")
    return "\n".join(lines)


def format_row(row: tuple) -> str:
    label, state, count, seconds, cpu, pss, here, workers = row
    return (f"{label:<18} {state:<20} {count} releases {seconds:7.1f} s {count / seconds:6.1f} releases/s "
            f"CPU {cpu:6.1f} s ({cpu / count * 1000:5.1f} ms/release; CLI process tree {here:.1f} s, "
            f"Dask workers {workers:.1f} s) peak PSS {pss:5.0f} MB")


def markdown_table(rows: list[tuple]) -> str:
    lines = ["| executor | cache, workers | releases | time | releases/s | CPU (CLI tree + Dask workers) | CPU per release | peak PSS, sum |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for label, state, count, seconds, cpu, pss, here, workers in rows:
        lines.append(f"| {label} | {state} | {count} | {seconds:.1f} s | {count / seconds:.1f} | {here:.1f} + {workers:.1f} s | "
                     f"{cpu / count * 1000:.0f} ms | {pss:.0f} MB |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
