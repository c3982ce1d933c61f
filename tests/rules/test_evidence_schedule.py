"""LC103/LC104 align only the pairs of versions that can still matter (`structure._aligned_pairs`).

The short-cut is safe only if (1) `_needed` is a true lower bound of what `_added_here` and
`_missing_here` ask for, and (2) every version that is not settled has all its pairs aligned.
Both are checked here against the predicates themselves, over every pattern of empty and
non-empty pairs for two to five versions.
"""

from __future__ import annotations

from itertools import combinations, product

import pytest

from langcheck.rules.structure import _aligned_pairs, _enough, _enough_for_omission, _needed, _pair_order


@pytest.mark.parametrize("others", [1, 2, 3, 4, 5, 6])
def test_fewer_than_needed_versions_are_never_enough(others):
    names = [f"v{k}" for k in range(others)]
    for source in (None, "v0", "elsewhere"):
        for k in range(others + 1):
            for versions in combinations(names, k):
                enough = _enough(versions, names, source) or _enough_for_omission(versions, names, source)
                if k < _needed(others):
                    assert not enough, (others, source, versions)


def test_needed_is_reached():
    # the bound is tight: a strict majority of two others is both of them
    assert _enough(("a", "b"), ["a", "b"], None)
    assert _enough(("a",), ["a"], None)


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_pair_order_has_every_pair_once(n):
    order = _pair_order(n)
    assert sorted(order) == [(x, y) for x in range(n) for y in range(x + 1, n)]


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_every_unsettled_version_has_all_its_pairs(n):
    pairs = list(combinations(range(n), 2))
    for pattern in product((False, True), repeat=len(pairs)):
        gaps = {pair: ((0,), ()) if full else ((), ()) for pair, full in zip(pairs, pattern)}
        asked: list[tuple[int, int]] = []

        def align(x: int, y: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
            asked.append((x, y))
            return gaps[(x, y)]

        aligned, settled = _aligned_pairs(n, align)
        assert aligned == {pair: gaps[pair] for pair in asked}
        for v in range(n):
            mine = [pair for pair in pairs if v in pair]
            non_empty = sum(gaps[pair] != ((), ()) for pair in mine)
            if non_empty >= _needed(n - 1):
                assert not settled[v]
            if not settled[v]:
                assert all(pair in aligned for pair in mine)


@pytest.mark.parametrize(("n", "aligned_when_all_empty"), [(2, 1), (3, 2), (4, 4), (5, 8)])
def test_all_empty_pairs_settle_early(n, aligned_when_all_empty):
    aligned, settled = _aligned_pairs(n, lambda x, y: ((), ()))
    assert len(aligned) == aligned_when_all_empty
    assert all(settled)


def _unit_rows(rng, k: int, dim: int = 16, spread: float = 1.0):
    import numpy as np

    base = rng.normal(size=dim)
    rows = base + spread * rng.normal(size=(k, dim))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


@pytest.mark.parametrize("spread", [0.3, 1.0, 3.0])
def test_single_sentences_alike_means_no_pair_leaves_one_unmatched(spread):
    import numpy as np

    from langcheck.align.sentences import SentenceSides
    from langcheck.rules.structure import _single_sentences_alike

    rng = np.random.default_rng(7)
    said_alike = 0
    for _ in range(200):
        n = int(rng.integers(2, 6))
        vectors = _unit_rows(rng, n, spread=spread)
        lengths = rng.integers(5, 300, size=n)
        units = [([(0, "x" * int(length))], vectors[k : k + 1]) for k, length in enumerate(lengths)]
        alike = _single_sentences_alike(units)
        gram = vectors.astype(np.float64) @ vectors.astype(np.float64).T
        assert alike == bool(gram.min() > 1e-6)
        if alike:
            said_alike += 1
            sides = SentenceSides([([t for _, t in texts], v) for texts, v in units])
            for x, y in combinations(range(n), 2):
                # The bead programme itself (`unmatched` has a one-sentence short-cut of its own).
                beads = sides._beads(x, y, float(rng.uniform(0.5, 2.0)))
                assert [(b.src, b.tgt) for b in beads] == [((0,), (0,))]
    assert said_alike > 0


def test_single_sentences_alike_refuses_longer_sides_and_opposite_sentences():
    import numpy as np

    from langcheck.rules.structure import _single_sentences_alike

    v = np.eye(4, dtype=np.float32)
    one = lambda row: ([(0, "A sentence of the release.")], row)  # noqa: E731
    assert _single_sentences_alike([one(v[0:1]), one(v[0:1])])
    assert not _single_sentences_alike([one(v[0:1]), one(-v[0:1])])
    assert not _single_sentences_alike([one(v[0:1]), one(v[1:2])])  # orthogonal: no margin
    two = ([(0, "One."), (0, "Two.")], v[0:2])
    assert not _single_sentences_alike([two, one(v[0:1])])
