"""sentence-transformers backend, for users who bring their own model by name or local path.

Needs the optional extra: pip install 'langcheck[transformers]'. Runs offline: the hub is never
asked for weights, so a name must already be in the local Hugging Face cache, or be a path.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

import numpy as np

from langcheck.embed import EmbedderError

BATCH_SIZE = 32


class SentenceTransformerEmbedder:
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
            return np.zeros((0, model.get_sentence_embedding_dimension()), dtype=np.float32)
        vectors = model.encode(
            list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def _load(self):
        if self._model is not None:
            return self._model
        # No network here or in CI: never let the hub client try to download.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise EmbedderError(
                "the sentence-transformers backend is not installed: pip install 'langcheck[transformers]'"
            ) from None
        try:
            self._model = SentenceTransformer(self._name_or_path, device="cpu")
        except Exception as exc:  # the library raises many types (OSError, ValueError, HFValidationError)
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise EmbedderError(f"cannot load model '{self._name_or_path}': {first_line}") from None
        return self._model
