"""LC1xx: structure. Content one version lacks or adds, as seen in the paragraph groups."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache, partial
from typing import Iterator, NamedTuple

import numpy as np

from langcheck.align.sentences import SentenceSides
from langcheck.model import Finding, Gap, Group, Severity
from langcheck.rules.base import Rule, RuleContext, majority_holders, rule

# Two versions' unmatched sentences are the same content above this cosine.
SAME_CONTENT = 0.45
# Sentences shorter than this are not reported: a dropped "He agreed." is rarely a defect.
MIN_OMITTED_CHARS = 25


def _versions(ctx: RuleContext) -> tuple[str, ...]:
    return ctx.release.languages


@rule("LC101", "missing-paragraph", "missing-paragraph", Severity.ERROR)
def missing_paragraph(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A paragraph that the other versions have is missing from this version.

    **What it does.** After aligning all versions paragraph by paragraph, it looks for content
    that most versions have and one version has nowhere (not even merged into a neighbouring
    paragraph).

    **Why it matters.** A dropped paragraph is the most serious translation defect: readers of
    that version never learn what the others say.

    **Example.** en, es, fr and ru each have a paragraph on the signed consultation plan; de has
    no paragraph aligned with it → `de lacks the paragraph that en, es, fr, ru have: “…”`, placed
    `de: missing after ¶6, before ¶7 (line 13)`: between de's paragraphs that hold the content
    before and after it, on the line of the paragraph it would precede (of the one it would
    follow, when it would come last), so that an annotation lands where the text should go.

    **Limits.** With two versions, or a tie, the configured source language decides which side
    is at fault; without one, the version that lacks the paragraph is reported.
    """
    versions = _versions(ctx)
    for position, group in enumerate(ctx.groups):
        holders = group.present()
        if not holders or len(holders) == len(versions):
            continue
        absent = [lang for lang in versions if lang not in holders]
        if not _holders_win(holders, versions, ctx.source):
            continue
        ref = _reference_language(ctx, holders)
        first = ctx.release.paragraph(ref, group.paragraphs[ref][0])
        for lang in absent:
            finding = self.finding(
                ctx, lang, None,
                f"{lang} lacks the paragraph that {', '.join(holders)} have: “{_excerpt(first.text)}”",
                expected=_excerpt(first.text), found=None,
                related=ctx.related(group, exclude=[lang]),
            )
            gap, line = _gap(ctx, position, lang)
            yield replace(finding, gap=gap, line=line)


@rule("LC102", "extra-paragraph", "extra-paragraph", Severity.WARNING)
def extra_paragraph(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A paragraph that only this version has.

    **What it does.** Reports paragraphs aligned with nothing in the other versions.

    **Why it matters.** Added content (a sentence block from another release, an editor's note
    left in) is published in one language only.

    **Example.** de has a paragraph on a press conference that en, es, fr and ru do not have.

    **Limits.** Content that a minority of versions share is reported on each of them.
    """
    versions = _versions(ctx)
    for group in ctx.groups:
        holders = group.present()
        if not holders or len(holders) == len(versions):
            continue
        if _holders_win(holders, versions, ctx.source):
            continue
        absent = [lang for lang in versions if lang not in holders]
        for lang in holders:
            index = group.paragraphs[lang][0]
            text = ctx.release.paragraph(lang, index).text
            yield self.finding(
                ctx, lang, index,
                f"only {', '.join(holders)} {'has' if len(holders) == 1 else 'have'} this paragraph; "
                f"{', '.join(absent)} have nothing for it",
                expected=None, found=_excerpt(text),
                related=ctx.related(group, exclude=[lang]),
            )


@rule("LC103", "partial-omission", "partial-omission", Severity.WARNING)
def partial_omission(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A paragraph lacks a sentence that its counterparts carry.

    **What it does.** Inside each group of aligned paragraphs, the sentences of this version are
    aligned with those of every other version (1-1, 1-2, 2-1 ... beads and null beads; see
    `langcheck.align.sentences`). A sentence that another version has, that the alignment leaves
    without a partner here and that no sentence here resembles, is missing from this version
    when most other versions lack a partner for that same content, or exactly half of them (at
    least two): a version that merged the sentence into its neighbour cannot show the gap. The
    source, when set, breaks such a tie and decides between two versions.

    **Why it matters.** A dropped sentence is easy to miss when reviewing paragraph by paragraph.

    **Example.** en: "The sides exchanged views. Mr Lavrov confirmed support for the reform.
    The officials stressed ..."; fr lacks the second sentence → reported on fr with the English
    sentence as the expected text.

    **Limits.** Short sentences (under 25 characters) are not reported; a sentence that a
    translator folded into a neighbouring one, keeping most of its words, counts as present.
    """
    for group, lang, ref_lang, sentence in ctx.shared(_collect_evidence).omissions:
        yield self.finding(
            ctx, lang, group.paragraphs[lang][0],
            f"{lang} omits a sentence that {ref_lang} and others have: “{_excerpt(sentence)}”",
            expected=sentence, found=None,
            related=ctx.related(group, exclude=[lang]),
        )


@rule("LC104", "partial-addition", "partial-addition", Severity.WARNING)
def partial_addition(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A paragraph has a sentence that its counterparts lack.

    **What it does.** The mirror of `partial-omission`: inside each group of aligned
    paragraphs, a sentence of this version that the sentence alignment leaves without a
    partner, and that resembles no sentence, in most other versions is reported as added.

    **Why it matters.** A sentence added in one language (an editor's remark, a figure from a
    draft) is published to that language's readers only.

    **Example.** de adds "Die Gespräche fanden in freundschaftlicher Atmosphäre statt." to a
    paragraph that en, es, fr and ru render without it.

    **Limits.** Short sentences (under 25 characters) are not reported; an added sentence that
    paraphrases a neighbouring one is not found.
    """
    for group, lang, paragraph, sentence, others in ctx.shared(_collect_evidence).additions:
        text = ctx.release.paragraph(lang, paragraph).text
        start = text.find(sentence)
        yield self.finding(
            ctx, lang, paragraph,
            f"{lang} has a sentence that {', '.join(others)} do not: “{_excerpt(sentence)}”",
            expected=None, found=sentence,
            related=ctx.related(group, exclude=[lang]),
            span=(start, start + len(sentence)) if start >= 0 else None,
        )


class _Evidence(NamedTuple):
    """Sentence-level findings of one release, shared by LC103 and LC104 (`RuleContext.shared`).

    `omissions`: (group, lang lacking it, reference lang, reference sentence);
    `additions`: (group, lang, paragraph index, sentence, versions that lack it).
    """

    omissions: tuple[tuple[Group, str, str, str], ...]
    additions: tuple[tuple[Group, str, int, str, tuple[str, ...]], ...]


def _collect_evidence(ctx: RuleContext) -> _Evidence:
    omissions: list[tuple[Group, str, str, str]] = []
    additions: list[tuple[Group, str, int, str, tuple[str, ...]]] = []
    scale = _length_scale(ctx)
    for group in ctx.groups:
        holders = group.present()
        if len(holders) < 2:
            continue
        units = {lang: _group_sentences(ctx, group, lang) for lang in holders}
        if any(u is None for u in units.values()):
            continue
        # One set of sentence cosines for the whole group, shared by all its pairs of versions.
        sides = SentenceSides([([t for _, t in units[lang][0]], units[lang][1]) for lang in holders])
        aligned, settled = _aligned_pairs(len(holders), partial(_pair_gaps, sides, holders, scale))
        pairs: dict[tuple[str, str], tuple[int, ...]] = {}
        for (x, y), (lacked_by_y, lacked_by_x) in aligned.items():
            pairs[(holders[x], holders[y])] = lacked_by_y
            pairs[(holders[y], holders[x])] = lacked_by_x
        for position, lang in enumerate(holders):
            if settled[position]:
                continue  # fewer than `_needed` of its pairs have an unmatched sentence
            others = [o for o in holders if o != lang]
            added = _added_here(ctx, units[lang][0], {o: pairs[(lang, o)] for o in others})
            if added is not None:
                (paragraph, sentence), lacking = added
                additions.append((group, lang, paragraph, sentence, lacking))
            missing = _missing_here(ctx, units, lang, {o: pairs[(o, lang)] for o in others})
            if missing is not None:
                omissions.append((group, lang, *missing))
    return _Evidence(tuple(omissions), tuple(additions))


# Of a pair of versions x, y: the sentences of x that y lacks, and of y that x lacks.
PairGaps = tuple[tuple[int, ...], tuple[int, ...]]


def _pair_gaps(sides: SentenceSides, holders: tuple[str, ...], scale: dict[str, float], x: int, y: int) -> PairGaps:
    found = sides.unmatched(x, y, length_ratio=scale[holders[y]] / scale[holders[x]])
    return found.a, found.b


def _aligned_pairs(
    n: int, align: Callable[[int, int], PairGaps]
) -> tuple[dict[tuple[int, int], PairGaps], list[bool]]:
    """`align(x, y)` for the pairs of `n` versions that can matter, and which versions are settled.

    A version can be found lacking or adding a sentence only where at least `_needed` of its
    pairs leave some sentence unmatched: once more of its pairs came out empty than that
    allows, it is settled (it cannot be reported), and a pair of two settled versions is not
    aligned. The pairs come in `_pair_order`, which settles every version in the fewest pairs
    when all come out empty (the common case). Every version not settled has all its pairs
    aligned, and a pair's result does not depend on which other pairs were aligned, so the
    findings are those of aligning every pair."""
    allowed = n - 1 - _needed(n - 1)
    empties = [0] * n
    out: dict[tuple[int, int], PairGaps] = {}
    for x, y in _pair_order(n):
        if empties[x] > allowed and empties[y] > allowed:
            continue
        found = out[(x, y)] = align(x, y)
        if not found[0] and not found[1]:
            empties[x] += 1
            empties[y] += 1
    return out, [count > allowed for count in empties]


def _needed(others: int) -> int:
    """The fewest of a version's pairs with `others` other versions that must leave some
    sentence unmatched for `_added_here` or `_missing_here` to report it.

    `_added_here` needs `_enough` of the others lacking one sentence here, and `_missing_here`
    needs `_enough_for_omission` of them with a sentence unmatched here; each such other
    version's pair with this one left a sentence unmatched. Both need two of them with two or
    more others (a strict majority of 2, 3 or 4 is at least 2; a tie counts from two), one with
    one other."""
    return 1 if others <= 1 else 2


@lru_cache(maxsize=16)
def _pair_order(n: int) -> tuple[tuple[int, int], ...]:
    """Every pair (x, y), x < y, of `n` versions, with the pairs (0, 1), (2, 3) ... last: when
    every pair comes out empty, each version is settled by the pairs before them (each has
    `n - 2` or more of its `n - 1` pairs there, and `_needed` leaves at most `n - 3` empty
    pairs unsettled), so those last pairs are not aligned."""
    last = [(x, x + 1) for x in range(0, n - 1, 2)]
    first = [(x, y) for x in range(n) for y in range(x + 1, n) if (x, y) not in last]
    return tuple(first + last)


def _added_here(
    ctx: RuleContext, own: list[tuple[int, str]], lacked_by: dict[str, tuple[int, ...]]
) -> tuple[tuple[int, str], tuple[str, ...]] | None:
    """The first sentence of this version that most others lack, and who lacks it."""
    others = list(lacked_by)
    for k, (paragraph, sentence) in enumerate(own):
        if len(sentence) < MIN_OMITTED_CHARS:
            continue
        lacking = tuple(o for o in others if k in lacked_by[o])
        if _enough(lacking, others, ctx.source):
            return (paragraph, sentence), lacking
    return None


def _missing_here(
    ctx: RuleContext,
    units: dict[str, tuple[list[tuple[int, str]], np.ndarray]],
    lang: str,
    unmatched_by: dict[str, tuple[int, ...]],
) -> tuple[str, str] | None:
    """(reference language, sentence) of content most other versions have and `lang` lacks.

    Each other version's unmatched sentences must be the same content: they are checked
    against the reference version's unmatched sentence, so that two versions each carrying a
    different loose paraphrase do not add up to an omission.
    """
    others = list(unmatched_by)
    candidates = {
        o: [k for k in ks if len(units[o][0][k][1]) >= MIN_OMITTED_CHARS] for o, ks in unmatched_by.items()
    }
    agreeing = [o for o in others if candidates[o]]
    if not _enough_for_omission(tuple(agreeing), others, ctx.source):
        return None
    ref = _reference_language(ctx, agreeing)
    ref_vectors = units[ref][1]
    for k in candidates[ref]:
        same = [ref] + [
            o for o in agreeing if o != ref and _same_content(units[o][1], candidates[o], ref_vectors[k])
        ]
        if _enough_for_omission(tuple(same), others, ctx.source):
            return ref, units[ref][0][k][1]
    return None


def _enough_for_omission(versions: tuple[str, ...], others: list[str], source: str | None) -> bool:
    """`_enough`, and a tie of at least two versions: the other half may only have merged the
    sentence into a neighbour, which hides a gap from the sentence alignment but cannot make
    one up. A missing sentence is what a translator must look at (LC101 reads a tie the same
    way); the source, when it is among the others, breaks the tie instead."""
    if _enough(versions, others, source):
        return True
    if len(versions) < 2 or 2 * len(versions) != len(others):
        return False
    return source in versions if source in others else True


def _same_content(vectors: np.ndarray, unmatched: list[int], sentence: np.ndarray) -> bool:
    """Whether one of a version's unmatched sentences says what `sentence` says: it is similar
    enough, or it is that version's sentence most like `sentence` (short quotes translate
    loosely, but still come closest to each other)."""
    sims = vectors @ sentence
    return float(sims[unmatched].max()) >= SAME_CONTENT or int(sims.argmax()) in unmatched


def _enough(versions: tuple[str, ...], others: list[str], source: str | None) -> bool:
    """Whether `versions` (among `others`) are enough to call a sentence missing or added:
    a strict majority, or the source when it is the only other version."""
    if 2 * len(versions) > len(others):
        return True
    return len(others) == 1 and source is not None and source in versions


def _length_scale(ctx: RuleContext) -> dict[str, float]:
    """Characters per unit of content, by language (1.0 = the average version).

    The median over the groups every version has, of each version's share of the group's mean
    length: one paragraph with a dropped or added sentence barely moves a median, while it
    would move a ratio of whole-release totals.
    """
    langs = ctx.release.languages
    shares: dict[str, list[float]] = {lang: [] for lang in langs}
    for group in ctx.groups:
        if len(group.present()) != len(langs):
            continue
        lengths = {lang: ctx.group_text_length(group, lang) for lang in langs}
        mean = sum(lengths.values()) / len(lengths)  # (whole numbers: the sum is exact, as numpy's)
        if mean > 0:
            for lang in langs:
                shares[lang].append(lengths[lang] / mean)
    return {lang: (statistics.median(v) if v else 1.0) or 1.0 for lang, v in shares.items()}


def _group_sentences(
    ctx: RuleContext, group: Group, lang: str
) -> tuple[list[tuple[int, str]], np.ndarray] | None:
    """(paragraph index, sentence) of a version's side of a group, and their vectors."""
    texts: list[tuple[int, str]] = []
    arrays = []
    for i in group.paragraphs[lang]:
        paragraph = ctx.release.paragraph(lang, i)
        vectors = ctx.sentence_embeddings.get((lang, i))
        sentences = paragraph.sentences or (paragraph.text,)
        if vectors is None or len(vectors) != len(sentences):
            return None
        texts.extend((i, s) for s in sentences)
        arrays.append(vectors)
    return (texts, np.concatenate(arrays)) if texts else None


def _gap(ctx: RuleContext, position: int, lang: str) -> tuple[Gap, int | None]:
    """Where the content of group number `position` (0-based) belongs in `lang`, which lacks it, and the line to point at.

    It follows the last paragraph of `lang` that an earlier group holds and precedes the next
    paragraph of the document; the line is that next paragraph's (where the text would be
    inserted), else the preceding one's. Groups come in reading order, so the earlier groups
    hold the paragraphs before the gap even where one version merged or split some of them.
    """
    paragraphs = ctx.release.documents[lang].paragraphs
    before_gap = [i for earlier in ctx.groups[:position] for i in earlier.paragraphs.get(lang, ())]
    after_index = max(before_gap) if before_gap else None
    before_index = 0 if after_index is None else after_index + 1
    if before_index >= len(paragraphs):
        before_index = None
    gap = Gap(
        after_paragraph_number=None if after_index is None else after_index + 1,
        before_paragraph_number=None if before_index is None else before_index + 1,
    )
    neighbour = before_index if before_index is not None else after_index
    return gap, None if neighbour is None else paragraphs[neighbour].line


def _holders_win(holders: tuple[str, ...], versions: tuple[str, ...], source: str | None) -> bool:
    if majority_holders(holders, versions, source):
        return True
    # A tie with no source to break it: call it missing from the others (the safer reading,
    # since a missing paragraph is what a translator must look at).
    return source is None and 2 * len(holders) == len(versions)


def _reference_language(ctx: RuleContext, candidates) -> str:
    """The version to quote: the source, else English, else the first."""
    if ctx.source in candidates:
        return ctx.source
    return "en" if "en" in candidates else sorted(candidates)[0]


def _excerpt(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
