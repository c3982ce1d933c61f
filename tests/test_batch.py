"""Batch mode: worker processes report exactly what one process reports, in the same order.

A fake embedder (character trigrams hashed into 256 dimensions) stands in for the model so the
test runs in seconds; forked workers inherit it. What is compared is the whole rendered JSON
report, failures included.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import shutil
from pathlib import Path
from typing import Sequence

import numpy as np
import pytest

from langcheck import embed
from langcheck.batch import check_releases
from langcheck.config import Config
from langcheck.load import InputError
from langcheck.model import ReleaseReport
from langcheck.api import check
from langcheck.report import render

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(),
    reason="the fake embedder reaches workers only by fork",
)


class TrigramEmbedder:
    name = "fake-trigrams"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 256), dtype=np.float32)
        for row, text in enumerate(texts):
            folded = f"  {text.casefold()}  "
            for i in range(len(folded) - 2):
                out[row, hashlib.blake2b(folded[i : i + 3].encode(), digest_size=2).digest()[0]] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "load_embedder", lambda spec="usem3", **_: TrigramEmbedder())


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Three releases and one that cannot be read (a single language version), in a tree."""
    root = tmp_path / "archive"
    shutil.copytree(SAMPLES / "lavrov-belarus-2020", root / "2020" / "belarus")
    shutil.copytree(SAMPLES / "defects" / "number-fr", root / "2021" / "kazakhstan-number-fr")
    shutil.copytree(SAMPLES / "defects" / "date-ru", root / "2021" / "belarus-date-ru")
    (root / "2021" / "broken").mkdir()
    (root / "2021" / "broken" / "en.txt").write_text("Only one version.\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("jobs", [2, 3])
def test_workers_report_what_one_process_reports(fake_model: None, archive: Path, tmp_path: Path, jobs: int) -> None:
    config = Config(cache=False)
    single = check(archive, config)
    parallel = check(archive, config, jobs=jobs)
    assert len(single.releases) == 3 and len(single.failures) == 1
    assert render(parallel, "json") == render(single, "json")
    assert parallel == single


@pytest.mark.parametrize("jobs", [1, 2])
def test_workers_drop_the_text_before_sending_when_asked(fake_model: None, archive: Path, jobs: int) -> None:
    # check_releases itself strips nothing in this process: what arrives is what a worker sent.
    def reports(**options: bool) -> list[ReleaseReport]:
        return [o for o in check_releases(archive, Config(cache=False), jobs=jobs, **options) if isinstance(o, ReleaseReport)]

    full, compact = reports(), reports(keep_text=False)
    assert all(doc.paragraphs for r in full for doc in r.release.documents.values())
    assert not any(doc.paragraphs for r in compact for doc in r.release.documents.values())
    assert compact == [r.without_text() for r in full]


def test_outcomes_stream_in_sorted_folder_order_with_progress(fake_model: None, archive: Path) -> None:
    seen: list[tuple[int, int]] = []
    outcomes = list(check_releases(archive, Config(cache=False), jobs=2, progress=lambda d, t: seen.append((d, t))))
    paths = [o.release.path if isinstance(o, ReleaseReport) else o.path for o in outcomes]
    assert [Path(p).relative_to(archive).as_posix() for p in paths] == [
        "2020/belarus", "2021/belarus-date-ru", "2021/broken", "2021/kazakhstan-number-fr",
    ]
    assert isinstance(outcomes[2], InputError) and "two language versions" in str(outcomes[2])
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_workers_share_the_cache_folder(fake_model: None, archive: Path, tmp_path: Path) -> None:
    config = Config(cache_dir=str(tmp_path / "cache"))
    first = check(archive, config, jobs=2)
    assert (tmp_path / "cache" / "embeddings.sqlite3").exists()
    assert check(archive, config, jobs=2) == first == check(archive, config)


def test_a_bad_root_raises_and_an_unknown_executor_is_refused(archive: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError):
        list(check_releases(tmp_path / "missing", Config(cache=False), jobs=2))
    with pytest.raises(ValueError, match="unknown executor"):
        list(check_releases(archive, Config(cache=False), executor="spark"))
    with pytest.raises(ValueError, match="scheduler"):
        list(check_releases(archive, Config(cache=False), executor="dask"))


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_and_order_are_the_same_in_this_process(fake_model: None, archive: Path, jobs: int) -> None:
    # One loop serves every executor: `check()` in this process goes through check_releases too.
    seen: list[tuple[int, int]] = []
    report = check(archive, Config(cache=False), jobs=jobs, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert [Path(r.release.path).name for r in report.releases] == ["belarus", "belarus-date-ru", "kazakhstan-number-fr"]


@pytest.mark.parametrize("stop_after", [0, 1, None])
def test_this_process_closes_its_cache_however_the_run_ends(
    fake_model: None, archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop_after: int | None
) -> None:
    from langcheck.pipeline import Session

    closed: list[Session] = []
    close = Session.close
    monkeypatch.setattr(Session, "close", lambda self: (closed.append(self), close(self))[1])
    outcomes = check_releases(archive, Config(cache_dir=str(tmp_path / "cache")))
    if stop_after is None:
        list(outcomes)
    else:
        for _ in range(stop_after):
            next(outcomes)
        outcomes.close()
    assert len(closed) == (0 if stop_after == 0 else 1)
    assert all(session.embedder.cache is None for session in closed)


def test_dask_tasks_take_runs_of_consecutive_folders_and_an_unreadable_one_alone() -> None:
    from langcheck.batch import _chunks

    bad = InputError("a/3", "cannot be searched")
    folders = [Path(f"a/{i}") for i in range(3)] + [bad] + [Path(f"a/{i}") for i in range(4, 9)]
    runs = list(_chunks(folders, 2))
    assert runs == [[Path("a/0"), Path("a/1")], [Path("a/2")], bad,
                    [Path("a/4"), Path("a/5")], [Path("a/6"), Path("a/7")], [Path("a/8")]]
    assert [f for r in runs for f in (r if isinstance(r, list) else [r])] == folders
