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
