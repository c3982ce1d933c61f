"""Which releases, and where each is checked: this process, a process pool (`jobs`) or a Dask
cluster (`executor="dask"`).

`release_folders(path, exclude)` finds the release folders under a checked path.
`check_releases(path, config, ...)` yields one outcome per release folder under `path` - a
ReleaseReport, or an InputError for a release that cannot be read - in the sorted order of the
folders, whatever order the workers finish in, so a parallel run reports exactly what a
single-process run reports. Outcomes stream: at most a few tasks per worker (one release each
on the pool, RELEASES_PER_DASK_TASK on Dask) are in flight or waiting, so memory stays flat
however large the archive.

Checking one release is `langcheck.pipeline`'s: each process (this one, or each worker) holds
its own `Session`, so the model is loaded once per process (lazily, on the first text not in
the cache), and the embedding cache is the process's own SQLite connection to the configured
cache folder (on a cluster: that folder on the worker's machine). This module never looks
inside a release.
"""

from __future__ import annotations

import collections
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from langcheck.config import Config
from langcheck.load import InputError, find_releases
from langcheck.model import ReleaseReport
from langcheck.pipeline import Session

log = logging.getLogger(__name__)

EXECUTORS = ("local", "dask")
# Releases submitted ahead per worker: enough to keep every worker busy while the parent
# renders, few enough that finished-but-unreported releases cannot pile up in memory.
AHEAD_PER_WORKER = 4
# Releases per Dask task: a task costs about 4 ms of the scheduler's CPU and 3 ms of the
# worker's (measured, docs/benchmarks.md), so one scheduler serves about 250 tasks/s: ten
# releases per task keep it ahead of many more workers (on 2 workers here: +18-24% under load,
# +1% quiet), and the last task of a run waits at most ten releases.
RELEASES_PER_DASK_TASK = 10

Outcome = ReleaseReport | InputError
Progress = Callable[[int, int], None]  # (releases done, releases in all)


def check_releases(
    path: str | Path,
    config: Config,
    *,
    jobs: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    progress: Progress | None = None,
    keep_text: bool = True,
) -> Iterator[Outcome]:
    """Outcomes for every release under `path`, in sorted folder order.

    `jobs` is the number of local worker processes (`executor="local"`; 1 runs in this
    process); with `executor="dask"`, `scheduler` is the address of a running Dask scheduler
    (e.g. "tcp://10.0.0.5:8786") and `jobs` bounds the releases in flight per worker thread.
    `progress(done, total)` is called after each release. A bad `path` itself raises InputError.
    `keep_text=False` drops the documents' text (`ReleaseReport.without_text`) where the release
    was checked, so a worker's report travels without it: about 1 kB a release on the wire or
    the pool's pipe instead of about 30 kB.
    """
    if executor not in EXECUTORS:
        raise ValueError(f"unknown executor '{executor}' (known: {', '.join(EXECUTORS)})")
    # The session (or, for workers, the glossary) comes before the folders, so a broken
    # glossary is the error reported whatever else is wrong, on every executor alike.
    here = Session(config) if executor == "local" and jobs <= 1 else None
    probe: Session | None = None
    try:
        if here is None:
            # Read in this process first: met in a worker's initializer, a bad glossary broke
            # the pool (an internal error) instead of being the user's error (exit 2) it is.
            # A session reads it as each worker's will (where the result cache does not know
            # that it loads), and tells whether the run's results are stored (_on_pool). A Dask
            # client keeps no cache (each worker has its own): it only reads the glossary.
            probe = Session(config.replace(cache=False) if executor == "dask" else config)
        folders, single = release_folders(path, config.exclude)
        required = required_versions_for(folders, config)
        total = len(folders)
        if executor == "dask":
            if not scheduler:
                raise ValueError("the dask executor needs a scheduler address (--scheduler tcp://HOST:8786)")
            probe.close()
            outcomes = _on_dask(folders, config, scheduler, str(path), required, keep_text)
        elif here is not None or total <= 1:
            here, probe = here or probe, None
            outcomes = _in_process(folders, here, single, str(path), required, keep_text)
        else:
            # A re-run whose first release is stored is most likely all stored: then the model
            # and the language identifier are not readied for workers that would not use them
            # (a worker that meets a miss loads them itself).
            first = next((f for f in folders if not isinstance(f, InputError)), None)
            ready = first is None or not probe.is_stored(first, str(path), required.get(first))
            probe.close()
            outcomes = _on_pool(folders, config, min(jobs, total), str(path), required, keep_text, ready=ready)
        for done, outcome in enumerate(outcomes, start=1):
            if progress is not None:
                progress(done, total)
            yield outcome
    finally:
        for session in (here, probe):
            if session is not None:
                session.close()


def release_folders(path: str | Path, exclude: Sequence[str] = ()) -> tuple[list[Path | InputError], bool]:
    """The release folders under `path` in sorted order (those matching no `exclude` pattern),
    and whether `path` is itself the one release (then a release that cannot be read is an
    error, not a failure). Folders that cannot be searched are InputError values in the list."""
    root = Path(path)
    folders = list(find_releases(root))
    if not folders:
        raise InputError(str(path), "no release found (no .txt, .md, .html, .docx or .xlf files named by language)")
    single = len(folders) == 1 and folders[0] == root
    kept = [f for f in folders if isinstance(f, InputError) or not _excluded(f, root, exclude)]
    if not kept:
        # Checking nothing is no pass: an `exclude` that matches everything must not exit 0.
        raise InputError(str(path), f"every release is excluded (exclude: {', '.join(exclude)})")
    return kept, single


Required = dict[Path, tuple[str, ...]]  # the versions each release must have (LC105)


def required_versions_for(folders: Sequence[Path | InputError], config: Config) -> Required:
    """The versions each release folder must have: `languages` when configured, else what most
    of the tree's other releases have (`langcheck.load.census`)."""
    from langcheck.load.census import required_versions

    return required_versions(folders, config.languages, configured=config.languages_configured)


def _excluded(folder: Path, root: Path, patterns: Sequence[str]) -> bool:
    if not patterns:
        return False
    try:
        relative = folder.relative_to(root).as_posix()
    except ValueError:
        relative = folder.as_posix()
    return any(Path(relative).match(p) or folder.name == p for p in patterns)


def _in_process(folders: list[Path | InputError], session: Session, single: bool, root: str,
                required: Required, keep_text: bool = True) -> Iterator[Outcome]:
    for folder in folders:
        if isinstance(folder, InputError):
            yield folder
            continue
        try:
            yield _sent(session.check_folder(folder, root=root, required=required.get(folder)), keep_text)
        except InputError as error:
            if single:
                raise
            yield error


def _on_pool(folders: list[Path | InputError], config: Config, jobs: int, root: str,
             required: Required, keep_text: bool = True, ready: bool = True) -> Iterator[Outcome]:
    # fork starts a worker in milliseconds with langcheck already imported; the parent has not
    # loaded a model and has closed its cache (each worker opens its own), and starts no threads
    # before the pool exists. `ready`: prepare the model's weights and share the language
    # identifier first (False where the results are stored: the workers would not use them).
    import multiprocessing  # with the pool only: a run in this process (a stored result) needs neither
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if ready:
        # Weights first: that also points the language identifier at its prepared copy.
        _prepare_model_weights(config)
        if method == "fork":
            _share_language_model(config)
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(config,)
    ) as pool:
        yield from _in_order(folders, lambda folder: pool.submit(_check_in_worker, str(folder), root, required.get(folder),
                                                                 keep_text), jobs)


def _share_language_model(config: Config) -> None:
    """Load the language identifier (80 MB of numpy arrays) once, before the workers fork, so
    they share its pages instead of each loading a copy. The embedding model is not loaded
    here: a run whose texts are all cached must not load it at all."""
    from langcheck.language import identify_language

    identify_language("language identification is loaded once for all workers", config.languages)


def _prepare_model_weights(config: Config) -> None:
    """Have the bundled model's prepared weights written once, before the workers start, so
    that every worker maps the same copy (and none decompresses the package's own)."""
    embedder = Session.embedder_for(config)
    prepare = getattr(embedder.embedder, "prepare", None)
    if prepare is not None:
        prepare()
    if embedder.cache is not None:
        embedder.cache.close()


def _on_dask(folders: list[Path | InputError], config: Config, scheduler: str, root: str,
             required: Required, keep_text: bool = True) -> Iterator[Outcome]:
    try:
        from distributed import Client
    except ImportError:
        raise ValueError("the dask executor needs Dask: pip install 'langcheck[dask]'") from None
    with Client(scheduler, set_as_default=False) as client:
        workers = max(1, sum(client.nthreads().values()))

        def submit(chunk: list[Path]) -> Any:
            # pure=False: a release is checked again on every run (its files may have changed).
            return client.submit(_check_many_on_dask_worker, [str(f) for f in chunk], config, root,
                                 [required.get(f) for f in chunk], keep_text, pure=False)

        for done in _in_order(_chunks(folders, RELEASES_PER_DASK_TASK), submit, workers):
            yield from done if isinstance(done, list) else (done,)


def _chunks(folders: Iterable[Path | InputError], size: int) -> Iterator[Any]:
    """Runs of up to `size` consecutive folders, in order; an InputError stands alone."""
    chunk: list[Path] = []
    for folder in folders:
        if isinstance(folder, InputError):
            if chunk:
                yield chunk
                chunk = []
            yield folder
            continue
        chunk.append(folder)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _in_order(folders: Iterable[Any], submit: Callable[[Any], Any], workers: int) -> Iterator[Any]:
    """Submit folders (or runs of folders) ahead, a bounded number at a time, and yield their
    outcomes in order; an InputError among them is passed through in its place."""
    pending: collections.deque[Any] = collections.deque()
    ahead = workers * AHEAD_PER_WORKER
    for folder in folders:
        pending.append(folder if isinstance(folder, InputError) else submit(folder))
        while len(pending) > ahead:
            yield _outcome(pending.popleft())
    while pending:
        yield _outcome(pending.popleft())


def _outcome(item: Any) -> Any:
    """The Outcome of a finished task, or a list of them for a task of several releases."""
    if isinstance(item, InputError):
        return item
    result = item.result()
    if isinstance(result, list):
        return [InputError(*r) if isinstance(r, tuple) else r for r in result]
    if isinstance(result, tuple):  # (path, problem): InputError itself does not pickle
        return InputError(*result)
    return result


# --- worker side -------------------------------------------------------------------------

_session = None


def _start_worker(config: Config) -> None:
    global _session
    # Workers are the parallelism: keep each one's numeric libraries to one thread.
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    _session = Session(config)


def _check_in_worker(folder: str, root: str | None = None, required: tuple[str, ...] | None = None,
                     keep_text: bool = True) -> ReleaseReport | tuple[str, str]:
    assert _session is not None, "worker started without _start_worker"
    try:
        return _sent(_session.check_folder(folder, root=root, required=required), keep_text)
    except InputError as error:
        return (error.path, error.problem)


def _sent(report: ReleaseReport, keep_text: bool) -> ReleaseReport:
    # The text is most of a pickled report (about 30 of 31 kB), and only HTML shows it.
    return report if keep_text else report.without_text()


# A Dask worker runs tasks in threads, and a Session's SQLite connection belongs to one thread:
# one Session per worker thread, kept for the latest config and glossary files (a worker may
# serve several runs).
_dask_local = threading.local()


def _check_on_dask_worker(folder: str, config: Config, root: str | None = None,
                          required: tuple[str, ...] | None = None, keep_text: bool = True) -> ReleaseReport | tuple[str, str]:
    from langcheck.result_cache import glossary_fingerprint

    # Config holds a dict (severity), so it is not hashable itself. The glossary files' bytes are
    # part of the key: a session reads them once, when it opens, and one kept from an earlier run
    # would serve that run's results for an edited glossary, or refuse the edit as made mid-run.
    key = (repr(config), repr(glossary_fingerprint(config)))
    if getattr(_dask_local, "key", None) != key:
        _dask_local.session = Session(config)
        _dask_local.key = key
    try:
        return _sent(_dask_local.session.check_folder(folder, root=root, required=required), keep_text)
    except InputError as error:
        return (error.path, error.problem)


def _check_many_on_dask_worker(folders: list[str], config: Config, root: str | None,
                               required: list[tuple[str, ...] | None], keep_text: bool = True) -> list[ReleaseReport | tuple[str, str]]:
    """One Dask task of several releases (RELEASES_PER_DASK_TASK), each as `_check_on_dask_worker`."""
    return [_check_on_dask_worker(folder, config, root, need, keep_text) for folder, need in zip(folders, required)]
