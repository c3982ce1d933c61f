"""align_beads on small synthetic cases with fake embeddings.

A fake text is space-separated concept tokens ("c3 c4"); its vector is the normalised sum of
fixed random vectors, one per concept, so a window embeds like the concatenation of its units
and two texts agree exactly when they name the same concepts. Every test text has the same
length so that the length prior is neutral.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from langcheck.align import Bead, align_beads

_CONCEPTS = np.random.default_rng(7).normal(size=(200, 96))


def fake_encode(texts: Sequence[str]) -> np.ndarray:
    vectors = np.stack([_CONCEPTS[[int(tok[1:]) for tok in text.split()]].sum(axis=0) for text in texts])
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def units(spec: str) -> list[str]:
    """"0 1+2 3" -> ["c0", "c1 c2", "c3"]: one unit per space-separated item, + joins concepts."""
    return [" ".join(f"c{c}" for c in item.split("+")) for item in spec.split()]


def shape(beads: Sequence[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in beads]


def assert_covers(beads: Sequence[Bead], n: int, m: int) -> None:
    """Every index exactly once, in order: concatenating the sides gives range(n) / range(m)."""
    assert [i for b in beads for i in b.src] == list(range(n))
    assert [j for b in beads for j in b.tgt] == list(range(m))
    assert all(b.src or b.tgt for b in beads)


CASES = [
    # name, src, tgt, expected beads (src, tgt)
    ("1-1", "0 1 2 3", "0 1 2 3", [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]),
    ("1-2", "0 1+2 3", "0 1 2 3", [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]),
    ("2-1", "0 1 2 3", "0 1+2 3", [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]),
    ("2-2 crossing", "0 1+2+3 4+5+6 7", "0 1+4+5 2+3+6 7", [((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,))]),
    ("1-3", "0 1+2+3 4", "0 1 2 3 4", [((0,), (0,)), ((1,), (1, 2, 3)), ((2,), (4,))]),
    ("deletion 1-0", "0 1 9 2 3", "0 1 2 3", [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,))]),
    ("insertion 0-1", "0 1 2 3", "0 1 9 2 3", [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,)), ((3,), (4,))]),
    ("first missing", "1 2 3", "0 1 2 3", [((), (0,)), ((0,), (1,)), ((1,), (2,)), ((2,), (3,))]),
    ("last missing", "0 1 2 3", "0 1 2", [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), ())]),
    ("single pair", "5", "5", [((0,), (0,))]),
    ("empty source", "", "0 1", [((), (0,)), ((), (1,))]),
    ("empty target", "0 1", "", [((0,), ()), ((1,), ())]),
    ("both empty", "", "", []),
]


@pytest.mark.parametrize("name, src, tgt, expected", CASES, ids=[c[0] for c in CASES])
def test_align_beads(name: str, src: str, tgt: str, expected: list) -> None:
    s, t = (units(src) if src else []), (units(tgt) if tgt else [])
    beads = align_beads(s, t, fake_encode, length_prior=False)
    assert shape(beads) == expected
    assert_covers(beads, len(s), len(t))


@pytest.mark.parametrize("name, src, tgt, expected", CASES, ids=[c[0] for c in CASES])
def test_composed_windows_align_alike_and_embed_only_units(name: str, src: str, tgt: str, expected: list) -> None:
    s, t = (units(src) if src else []), (units(tgt) if tgt else [])
    seen: list[str] = []

    def recording_encode(texts: Sequence[str]) -> np.ndarray:
        seen.extend(texts)
        return fake_encode(texts)

    beads = align_beads(s, t, recording_encode, length_prior=False, compose_windows=True)
    assert shape(beads) == expected
    assert set(seen) <= set(s) | set(t)  # no joined window text reached the model


def test_scores_are_cosines_and_zero_for_null_beads() -> None:
    beads = align_beads(units("0 1 9 2"), units("0 1 2"), fake_encode, length_prior=False)
    assert [round(b.score, 6) for b in beads] == [1.0, 1.0, 0.0, 1.0]


def test_length_prior_keeps_matching_lengths() -> None:
    src = ["c1 c2", "c3"]
    tgt = ["c1", "c2", "c3"]
    beads = align_beads(src, tgt, fake_encode)
    assert shape(beads) == [((0,), (0, 1)), ((1,), (2,))]


# anchor_band 10 keeps both passes narrow (plain-float programme, cosines in row blocks);
# 100 makes the anchor pass wide (row-vectorised programme).
@pytest.mark.parametrize("anchor_band", [10, 100])
@pytest.mark.parametrize("compose", [False, True])
def test_long_documents_stay_in_band(anchor_band: int, compose: bool) -> None:
    n = 150
    src = [f"c{k % 200}" for k in range(n)]
    tgt = src[:70] + ["c199 c198"] + src[70:]
    beads = align_beads(
        src, tgt, fake_encode, length_prior=False, band=3, anchor_band=anchor_band, compose_windows=compose
    )
    assert_covers(beads, n, n + 1)
    assert ((), (70,)) in shape(beads)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 30), min_size=1, max_size=3), max_size=12),
    st.lists(st.lists(st.integers(0, 30), min_size=1, max_size=3), max_size=12),
    st.integers(2, 6),
    st.booleans(),
)
def test_any_input_is_covered_once(src: list, tgt: list, max_bead: int, prior: bool) -> None:
    s = [" ".join(f"c{c}" for c in unit) for unit in src]
    t = [" ".join(f"c{c}" for c in unit) for unit in tgt]
    beads = align_beads(s, t, fake_encode, max_bead=max_bead, band=2, anchor_band=2, length_prior=prior)
    assert_covers(beads, len(s), len(t))
    assert all(len(b.src) + len(b.tgt) <= max(max_bead, 1) for b in beads if b.src and b.tgt)
    assert all(-1.0 - 1e-6 <= b.score <= 1.0 + 1e-6 for b in beads)


def test_rejects_max_bead_below_two() -> None:
    with pytest.raises(ValueError):
        align_beads(["c1"], ["c1"], fake_encode, max_bead=1)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 14), st.integers(1, 14), st.integers(1, 4), st.integers(0, 2**32 - 1), st.booleans()
)
def test_plain_and_vectorised_programmes_agree(n: int, m: int, band: int, seed: int, coarse: bool) -> None:
    """The plain-float programme (narrow bands) and the row-vectorised one (wide bands) are
    one programme: the same path on any lattice, ties included (coarse scores make many)."""
    from langcheck.align.beads import _band_around, _best_path, _Cells, _Lattice, _rows_numpy, _rows_python

    rng = np.random.default_rng(seed)
    # a random anchor path: 1-1, 1-0 and 0-1 steps from (0, 0) to (n, m)
    path, (i, j) = [(0, 0)], (0, 0)
    while (i, j) != (n, m):
        step = rng.integers(3) if i < n and j < m else (1 if i < n else 2)
        i, j = i + (step != 2), j + (step != 1)
        path.append((i, j))
    types = [(1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 0)]
    cells = _Cells(_Lattice(n, *_band_around(path, n, m, band)), types)
    gains = rng.uniform(-1, 1, len(cells))
    gains[rng.random(len(gains)) < 0.2] = -np.inf  # beads the length prior rules out
    if coarse:
        gains = np.round(gains, 1)
    skips = ([-0.15] * n, [-0.15] * m)
    tgt_cum = [0.0] + list(np.cumsum(skips[1]))
    plain = _rows_python(cells, gains, skips[0], tgt_cum)
    vectorised = _rows_numpy(cells, gains, skips[0], tgt_cum)
    assert [list(row) for row in plain] == [row.tolist() for row in vectorised]
    best = _best_path(cells, gains, *skips)
    assert best[0] == (0, 0) and best[-1] == (n, m)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 12), st.integers(1, 12), st.integers(0, 2**32 - 1), st.booleans())
def test_a_kept_lattice_aligns_as_a_new_one(n: int, m: int, seed: int, compose: bool) -> None:
    """Lattices are kept between calls (`beads._cells`): two documents of the same shapes, one
    aligned after the other, get the beads each gets alone, and a kept lattice cannot be written."""
    from langcheck.align import beads

    rng = np.random.default_rng(seed)
    pairs = [([f"c{c}" for c in rng.integers(0, 200, n)], [f"c{c}" for c in rng.integers(0, 200, m)]) for _ in range(3)]
    alone = []
    for src, tgt in pairs:
        beads._kept.clear()
        alone.append(align_beads(src, tgt, fake_encode, compose_windows=compose, band=2))
    beads._kept.clear()
    after_each_other = [align_beads(src, tgt, fake_encode, compose_windows=compose, band=2) for src, tgt in pairs]
    assert after_each_other == alone
    assert beads._kept
    for cells in beads._kept.values():
        with pytest.raises(ValueError):
            cells.i[0] = 1
        with pytest.raises(ValueError):
            cells.lattice.lo[0] = 1


def test_only_small_lattices_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    from langcheck.align import beads

    monkeypatch.setattr(beads, "_KEPT_LATTICES", 3)
    beads._kept.clear()
    for n in range(1, 8):  # more shapes than are kept: the oldest go
        align_beads([f"c{i}" for i in range(n)], [f"c{i}" for i in range(n)], fake_encode, band=2)
    assert 0 < len(beads._kept) <= 3
    beads._kept.clear()
    monkeypatch.setattr(beads, "_KEPT_CELLS", 10)
    align_beads([f"c{i}" for i in range(30)], [f"c{i}" for i in range(30)], fake_encode, band=2)
    assert all(len(cells) <= 10 for cells in beads._kept.values())
