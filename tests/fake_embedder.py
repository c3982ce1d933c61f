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
