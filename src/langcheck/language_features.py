"""py3langid's n-gram features and decisions for many pieces of text at once, with numpy.

`language.identify_version_languages` judges a version's sentences, its paragraphs and the whole
text. py3langid reads a text byte by byte in Python, walking an automaton (`tk_nextmove`) whose
states emit the n-gram features (`tk_output`), counts the features (a Counter) and scores the
counts against a per-feature table (`nb_ptc`). Here the walk is done over all of a version's
pieces at once (`walk_states`), every group's counts come from one table of (group, feature)
slots (`first_seen_counts`), and the softmax runs over all groups at once (`probabilities`).
The answers are py3langid's own, bit for bit: the same features, counted in the same order (a
float32 sum depends on its order), each group's product made by the same numpy call, and
elementwise arithmetic that gives each element the same result alone or in a batch.

The walk: the state after byte i is `nextmove[rowbase[state before] + byte i]`, from state 0
at each piece's start. Each round computes every position's state from the previous round's
state one position back. After r rounds the first r positions of each piece are exact, and
where the automaton forgets all but its last few bytes, every position is: py3langid 0.4.0's
model forgets all but 6 (checked by exhaustion: from any pair of states, every 6 bytes lead to
one state), so its walk takes the first round and 6 more, the last changing nothing. The rounds stop when a round changes nothing: then the
states solve state[i] = nextmove[rowbase[state[i - 1]] + byte i] at every position, from state 0
at each start, and that recurrence has one solution, the walk's own. So the states are exact
whatever the model: one that never forgets costs more rounds (then a walk byte by byte after
MAX_ROUNDS), never a wrong answer.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
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
    ptc: (features, languages), the per-feature log-probabilities as stored (float16: the rows
    a text needs are cast to float32, as py3langid's product casts them); pc: (languages,) float32.
    """

    nextmove: np.ndarray
    rowbase: np.ndarray
    output: np.ndarray
    ptc: np.ndarray
    pc: np.ndarray
    labels: tuple[str, ...]
    alias_pairs: tuple[tuple[int, int], ...]

    @property
    def features(self) -> int:
        """How many n-gram features the model has."""
        return int(self.ptc.shape[0])


def tables_of(identifier: Any) -> Tables:
    """The numpy form of `identifier` (a py3langid LanguageIdentifier)."""
    return tables_from(identifier.nb_ptc, identifier.nb_pc, identifier.nb_classes, identifier.tk_nextmove,
                       identifier.tk_row, identifier.tk_output)


def tables_from(ptc: Any, pc: Any, labels: Sequence[str], nextmove: Any, row: Any, output: Any) -> Tables:
    """Tables from the arrays py3langid's LanguageIdentifier is built from (the same arguments:
    arrays, `array`s, memory views or lists), as views where they can be."""
    first: dict[str, int] = {}
    alias_pairs = []
    for i, label in enumerate(labels):  # py3langid's _set_alias_pairs: a label's later columns
        if label in first:
            alias_pairs.append((first[label], i))
        else:
            first[label] = i
    return Tables(
        nextmove=np.asarray(nextmove),
        rowbase=np.asarray(row, dtype=np.int64) << 8,
        output=np.asarray(output, dtype=np.int32),
        # Rows are gathered: C order (set_languages' ptc[:, indices] is laid out by columns).
        ptc=np.ascontiguousarray(ptc),
        pc=np.asarray(pc, dtype=np.float32),
        labels=tuple(labels),
        alias_pairs=tuple(alias_pairs),
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
    return _walk_bytes(tables, data, starts)


def _walk_bytes(tables: Tables, data: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The walk byte by byte (a model that did not settle in MAX_ROUNDS rounds)."""
    nextmove, rowbase = tables.nextmove, tables.rowbase
    is_start = np.zeros(len(data), dtype=bool)
    is_start[starts] = True
    state = 0
    walked = np.empty_like(data)
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


def probabilities(tables: Tables, features: np.ndarray, counts: np.ndarray, bounds: np.ndarray,
                  sizes: Sequence[int]) -> np.ndarray:
    """py3langid's normalised probabilities (`_decide` with norm_probs), per group: (groups,
    languages) float32; a group without features gets a uniform row, as py3langid's 0 scores do.

    Groups as `first_seen_counts` gives them; `sizes`: each group's text length in bytes (the
    softmax's temperature is its square root).
    """
    groups = len(sizes)
    raw = np.zeros((groups, len(tables.labels)), dtype=np.float32)
    weights = np.log1p(counts)
    # take: a fifth of the time of ptc[features] on a (100000, 5) table; the same rows.
    rows = np.take(tables.ptc, features, axis=0).astype(np.float32)
    edges = bounds.tolist()
    for g in range(groups):
        lo, hi = edges[g], edges[g + 1]
        if lo < hi:
            # One product per group, as py3langid's _sparse_score: one sum over all groups at
            # once would add in another order and could differ in the last bit.
            raw[g] = weights[lo:hi] @ rows[lo:hi]
    raw[bounds[1:] > bounds[:-1]] += tables.pc
    scale = np.array([1.0 / math.sqrt(size or 1) for size in sizes], dtype=np.float32)
    scores = raw * scale[:, None]
    scores = np.exp(scores - scores.max(axis=1, keepdims=True))
    scores /= scores.sum(axis=1, keepdims=True)
    for i, j in tables.alias_pairs:
        scores[:, i] += scores[:, j]
        scores[:, j] = 0.0
    return scores


def decide(scores: np.ndarray, labels: Sequence[str], min_confidence: float) -> list[str | None]:
    """Per row of `scores` (`probabilities`): the best label where its probability is
    `min_confidence` or more (compared as Python floats, as py3langid's callers do), else None."""
    best = scores.argmax(axis=1).tolist()
    confidence = scores[np.arange(len(best)), best].tolist()
    return [labels[b] if p >= min_confidence else None for b, p in zip(best, confidence)]


def judge(tables: Tables, pieces: Sequence[bytes], ranges: Sequence[tuple[int, int]], sizes: Sequence[int],
          min_confidence: float) -> list[str | None]:
    """The language of each group of `pieces` (encoded texts, as py3langid's `_encode` gives
    them), a group being a range of pieces [first, end) whose features are counted together;
    `sizes`: each group's length in bytes. None where the identifier is unsure (`decide`)."""
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    ends = np.cumsum(lengths)
    starts = ends - lengths
    data = np.frombuffer(b"".join(pieces), dtype=np.uint8)
    # The non-empty pieces' starts are already distinct and ascending (no np.unique: in numpy
    # 2.x its first call imports numpy.ma, some 8 ms a process).
    states = walk_states(tables, data, starts[lengths > 0])
    emitted = tables.output[states]
    kept = emitted >= 0
    features = emitted[kept].astype(np.int64)
    # Piece p's features are features[bounds[p]:bounds[p + 1]].
    bounds = np.concatenate(([0], np.cumsum(kept)))[np.concatenate(([0], ends))]
    spans = [(int(bounds[first]), int(bounds[end])) for first, end in ranges]
    numbered, distinct = _numbered(features, tables.features)
    selected = np.concatenate([numbered[lo:hi] for lo, hi in spans]) if spans else numbered[:0]
    group = np.repeat(np.arange(len(spans), dtype=np.int64), [hi - lo for lo, hi in spans])
    seen, counts, group_bounds = first_seen_counts(selected, group, len(spans), len(distinct))
    scores = probabilities(tables, distinct[seen], counts, group_bounds, sizes)
    found = decide(scores, tables.labels, min_confidence)
    # A group without features: py3langid's classify would say some language at 1/5; the
    # caller's rule is to abstain (there is nothing to judge).
    return [None if lo == hi else f for f, lo, hi in zip(found, group_bounds[:-1].tolist(), group_bounds[1:].tolist())]


def _numbered(features: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """(each position's feature as 0 .. n - 1, the n distinct features by that number), for the
    `features` (int64, each below `width`) of one text, without a sort: a table of one slot per
    (group, feature) then has n columns rather than the model's 100,000."""
    positions = np.arange(len(features), dtype=np.int64)
    slot = np.empty(width, dtype=np.int64)
    # Each feature is named by one position it occurs at: whichever write lands last, any one
    # of them will do, as all its occurrences read the same slot back.
    slot[features] = positions
    named = slot[features]
    is_name = named == positions
    number = np.cumsum(is_name) - 1
    return number[named], features[is_name]


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
        seen = sorted(set(points[unknown].tolist()))  # (not np.unique: see judge)
        table[seen] = [letter.fullmatch(chr(point)) is not None for point in seen]
        flags = table[points]
    running = np.concatenate(([0], np.cumsum(flags, dtype=np.int64)))
    ends = np.cumsum(lengths)
    return (running[ends] - running[ends - lengths]).tolist()


@lru_cache(maxsize=2)
def _letter_table(letter: re.Pattern[str]) -> np.ndarray:
    """Per code point: 1 where `letter` matches it, 0 where not, -1 not asked yet."""
    return np.full(sys.maxunicode + 1, -1, dtype=np.int8)
