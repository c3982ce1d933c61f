"""sentence-transformers backend, for users who bring their own model by name or local path.

Needs the optional extra: pip install 'langcheck[transformers]'. Runs offline: the hub is never
asked for weights, so a name must already be in the local Hugging Face cache, or be a path.
The model loads on the first text not in the cache; its errors (missing extra, bad path) are
one-line `EmbedderError`s, and the libraries' progress bars and warnings stay off stderr.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from langcheck.embed import EmbedderError

BATCH_SIZE = 32
INSTALL_HINT = "pip install 'langcheck[transformers]'"
# Loggers that print warnings and progress while a model loads (revision lookups, weight
# loading reports); a check's stderr is for langcheck's own one-line messages.
_NOISY_LOGGERS = ("sentence_transformers", "transformers", "huggingface_hub")


class SentenceTransformerEmbedder:
    """`encode(texts)` -> float32 (len(texts), dim), L2-normalised, in batches of BATCH_SIZE."""

    def __init__(self, name_or_path: str) -> None:
        if not name_or_path:
            raise EmbedderError("empty model name: use --model st:NAME_OR_PATH")
        self._name_or_path = name_or_path
        path = Path(name_or_path).expanduser()
        # A local path is identified by its resolved location, so two checkouts share no entries.
        ident = str(path.resolve()) if path.exists() else name_or_path
        self.name = f"st:{ident}"
        self._model = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        model = self._load()
        if not texts:
            # Renamed in sentence-transformers 6; the extra allows >= 3.
            dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
            return np.zeros((0, dimension()), dtype=np.float32)
        vectors = model.encode(
            list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def _load(self):
        if self._model is not None:
            return self._model
        spec = self._name_or_path
        path = Path(spec).expanduser()
        if _looks_like_path(spec) and not path.is_dir():
            what = "not a folder" if path.exists() else "no such folder"
            raise EmbedderError(f"cannot load model '{spec}': {what}")
        # No network here or in CI: never let the hub client try to download.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise EmbedderError(f"the sentence-transformers backend is not installed: {INSTALL_HINT}") from None
        try:
            with _quiet_loading():
                self._model = SentenceTransformer(
                    str(path) if path.is_dir() else spec, device="cpu", local_files_only=True
                )
        except Exception as exc:  # the library raises many types (OSError, ValueError, HFValidationError)
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            hint = "" if path.is_dir() else " (a name must be in the local Hugging Face cache; nothing is downloaded)"
            raise EmbedderError(f"cannot load model '{spec}': {first_line}{hint}") from None
        return self._model


def _looks_like_path(spec: str) -> bool:
    # Hub names look like "org/name"; these forms can only mean a local folder.
    return spec.startswith(("/", ".", "~", "\\")) or Path(spec).is_absolute()


@contextlib.contextmanager
def _quiet_loading() -> Iterator[None]:
    """Silence the libraries' warnings and progress bars while a model loads, then restore them."""
    saved = [(logging.getLogger(name), logging.getLogger(name).level) for name in _NOISY_LOGGERS]
    bars = None
    try:
        from transformers.utils import logging as hf_logging

        bars = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()
    except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
        hf_logging = None
    for logger, _ in saved:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in saved:
            logger.setLevel(level)
        if hf_logging is not None and bars:
            hf_logging.enable_progress_bar()
