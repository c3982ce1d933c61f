"""Inside one paragraph group: which sentences of a version have no counterpart in another.

The paragraph groups say which paragraphs carry the same content; a sentence that one version
dropped or added does not change them. Inside a group, the sentences of two versions are aligned
with the same bead aligner as paragraphs (`align_beads`: 1-1, 1-2, 2-1, ... and 1-0 / 0-1 beads),
so a sentence the translator split in two or merged with its neighbour lands in an m-n bead,
and only a sentence the other version has nothing for is left in a null bead.

A null bead alone is not proof: the programme skips a sentence whenever pairing it scores below
the skip score, which a loose paraphrase can do. So a skipped sentence still counts as covered
when some sentence on the other side is a likely translation of it (`COVERED` cosine): only
sentences that are both skipped by the alignment and unlike every sentence of the other side
are reported as unmatched.

Pure: it works on sentence vectors already computed (window vectors are sums of them), so the
rules can call it; no model is involved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from langcheck.align.beads import align_beads

# A sentence that the alignment left out still has a counterpart when some sentence of the
# other side is at least this similar (faithful translations score 0.55-0.9 with the bundled
# model; sentences of the same story that say different things mostly stay below 0.5).
COVERED = 0.5
# ... unless that sentence is paired with one that fits it better by more than this margin.
TAKEN_MARGIN = 0.15
# A unit of a merged bead side is absorbed, not merged, only below this cosine with the other
# side (a piece of a sentence that a translator split scores about 0.4-0.7 with the whole).
UNRELATED = 0.45
# ... and below this share of the best-matching unit's cosine in the same side,
RELATIVE = 0.55
# ... and the side without it must match the other side better by this much.
ABSORBED_GAIN = 0.05
# Sentence beads: a sentence rarely merges with more than two others.
SENTENCE_MAX_BEAD = 4
SENTENCE_BAND = 4


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
    its best cosine with the other side stays below `covered` (default `COVERED`). `length_ratio` is b's characters
    per character of a in these languages (see `align_beads`); pass it from the whole release.
    """
    if not len(a_texts) or not len(b_texts):
        return Unmatched(
            tuple(range(len(a_texts))), tuple(range(len(b_texts))),
            tuple(0.0 for _ in a_texts), tuple(0.0 for _ in b_texts),
        )
    covered = COVERED if covered is None else covered
    sims = np.asarray(a_vectors, dtype=np.float32) @ np.asarray(b_vectors, dtype=np.float32).T
    best_a, best_b = sims.max(axis=1), sims.max(axis=0)
    # The aligner reads vectors through `encode`, keyed by text: equal texts have equal vectors.
    vectors = {**dict(zip(a_texts, a_vectors)), **dict(zip(b_texts, b_vectors))}

    def encode(batch: Sequence[str]) -> np.ndarray:
        return np.stack([vectors[text] for text in batch])

    beads = align_beads(
        a_texts, b_texts, encode, max_bead=SENTENCE_MAX_BEAD, band=SENTENCE_BAND, compose_windows=True,
        length_ratio=length_ratio,
    )
    # Lengths in a's characters, as the aligner's length prior sees them.
    a_len = np.array([len(t) for t in a_texts], dtype=np.float64)
    b_len = np.array([len(t) for t in b_texts], dtype=np.float64)
    b_len *= (1.0 / length_ratio) if length_ratio else a_len.sum() / max(b_len.sum(), 1.0)
    skipped_a = [i for bead in beads if not bead.tgt for i in bead.src]
    skipped_b = [j for bead in beads if not bead.src for j in bead.tgt]
    for bead in beads:
        if bead.src and bead.tgt:
            a_side, b_side = list(bead.src), list(bead.tgt)
            skipped_a += _absorbed(bead.src, a_vectors, a_len, b_vectors[b_side].sum(axis=0), float(b_len[b_side].sum()))
            skipped_b += _absorbed(bead.tgt, b_vectors, b_len, a_vectors[a_side].sum(axis=0), float(a_len[a_side].sum()))
    # How well each unit's own bead partner matches it (-1 for skipped units).
    partner_a, partner_b = np.full(len(a_texts), -1.0), np.full(len(b_texts), -1.0)
    for bead in beads:
        if bead.src and bead.tgt:
            b_sum, a_sum = b_vectors[list(bead.tgt)].sum(axis=0), a_vectors[list(bead.src)].sum(axis=0)
            for i in bead.src:
                partner_a[i] = _cosine(a_vectors[i], b_sum)
            for j in bead.tgt:
                partner_b[j] = _cosine(b_vectors[j], a_sum)
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
        tuple(float(x) for x in best_a),
        tuple(float(x) for x in best_b),
    )


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
        if is_weak and without >= _bead_score(core + row, core_size + size, other, other_length) + ABSORBED_GAIN
    ]


def _bead_score(side: np.ndarray, size: float, other: np.ndarray, other_size: float) -> float:
    agreement = min(size, other_size) / max(size, other_size, 1.0)
    return _cosine(side, other) * float(np.log2(1.0 + agreement))


def _cosine(u: np.ndarray, v: np.ndarray) -> float:
    return float(u @ v) / max(float(np.linalg.norm(u)) * float(np.linalg.norm(v)), 1e-12)

