"""The embedding cache never fails a check: damaged, read-only, shared and interrupted caches.

A tiny fake embedder stands in for the model (hash-seeded vectors), so two processes can share one
cache without loading the real model twice.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Sequence

import numpy as np
import pytest

from langcheck.embed.cache import DB_NAME, CachedEmbedder, EmbeddingCache, open_cache

DIM = 16


class FakeEmbedder:
    """Deterministic unit vectors per text; counts the texts it was asked to embed."""

    name = "fake-16"

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += len(texts)
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")
            vector = np.random.default_rng(seed).standard_normal(DIM)
            rows.append(vector / np.linalg.norm(vector))
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), DIM)


def _fill(folder: Path, batches: int = 20, size: int = 500) -> int:
    cache = open_cache(folder)
    assert cache is not None
    embedder = FakeEmbedder()
    for b in range(batches):
        texts = [f"text {b}-{i}" for i in range(size)]
        cache.put(embedder.name, texts, embedder.encode(texts))
    cache.close()
    return batches * size


def _integrity_ok(db: Path) -> bool:
    with sqlite3.connect(db) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


# --- damaged database ---------------------------------------------------------------------------


def _truncate_half(db: Path) -> None:
    with open(db, "r+b") as handle:
        handle.truncate(db.stat().st_size // 2)


def _garbage(db: Path) -> None:
    db.write_bytes(b"this is not a database " * 200)


def _smash_pages(db: Path) -> None:
    data = bytearray(db.read_bytes())
    rng = np.random.default_rng(1)
    for page in (5, 100, 400):
        data[page * 4096 + 100 : page * 4096 + 3000] = rng.integers(0, 256, 2900, dtype=np.uint8).tobytes()
    db.write_bytes(bytes(data))


def _zero_length(db: Path) -> None:
    db.write_bytes(b"")


def _hostile_trigger(db: Path) -> None:
    # A cache from an untrusted run: every write would run a recursive query (it hung the run).
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TRIGGER slow AFTER INSERT ON vectors BEGIN SELECT count(*) FROM "
                     "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n); END")
    conn.close()


def _hostile_view(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE VIEW everything AS SELECT * FROM vectors")
    conn.close()


@pytest.mark.parametrize(
    "damage, rebuilt",
    [
        pytest.param(_hostile_trigger, True, id="a-trigger-langcheck-never-makes"),
        pytest.param(_hostile_view, True, id="a-view-langcheck-never-makes"),
        pytest.param(_truncate_half, True, id="truncated-to-half"),
        pytest.param(_garbage, True, id="not-a-database"),
        pytest.param(_smash_pages, True, id="random-bytes-over-three-pages"),
        pytest.param(_zero_length, False, id="zero-length-file-is-just-empty"),
    ],
)
def test_damaged_database_is_moved_aside_and_rebuilt_with_a_one_line_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage, rebuilt: bool
) -> None:
    _fill(tmp_path)
    db = tmp_path / DB_NAME
    damage(db)
    with caplog.at_level(logging.WARNING, logger="langcheck"):
        cache = open_cache(tmp_path)
    assert cache is not None
    assert cache.stats() == {}
    embedder = CachedEmbedder(FakeEmbedder(), cache)
    first = embedder.encode(["a", "b"])
    assert np.array_equal(CachedEmbedder(FakeEmbedder(), cache).encode(["a", "b"]), first)
    cache.close()
    assert _integrity_ok(db)
    warnings = _warnings(caplog)
    if rebuilt:
        assert len(warnings) == 1 and "\n" not in warnings[0]
        assert "is damaged" in warnings[0] and "rebuilt" in warnings[0]
        assert len(list(tmp_path.glob(f"{DB_NAME}.corrupt-*"))) == 1  # kept for a post-mortem
    else:
        assert warnings == []


@pytest.mark.parametrize("damage", [_truncate_half, _garbage], ids=["truncated-to-half", "not-a-database"])
def test_a_large_cache_is_not_read_whole_at_open_but_a_damaged_one_is_still_rebuilt(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch, damage
) -> None:
    # Every cache counts as large here: only its length is checked against its header.
    monkeypatch.setattr("langcheck.embed.cache.QUICK_CHECK_MAX_BYTES", 0)
    rows = _fill(tmp_path)
    sound = open_cache(tmp_path)
    assert sound is not None and sound.stats() == {"fake-16": rows}
    sound.close()
    damage(tmp_path / DB_NAME)
    with caplog.at_level(logging.WARNING, logger="langcheck"):
        cache = open_cache(tmp_path)
    assert cache is not None and cache.stats() == {}
    cache.close()
    assert any("is damaged" in w and "rebuilt" in w for w in _warnings(caplog))


def test_a_large_cache_opens_without_reading_every_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(tmp_path)
    statements: list[str] = []
    real_connect = sqlite3.connect

    def traced(*args, **kwargs):
        db = real_connect(*args, **kwargs)
        db.set_trace_callback(statements.append)
        return db

    monkeypatch.setattr(sqlite3, "connect", traced)
    open_cache(tmp_path).close()
    assert any("quick_check" in s for s in statements)  # a small cache is checked whole
    statements.clear()
    monkeypatch.setattr("langcheck.embed.cache.QUICK_CHECK_MAX_BYTES", 0)
    open_cache(tmp_path).close()
    assert statements and not any("quick_check" in s for s in statements)


def test_damage_found_mid_run_disables_the_cache_instead_of_failing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = open_cache(tmp_path)
    assert cache is not None

    def broken_get(model: str, texts: Sequence[str]) -> list:
        raise sqlite3.DatabaseError("database disk image is malformed")

    cache.get = broken_get  # type: ignore[method-assign]
    embedder = CachedEmbedder(FakeEmbedder(), cache)
    with caplog.at_level(logging.WARNING, logger="langcheck"):
        vectors = embedder.encode(["one", "two", "one"])
    assert vectors.shape == (3, DIM)
    assert embedder.cache is None
    assert _warnings(caplog) == ["embedding cache disabled: database disk image is malformed"]


# --- a cache folder that cannot be written ------------------------------------------------------


def test_cache_folder_under_a_file_means_no_cache_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Root ignores file modes, so a chmod-ed folder proves nothing here: a path below a regular
    # file cannot be created by anyone.
    (tmp_path / "file").write_text("x")
    with caplog.at_level(logging.WARNING, logger="langcheck"):
        cache = open_cache(tmp_path / "file" / "cache")
    assert cache is None
    (warning,) = _warnings(caplog)
    assert warning.startswith("embedding cache disabled: ")
    assert CachedEmbedder(FakeEmbedder(), cache).encode(["x"]).shape == (1, DIM)


def test_read_only_cache_folder_means_no_cache_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
    else:  # root can write anywhere: make the access check say what it says to a normal user
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == folder else real_access(p, mode, **kw))
    try:
        with caplog.at_level(logging.WARNING, logger="langcheck"):
            cache = open_cache(folder)
    finally:
        folder.chmod(0o755)
    assert cache is None
    assert _warnings(caplog) == [f"embedding cache disabled: {folder} is not writable"]
    assert list(folder.iterdir()) == []


# --- two runs sharing one cache -----------------------------------------------------------------

_WORKER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[3])
    from test_cache_robustness import FakeEmbedder
    from langcheck.embed.cache import CachedEmbedder, open_cache

    cache = open_cache(sys.argv[1])
    assert cache is not None, "cache could not be opened"
    embedder = CachedEmbedder(FakeEmbedder(), cache)
    worker = int(sys.argv[2])
    # Half of the texts are shared by both workers, half are their own, in batches like a run.
    for batch in range(40):
        texts = [f"shared {batch}-{i}" for i in range(25)] + [f"own {worker} {batch}-{i}" for i in range(25)]
        vectors = embedder.encode(texts)
        assert vectors.shape == (50, 16)
    print("done", embedder.computed)
    """
)


def test_two_processes_sharing_one_cache_both_succeed_with_all_rows(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(cache_dir), str(n), str(Path(__file__).parent)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for n in (1, 2)
    ]
    outputs = [w.communicate(timeout=120) for w in workers]
    for worker, (out, err) in zip(workers, outputs):
        assert worker.returncode == 0, err
        assert out.startswith("done")
        assert "warning" not in err.lower() and "disabled" not in err, err
    cache = EmbeddingCache(cache_dir / DB_NAME)
    assert cache.stats() == {FakeEmbedder.name: 40 * 25 * 3}  # shared + own 1 + own 2
    texts = [f"shared 39-{i}" for i in range(25)] + [f"own 2 0-{i}" for i in range(25)]
    assert np.allclose(np.stack(cache.get(FakeEmbedder.name, texts)), FakeEmbedder().encode(texts))
    cache.close()
    assert _integrity_ok(cache_dir / DB_NAME)


# --- interrupted runs ---------------------------------------------------------------------------


def test_a_put_aborted_mid_statement_leaves_none_of_its_rows(tmp_path: Path) -> None:
    rows = _fill(tmp_path, batches=2, size=100)
    cache = open_cache(tmp_path)
    assert cache is not None
    steps = iter(range(10_000))
    # The progress handler runs inside executemany; a non-zero answer aborts the statement
    # part-way, as a signal or a full disk would.
    cache._db.set_progress_handler(lambda: next(steps) > 50, 100)
    texts = [f"new {i}" for i in range(500)]
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        cache.put(FakeEmbedder.name, texts, FakeEmbedder().encode(texts))
    cache._db.set_progress_handler(None, 0)
    assert cache.stats() == {FakeEmbedder.name: rows}
    assert cache.get(FakeEmbedder.name, texts) == [None] * len(texts)
    cache.close()
    assert _integrity_ok(tmp_path / DB_NAME)


_WRITER = textwrap.dedent(
    """
    import sys, numpy as np
    from langcheck.embed.cache import open_cache

    cache = open_cache(sys.argv[1])
    vectors = np.ones((1000, 16), dtype=np.float32)
    batch = 0
    while True:
        cache.put("m", [f"{batch}-{i}" for i in range(1000)], vectors)
        batch += 1
        if batch == 1:
            print("writing", flush=True)
    """
)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill-9"])
def test_a_run_killed_while_writing_leaves_whole_batches_and_a_sound_database(tmp_path: Path, sig: int) -> None:
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "writing"
        writer.send_signal(sig)
        writer.wait(timeout=60)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert writer.returncode != 0
    cache = open_cache(tmp_path)
    assert cache is not None
    (count,) = cache.stats().values()
    assert count >= 1000 and count % 1000 == 0  # each batch is all there or not at all
    cache.close()
    assert _integrity_ok(tmp_path / DB_NAME)
    assert list(tmp_path.glob(f"{DB_NAME}.corrupt-*")) == []


def _row(*values: float) -> np.ndarray:
    return np.asarray(values, dtype=np.float32)


@pytest.mark.parametrize("rows", [
    [], [None], [None, None],
    [_row(1, 0), _row(0, 1), None],
    [_row(1, 0), _row(np.nan, 1), _row(0, np.inf)],  # one length, some not finite
    [_row(1, 0), _row(1, 0, 0), None],  # another length: each row is judged alone
    [_row(), _row()], [_row(), _row(1, 0)],  # empty rows
    [np.zeros((1, 2), dtype=np.float32), _row(1, 0)], [np.zeros((2, 2), dtype=np.float32)],
], ids=range(10))
def test_the_rows_of_a_look_up_are_judged_at_once_as_each_alone(rows) -> None:
    from langcheck.embed.cache import _sound, _sound_rows

    assert _sound_rows(rows) == [_sound(v) for v in rows]


# --- a cache of the older layout (a WITHOUT ROWID `embedding` table) -------------------------------

OLD_LAYOUT = ("CREATE TABLE embedding (model TEXT NOT NULL, text_sha256 BLOB NOT NULL, vector BLOB NOT NULL,"
              " PRIMARY KEY (model, text_sha256)) WITHOUT ROWID")
OLD_TEXTS = ["Der Minister traf am 3. März in Minsk ein.", "The minister arrived in Minsk on 3 March.",
             "El ministro llegó a Minsk el 3 de marzo.", "Le ministre est arrivé à Minsk le 3 mars.",
             "3 марта министр прибыл в Минск."]


def _old_cache(folder: Path) -> np.ndarray:
    """A cache as langcheck wrote it before the `vectors` table: OLD_TEXTS' vectors in it."""
    from langcheck.embed.cache import _key

    vectors = FakeEmbedder().encode(OLD_TEXTS)
    with sqlite3.connect(folder / DB_NAME) as conn:
        conn.execute(OLD_LAYOUT)
        conn.executemany("INSERT INTO embedding VALUES (?, ?, ?)",
                         [(FakeEmbedder.name, _key(t), v.tobytes()) for t, v in zip(OLD_TEXTS, vectors)])
    conn.close()
    return vectors


def test_an_older_caches_vectors_are_moved_and_served_not_computed_again(tmp_path: Path) -> None:
    old = _old_cache(tmp_path)
    embedder = CachedEmbedder(model := FakeEmbedder(), open_cache(tmp_path))
    assert np.array_equal(embedder.encode(OLD_TEXTS), old)
    assert model.calls == 0
    tables = {name for (name,) in embedder.cache._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "embedding" not in tables and "vectors" in tables
    assert embedder.cache.stats() == {FakeEmbedder.name: len(OLD_TEXTS)}
    embedder.cache.close()


def test_vectors_an_older_langcheck_wrote_after_the_move_are_moved_at_the_next_open(tmp_path: Path) -> None:
    _old_cache(tmp_path)
    open_cache(tmp_path).close()
    newer = ["Die Gespräche dauerten zwei Stunden.", "The talks lasted two hours."]
    from langcheck.embed.cache import _key

    with sqlite3.connect(tmp_path / DB_NAME) as conn:  # what an older version does on its next run
        conn.execute(OLD_LAYOUT)
        conn.executemany("INSERT INTO embedding VALUES (?, ?, ?)",
                         [(FakeEmbedder.name, _key(t), v.tobytes()) for t, v in zip(newer, FakeEmbedder().encode(newer))])
    conn.close()
    cache = open_cache(tmp_path)
    assert cache.stats() == {FakeEmbedder.name: len(OLD_TEXTS) + len(newer)}
    cache.close()


def test_an_old_table_of_another_shape_is_a_damaged_cache_rebuilt(tmp_path: Path, caplog) -> None:
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        conn.execute("CREATE TABLE embedding (model TEXT, something_else BLOB)")
    conn.close()
    with caplog.at_level(logging.WARNING, logger="langcheck"):
        cache = open_cache(tmp_path)
    assert cache is not None and cache.stats() == {}
    assert any("damaged" in r.getMessage() for r in caplog.records)
    cache.close()


def test_a_trigger_in_an_older_cache_never_runs_on_the_move(tmp_path: Path) -> None:
    # The checks come first: the move's inserts would run a hostile trigger's query.
    _old_cache(tmp_path)
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        conn.execute("CREATE TABLE vectors (model TEXT NOT NULL, text_sha256 BLOB NOT NULL, vector BLOB NOT NULL,"
                     " UNIQUE (model, text_sha256))")
        conn.execute("CREATE TABLE ran (x)")
        conn.execute("CREATE TRIGGER spy AFTER INSERT ON vectors BEGIN INSERT INTO ran VALUES (1); END")
    conn.close()
    cache = open_cache(tmp_path)
    assert cache is not None and cache.stats() == {}  # moved aside and rebuilt
    cache.close()
    (aside,) = tmp_path.glob(f"{DB_NAME}.corrupt-*")
    with sqlite3.connect(aside) as conn:
        assert conn.execute("SELECT count(*) FROM ran").fetchone() == (0,)
    conn.close()
