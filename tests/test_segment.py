"""Sentence splitting inside paragraphs, with the repairs press-release typography needs."""

from __future__ import annotations

import pytest

from langcheck.segment import split_sentences


@pytest.mark.parametrize(
    "lang, text, sentences",
    [
        ("en", "Mr Lavrov arrived. He met Mr. Makei.", ["Mr Lavrov arrived.", "He met Mr. Makei."]),
        ("en", "The U.S. said no. The UN agreed.", ["The U.S. said no.", "The UN agreed."]),
        ("de", "Das 14. Treffen fand statt. Es war gut.", ["Das 14. Treffen fand statt.", "Es war gut."]),
        ("de", "Am 25. und 26. November war er in Minsk.", ["Am 25. und 26. November war er in Minsk."]),
        ("de", "Ein Plan für 2021. Die Gespräche verliefen gut.", ["Ein Plan für 2021.", "Die Gespräche verliefen gut."]),
        ("ru", "С.В. Лавров прибыл. Стороны обменялись мнениями, т.е. обсудили всё.",
         ["С.В. Лавров прибыл.", "Стороны обменялись мнениями, т.е. обсудили всё."]),
        ("ru", "Переговоры прошли в Минске. Подписан план.", ["Переговоры прошли в Минске.", "Подписан план."]),
        ("fr", "M. Lavrov a été reçu. Les parties ont échangé.", ["M. Lavrov a été reçu.", "Les parties ont échangé."]),
        ("es", "El Sr. Lavrov visitó Minsk. Se firmó un plan.", ["El Sr. Lavrov visitó Minsk.", "Se firmó un plan."]),
        ("en", "2021 will be busy. 2022 too.", ["2021 will be busy.", "2022 too."]),
        ("en", "One sentence without a stop", ["One sentence without a stop"]),
    ],
)
def test_split_sentences(lang: str, text: str, sentences: list[str]) -> None:
    assert list(split_sentences(text, lang)) == sentences
