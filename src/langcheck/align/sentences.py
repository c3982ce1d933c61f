"""Inside one paragraph group: which sentences of a version have no counterpart in another.

The paragraph groups say which paragraphs carry the same content; a sentence that one version
dropped or added does not change them. Inside a group, the sentences of two versions are aligned
with the bead programme of `align_beads` (1-1, 1-2, 2-1, ... and 1-0 / 0-1 beads),
so a sentence the translator split in two or merged with its neighbour lands in an m-n bead,
and only a sentence the other version has nothing for is left in a null bead.

Three corrections make a null bead trustworthy (docs/alignment.md has the measurements):

- the length prior uses the release's length ratio between the two languages (the caller
  passes it), not the group's, which the very sentence one side lacks would distort;
- a unit the programme absorbed into its neighbour's merged bead, rather than pay for a skip,
  is taken out again when the bead scores clearly better without it (`_absorbed`);
- a skipped sentence still counts as translated when some sentence on the other side is close
  to it (`COVERED`), unless that sentence is already paired with a clearly better one
  (`TAKEN_MARGIN`): resembling a sentence that has its own translation is not being one.

The bead programme is solved exactly over the small lattice of one group (`_small_beads`),
with window cosines from prefix sums of the Gram matrices; the general banded aligner would
give the same beads at several times the cost.

Pure: it works on sentence vectors already computed (window vectors are sums of them), so the
rules can call it; no model is involved.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import accumulate
from typing import Sequence

import numpy as np

from langcheck.align.beads import Bead
from langcheck.align.products import gram

# A sentence that the alignment left out still has a counterpart when some sentence of the
# other side is at least this similar (faithful translations score 0.55-0.9 with the bundled
# model; sentences of the same story that say different things mostly stay below 0.5).
COVERED = 0.5
# ... unless that sentence is paired with one that fits it better by more than this margin.
TAKEN_MARGIN = 0.15
# A unit of a merged bead side may be absorbed (not merged) only below this cosine with the
# other side. A piece of a sentence that a translator split off can score as low (0.15-0.3 seen
# on real news); what keeps it in its bead is the bead score with and without it (below).
UNRELATED = 0.5
# ... and below this share of the best-matching unit's cosine in the same side,
RELATIVE = 0.65
# ... and the side without it must match the other side better by this much.
ABSORBED_GAIN = 0.05
# Sentence beads: a sentence rarely merges with more than two others. The skip score and the
# length floor of a merged bead are those of `align_beads`.
SENTENCE_MAX_BEAD = 4
SKIP = -0.15
MIN_LENGTH_RATIO = 0.4


@dataclass(frozen=True)
class Unmatched:
    """Sentences of two sides (indexes into each side's list) that the other side lacks.

    `best_a[k]` is the highest cosine of side a's sentence k with any sentence of side b
    (and `best_b` the reverse): how close the nearest candidate counterpart came.
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    best_a: tuple[float, ...]
    best_b: tuple[float, ...]


def unmatched_sentences(
    a_texts: Sequence[str],
    a_vectors: np.ndarray,
    b_texts: Sequence[str],
    b_vectors: np.ndarray,
    *,
    covered: float | None = None,
    length_ratio: float | None = None,
) -> Unmatched:
    """Sentences of a with no counterpart in b, and of b with none in a.

    `a_vectors` (len(a_texts), dim) and `b_vectors` are L2-normalised sentence vectors in
    document order. A sentence is unmatched when the alignment puts it in a 1-0 / 0-1 bead and
    its best cosine with the other side stays below `covered` (default `COVERED`).
    `length_ratio` is b's characters per character of a in these languages (see
    `align_beads`); pass it from the whole release.
    """
    return SentenceSides([(a_texts, a_vectors), (b_texts, b_vectors)]).unmatched(
        0, 1, covered=covered, length_ratio=length_ratio
    )


class SentenceSides:
    """The sentences of several versions' sides of one paragraph group, to be compared pairwise.

    `sides[k]` is (texts, vectors) of version k: its sentences in document order and their
    L2-normalised vectors, shape (len(texts), dim). All the cosines between all the sentences
    are one matrix product, and what depends on one side only (its windows' norms and lengths)
    is computed once, however many other sides it is compared with.
    """

    def __init__(self, sides: Sequence[tuple[Sequence[str], np.ndarray]]) -> None:
        self._texts = [list(texts) for texts, _ in sides]
        self._vectors = [np.asarray(vectors) for _, vectors in sides]
        bounds = list(accumulate((len(t) for t in self._texts), initial=0))
        self._spans = list(zip(bounds, bounds[1:]))
        present = [v for v in self._vectors if len(v)]
        stacked = np.concatenate(present) if present else np.zeros((0, 0))
        stacked32, stacked64 = stacked.astype(np.float32), stacked.astype(np.float64)
        self._sims = gram(stacked32, stacked32)
        # Plain floats: a pair of sides is a few sentences each, where numpy's call overhead
        # would outweigh the arithmetic.
        self._gram = gram(stacked64, stacked64).tolist()
        self._sim_rows = self._sims.tolist()
        self._windows: dict[int, tuple[list[float], list[list[tuple[int, int, float]]]]] = {}

    def unmatched(self, x: int, y: int, *, covered: float | None = None, length_ratio: float | None = None) -> Unmatched:
        """`unmatched_sentences` of side x (as a) and side y (as b)."""
        a_texts, b_texts = self._texts[x], self._texts[y]
        if not a_texts or not b_texts:
            return Unmatched(
                tuple(range(len(a_texts))), tuple(range(len(b_texts))),
                tuple(0.0 for _ in a_texts), tuple(0.0 for _ in b_texts),
            )
        covered = COVERED if covered is None else covered
        (a0, a1), (b0, b1) = self._spans[x], self._spans[y]
        if a1 - a0 == 1 and b1 - b0 == 1 and self._gram[a0][b0] >= 0.0:
            # One sentence on each side, not opposed: the lattice's 1-1 bead scores cosine times
            # a length prior in [0, 1], so at least 0, and the only other path, two null beads,
            # scores 2 * SKIP < 0. The programme's answer, without running it.
            sim = self._sim_rows[a0][b0]
            return Unmatched((), (), (sim,), (sim,))
        rows = self._sim_rows[a0:a1]
        block = [row[b0:b1] for row in rows]
        best = (tuple(map(max, block)), tuple(map(max, zip(*block))))
        beads = self._beads(x, y, length_ratio)
        if all(len(bead.src) == 1 and len(bead.tgt) == 1 for bead in beads):
            return Unmatched((), (), *best)  # (the common case: every sentence paired 1-1)
        return _weigh_partners(
            beads, a_texts, self._vectors[x], b_texts, self._vectors[y], self._sims[a0:a1, b0:b1], best,
            covered, length_ratio,
        )

    def _side_windows(self, x: int) -> tuple[list[float], list[list[tuple[int, int, float]]]]:
        """Side x's cumulative lengths (characters, a leading 0) and, for each end i, the windows
        of up to SENTENCE_MAX_BEAD - 1 sentences ending there: (size, first, squared norm of the
        sum of their vectors), smallest first."""
        if x not in self._windows:
            lo, hi = self._spans[x]
            own = _prefix2(self._gram, lo, hi, lo, hi)
            ends = [
                [(i1 - i0, i0, max(own[i1][i1] - own[i0][i1] - own[i1][i0] + own[i0][i0], 0.0))
                 for i0 in range(i1 - 1, max(i1 - SENTENCE_MAX_BEAD, -1), -1)]
                for i1 in range(hi - lo + 1)
            ]
            cumulative = list(accumulate((float(len(t)) for t in self._texts[x]), initial=0.0))
            self._windows[x] = (cumulative, ends)
        return self._windows[x]

    def _beads(self, x: int, y: int, length_ratio: float | None) -> tuple[Bead, ...]:
        (a0, a1), (b0, b1) = self._spans[x], self._spans[y]
        la, windows_a = self._side_windows(x)
        lb, windows_b = self._side_windows(y)
        scale = (1.0 / length_ratio) if length_ratio else la[-1] / max(lb[-1], 1.0)
        lb = [length * scale for length in lb]
        return _small_beads(_prefix2(self._gram, a0, a1, b0, b1), la, lb, windows_a, windows_b)


def _weigh_partners(
    beads: Sequence[Bead],
    a_texts: Sequence[str], a_vectors: np.ndarray, b_texts: Sequence[str], b_vectors: np.ndarray,
    sims: np.ndarray, best: tuple[tuple[float, ...], tuple[float, ...]], covered: float, length_ratio: float | None,
) -> Unmatched:
    """The skipped and absorbed sentences of an alignment that has some, less those that still
    have a counterpart (`COVERED`, `TAKEN_MARGIN`)."""
    # Lengths in a's characters, as the aligner's length prior sees them.
    a_len = np.array([len(t) for t in a_texts], dtype=np.float64)
    b_len = np.array([len(t) for t in b_texts], dtype=np.float64)
    b_len *= (1.0 / length_ratio) if length_ratio else a_len.sum() / max(b_len.sum(), 1.0)
    skipped_a = [i for bead in beads if not bead.tgt for i in bead.src]
    skipped_b = [j for bead in beads if not bead.src for j in bead.tgt]
    # Each paired bead's sides as index lists and vector sums, made once for both passes below.
    paired = [(list(bead.src), list(bead.tgt)) for bead in beads if bead.src and bead.tgt]
    sums: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for k, (src, tgt) in enumerate(paired):
        if len(src) > 1 or len(tgt) > 1:
            b_sum, a_sum = sums[k] = b_vectors[tgt].sum(axis=0), a_vectors[src].sum(axis=0)
            if len(src) > 1:
                skipped_a += _absorbed(src, a_vectors, a_len, b_sum, float(b_len[tgt].sum()))
            if len(tgt) > 1:
                skipped_b += _absorbed(tgt, b_vectors, b_len, a_sum, float(a_len[src].sum()))
    if not skipped_a and not skipped_b:
        return Unmatched((), (), *best)  # (merged beads whose every unit belongs in them)
    # How well each unit's own bead partner matches it (-1 for skipped units). Units are unit
    # vectors, so a cosine with a side is a dot product over that side's norm.
    partner_a, partner_b = np.full(len(a_texts), -1.0), np.full(len(b_texts), -1.0)
    for k, (src, tgt) in enumerate(paired):
        b_sum, a_sum = sums[k] if k in sums else (b_vectors[tgt].sum(axis=0), a_vectors[src].sum(axis=0))
        partner_a[src] = (a_vectors[src] @ b_sum) / max(float(np.linalg.norm(b_sum)), 1e-12)
        partner_b[tgt] = (b_vectors[tgt] @ a_sum) / max(float(np.linalg.norm(a_sum)), 1e-12)
    skipped_a, skipped_b = set(skipped_a), set(skipped_b)
    partner_a[list(skipped_a)] = -1.0
    partner_b[list(skipped_b)] = -1.0

    def has_counterpart(k: int, row: np.ndarray, partners: np.ndarray) -> bool:
        # Covered by its best match t unless t has a partner of its own that fits t clearly
        # better: then t is taken, and k only resembles it (the same story, the same names).
        t = int(row.argmax())
        return row[t] >= covered and row[t] >= partners[t] - TAKEN_MARGIN

    return Unmatched(
        tuple(sorted(i for i in skipped_a if not has_counterpart(i, sims[i], partner_b))),
        tuple(sorted(j for j in skipped_b if not has_counterpart(j, sims[:, j], partner_a))),
        *best,
    )


def _small_beads(
    cross: list[list[float]], la: list[float], lb: list[float],
    windows_a: list[list[tuple[int, int, float]]], windows_b: list[list[tuple[int, int, float]]],
) -> tuple[Bead, ...]:
    """The bead programme of `align_beads` (composed windows, length prior, skip score), solved
    exactly over the whole lattice: a paragraph group has a handful of sentences, so no band or
    anchor pass is needed, and window cosines come from prefix sums of the Gram matrices
    instead of window vectors (the sum of unit vectors is what a composed window is).

    `cross` is the 2-D prefix sum of the cosines between a's and b's sentences, `la` and `lb`
    the cumulative lengths (b's in a's characters), `windows_a[i]` the windows of a ending at
    i as (size, first, squared norm of their sum), smallest first (and `windows_b` b's). Bead
    shapes are tried in that order (1-1, 1-2, 1-3, 2-1, 2-2, 3-1), so ties go the same way.
    """
    n, m = len(la) - 1, len(lb) - 1
    inf, sqrt, log2 = -math.inf, math.sqrt, math.log2
    skip, floor, most = SKIP, MIN_LENGTH_RATIO, SENTENCE_MAX_BEAD
    # What a bead's b side contributes, per end j and window: its size, first unit, squared
    # norm and length (computed once here, not once per a-side window in the loop below).
    ends_of_b = [[(db, j0, norm_b, lb[j] - lb[j0]) for db, j0, norm_b in windows_b[j]] for j in range(m + 1)]
    # Row 0: only 0-1 beads reach it.
    best = [[0.0] * (m + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] + [(0, 1)] * m]
    for j in range(1, m + 1):
        best[0][j] = best[0][j - 1] + skip
    for i in range(1, n + 1):
        above, ends_a, length_a, dots = best[i - 1], windows_a[i], la[i], cross[i]
        # The a-side windows ending at i: (size, the row the bead starts from, its prefix sums
        # row, squared norm, length).
        sides_a = [(da, best[i0], cross[i0], norm_a, length_a - la[i0]) for da, i0, norm_a in ends_a]
        here = [above[0] + skip] + [0.0] * m
        steps = [(1, 0)] * (m + 1)
        for j in range(1, m + 1):
            # (1-0 first, then 0-1: the order of the comparisons is the order of the ties)
            top, step = above[j] + skip, (1, 0)
            if here[j - 1] + skip > top:
                top, step = here[j - 1] + skip, (0, 1)
            ends_b = ends_of_b[j]
            for da, starts, dots0, norm_a, ls in sides_a:
                for db, j0, norm_b, lt in ends_b:
                    if da + db > most:
                        break
                    # The bead's score, as align_beads scores it: cosine times the length prior.
                    # (min and max written out: this is the innermost loop of every check)
                    longer = ls if ls >= lt else lt
                    agreement = (lt if ls >= lt else ls) / (longer if longer >= 1.0 else 1.0)
                    if da + db > 2 and agreement < floor:
                        continue
                    dot = dots[j] - dots0[j] - dots[j0] + dots0[j0]
                    norm = sqrt(norm_a * norm_b)
                    cand = starts[j0] + dot / (norm if norm >= 1e-12 else 1e-12) * log2(1.0 + agreement)
                    if cand > top:
                        top, step = cand, (da, db)
            here[j], steps[j] = top, step
        best.append(here)
        back.append(steps)
    beads = []
    i, j = n, m
    while i or j:
        da, db = back[i][j]
        beads.append(Bead(tuple(range(i - da, i)), tuple(range(j - db, j)), 0.0))
        i, j = i - da, j - db
    return tuple(reversed(beads))


def _prefix2(matrix: list[list[float]], r0: int, r1: int, c0: int, c1: int) -> list[list[float]]:
    """2-D prefix sums of the block matrix[r0:r1][c0:c1], with a zero first row and column:
    block sums in four lookups. Summed down the columns first, then along the rows, one term
    after the other (numpy's `cumsum(axis=0).cumsum(axis=1)`)."""
    out = [[0.0] * (c1 - c0 + 1)]
    column: list[float] = []
    for r in range(r0, r1):
        row = matrix[r][c0:c1]
        column = row if not column else [total + value for total, value in zip(column, row)]
        out.append([0.0, *accumulate(column)])
    return out


def _absorbed(
    side: Sequence[int], vectors: np.ndarray, lengths: np.ndarray, other: np.ndarray, other_length: float
) -> list[int]:
    """Units of a merged bead side that the other side does not translate.

    A merged side's vector is the sum of its units', and the cosine of a sum with the other
    side barely drops when an unrelated unit joins a well-matched one, so the programme may
    absorb a dropped or added sentence into its neighbour's bead rather than pay for a skip.
    A weak unit (little like the other side) is absorbed when the bead scores clearly better
    without it, scored as the programme scores beads (cosine times length agreement): a piece
    of a sentence that a translator split off is weak too, but without it the bead is too
    short for the other side, so it stays.
    """
    if len(side) < 2:
        return []
    rows = vectors[list(side)]
    sizes = lengths[list(side)]
    other = other / max(float(np.linalg.norm(other)), 1e-12)
    alone = rows @ other
    weak = alone < np.minimum(UNRELATED, RELATIVE * alone.max())
    if weak.all():
        return []
    # Each weak unit is judged against the side's well-matched core, so that two unrelated
    # sentences absorbed together do not hide each other.
    core, core_size = rows[~weak].sum(axis=0), float(sizes[~weak].sum())
    without = _bead_score(core, core_size, other, other_length)
    return [
        unit for unit, row, size, is_weak in zip(side, rows, sizes, weak)
        if is_weak
        and without >= _bead_score(core + row, core_size + size, other, other_length) + ABSORBED_GAIN
    ]


def _bead_score(side: np.ndarray, size: float, other: np.ndarray, other_size: float) -> float:
    agreement = min(size, other_size) / max(size, other_size, 1.0)
    return _cosine(side, other) * float(np.log2(1.0 + agreement))


def _cosine(u: np.ndarray, v: np.ndarray) -> float:
    return float(u @ v) / max(float(np.linalg.norm(u)) * float(np.linalg.norm(v)), 1e-12)

