"""Matrix products of embeddings in tiles small enough that BLAS computes them on one thread.

OpenBLAS (numpy's) starts its threads for a product of more than about 2^19 multiply-adds
(M * N * K); the alignment's products are many and small, and on a busy machine each threaded
one burns milliseconds of CPU in waiting threads for microseconds of arithmetic (measured:
64 x 70 windows of 512 dimensions, 7.6 ms CPU threaded, 0.08 ms on one thread). Tiling keeps
every call under that size, so the cost stays the arithmetic's.
"""

from __future__ import annotations

import numpy as np

# Multiply-adds per call: at or below the size at which BLAS libraries keep to one thread.
TILE = 1 << 19


def gram(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """`a @ b.T` for row vectors a (M, K) and b (N, K), shape (M, N), in single-thread tiles."""
    m, k = a.shape
    n = b.shape[0]
    if m * n * max(k, 1) <= TILE or m == 0 or n == 0:
        return a @ b.T
    out = np.empty((m, n), dtype=np.result_type(a, b))
    columns = max(1, min(n, TILE // max(k, 1)))
    rows = max(1, TILE // (columns * max(k, 1)))
    for c in range(0, n, columns):
        right = b[c : c + columns].T
        for r in range(0, m, rows):
            out[r : r + rows, c : c + columns] = a[r : r + rows] @ right
    return out
