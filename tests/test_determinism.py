"""The same input gives byte-identical JSON and SARIF: whatever the order in which the files were
created on disk, whether the embedding cache was cold or warm, and however many jobs ran.

Real model (one load: later runs are served by the warm cache), two small releases.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from langcheck import cli

pytestmark = pytest.mark.model

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
RELEASES = {"r1-clean": SAMPLES / "lavrov-belarus-2020", "r2-date-ru": SAMPLES / "defects" / "date-ru"}


def _copy_tree(root: Path, reverse: bool) -> None:
    """The releases under root/tree, files and folders created in sorted or reversed order."""
    for name in sorted(RELEASES, reverse=reverse):
        folder = root / "tree" / name
        folder.mkdir(parents=True)
        for file in sorted(RELEASES[name].iterdir(), reverse=reverse):
            if file.suffix != ".yaml":
                shutil.copyfile(file, folder / file.name)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, tmp_path: Path):
    monkeypatch.setenv("LANGCHECK_CACHE_DIR", str(tmp_path / "cache"))

    def invoke(cwd: Path, *args: str) -> tuple[int, str]:
        monkeypatch.chdir(cwd)  # reports name files relative to the working directory
        monkeypatch.setattr(sys, "argv", ["langcheck", "check", "tree", *args])
        with pytest.raises(SystemExit) as exit_:
            cli.main()
        out, err = capsys.readouterr()
        assert err == ""
        return int(exit_.value.code or 0), out

    return invoke


def test_reports_are_byte_identical_whatever_the_file_order_cache_state_and_jobs(run, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    _copy_tree(first, reverse=False)
    _copy_tree(second, reverse=True)
    for fmt in ("json", "sarif"):
        cold = run(first, "--format", fmt)  # for json: cold cache; everything after reads the cache
        warm = run(second, "--format", fmt)
        parallel = run(second, "--format", fmt, "--jobs", "2")
        assert cold[0] == 1  # the date-ru defect is an error
        assert cold == warm == parallel, fmt
        if fmt == "json":
            assert '"path": "tree/r1-clean"' in cold[1] and '"path": "tree/r2-date-ru"' in cold[1]
        else:  # SARIF names only the files with findings
            assert '"uri": "tree/r2-date-ru/ru.html"' in cold[1]
