"""Many releases at once: a local process pool (`jobs`) or a Dask cluster (`executor="dask"`).

`check_releases(path, config, ...)` yields one outcome per release folder under `path` - a
ReleaseReport, or an InputError for a release that cannot be read - in the sorted order of the
folders, whatever order the workers finish in, so a parallel run reports exactly what a
single-process run (`Session.check_tree`) reports. Outcomes stream: at most a few per worker are
in flight or waiting, so memory stays flat however large the archive.

Each worker process holds its own `Session`: the model is loaded once per process (lazily, on the
first text not in the cache), and the embedding cache is the worker's own SQLite connection to
the configured cache folder (on a cluster: that folder on the worker's machine).
"""

from __future__ import annotations

import collections
import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from langcheck.config import Config
from langcheck.load import InputError
from langcheck.model import ReleaseReport

log = logging.getLogger(__name__)

EXECUTORS = ("local", "dask")
# Releases submitted ahead per worker: enough to keep every worker busy while the parent
# renders, few enough that finished-but-unreported releases cannot pile up in memory.
AHEAD_PER_WORKER = 4

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
) -> Iterator[Outcome]:
    """Outcomes for every release under `path`, in sorted folder order.

    `jobs` is the number of local worker processes (`executor="local"`; 1 runs in this
    process); with `executor="dask"`, `scheduler` is the address of a running Dask scheduler
    (e.g. "tcp://10.0.0.5:8786") and `jobs` bounds the releases in flight per worker thread.
    `progress(done, total)` is called after each release. A bad `path` itself raises InputError.
    """
    from langcheck.pipeline import release_folders, required_versions_for

    if executor not in EXECUTORS:
        raise ValueError(f"unknown executor '{executor}' (known: {', '.join(EXECUTORS)})")
    folders, single = release_folders(path, config)
    required = required_versions_for(folders, config)
    total = len(folders)
    if executor == "dask":
        if not scheduler:
            raise ValueError("the dask executor needs a scheduler address (--scheduler tcp://HOST:8786)")
        outcomes = _on_dask(folders, config, scheduler, str(path), required)
    elif jobs <= 1 or total <= 1:
        outcomes = _in_process(folders, config, single, str(path), required)
    else:
        outcomes = _on_pool(folders, config, min(jobs, total), str(path), required)
    for done, outcome in enumerate(outcomes, start=1):
        if progress is not None:
            progress(done, total)
        yield outcome


Required = dict[Path, tuple[str, ...]]  # the versions each release must have (LC105)


def _in_process(folders: list[Path | InputError], config: Config, single: bool, root: str,
                required: Required) -> Iterator[Outcome]:
    from langcheck.pipeline import Session

    session = Session(config)
    for folder in folders:
        if isinstance(folder, InputError):
            yield folder
            continue
        try:
            yield session.check_folder(folder, root=root, required=required.get(folder))
        except InputError as error:
            if single:
                raise
            yield error


def _on_pool(folders: list[Path | InputError], config: Config, jobs: int, root: str,
             required: Required) -> Iterator[Outcome]:
    # fork starts a worker in milliseconds with langcheck already imported; the parent has not
    # loaded a model or opened the cache (both happen in the workers), and starts no threads
    # before the pool exists.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    # Weights first: that also points the language identifier at its prepared copy.
    _prepare_model_weights(config)
    if method == "fork":
        _share_language_model(config)
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(config,)
    ) as pool:
        yield from _in_order(folders, lambda folder: pool.submit(_check_in_worker, str(folder), root, required.get(folder)), jobs)


def _share_language_model(config: Config) -> None:
    """Load the language identifier (80 MB of numpy arrays) once, before the workers fork, so
    they share its pages instead of each loading a copy. The embedding model is not loaded
    here: a run whose texts are all cached must not load it at all."""
    from langcheck.language import identify_language

    identify_language("language identification is loaded once for all workers", config.languages)


def _prepare_model_weights(config: Config) -> None:
    """Have the bundled model's prepared weights written once, before the workers start, so
    that every worker maps the same copy (and none decompresses the package's own)."""
    from langcheck.pipeline import Session

    embedder = Session.embedder_for(config)
    prepare = getattr(embedder.embedder, "prepare", None)
    if prepare is not None:
        prepare()
    if embedder.cache is not None:
        embedder.cache.close()


def _on_dask(folders: list[Path | InputError], config: Config, scheduler: str, root: str,
             required: Required) -> Iterator[Outcome]:
    try:
        from distributed import Client
    except ImportError:
        raise ValueError("the dask executor needs Dask: pip install 'langcheck[dask]'") from None
    with Client(scheduler, set_as_default=False) as client:
        workers = max(1, sum(client.nthreads().values()))

        def submit(folder: Path) -> Any:
            # pure=False: a release is checked again on every run (its files may have changed).
            return client.submit(_check_on_dask_worker, str(folder), config, root, required.get(folder), pure=False)

        yield from _in_order(folders, submit, workers)


def _in_order(folders: Iterable[Path | InputError], submit: Callable[[Path], Any], workers: int) -> Iterator[Outcome]:
    """Submit folders ahead, a bounded number at a time, and yield their outcomes in order."""
    pending: collections.deque[Any] = collections.deque()
    ahead = workers * AHEAD_PER_WORKER
    for folder in folders:
        pending.append(folder if isinstance(folder, InputError) else submit(folder))
        while len(pending) > ahead:
            yield _outcome(pending.popleft())
    while pending:
        yield _outcome(pending.popleft())


def _outcome(item: Any) -> Outcome:
    if isinstance(item, InputError):
        return item
    result = item.result()
    if isinstance(result, tuple):  # (path, problem): InputError itself does not pickle
        return InputError(*result)
    return result


# --- worker side -------------------------------------------------------------------------

_session = None


def _start_worker(config: Config) -> None:
    global _session
    from langcheck.pipeline import Session

    # Workers are the parallelism: keep each one's numeric libraries to one thread.
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    _session = Session(config)


def _check_in_worker(folder: str, root: str | None = None,
                     required: tuple[str, ...] | None = None) -> ReleaseReport | tuple[str, str]:
    assert _session is not None, "worker started without _start_worker"
    try:
        return _session.check_folder(folder, root=root, required=required)
    except InputError as error:
        return (error.path, error.problem)


# A Dask worker runs tasks in threads, and a Session's SQLite connection belongs to one thread:
# one Session per worker thread, kept for the latest config (a worker may serve several runs).
_dask_local = threading.local()


def _check_on_dask_worker(folder: str, config: Config, root: str | None = None,
                          required: tuple[str, ...] | None = None) -> ReleaseReport | tuple[str, str]:
    from langcheck.pipeline import Session

    key = repr(config)  # Config holds a dict (severity), so it is not hashable itself
    if getattr(_dask_local, "key", None) != key:
        _dask_local.session = Session(config)
        _dask_local.key = key
    try:
        return _dask_local.session.check_folder(folder, root=root, required=required)
    except InputError as error:
        return (error.path, error.problem)
