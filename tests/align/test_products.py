"""gram: the same product as `a @ b.T` whatever the tiling (small, row-tiled, column-tiled)."""

from __future__ import annotations

import numpy as np
import pytest

from langcheck.align import products
from langcheck.align.products import gram


@pytest.mark.parametrize("m, n, k", [(3, 4, 8), (40, 40, 512), (7, 1500, 512), (0, 5, 16), (2000, 3, 300)])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gram_is_the_plain_product(m: int, n: int, k: int, dtype) -> None:
    rng = np.random.default_rng(m * 31 + n)
    a, b = rng.standard_normal((m, k)).astype(dtype), rng.standard_normal((n, k)).astype(dtype)
    out = gram(a, b)
    assert out.shape == (m, n) and out.dtype == dtype
    np.testing.assert_allclose(out, a @ b.T, rtol=1e-5, atol=1e-4)


def test_large_products_are_tiled(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    class Recording(np.ndarray):
        def __matmul__(self, other):
            calls.append(self.shape[0] * other.shape[1] * self.shape[1])
            return np.asarray(self) @ np.asarray(other)

    a = np.ones((64, 512), dtype=np.float32).view(Recording)
    gram(a, np.ones((70, 512), dtype=np.float32))
    assert len(calls) > 1 and max(calls) <= products.TILE
