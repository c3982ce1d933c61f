"""LC1xx: structure. Content one version lacks or adds, as seen in the paragraph groups."""

from __future__ import annotations

from typing import Iterator

import numpy as np

from langcheck.model import Finding, Group, Severity
from langcheck.rules.base import Rule, RuleContext, majority_holders, rule

# A sentence of another version counts as covered in this version when some sentence here is at
# least this similar (faithful translations of a sentence score 0.55-0.9 with the bundled model).
SENTENCE_COVERED = 0.45
# A version is "clearly shorter" when its text is below this share of what its length should be
# (the other versions' length scaled by the languages' length ratio in the whole release).
SHORTER_SHARE = 0.85
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
    no paragraph aligned with it → `de lacks the paragraph that en ¶6, es ¶6, ... have`.

    **Limits.** With two versions, or a tie, the configured source language decides which side
    is at fault; without one, the version that lacks the paragraph is reported.
    """
    versions = _versions(ctx)
    for group in ctx.groups:
        holders = group.present()
        if not holders or len(holders) == len(versions):
            continue
        absent = [lang for lang in versions if lang not in holders]
        if not _holders_win(holders, versions, ctx.source):
            continue
        ref = _reference_language(ctx, holders)
        first = ctx.release.paragraph(ref, group.paragraphs[ref][0])
        for lang in absent:
            yield self.finding(
                ctx, lang, None,
                f"{lang} lacks the paragraph that {', '.join(holders)} have: “{_excerpt(first.text)}”",
                expected=_excerpt(first.text), found=None,
                related=ctx.related(group, exclude=[lang]),
            )


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
    """A paragraph says clearly less than its counterparts: a sentence is missing.

    **What it does.** Inside each group of aligned paragraphs, it compares the sentences of
    every version with those of this version. A sentence that most other versions carry, that
    has no similar sentence here, while this version's text is clearly shorter than expected,
    is reported as omitted.

    **Why it matters.** A dropped sentence is easy to miss when reviewing paragraph by paragraph.

    **Example.** en: "The sides exchanged views. Mr Lavrov confirmed support for the reform.
    The officials stressed ..."; fr lacks the second sentence → reported on fr with the English
    sentence as the expected text.

    **Limits.** Short sentences (under 25 characters) are not reported; a sentence rewritten
    into another one may hide an omission.
    """
    versions = _versions(ctx)
    scale = _length_scale(ctx)
    for group in ctx.groups:
        holders = group.present()
        if len(holders) < 2:
            continue
        for lang in holders:
            others = [o for o in holders if o != lang]
            if _length_ratio(ctx, group, lang, others, scale) >= SHORTER_SHARE:
                continue
            missing = _uncovered_sentence(ctx, group, lang, others, len(versions))
            if missing is None:
                continue
            ref_lang, sentence = missing
            yield self.finding(
                ctx, lang, group.paragraphs[lang][0],
                f"{lang} omits a sentence that {ref_lang} and others have: “{_excerpt(sentence)}”",
                expected=sentence, found=None,
                related=ctx.related(group, exclude=[lang]),
            )


@rule("LC104", "partial-addition", "partial-addition", Severity.WARNING)
def partial_addition(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A paragraph says clearly more than its counterparts: it has a sentence the others lack.

    **What it does.** The mirror of `partial-omission`: inside each group of aligned
    paragraphs, a sentence of this version that has no similar sentence in most other
    versions, while this version's text is clearly longer than expected, is reported as added.

    **Why it matters.** A sentence added in one language (an editor's remark, a figure from a
    draft) is published to that language's readers only.

    **Example.** de adds "Die Gespräche fanden in freundschaftlicher Atmosphäre statt." to a
    paragraph that en, es, fr and ru render without it.

    **Limits.** Short sentences (under 25 characters) are not reported; an added sentence that
    paraphrases a neighbouring one is not found.
    """
    scale = _length_scale(ctx)
    for group in ctx.groups:
        holders = group.present()
        if len(holders) < 2:
            continue
        for lang in holders:
            others = [o for o in holders if o != lang]
            if _length_ratio(ctx, group, lang, others, scale) <= 1 / SHORTER_SHARE:
                continue
            added = _added_sentence(ctx, group, lang, others)
            if added is None:
                continue
            paragraph, sentence = added
            text = ctx.release.paragraph(lang, paragraph).text
            start = text.find(sentence)
            yield self.finding(
                ctx, lang, paragraph,
                f"{lang} has a sentence that {', '.join(others)} do not: “{_excerpt(sentence)}”",
                expected=None, found=sentence,
                related=ctx.related(group, exclude=[lang]),
                span=(start, start + len(sentence)) if start >= 0 else None,
            )


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
        lengths = {lang: len(ctx.group_text(group, lang)) for lang in langs}
        mean = float(np.mean(list(lengths.values())))
        if mean > 0:
            for lang in langs:
                shares[lang].append(lengths[lang] / mean)
    return {lang: (float(np.median(v)) if v else 1.0) or 1.0 for lang, v in shares.items()}


def _length_ratio(ctx: RuleContext, group: Group, lang: str, others: list[str], scale: dict[str, float]) -> float:
    """`lang`'s text length over the others' median, each scaled to the average version."""
    own = len(ctx.group_text(group, lang)) / scale[lang]
    theirs = float(np.median([len(ctx.group_text(group, o)) / scale[o] for o in others]))
    return own / theirs if theirs > 0 else 1.0


def _added_sentence(ctx: RuleContext, group: Group, lang: str, others: list[str]) -> tuple[int, str] | None:
    """(paragraph index, sentence) of a sentence of `lang` that most other versions lack."""
    own = [(i, s) for i in group.paragraphs[lang] for s in ctx.release.paragraph(lang, i).sentences]
    vectors = _sentence_vectors(ctx, group, lang)
    if vectors is None or len(vectors) != len(own):
        return None
    lacking = np.zeros(len(own), dtype=int)
    for other in others:
        theirs = _sentence_vectors(ctx, group, other)
        if theirs is not None:
            lacking += (vectors @ theirs.T).max(axis=1) < SENTENCE_COVERED
    for k, (paragraph, sentence) in enumerate(own):
        if 2 * lacking[k] > len(others) and len(sentence) >= MIN_OMITTED_CHARS:
            return paragraph, sentence
    return None


def _uncovered_sentence(
    ctx: RuleContext, group: Group, lang: str, others: list[str], n_versions: int
) -> tuple[str, str] | None:
    """(language, sentence) of a sentence that most other versions have and `lang` lacks."""
    own = _sentence_vectors(ctx, group, lang)
    if own is None:
        return None
    uncovered: dict[str, list[tuple[int, str]]] = {}
    for other in others:
        vectors = _sentence_vectors(ctx, group, other)
        if vectors is None:
            continue
        coverage = (vectors @ own.T).max(axis=1)
        sentences = [s for i in group.paragraphs[other] for s in ctx.release.paragraph(other, i).sentences]
        uncovered[other] = [
            (k, s) for k, (s, c) in enumerate(zip(sentences, coverage))
            if c < SENTENCE_COVERED and len(s) >= MIN_OMITTED_CHARS
        ]
    agreeing = [o for o in others if uncovered.get(o)]
    # Most of the other versions must each miss a sentence here; one noisy pair is not enough.
    if 2 * len(agreeing) <= len(others) and not (ctx.source in agreeing and len(others) == 1):
        return None
    ref = _reference_language(ctx, agreeing)
    return ref, uncovered[ref][0][1]


def _sentence_vectors(ctx: RuleContext, group: Group, lang: str) -> np.ndarray | None:
    arrays = [ctx.sentence_embeddings.get((lang, i)) for i in group.paragraphs[lang]]
    arrays = [a for a in arrays if a is not None and len(a)]
    return np.concatenate(arrays) if arrays else None


def _excerpt(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
