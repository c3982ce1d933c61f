"""The batch run on a Dask cluster: two worker processes started here, the real bundled model,
an embedding cache per worker process; the merged report must equal the single-process one."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from langcheck.config import Config
from langcheck.api import check
from langcheck.report import render

distributed = pytest.importorskip("distributed", reason="needs the dask extra: pip install 'langcheck[dask]'")

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

pytestmark = [pytest.mark.dask, pytest.mark.model]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    shutil.copytree(SAMPLES / "lavrov-belarus-2020", root / "belarus")
    shutil.copytree(SAMPLES / "defects" / "number-fr", root / "kazakhstan-number-fr")
    shutil.copytree(SAMPLES / "defects" / "date-ru", root / "belarus-date-ru")
    # lacks the ru version the other releases have: LC105, whichever executor runs it
    shutil.copytree(SAMPLES / "lavrov-belarus-2020", root / "belarus-no-ru", ignore=shutil.ignore_patterns("ru.*"))
    (root / "broken").mkdir()
    (root / "broken" / "en.txt").write_text("Only one version.\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
    ) as cluster:
        yield cluster.scheduler_address


def test_dask_report_equals_single_process_report(archive: Path, scheduler: str, tmp_path: Path) -> None:
    single = check(archive, Config(cache_dir=str(tmp_path / "local-cache")))
    distributed_ = check(archive, Config(cache_dir=str(tmp_path / "worker-cache")), executor="dask", scheduler=scheduler)
    assert [Path(r.release.path).name for r in single.releases] == [
        "belarus", "belarus-date-ru", "belarus-no-ru", "kazakhstan-number-fr"]
    assert [(Path(r.release.path).name, f.lang) for r in distributed_.releases for f in r.findings
            if f.rule == "LC105"] == [("belarus-no-ru", "ru")]
    assert len(single.failures) == 1
    assert render(distributed_, "json") == render(single, "json")
    assert distributed_ == single
    assert (tmp_path / "worker-cache" / "embeddings.sqlite3").exists()
