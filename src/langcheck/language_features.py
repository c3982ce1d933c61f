"""py3langid's n-gram features and decisions for many pieces of text at once, with numpy.

`language.identify_version_languages` judges a version's sentences, its paragraphs and the whole
text. py3langid reads a text byte by byte in Python, walking an automaton (`tk_nextmove`) whose
states emit the n-gram features (`tk_output`), counts the features and scores the counts against
a per-feature table (`nb_ptc`). Here the same walk is done over all of a version's pieces at once
(`walk_states`), the counts of every group of pieces come from one sort (`first_seen_counts`),
and the scores' softmax runs over all groups at once (`decide`). The answers are py3langid's own,
bit for bit: the same features in the same order, the same counts, the same per-group sums.

The walk: the state after byte i is `nextmove[rowbase[state before] + byte i]`. Each round
computes every position's state from the previous round's states one position back, with state 0
before each piece's first byte. After r rounds, the first r positions of each piece are exact,
and where the automaton forgets all but its last few bytes (an n-gram automaton: py3langid
0.4.0's model forgets all but 6), every position is. The rounds stop when a round changes
nothing: then the states solve state[i] = nextmove[rowbase[state[i-1]] + byte i] at every
position, from state 0 at each piece's start, and that recurrence has one solution, the walk's
own, so the states are exact whatever the model (an automaton that never forgets costs more
rounds, never a wrong answer).
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import numpy as np

# More rounds than this (a model whose automaton remembers long contexts): the rest of the
# walk is done byte by byte, as py3langid does.
MAX_ROUNDS = 32


@dataclass(frozen=True, eq=False)
class Tables:
    """The arrays of one py3langid identifier, as numpy arrays (views where they can be).

    nextmove: (rows * 256,) next state per (row of a state, byte); rowbase: (states,) int64,
    a state's row times 256; output: (states,) int32, the feature a state emits or -1;
    ptc: (features, languages) float32, the per-feature log-probabilities (py3langid casts
    its float16 table to float32 when it scores: the same numbers); pc: (languages,) float32.
    """

    nextmove: np.ndarray
    rowbase: np.ndarray
    output: np.ndarray
    ptc: np.ndarray
    pc: np.ndarray
    labels: tuple[str, ...]
    alias_pairs: tuple[tuple[int, int], ...]

    @cached_property
    def features(self) -> int:
        return int(self.ptc.shape[0])


def tables_of(identifier: Any) -> Tables:
    """The numpy form of `identifier` (a py3langid LanguageIdentifier)."""
    ptc = np.asarray(identifier.nb_ptc)
    return Tables(
        nextmove=np.asarray(identifier.tk_nextmove),
        rowbase=np.asarray(identifier.tk_row, dtype=np.int64) << 8,
        output=np.asarray(identifier.tk_output, dtype=np.int32),
        ptc=ptc.astype(np.float32) if ptc.dtype != np.float32 else ptc,
        pc=np.asarray(identifier.nb_pc, dtype=np.float32),
        labels=tuple(identifier.nb_classes),
        alias_pairs=tuple(tuple(pair) for pair in identifier._alias_pairs),
    )


def walk_states(tables: Tables, data: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The automaton's state after each byte of `data` (uint8, the pieces end to end), walked
    from state 0 at each offset in `starts` (int64, ascending, the first one 0). See the module."""
    nextmove, rowbase = tables.nextmove, tables.rowbase
    if not len(data):
        return np.zeros(0, dtype=np.int64)
    data = data.astype(np.int64)
    start_row = rowbase[0]
    states = nextmove[start_row + data].astype(np.int64)
    rows = np.empty_like(data)
    for _ in range(MAX_ROUNDS):
        rows[1:] = rowbase[states[:-1]]
        rows[starts] = start_row
        following = nextmove[rows + data]
        if np.array_equal(following, states):
            return states
        states = following.astype(np.int64)
    return _walk_rest(tables, data, starts, states)


def _walk_rest(tables: Tables, data: np.ndarray, starts: np.ndarray, states: np.ndarray) -> np.ndarray:
    """The walk byte by byte (a model that did not settle in MAX_ROUNDS rounds)."""
    nextmove, rowbase = tables.nextmove, tables.rowbase
    is_start = np.zeros(len(data), dtype=bool)
    is_start[starts] = True
    state = 0
    walked = states.copy()
    for i, (letter, first) in enumerate(zip(data.tolist(), is_start.tolist())):
        state = int(nextmove[int(rowbase[0 if first else state]) + letter])
        walked[i] = state
    return walked


def first_seen_counts(compact: np.ndarray, group: np.ndarray, groups: int,
                      width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each group's distinct features with their counts, in the order each was first seen:
    what Counter(that group's features) holds, keys and values in its order.

    `compact` and `group` (int64, one per emitted feature, `group` ascending): the features
    numbered 0 .. width - 1 (any numbering: the caller maps them back) and their groups. Returns
    (features, counts as float32, bounds): group g's are [bounds[g]:bounds[g + 1]]. No sort:
    one slot per (group, feature) keeps the first position it is seen at.
    """
    key = group * width + compact
    positions = np.arange(len(key), dtype=np.int64)
    first = np.full(groups * width, len(key), dtype=np.int64)
    np.minimum.at(first, key, positions)
    is_first = first[key] == positions
    # Positions run group by group, so the first sightings in position order are each group's
    # distinct features in the order Counter would list them.
    counts = np.bincount(key, minlength=groups * width)[key[is_first]]
    bounds = np.searchsorted(group[is_first], np.arange(groups + 1))
    return compact[is_first], counts.astype(np.float32), bounds


def decide(tables: Tables, features: np.ndarray, counts: np.ndarray, bounds: np.ndarray,
           sizes: Sequence[int], min_confidence: float) -> list[str | None]:
    """py3langid's `classify` with normalised probabilities, per group: the language whose
    probability is `min_confidence` or more, else None (also for a group without features).

    `sizes`: each group's text length in bytes (the softmax's temperature is its square root).
    """
    groups = len(sizes)
    raw = np.zeros((groups, len(tables.labels)), dtype=np.float32)
    weights = np.log1p(counts)
    ptc, pc = tables.ptc, tables.pc
    empty = []
    for g in range(groups):
        lo, hi = int(bounds[g]), int(bounds[g + 1])
        if lo == hi:
            empty.append(g)
            continue
        # One product per group, as py3langid's _sparse_score: a sum over all groups at once
        # would add in another order and could differ in the last bit.
        raw[g] = weights[lo:hi] @ ptc[features[lo:hi]] + pc
    scale = np.array([1.0 / math.sqrt(size or 1) for size in sizes], dtype=np.float32)
    scores = raw * scale[:, None]
    scores = np.exp(scores - scores.max(axis=1, keepdims=True))
    scores /= scores.sum(axis=1, keepdims=True)
    for i, j in tables.alias_pairs:
        scores[:, i] += scores[:, j]
        scores[:, j] = 0.0
    best = scores.argmax(axis=1).tolist()
    confidence = scores[np.arange(groups), best].tolist()
    found: list[str | None] = [
        tables.labels[b] if p >= min_confidence else None for b, p in zip(best, confidence)]
    for g in empty:
        found[g] = None
    return found


def judge(tables: Tables, pieces: Sequence[bytes], ranges: Sequence[tuple[int, int]], sizes: Sequence[int],
          min_confidence: float) -> list[str | None]:
    """The language of each group of `pieces` (encoded texts, as py3langid's `_encode` gives
    them), a group being a range of pieces [first, end) whose features are counted together;
    `sizes`: each group's length in bytes. None where the identifier is unsure (`decide`)."""
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    ends = np.cumsum(lengths)
    starts = ends - lengths
    data = np.frombuffer(b"".join(pieces), dtype=np.uint8)
    states = walk_states(tables, data, np.unique(starts[lengths > 0]))
    emitted = tables.output[states]
    kept = emitted >= 0
    features = emitted[kept].astype(np.int64)
    # Piece p's features are features[bounds[p]:bounds[p + 1]].
    bounds = np.concatenate(([0], np.cumsum(kept)))[np.concatenate(([0], ends))]
    spans = [(int(bounds[first]), int(bounds[end])) for first, end in ranges]
    # The features numbered 0 .. n - 1 for this text alone, so that a table of one slot per
    # (group, feature) stays small.
    numbered, compact = np.unique(features, return_inverse=True)
    selected = np.concatenate([compact[lo:hi] for lo, hi in spans]) if spans else compact[:0]
    group = np.repeat(np.arange(len(spans), dtype=np.int64), [hi - lo for lo, hi in spans])
    seen, counts, group_bounds = first_seen_counts(selected.astype(np.int64), group, len(spans), len(numbered))
    return decide(tables, numbered[seen], counts, group_bounds, sizes, min_confidence)


def letter_counts(texts: Sequence[str], letter: re.Pattern[str]) -> list[int]:
    """How many characters of each of `texts` the one-character pattern `letter` matches:
    `len(letter.findall(text))` for each, from one lookup per character of all of them."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    points = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = _letter_table(letter)
    flags = table[points]
    unknown = flags < 0
    if unknown.any():
        # Each character is asked of the pattern itself, once per process.
        seen = np.unique(points[unknown])
        table[seen] = [letter.fullmatch(chr(point)) is not None for point in seen.tolist()]
        flags = table[points]
    running = np.concatenate(([0], np.cumsum(flags, dtype=np.int64)))
    ends = np.cumsum(lengths)
    return (running[ends] - running[ends - lengths]).tolist()


@lru_cache(maxsize=2)
def _letter_table(letter: re.Pattern[str]) -> np.ndarray:
    """Per code point: 1 where `letter` matches it, 0 where not, -1 not asked yet."""
    return np.full(sys.maxunicode + 1, -1, dtype=np.int8)
