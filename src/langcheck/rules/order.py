"""LC106: a version whose paragraphs come in another order than the other versions'.

The aligner is monotone: each version is read in document order against the pivot. When one
version has two paragraphs the other way round (or one paragraph moved elsewhere), it can link
only one of them in place; the other is left on its own, and the content it translates shows
as a group that this version lacks. So a moved paragraph looks like a missing paragraph
(LC101) plus an extra one (LC102) of the same version. This rule tells the two apart by meaning:
a group of some versions and a group of the *other* versions that carry the same content (their
embeddings agree as translations do) are one paragraph placed differently. The versions of the
smaller side are out of order, and the LC101/LC102 findings this explains are dropped
(`langcheck.pipeline`, root causes).
"""

from __future__ import annotations

from typing import Iterator, Sequence

import numpy as np

from langcheck.align.products import gram
from langcheck.model import Finding, Severity
from langcheck.rules.base import Rule, RuleContext, majority_holders, rule

# Two groups with no version in common are the same content placed apart above this mean
# cosine between their versions' paragraphs (the bundled model scores faithful translations
# 0.6-0.9 and unrelated paragraphs under 0.35; the aligner itself joins leftovers at 0.5).
MOVED_MATCH = 0.6
# Two paragraphs linked in place are swapped when each is closer to the other's place by this
# much cosine: a loose translation is weaker everywhere, not stronger at another paragraph.
SWAP_MARGIN = 0.2


@rule("LC106", "paragraph-order", "paragraph-order", Severity.ERROR)
def paragraph_order(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """This version has a paragraph at another place than the other versions.

    **What it does.** Looks for two paragraph groups that no version shares (one holds some
    versions' paragraph, the other the remaining versions') and whose paragraphs translate each
    other: the mean cosine of their sentence embeddings between the two sides is at least 0.6,
    and each is the other's best such match. That is one paragraph that the two sides place
    differently, with at least one paragraph of the smaller side in between. The versions of
    the smaller side are reported, at their paragraph, saying where the others have it. The
    missing-paragraph and extra-paragraph findings this explains are not reported.

    **Why it matters.** Paragraphs swapped in one version change what the release says first
    (the lead) and can break references ("as stated above"); the aligner alone reports them as
    a missing and an extra paragraph, which sends the reviewer looking for lost content.

    **Example.** fr.txt has paragraphs 3 and 4 the other way round → `fr:¶3 is out of place:
    de, en, es, ru have this paragraph after the one that is fr:¶4`.

    **Limits.** Order within a paragraph (clauses, sentences) is not judged, nor merged and
    split paragraphs: they stay in one group. A paragraph that the aligner linked in place in
    every version is never reported; with the two sides of equal size, the configured source
    decides, and without one nothing is reported. Needs at least three versions in the two
    groups together, two of them on the larger side.
    """
    versions = ctx.release.languages
    vectors = _side_vectors(ctx)
    partial = [k for k, g in enumerate(ctx.groups) if 0 < len(g.present()) < len(versions) and k in vectors]
    best: dict[int, tuple[float, int]] = {}
    for a in partial:
        for b in partial:
            if b <= a or set(ctx.groups[a].present()) & set(ctx.groups[b].present()):
                continue
            score = _cross_similarity(vectors[a], vectors[b])
            if score < MOVED_MATCH:
                continue
            for x, y in ((a, b), (b, a)):
                if score > best.get(x, (-1.0, -1))[0]:
                    best[x] = (score, y)
    for a, (score, b) in sorted(best.items()):
        if b < a or best.get(b, (0.0, -1))[1] != a:
            continue  # each pair once, and only mutual best matches
        yield from _report(self, ctx, a, b, versions)
    yield from _swapped_in_place(self, ctx, vectors)


def _swapped_in_place(self: Rule, ctx: RuleContext, vectors: dict[int, dict[str, np.ndarray]]) -> Iterator[Finding]:
    """Two paragraphs of one version the other way round, each linked 1-1 at the other's place
    (the aligner keeps to the diagonal when the two are far apart)."""
    single = [k for k, g in enumerate(ctx.groups)
              if k in vectors and len(g.present()) >= 3 and all(len(i) == 1 for i in g.paragraphs.values() if i)]
    for lang in ctx.release.languages:
        mine = [k for k in single if lang in vectors[k]]
        if len(mine) < 2:
            continue
        sims = _placement_similarities(vectors, mine, lang)
        for x, j in enumerate(mine):
            y = int(np.argmax(sims[x]))
            k = mine[y]
            if y <= x or int(np.argmax(sims[y])) != x:
                continue  # each pair once; the other paragraph must belong here as this one there
            if min(sims[x, y], sims[y, x]) < MOVED_MATCH or \
                    min(sims[x, y] - sims[x, x], sims[y, x] - sims[y, y]) < SWAP_MARGIN:
                continue
            for here, there in ((j, k), (k, j)):
                index = ctx.groups[here].paragraphs[lang][0]
                where = _where(ctx, lang, there, skip=here)
                others = [o for o in ctx.groups[there].present() if o != lang]
                yield self.finding(
                    ctx, lang, index,
                    f"{lang}:¶{index + 1} is out of place: {', '.join(others)} have this paragraph {where}",
                    expected=where, found=f"{lang}:¶{index + 1}",
                    related=ctx.related(ctx.groups[there], exclude=[lang]),
                )


def _placement_similarities(vectors: dict[int, dict[str, np.ndarray]], groups: Sequence[int], lang: str) -> np.ndarray:
    """sims[x, y]: the mean cosine of this version's paragraph in group groups[x] with the other
    versions' paragraphs of group groups[y], shape (len(groups), len(groups)).

    One matrix product for all pairs: every other version's vector of every group, one row
    each, against this version's vectors; each group's rows are then averaged.
    """
    own = np.stack([vectors[k][lang] for k in groups])
    others = [(y, v) for y, k in enumerate(groups) for o, v in vectors[k].items() if o != lang]
    # float64 holding float32 means, so margins are differences of the means themselves
    sims = np.zeros((len(groups), len(groups)))
    if not others:
        return sims
    owners = np.array([y for y, _ in others])
    counts = np.bincount(owners, minlength=len(groups))
    present = np.flatnonzero(counts)  # (groups whose only version is this one score 0.0)
    product = gram(np.stack([v for _, v in others]), own)
    starts = np.searchsorted(owners, present)
    sums = np.add.reduceat(product, starts, axis=0)
    sims[:, present] = (sums / counts[present, None].astype(np.float32)).T
    return sims


def _report(self: Rule, ctx: RuleContext, a: int, b: int, versions: Sequence[str]) -> Iterator[Finding]:
    first, second = ctx.groups[a], ctx.groups[b]
    side_a, side_b = first.present(), second.present()
    if len(side_a) + len(side_b) < 3 or max(len(side_a), len(side_b)) < 2:
        return
    together = (*side_a, *side_b)
    if majority_holders(side_a, together, ctx.source):
        minority, majority, at, home = side_b, side_a, b, a
    elif majority_holders(side_b, together, ctx.source):
        minority, majority, at, home = side_a, side_b, a, b
    else:
        return
    for lang in minority:
        index = ctx.groups[at].paragraphs[lang][0]
        between = [i for g in ctx.groups[min(a, b) + 1 : max(a, b)] for i in g.paragraphs.get(lang, ())]
        if not between:
            continue  # nothing of this version lies between: the same order, only not linked
        where = _where(ctx, lang, home)
        yield self.finding(
            ctx, lang, index,
            f"{lang}:¶{index + 1} is out of place: {', '.join(majority)} have this paragraph {where}",
            expected=where, found=f"{lang}:¶{index + 1}",
            related=ctx.related(ctx.groups[home], exclude=[lang]),
        )


def _where(ctx: RuleContext, lang: str, home: int, skip: int | None = None) -> str:
    """Where the majority's paragraph sits, told in this version's own paragraph numbers
    (`skip`: a group whose paragraph of this version is the one being placed)."""
    for k in range(home - 1, -1, -1):
        if k != skip and ctx.groups[k].paragraphs.get(lang):
            return f"after the one that is {lang}:¶{ctx.groups[k].paragraphs[lang][-1] + 1}"
    for k in range(home + 1, len(ctx.groups)):
        if k != skip and ctx.groups[k].paragraphs.get(lang):
            return f"before the one that is {lang}:¶{ctx.groups[k].paragraphs[lang][0] + 1}"
    return "elsewhere"


def _side_vectors(ctx: RuleContext) -> dict[int, dict[str, np.ndarray]]:
    """Per group, each present version's paragraphs as one unit vector (sum of its sentences'
    vectors, as the aligner composes them); groups without embeddings are left out."""
    out: dict[int, dict[str, np.ndarray]] = {}
    for k, group in enumerate(ctx.groups):
        sides: dict[str, np.ndarray] = {}
        for lang, indexes in group.paragraphs.items():
            rows = [ctx.sentence_embeddings[(lang, i)] for i in indexes if (lang, i) in ctx.sentence_embeddings]
            if not indexes or not rows:
                continue
            total = np.concatenate(rows).sum(axis=0)
            norm = float(np.linalg.norm(total))
            if norm > 0:
                sides[lang] = total / norm
        if sides and len(sides) == len(group.present()):
            out[k] = sides
    return out


def _cross_similarity(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> float:
    """Mean cosine between every version of one group and every version of the other."""
    left, right = np.stack(list(a.values())), np.stack(list(b.values()))
    return float(np.mean(left @ right.T))


Explained = tuple[set[tuple[str, int | None]], set[tuple[str, tuple]]]


def explained(findings: Sequence[Finding]) -> Explained:
    """What LC106 findings explain: every other finding on the moved paragraph itself (its
    "extra paragraph", and the facts compared with the wrong counterparts), and the "missing
    paragraph" of the same version at the place the others have it (same `related`)."""
    moved = [f for f in findings if f.rule == "LC106"]
    return {(f.lang, f.paragraph_index) for f in moved}, {(f.lang, f.related) for f in moved}


def is_explained(finding: Finding, explained_by: Explained) -> bool:
    at, missing_at = explained_by
    if finding.rule == "LC106":
        return False
    if finding.paragraph_index is not None:
        return (finding.lang, finding.paragraph_index) in at
    return finding.rule == "LC101" and (finding.lang, finding.related) in missing_at
