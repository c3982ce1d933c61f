"""LC106's placement similarities: one matrix product must give each pair's plain mean cosine."""

from __future__ import annotations

import numpy as np
import pytest

from langcheck.rules.order import _placement_similarities

LANGS = ("de", "en", "es", "fr", "ru")


def _unit(rng: np.random.Generator) -> np.ndarray:
    v = rng.standard_normal(48).astype(np.float32)
    return v / np.linalg.norm(v)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_each_cell_is_the_mean_cosine_with_the_other_versions(lang: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    # groups with all five versions, with three, and one where only `lang` has a paragraph
    holders = [LANGS, LANGS[:3] + ((lang,) if lang not in LANGS[:3] else ()), (lang,), LANGS]
    vectors = {k: {o: _unit(rng) for o in set(h)} for k, h in enumerate(holders)}
    groups = list(vectors)
    sims = _placement_similarities(vectors, groups, lang)
    for x, j in enumerate(groups):
        for y, k in enumerate(groups):
            others = [v for o, v in vectors[k].items() if o != lang]
            expected = float(np.mean([v @ vectors[j][lang] for v in others])) if others else 0.0
            assert sims[x, y] == pytest.approx(expected, abs=1e-6)
    assert sims[:, 2].tolist() == [0.0] * len(groups)  # nobody else has group 2
