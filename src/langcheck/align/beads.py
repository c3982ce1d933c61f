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
   hardly win under the length prior), which spares most windows of 4 units. Composed windows
   (`compose_windows`) cost no model call, so all of them are summed at once.

The programmes are solved in plain floats where the band is narrow (a release's paragraphs,
where numpy's per-call overhead would dominate) and vectorised along each row where it is wide
(a long document's anchor pass); the cosines of all beads of a pass come from one matrix
product per block of rows. When the target has no more units than `band`, the band already
spans it whole and the anchor pass is skipped.

Defaults were tuned on the Text+Berg dev article and hold on its 7 test articles (strict F1
0.920 with the bundled USE model; benchmarks/align_textberg.py). `band` 3 scores as 5 does;
a skip score of -0.15 beats -0.1 and -0.05; beads of up to 5 units beat 4.

Cost: O((n + m) * band * bead types) for the programmes, at most (n + m) * (max_bead - 1)
window texts embedded (about 2.5 per unit on Text+Berg), memory linear in n + m.
"""

from __future__ import annotations

from dataclasses import dataclass
import math
import threading
from itertools import accumulate
from typing import Callable, Sequence

import numpy as np

from langcheck.align.products import gram

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

    windows = _Windows(src, tgt, encode, max_size=max_bead - 1, compose=compose_windows)

    if m <= band:
        # The second pass's band spans every target unit whatever the anchor path is.
        lo, hi = np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)
    else:
        # First pass: 1-1 anchors on a diagonal band.
        width = anchor_band + abs(n - m)
        if width >= m:  # (every row's range is the whole target: what the formula gives then)
            lo, hi = np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)
        else:
            centre = np.arange(n + 1) * (m / n)
            lo = np.clip(np.ceil(centre - width), 0, m).astype(np.int64)
            hi = np.clip(np.floor(centre + width), 0, m).astype(np.int64)
            lo[0], hi[-1] = 0, m
        cells = _cells(n, lo, hi, ((1, 1), (1, 0)))
        anchors = _best_path(cells, windows.cosines(cells), [anchor_skip] * n, [anchor_skip] * m)
        lo, hi = _band_around(anchors, n, m, band)

    # Second pass: m-n beads near the anchor path.
    types = tuple((a, b) for a in range(1, max_bead) for b in range(1, max_bead) if a + b <= max_bead) + ((1, 0),)
    cells = _cells(n, lo, hi, types)
    src_len = np.array([len(s) for s in src], dtype=np.float64)
    tgt_len = np.array([len(t) for t in tgt], dtype=np.float64)
    # Scale target lengths into source units: languages differ in characters per content.
    tgt_len *= (1.0 / length_ratio) if length_ratio else src_len.sum() / max(tgt_len.sum(), 1.0)
    src_cum = np.concatenate([[0.0], np.cumsum(src_len)])
    tgt_cum = np.concatenate([[0.0], np.cumsum(tgt_len)])

    # Every bead of every type at once, one cell per lattice point it can end at: its sides'
    # length agreement and whether it can be used at all.
    ls = src_cum[cells.i] - src_cum[cells.i - cells.a]
    lt = tgt_cum[cells.j] - tgt_cum[cells.j - cells.b]
    agreement = np.minimum(ls, lt) / np.maximum(np.maximum(ls, lt), 1.0)
    usable = (cells.a + cells.b == 2) | (agreement >= min_length_ratio) if length_prior else np.ones(len(cells), dtype=bool)

    if not compose_windows:
        # The windows the usable beads need, in the order the model should see them (row by row).
        needed = []
        usable_list = usable.tolist()
        for i in range(1, n + 1):
            for t, (a, b) in enumerate(types):
                if a > i or b == 0 or (a == 1 and b == 1):
                    continue
                first, start, count = cells.row(t, i)
                ends = [first + k for k in range(count) if usable_list[start + k]]
                if ends:
                    needed.append((0, a, i))
                    needed.extend((1, b, j) for j in ends)
        windows.require(needed)

    gains = windows.cosines(cells)
    if length_prior:
        gains = gains * np.log2(1.0 + agreement)
        gains[~usable] = -np.inf
    path = _best_path(cells, gains, [skip] * n, [skip] * m)
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
    (side 1), embedded as their texts joined by a space, or with `compose` as the normalised
    sum of its units' vectors. The single units are embedded at once (one model call); with
    `compose`, so is every window of up to `max_size` units, since that costs no model call.
    """

    def __init__(self, src: Sequence[str], tgt: Sequence[str], encode: Encode, *, max_size: int, compose: bool) -> None:
        self._texts = (src, tgt)
        self._encode = encode
        # _index[side][size, end]: the window's row in the vector matrix, -1 if not embedded.
        self._index = [np.full((max_size + 1, len(texts) + 1), -1, dtype=np.int64) for texts in (src, tgt)]
        # The single units first, source then target, in one model call (rows 0 .. n + m - 1).
        n, m = len(src), len(tgt)
        self._index[0][1, 1:] = np.arange(n)
        self._index[1][1, 1:] = np.arange(n, n + m)
        self._chunks: list[np.ndarray] = [self._embed_texts([*src, *tgt])]
        self._count = n + m
        self._matrix: np.ndarray | None = None
        # Composed, every window a bead can use is embedded (sizes up to max_size, all ends).
        self._complete = compose
        if compose:
            # Each size's windows summed at once: the units are added one after the other, as
            # `.sum(axis=0)` of each window's unit vectors would add them.
            units = self._chunks[0]
            sums = []
            for side, (first, count) in enumerate(((0, n), (n, m))):
                for size in range(2, min(max_size, count) + 1):
                    total = units[first : first + count - size + 1].copy()
                    for offset in range(1, size):
                        total += units[first + offset : first + count - size + 1 + offset]
                    # Windows of this size end at size .. count: their rows, in that order.
                    self._index[side][size, size:] = np.arange(self._count, self._count + len(total))
                    self._count += len(total)
                    sums.append(total)
            if sums:
                self._chunks.append(_normalised(np.concatenate(sums)))

    def require(self, keys: Sequence[tuple[int, int, int]]) -> None:
        """Embed the windows `keys` that are not yet, in that order (one model call)."""
        missing = list(dict.fromkeys(k for k in keys if self._index[k[0]][k[1], k[2]] < 0))
        if missing:
            self._store(missing, self._embed(missing))

    def _embed(self, keys: Sequence[tuple[int, int, int]]) -> np.ndarray:
        return self._embed_texts([" ".join(self._texts[side][end - size : end]) for side, size, end in keys])

    def _embed_texts(self, texts: list[str]) -> np.ndarray:
        vectors = np.asarray(self._encode(texts), dtype=np.float32)
        if vectors.shape[0] != len(texts):
            raise ValueError(f"encode returned {vectors.shape[0]} vectors for {len(texts)} texts")
        # Normalise again: a caller's model may not, and cosines must stay in [-1, 1].
        return _normalised(vectors)

    def _store(self, keys: Sequence[tuple[int, int, int]], vectors: np.ndarray) -> None:
        sides, sizes, ends = (np.array(column, dtype=np.int64) for column in zip(*keys))
        rows = np.arange(self._count, self._count + len(keys))
        for side in (0, 1):
            mine = sides == side
            self._index[side][sizes[mine], ends[mine]] = rows[mine]
        self._count += len(keys)
        self._chunks.append(vectors)
        self._matrix = None

    def _vectors(self) -> np.ndarray:
        if self._matrix is None:
            self._matrix = np.concatenate(self._chunks)
        return self._matrix

    def cosines(self, cells: "_Cells") -> np.ndarray:
        """Cosine of the source window (a, end i) with the target window (b, end j) of every
        cell, shape (len(cells),); -inf where a window was never embedded.

        One matrix product per block of rows (all of them for a short document), not one per
        row and bead type: the product of the block's source windows (every size, ends in the
        block's rows) with the target windows its cells reach.
        """
        out = np.full(len(cells), -np.inf)
        if not len(out):
            return out
        matrix = self._vectors()
        src, tgt = self._index
        for first, last, shape in cells.blocks():
            ends_i, ends_j = cells.i[first:last], cells.j[first:last]
            r0, r1, c0, c1 = int(ends_i.min()), int(ends_i.max()) + 1, int(ends_j.min()), int(ends_j.max()) + 1
            if shape is None:  # every bead type: windows of every size on both sides
                sizes = slice(1, max(cells.a.max(), cells.b.max()) + 1)
                a, b = cells.a[first:last] - 1, cells.b[first:last] - 1
            else:  # one type's cells: only its two window sizes
                sizes, a, b = slice(shape[0], shape[0] + 1), 0, 0
                sizes_b = slice(shape[1], shape[1] + 1)
            rows, columns = src[sizes, r0:r1], tgt[sizes if shape is None else sizes_b, c0:c1]
            product = gram(matrix[rows.ravel()], matrix[columns.ravel()])
            out[first:last] = product[a * (r1 - r0) + ends_i - r0, b * (c1 - c0) + ends_j - c0]
        if not self._complete:
            out[(src[cells.a, cells.i] < 0) | (tgt[cells.b, cells.j] < 0)] = -np.inf
        return out

    def bead_cosines(self, beads: Sequence[tuple[int, int, int, int]]) -> list[float]:
        """Cosine of the two sides of each bead (a, end i, b, end j); both windows embedded."""
        if not beads:
            return []
        matrix = self._vectors()
        a, i, b, j = zip(*beads)
        src = matrix[self._index[0][list(a), list(i)]]
        tgt = matrix[self._index[1][list(b), list(j)]]
        return np.einsum("ij,ij->i", src, tgt).astype(np.float64).tolist()


def _normalised(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32, copy=False)


class _Lattice:
    """A banded lattice: row i (0..n, source units consumed) allows target positions lo[i]..hi[i]."""

    def __init__(self, n: int, lo: np.ndarray, hi: np.ndarray) -> None:
        self.n, self.lo, self.hi = n, lo, hi
        self.lo_list, self.hi_list = lo.tolist(), hi.tolist()

    def mean_width(self) -> float:
        return (sum(self.hi_list) - sum(self.lo_list)) / len(self.lo_list) + 1


class _Cells:
    """The lattice points at which beads of each type (a, b) can end, for every type at once.

    Arrays `i`, `j`, `a`, `b` (shape (K,)) list the cells (end point and bead shape), type by
    type and row by row. Row i of type t holds the ends j = first .. first + count - 1, those
    whose bead starts inside the band of row i - a, at flat positions start .. (`row(t, i)`).
    Types with b = 0 (leaving a source unit out) have no cells: they score a fixed skip, but
    their rows have ends all the same (`row` gives them; their flat position means nothing).
    This is the one place the band is worked out: both solvers read their rows here.
    `starts[t][i]` is row i's flat position alone.
    """

    def __init__(self, lattice: _Lattice, types: Sequence[tuple[int, int]]) -> None:
        self.lattice, self.types = lattice, list(types)
        lo, hi, n = lattice.lo, lattice.hi, lattice.n
        a = np.array([t[0] for t in types], dtype=np.int64)[:, None]
        b = np.array([t[1] for t in types], dtype=np.int64)[:, None]
        i = np.arange(n + 1)[None, :]
        previous = np.maximum(i - a, 0)
        first = np.maximum(lo[None, :], lo[previous] + b)
        ends = np.where(i >= a, np.maximum(np.minimum(hi[None, :], hi[previous] + b) - first + 1, 0), 0)
        count = np.where(b > 0, ends, 0).ravel()
        start = np.cumsum(count) - count
        self.i = np.repeat(np.tile(i[0], len(self.types)), count)
        self.j = np.arange(int(count.sum())) + np.repeat(first.ravel() - start, count)
        self.a = np.repeat(np.repeat(a[:, 0], n + 1), count)
        self.b = np.repeat(np.repeat(b[:, 0], n + 1), count)
        shape = (len(self.types), n + 1)
        self._first, self.starts, self._count = first.tolist(), start.reshape(shape).tolist(), count.reshape(shape).tolist()
        self._ends = ends.tolist()

    def __len__(self) -> int:
        return len(self.i)

    def row(self, t: int, i: int) -> tuple[int, int, int]:
        """(first end, flat position of it, number of ends) of row i of type t."""
        return self._first[t][i], self.starts[t][i], self._ends[t][i]

    def row_lists(self) -> tuple[list[list[int]], list[list[int]], list[list[int]]]:
        """What `row` reads, as lists by type then row: first ends, flat positions, numbers of ends."""
        return self._first, self.starts, self._ends

    def blocks(self, rows: int = 64) -> list[tuple[int, int, tuple[int, int] | None]]:
        """Flat ranges of cells whose ends lie in at most `rows` consecutive rows (non-empty),
        with the bead type they all have (None for several): all cells at once when the
        lattice has no more rows, else each type's in chunks of rows."""
        if self.lattice.n + 1 <= rows:
            return [(0, len(self), None)] if len(self) else []
        out = []
        for shape, starts, counts in zip(self.types, self.starts, self._count):
            for r in range(0, len(starts), rows):
                last_row = min(r + rows, len(starts)) - 1
                first, last = starts[r], starts[last_row] + counts[last_row]
                if last > first:
                    out.append((first, last, shape))
        return out


# Lattices of at most this many cells are kept for the next call that asks for the same one
# (`_cells`): a small lattice is as cheap to keep as to look up, a long document's is not.
_KEPT_CELLS = 4096
_KEPT_LATTICES = 64
_kept: dict[tuple[int, bytes, bytes, tuple[tuple[int, int], ...]], _Cells] = {}
_keeping = threading.Lock()  # (a Dask worker may align in several threads)


def _cells(n: int, lo: np.ndarray, hi: np.ndarray, types: tuple[tuple[int, int], ...]) -> _Cells:
    """`_Cells(_Lattice(n, lo, hi), types)`, the same object again for the same lattice.

    Working out a lattice's cells was a fifth of an alignment of two short documents, and the
    versions of a release, and releases alike, mostly have the same few shapes: a document of
    n paragraphs against one of m has the same full anchor lattice whatever they say, and a
    diagonal anchor path the same band. The cells are read-only (their arrays cannot be
    written), so a kept one is what a new one would be. At most `_KEPT_LATTICES` small ones
    are kept (the oldest goes first).
    """
    key = (n, lo.tobytes(), hi.tobytes(), types)
    cells = _kept.get(key)
    if cells is None:
        cells = _Cells(_Lattice(n, lo.copy(), hi.copy()), types)  # (its own bounds: kept read-only)
        if len(cells) <= _KEPT_CELLS:
            for array in (cells.i, cells.j, cells.a, cells.b, cells.lattice.lo, cells.lattice.hi):
                array.flags.writeable = False
            with _keeping:
                if len(_kept) >= _KEPT_LATTICES:
                    del _kept[next(iter(_kept))]
                _kept[key] = cells
    return cells


# Rows narrower than this on average are solved in plain Python (no call per row and bead
# type into numpy, whose overhead dominates on short documents); wider ones row-vectorised.
_PYTHON_WIDTH = 40


def _best_path(
    cells: _Cells, gains: np.ndarray, src_skip: Sequence[float], tgt_skip: Sequence[float]
) -> list[tuple[int, int]]:
    """Highest-scoring monotone path from (0, 0) to (n, m) through the banded lattice.

    Bead types are `cells.types`, (a, b) with a >= 1; (1, 0) leaving out source unit i - 1
    scores src_skip[i - 1], the others `gains`, one per cell. 0-1 beads, leaving out target
    unit j - 1 for tgt_skip[j - 1] (lengths n and m), are added within each row. Returns the
    lattice points of the path, (0, 0) first. Ties go to the earlier type, then to a bead over
    a chain of 0-1 beads.
    """
    lattice = cells.lattice
    tgt_cum = list(accumulate(tgt_skip, initial=0.0))
    solve = _rows_python if lattice.mean_width() < _PYTHON_WIDTH else _rows_numpy
    back = solve(cells, gains, list(src_skip), tgt_cum)
    path = [(lattice.n, lattice.hi_list[-1])]
    i, j = path[0]
    lo = lattice.lo_list
    while (i, j) != (0, 0):
        t = back[i][j - lo[i]]
        a, b = (0, 1) if t == -1 else cells.types[t]
        i, j = i - a, j - b
        path.append((i, j))
    return path[::-1]


def _rows_python(
    cells: _Cells, gains: np.ndarray, src_skip: list[float], tgt_cum: list[float]
) -> list[list[int]]:
    """The programme of `_best_path` in plain floats; returns each row's back-pointers (index
    into the types, -1 for a 0-1 bead, -2 where nothing arrives)."""
    lattice, types = cells.lattice, cells.types
    lo, hi = lattice.lo_list, lattice.hi_list
    flat = gains.tolist()
    # `cells.row(t, i)` read straight from its lists: this loop runs for every row and type.
    firsts, starts, counts = cells.row_lists()
    inf = -math.inf
    cost: list[list[float]] = []
    back: list[list[int]] = []
    for i in range(lattice.n + 1):
        left = lo[i]
        width = hi[i] - left + 1
        row = [inf] * width
        came = [-2] * width
        if i == 0:
            row[0] = 0.0
        for t, (a, b) in enumerate(types):
            count = counts[t][i]
            if not count:  # (also every type with a > i)
                continue
            first = firsts[t][i]
            p = i - a
            shift = lo[p] + b
            previous = cost[p][first - shift : first + count - shift]
            k0 = first - left
            if b == 0:
                gain = src_skip[i - 1]
                for k, before in enumerate(previous, k0):
                    cand = before + gain
                    if cand > row[k]:
                        row[k] = cand
                        came[k] = t
            else:
                start = starts[t][i]
                for k, before, gain in zip(range(k0, k0 + count), previous, flat[start : start + count]):
                    cand = before + gain
                    if cand > row[k]:
                        row[k] = cand
                        came[k] = t
        # 0-1 beads chain along the row: best[j] = max_k row[k] + offsets[j] - offsets[k] with
        # offsets the cumulative skip scores, so one running max replaces a loop over k.
        # Compared in the shifted space: adding the offsets back first could turn a tie into a
        # rounding-error "improvement" that the back-trace would then follow.
        base, running = tgt_cum[left], inf
        for k, total in enumerate(tgt_cum[left : left + width]):
            offset = total - base
            shifted = row[k] - offset
            if running > shifted:
                row[k] = running + offset
                came[k] = -1
            else:
                running = shifted
        cost.append(row)
        back.append(came)
    if not math.isfinite(cost[-1][-1]):
        raise AssertionError("band lost the end point")  # _band_around always keeps it
    return back


def _rows_numpy(cells: _Cells, gains: np.ndarray, src_skip: list[float], tgt_cum: list[float]) -> list[np.ndarray]:
    """`_rows_python` vectorised along each row (for wide bands: long documents' anchor pass)."""
    lattice, types = cells.lattice, cells.types
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
            first, start, count = cells.row(t, i)
            if not count:  # (also every type with a > i)
                continue
            p = i - a
            js = np.arange(first, first + count, dtype=np.int64)
            prev = cost[p][js - b - lo[p]]
            if b == 0:
                cand = prev + src_skip[i - 1]
            else:
                cand = prev + gains[start : start + count]
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
    low, high = [m] * (n + 1), [0] * (n + 1)
    for i, j in path:
        if j < low[i]:
            low[i] = j
        if j > high[i]:
            high[i] = j
    lo = np.array([min(max(j - width, 0), m) for j in low], dtype=np.int64)
    hi = np.array([min(max(j + width, 0), m) for j in high], dtype=np.int64)
    # Monotone envelopes: a later row never starts before an earlier one may end up.
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    return lo, hi
