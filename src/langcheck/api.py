"""check(path) -> Report: the one call the CLI makes and library users make.

It sits on top of the two run layers: `langcheck.batch` decides which release folders there are
and where each is checked (this process, a process pool, a Dask cluster), and
`langcheck.pipeline` checks one release. This module only settles the config and gathers the
outcomes: `check` and `check_paths` into a `Report`, `each_release` one at a time as they are
done (what the CLI writes its reports from), `fails` for the CI gate.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from langcheck.config import Config, find_config_file, load_config
from langcheck.model import ReleaseReport, Report, Severity


def check(
    path: str | Path,
    config: Config | None = None,
    *,
    jobs: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    keep_text: bool = True,
    progress: Callable[[int, int], None] | None = None,
    **options: Any,
) -> Report:
    """Check a release folder, or every release folder in a tree, and return the report.

    Options override the config file found from `path` upwards (see `langcheck.config.Config`):
    e.g. `check("samples/lavrov-belarus-2020", source="en", languages=("en", "ru"))`.
    Raises InputError when `path` itself is not a usable release or tree; in a tree, releases
    that cannot be read are listed in `Report.failures` and the others are still checked.
    `jobs` > 1 checks releases in that many worker processes; `executor="dask"` on the Dask
    cluster at `scheduler` (see `langcheck.batch`). The report is the same either way.
    `keep_text=False` drops each release's text as soon as it is checked (`without_text`), so
    memory stays small on a large archive when the output does not show the documents.
    `progress(done, total)` is called after each release.
    """
    from langcheck.batch import check_releases

    if config is None:
        config = load_config(find_config_file(path) if Path(path).exists() else None, **options)
    elif options:
        # `languages` given here is set, as on the command line (LC105 holds releases to it).
        config = config.replace(**options, **({"languages_configured": True} if "languages" in options else {}))
    reports: list[ReleaseReport] = []
    failures: list[tuple[str, str]] = []
    # closing: an interrupted run closes the session's cache now, not at some later GC.
    with contextlib.closing(check_releases(path, config, jobs=jobs, executor=executor, scheduler=scheduler,
                                           progress=progress, keep_text=keep_text)) as outcomes:
        for outcome in outcomes:
            if isinstance(outcome, ReleaseReport):
                reports.append(outcome)  # check_releases dropped the text already unless keep_text
            else:
                failures.append((outcome.path, str(outcome)))
    return Report(releases=tuple(reports), failures=tuple(failures))


Outcome = ReleaseReport | tuple[str, str]  # a release's report, or (path, reason) it could not be checked


def each_release(
    paths: Sequence[str | Path],
    config: Config,
    *,
    jobs: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    keep_text: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Outcome]:
    """The outcome of every release under each path, in order, each as soon as it is checked,
    so a caller can write it out and let it go (the CLI's reports do).

    What `check_paths` gathers, with the same rules: a release that cannot be read is
    `(path, reason)`; a single path that cannot be read raises InputError. Options are `check`'s.
    """
    from langcheck.batch import check_releases
    from langcheck.load import InputError

    for path in paths:
        try:
            with contextlib.closing(check_releases(path, config, jobs=jobs, executor=executor, scheduler=scheduler,
                                                   progress=progress, keep_text=keep_text)) as outcomes:
                for outcome in outcomes:
                    if isinstance(outcome, ReleaseReport):
                        yield outcome  # without its text unless keep_text (check_releases)
                    else:
                        yield (outcome.path, str(outcome))
        except InputError as error:
            if len(paths) == 1:
                raise
            yield (error.path, str(error))


def check_paths(paths: Sequence[str | Path], config: Config | None = None, **options: Any) -> Report:
    """`check` of each path, merged into one report in the order given (the CLI's `PATH...`).

    A release that cannot be read, given as a path of its own, is a failure of that path and
    the paths after it are still checked; a single path that cannot be read raises InputError,
    as `check` does. `options` are `check`'s.
    """
    from langcheck.load import InputError

    releases: list[ReleaseReport] = []
    failures: list[tuple[str, str]] = []
    for path in paths:
        try:
            result = check(path, config, **options)
        except InputError as error:
            if len(paths) == 1:
                raise
            failures.append((error.path, str(error)))
            continue
        releases.extend(result.releases)
        failures.extend(result.failures)
    return Report(releases=tuple(releases), failures=tuple(failures))


def fails(report: Report, threshold: Severity) -> bool:
    """Whether any finding reaches `threshold` (the CI gate)."""
    return any(f.severity.rank >= threshold.rank for f in report.findings)
