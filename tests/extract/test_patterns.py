"""The prepared copy of the recognisers' compiled patterns (langcheck.extract.patterns)."""

from __future__ import annotations

import re

import pytest

from langcheck.extract import patterns
from langcheck.extract.dates import find_dates

CASES = [
    (r"(?<!\w)(?:zwei|drei)(?P<tail>\w{0,2})(?!\w)", re.IGNORECASE),
    (r"(?i)\d+|(?<!\w)(?:premier|deuxième)(?!\w)", 0),
    (r"(?P<month1>январ[яь]|феврал[яь])\s+(?P<year1>\d{4})", 0),
    (r"\s*,?\s+(?:and|y|et|und|и)\s+", re.IGNORECASE),
]


@pytest.fixture
def prepared(tmp_path):
    patterns.use_prepared_dir(tmp_path)
    yield tmp_path
    patterns.use_prepared_dir(None)


@pytest.mark.parametrize("pattern, flags", CASES)
def test_same_pattern_before_and_after_the_copy(prepared, pattern, flags):
    first = patterns.compile(pattern, flags)
    assert first == re.compile(pattern, flags)
    patterns.save()
    patterns.use_prepared_dir(None)
    patterns.use_prepared_dir(prepared)
    again = patterns.compile(pattern, flags)
    assert (pattern, int(flags)) in patterns._store()  # read from the copy, not compiled
    assert again == re.compile(pattern, flags)
    assert again.groupindex == re.compile(pattern, flags).groupindex


def _sealed(data: bytes) -> bytes:
    """`data` with a right checksum: damage that only the reading itself can refuse."""
    import zlib

    return data + zlib.crc32(data).to_bytes(4, "little")


def _flipped(data: bytes) -> bytes:
    """The last code word before the checksum plus one (a literal 'm' turned 'n', say)."""
    body = bytearray(data[:-4])
    body[-4] = (body[-4] + 1) % 256
    return bytes(body) + data[-4:]


@pytest.mark.parametrize("damage", [
    lambda data: _sealed(data[:-4].replace(b"[", b"[[", 3)),  # a header that is not JSON
    lambda data: _sealed(data[:-5]),                       # code that is not whole words
    lambda data: _sealed(data[:-4] + b"\0\0\0\0"),          # more code than the header counts
    lambda data: _sealed(data[:-4].replace(b"\0", b"", 1)),  # no code at all
    lambda data: _sealed(b'[["x",0,0,0,{},1,7]]\0\1\0\0\0'),  # a row of the wrong shape
    lambda data: _sealed(b'[[1,0,0,0,{},1]]\0\1\0\0\0'),     # a pattern that is not text
    lambda data: _sealed(b'[["x",0,0,0,{},0]]\0'),            # a pattern without code
    lambda data: _sealed(b'{"a":1}\0'),                       # not a list of rows
    lambda data: _sealed(b"[" * 100000 + b"\0"),              # nested too deep to read
    lambda data: _flipped(data),                           # one code word changed: still valid code
    lambda data: data[:-4],                                # no checksum
], ids=["header", "partial word", "extra code", "no code", "row shape", "pattern type", "empty code", "not rows", "deep",
        "flipped literal", "no checksum"])
def test_a_damaged_copy_is_ignored(prepared, damage):
    pattern, flags = CASES[0]
    patterns.compile(pattern, flags)
    patterns.save()
    path = next(prepared.glob("patterns-*.bin"))
    path.write_bytes(damage(path.read_bytes()))
    patterns.use_prepared_dir(None)
    patterns.use_prepared_dir(prepared)
    assert patterns._store() == {}
    assert patterns.compile(pattern, flags) == re.compile(pattern, flags)


def test_the_copy_keeps_every_pattern_and_its_groups(prepared):
    compiled = [patterns.compile(p, f) for p, f in CASES]
    patterns.save()
    patterns.use_prepared_dir(None)
    patterns.use_prepared_dir(prepared)
    assert set(patterns._store()) == {(p, int(f)) for p, f in CASES}
    again = [patterns.compile(p, f) for p, f in CASES]
    assert again == compiled == [re.compile(p, f) for p, f in CASES]
    assert [c.groupindex for c in again] == [re.compile(p, f).groupindex for p, f in CASES]


def test_foreign_code_falls_back_to_compiling(prepared):
    pattern, flags = CASES[0]
    patterns.compile(pattern, flags)
    patterns.save()
    patterns.use_prepared_dir(None)
    patterns.use_prepared_dir(prepared)
    final, code, groups, names = patterns._store()[(pattern, int(flags))]
    patterns._store()[(pattern, int(flags))] = (final, [99999, *code[1:]], groups, names)
    assert patterns.compile(pattern, flags) == re.compile(pattern, flags)


@pytest.mark.parametrize("lang, text", [
    ("de", "Am 25. November 2020 trafen sich die Minister."),
    ("en", "The ministers met on 25 November 2020."),
    ("es", "Los ministros se reunieron el 25 de noviembre de 2020."),
    ("fr", "Les ministres se sont réunis le 25 novembre 2020."),
    ("ru", "Министры встретились 25 ноября 2020 года."),
])
def test_the_date_tables_find_the_same_dates_from_the_copy(prepared, lang, text):
    from langcheck.extract import dates

    dates._table.cache_clear()
    before = find_dates(text, lang)
    patterns.save()
    patterns.use_prepared_dir(None)
    patterns.use_prepared_dir(prepared)
    dates._table.cache_clear()
    assert list(prepared.glob("patterns-*.bin"))
    assert find_dates(text, lang) == before and before
    dates._table.cache_clear()


def test_patterns_after_the_first_come_from_the_checked_steps(prepared, monkeypatch):
    """The first pattern missing from the copy is checked against re.compile; later ones are
    compiled once by the same steps and are still equal to what re.compile gives."""
    monkeypatch.setattr(patterns, "_REPRODUCES", None)
    monkeypatch.setattr(patterns, "_added", {})
    calls = []
    real = re.compile
    monkeypatch.setattr(patterns.re, "compile", lambda p, f=0: calls.append(p) or real(p, f))
    compiled = [patterns.compile(p, f) for p, f in CASES]
    assert calls == [CASES[0][0]]
    assert patterns._REPRODUCES is True
    assert compiled == [real(p, f) for p, f in CASES]
    assert [c.groupindex for c in compiled] == [real(p, f).groupindex for p, f in CASES]


def test_a_compiler_not_reproduced_keeps_nothing(prepared, monkeypatch):
    monkeypatch.setattr(patterns, "_REPRODUCES", None)
    monkeypatch.setattr(patterns, "_added", {})
    pattern, flags = CASES[2]
    monkeypatch.setattr(patterns, "_compile_parts", lambda p, f: (int(f), [0], 0, {}))  # not what re makes
    assert patterns.compile(pattern, flags) == re.compile(pattern, flags)
    assert patterns._REPRODUCES is False and patterns._added == {}
    assert patterns.compile(*CASES[3]) == re.compile(*CASES[3])
    assert patterns._added == {}


# A prefix tree of literal words matches exactly those words: prefixes of one another, regex
# metacharacters, Cyrillic, a space inside a word; and nothing shorter, longer or beside them.
TRIE_CASES = [
    (["mai", "maio", "may"], ["mai", "maio", "may"], ["ma", "mayo", "m", "Mai", ""]),
    (["sept.", "sep", "s.p"], ["sept.", "sep", "s.p"], ["sept", "sepx", "s-p", "se"]),
    (["a ", "a\u00a0", "a"], ["a ", "a\u00a0", "a"], ["a\t", "aa", " a"]),
    (["дв", "два", "две", "дв "], ["дв", "два", "две", "дв "], ["д", "двое", "два "]),
    (["(x)", "x+", "[y]"], ["(x)", "x+", "[y]"], ["x", "xx", "y", "(x"]),
]


@pytest.mark.parametrize(("words", "matching", "not_matching"), TRIE_CASES)
def test_a_trie_matches_exactly_its_words(words: list[str], matching: list[str], not_matching: list[str]) -> None:
    pattern = re.compile(patterns.trie(words))
    assert [w for w in matching if pattern.fullmatch(w)] == matching
    assert [w for w in not_matching if pattern.fullmatch(w)] == []
    # The same set in any order gives the same expression (a table's text is its key in the copy).
    assert patterns.trie(reversed(words)) == patterns.trie(words)


def test_a_pattern_table_binds_each_field_to_its_own_text() -> None:
    from typing import NamedTuple

    class Table(NamedTuple):
        digits: re.Pattern[str]
        letters: re.Pattern[str]

    table = patterns.compiled_table(Table, letters=r"[a-z]+", digits=r"\d+")
    assert table.digits.pattern == r"\d+" and table.letters.pattern == r"[a-z]+"
    with pytest.raises(TypeError, match="letters"):
        patterns.compiled_table(Table, digits=r"\d+")


# The recognisers' word patterns put their look-behind after the first character so that the
# engine can skip to a possible first character in C; each must match exactly where the plain
# form (look-behind first) matches, look-alikes included.
_U = "A-ZÀ-ÖØ-ÞА-ЯЁ"
_SW = rf"[{_U}]+(?:['’][{_U}]+)?"
_PLAIN_FORMS = {
    "acronyms._ACRONYM": rf"(?<![\w-])(?P<acr>[{_U}][{_U}0-9]{{1,7}})s?(?![\w])",
    "acronyms._SHOUT": rf"(?<!\w){_SW}(?:[ \u00a0]+{_SW}){{2,}}(?!\w)",
    "terms.DOTTED": rf"(?<![\w.])[{_U}]{{1,2}}\.(?:[ \u00a0]?[-‐–]?[ \u00a0]?[{_U}]{{1,2}}\.)*(?:[-‐–]?[{_U}]{{1,2}}(?![\w.]))?",
    "proper_names._WORD": rf"(?<![^\W\d_])[{_U}][^\W\d_]*(?:['’-][^\W\d_]+)*",
    "numerals.DIGIT_START": r"(?<!\d)\d",
    "names._CAPITALISED": r"(?<![\w-])[A-ZА-ЯЁÀ-ÖØ-Þ][a-zа-яёß-öø-ÿ]+(?:-[A-ZА-ЯЁ][a-zа-яёß-öø-ÿ]+)?(?![\w])",
}
_LOOK_ALIKES = [
    "Die NATO und die OSZE trafen sich; UN-Generalversammlung, Nord-Stream, x.NATO, 3NATO, -NATO.",
    "The U.S. and the E.U. met Mr. J. R. Smith; NGOs and MWPs; COVID-19; Plan B. A new era.",
    "Los EE. UU. y la UE (OTAN), EE.UU, É.-U.; el Sr. Pérez-Gómez dijo: «Sí».",
    "MERCI D'AVOIR TENU TÊTE À LA FOULE ; l'ONU, d'Orenburg, anti-Trump, L’Élysée, 2ÈME.",
    "С.В.Лавров и Генсек ООН; США, С.Ш.А., ОБСЕ-мониторы, г-н Рябков, «Газпром», x.ООН.",
    "AB.CD. A.B X", "", "A", "Ab", "ÖVP ÖBB Øresund Þór",
    "1 200,5 € und 3.000; 12-15 %; x1, ²3, ٣٤ ١٢, 2020–2021, 5", "0",
]


@pytest.mark.parametrize("name", sorted(_PLAIN_FORMS))
@pytest.mark.parametrize("text", _LOOK_ALIKES)
def test_word_patterns_match_where_their_plain_forms_match(name, text):
    import importlib

    module, attribute = name.split(".")
    value = getattr(importlib.import_module(f"langcheck.extract.{module}"), attribute)
    fast = value if isinstance(value, re.Pattern) else re.compile(value)
    plain = re.compile(_PLAIN_FORMS[name])
    assert fast.pattern != plain.pattern
    assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == [(m.span(), m.groupdict()) for m in plain.finditer(text)]
