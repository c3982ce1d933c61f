"""A fake multilingual encoder for alignment tests.

A text is a sequence of tokens like `de:apple`; the language prefix is ignored and each
meaning word maps to a fixed random unit vector, so `de:apple` and `ru:apple` are the same
content in two languages. A joined window embeds as the normalised sum of its words.
"""

from __future__ import annotations

import hashlib
from typing import Sequence

import numpy as np

DIM = 64


def _word_vector(word: str) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:4], "little")
    vector = np.random.default_rng(seed).standard_normal(DIM)
    return vector / np.linalg.norm(vector)


def encode(texts: Sequence[str]) -> np.ndarray:
    rows = []
    for text in texts:
        words = [token.split(":", 1)[-1] for token in text.split()] or ["<empty>"]
        total = np.sum([_word_vector(w) for w in words], axis=0)
        rows.append(total / max(np.linalg.norm(total), 1e-12))
    return np.asarray(rows, dtype=np.float32)


def version(lang: str, meanings: str) -> list[str]:
    """`version("de", "a b c+d")` -> paragraphs ["de:a", "de:b", "de:c de:d"]."""
    return [" ".join(f"{lang}:{word}" for word in paragraph.split("+")) for paragraph in meanings.split()]
