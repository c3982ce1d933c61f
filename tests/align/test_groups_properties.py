"""Properties of align_versions on random versions with fake embeddings (hypothesis).

A paragraph is a few words from a small vocabulary; its vector is the normalised sum of fixed
per-word vectors, so versions share content when they share words, and a joined window embeds
like its parts. Whatever the input, every (lang, index) is in exactly one group, and each
version's paragraphs come out in document order.
"""

from __future__ import annotations

import hashlib
from typing import Sequence

import numpy as np
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from langcheck.align.groups import align_versions

LANGS = ("de", "en", "es", "fr", "ru")
WORDS = [f"w{i}" for i in range(12)]


def _word_vector(word: str) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(word.encode("utf-8", "surrogatepass")).digest()[:4], "little")
    vector = np.random.default_rng(seed).standard_normal(24)
    return vector / np.linalg.norm(vector)


def fake_encode(texts: Sequence[str]) -> np.ndarray:
    rows = []
    for text in texts:
        total = np.sum([_word_vector(w) for w in text.split()] or [_word_vector("")], axis=0)
        rows.append(total / max(float(np.linalg.norm(total)), 1e-9))
    return np.asarray(rows, dtype=np.float32).reshape(len(texts), 24)


paragraph = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
versions = st.dictionaries(
    st.sampled_from(LANGS), st.lists(paragraph, min_size=1, max_size=12), min_size=2, max_size=5
)


def _covers(texts: dict[str, list[str]], groups) -> None:
    seen = [(lang, i) for g in groups for lang, indexes in g.paragraphs.items() for i in indexes]
    expected = [(lang, i) for lang, paragraphs in texts.items() for i in range(len(paragraphs))]
    assert sorted(seen) == sorted(expected)  # every paragraph exactly once (no duplicates, none lost)
    assert all(g.present() for g in groups)  # no empty group
    assert all(np.isfinite(g.similarity) for g in groups)


def _in_document_order(texts: dict[str, list[str]], groups) -> None:
    for lang in texts:
        in_order = [i for g in groups for i in g.paragraphs.get(lang, ())]
        assert in_order == list(range(len(texts[lang]))), f"{lang} out of document order"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=versions, pivot=st.one_of(st.none(), st.sampled_from(LANGS)))
def test_every_paragraph_in_exactly_one_group(texts: dict[str, list[str]], pivot: str | None) -> None:
    _covers(texts, align_versions(texts, fake_encode, pivot=pivot))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=versions, pivot=st.one_of(st.none(), st.sampled_from(LANGS)))
@example(texts={"de": ["w0"], "en": ["w1", "w0"]}, pivot=None)
@example(texts={"de": ["w0"], "en": ["w0", "w1", "w0"]}, pivot=None)
def test_groups_keep_each_version_in_document_order(texts: dict[str, list[str]], pivot: str | None) -> None:
    _in_document_order(texts, align_versions(texts, fake_encode, pivot=pivot))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), texts=versions)
def test_the_same_holds_with_sentences(data: st.DataObject, texts: dict[str, list[str]]) -> None:
    # Sentences as the pipeline passes them: each paragraph split into one or more parts.
    sentences = {
        lang: [tuple(p.split()[: data.draw(st.integers(1, 3))]) or (p,) for p in paragraphs]
        for lang, paragraphs in texts.items()
    }
    _covers(texts, align_versions(texts, fake_encode, sentences=sentences))


@settings(max_examples=40, deadline=None)
@given(base=st.lists(paragraph, min_size=1, max_size=10), langs=st.sets(st.sampled_from(LANGS), min_size=2))
def test_identical_versions_align_one_to_one(base: list[str], langs: set[str]) -> None:
    texts = {lang: list(base) for lang in langs}
    groups = align_versions(texts, fake_encode)
    _covers(texts, groups)
    _in_document_order(texts, groups)
    # Paragraphs that repeat an identical neighbour may merge; distinct ones pair one to one.
    if len(set(base)) == len(base):
        assert [sorted(g.paragraphs[lang] for lang in langs) for g in groups] == [[(i,)] * len(langs) for i in range(len(base))]
