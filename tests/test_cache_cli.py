"""Cache control from the command line: --no-cache, --cache-dir, LANGCHECK_CACHE_DIR, cache info|clear.

A fake embedder stands in for the model: what is tested is where vectors are stored, not them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np
import pytest

from langcheck import embed
from langcheck.embed.cache import DB_NAME

CLEAN = Path(__file__).resolve().parents[1] / "samples" / "lavrov-belarus-2020"


class CountingEmbedder:
    name = "fake-lengths"
    calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        CountingEmbedder.calls += len(texts)
        out = np.ones((len(texts), 8), dtype=np.float32)
        out[:, 0] = [len(t) for t in texts]
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, langcheck_cli, tmp_path: Path):
    monkeypatch.setattr(embed, "load_embedder", lambda spec="usem3", **_: CountingEmbedder())
    # Never the user's real cache: a default that is somewhere harmless and checkable.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("LANGCHECK_CACHE_DIR", raising=False)

    def invoke(*args: str, env_cache: Path | None = None) -> tuple[int, str, str]:
        if env_cache is not None:
            monkeypatch.setenv("LANGCHECK_CACHE_DIR", str(env_cache))
        CountingEmbedder.calls = 0
        return langcheck_cli(*args)

    return invoke


def test_no_cache_neither_reads_nor_writes(run, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    run("check", CLEAN, "--cache-dir", folder)
    assert (folder / DB_NAME).exists()
    stored = (folder / DB_NAME).stat().st_size
    code, _, _ = run("check", CLEAN, "--no-cache", "--cache-dir", folder)
    assert code == 0 and CountingEmbedder.calls > 0  # the filled cache was not read
    assert (folder / DB_NAME).stat().st_size == stored
    code, _, _ = run("check", CLEAN, "--no-cache", "--cache-dir", tmp_path / "unused")
    assert code == 0 and not (tmp_path / "unused").exists()
    assert not (tmp_path / "xdg").exists()


@pytest.mark.parametrize("how", ["option", "environment"])
def test_cache_dir_moves_the_cache_and_a_second_run_needs_no_model(run, tmp_path: Path, how: str) -> None:
    folder = tmp_path / "moved"
    args = ("--cache-dir", folder) if how == "option" else ()
    env = folder if how == "environment" else None
    run("check", CLEAN, *args, env_cache=env)
    assert CountingEmbedder.calls > 0 and (folder / DB_NAME).exists()
    code, _, _ = run("check", CLEAN, *args, env_cache=env)
    assert code == 0 and CountingEmbedder.calls == 0
    assert not (tmp_path / "xdg").exists()


def test_cache_info_and_clear(run, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    code, out, _ = run("cache", "info", "--cache-dir", folder)
    assert code == 0 and out.splitlines() == [f"cache: {folder / DB_NAME}", "empty"]
    run("check", CLEAN, "--cache-dir", folder)
    code, out, _ = run("cache", "info", "--cache-dir", folder)
    lines = out.splitlines()
    assert code == 0 and lines[0] == f"cache: {folder / DB_NAME}" and lines[1].startswith("size: ")
    assert lines[2].startswith("fake-lengths: ") and int(lines[2].split()[1]) > 35
    code, out, _ = run("cache", "clear", env_cache=folder)
    assert code == 0 and out.startswith("cleared ") and out.rstrip().endswith(" MB")
    assert not any(folder.glob(f"{DB_NAME}*"))
    assert run("cache", "info", "--cache-dir", folder)[1].splitlines()[1] == "empty"


def test_default_cache_is_under_xdg_cache_home(run, tmp_path: Path) -> None:
    run("check", CLEAN)
    assert (tmp_path / "xdg" / "langcheck" / DB_NAME).exists()
