"""The files a run writes (reports, baselines, the starter config): named, guarded, written whole.

Every output file is guarded alike: never over a document under the checked paths or one of
the run's input files (config, baseline, glossary), never two outputs of one run onto one file,
and written atomically (a temporary file beside it, then a rename), through a link and into a
device or FIFO as it is. Each refusal is an OutputError whose message is one line naming the file.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from langcheck.baseline import Decision
    from langcheck.model import ReleaseReport, Report


class OutputError(ValueError):
    """An output that must not or cannot be written: `"<file>: <problem>"`, one line."""


def report_spec(spec: str) -> tuple[str, Path]:
    """`sarif:out/langcheck.sarif` -> ("sarif", Path("out/langcheck.sarif")); the format is the
    part before the first colon, so a file name may hold colons of its own."""
    fmt, colon, file = spec.partition(":")
    if not colon or not fmt or not file:
        raise OutputError(f"--report takes FORMAT:FILE, e.g. sarif:langcheck.sarif (got '{spec}')")
    return fmt, Path(file)


def distinct_outputs(files: Sequence[Path]) -> None:
    """Refuse two outputs of one run onto one file: the last would silently replace the first."""
    seen: dict[Path, Path] = {}
    for file in files:
        target = file.resolve()
        if target in seen:
            raise OutputError(f"{file}: would be written twice (also {seen[target]}); give each output its own file")
        seen[target] = file


def guard_output(output: Path, report: Report | None = None, *, checked: Sequence[Path] = (),
                 inputs: Sequence[Path] = (), documents: Collection[Path] = ()) -> None:
    """Refuse to write a report over a document under the checked paths, or over an input file.

    Every document-like file (.txt, .md, .html, ...) under a checked path is protected, not only
    the documents of releases that loaded: a release that failed, or one the config excludes,
    holds documents too. A link is judged by what it points to. The documents of `report`'s
    releases, and `documents` (resolved paths), are protected too, wherever they are.
    """
    from langcheck.load.files import FORMATS

    target = output.resolve()
    for given in inputs:
        if Path(given).resolve() == target:
            raise OutputError(f"{output}: is one of langcheck's input files; choose another output file")
    protected = set(documents) | ({
        Path(document.path).resolve()
        for release in report.releases for document in release.release.documents.values()
    } if report is not None else set())
    for root in checked:
        root = root.resolve()
        if (target == root and not root.is_dir()) or (target.suffix.lower() in FORMATS and target.is_relative_to(root)):
            protected.add(target)
    if target in protected:
        raise OutputError(f"{output}: is one of the checked documents; choose another output file")


def write_atomically(path: Path, text: str) -> None:
    """Write `text` (UTF-8, newlines as given) to `path` whole or not at all."""
    with open_atomically(path) as handle:
        handle.write(text)


@contextlib.contextmanager
def open_atomically(path: Path) -> Iterator[TextIO]:
    """A text handle (UTF-8, newlines as given) whose writes land in `path` whole, when the
    block ends without an error, or not at all."""
    # A link is written through (its target is replaced, the link stays); a device or a FIFO is
    # written to as it is: renaming a regular file over either would replace the node itself.
    if path.is_symlink():
        path = path.resolve()
    try:
        mode = path.stat().st_mode
    except OSError:
        mode = 0
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode):
        try:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                yield handle
        except OSError as exc:
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
        return
    # Write next to the target and rename, so an interrupted run never leaves half a file.
    import tempfile  # here: a run that writes to stdout never needs it

    folder = path.parent if str(path.parent) else Path(".")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        # mkstemp makes the file private (0600); give it the mode any other new file would get.
        os.chmod(tmp, _new_file_mode(path))
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    finally:
        if tmp is not None:  # failed or interrupted: leave nothing behind in the user's folder
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _new_file_mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777  # overwriting: keep the file's mode
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# An HTML report holds every checked document's text until it is written; past this much text
# the run says so before it starts (other formats are written release by release).
HTML_NOTE_BYTES = 10_000_000


def document_bytes(paths: Sequence[Path]) -> tuple[int, int]:
    """(files, bytes) of the document-like files (.txt, .md, .html, ...) under `paths`, links
    not followed: about how much text an HTML report of them holds."""
    from langcheck.load.files import FORMATS

    files = size = 0
    for path in paths:
        walked = [(str(path.parent), [], [path.name])] if path.is_file() else os.walk(path)
        for folder, _, names in walked:
            for name in names:
                file = Path(folder) / name
                if file.suffix.lower() in FORMATS and not file.is_symlink():
                    try:
                        size += file.stat().st_size
                        files += 1
                    except OSError:
                        pass
    return files, size


class RunOutputs:
    """Every output of one check run, fed release by release (`add`) and written at the end
    (`write`): the reports, and the baseline of what the run found.

    `outputs` are (format, file or None for `stdout`, that format's render options). Every format but HTML streams (`langcheck.report.stream`): a release's part
    goes to a spool file as it arrives and the release is let go, so what stays in memory is
    counts, failures, the resolved paths of the checked documents (no output may land on one)
    and, with `baseline_file`, the findings' fingerprints. HTML keeps the releases it shows.
    With `known`, findings whose fingerprints are in it are left out of the reports (not out
    of the baseline written). `decisions` are a review's verdicts from the baseline read: the
    baseline written keeps those on findings the run still found, so a reviewer's comments
    survive `--baseline X --write-baseline X`.
    """

    def __init__(self, outputs: Sequence[tuple[str, Path | None, dict]], *,
                 known: frozenset[str] | None = None, baseline_file: Path | None = None,
                 decisions: Mapping[str, Decision] | None = None) -> None:
        from langcheck.report.stream import STREAMED, ReportStream, Tally

        self.outputs = list(outputs)
        self.known = known
        self.baseline_file = baseline_file
        self.decisions = dict(decisions or {})
        self.tally = Tally()
        self._streams = {i: ReportStream(fmt, **options) for i, (fmt, _, options) in enumerate(self.outputs) if fmt in STREAMED}
        self._kept: list | None = [] if any(fmt not in STREAMED for fmt, _, _ in self.outputs) else None
        self._documents: set[Path] = set()
        self._prints: set[str] = set()

    def add(self, outcome: ReleaseReport | tuple[str, str]) -> None:
        """One release's report, or (path, reason) for a release that could not be checked."""
        if isinstance(outcome, tuple):
            self.tally.failures.append(outcome)
            return
        self._documents.update(Path(d.path).resolve() for d in outcome.release.documents.values())
        # The baseline module only where a baseline is read or written: most runs have none.
        if self.baseline_file is not None:
            from langcheck.baseline import fingerprints

            self._prints |= fingerprints(outcome)
        if self.known is not None:
            from langcheck.baseline import release_without_known

            outcome = release_without_known(outcome, self.known)
        self.tally.add(outcome)
        for stream in self._streams.values():
            stream.add(outcome)
        if self._kept is not None:
            self._kept.append(outcome)

    def write(self, *, checked: Sequence[Path], stdout: TextIO) -> list[str]:
        """Write the baseline and every report (none over a checked document); returns one
        `"<format> report written to <file>"` per report file."""
        from langcheck.model import Report
        from langcheck.report import render

        if self.baseline_file is not None:
            from langcheck.baseline import baseline_text

            guard_output(self.baseline_file, documents=self._documents, checked=checked)
            kept = {fp: d for fp, d in self.decisions.items() if fp in self._prints}
            write_atomically(self.baseline_file, baseline_text(self._prints, kept))
        for _, file, _ in self.outputs:
            if file is not None:
                guard_output(file, documents=self._documents, checked=checked)
        written = []
        for i, (fmt, file, options) in enumerate(self.outputs):
            with contextlib.nullcontext(stdout) if file is None else open_atomically(file) as out:
                if i in self._streams:
                    self._streams[i].finish(self.tally, out)
                else:  # html: the whole report, documents and all
                    report = Report(releases=tuple(self._kept or ()), failures=tuple(self.tally.failures))
                    out.write(render(report, fmt, **options))
            if file is not None:
                written.append(f"{fmt} report written to {file}")
        return written

    def close(self) -> None:
        """Drop the spools (written or not)."""
        for stream in self._streams.values():
            stream.close()
