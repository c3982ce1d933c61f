"""identify_version_languages: one pass of the identifier gives what identify_language says of
each paragraph and of the whole text, and identify_sentence_language of each sentence."""

from __future__ import annotations

import pytest

from langcheck.language import (
    SENTENCE_MIN_LETTERS,
    identify_language,
    identify_sentence_language,
    identify_version_languages,
)
from langcheck.segment import split_sentences

LANGS = ("de", "en", "es", "fr", "ru")
VERSIONS = {
    "de": ["Minister besucht Minsk",
           "Die Seiten erörterten ausführlich die regionale Zusammenarbeit. The ministers also reviewed the preparations for the joint board meeting.",
           "Im Anschluss an das Treffen unterzeichneten die Delegationen einen Plan für Konsultationen der Außenministerien."],
    "en": ["Minister visits Minsk",
           "The sides discussed regional cooperation in detail. The ministers also reviewed the preparations for the joint board meeting.",
           "Following the meeting, the delegations signed a plan of consultations. It runs until 2022."],
    "es": ["El ministro visita Minsk",
           "Las partes analizaron en detalle la cooperación regional. Los ministros también examinaron los preparativos de la reunión conjunta.",
           "Tras la reunión, las delegaciones firmaron un plan de consultas entre los ministerios de Asuntos Exteriores."],
    "fr": ["Visite du ministre à Minsk",
           "Les parties ont examiné en détail la coopération régionale. Los ministros también examinaron los preparativos de la reunión conjunta.",
           "À l’issue de la rencontre, les délégations ont signé un plan de consultations. Il faut bien le faire."],
    "ru": ["Визит министра в Минск",
           "Стороны подробно обсудили региональное сотрудничество. Die Minister prüften zudem die Vorbereitungen der gemeinsamen Sitzung der Ministerien.",
           "По итогам встречи делегации подписали план консультаций между министерствами иностранных дел."],
}


@pytest.mark.parametrize("lang", sorted(VERSIONS))
def test_one_pass_answers_as_the_separate_calls(lang: str) -> None:
    paragraphs = [(text, split_sentences(text, lang)) for text in VERSIONS[lang]]
    whole, per_paragraph, per_sentence = identify_version_languages(paragraphs, LANGS)
    assert whole == identify_language(" ".join(VERSIONS[lang]), LANGS) == lang
    assert per_paragraph == [identify_language(text, LANGS) for text in VERSIONS[lang]]
    assert per_sentence == [
        tuple(identify_sentence_language(s, LANGS) for s in sentences) if len(sentences) > 1 else ()
        for _, sentences in paragraphs
    ]


@pytest.mark.parametrize(
    ("lang", "stray"),
    [("de", "en"), ("fr", "es"), ("ru", "de")],
)
def test_the_stray_sentence_is_told_apart(lang: str, stray: str) -> None:
    text = VERSIONS[lang][1]
    _, _, per_sentence = identify_version_languages([(text, split_sentences(text, lang))], LANGS)
    assert per_sentence == [(lang, stray)]


def test_short_sentences_are_not_judged() -> None:
    short = "Il faut bien le faire."
    assert sum(c.isalpha() for c in short) < SENTENCE_MIN_LETTERS
    assert identify_sentence_language(short, LANGS) is None
    text = VERSIONS["fr"][2]
    _, _, per_sentence = identify_version_languages([(text, split_sentences(text, "fr"))], LANGS)
    assert per_sentence == [("fr", None)]
