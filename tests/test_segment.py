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


# Sentence ends that decide whether the next piece joins them: initials (`A.B.C.`), an ordinal
# (German), or neither; at the very start, after white space, glued to a word (no initial),
# and with white space after them.
ENDS = [
    "A.", "С.В.", "J. R.", " A.B.C.", "Mit A.B.C.", "Treffen mit S.W.", "Встреча с С.В.",
    "xA.", "Ministry of the U.", "ZA.B.", "Une note de M.", "El Sr.", "am 14.", "Das 2021.",
    "Seite 1.  ", "geht an J.\u00a0", "A.B.C.D.", "Es sagte — A.", "über 123.", "Nr.1234.",
    "und" + " " * 20 + "K.", "",
]


@pytest.mark.parametrize("lang", ["de", "en", "es", "fr", "ru"])
def test_end_patterns_are_searched_only_where_they_can_match(lang: str) -> None:
    import re

    from langcheck.segment import _INITIAL_END, _ORDINAL_END, _continues

    whole = re.compile(_INITIAL_END.pattern), re.compile(_ORDINAL_END.pattern)
    for end in ENDS:
        previous = f"Der Satz endet so {end}" if end else ""
        for text in (end, previous):
            expected = bool(whole[0].search(text)) or (lang == "de" and bool(whole[1].search(text)))
            assert _continues(text, "Smith sagte.", lang) == expected, text


@pytest.mark.parametrize(
    "lang, text, sentences",
    [
        ("en", "A.B. Smith arrived. He left.", ["A.B. Smith arrived.", "He left."]),
        ("de", "Das Treffen leitete H.J. Müller. Es war gut.", ["Das Treffen leitete H.J. Müller.", "Es war gut."]),
        ("fr", "Reçu par J. M. Dupont. Les parties ont échangé.", ["Reçu par J. M. Dupont.", "Les parties ont échangé."]),
        ("es", "Lo firmó J. García. Se firmó un plan.", ["Lo firmó J. García.", "Se firmó un plan."]),
        ("ru", "Его принял А.А. Громыко. Переговоры прошли.", ["Его принял А.А. Громыко.", "Переговоры прошли."]),
    ],
)
def test_initials_inside_a_sentence_keep_it_whole(lang: str, text: str, sentences: list[str]) -> None:
    assert list(split_sentences(text, lang)) == sentences
