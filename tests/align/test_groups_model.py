"""Grouping real translations with the bundled model: a deleted paragraph stays a group of its own.

A paragraph that one version lacks may be absorbed by the aligner into its neighbour's bead
(a 2-1 bead), most of all in a short release where its sentences tell the same story as the
neighbour's. It must come out again as a group that the lacking version has nothing in,
whichever version lacks it (the pivot included), so LC101 blames the right side.
"""

from __future__ import annotations

import pytest

from langcheck.model import Document, Paragraph, Release
from langcheck.pipeline import align_release
from langcheck.rules.base import RuleContext
from langcheck.rules.structure import extra_paragraph, missing_paragraph
from langcheck.segment import split_sentences

pytestmark = pytest.mark.model

RELEASE = {
    "en": [
        "Ministers discuss water management in Central Asia",
        "The ministers met in Astana on Tuesday to discuss water management in Central Asia. They reviewed the "
        "work of the joint commission on the Syr Darya river. The next session will be held in Tashkent in May.",
        "The ministers also discussed water for farmers in the border regions of both countries. The two sides "
        "agreed to exchange data on reservoir levels every month. A working group will draft an agreement by "
        "the end of the year.",
        "The Kazakh minister thanked his colleague for the warm welcome and the open discussion.",
    ],
    "de": [
        "Minister erörtern die Wasserwirtschaft in Zentralasien",
        "Die Minister trafen sich am Dienstag in Astana, um über die Wasserwirtschaft in Zentralasien zu "
        "sprechen. Sie prüften die Arbeit der gemeinsamen Kommission für den Fluss Syrdarja. Die nächste "
        "Sitzung findet im Mai in Taschkent statt.",
        "Die Minister sprachen auch über Wasser für die Landwirte in den Grenzregionen beider Länder. Beide "
        "Seiten vereinbarten, monatlich Daten über die Füllstände der Stauseen auszutauschen. Eine "
        "Arbeitsgruppe wird bis Jahresende den Entwurf eines Abkommens ausarbeiten.",
        "Der kasachische Minister dankte seinem Kollegen für den herzlichen Empfang und die offene Aussprache.",
    ],
    "es": [
        "Los ministros debaten la gestión del agua en Asia Central",
        "Los ministros se reunieron el martes en Astaná para debatir la gestión del agua en Asia Central. "
        "Examinaron el trabajo de la comisión conjunta sobre el río Sir Daria. La próxima sesión se celebrará "
        "en Taskent en mayo.",
        "Los ministros también hablaron del agua para los agricultores de las regiones fronterizas de ambos "
        "países. Las dos partes acordaron intercambiar cada mes datos sobre el nivel de los embalses. Un grupo "
        "de trabajo redactará un acuerdo antes de fin de año.",
        "El ministro kazajo agradeció a su colega la cálida acogida y el debate abierto.",
    ],
    "fr": [
        "Les ministres discutent de la gestion de l’eau en Asie centrale",
        "Les ministres se sont réunis mardi à Astana pour discuter de la gestion de l’eau en Asie centrale. "
        "Ils ont examiné les travaux de la commission mixte sur le fleuve Syr-Daria. La prochaine session se "
        "tiendra à Tachkent en mai.",
        "Les ministres ont également évoqué l’eau destinée aux agriculteurs des régions frontalières des deux "
        "pays. Les deux parties sont convenues d’échanger chaque mois des données sur le niveau des réservoirs. "
        "Un groupe de travail rédigera un projet d’accord d’ici la fin de l’année.",
        "Le ministre kazakh a remercié son collègue pour l’accueil chaleureux et la discussion ouverte.",
    ],
    "ru": [
        "Министры обсудили управление водными ресурсами в Центральной Азии",
        "Во вторник министры встретились в Астане, чтобы обсудить управление водными ресурсами в Центральной "
        "Азии. Они рассмотрели работу совместной комиссии по реке Сырдарья. Следующее заседание пройдет в "
        "Ташкенте в мае.",
        "Министры также обсудили водоснабжение фермеров в приграничных районах двух стран. Стороны "
        "договорились ежемесячно обмениваться данными об уровне водохранилищ. Рабочая группа подготовит "
        "проект соглашения до конца года.",
        "Казахстанский министр поблагодарил коллегу за теплый прием и открытую дискуссию.",
    ],
}


@pytest.fixture(scope="module")
def encode(tmp_path_factory: pytest.TempPathFactory):
    from langcheck.embed import CachedEmbedder, load_embedder
    from langcheck.embed.cache import open_cache

    return CachedEmbedder(load_embedder(), open_cache(tmp_path_factory.mktemp("cache"))).encode


def _release(versions: dict[str, list[str]]) -> Release:
    return Release(path="case", documents={
        lang: Document(lang=lang, path=f"{lang}.txt", paragraphs=tuple(
            Paragraph(index=i, text=text, line=2 * i + 1, sentences=split_sentences(text, lang))
            for i, text in enumerate(paragraphs)
        ))
        for lang, paragraphs in versions.items()
    })


@pytest.mark.parametrize("lacking", ["de", "en", "es", "fr", "ru"])
@pytest.mark.parametrize("deleted, length", [(1, 4), (2, 4), (2, 3)], ids=["first", "middle", "last-of-short"])
def test_deleted_paragraph_is_missing_from_the_version_that_lacks_it(
    encode, lacking: str, deleted: int, length: int
) -> None:
    versions = {lang: list(paragraphs[:length]) for lang, paragraphs in RELEASE.items()}
    del versions[lacking][deleted]
    release = _release(versions)
    groups, vectors = align_release(release, encode)
    ctx = RuleContext(release=release, groups=groups, sentence_embeddings=vectors)
    lone = [g for g in groups if not g.paragraphs[lacking]]
    assert [tuple(g.present()) for g in lone] == [tuple(sorted(set(RELEASE) - {lacking}))]
    assert all(g.paragraphs[lang] == (deleted,) for g in lone for lang in g.present())
    assert [f.lang for f in missing_paragraph.check(ctx)] == [lacking]
    assert list(extra_paragraph.check(ctx)) == []


def test_complete_release_has_one_group_per_paragraph(encode) -> None:
    release = _release(RELEASE)
    groups, _ = align_release(release, encode)
    assert [dict(g.paragraphs) for g in groups] == [
        {lang: (i,) for lang in RELEASE} for i in range(len(RELEASE["en"]))
    ]
