"""Page furniture by shape and position (`langcheck.load.furniture`), in all five languages.

Each recogniser has the lines it must recognise and the look-alikes it must leave alone; then
position: the same line inside the article is content. Interface labels are confirmed at
release level against the other versions, with the real bundled model.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from langcheck.load import load_release
from langcheck.load.blocks import Block
from langcheck.load.furniture import (
    confirm_labels,
    date_stamp,
    is_label_shaped,
    is_prose,
    language_switcher,
    split_furniture,
)
from langcheck.load.text import text_blocks

LANGS = ("de", "en", "es", "fr", "ru")


@pytest.mark.parametrize(
    "lang, line, key",
    [
        ("en", "26 November 202018:51", "2020-11-26"),  # date and time run together by the copy
        ("en", "Thursday, 26 November 2020, 18:51", "2020-11-26"),
        ("en", "November 26, 2020 at 6:51 PM", "2020-11-26"),
        ("en", "26.11.2020 18:51", "2020-11-26"),  # numeric, read with another language's table
        ("en", "Published: 26 November 2020", "2020-11-26"),  # a caption before the stamp
        ("en", "Nov 26, 2020 6:51 pm", "2020-11-26"),
        ("de", "26. November 202018:51", "2020-11-26"),
        ("de", "Donnerstag, 26. November 2020, 18:51 Uhr", "2020-11-26"),
        ("de", "26.11.2020 | 18:51", "2020-11-26"),
        ("de", "Stand: 26. November 2020", "2020-11-26"),
        ("es", "26 de noviembre de 202018:51", "2020-11-26"),
        ("es", "jueves, 26 de noviembre de 2020", "2020-11-26"),
        ("fr", "26 novembre 2020 à 18h51", "2020-11-26"),
        ("fr", "jeudi 26 novembre 202018:51", "2020-11-26"),
        ("ru", "26 ноября 202018:51", "2020-11-26"),
        ("ru", "26 ноября 2020 г., 18:51", "2020-11-26"),
        ("ru", "четверг, 26.11.2020", "2020-11-26"),
        ("ru", "Дата публикации: 26.11.2020 18:51 МСК", "2020-11-26"),
    ],
)
def test_date_stamp_is_recognised(lang: str, line: str, key: str) -> None:
    assert date_stamp(line, lang, LANGS) == key


@pytest.mark.parametrize(
    "lang, line",
    [
        ("en", "On 26 November 2020 the minister arrived in Minsk."),  # a sentence with a date
        ("en", "Minsk, 26 November 2020"),  # a dateline names a place: content
        ("en", "November 2020"),  # no day: not a publication stamp
        ("en", "25-26 November 2020"),  # a range of days is the event, not the publication
        ("de", "Minsk, 26. November 2020"),
        ("es", "26 de noviembre"),  # no year
        ("es", "Madrid, 26 de noviembre de 2020"),
        ("fr", "Le 26 novembre 2020, à Minsk"),
        ("fr", "18h51"),  # a time alone
        ("fr", "26 novembre 2020 18:51 Rome"),  # a place after the time is no time zone
        ("ru", "26 ноября 2020 года в Минске"),
        ("ru", "2020-2021"),
        ("de", "Berlin: Am 26. November 2020"),  # words besides the caption
    ],
)
def test_date_stamp_look_alikes_are_not_stamps(lang: str, line: str) -> None:
    assert date_stamp(line, lang, LANGS) is None


@pytest.mark.parametrize(
    "lang, line, named",
    [
        ("en", "• de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1", ("de", "en", "es", "fr", "ru")),
        ("de", "DE | EN | ES | RU | FR", ("de", "en", "es", "fr", "ru")),
        ("es", "es en", ("en", "es")),  # two codes, one of them this file's language
        ("fr", "EN (3) RU (2)", ("en", "ru")),  # counters
        ("ru", "Русский English Deutsch Français Español", ("de", "en", "es", "fr", "ru")),
        ("en", "en-GB ru-RU zh-CN ar-AE", ("en", "ru")),  # only configured languages are named
        ("de", "[DE] [EN] [FR]", ("de", "en", "fr")),
        ("es", "Idioma: ES | EN | RU", ("en", "es", "ru")),
    ],
)
def test_language_switcher_is_recognised(lang: str, line: str, named: tuple[str, ...]) -> None:
    assert language_switcher(line, lang, LANGS) == named


@pytest.mark.parametrize(
    "lang, line",
    [
        ("en", "EU UN OSCE"),  # acronyms, not language codes
        ("en", "de la"),  # two codes (Latin!), neither this file's language, no region or counter
        ("es", "de la Unión"),
        ("fr", "Français"),  # one language is no switcher
        ("de", "Es war"),  # words; mixed case is no code
        ("ru", "ЕС ООН"),
        ("en", "Language: English"),  # one language after the caption
        ("en", "Note: de la"),
    ],
)
def test_language_switcher_look_alikes_are_not_switchers(lang: str, line: str) -> None:
    assert language_switcher(line, lang, LANGS) is None


@pytest.mark.parametrize(
    "text, shaped",
    [
        ("Advanced settings", True),
        ("Print", True),
        ("Version imprimable", True),
        ("Версия для печати", True),
        ("Mehr lesen …", True),
        ("Compartir", True),
        ("Главная / Пресс-служба / Новости", True),  # a breadcrumb
        ("The talks were constructive.", False),  # sentence end
        ("Lavrov arrives in Minsk on a working visit", False),  # too many words
        ("Top 10", False),  # digits are facts
        ("Итоги:", False),
        ("—", False),
    ],
)
def test_label_shape(text: str, shaped: bool) -> None:
    assert is_label_shaped(text) is shaped


@pytest.mark.parametrize(
    "text, prose",
    [
        ("The sides exchanged views on the situation.", True),
        ("Die Seiten tauschten Meinungen zur Lage aus.", True),
        ("«Мы довольны итогами переговоров», — сказал министр.", True),
        ("Press release on the visit to Minsk", False),  # a title has no sentence end
        ("Fin.", False),
    ],
)
def test_prose_shape(text: str, prose: bool) -> None:
    assert is_prose(text) is prose


ARTICLE = {
    "en": ["The minister arrived in Minsk for talks with his counterpart.",
           "The sides signed a plan of consultations for the coming year."],
    "de": ["Der Minister traf zu Gesprächen mit seinem Amtskollegen in Minsk ein.",
           "Die Seiten unterzeichneten einen Konsultationsplan für das kommende Jahr."],
    "es": ["El ministro llegó a Minsk para conversar con su homólogo.",
           "Las partes firmaron un plan de consultas para el próximo año."],
    "fr": ["Le ministre est arrivé à Minsk pour des entretiens avec son homologue.",
           "Les parties ont signé un plan de consultations pour l'année à venir."],
    "ru": ["Министр прибыл в Минск для переговоров со своим коллегой.",
           "Стороны подписали план консультаций на предстоящий год."],
}
STAMP = {"en": "26 November 202018:51", "de": "26. November 202018:51", "es": "26 de noviembre de 202018:51",
         "fr": "26 novembre 202018:51", "ru": "26 ноября 202018:51"}
TITLE = {"en": "Minister visits Minsk", "de": "Minister besucht Minsk", "es": "El ministro visita Minsk",
         "fr": "Le ministre à Minsk", "ru": "Министр посетил Минск"}

LABELS = {"en": "Advanced settings", "de": "Erweiterte Einstellungen", "es": "Configuración avanzada",
          "fr": "Paramètres avancés", "ru": "Расширенные настройки"}

def _blocks(*texts: str) -> list[Block]:
    return text_blocks("\n\n".join(texts))


@pytest.mark.parametrize("lang", LANGS)
def test_stamp_and_switcher_around_the_article_are_left_out(lang: str) -> None:
    blocks = _blocks(STAMP[lang], TITLE[lang], "• de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1", *ARTICLE[lang])
    kept, furniture, candidates = split_furniture(blocks, lang, LANGS)
    assert [b.text for b in kept] == [TITLE[lang], *ARTICLE[lang]]
    assert [(f.line, f.kind, f.value) for f in furniture] == [
        (1, "date stamp", "2020-11-26"), (5, "language switcher", "de en es fr ru")]
    assert candidates == ()  # the short title just before the article is no label


@pytest.mark.parametrize("lang", LANGS)
def test_a_date_line_inside_the_article_is_content(lang: str) -> None:
    first, second = ARTICLE[lang]
    blocks = _blocks(first, STAMP[lang], second)
    kept, furniture, candidates = split_furniture(blocks, lang, LANGS)
    assert [b.text for b in kept] == [first, STAMP[lang], second]
    assert furniture == () and candidates == ()


@pytest.mark.parametrize("lang", LANGS)
def test_a_label_before_the_title_is_a_candidate_the_title_is_not(lang: str) -> None:
    blocks = _blocks("Home / News", STAMP[lang], TITLE[lang], *ARTICLE[lang], LABELS[lang])
    kept, furniture, candidates = split_furniture(blocks, lang, LANGS)
    assert [kept[c].text for c in candidates] == ["Home / News", LABELS[lang]]


@pytest.mark.parametrize("lang", ("en", "de", "ru"))
def test_a_file_without_prose_has_no_furniture(lang: str) -> None:
    blocks = _blocks(STAMP[lang], TITLE[lang], "Print")
    kept, furniture, candidates = split_furniture(blocks, lang, LANGS)
    assert len(kept) == 3 and furniture == () and candidates == ()


def _write_release(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_furniture_keep_reads_everything_as_text(tmp_path: Path) -> None:
    release = _write_release(tmp_path / "r", {
        "en.txt": "\n\n".join([STAMP["en"], TITLE["en"], *ARTICLE["en"], "Print"]),
        "de.txt": "\n\n".join([TITLE["de"], *ARTICLE["de"]]),
    })
    kept = load_release(release, LANGS, furniture=False)
    dropped = load_release(release, LANGS)
    assert len(kept.documents["en"].paragraphs) == 5 and kept.documents["en"].furniture == ()
    assert [p.text for p in dropped.documents["en"].paragraphs] == [TITLE["en"], *ARTICLE["en"], "Print"]
    assert dropped.documents["en"].label_candidates == (3,)  # "Print"; the title is no candidate
    assert dropped.documents["en"].paragraphs[0].kind == "title"


def test_markdown_furniture_is_left_out(tmp_path: Path) -> None:
    release = _write_release(tmp_path / "r", {
        "fr.md": "\n\n".join([STAMP["fr"], "# " + TITLE["fr"], "FR | EN | DE", *ARTICLE["fr"]]),
        "en.txt": "\n\n".join([TITLE["en"], *ARTICLE["en"]]),
    })
    doc = load_release(release, LANGS).documents["fr"]
    assert [f.kind for f in doc.furniture] == ["date stamp", "language switcher"]
    assert [p.text for p in doc.paragraphs] == [TITLE["fr"], *ARTICLE["fr"]]



@pytest.fixture(scope="module")
def encode(tmp_path_factory: pytest.TempPathFactory):
    from langcheck.embed import CachedEmbedder, load_embedder
    from langcheck.embed.cache import open_cache

    return CachedEmbedder(load_embedder(), open_cache(tmp_path_factory.mktemp("cache"))).encode


@pytest.mark.model
@pytest.mark.parametrize("lang", LANGS)
def test_a_label_no_other_version_has_is_left_out(tmp_path: Path, encode, lang: str) -> None:
    files = {f"{other}.txt": "\n\n".join([TITLE[other], *ARTICLE[other]]) for other in LANGS if other != lang}
    files[f"{lang}.txt"] = "\n\n".join([TITLE[lang], *ARTICLE[lang], LABELS[lang]])
    release = confirm_labels(load_release(_write_release(tmp_path / "r", files), LANGS), encode)
    doc = release.documents[lang]
    assert [p.text for p in doc.paragraphs] == [TITLE[lang], *ARTICLE[lang]]
    assert [(f.kind, f.text, f.line) for f in doc.furniture] == [("interface label", LABELS[lang], 7)]
    assert all(d.label_candidates == () for d in release.documents.values())


@pytest.mark.model
@pytest.mark.parametrize("lang", ("en", "de", "fr", "ru"))
def test_a_short_line_the_other_versions_translate_stays_a_paragraph(tmp_path: Path, encode, lang: str) -> None:
    # The short title in every version, and a one-line closing paragraph that all translate.
    closing = {"en": "Talks will continue", "de": "Die Gespräche gehen weiter", "es": "Las conversaciones continuarán",
               "fr": "Les discussions continueront", "ru": "Переговоры продолжатся"}
    files = {f"{code}.txt": "\n\n".join([TITLE[code], *ARTICLE[code], closing[code]]) for code in LANGS}
    release = confirm_labels(load_release(_write_release(tmp_path / "r", files), LANGS), encode)
    doc = release.documents[lang]
    assert [p.text for p in doc.paragraphs] == [TITLE[lang], *ARTICLE[lang], closing[lang]]
    assert doc.furniture == ()


@pytest.mark.parametrize(
    "markdown, first",
    [
        ("27. November 2020, 10:05 Uhr\n\n# Titel\n", "27. November 2020, 10:05 Uhr"),  # a German date
        ("2020. Ein Jahr der Gespräche\n", "2020. Ein Jahr der Gespräche"),
        ("3) drei\n", "3) drei"),
        ("1. eins\n2. zwei\n", "eins"),  # a real list keeps its items' text only
    ],
)
def test_markdown_line_starting_with_a_number_keeps_it(markdown: str, first: str) -> None:
    from langcheck.load.markdown import markdown_blocks

    assert markdown_blocks(markdown)[0].text == first


PRINT = {"en": "Print version", "de": "Druckversion", "es": "Versión para imprimir",
         "fr": "Version imprimable", "ru": "Версия для печати"}


@pytest.mark.model
def test_labels_copied_with_some_pages_only_are_all_left_out(tmp_path: Path, encode) -> None:
    # de and ru were copied with their pages' "print" label, the other three were not: the two
    # labels are alike, but nothing in the other versions' content is.
    files = {f"{code}.txt": "\n\n".join([TITLE[code], *ARTICLE[code]] + ([PRINT[code]] if code in ("de", "ru") else []))
             for code in LANGS}
    release = confirm_labels(load_release(_write_release(tmp_path / "r", files), LANGS), encode)
    for code in ("de", "ru"):
        assert [(f.kind, f.text) for f in release.documents[code].furniture] == [("interface label", PRINT[code])]
        assert [p.text for p in release.documents[code].paragraphs] == [TITLE[code], *ARTICLE[code]]


@pytest.mark.model
def test_labels_every_version_has_stay_paragraphs(tmp_path: Path, encode) -> None:
    # Alike in all five versions, they align with each other and nothing is reported.
    files = {f"{code}.txt": "\n\n".join([TITLE[code], *ARTICLE[code], PRINT[code]]) for code in LANGS}
    release = confirm_labels(load_release(_write_release(tmp_path / "r", files), LANGS), encode)
    assert all(doc.furniture == () and len(doc.paragraphs) == 4 for doc in release.documents.values())


@pytest.mark.parametrize("code", ["de", "en", "es", "fr", "ru"])
def test_the_autonym_table_is_what_babel_says(code: str) -> None:
    # The table only spares loading each locale's data; a Babel upgrade that renames a
    # language must show up here, not as a switcher that is no longer recognised.
    from babel import Locale

    from langcheck.load.furniture import _CLDR_AUTONYMS

    assert _CLDR_AUTONYMS[code] == Locale.parse(code).get_display_name(code)
