"""Sound-alike matching of names across scripts, orthographies and Russian declension.

(`Make` does sound like `Макей`: that an ordinary English word is no name is decided by the
extractor's word frequencies, see test_names.py.)
"""

from __future__ import annotations

import pytest

from langcheck.extract.transliterate import sounds_alike

SAME = [
    # English names in Russian transcription, declined.
    ("Хамфриз", "Humphreys"), ("Уораллу", "Worrall"), ("Коркорана", "Corcoran"), ("Кларк", "Clark"),
    ("Трампа", "Trump"), ("Фриман", "Freeman"), ("Джеймс", "James"), ("Дэвис", "Davies"), ("Коуни", "Cownie"),
    ("Уилинге", "Wheeling"), ("Резерфорда", "Rutherford"), ("Мерриуэзера", "Merriweather"), ("Азар", "Hazard"),
    ("Мэй", "May"), ("Ли", "Lee"), ("Цзиньпин", "Jinping"), ("Пласко-Флексмен", "Plasco-Flaxman"),
    # German and French names in Russian.
    ("Феттелем", "Vettel"), ("Штейнем", "Steinem"), ("Анджелини", "Angelini"),
    # Places in all five languages, and adjectives made from them.
    ("Москва", "Moscow"), ("Moskau", "Moscow"), ("Moscú", "Moscow"), ("Moscou", "Москве"), ("Оренбург", "Orenburg"),
    ("Orenbourg", "Orenburg"), ("Астана", "Astaná"), ("Гарвардском", "Harvard"), ("Нью-Йорку", "York"), ("Европа", "Europe"),
    ("Македонии", "Macedonia"), ("Пхеньяне", "Pyongyang"), ("Oremburgo", "Orenburg"),
]
DIFFERENT = [
    ("Chris", "Harris"), ("Chris", "Харрис"), ("Harris", "Haddadi"), ("Harris", "Lindqvist"),
    ("Orenburg", "Omsk"), ("Moscú", "Astaná"), ("Лесли", "Лебедев"), ("Эдвард", "Волков"), ("Lee", "Le"),
    ("Okonkwo", "Коуни"), ("Чейслер", "School"), ("Lavrov", "Lukashenko"), ("Putin", "Peskov"), ("Davis", "Dose"),
]


@pytest.mark.parametrize(("a", "b"), SAME, ids=[f"{a}={b}" for a, b in SAME])
def test_same_name(a: str, b: str) -> None:
    assert sounds_alike(a, b) and sounds_alike(b, a)


@pytest.mark.parametrize(("a", "b"), DIFFERENT, ids=[f"{a}!={b}" for a, b in DIFFERENT])
def test_different_names(a: str, b: str) -> None:
    assert not sounds_alike(a, b) and not sounds_alike(b, a)
