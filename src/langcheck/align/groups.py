"""All versions at once: groups of paragraphs that carry the same content in every version.

Every version is aligned to one pivot version with the two-sequence bead aligner, and the
links of all those alignments are joined (union-find over (lang, paragraph) nodes). A 2-1 bead
joins two pivot paragraphs with one paragraph of another version, so merged and split
paragraphs end up in one group and are not defects.

A paragraph on a merged side of a bead stays in it only when the sentence alignment of the two
sides pairs most of its text; otherwise it is split off (a paragraph that one version lacks
must not hide in its neighbour's group, or LC101 would see nothing missing).

Paragraphs that no bead links to the pivot (the pivot may itself lack them) are matched with
each other: those of different versions that sit in the same gap between pivot paragraphs
and are similar enough form a group of their own. So a paragraph missing from the pivot does
not look like an extra paragraph in each of the other versions.
"""

from __future__ import annotations

import statistics
from functools import lru_cache
from typing import Callable, Mapping, Sequence

import numpy as np

from langcheck.align.beads import align_beads
from langcheck.align.sentences import unmatched_sentences
from langcheck.model import Group

Encode = Callable[[Sequence[str]], np.ndarray]
Node = tuple[str, int]

# Two leftover paragraphs of different versions in the same gap are the same content above this
# cosine (the bundled model scores faithful translations 0.6-0.9, unrelated paragraphs < 0.35).
LEFTOVER_MATCH = 0.5
# A paragraph in a merged bead side belongs there when the sentence alignment of the two sides
# pairs at least this share of its characters: one topical sentence that resembles a sentence
# of the other side must not hold a deleted paragraph in its neighbour's group.
COVERED_SHARE = 0.5
# Paragraph-level bead settings: paragraphs are long units, and a paragraph rarely merges
# with more than two others.
PARAGRAPH_MAX_BEAD = 4
PARAGRAPH_BAND = 4


def align_versions(
    texts: Mapping[str, Sequence[str]],
    encode: Encode,
    *,
    pivot: str | None = None,
    sentences: Mapping[str, Sequence[Sequence[str]]] | None = None,
) -> tuple[Group, ...]:
    """Group the paragraphs of all versions.

    `texts[lang]` is the list of paragraph texts of a version; `sentences[lang][i]` optionally
    the sentences of paragraph i (used to tell a split paragraph from an added one). Returns
    groups in document order; every (lang, index) appears in exactly one group.
    """
    langs = sorted(texts)
    if not langs:
        return ()
    pivot = pivot if pivot in texts else _default_pivot(texts)
    parent: dict[Node, Node] = {}

    def find(node: Node) -> Node:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(a: Node, b: Node) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for lang in langs:
        for i in range(len(texts[lang])):
            find((lang, i))

    # Where each non-pivot paragraph sits relative to the pivot: a fractional pivot position.
    position: dict[Node, float] = {(pivot, i): float(i) for i in range(len(texts[pivot]))}
    related = _SentenceOverlap(texts, sentences, encode)
    leftovers: list[Node] = []
    for lang in langs:
        if lang == pivot:
            continue
        last_pivot = -1
        beads = align_beads(
            texts[pivot], texts[lang], encode, max_bead=PARAGRAPH_MAX_BEAD, band=PARAGRAPH_BAND,
            compose_windows=True,
        )
        ratio = _length_ratio(beads, texts[pivot], texts[lang])
        for bead in beads:
            if bead.src and bead.tgt:
                src_keep = related.members(pivot, bead.src, lang, bead.tgt, ratio)
                tgt_keep = related.members(lang, bead.tgt, pivot, bead.src, 1.0 / ratio)
                for j in bead.tgt:
                    if j in tgt_keep:
                        union((pivot, src_keep[0]), (lang, j))
                        position[(lang, j)] = float(src_keep[0])
                    else:  # split off before or after the paragraphs it was merged with
                        before = j < tgt_keep[0]
                        position[(lang, j)] = (src_keep[0] - 0.5) if before else (src_keep[-1] + 0.5)
                        leftovers.append((lang, j))
                for i in src_keep[1:]:
                    union((pivot, src_keep[0]), (pivot, i))
                last_pivot = bead.src[-1]
            elif bead.src:
                last_pivot = bead.src[-1]
            else:
                for j in bead.tgt:
                    position[(lang, j)] = last_pivot + 0.5
                    leftovers.append((lang, j))

    _match_leftovers(leftovers, position, texts, encode, union)

    members: dict[Node, list[Node]] = {}
    for node in list(parent):
        members.setdefault(find(node), []).append(node)
    ordered = sorted(
        members.values(), key=lambda nodes: (min(position.get(n, float("inf")) for n in nodes), min(nodes))
    )
    ordered = _monotone(ordered, langs)
    paragraphs = [{lang: tuple(sorted(i for l, i in nodes if l == lang)) for lang in langs} for nodes in ordered]
    similarities = _group_similarities(paragraphs, texts, encode)
    return tuple(Group(paragraphs=p, similarity=s) for p, s in zip(paragraphs, similarities))


def _monotone(groups: list[list[Node]], langs: Sequence[str]) -> list[list[Node]]:
    """Merge groups until every version reads them in document order, each a contiguous run.

    Each alignment to the pivot is monotone, but joining several of them (a 2-1 bead in one
    version, two 1-1 beads in another) can leave a version's paragraph between two paragraphs
    of one group. Such crossing groups are one piece of content; merging them is the honest
    answer, and it keeps "paragraph i of this version comes before paragraph i+1" true.
    """
    groups = [list(g) for g in groups]
    changed = True
    while changed:
        changed = False
        for lang in langs:
            last_max, last_group = -1, None
            for k, nodes in enumerate(groups):
                indexes = [i for l, i in nodes if l == lang]
                if not indexes:
                    continue
                if last_group is not None and min(indexes) < last_max:
                    groups[last_group].extend(nodes)
                    del groups[k]
                    changed = True
                    break
                last_max, last_group = max(indexes), k
            if changed:
                break
    return groups


class _SentenceOverlap:
    """Which paragraphs of a merged bead side the other side really translates.

    The bead aligner scores a merged side by the embedding of its joined text, which barely
    changes when an unrelated paragraph is added: an inserted paragraph next to a real one, or
    the neighbour of a paragraph the other version lacks, can be absorbed into a 1-2 bead. The
    sentences of the two sides are aligned (`langcheck.align.sentences`): a genuinely split
    paragraph has its sentences paired with sentences of the other side; an inserted or
    deleted one has most of them left out, and is split off again here.
    """

    def __init__(self, texts, sentences, encode: Encode) -> None:
        self._sentences = sentences or {lang: [[t] for t in paras] for lang, paras in texts.items()}
        self._encode = encode

    def members(
        self, lang: str, indexes: tuple[int, ...], other: str, other_indexes: tuple[int, ...], ratio: float
    ) -> list[int]:
        """The paragraphs of a bead side that the other side translates (a contiguous run).

        `ratio` is the other language's characters per character of this one.
        """
        if len(indexes) < 2:
            return list(indexes)
        owners = [i for i in indexes for _ in (self._sentences[lang][i] or ["-"])]
        mine = self._units(lang, indexes)
        theirs = self._units(other, other_indexes)
        # Sentence alignment, not best matches: a sentence of a deleted paragraph that resembles
        # one of the other side (the same story told twice) still finds it taken by its real
        # translation. Every sentence the alignment leaves out counts, however similar.
        left_out = set(unmatched_sentences(
            mine, self._encode(mine), theirs, self._encode(theirs), covered=2.0, length_ratio=ratio
        ).a)
        chars = {i: [0.0, 0.0] for i in indexes}
        for k, (owner, text) in enumerate(zip(owners, mine)):
            chars[owner][0] += len(text) * (k not in left_out)
            chars[owner][1] += len(text)
        kept = [i for i in indexes if chars[i][0] >= COVERED_SHARE * max(chars[i][1], 1.0)]
        if not kept:
            return list(indexes)
        # Only an inserted paragraph at either end is split off: what lies between two related
        # paragraphs stays with them, so every group is a contiguous run of each version.
        return [i for i in indexes if kept[0] <= i <= kept[-1]]

    def _units(self, lang: str, indexes: tuple[int, ...]) -> list[str]:
        return [s for i in indexes for s in (self._sentences[lang][i] or ["-"])]


def _length_ratio(beads, src: Sequence[str], tgt: Sequence[str]) -> float:
    """Target characters per source character: the median over the 1-1 paragraph beads (one
    deleted or added paragraph would move a ratio of the totals), else the totals' ratio."""
    ratios = [len(tgt[b.tgt[0]]) / len(src[b.src[0]]) for b in beads
              if len(b.src) == 1 and len(b.tgt) == 1 and src[b.src[0]]]
    if ratios:
        # statistics.median: the same float as np.median (the middle value, or the two middle
        # ones' sum halved), without the numpy.ma import np.median makes (some 8 ms a process).
        return float(statistics.median(ratios)) or 1.0
    total = sum(len(t) for t in src)
    return (sum(len(t) for t in tgt) / total) if total else 1.0


def _default_pivot(texts: Mapping[str, Sequence[str]]) -> str:
    # English when present (most releases are drafted in it and it is the one everyone reads);
    # otherwise the version with the most paragraphs, so that fewer paragraphs are leftovers.
    if "en" in texts:
        return "en"
    return max(sorted(texts), key=lambda lang: len(texts[lang]))


def _match_leftovers(
    leftovers: list[Node],
    position: Mapping[Node, float],
    texts: Mapping[str, Sequence[str]],
    encode: Encode,
    union: Callable[[Node, Node], None],
) -> None:
    """Join leftover paragraphs of different versions that share a gap and a meaning."""
    by_gap: dict[float, list[Node]] = {}
    for node in leftovers:
        by_gap.setdefault(position[node], []).append(node)
    for nodes in by_gap.values():
        if len({lang for lang, _ in nodes}) < 2:
            continue
        vectors = encode([texts[lang][i] for lang, i in nodes])
        sims = vectors @ vectors.T
        # Greedy: strongest pairs first, at most one paragraph per version in a group.
        pairs = sorted(
            ((sims[a, b], a, b) for a in range(len(nodes)) for b in range(a + 1, len(nodes))
             if nodes[a][0] != nodes[b][0]),
            reverse=True,
        )
        cluster = list(range(len(nodes)))
        cluster_langs = {k: {nodes[k][0]} for k in range(len(nodes))}
        for sim, a, b in pairs:
            ca, cb = cluster[a], cluster[b]
            if sim < LEFTOVER_MATCH or ca == cb or cluster_langs[ca] & cluster_langs[cb]:
                continue
            union(nodes[a], nodes[b])
            cluster = [ca if c == cb else c for c in cluster]
            cluster_langs[ca] |= cluster_langs.pop(cb)


def _group_similarities(
    groups: Sequence[Mapping[str, tuple[int, ...]]],
    texts: Mapping[str, Sequence[str]],
    encode: Encode,
) -> list[float]:
    """Mean pairwise cosine of the versions' paragraphs in each group (0.0 with one version).

    A version's side of a group is the normalised sum of its paragraph vectors, as in the
    aligner's composed windows, so no joined text is embedded.
    """
    langs = sorted(texts)
    vectors = {lang: encode(list(texts[lang])) if texts[lang] else None for lang in langs}
    out = []
    for paragraphs in groups:
        sides = [vectors[lang][list(idx)].sum(axis=0) for lang, idx in sorted(paragraphs.items()) if idx]
        if len(sides) < 2:
            out.append(0.0)
            continue
        matrix = np.stack(sides)
        matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
        block = matrix @ matrix.T
        out.append(float(np.mean(block[_pairs(len(sides))])))
    return out


@lru_cache(maxsize=16)
def _pairs(count: int) -> tuple[np.ndarray, np.ndarray]:
    """Row and column indexes of the pairs (a, b), a < b, of `count` things (`np.triu_indices`,
    which builds a mask each call: kept per count, as a release has a handful of counts)."""
    rows, columns = np.triu_indices(count, k=1)
    rows.flags.writeable = columns.flags.writeable = False
    return rows, columns
