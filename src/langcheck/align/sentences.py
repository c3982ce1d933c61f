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
from typing import Sequence

import numpy as np

from langcheck.align.beads import Bead

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
    if not len(a_texts) or not len(b_texts):
        return Unmatched(
            tuple(range(len(a_texts))), tuple(range(len(b_texts))),
            tuple(0.0 for _ in a_texts), tuple(0.0 for _ in b_texts),
        )
    covered = COVERED if covered is None else covered
    sims = np.asarray(a_vectors, dtype=np.float32) @ np.asarray(b_vectors, dtype=np.float32).T
    best_a, best_b = sims.max(axis=1), sims.max(axis=0)
    beads = _small_beads(
        a_vectors, b_vectors, [len(t) for t in a_texts], [len(t) for t in b_texts], length_ratio
    )
    # Lengths in a's characters, as the aligner's length prior sees them.
    a_len = np.array([len(t) for t in a_texts], dtype=np.float64)
    b_len = np.array([len(t) for t in b_texts], dtype=np.float64)
    b_len *= (1.0 / length_ratio) if length_ratio else a_len.sum() / max(b_len.sum(), 1.0)
    skipped_a = [i for bead in beads if not bead.tgt for i in bead.src]
    skipped_b = [j for bead in beads if not bead.src for j in bead.tgt]
    for bead in beads:
        if bead.src and bead.tgt and (len(bead.src) > 1 or len(bead.tgt) > 1):
            src, tgt = list(bead.src), list(bead.tgt)
            b_sum, a_sum = b_vectors[tgt].sum(axis=0), a_vectors[src].sum(axis=0)
            if len(src) > 1:
                skipped_a += _absorbed(bead.src, a_vectors, a_len, b_sum, float(b_len[tgt].sum()))
            if len(tgt) > 1:
                skipped_b += _absorbed(bead.tgt, b_vectors, b_len, a_sum, float(a_len[src].sum()))
    best = (tuple(best_a.tolist()), tuple(best_b.tolist()))
    if not skipped_a and not skipped_b:
        return Unmatched((), (), *best)  # (the common case: no partner needs weighing)
    # How well each unit's own bead partner matches it (-1 for skipped units). Units are unit
    # vectors, so a cosine with a side is a dot product over that side's norm.
    partner_a, partner_b = np.full(len(a_texts), -1.0), np.full(len(b_texts), -1.0)
    for bead in beads:
        if bead.src and bead.tgt:
            src, tgt = list(bead.src), list(bead.tgt)
            b_sum, a_sum = b_vectors[tgt].sum(axis=0), a_vectors[src].sum(axis=0)
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


# The bead shapes of the sentence programme (both sides non-empty, at most SENTENCE_MAX_BEAD units).
_SHAPES = tuple(
    (i, j) for i in range(1, SENTENCE_MAX_BEAD) for j in range(1, SENTENCE_MAX_BEAD) if i + j <= SENTENCE_MAX_BEAD
)


def _small_beads(
    a_vectors: np.ndarray, b_vectors: np.ndarray, a_chars: Sequence[int], b_chars: Sequence[int],
    length_ratio: float | None,
) -> tuple[Bead, ...]:
    """The bead programme of `align_beads` (composed windows, length prior, skip score), solved
    exactly over the whole lattice: a paragraph group has a handful of sentences, so no band or
    anchor pass is needed, and window cosines come from prefix sums of the Gram matrices
    instead of window vectors (the sum of unit vectors is what a composed window is).
    """
    n, m = len(a_chars), len(b_chars)
    a64, b64 = np.asarray(a_vectors, dtype=np.float64), np.asarray(b_vectors, dtype=np.float64)
    cross, own_a, own_b = _prefix2(a64 @ b64.T), _prefix2(a64 @ a64.T), _prefix2(b64 @ b64.T)
    la = np.concatenate([[0.0], np.cumsum(np.asarray(a_chars, dtype=np.float64))])
    lb = np.concatenate([[0.0], np.cumsum(np.asarray(b_chars, dtype=np.float64))])
    lb *= (1.0 / length_ratio) if length_ratio else la[-1] / max(lb[-1], 1.0)
    cross, own_a, own_b, la, lb = cross.tolist(), own_a.tolist(), own_b.tolist(), la.tolist(), lb.tolist()

    def score(i0: int, i1: int, j0: int, j1: int) -> float:
        ls, lt = la[i1] - la[i0], lb[j1] - lb[j0]
        agreement = min(ls, lt) / max(ls, lt, 1.0)
        if (i1 - i0) + (j1 - j0) > 2 and agreement < MIN_LENGTH_RATIO:
            return -math.inf
        dot = cross[i1][j1] - cross[i0][j1] - cross[i1][j0] + cross[i0][j0]
        norm_a = own_a[i1][i1] - own_a[i0][i1] - own_a[i1][i0] + own_a[i0][i0]
        norm_b = own_b[j1][j1] - own_b[j0][j1] - own_b[j1][j0] + own_b[j0][j0]
        cosine = dot / max(math.sqrt(max(norm_a, 0.0) * max(norm_b, 0.0)), 1e-12)
        return cosine * math.log2(1.0 + agreement)

    best = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            top, step = -math.inf, (0, 0)
            if i and best[i - 1][j] + SKIP > top:
                top, step = best[i - 1][j] + SKIP, (1, 0)
            if j and best[i][j - 1] + SKIP > top:
                top, step = best[i][j - 1] + SKIP, (0, 1)
            for da, db in _SHAPES:
                if da <= i and db <= j and best[i - da][j - db] > -math.inf:
                    cand = best[i - da][j - db] + score(i - da, i, j - db, j)
                    if cand > top:
                        top, step = cand, (da, db)
            best[i][j], back[i][j] = top, step
    beads = []
    i, j = n, m
    while i or j:
        da, db = back[i][j]
        beads.append(Bead(tuple(range(i - da, i)), tuple(range(j - db, j)), 0.0))
        i, j = i - da, j - db
    return tuple(reversed(beads))


def _prefix2(matrix: np.ndarray) -> np.ndarray:
    """2-D prefix sums with a zero first row and column: block sums in four lookups."""
    out = np.zeros((matrix.shape[0] + 1, matrix.shape[1] + 1))
    out[1:, 1:] = matrix.cumsum(axis=0).cumsum(axis=1)
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

