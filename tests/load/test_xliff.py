"""XLIFF 1.2 and 2.x: two versions per file, units as paragraphs, segments as sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from langcheck.load import load_documents, load_release
from langcheck.load.errors import InputError
from langcheck.load.files import is_document
from langcheck.load.census import folder_languages
from langcheck.load.xliff import xliff_versions
from langcheck.load.xliff_names import name_languages, name_target_languages

LANGS = ("de", "en", "es", "fr", "ru")

# A title and two sentences of a press release, in each target language.
TEXTS = {
    "en": ("Press release on the opening of the trade fair",
           "The fair opened in Hamburg on 12 May 2025.", "Some 1,200 companies take part."),
    "de": ("Pressemitteilung zur Eröffnung der Handelsmesse",
           "Die Messe wurde am 12. Mai 2025 in Hamburg eröffnet.", "Rund 1200 Unternehmen nehmen teil."),
    "es": ("Comunicado de prensa sobre la inauguración de la feria",
           "La feria se inauguró en Hamburgo el 12 de mayo de 2025.", "Participan unas 1200 empresas."),
    "fr": ("Communiqué de presse sur l’ouverture du salon",
           "Le salon a ouvert ses portes à Hambourg le 12 mai 2025.", "Quelque 1 200 entreprises y participent."),
    "ru": ("Пресс-релиз об открытии торговой ярмарки",
           "Ярмарка открылась в Гамбурге 12 мая 2025 года.", "В ней участвуют около 1200 компаний."),
}
TARGETS = ("de", "es", "fr", "ru")


def xliff12(target: str, *, source: str = "en", units: str | None = None, region: str = "-XX") -> bytes:
    src, tgt = TEXTS[source], TEXTS[target]
    units = units if units is not None else f"""
      <trans-unit id="t1">
        <source>{src[0]}</source>
        <target>{tgt[0]}</target>
      </trans-unit>
      <trans-unit id="p1">
        <source>{src[1]} {src[2]}</source>
        <seg-source><mrk mtype="seg" mid="1">{src[1]}</mrk> <mrk mtype="seg" mid="2">{src[2]}</mrk></seg-source>
        <target><mrk mtype="seg" mid="1">{tgt[1]}</mrk> <mrk mtype="seg" mid="2">{tgt[2]}</mrk></target>
      </trans-unit>"""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="{source}{region}" target-language="{target}{region}" datatype="plaintext" original="release.docx">
    <body>{units}
    </body>
  </file>
</xliff>
""".encode()


def xliff20(target: str, *, source: str = "en", units: str | None = None, langs: str | None = None) -> bytes:
    src, tgt = TEXTS[source], TEXTS[target]
    units = units if units is not None else f"""
    <unit id="u1">
      <segment id="s1"><source>{src[0]}</source><target>{tgt[0]}</target></segment>
    </unit>
    <unit id="u2">
      <segment id="s2"><source>{src[1]}</source><target>{tgt[1]}</target></segment>
      <ignorable><source> </source><target> </target></ignorable>
      <segment id="s3"><source>{src[2]}</source><target>{tgt[2]}</target></segment>
    </unit>"""
    langs = langs if langs is not None else f'srcLang="{source}" trgLang="{target}"'
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" {langs}>
  <file id="f1" original="release.docx">{units}
  </file>
</xliff>
""".encode()


def versions(data: bytes, name: str = "release.xlf"):
    return xliff_versions(data, name, LANGS)


def texts(version) -> list[str]:
    return [block.text for block in version.blocks]


# --- what a file gives ----------------------------------------------------------------------------


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("build", [xliff12, xliff20], ids=["1.2", "2.0"])
def test_source_then_target_with_the_languages_the_file_declares(build, target: str) -> None:
    source, translated = versions(build(target))
    assert (source.lang, translated.lang) == ("en", target)
    assert not source.lang_is_fallback and not translated.lang_is_fallback
    assert texts(source) == [TEXTS["en"][0], f"{TEXTS['en'][1]} {TEXTS['en'][2]}"]
    assert texts(translated) == [TEXTS[target][0], f"{TEXTS[target][1]} {TEXTS[target][2]}"]


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("build", [xliff12, xliff20], ids=["1.2", "2.0"])
def test_segments_are_the_sentences_and_one_segment_is_left_to_the_splitter(build, target: str) -> None:
    source, translated = versions(build(target))
    assert [block.sentences for block in source.blocks] == [None, TEXTS["en"][1:]]
    assert [block.sentences for block in translated.blocks] == [None, TEXTS[target][1:]]


@pytest.mark.parametrize("build, anchors, source_lines, target_lines", [
    (xliff12, ["unit t1", "unit p1"], [6, 10], [7, 12]),
    (xliff20, ["unit u1", "unit u2"], [5, 8], [5, 8]),
], ids=["1.2", "2.0"])
def test_a_unit_is_anchored_by_its_id_and_the_line_of_its_element(build, anchors, source_lines, target_lines) -> None:
    source, translated = versions(build("de"))
    assert [b.anchor for b in source.blocks] == anchors == [b.anchor for b in translated.blocks]
    assert [b.line for b in source.blocks] == source_lines
    assert [b.line for b in translated.blocks] == target_lines


def test_the_region_is_dropped_and_a_three_letter_code_is_its_two_letter_one() -> None:
    assert [v.lang for v in versions(xliff12("fr", region="-CA"))] == ["en", "fr"]
    data = xliff20("ru", langs='srcLang="eng" trgLang="rus"')
    assert [v.lang for v in versions(data)] == ["en", "ru"]


@pytest.mark.parametrize("target, units, source_text, target_text", [
    pytest.param("de", '<trans-unit id="1"><source>Signed on <g id="1">12 May</g> in Berlin.</source>'
                 '<target>Unterzeichnet am <g id="1">12. Mai</g> in Berlin.</target></trans-unit>',
                 "Signed on 12 May in Berlin.", "Unterzeichnet am 12. Mai in Berlin.", id="g-keeps-its-text"),
    pytest.param("es", '<trans-unit id="1"><source>The <bpt id="1">&lt;b&gt;</bpt>OSCE<ept id="1">&lt;/b&gt;</ept>'
                 ' met.<x id="2"/></source><target>La <bpt id="1">&lt;b&gt;</bpt>OSCE<ept id="1">&lt;/b&gt;'
                 '</ept> se reunió.<ph id="3">&lt;br/&gt;</ph></target></trans-unit>',
                 "The OSCE met.", "La OSCE se reunió.", id="native-code-is-markup-not-text"),
    pytest.param("fr", '<trans-unit id="1"><source>Talks <mrk mtype="protected">NATO</mrk> end.</source>'
                 '<target>Les pourparlers <mrk mtype="protected">NATO</mrk> prennent fin.</target></trans-unit>',
                 "Talks NATO end.", "Les pourparlers NATO prennent fin.", id="mrk-keeps-its-text"),
    pytest.param("ru", '<trans-unit id="1"><source>Moscow, <!-- checked -->5 May <![CDATA[<2025>]]></source>'
                 '<target>Москва, <!-- проверено -->5 мая <![CDATA[<2025>]]></target></trans-unit>',
                 "Moscow, 5 May <2025>", "Москва, 5 мая <2025>", id="comments-dropped-cdata-is-text"),
    pytest.param("de", '<trans-unit id="1"><source>Berlin, 4 May</source><target>Berlin, '
                 '<mrk mtype="x-sdl-deleted">3.</mrk><mrk mtype="x-sdl-added">4.</mrk> Mai</target></trans-unit>',
                 "Berlin, 4 May", "Berlin, 4. Mai", id="trados-tracked-deletion-is-left-out"),
])
def test_inline_codes_1_2(target: str, units: str, source_text: str, target_text: str) -> None:
    source, translated = versions(xliff12(target, units=units))
    assert (texts(source), texts(translated)) == ([source_text], [target_text])


def test_inline_codes_2_0() -> None:
    units = """<unit id="1"><segment><source>The <pc id="1">UN</pc> met<ph id="2"/> on <sc id="3"/>5 May<ec startRef="3"/>.
      A<cp hex="0009"/>B <mrk id="m1" translate="no">WHO</mrk></source>
      <target>В <pc id="1">ООН</pc> собрались<ph id="2"/> <sc id="3"/>5 мая<ec startRef="3"/>. A<cp hex="0009"/>B <mrk id="m1" translate="no">ВОЗ</mrk></target></segment></unit>"""
    source, translated = versions(xliff20("ru", units=units))
    assert texts(source) == ["The UN met on 5 May. A B WHO"]
    assert texts(translated) == ["В ООН собрались 5 мая. A B ВОЗ"]


@pytest.mark.parametrize("build, units", [
    (xliff12, '<trans-unit id="1"><source>Minsk, 3 June</source><target>Minsk, 3. Juni</target></trans-unit>'
              '<trans-unit id="2" translate="no"><source>[CODE-17]</source><target>[CODE-17]</target></trans-unit>'
              '<group id="g" translate="no"><trans-unit id="3"><source>Layout</source><target>Layout</target>'
              '</trans-unit></group>'),
    (xliff20, '<unit id="1"><segment><source>Minsk, 3 June</source><target>Minsk, 3. Juni</target></segment></unit>'
              '<unit id="2" translate="no"><segment><source>[CODE-17]</source><target>[CODE-17]</target></segment></unit>'
              '<group id="g" translate="no"><unit id="3"><segment><source>Layout</source><target>Layout</target>'
              '</segment></unit></group>'),
], ids=["1.2", "2.0"])
def test_units_not_to_translate_are_left_out_of_both_versions(build, units: str) -> None:
    source, translated = versions(build("de", units=units))
    assert texts(source) == ["Minsk, 3 June"]
    assert texts(translated) == ["Minsk, 3. Juni"]


@pytest.mark.parametrize("build, units", [
    (xliff12, '<trans-unit id="1"><source>Paris, 3 June</source><target>París, 3 de junio</target></trans-unit>'
              '<trans-unit id="2"><source>The talks went well.</source></trans-unit>'
              '<trans-unit id="3"><source>Both sides agreed.</source><target> </target></trans-unit>'),
    (xliff20, '<unit id="1"><segment><source>Paris, 3 June</source><target>París, 3 de junio</target></segment></unit>'
              '<unit id="2"><segment><source>The talks went well.</source></segment></unit>'
              '<unit id="3"><segment><source>Both sides agreed.</source><target/></segment></unit>'),
], ids=["1.2", "2.0"])
def test_a_unit_without_a_target_is_content_missing_from_the_target(build, units: str) -> None:
    source, translated = versions(build("es", units=units))
    assert texts(source) == ["Paris, 3 June", "The talks went well.", "Both sides agreed."]
    assert texts(translated) == ["París, 3 de junio"]
    assert [b.anchor for b in translated.blocks] == ["unit 1"]


def test_a_segment_without_a_target_is_a_sentence_missing_from_the_target() -> None:
    units = """<unit id="7">
      <segment><source>The ministers met in Vienna.</source><target>Les ministres se sont réunis à Vienne.</target></segment>
      <segment><source>They discussed the OSCE.</source></segment>
      <segment><source>A joint statement was adopted.</source><target>Une déclaration commune a été adoptée.</target></segment>
    </unit>"""
    source, translated = versions(xliff20("fr", units=units))
    assert len(source.blocks[0].sentences) == 3
    assert translated.blocks[0].sentences == ("Les ministres se sont réunis à Vienne.", "Une déclaration commune a été adoptée.")
    assert translated.blocks[0].text == "Les ministres se sont réunis à Vienne. Une déclaration commune a été adoptée."


def test_a_target_segment_that_moves_is_read_where_order_puts_it() -> None:
    units = """<unit id="1">
      <segment id="a"><source>Sentence one.</source><target order="2">Satz zwei.</target></segment>
      <segment id="b"><source>Sentence two.</source><target order="1">Satz eins.</target></segment>
    </unit>"""
    _, translated = versions(xliff20("de", units=units))
    assert translated.blocks[0].text == "Satz eins. Satz zwei."
    assert translated.blocks[0].sentences == ("Satz eins.", "Satz zwei.")


def test_several_file_elements_of_one_pair_are_one_version_each_anchored_by_file() -> None:
    data = b"""<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="ru" original="C:\\press\\title.docx"><body>
    <trans-unit id="1"><source>Press release</source><target>\xd0\x9f\xd1\x80\xd0\xb5\xd1\x81\xd1\x81-\xd1\x80\xd0\xb5\xd0\xbb\xd0\xb8\xd0\xb7</target></trans-unit>
  </body></file>
  <file source-language="en-GB" target-language="ru-RU" original="body.docx"><body>
    <trans-unit id="1"><source>Moscow, 1 July</source><target>\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0, 1 \xd0\xb8\xd1\x8e\xd0\xbb\xd1\x8f</target></trans-unit>
  </body></file>
</xliff>"""
    source, translated = versions(data)
    assert texts(source) == ["Press release", "Moscow, 1 July"]
    assert texts(translated) == ["Пресс-релиз", "Москва, 1 июля"]
    assert [b.anchor for b in translated.blocks] == ["unit 1 in title.docx", "unit 1 in body.docx"]


@pytest.mark.parametrize("name", ["release.de.xlf", "release.xliff", "release.docx.sdlxliff", "release.mqxliff"])
def test_every_xliff_suffix_is_read_as_xliff(tmp_path: Path, name: str) -> None:
    file = tmp_path / name
    file.write_bytes(xliff12("de"))
    assert is_document(file)
    documents = load_documents(file, LANGS)
    assert [(d.lang, d.format) for d in documents] == [("en", "xliff"), ("de", "xliff")]
    assert documents[1].paragraphs[0].kind == "title"
    assert [p.anchor for p in documents[1].paragraphs] == ["unit t1", "unit p1"]
    assert documents[1].paragraphs[1].sentences == TEXTS["de"][1:]


# --- several XLIFF files make one release ---------------------------------------------------------


def test_four_xliff_files_of_one_source_make_a_five_version_release(tmp_path: Path) -> None:
    for target, build in zip(TARGETS, (xliff12, xliff20, xliff12, xliff20)):
        (tmp_path / f"release.en-{target}.xlf").write_bytes(build(target))
    release = load_release(tmp_path, LANGS)
    assert release.languages == LANGS
    assert release.documents["en"].path == str(tmp_path / "release.en-de.xlf")  # kept once, from the first
    assert [p.text for p in release.documents["ru"].paragraphs][0] == TEXTS["ru"][0]


def test_xliff_files_whose_sources_differ_are_refused(tmp_path: Path) -> None:
    (tmp_path / "release.en-de.xlf").write_bytes(xliff12("de"))
    (tmp_path / "release.en-fr.xlf").write_bytes(xliff12("fr").replace(b"12 May 2025", b"13 May 2025"))
    with pytest.raises(InputError) as error:
        load_release(tmp_path, LANGS)
    assert error.value.path == str(tmp_path / "release.en-fr.xlf")
    assert error.value.problem == f"a different source text for language 'en' (first: {tmp_path / 'release.en-de.xlf'})"


def test_an_xliff_source_and_a_text_file_of_its_language_are_two_files_for_one_language(tmp_path: Path) -> None:
    (tmp_path / "release.en-de.xlf").write_bytes(xliff12("de"))
    (tmp_path / "en.txt").write_text("\n\n".join(TEXTS["en"]), encoding="utf-8")
    with pytest.raises(InputError, match="second file for language 'en'"):
        load_release(tmp_path, LANGS)


# --- the file name --------------------------------------------------------------------------------


@pytest.mark.parametrize("name, declared", [
    ("release.en-de.xlf", ("de", "en")),
    ("release_en_de.xlf", ("de",)),
    ("press_en-GB_de-DE.xlf", ("de",)),
    ("de.xlf", ("de",)),
    ("release_de.xliff", ("de",)),
    ("release.de-DE.xlf", ("de",)),
    ("press_fr_FR.xlf", ("fr",)),
    ("release.es.xliff", ("es",)),
    ("ru.sdlxliff", ("ru",)),
    ("release.xlf", ()),
    ("release.docx.sdlxliff", ()),
    ("what-it-is.xlf", ()),
    ("xx.xlf", ()),
])
def test_the_target_languages_a_name_declares(name: str, declared: tuple[str, ...]) -> None:
    assert name_target_languages(Path(name)) == declared


@pytest.mark.parametrize("name, pair", [
    ("release.en-de.xlf", {"en", "de"}), ("release_en_fr.xliff", {"en", "fr"}), ("press_en-GB_ru-RU.xlf", {"en", "ru"}),
    ("release.de-DE.xlf", None), ("es.xlf", None), ("release.xlf", None), ("release.en-ja.xlf", None),
])
def test_the_language_pair_a_name_declares(name: str, pair: set[str] | None) -> None:
    assert name_languages(Path(name), LANGS) == (None if pair is None else frozenset(pair))


def test_the_census_counts_both_languages_of_each_xliff_file(tmp_path: Path) -> None:
    for target in ("de", "es"):
        (tmp_path / f"release.en-{target}.xlf").write_bytes(xliff12(target))
    assert folder_languages(tmp_path, LANGS) == frozenset({"en", "de", "es"})
    (tmp_path / "release.xlf").write_bytes(xliff12("fr"))
    assert folder_languages(tmp_path, LANGS) is None  # told only by reading the file


@pytest.mark.parametrize("name, target, problem", [
    ("release.en-de.xlf", "fr", "target language 'fr' disagrees with the file name (de)"),
    ("de.xlf", "ru", "target language 'ru' disagrees with the file name (de)"),
    ("release_es.xliff", "fr", "target language 'fr' disagrees with the file name (es)"),
    ("release.fr-FR.xlf", "es", "target language 'es' disagrees with the file name (fr)"),
    ("ru.sdlxliff", "de", "target language 'de' disagrees with the file name (ru)"),
])
def test_a_target_that_disagrees_with_the_file_name_is_refused(name: str, target: str, problem: str) -> None:
    with pytest.raises(InputError) as error:
        versions(xliff12(target), name)
    assert error.value.problem == problem
    assert str(error.value) == f"{name}: {problem}"


@pytest.mark.parametrize("name, target", [
    ("release.en-de.xlf", "de"), ("de.xlf", "de"), ("release_es.xliff", "es"), ("release.fr-FR.xlf", "fr"),
    ("press_ru_RU.xlf", "ru"), ("release.xlf", "ru"),
])
def test_a_target_that_agrees_with_the_name_or_a_name_without_one_is_read(name: str, target: str) -> None:
    assert versions(xliff12(target), name)[1].lang == target


# --- refusals --------------------------------------------------------------------------------------

DTD_REFUSED = "XLIFF with a DTD (<!DOCTYPE>) is refused: its entity declarations are never resolved"
BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<xliff version="1.2"><file source-language="en" target-language="de"><body>
<trans-unit id="1"><source>&d;</source><target>&d;</target></trans-unit></body></file></xliff>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff version="1.2"><file source-language="en" target-language="de"><body>
<trans-unit id="1"><source>&secret;</source><target>&secret;</target></trans-unit></body></file></xliff>"""
PLAIN_DTD = b"""<?xml version="1.0"?>
<!-- exported by a CAT tool -->
<!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN" "http://www.oasis-open.org/committees/xliff/documents/xliff.dtd">
""" + xliff12("de").split(b"?>", 1)[1]


@pytest.mark.parametrize("data", [
    pytest.param(BOMB, id="entity-bomb"),
    pytest.param(EXTERNAL, id="external-entity"),
    pytest.param(PLAIN_DTD, id="public-dtd-after-a-comment"),
    pytest.param(EXTERNAL.decode().replace("<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>")
                 .encode("utf-16"), id="utf-16"),
    pytest.param(b"\xef\xbb\xbf" + BOMB, id="utf-8-bom"),
    pytest.param(b"<!--" + b" " * 70_000 + b"-->" + EXTERNAL.split(b"?>", 1)[1], id="past-the-sniffed-prolog"),
])
def test_a_dtd_or_entity_declaration_is_refused_never_resolved(data: bytes) -> None:
    with pytest.raises(InputError) as error:
        versions(data)
    assert error.value.problem == DTD_REFUSED


@pytest.mark.parametrize("data, problem", [
    (b"", "not XML (Document is empty, line 1, column 1)"),
    (b"Press release\n\nThe fair opened.", "not XML (Start tag expected, '<' not found, line 1, column 1)"),
    (b"<xliff version='1.2'><file>", "not XML (Premature end of data in tag file line 1, line 1, column 28)"),
    (b"<html><body><p>Press release</p></body></html>", "not XLIFF (the root element is <html>)"),
    (b'<xliff version="3.0"/>', "unknown XLIFF version '3.0' (langcheck reads XLIFF 1.2 and 2.x)"),
    (b"<xliff/>", "unknown XLIFF version (none given) (langcheck reads XLIFF 1.2 and 2.x)"),
    (b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="1.2"/>',
     "unknown XLIFF version '1.2' (langcheck reads XLIFF 1.2 and 2.x)"),
    (b'<xliff version="1.2"/>', "XLIFF with no <file> element"),
    (xliff12("de").replace(b' target-language="de-XX"', b""), "target language missing (<file target-language>)"),
    (xliff12("de").replace(b'source-language="en-XX"', b'source-language=""'),
     "source language missing (<file source-language>)"),
    (xliff20("de", langs='srcLang="en"'), "target language missing (<xliff trgLang>)"),
    (xliff20("de", langs='srcLang="en" trgLang="ja"'),
     "target language 'ja' is not configured (languages: de, en, es, fr, ru)"),
    (xliff12("de").replace(b'source-language="en-XX"', b'source-language="zh-Hans"'),
     "source language 'zh' is not configured (languages: de, en, es, fr, ru)"),
    (xliff20("de", langs='srcLang="de" trgLang="de-AT"'), "source and target language are both 'de'"),
    (xliff12("de").replace(b"</file>", b'</file><file source-language="en" target-language="fr"><body/></file>'),
     "<file> elements with different language pairs (en-de, en-fr); one XLIFF holds one pair"),
    (xliff12("de", units='<trans-unit id="1"><source>Berlin, 2 May</source></trans-unit>'),
     "no unit has a target (nothing translated yet)"),
], ids=["empty", "text", "truncated", "html", "version-3", "no-version", "1.2-in-2.0-namespace", "no-file",
        "no-target-language", "empty-source-language", "2.0-no-trgLang", "target-not-configured",
        "source-not-configured", "same-languages", "two-pairs", "nothing-translated"])
def test_bad_xliff_is_refused_in_one_line(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as error:
        versions(data)
    assert error.value.problem == problem
    assert "\n" not in str(error.value)


def test_nesting_past_what_the_parser_reads_is_refused() -> None:
    with pytest.raises(InputError) as error:
        versions(b"<xliff version='1.2'>" + b"<g>" * 300 + b"</g>" * 300 + b"</xliff>")
    assert error.value.problem.startswith("not XML (Excessive depth in document: 256")


def test_the_cli_refuses_an_xliff_with_a_dtd_in_one_line(tmp_path: Path, langcheck_cli) -> None:
    (tmp_path / "release.en-de.xlf").write_bytes(EXTERNAL)
    status, out, err = langcheck_cli("check", tmp_path)
    assert status == 2
    assert err.strip().splitlines() == [f"langcheck: error: {tmp_path / 'release.en-de.xlf'}: {DTD_REFUSED}"]


SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "xliff-release"


def test_the_sample_release_reads_as_five_versions_of_seven_units() -> None:
    release = load_release(SAMPLE, LANGS)
    assert release.languages == LANGS
    for lang, document in release.documents.items():
        assert [p.anchor for p in document.paragraphs] == [f"unit {n}" for n in range(1, 8)], lang
        assert [len(p.sentences) for p in document.paragraphs] == [1] + [2] * 6, lang
        assert not any("IMG-0412" in p.text for p in document.paragraphs)  # translate="no"
    assert release.documents["de"].paragraphs[1].sentences[1] == (
        "Die russische Delegation wurde vom stellvertretenden Außenminister Michail Galusin geleitet.")


@pytest.mark.parametrize("build, units", [
    (xliff12, '<trans-unit id="1"><source>Kyiv, 9 May</source><target>Киев, 9 мая</target>'
              '<note from="reviewer">langcheck-ignore LC301 (agreed spelling)</note></trans-unit>'
              '<trans-unit id="2"><source>Minsk, 9 May</source><target>Минск, 9 мая</target>'
              '<note>checked</note></trans-unit>'),
    (xliff20, '<unit id="1"><notes><note category="qa">langcheck-ignore LC301 (agreed spelling)</note></notes>'
              '<segment><source>Kyiv, 9 May</source><target>Киев, 9 мая</target></segment></unit>'
              '<unit id="2"><notes><note>checked</note></notes>'
              '<segment><source>Minsk, 9 May</source><target>Минск, 9 мая</target></segment></unit>'),
], ids=["1.2", "2.0"])
def test_a_note_suppresses_rules_for_its_unit_in_both_versions(build, units: str) -> None:
    source, translated = versions(build("ru", units=units))
    assert [b.ignored_rules for b in source.blocks] == [frozenset({"LC301"}), frozenset()]
    assert [b.ignored_rules for b in translated.blocks] == [frozenset({"LC301"}), frozenset()]


# What Trados and memoQ add to XLIFF 1.2: their own namespaces (attributes, header data, segment
# definitions), segments marked inside formatting groups, codes as bpt/ept pairs. Hand-written
# in the shape the tools export.
SDLXLIFF = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" version="1.2" sdl:version="1.0"
       xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="C:\\\\Projects\\\\release.docx" datatype="x-sdlfilterframework2" source-language="en-US" target-language="de-DE">
<header><reference><internal-file form="base64">UEsDBBQABgAIAAAAIQ==</internal-file></reference>
<sdl:filetype-info><sdl:filetype-id>Word 2007 v 2.0.0.0</sdl:filetype-id></sdl:filetype-info></header>
<body>
<trans-unit translate="no" id="0a1f"><source><x id="0"/></source></trans-unit>
<trans-unit id="6b2e-41c9">
<source><g id="5">Vienna, 4 June 2025.</g> The OSCE met.</source>
<seg-source><g id="5"><mrk mtype="seg" mid="1">Vienna, 4 June 2025.</mrk></g> <mrk mtype="seg" mid="2">The OSCE met.</mrk></seg-source>
<target><g id="5"><mrk mtype="seg" mid="1">Wien, 4. Juni 2025.</mrk></g> <mrk mtype="seg" mid="2">Die OSZE tagte.</mrk></target>
<sdl:seg-defs><sdl:seg id="1" conf="Translated"/><sdl:seg id="2" conf="Translated"/></sdl:seg-defs>
</trans-unit>
</body>
</file>
</xliff>
"""
MQXLIFF = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff" version="1.2">
<file original="release.docx" source-language="eng" target-language="spa" datatype="x-docx">
<header><tool tool-id="MQ" tool-name="MemoQ"/></header>
<body>
<trans-unit id="1" mq:status="ManuallyConfirmed" mq:segmentguid="5d0c">
<source xml:space="preserve">Vienna, <bpt id="1" ctype="bold">{}</bpt>4 June<ept id="1">{}</ept> 2025.</source>
<target xml:space="preserve">Viena, <bpt id="1" ctype="bold">{}</bpt>4 de junio<ept id="1">{}</ept> de 2025.</target>
</trans-unit>
</body>
</file>
</xliff>
"""


def test_trados_sdlxliff_reads_as_xliff_1_2() -> None:
    source, translated = versions(SDLXLIFF.encode(), "release.docx.sdlxliff")
    assert (source.lang, translated.lang) == ("en", "de")
    assert texts(source) == ["Vienna, 4 June 2025. The OSCE met."]
    assert translated.blocks[0].sentences == ("Wien, 4. Juni 2025.", "Die OSZE tagte.")
    assert translated.blocks[0].anchor == "unit 6b2e-41c9"


def test_memoq_mqxliff_reads_as_xliff_1_2() -> None:
    source, translated = versions(MQXLIFF.encode(), "release.mqxliff")
    assert (source.lang, translated.lang) == ("en", "es")  # three-letter codes as their two-letter ones
    assert (texts(source), texts(translated)) == (["Vienna, 4 June 2025."], ["Viena, 4 de junio de 2025."])


@pytest.mark.parametrize("code, lang", [("ger", "de"), ("deu", "de"), ("fre", "fr"), ("rus", "ru"), ("spa", "es"),
                                        ("en-GB", "en"), ("de_AT", "de"), ("RU", "ru")])
def test_language_codes_as_tools_write_them(code: str, lang: str) -> None:
    data = xliff20("de", langs=f'srcLang="{code}" trgLang="{"fr" if lang != "fr" else "de"}"')
    assert versions(data)[0].lang == lang
