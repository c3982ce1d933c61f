"""Grouping all versions at once, with fake embeddings (tests/align/fake_meaning.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from langcheck.align.groups import align_versions

_spec = importlib.util.spec_from_file_location("fake_meaning", Path(__file__).with_name("fake_meaning.py"))
fake = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fake)


def _groups(layout: dict[str, str], pivot: str | None = None) -> list[dict[str, tuple[int, ...]]]:
    texts = {lang: fake.version(lang, meanings) for lang, meanings in layout.items()}
    return [dict(g.paragraphs) for g in align_versions(texts, fake.encode, pivot=pivot)]


def _g(**paragraphs: tuple[int, ...]) -> dict[str, tuple[int, ...]]:
    return paragraphs


@pytest.mark.parametrize(
    "layout, expected",
    [
        pytest.param(
            {"en": "a b c", "de": "a b c", "ru": "a b c"},
            [_g(de=(0,), en=(0,), ru=(0,)), _g(de=(1,), en=(1,), ru=(1,)), _g(de=(2,), en=(2,), ru=(2,))],
            id="one-to-one",
        ),
        pytest.param(
            {"en": "a b c d", "de": "a b+c d", "ru": "a b c d"},
            [_g(de=(0,), en=(0,), ru=(0,)), _g(de=(1,), en=(1, 2), ru=(1, 2)), _g(de=(2,), en=(3,), ru=(3,))],
            id="merged-in-one-version",
        ),
        pytest.param(
            {"en": "a b+c d", "de": "a b c d", "ru": "a b c d"},
            [_g(de=(0,), en=(0,), ru=(0,)), _g(de=(1, 2), en=(1,), ru=(1, 2)), _g(de=(3,), en=(2,), ru=(3,))],
            id="merged-in-the-pivot",
        ),
        pytest.param(
            {"en": "a b c d", "de": "a c d", "ru": "a b c d"},
            [_g(de=(0,), en=(0,), ru=(0,)), _g(de=(), en=(1,), ru=(1,)), _g(de=(1,), en=(2,), ru=(2,)),
             _g(de=(2,), en=(3,), ru=(3,))],
            id="missing-in-one-version",
        ),
        pytest.param(
            {"en": "a c d", "de": "a b c d", "ru": "a b c d"},
            [_g(de=(0,), en=(0,), ru=(0,)), _g(de=(1,), en=(), ru=(1,)), _g(de=(2,), en=(1,), ru=(2,)),
             _g(de=(3,), en=(2,), ru=(3,))],
            id="missing-in-the-pivot",
        ),
        pytest.param(
            {"en": "a b c", "de": "a x b c", "ru": "a b c"},
            [_g(de=(0,), en=(0,), ru=(0,)), _g(de=(1,), en=(), ru=()), _g(de=(2,), en=(1,), ru=(1,)),
             _g(de=(3,), en=(2,), ru=(2,))],
            id="extra-in-one-version",
        ),
    ],
)
def test_align_versions(layout: dict[str, str], expected: list[dict]) -> None:
    assert _groups(layout) == expected


def test_source_is_the_pivot_when_given() -> None:
    # Same grouping whichever version is the pivot.
    layout = {"en": "a b c d", "de": "a b+c d", "ru": "a b c d"}
    assert _groups(layout, pivot="ru") == _groups(layout, pivot="en")


def test_group_similarity() -> None:
    texts = {"en": fake.version("en", "a b"), "de": fake.version("de", "a b")}
    groups = align_versions(texts, fake.encode)
    assert [round(g.similarity, 3) for g in groups] == [1.0, 1.0]
    lone = align_versions({"en": ["en:a"], "de": []}, fake.encode)
    assert [(dict(g.paragraphs), g.similarity) for g in lone] == [({"de": (), "en": (0,)}, 0.0)]
