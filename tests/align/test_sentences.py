"""Unmatched sentences inside a paragraph group, with fake embeddings (tests/align/fake_meaning.py).

A sentence is a run of meaning words (`de:vote de:sunday`); the same words in another language
are its translation. What must come out unmatched: a sentence one side lacks. What must not: a
sentence split in two, two sentences merged, a sentence reordered inside its neighbour's bead.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from langcheck.align.sentences import SentenceSides, unmatched_sentences

_spec = importlib.util.spec_from_file_location("fake_meaning", Path(__file__).with_name("fake_meaning.py"))
fake = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fake)


def _side(lang: str, sentences: str) -> list[str]:
    """`_side("de", "a.b c.d")` -> ["de:a de:b", "de:c de:d"]: sentences split at spaces,
    words at dots (a word stands for a few characters of text)."""
    return [" ".join(f"{lang}:{w}" for w in s.split(".")) for s in sentences.split()]


def _unmatched(a: str, b: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    ta, tb = _side("en", a), _side("de", b)
    found = unmatched_sentences(ta, fake.encode(ta), tb, fake.encode(tb), length_ratio=1.0)
    return found.a, found.b


@pytest.mark.parametrize(
    "a, b, expected",
    [
        pytest.param("vote.sunday.name referendum.plan.dispute athens.claim.north",
                     "vote.sunday.name referendum.plan.dispute athens.claim.north", ((), ()), id="same"),
        pytest.param("vote.sunday.name referendum.plan.dispute athens.claim.north",
                     "vote.sunday.name athens.claim.north", ((1,), ()), id="middle-dropped"),
        pytest.param("vote.sunday.name referendum.plan.dispute athens.claim.north",
                     "vote.sunday.name referendum.plan.dispute", ((2,), ()), id="last-dropped"),
        # A short sentence next to a long one: the 2-1 bead costs little length agreement, so
        # the programme absorbs it; the absorbed-unit check must take it out again.
        # (The long sentence is a loose translation: 4 of its 6 words agree.)
        pytest.param("pyongyang.comment.north defectors.citizenship.offered.eventually.majority.north "
                     "seoul.border.crossed.war.since.thousands",
                     "defectors.citizenship.granted.finally.majority.north seoul.border.crossed.war.since.thousands",
                     ((0,), ()), id="short-sentence-dropped-next-to-a-long-one"),
        pytest.param("vote.sunday.name athens.claim.north",
                     "vote.sunday.name storm.weather.rain athens.claim.north", ((), (1,)), id="added"),
        pytest.param("vote.sunday.name.referendum.plan.dispute athens.claim.north",
                     "vote.sunday.name referendum.plan.dispute athens.claim.north", ((), ()), id="split-in-two"),
        pytest.param("vote.sunday.name referendum.plan.dispute athens.claim.north",
                     "vote.sunday.name.referendum.plan.dispute athens.claim.north", ((), ()), id="merged"),
        # Two different sentences in the same place: a loose rewording, not an omission plus an
        # addition (the programme pairs them rather than pay two skips).
        pytest.param("vote.sunday.name quote.tears.anger athens.claim.north",
                     "vote.sunday.name cry.rage.words athens.claim.north", ((), ()), id="reworded-in-place"),
    ],
)
def test_unmatched_sentences(a: str, b: str, expected: tuple) -> None:
    assert _unmatched(a, b) == expected


def test_a_skipped_sentence_that_resembles_the_other_side_is_covered() -> None:
    # b repeats content of a's first sentence in a different place: a's "vote" sentence
    # skipped by the programme still has a close sentence in b, so it is not reported.
    ta = _side("en", "vote.sunday.name athens.claim.north")
    tb = _side("de", "athens.claim.north vote.sunday.name")
    found = unmatched_sentences(ta, fake.encode(ta), tb, fake.encode(tb), length_ratio=1.0)
    assert found.a == () and found.b == ()


def test_empty_side() -> None:
    ta = _side("en", "vote.sunday athens.claim")
    found = unmatched_sentences(ta, fake.encode(ta), [], fake.encode([])[:0].reshape(0, fake.DIM))
    assert found.a == (0, 1) and found.b == ()


def test_a_sentence_absorbed_into_its_neighbours_bead_is_taken_out() -> None:
    # Without the release's length ratio, the side lacking a sentence looks longer per sentence
    # and the programme merges the dropped sentence into its neighbour's bead (a 2-1 bead).
    # The absorbed-unit check must still report it, and only it.
    ta = _side("en", "pyongyang.comment.north defectors.citizenship.offered.eventually.majority.north "
                     "seoul.border.crossed.war.since.thousands")
    tb = _side("de", "defectors.citizenship.granted.finally.majority.north seoul.border.crossed.war.since.thousands")
    found = unmatched_sentences(ta, fake.encode(ta), tb, fake.encode(tb))
    assert (found.a, found.b) == ((0,), ())


def test_one_group_of_versions_compares_each_pair_as_two_sides_alone() -> None:
    # SentenceSides shares one matrix of cosines between all versions of a group; each pair
    # must still come out as unmatched_sentences of the two sides alone (a dropped, an added,
    # a merged and an untouched version, in five languages).
    sides = {
        "en": _side("en", "vote.sunday.name referendum.plan.dispute athens.claim.north"),
        "de": _side("de", "vote.sunday.name athens.claim.north"),
        "es": _side("es", "vote.sunday.name referendum.plan.dispute storm.weather.rain athens.claim.north"),
        "fr": _side("fr", "vote.sunday.name.referendum.plan.dispute athens.claim.north"),
        "ru": _side("ru", "vote.sunday.name referendum.plan.dispute athens.claim.north"),
    }
    langs = list(sides)
    group = SentenceSides([(sides[lang], fake.encode(sides[lang])) for lang in langs])
    seen = set()
    for x, a in enumerate(langs):
        for y, b in enumerate(langs):
            if x == y:
                continue
            alone = unmatched_sentences(
                sides[a], fake.encode(sides[a]), sides[b], fake.encode(sides[b]), length_ratio=1.0
            )
            shared = group.unmatched(x, y, length_ratio=1.0)
            assert (shared.a, shared.b) == (alone.a, alone.b), (a, b)
            assert shared.best_a == pytest.approx(alone.best_a, abs=1e-6)
            seen.add((shared.a, shared.b))
    assert ((1,), ()) in seen and ((), (2,)) in seen  # the drop and the addition were found


def _unit(vector: list[float]):
    import numpy as np

    v = np.asarray(vector, dtype=np.float32)
    return (v / np.linalg.norm(v)).reshape(1, -1)


@pytest.mark.parametrize("lengths", [(40, 40), (12, 90), (90, 12), (1, 300)])
def test_one_sentence_on_each_side_is_the_programmes_answer(lengths: tuple[int, int]) -> None:
    # One sentence each (the usual paragraph of a press release): a 1-1 bead unless the two
    # are opposed, whatever their lengths - what the bead programme says on that lattice.
    import numpy as np

    rng = np.random.default_rng(7)
    a_text, b_text = "a" * lengths[0], "b" * lengths[1]
    shapes = set()
    for _ in range(200):
        u, v = _unit(rng.normal(size=8)), _unit(rng.normal(size=8))
        cosine = float(u[0] @ v[0])
        sides = SentenceSides([([a_text], u), ([b_text], v)])
        found = sides.unmatched(0, 1, length_ratio=1.0)
        paired = [(b.src, b.tgt) for b in sides._beads(0, 1, 1.0)] == [((0,), (0,))]
        assert paired or cosine < 0.0
        # Two null beads leave both out: an opposed sentence covers nothing (COVERED).
        assert (found.a, found.b) == (((), ()) if paired else ((0,), (0,)))
        assert found.best_a == found.best_b == (pytest.approx(cosine, abs=1e-6),)
        shapes.add((paired, cosine >= 0.0))
    assert (True, False) in shapes  # opposed, and still paired (a weak length prior)
    # Opposed enough to be two null beads: only where the lengths agree (a prior near 1).
    assert ((False, False) in shapes) == (lengths == (40, 40))
    opposed = SentenceSides([([a_text], _unit([1.0, 0.0])), ([b_text], _unit([-1.0, 0.1]))])
    assert (opposed.unmatched(0, 1).a, opposed.unmatched(0, 1).b) == ((0,), (0,))
