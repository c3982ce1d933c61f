"""Monotone m-n alignment of two sequences of text units (sentences or paragraphs).

The aligner takes an `encode` function, not a model: `encode(texts)` returns L2-normalised row
vectors of shape (len(texts), dim). It is the only way embeddings come in, so the aligner is
model-agnostic and testable with fake vectors; the caller wraps its model with a cache.

Algorithm (the two-pass idea of Bertalign, Liu & Zhu 2022, with Vecalign's windows, Thompson &
Koehn 2019):

1. Embed every unit once: `S` (n, dim) for the source, `T` (m, dim) for the target.
2. First pass, anchors: a 1-1 / 1-0 / 0-1 dynamic programme over the cosine similarities
   `S @ T.T`, computed only inside a band of `anchor_band + |n - m|` target units around the
   diagonal, so its cost is linear in the length of the document. Its path is a coarse,
   monotone guess of where each source unit lands.
3. Second pass, beads: an exact m-n dynamic programme restricted to `band` target units either
   side of the anchor path. A bead (a, b) ending at lattice point (i, j) covers `src[i-a:i]` and
   `tgt[j-b:j]`; each side is embedded as one text (the units joined by a space) and the bead
   scores

       cos(src window, tgt window) * log2(1 + min(ls, lt) / max(ls, lt))

   where ls, lt are the character lengths of the two sides (the target's scaled by the ratio of
   the two documents' total lengths). 1-0 and 0-1 beads score `skip`. The programme maximises
   the sum of bead scores. One score per bead is what makes the bead size come out right: the
   cosine of a concatenation barely drops as units are added, so two good 1-1 beads (two
   scores) beat one 2-2 bead (one score), while a unit that only makes sense together with its
   neighbour raises the merged bead's cosine and length prior more than it would earn alone.
4. Only windows some bead inside the band can use are embedded; a multi-unit bead whose shorter
   side has under `min_length_ratio` of the longer side's length is not considered (it could
   hardly win under the length prior), which spares most windows of 4 units.

Defaults were tuned on the Text+Berg dev article and hold on its 7 test articles (strict F1
0.920 with the bundled USE model; benchmarks/align_textberg.py). `band` 3 scores as 5 does;
a skip score of -0.15 beats -0.1 and -0.05; beads of up to 5 units beat 4.

Cost: O((n + m) * band * bead types) for the programmes, at most (n + m) * (max_bead - 1)
window texts embedded (about 2.5 per unit on Text+Berg), memory linear in n + m.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

Encode = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Bead:
    """One aligned unit: source and target indexes (0-based, consecutive, possibly empty)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float  # cosine of the two sides' embeddings; 0.0 for 1-0 / 0-1


def align_beads(
    src: Sequence[str],
    tgt: Sequence[str],
    encode: Encode,
    *,
    max_bead: int = 5,
    band: int = 3,
    anchor_band: int = 100,
    skip: float = -0.15,
    anchor_skip: float = -0.1,
    length_prior: bool = True,
    min_length_ratio: float = 0.4,
    compose_windows: bool = False,
    length_ratio: float | None = None,
) -> tuple[Bead, ...]:
    """Monotone alignment covering every src and tgt index exactly once, in order.

    `max_bead` bounds the units in one bead (a + b, both sides non-empty): 5 allows 1-1, 1-2,
    2-1, 2-2, 1-3, 3-1, 1-4, 4-1, 2-3, 3-2. `band` is the half-width, in target units, of the
    second-pass search around the anchor path; `anchor_band` that of the first pass around the
    diagonal (widened by |n - m|). `skip` is the score of a 1-0 or 0-1 bead (negative: leaving a
    unit out must cost something); `anchor_skip` the same in the first pass. `length_prior`
    multiplies each bead's cosine by the character-length agreement of its sides;
    `min_length_ratio` drops multi-unit beads whose shorter side is below that fraction of the
    longer one (ignored without the length prior). `compose_windows` builds a multi-unit window's
    vector as the normalised sum of its units' vectors instead of embedding the joined text: no
    model call beyond the units themselves. Long units (paragraphs) carry enough content for the
    sum to stand in for the joined text; short ones (sentences) align better embedded.
    `length_ratio` is how many characters the target language spends on what the source says
    in one; by default the ratio of the two sequences' total lengths. Pass it when the sequences
    are short pieces (the sentences of one paragraph) whose totals may differ by the very
    sentence that one side lacks: the default would then blur exactly the evidence sought.
    """
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return tuple(Bead((i,), (), 0.0) for i in range(n)) + tuple(
            Bead((), (j,), 0.0) for j in range(m)
        )
    if max_bead < 2:
        raise ValueError("max_bead must be at least 2 (a 1-1 bead)")

    windows = _Windows(src, tgt, encode, compose=compose_windows)
    windows.require([(0, 1, i) for i in range(1, n + 1)] + [(1, 1, j) for j in range(1, m + 1)])

    # First pass: 1-1 anchors on a diagonal band.
    width = anchor_band + abs(n - m)
    centre = np.arange(n + 1) * (m / n)
    lo = np.clip(np.ceil(centre - width), 0, m).astype(np.int64)
    hi = np.clip(np.floor(centre + width), 0, m).astype(np.int64)
    lo[0], hi[-1] = 0, m

    def anchor_score(a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        return windows.cosines(a, i, b, js)

    anchors = _best_path(
        n, m, lo, hi, [(1, 1), (1, 0)], anchor_score, np.full(n, anchor_skip), np.full(m, anchor_skip)
    )

    # Second pass: m-n beads near the anchor path.
    lo, hi = _band_around(anchors, n, m, band)
    types = [(a, b) for a in range(1, max_bead) for b in range(1, max_bead) if a + b <= max_bead]
    src_len = np.array([len(s) for s in src], dtype=np.float64)
    tgt_len = np.array([len(t) for t in tgt], dtype=np.float64)
    # Scale target lengths into source units: languages differ in characters per content.
    tgt_len *= (1.0 / length_ratio) if length_ratio else src_len.sum() / max(tgt_len.sum(), 1.0)
    src_cum = np.concatenate([[0.0], np.cumsum(src_len)])
    tgt_cum = np.concatenate([[0.0], np.cumsum(tgt_len)])

    def length_agreement(a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        ls = src_cum[i] - src_cum[i - a]
        lt = tgt_cum[js] - tgt_cum[js - b]
        return np.minimum(ls, lt) / np.maximum(np.maximum(ls, lt), 1.0)

    def usable(a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        if a + b == 2 or not length_prior:
            return np.ones(len(js), dtype=bool)
        return length_agreement(a, b, i, js) >= min_length_ratio

    needed = []
    for i in range(1, n + 1):
        for a, b in types:
            if a > i or (a == 1 and b == 1):
                continue
            js = _row_moves(lo, hi, i, a, b)
            js = js[usable(a, b, i, js)]
            if len(js):
                needed.append((0, a, i))
                needed.extend((1, b, int(j)) for j in js)
    windows.require(needed)

    def bead_score(a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        scores = windows.cosines(a, i, b, js)
        if length_prior:
            scores = scores * np.log2(1.0 + length_agreement(a, b, i, js))
            scores[~usable(a, b, i, js)] = -np.inf
        return scores

    path = _best_path(n, m, lo, hi, types + [(1, 0)], bead_score, np.full(n, skip), np.full(m, skip))
    beads = []
    for (i0, j0), (i1, j1) in zip(path, path[1:]):
        score = windows.cosines(i1 - i0, i1, j1 - j0, np.array([j1]))[0] if i1 > i0 and j1 > j0 else 0.0
        beads.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), float(score)))
    return tuple(beads)


class _Windows:
    """Embeddings of windows (runs of consecutive units), computed on demand and kept.

    A window is (side, size, end): units `[end - size, end)` of the source (side 0) or target
    (side 1), embedded as their texts joined by a space.
    """

    def __init__(self, src: Sequence[str], tgt: Sequence[str], encode: Encode, compose: bool = False) -> None:
        self._texts = (src, tgt)
        self._encode = encode
        self._compose = compose
        # rows[(side, size)][end] is the window's row in the vector matrix, -1 if not embedded.
        self._rows: dict[tuple[int, int], np.ndarray] = {}
        self._chunks: list[np.ndarray] = []
        self._count = 0
        self._matrix: np.ndarray | None = None

    def _index(self, side: int, size: int) -> np.ndarray:
        key = (side, size)
        if key not in self._rows:
            self._rows[key] = np.full(len(self._texts[side]) + 1, -1, dtype=np.int64)
        return self._rows[key]

    def require(self, keys: Sequence[tuple[int, int, int]]) -> None:
        missing = list(dict.fromkeys(k for k in keys if self._index(k[0], k[1])[k[2]] < 0))
        if not missing:
            return
        if self._compose:
            # Composed windows: the normalised sum of the unit vectors, no model call. Only the
            # single units are embedded (and must be, first).
            singles = [k for k in missing if k[1] == 1]
            units = {(side, 1, e) for side, size, end in missing if size > 1 for e in range(end - size + 1, end + 1)}
            singles += [k for k in units if self._index(k[0], 1)[k[2]] < 0 and k not in singles]
            if singles:
                self._store(singles, self._embed(singles))
            multi = [k for k in missing if k[1] > 1]
            if multi:
                matrix = self._vectors()
                sums = np.stack([
                    matrix[self._index(side, 1)[end - size + 1 : end + 1]].sum(axis=0) for side, size, end in multi
                ])
                self._store(multi, _normalised(sums))
            return
        self._store(missing, self._embed(missing))

    def _embed(self, keys: Sequence[tuple[int, int, int]]) -> np.ndarray:
        texts = [" ".join(self._texts[side][end - size : end]) for side, size, end in keys]
        vectors = np.asarray(self._encode(texts), dtype=np.float32)
        if vectors.shape[0] != len(texts):
            raise ValueError(f"encode returned {vectors.shape[0]} vectors for {len(texts)} texts")
        # Normalise again: a caller's model may not, and cosines must stay in [-1, 1].
        return _normalised(vectors)

    def _store(self, keys: Sequence[tuple[int, int, int]], vectors: np.ndarray) -> None:
        for r, (side, size, end) in enumerate(keys):
            self._index(side, size)[end] = self._count + r
        self._count += len(keys)
        self._chunks.append(vectors)
        self._matrix = None

    def _vectors(self) -> np.ndarray:
        if self._matrix is None:
            self._matrix = np.concatenate(self._chunks)
        return self._matrix

    def cosines(self, a: int, i: int, b: int, js: np.ndarray) -> np.ndarray:
        """Cosine of the source window (a, end i) with the target windows (b, end j) for j in
        js, shape (len(js),); -inf where a window was never embedded."""
        matrix = self._vectors()
        out = np.full(len(js), -np.inf)
        src_row = self._index(0, a)[i]
        if src_row < 0:
            return out
        rows = self._index(1, b)[js]
        ok = rows >= 0
        out[ok] = matrix[rows[ok]] @ matrix[src_row]
        return out


def _normalised(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32, copy=False)


ScoreFn = Callable[[int, int, int, np.ndarray], np.ndarray]


def _row_moves(lo: np.ndarray, hi: np.ndarray, i: int, a: int, b: int) -> np.ndarray:
    """Target ends j of row i whose bead (a, b) starts inside the band of row i - a."""
    p = i - a
    first = max(lo[i], lo[p] + b)
    last = min(hi[i], hi[p] + b)
    return np.arange(first, last + 1, dtype=np.int64)


def _best_path(
    n: int,
    m: int,
    lo: np.ndarray,
    hi: np.ndarray,
    types: Sequence[tuple[int, int]],
    score: ScoreFn,
    src_skip: np.ndarray,
    tgt_skip: np.ndarray,
) -> list[tuple[int, int]]:
    """Highest-scoring monotone path from (0, 0) to (n, m) through the banded lattice.

    Row i (0..n, source units consumed) allows target positions lo[i]..hi[i]. `types` are the
    bead shapes (a, b) with a >= 1; (1, 0) leaving out source unit i - 1 scores src_skip[i - 1],
    the others `score(a, b, i, js)` for a vector of ends js. 0-1 beads, leaving out target unit
    j - 1 for tgt_skip[j - 1] (shapes (n,) and (m,)), are added within each row. Returns the
    lattice points of the path, (0, 0) first.
    """
    tgt_cum = np.concatenate([[0.0], np.cumsum(tgt_skip)])
    cost: list[np.ndarray] = []
    back: list[np.ndarray] = []  # index into types, or -1 for a 0-1 bead, -2 at the start
    for i in range(n + 1):
        width = hi[i] - lo[i] + 1
        row = np.full(width, -np.inf)
        came = np.full(width, -2, dtype=np.int64)
        if i == 0:
            row[0] = 0.0
        for t, (a, b) in enumerate(types):
            if a > i:
                continue
            js = _row_moves(lo, hi, i, a, b)
            if not len(js):
                continue
            prev = cost[i - a][js - b - lo[i - a]]
            gain = np.full(len(js), src_skip[i - 1]) if b == 0 else score(a, b, i, js)
            cand = prev + gain
            k = js - lo[i]
            better = cand > row[k]
            row[k[better]] = cand[better]
            came[k[better]] = t
        # 0-1 beads chain along the row: best[j] = max_k row[k] + offsets[j] - offsets[k] with
        # offsets the cumulative skip scores, so one running max replaces a loop over k.
        # Compared in the shifted space: adding the offsets back first could turn a tie into a
        # rounding-error "improvement" that the back-trace would then follow.
        offsets = tgt_cum[lo[i] : hi[i] + 1] - tgt_cum[lo[i]]
        shifted = row - offsets
        running = np.maximum.accumulate(shifted)
        via_insert = running > shifted
        row = np.where(via_insert, running + offsets, row)
        came[via_insert] = -1
        cost.append(row)
        back.append(came)
    if not np.isfinite(cost[n][m - lo[n]]):
        raise AssertionError("band lost the end point")  # _band_around always keeps it
    path = [(n, m)]
    i, j = n, m
    while (i, j) != (0, 0):
        t = back[i][j - lo[i]]
        a, b = (0, 1) if t == -1 else types[t]
        i, j = i - a, j - b
        path.append((i, j))
    return path[::-1]


def _band_around(path: Sequence[tuple[int, int]], n: int, m: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Per-row target range (lo, hi), each shape (n + 1,), covering the path +- width and
    non-decreasing, so every bead between neighbouring rows stays reachable."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for i, j in path:
        lo[i] = min(lo[i], j)
        hi[i] = max(hi[i], j)
    lo = np.clip(lo - width, 0, m)
    hi = np.clip(hi + width, 0, m)
    # Monotone envelopes: a later row never starts before an earlier one may end up.
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    return lo, hi
