"""Word frequencies: the prepared (memory-mapped, sorted) copy answers as the package's lists do."""

from __future__ import annotations

from pathlib import Path

import pytest

from langcheck.extract import word_frequency

LANGS = ("de", "en", "es", "fr", "ru")
# Everyday words, names, look-alikes across the five languages, hyphenated and elided forms,
# and strings no list holds (empty parts, digits, a 200-letter word).
WORDS = [
    "Regierung", "Außenminister", "Gespräche", "Bundesregierung", "Integrations-Prozess",
    "Government", "minister", "talks", "co-operation", "Lavrov", "Geneva",
    "Gobierno", "reunión", "Asuntos", "Exteriores", "Estados-Unidos",
    "gouvernement", "l'ONU", "aujourd'hui", "porte-parole", "Genève",
    "Правительство", "министр", "переговоры", "Женеве", "ёлка", "елка", "северо-запад",
    "-", "--", "2020", "x" * 200, "ß", "İstanbul", "ǅ",
]


@pytest.fixture(autouse=True)
def _package_lists_after():
    yield
    word_frequency.use_prepared_dir(None)


@pytest.mark.parametrize("lang", LANGS)
def test_prepared_lists_give_the_package_lists_values(tmp_path: Path, lang: str) -> None:
    word_frequency.use_prepared_dir(None)
    table = word_frequency._table(lang)
    assert isinstance(table, dict) and len(table) > 10_000
    expected = [word_frequency.zipf(w, lang) for w in WORDS]
    assert any(v > 3 for v in expected) and 0.0 in expected
    for _ in range(2):  # the first use writes the copy, the second reads it
        word_frequency.use_prepared_dir(tmp_path)
        assert [word_frequency.zipf(w, lang) for w in WORDS] == expected
        word_frequency.use_prepared_dir(None)
    word_frequency.use_prepared_dir(tmp_path)
    prepared = word_frequency._table(lang)
    assert not isinstance(prepared, dict)  # read in place, not a dict built at load
    sample = list(table.items())[:: max(1, len(table) // 2000)]
    assert [prepared.get(w, 0.0) for w, _ in sample] == [v for _, v in sample]
    assert prepared.get("zzzzqqqq-not-a-word", 0.0) == 0.0
    # A long run answers from a dict built from the mapped arrays: the same dict.
    assert prepared.as_dict() == table


def test_a_long_run_switches_to_the_dict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(word_frequency, "DICT_AFTER", 3)
    word_frequency.use_prepared_dir(tmp_path)
    word_frequency._table("fr")
    word_frequency.use_prepared_dir(None)
    word_frequency.use_prepared_dir(tmp_path)
    answers = [word_frequency.zipf(w, "fr") for w in WORDS]
    assert word_frequency._table("fr")._dict is not None
    word_frequency.use_prepared_dir(None)
    assert answers == [word_frequency.zipf(w, "fr") for w in WORDS]


def test_a_damaged_copy_is_rebuilt(tmp_path: Path) -> None:
    word_frequency.use_prepared_dir(tmp_path)
    before = word_frequency.zipf("Regierung", "de")
    damaged = list(tmp_path.rglob("small_de/*.npy"))
    assert len(damaged) == 3  # (a pattern that finds no file would damage nothing)
    for path in damaged:
        path.write_bytes(b"damaged")
    word_frequency.use_prepared_dir(None)
    word_frequency.use_prepared_dir(tmp_path)
    assert word_frequency.zipf("Regierung", "de") == before > 3


def test_the_copy_is_named_after_the_installed_release_without_importlib_metadata(monkeypatch) -> None:
    from importlib.metadata import version

    from langcheck import result_cache

    spec = __import__("importlib.util").util.find_spec("wordfreq")
    word_frequency._release.cache_clear()
    assert word_frequency._release(spec.origin) == version("wordfreq")
    # Two listed releases (a stale folder beside the new one): the one importlib.metadata reads.
    monkeypatch.setattr(result_cache, "installed_distributions", lambda: ("wordfreq-0.1.dist-info", f"wordfreq-{version('wordfreq')}.dist-info"))
    word_frequency._release.cache_clear()
    assert word_frequency._release(spec.origin) == version("wordfreq")
    monkeypatch.setattr(result_cache, "installed_distributions", lambda: ("wordfreq-9.9.dist-info",))
    word_frequency._release.cache_clear()
    assert word_frequency._release(spec.origin) == "9.9"
    word_frequency._release.cache_clear()
