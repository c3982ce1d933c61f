"""The Russian dictionary's prepared tables answer exactly as pymorphy3's analyser does."""

from __future__ import annotations

import itertools
import json
import logging
from pathlib import Path

import pytest

from langcheck.extract import russian_dictionary as rd

# Common words, names, places (with and without ё), inflected forms with several analyses,
# hyphenated and multi-word names, foreign names the dictionary does not know, look-alikes.
WORDS = [
    "Президентом", "Правительство", "министр", "Точный", "Заявление", "Переговоры",
    "Москве", "Москва", "Китай", "Пекин", "Австралии", "Астана", "Женеве", "Орёл", "Орел",
    "Трампа", "Лавров", "Петровом", "Сергей", "Сергеевич", "Ивановы", "Ёлка", "Елка",
    "Хамфриз", "Линдквист", "Северо-Запад", "Москва-то", "по-русски", "Сергей Лавров",
    "ООН", "Газпром", "Аэрофлот", "Яндекс", "АНТИМОСКВА", "Лондонский", "Берлинской",
    "Ведомства", "Встречи", "Стали", "Мира", "Вера", "Надежда", "Роза", "Лев",
    "я", "и", "ё", "", "Qwerty", "2020", "Москва2020",
]


@pytest.fixture(autouse=True)
def _analyser_after():
    yield
    rd.use_prepared_dir(None)


def _analyser_answers(words: list[str], first: int | None) -> list[tuple[frozenset[str], ...]]:
    return [_ordered(rd.from_analyser(w, first), first) for w in words]


def _prepared_answers(words: list[str], first: int | None) -> list[tuple[frozenset[str], ...]]:
    return [_ordered(rd.grammemes(w, first), first) for w in words]


def _ordered(analyses: tuple[frozenset[str], ...], first: int | None) -> tuple[frozenset[str], ...]:
    # With `first` None the order is not part of the answer.
    return analyses if first is not None else tuple(sorted(analyses, key=sorted))


def _dictionary_sample(per_prefix: int) -> list[str]:
    """The first words of the dictionary under every two-letter prefix (walking all 5 million
    forms in pure Python would take a minute)."""
    tables = rd._tables()
    assert tables is not None
    letters = "абвгдеёжзийклмнопрстуфхцчшщэюя"
    return [w for a in letters for b in letters
            for w in itertools.islice(tables._words.iterkeys(a + b), per_prefix)]


@pytest.mark.parametrize("first", [None, 1, 3])
def test_prepared_tables_answer_as_the_analyser(tmp_path: Path, first: int | None) -> None:
    rd.use_prepared_dir(tmp_path)
    assert rd._tables() is not None
    assert _prepared_answers(WORDS, first) == _analyser_answers(WORDS, first)
    sample = _dictionary_sample(8)
    assert len(sample) > 3000
    variants = [w.replace("ё", "е") for w in sample if "ё" in w] + [w.capitalize() for w in sample[::7]]
    unknown = [w[:-1] + "щ" for w in sample[::11]]
    words = [*sample, *variants, *unknown]
    answers = _prepared_answers(words, first)
    assert answers == _analyser_answers(words, first)
    assert sum(1 for a in answers if a) > 3000 and sum(1 for a in answers if not a) > 100


@pytest.mark.parametrize(("word", "proper", "geox_first_three"), [
    ("Президентом", False, False),   # a common noun
    ("Москве", True, True),          # a place
    ("Трампа", True, False),         # a surname
    ("Хамфриз", None, False),        # unknown: no analyses at all
    ("Австралии", True, True),
])
def test_answers_read_as_the_name_checks_need(tmp_path: Path, word: str, proper: bool | None,
                                               geox_first_three: bool) -> None:
    rd.use_prepared_dir(tmp_path)
    analyses = rd.grammemes(word)
    proper_tags = {"Surn", "Name", "Patr", "Geox", "Orgn", "Trad", "Poss"}
    assert (bool(analyses) and any(proper_tags & a for a in analyses)) is bool(proper)
    assert not analyses if proper is None else analyses
    assert any("Geox" in a for a in rd.grammemes(word, first=3)) is geox_first_three


def test_the_copy_is_kept_and_read_without_the_analyser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rd.use_prepared_dir(tmp_path)
    expected = _prepared_answers(WORDS, 3)
    (kept,) = tmp_path.glob("pymorphy3-*.json")
    data = json.loads(kept.read_text(encoding="utf-8"))
    assert set(data) == {"format", "pymorphy3", "meta", "gramtab", "paradigms"}
    rd.use_prepared_dir(None)
    rd.use_prepared_dir(tmp_path)

    def no_analyser():
        raise AssertionError("the analyser was built")

    monkeypatch.setattr(rd, "_analyser", no_analyser)
    words = [w for w in WORDS if len(w) > 1]  # single letters are the analyser's (initials)
    assert _prepared_answers(words, 3) == [e for w, e in zip(WORDS, expected) if len(w) > 1]


def _hostile(data: dict) -> list[object]:
    too_far = dict(data, paradigms=[chr(len(data["gramtab"]))] + data["paradigms"][1:])
    return [
        b"\x00\xff not json",
        b"[]",
        json.dumps(dict(data, pymorphy3="0.0.0")).encode(),      # made by another version
        json.dumps(dict(data, meta="0" * 64)).encode(),           # of another dictionary
        json.dumps(dict(data, gramtab=[1, 2, 3])).encode(),
        json.dumps(dict(data, paradigms=["", "x"])).encode(),
        json.dumps(too_far).encode(),                             # a tag number past the table
    ]


@pytest.mark.parametrize("case", range(7))
def test_a_damaged_or_foreign_copy_is_rebuilt(tmp_path: Path, case: int, caplog: pytest.LogCaptureFixture) -> None:
    rd.use_prepared_dir(tmp_path)
    expected = _prepared_answers(WORDS, 3)
    (kept,) = tmp_path.glob("pymorphy3-*.json")
    good = kept.read_bytes()
    kept.write_bytes(_hostile(json.loads(good))[case])  # type: ignore[arg-type]
    rd.use_prepared_dir(None)
    rd.use_prepared_dir(tmp_path)
    with caplog.at_level(logging.WARNING, logger=rd.__name__):
        assert _prepared_answers(WORDS, 3) == expected
    assert "rebuilding the prepared Russian dictionary" in caplog.text
    assert json.loads(kept.read_bytes()) == json.loads(good)


def test_without_a_prepared_folder_the_analyser_answers() -> None:
    rd.use_prepared_dir(None)
    assert rd._tables() is None
    assert _prepared_answers(WORDS, None) == _analyser_answers(WORDS, None)


def test_the_substitutes_are_pymorphy3s() -> None:
    import pymorphy3.lang.ru

    assert rd._char_substitutes() == pymorphy3.lang.ru.CHAR_SUBSTITUTES


def test_a_copy_that_does_not_fit_the_dawg_gives_way_to_the_analyser(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    rd.use_prepared_dir(tmp_path)
    expected = _prepared_answers(WORDS, 3)
    (kept,) = tmp_path.glob("pymorphy3-*.json")
    data = json.loads(kept.read_bytes())
    kept.write_text(json.dumps(dict(data, paradigms=data["paradigms"][:10])), encoding="utf-8")
    rd.use_prepared_dir(None)
    rd.use_prepared_dir(tmp_path)
    with caplog.at_level(logging.WARNING, logger=rd.__name__):
        assert _prepared_answers(WORDS, 3) == expected
    assert "does not fit its dawg" in caplog.text


def test_the_dictionary_is_mapped_and_answers_as_when_read(tmp_path: Path) -> None:
    from dawg_python import RecordDAWG

    path = Path(rd._dictionary_path(), "words.dawg")
    read = RecordDAWG(">HH").load(str(path))
    mapped = rd._mapped(RecordDAWG(">HH"), str(path))
    assert isinstance(mapped.dct._units, memoryview) and isinstance(mapped.guide._units, memoryview)
    replaces = read.compile_replaces(rd._char_substitutes())
    words = [w.lower() for w in WORDS] + list(itertools.islice(read.iterkeys("ст"), 2000))
    assert [mapped.similar_items(w, replaces) for w in words] == [read.similar_items(w, replaces) for w in words]


@pytest.mark.parametrize("damage", [lambda b: b[:-1], lambda b: b + b"\0", lambda b: b[:3], lambda b: b""],
                         ids=["short", "long", "no count", "empty"])
def test_a_dictionary_not_laid_out_as_expected_is_left_to_the_library(tmp_path: Path, damage) -> None:
    from dawg_python import RecordDAWG

    data = Path(rd._dictionary_path(), "words.dawg").read_bytes()
    odd = tmp_path / "words.dawg"
    odd.write_bytes(damage(data))
    dawg, loads = RecordDAWG(">HH"), []
    dawg.load = lambda path: loads.append(path) or dawg  # the library's loader, as called
    assert rd._mapped(dawg, str(odd)) is dawg
    assert loads == [str(odd)] and dawg.dct is None
