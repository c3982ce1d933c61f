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
import math
from itertools import accumulate
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
    lattice = _Lattice(n, lo, hi)
    anchor_cells = lattice.cells(1, 1)
    anchors = _best_path(
        lattice, [(1, 1), (1, 0)], {0: windows.cosines_at(1, 1, anchor_cells)}, [anchor_skip] * n, [anchor_skip] * m
    )

    # Second pass: m-n beads near the anchor path.
    lattice = _Lattice(n, *_band_around(anchors, n, m, band))
    types = [(a, b) for a in range(1, max_bead) for b in range(1, max_bead) if a + b <= max_bead]
    src_len = np.array([len(s) for s in src], dtype=np.float64)
    tgt_len = np.array([len(t) for t in tgt], dtype=np.float64)
    # Scale target lengths into source units: languages differ in characters per content.
    tgt_len *= (1.0 / length_ratio) if length_ratio else src_len.sum() / max(tgt_len.sum(), 1.0)
    src_cum = np.concatenate([[0.0], np.cumsum(src_len)])
    tgt_cum = np.concatenate([[0.0], np.cumsum(tgt_len)])

    # Every bead of every type at once, as flat arrays of cells (one per lattice point it ends
    # at): its sides' length agreement and whether it can be used at all.
    cells = {t: lattice.cells(a, b) for t, (a, b) in enumerate(types)}
    agreement, usable = {}, {}
    for t, (a, b) in enumerate(types):
        ends_i, ends_j = cells[t].i, cells[t].j
        ls = src_cum[ends_i] - src_cum[ends_i - a]
        lt = tgt_cum[ends_j] - tgt_cum[ends_j - b]
        agreement[t] = np.minimum(ls, lt) / np.maximum(np.maximum(ls, lt), 1.0)
        usable[t] = (
            np.ones(len(ends_i), dtype=bool) if a + b == 2 or not length_prior
            else agreement[t] >= min_length_ratio
        )

    # The windows the usable beads need, in the order the model should see them (row by row).
    needed = []
    usable_rows = {t: usable[t].tolist() for t in usable}
    for i in range(1, n + 1):
        for t, (a, b) in enumerate(types):
            if a > i or (a == 1 and b == 1):
                continue
            first, start, count = cells[t].row(i)
            ends = [first + k for k in range(count) if usable_rows[t][start + k]]
            if ends:
                needed.append((0, a, i))
                needed.extend((1, b, j) for j in ends)
    windows.require(needed)

    gains = {}
    for t, (a, b) in enumerate(types):
        scores = windows.cosines_at(a, b, cells[t])
        if length_prior:
            scores = scores * np.log2(1.0 + agreement[t])
            scores[~usable[t]] = -np.inf
        gains[t] = scores
    path = _best_path(lattice, types + [(1, 0)], gains, [skip] * n, [skip] * m)
    spans = [(i0, i1, j0, j1) for (i0, j0), (i1, j1) in zip(path, path[1:])]
    scores = windows.bead_cosines([(i1 - i0, i1, j1 - j0, j1) for i0, i1, j0, j1 in spans if i1 > i0 and j1 > j0])
    paired = iter(scores)
    return tuple(
        Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), next(paired) if i1 > i0 and j1 > j0 else 0.0)
        for i0, i1, j0, j1 in spans
    )


class _Windows:
    """Embeddings of windows (runs of consecutive units), computed on demand and kept.

    A window is (side, size, end): units `[end - size, end)` of the source (side 0) or target
    (side 1), embedded as their texts joined by a space.
    """

    def __init__(self, src: Sequence[str], tgt: Sequence[str], encode: Encode, compose: bool = False) -> None:
        self._texts = (src, tgt)
        self._encode = encode
        self._compose = compose
        # The window's row in the vector matrix, for every window embedded so far.
        self._rows: dict[tuple[int, int, int], int] = {}
        self._chunks: list[np.ndarray] = []
        self._matrix: np.ndarray | None = None
        # _index's arrays, rebuilt after each store.
        self._indexes: dict[tuple[int, int], np.ndarray] = {}

    def _index(self, side: int, size: int) -> np.ndarray:
        """rows[end]: the row of window (side, size, end) in the vector matrix, -1 if not embedded."""
        key = (side, size)
        if key not in self._indexes:
            rows = [-1] * (len(self._texts[side]) + 1)
            for (s, z, end), row in self._rows.items():
                if s == side and z == size:
                    rows[end] = row
            self._indexes[key] = np.array(rows, dtype=np.int64)
        return self._indexes[key]

    def require(self, keys: Sequence[tuple[int, int, int]]) -> None:
        missing = list(dict.fromkeys(k for k in keys if k not in self._rows))
        if not missing:
            return
        if self._compose:
            # Composed windows: the normalised sum of the unit vectors, no model call. Only the
            # single units are embedded (and must be, first).
            singles = [k for k in missing if k[1] == 1]
            units = {(side, 1, e) for side, size, end in missing if size > 1 for e in range(end - size + 1, end + 1)}
            singles += [k for k in units if k not in self._rows and k not in singles]
            if singles:
                self._store(singles, self._embed(singles))
            multi = [k for k in missing if k[1] > 1]
            if multi:
                # One sum per window size over all its windows: the rows are added one after
                # the other, as `.sum(axis=0)` of each window's units would add them.
                matrix = self._vectors()
                by_size: dict[tuple[int, int], list[int]] = {}
                for side, size, end in multi:
                    by_size.setdefault((side, size), []).append(end)
                keys, sums = [], []
                for (side, size), ends in by_size.items():
                    total = matrix[[self._rows[(side, 1, end - size + 1)] for end in ends]].copy()
                    for offset in range(2, size + 1):
                        total += matrix[[self._rows[(side, 1, end - size + offset)] for end in ends]]
                    keys.extend((side, size, end) for end in ends)
                    sums.append(total)
                self._store(keys, _normalised(np.concatenate(sums)))
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
        self._rows.update(zip(keys, range(len(self._rows), len(self._rows) + len(keys))))
        self._chunks.append(vectors)
        self._matrix = None
        self._indexes.clear()

    def _vectors(self) -> np.ndarray:
        if self._matrix is None:
            self._matrix = np.concatenate(self._chunks)
        return self._matrix

    def cosines_at(self, a: int, b: int, cells: "_Cells") -> np.ndarray:
        """Cosine of the source window (a, end i) with the target window (b, end j) for every
        cell (i, j) of one bead type, shape (len(cells),); -inf where a window was never embedded.

        One matrix product per block of rows (all of them for a short document), not one per
        row: the cells of a block lie in the rectangle of its rows and their target range.
        """
        out = np.full(len(cells), -np.inf)
        if not len(out):
            return out
        matrix = self._vectors()
        src_rows, tgt_rows = self._index(0, a), self._index(1, b)
        embedded = (src_rows[cells.i] >= 0) & (tgt_rows[cells.j] >= 0)
        for first, last in cells.blocks():
            ends_i, ends_j = cells.i[first:last], cells.j[first:last]
            r0, c0, c1 = int(ends_i[0]), int(ends_j.min()), int(ends_j.max())
            product = matrix[src_rows[r0 : int(ends_i[-1]) + 1]] @ matrix[tgt_rows[c0 : c1 + 1]].T
            out[first:last] = product[ends_i - r0, ends_j - c0]
        out[~embedded] = -np.inf
        return out

    def bead_cosines(self, beads: Sequence[tuple[int, int, int, int]]) -> list[float]:
        """Cosine of the two sides of each bead (a, end i, b, end j); both windows embedded."""
        if not beads:
            return []
        matrix = self._vectors()
        src = matrix[[self._rows[(0, a, i)] for a, i, _, _ in beads]]
        tgt = matrix[[self._rows[(1, b, j)] for _, _, b, j in beads]]
        return np.einsum("ij,ij->i", src, tgt).astype(np.float64).tolist()


def _normalised(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32, copy=False)


class _Cells:
    """The lattice points (i, j) at which beads of one type (a, b) can end, row by row.

    `i`, `j` (shape (K,)) list them in row order; row i holds the ends j = first[i] ..
    first[i] + count[i] - 1 (those whose bead starts inside the band of row i - a) at flat
    positions start[i] ..
    """

    def __init__(self, lattice: "_Lattice", a: int, b: int) -> None:
        lo, hi = lattice.lo_list, lattice.hi_list
        self.first, self.start, self.count = [0] * (lattice.n + 1), [0] * (lattice.n + 1), [0] * (lattice.n + 1)
        total = 0
        for i in range(a, lattice.n + 1):
            first = max(lo[i], lo[i - a] + b)
            count = max(min(hi[i], hi[i - a] + b) - first + 1, 0)
            self.first[i], self.start[i], self.count[i] = first, total, count
            total += count
        count = np.array(self.count, dtype=np.int64)
        self.i = np.repeat(np.arange(lattice.n + 1), count)
        self.j = np.arange(total) - np.repeat(np.array(self.start) - np.array(self.first), count)

    def __len__(self) -> int:
        return len(self.i)

    def row(self, i: int) -> tuple[int, int, int]:
        """(first end, flat position of it, number of ends) of row i."""
        return self.first[i], self.start[i], self.count[i]

    def blocks(self, rows: int = 64) -> list[tuple[int, int]]:
        """Flat ranges of up to `rows` consecutive rows (non-empty)."""
        out = []
        for r in range(0, len(self.start), rows):
            first = self.start[r]
            last = self.start[min(r + rows, len(self.start)) - 1] + self.count[min(r + rows, len(self.start)) - 1]
            if last > first:
                out.append((first, last))
        return out


class _Lattice:
    """A banded lattice: row i (0..n, source units consumed) allows target positions lo[i]..hi[i]."""

    def __init__(self, n: int, lo: np.ndarray, hi: np.ndarray) -> None:
        self.n, self.lo, self.hi = n, lo, hi
        self.lo_list, self.hi_list = lo.tolist(), hi.tolist()
        self._cells: dict[tuple[int, int], _Cells] = {}

    def cells(self, a: int, b: int) -> _Cells:
        if (a, b) not in self._cells:
            self._cells[(a, b)] = _Cells(self, a, b)
        return self._cells[(a, b)]

    def mean_width(self) -> float:
        return (sum(self.hi_list) - sum(self.lo_list)) / len(self.lo_list) + 1


# Rows narrower than this on average are solved in plain Python (no call per row and bead
# type into numpy, whose overhead dominates on short documents); wider ones row-vectorised.
_PYTHON_WIDTH = 40


def _best_path(
    lattice: _Lattice,
    types: Sequence[tuple[int, int]],
    gains: dict[int, np.ndarray],
    src_skip: Sequence[float],
    tgt_skip: Sequence[float],
) -> list[tuple[int, int]]:
    """Highest-scoring monotone path from (0, 0) to (n, m) through the banded lattice.

    `types` are the bead shapes (a, b) with a >= 1; (1, 0) leaving out source unit i - 1 scores
    src_skip[i - 1], a type t with b >= 1 scores `gains[t]`, one per cell of
    `lattice.cells(a, b)`. 0-1 beads, leaving out target unit j - 1 for tgt_skip[j - 1]
    (lengths n and m), are added within each row. Returns the lattice points of the path,
    (0, 0) first. Ties go to the earlier type, then to a bead over a 0-1 chain.
    """
    cells = {t: lattice.cells(a, b) for t, (a, b) in enumerate(types) if b}
    tgt_cum = list(accumulate(tgt_skip, initial=0.0))
    solve = _rows_python if lattice.mean_width() < _PYTHON_WIDTH else _rows_numpy
    back = solve(lattice, types, cells, gains, list(src_skip), tgt_cum)
    path = [(lattice.n, int(lattice.hi[-1]))]
    i, j = path[0]
    lo = lattice.lo_list
    while (i, j) != (0, 0):
        t = back[i][j - lo[i]]
        a, b = (0, 1) if t == -1 else types[t]
        i, j = i - a, j - b
        path.append((i, j))
    return path[::-1]


def _rows_python(lattice, types, cells, gains, src_skip, tgt_cum) -> list[list[int]]:
    """The programme of `_best_path` in plain floats; returns each row's back-pointers (index
    into types, -1 for a 0-1 bead, -2 where nothing arrives)."""
    lo, hi = lattice.lo_list, lattice.hi_list
    flat = {t: g.tolist() for t, g in gains.items()}
    cost: list[list[float]] = []
    back: list[list[int]] = []
    for i in range(lattice.n + 1):
        left = lo[i]
        width = hi[i] - left + 1
        row = [-math.inf] * width
        came = [-2] * width
        if i == 0:
            row[0] = 0.0
        for t, (a, b) in enumerate(types):
            if a > i:
                continue
            p = i - a
            first, last = max(left, lo[p] + b), min(hi[i], hi[p] + b)
            prev, shift = cost[p], lo[p] + b
            if b == 0:
                gain = src_skip[i - 1]
                for j in range(first, last + 1):
                    cand = prev[j - shift] + gain
                    if cand > row[j - left]:
                        row[j - left], came[j - left] = cand, t
            else:
                scores, offset = flat[t], cells[t].start[i] - first
                for j in range(first, last + 1):
                    cand = prev[j - shift] + scores[offset + j]
                    if cand > row[j - left]:
                        row[j - left], came[j - left] = cand, t
        # 0-1 beads chain along the row: best[j] = max_k row[k] + offsets[j] - offsets[k] with
        # offsets the cumulative skip scores, so one running max replaces a loop over k.
        # Compared in the shifted space: adding the offsets back first could turn a tie into a
        # rounding-error "improvement" that the back-trace would then follow.
        base, running = tgt_cum[left], -math.inf
        for k in range(width):
            offset = tgt_cum[left + k] - base
            shifted = row[k] - offset
            if running > shifted:
                row[k], came[k] = running + offset, -1
            else:
                running = shifted
        cost.append(row)
        back.append(came)
    if not math.isfinite(cost[-1][-1]):
        raise AssertionError("band lost the end point")  # _band_around always keeps it
    return back


def _rows_numpy(lattice, types, cells, gains, src_skip, tgt_cum) -> list[np.ndarray]:
    """`_rows_python` vectorised along each row (for wide bands: long documents' anchor pass)."""
    lo, hi = lattice.lo, lattice.hi
    tgt_cum = np.array(tgt_cum)
    cost: list[np.ndarray] = []
    back: list[np.ndarray] = []
    for i in range(lattice.n + 1):
        width = hi[i] - lo[i] + 1
        row = np.full(width, -np.inf)
        came = np.full(width, -2, dtype=np.int64)
        if i == 0:
            row[0] = 0.0
        for t, (a, b) in enumerate(types):
            if a > i:
                continue
            p = i - a
            js = np.arange(max(lo[i], lo[p] + b), min(hi[i], hi[p] + b) + 1, dtype=np.int64)
            if not len(js):
                continue
            prev = cost[p][js - b - lo[p]]
            if b == 0:
                cand = prev + src_skip[i - 1]
            else:
                start = cells[t].start[i]
                cand = prev + gains[t][start : start + len(js)]
            k = js - lo[i]
            better = cand > row[k]
            row[k[better]] = cand[better]
            came[k[better]] = t
        offsets = tgt_cum[lo[i] : hi[i] + 1] - tgt_cum[lo[i]]
        shifted = row - offsets
        running = np.maximum.accumulate(shifted)
        via_insert = running > shifted
        row = np.where(via_insert, running + offsets, row)
        came[via_insert] = -1
        cost.append(row)
        back.append(came)
    if not np.isfinite(cost[-1][-1]):
        raise AssertionError("band lost the end point")  # _band_around always keeps it
    return back


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
