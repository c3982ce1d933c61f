"""Word (.docx) input: what is read, in which order, where it is, which language, and what is refused.

The documents are built here as minimal packages (content types, relationships, the body's XML),
so each case shows the WordprocessingML it is about; the samples under samples/docx-* are real
python-docx files and are checked end to end in tests/e2e.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from langcheck.load import load_documents
from langcheck.load.docx import DOCM, NO_DOCUMENT, docx_versions
from langcheck.load.errors import InputError
from langcheck.load.ooxml import NOT_A_ZIP

LANGS = ("de", "en", "es", "fr", "ru")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

STYLES = f"""<w:styles xmlns:w="{W}">
  <w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="{{lang}}"/></w:rPr></w:rPrDefault></w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style>
  <w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>
  <w:style w:type="paragraph" w:styleId="Kapitel"><w:name w:val="Kapitel"/><w:basedOn w:val="Heading1"/></w:style>
  <w:style w:type="paragraph" w:styleId="Gliederung"><w:name w:val="Gliederung"/>
    <w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="HeadingText"><w:name w:val="Heading Text"/></w:style>
  <w:style w:type="paragraph" w:styleId="Textkoerper"><w:name w:val="Body Text"/>
    <w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Zitat"><w:name w:val="Quote"/><w:rPr><w:lang w:val="fr-FR"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="A" w:default="0"><w:name w:val="A"/><w:basedOn w:val="B"/></w:style>
  <w:style w:type="paragraph" w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="A"/></w:style>
</w:styles>"""


def p(text: str, style: str | None = None, ppr: str = "", rpr: str = "") -> str:
    """A paragraph of one run; `style` a paragraph style id, `ppr`/`rpr` more properties."""
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr
    run_props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return (f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}"
            f'<w:r>{run_props}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>')


def table(*rows: list[str]) -> str:
    """A table whose cells each hold the given paragraphs' XML."""
    return "<w:tbl>" + "".join(
        "<w:tr>" + "".join(f"<w:tc>{cell}</w:tc>" for cell in row) + "</w:tr>" for row in rows) + "</w:tbl>"


def word(body: str, *, lang: str = "en-US", styles: str | None = STYLES, parts: dict[str, str] | None = None,
         main_type: str = MAIN, rels: str | None = None) -> bytes:
    """The bytes of a .docx whose body is `body`; `parts` adds parts (name -> XML) with a relationship."""
    parts = dict(parts or {})
    overrides = {"/word/document.xml": main_type}
    document_rels = []
    if styles is not None:
        parts["word/styles.xml"] = styles.replace("{lang}", lang)
    for number, name in enumerate(parts, start=1):
        kind = Path(name).stem.rstrip("0123456789")
        overrides[f"/{name}"] = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"
        document_rels.append(f'<Relationship Id="rId{number}" Type="{REL}/{kind}" Target="{Path(name).name}"/>')
    content_types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     + "".join(f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in overrides.items())
                     + "</Types>")
    package_rels = rels if rels is not None else (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", package_rels)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/_rels/document.xml.rels",
                         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         + "".join(document_rels) + "</Relationships>")
        for name, xml in parts.items():
            archive.writestr(name, xml)
    return buffer.getvalue()


def blocks(data: bytes, path: str = "de.docx"):
    [version] = docx_versions(data, path, LANGS)
    return version.blocks


def texts(data: bytes) -> list[str]:
    return [block.text for block in blocks(data)]


# --- what is read, in which order ----------------------------------------------------------------

def test_body_and_table_paragraphs_in_document_order() -> None:
    body = (p("Pressemitteilung") + p("Vor der Tabelle.")
            + table([p("Jahr") + p("zweiter Absatz der Zelle"), p("Umsatz")],
                    [p("2024"), table([p("verschachtelt")])])
            + p("Nach der Tabelle."))
    assert texts(word(body)) == ["Pressemitteilung", "Vor der Tabelle.", "Jahr", "zweiter Absatz der Zelle",
                                 "Umsatz", "2024", "verschachtelt", "Nach der Tabelle."]


def test_empty_paragraphs_are_dropped_but_counted_in_the_ordinal() -> None:
    body = p("Erster.") + "<w:p/>" + p("   ") + p("Zweiter.")
    assert [(b.text, b.line) for b in blocks(word(body))] == [("Erster.", 1), ("Zweiter.", 4)]


def test_runs_are_joined_and_spaces_squeezed() -> None:
    body = ('<w:p><w:r><w:t>16,2</w:t></w:r><w:r><w:t xml:space="preserve"> Milliarden</w:t><w:tab/>'
            '<w:t>US-Dollar</w:t><w:br/><w:t>2020</w:t><w:noBreakHyphen/><w:t>2021</w:t></w:r></w:p>')
    assert texts(word(body)) == ["16,2 Milliarden US-Dollar 2020-2021"]


def test_content_controls_hyperlinks_and_field_results_are_read() -> None:
    body = (f'<w:sdt><w:sdtPr><w:alias w:val="Titel"/></w:sdtPr><w:sdtContent>{p("Communiqué de presse")}'
            f'</w:sdtContent></w:sdt>'
            f'<w:p><w:hyperlink r:id="rId9"><w:r><w:t>mid.ru</w:t></w:r></w:hyperlink>'
            f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE \\@ "d MMMM yyyy" </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> 12 mars 2024</w:t></w:r>'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            f'<w:fldSimple w:instr=" PAGE "><w:r><w:t xml:space="preserve"> (1)</w:t></w:r></w:fldSimple></w:p>')
    assert texts(word(body)) == ["Communiqué de presse", "mid.ru 12 mars 2024 (1)"]


def test_hidden_text_and_text_boxes_are_not_read() -> None:
    body = (f'<w:p><w:r><w:t xml:space="preserve">Visible </w:t></w:r>'
            f'<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden note</w:t></w:r>'
            f'<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>shown</w:t></w:r>'
            f'<w:r><w:pict><w:txbxContent>{p("text box")}</w:txbxContent></w:pict></w:r></w:p>')
    assert texts(word(body)) == ["Visible shown"]


def test_headers_footers_footnotes_and_comments_are_left_out() -> None:
    parts = {
        "word/header1.xml": f'<w:hdr xmlns:w="{W}">{p("Ministerium für Auswärtiges - Kopfzeile")}</w:hdr>',
        "word/footer1.xml": f'<w:ftr xmlns:w="{W}">{p("Seite 1 von 2")}</w:ftr>',
        "word/footnotes.xml": f'<w:footnotes xmlns:w="{W}"><w:footnote w:id="1">{p("Fußnotentext")}</w:footnote></w:footnotes>',
        "word/comments.xml": f'<w:comments xmlns:w="{W}"><w:comment w:id="0">{p("Bitte prüfen")}</w:comment></w:comments>',
    }
    body = ('<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Der Minister sprach.</w:t></w:r>'
            '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
            '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
            '<w:sectPr><w:headerReference w:type="default" r:id="rId1"/></w:sectPr>')
    assert texts(word(body, parts=parts)) == ["Der Minister sprach."]


def _comments(**texts: str) -> dict[str, str]:
    body = "".join(f'<w:comment w:id="{i.lstrip("c")}" w:author="Lektorat">{p(text)}</w:comment>'
                   for i, text in texts.items())
    return {"word/comments.xml": f'<w:comments xmlns:w="{W}">{body}</w:comments>'}


def test_a_word_comment_saying_langcheck_ignore_suppresses_rules_for_what_it_covers() -> None:
    comments = _comments(c1="langcheck-ignore LC201 LC301", c2="Bitte Zahl prüfen", c3="langcheck-ignore")
    body = (p("Ohne Kommentar.")
            + '<w:p><w:commentRangeStart w:id="1"/><w:r><w:t>Im Jahr 2024 kamen 1.200 Gäste.</w:t></w:r></w:p>'
            + '<w:p><w:r><w:t>Der Bereich läuft weiter.</w:t></w:r><w:commentRangeEnd w:id="1"/>'
              '<w:r><w:commentReference w:id="1"/></w:r></w:p>'
            + '<w:p><w:commentRangeStart w:id="2"/><w:r><w:t>Nur eine Notiz.</w:t></w:r>'
              '<w:commentRangeEnd w:id="2"/></w:p>'
            + '<w:p><w:r><w:t>Verweis ohne Bereich.</w:t></w:r><w:r><w:commentReference w:id="3"/></w:r></w:p>'
            + p("Danach."))
    assert [(b.text, b.ignored_rules) for b in blocks(word(body, parts=comments))] == [
        ("Ohne Kommentar.", frozenset()), ("Im Jahr 2024 kamen 1.200 Gäste.", {"LC201", "LC301"}),
        ("Der Bereich läuft weiter.", {"LC201", "LC301"}), ("Nur eine Notiz.", frozenset()),
        ("Verweis ohne Bereich.", {"*"}), ("Danach.", frozenset())]


# --- headings --------------------------------------------------------------------------------------

@pytest.mark.parametrize("paragraph, kind", [
    (p("Überschrift", "Heading1"), "heading"),
    (p("Überschrift", "berschrift2"), "heading"),  # German Word's localised style id, built-in name
    (p("Titel", "Titel"), "heading"),
    (p("Kapitel", "Kapitel"), "heading"),  # based on a heading style
    (p("Gliederung", "Gliederung"), "heading"),  # a style with an outline level
    (p("Direkt", ppr='<w:outlineLvl w:val="1"/>'), "heading"),  # outline level on the paragraph
    (p("Heading Text", "HeadingText"), "body"),  # a name that only begins like a heading style's
    (p("Fließtext", "Textkoerper"), "body"),  # outline level 9 is body text
    (p("Normal"), "body"),
    (p("Unbekannt", "NoSuchStyle"), "body"),
    (p("Zirkel", "A"), "body"),  # styles based on each other in a loop
])
def test_headings_come_from_word_styles_and_outline_levels(paragraph: str, kind: str) -> None:
    [block] = blocks(word(paragraph))
    assert block.kind == kind


def test_without_a_styles_part_nothing_is_a_heading_but_the_outline_level() -> None:
    body = p("Titre", "Heading1") + p("Niveau", ppr='<w:outlineLvl w:val="0"/>')
    assert [b.kind for b in blocks(word(body, styles=None))] == ["body", "heading"]


# --- tracked changes: read as accepted -------------------------------------------------------------

@pytest.mark.parametrize("body, text", [
    (('<w:p><w:r><w:t xml:space="preserve">Участвовали </w:t></w:r>'
     '<w:del w:id="1" w:author="A"><w:r><w:delText>1 200</w:delText></w:r></w:del>'
     '<w:ins w:id="2" w:author="A"><w:r><w:t>1 300</w:t></w:r></w:ins>'
     '<w:r><w:t xml:space="preserve"> компаний.</w:t></w:r></w:p>'), "Участвовали 1 300 компаний."),
    (('<w:p><w:moveFrom w:id="3" w:author="A"><w:r><w:t xml:space="preserve">Madrid y </w:t></w:r></w:moveFrom>'
     '<w:r><w:t xml:space="preserve">Moscú</w:t></w:r>'
     '<w:moveTo w:id="4" w:author="A"><w:r><w:t xml:space="preserve"> y Madrid</w:t></w:r></w:moveTo></w:p>'),
     "Moscú y Madrid"),
    (('<w:p><w:ins w:id="5" w:author="A"><w:hyperlink><w:r><w:t>OSCE</w:t></w:r></w:hyperlink></w:ins>'
     '<w:del w:id="6" w:author="A"><w:hyperlink><w:r><w:delText>NATO</w:delText></w:r></w:hyperlink></w:del></w:p>'),
     "OSCE"),
])
def test_tracked_changes_read_as_accepted(body: str, text: str) -> None:
    assert texts(word(body)) == [text]


def test_a_deleted_paragraph_mark_joins_the_paragraph_to_the_next() -> None:
    deleted_mark = '<w:rPr><w:del w:id="7" w:author="A"/></w:rPr>'
    body = (p("Premier paragraphe.")
            + f'<w:p><w:pPr>{deleted_mark}</w:pPr><w:r><w:t xml:space="preserve">Le ministre </w:t></w:r></w:p>'
            + p("a rencontré son homologue.", "Heading1")
            + f'<w:p><w:pPr>{deleted_mark}</w:pPr><w:del w:id="8" w:author="A"><w:r><w:delText>Supprimé.</w:delText>'
              f'</w:r></w:del></w:p>'
            + p("Dernier."))
    assert [(b.text, b.line, b.kind) for b in blocks(word(body))] == [
        ("Premier paragraphe.", 1, "body"), ("Le ministre a rencontré son homologue.", 2, "heading"),
        ("Dernier.", 4, "body")]


def test_a_deleted_table_row_or_cell_is_gone_and_an_inserted_one_kept() -> None:
    body = ("<w:tbl><w:tr><w:tc>" + p("Year") + '</w:tc><w:tc><w:tcPr><w:cellDel w:id="11" w:author="A"/></w:tcPr>'
            + p("Quarter") + "</w:tc></w:tr>"
            '<w:tr><w:trPr><w:del w:id="9" w:author="A"/></w:trPr><w:tc>' + p("2019") + "</w:tc></w:tr>"
            '<w:tr><w:trPr><w:ins w:id="10" w:author="A"/></w:trPr><w:tc>' + p("2024") + "</w:tc></w:tr></w:tbl>")
    assert [(b.text, b.line) for b in blocks(word(body))] == [("Year", 1), ("2024", 4)]


# --- where each paragraph is -----------------------------------------------------------------------

def test_without_stored_page_breaks_the_anchor_is_the_paragraph_ordinal() -> None:
    body = p("One.") + "<w:p/>" + table([p("Two."), p("Three.")])
    assert [(b.line, b.anchor) for b in blocks(word(body))] == [(1, "paragraph 1"), (3, "paragraph 3"),
                                                               (4, "paragraph 4")]


def test_explicit_page_breaks_give_the_page() -> None:
    body = (p("Seite eins.") + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' + p("Seite zwei.")
            + p("Neue Seite.", ppr="<w:pageBreakBefore/>") + p("Auch.", ppr='<w:pageBreakBefore w:val="0"/>')
            + '<w:p><w:pPr><w:sectPr><w:type w:val="continuous"/></w:sectPr></w:pPr><w:r><w:t>Fortlaufend.</w:t></w:r></w:p>'
            + '<w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>Abschnittsende.</w:t></w:r></w:p>'
            + '<w:p><w:r><w:t xml:space="preserve">Beginnt auf Seite vier </w:t><w:br w:type="page"/>'
              '<w:t>und endet auf fünf.</w:t></w:r></w:p>'
            + p("Seite fünf."))
    assert [b.anchor for b in blocks(word(body))] == [
        "page 1", "page 2", "page 3", "page 3", "page 3", "page 3", "page 4", "page 5"]


def test_rendered_page_breaks_win_over_explicit_ones() -> None:
    # Word writes a rendered break where each page began when it last laid the document out,
    # also after an explicit break: counting both would count that page twice.
    body = (p("Page one.") + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
            + '<w:p><w:r><w:lastRenderedPageBreak/><w:t>Page two.</w:t></w:r></w:p>'
            + '<w:p><w:r><w:t xml:space="preserve">Runs over </w:t></w:r><w:r><w:lastRenderedPageBreak/>'
              '<w:t>to page three.</w:t></w:r></w:p>'
            + p("On page three."))
    assert [b.anchor for b in blocks(word(body))] == ["page 1", "page 2", "page 2", "page 3"]


# --- language: Word's tag as a fallback ------------------------------------------------------------

@pytest.mark.parametrize("tag, lang, text", [
    ("de-DE", "de", "Der Außenminister empfing seinen Amtskollegen."),
    ("en-GB", "en", "The Foreign Minister received his counterpart."),
    ("es-ES", "es", "El ministro de Asuntos Exteriores recibió a su homólogo."),
    ("fr-FR", "fr", "Le ministre des Affaires étrangères a reçu son homologue."),
    ("ru-RU", "ru", "Министр иностранных дел принял своего коллегу."),
    ("deu-DE", "de", "Die Ministerin eröffnete die Konferenz."),  # ISO 639-2/3, as file names take it
])
def test_the_document_default_language_is_a_fallback(tag: str, lang: str, text: str) -> None:
    [version] = docx_versions(word(p(text), lang=tag), "release.docx", LANGS)
    assert (version.lang, version.lang_is_fallback) == (lang, True)


def test_the_language_most_text_is_tagged_with_wins_over_the_default() -> None:
    body = (p("Der Minister sagte:", rpr='<w:lang w:val="de-DE"/>')
            + p("« Nous sommes prêts à coopérer avec tous nos partenaires. »", "Zitat")
            + p("Kurz.", rpr='<w:lang w:val="de-AT"/>'))
    [version] = docx_versions(word(body, lang="en-US"), "release.docx", LANGS)
    assert version.lang == "fr"  # the quote's style is tagged French and holds most of the letters


def test_untagged_text_gives_no_language() -> None:
    [version] = docx_versions(word(p("Текст без языковой метки."), styles=None), "release.docx", LANGS)
    assert version.lang is None


def _save(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


def test_the_file_name_wins_over_words_language_tag(tmp_path: Path) -> None:
    file = _save(tmp_path, "release.es.docx", word(p("El ministro recibió a su homólogo en Madrid."), lang="en-US"))
    [document] = load_documents(file, LANGS)
    assert (document.lang, document.format) == ("es", "docx")


def test_without_a_code_in_the_name_words_tag_decides(tmp_path: Path) -> None:
    # The text is too short to identify; the tag says French.
    file = _save(tmp_path, "communique.docx", word(p("Paris, 2024."), lang="fr-FR"))
    [document] = load_documents(file, LANGS)
    assert document.lang == "fr"
    assert [(p.line, p.anchor, p.kind) for p in document.paragraphs] == [(1, "paragraph 1", "title")]


# --- refusals: one line naming the file --------------------------------------------------------------

def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _with_member(data: bytes, name: str, content: bytes) -> bytes:
    """`data` (a .docx) with the member `name` replaced by `content`."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members[name] = content
    return _zip(members)


def _declared_size(data: bytes, name: str, size: int, packed: int | None = None) -> bytes:
    """`data` with the central directory's uncompressed size of `name` set to `size` (a lie), and
    its compressed size to `packed` where given."""
    import struct

    position = data.rindex(b"PK\x01\x02", 0, data.rindex(name.encode()))
    if packed is not None:
        data = data[:position + 20] + struct.pack("<I", packed) + data[position + 24:]
    return data[:position + 24] + struct.pack("<I", size) + data[position + 28:]


def _five_big_parts() -> bytes:
    data = _zip({f"word/media/image{i}.png": b"\x89PNG" for i in range(5)})
    for i in range(5):
        data = _declared_size(data, f"word/media/image{i}.png", 30 * 1024 * 1024, 30 * 1024 * 1024)
    return data


_DOCUMENT = word(p("Text."))
_DTD = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        f'<w:document xmlns:w="{W}"><w:body>{p("&b;")}</w:body></w:document>')
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504

REFUSED = [
    pytest.param("de.docx", b"", "empty file", id="empty"),
    pytest.param("de.docx", b"Dies ist kein Word-Dokument.\n", NOT_A_ZIP, id="not-a-zip"),
    pytest.param("de.docx", _DOCUMENT[: len(_DOCUMENT) // 2], NOT_A_ZIP, id="truncated-zip"),
    pytest.param("de.docm", _DOCUMENT, DOCM, id="docm"),
    pytest.param("de.docx", word(p("Macro."), main_type=MAIN.replace("document.main", "document.macroEnabled.main")),
                 DOCM, id="macro-content-type"),
    pytest.param("de.docx", _zip({"[Content_Types].xml": b"<Types/>", "notes.txt": b"Hallo"}), NO_DOCUMENT,
                 id="zip-without-document"),
    pytest.param("de.docx", _zip({"readme.txt": b"Hallo"}), NO_DOCUMENT, id="plain-zip"),
    pytest.param("de.docx", word(p("Text."), rels='<Relationships xmlns="http://schemas.openxmlformats.org/'
                                                   'package/2006/relationships"/>'),
                 "not a Word document: _rels/.rels names no main document part",
                 id="no-main-relationship"),
    pytest.param("de.docx", word(p("Tabelle"), main_type="application/vnd.openxmlformats-officedocument."
                                                         "spreadsheetml.sheet.main+xml"),
                 "not a Word document: its main part is application/vnd.openxmlformats-officedocument."
                 "spreadsheetml.sheet.main+xml", id="spreadsheet"),
    pytest.param("de.docx", _with_member(_DOCUMENT, "word/document.xml", _DTD.encode()),
                 "not read: word/document.xml has a DTD or entity declarations (XML with entities is never expanded)",
                 id="dtd-entities"),
    pytest.param("de.docx", _with_member(_DOCUMENT, "word/styles.xml", _DTD.replace("w:document", "w:styles")
                                         .encode("utf-16")),
                 "not read: word/styles.xml has a DTD or entity declarations (XML with entities is never expanded)",
                 id="dtd-in-utf16-styles"),
    # lxml parses UTF-32 too: without a BOM, and with one (whose first two bytes look like UTF-16's).
    pytest.param("de.docx", _with_member(_DOCUMENT, "word/document.xml", _DTD.encode("utf-32-le")),
                 "not read: word/document.xml has a DTD or entity declarations (XML with entities is never expanded)",
                 id="dtd-in-utf32"),
    pytest.param("de.docx", _with_member(_DOCUMENT, "word/document.xml", _DTD.encode("utf-32")),
                 "not read: word/document.xml has a DTD or entity declarations (XML with entities is never expanded)",
                 id="dtd-in-utf32-with-bom"),
    pytest.param("de.docx", _with_member(_DOCUMENT, "word/document.xml",
                                         b'<?xml version="1.0" encoding="UTF-7"?><w:document/>'),
                 "not read: word/document.xml is XML in UTF-7 (Word writes UTF-8 or UTF-16)", id="utf7"),
    pytest.param("de.docx", _with_member(_DOCUMENT, "word/document.xml", b"<w:document><w:body>"),
                 "cannot parse the Word document's XML", id="broken-xml"),
    pytest.param("de.docx", word("<w:sdt><w:sdtContent>" * 300 + p("tief") + "</w:sdtContent></w:sdt>" * 300),
                 "cannot parse the Word document's XML (Excessive depth in document: 256, line 1", id="nested-too-deep"),
    pytest.param("de.docx", _with_member(_DOCUMENT, "word/document.xml", f'<w:document xmlns:w="{W}"/>'.encode()),
                 "not a Word document: word/document.xml has no body", id="no-body"),
    pytest.param("de.docx", _zip({"word/document.xml": b"\x00" * (2 * 1024 * 1024)}),
                 "not read: word/document.xml inflates 1,", id="zip-bomb-ratio"),
    pytest.param("de.docx", _declared_size(_DOCUMENT, "word/document.xml", 40 * 1024 * 1024),
                 "not read: word/document.xml inflates to 40 MB (the limit is 32 MB per part)", id="declared-too-big"),
    pytest.param("de.docx", _zip({"word/\nevil.xml": b"<x/>"}, zipfile.ZIP_BZIP2),
                 "not a Word document: word/\\x0aevil.xml is packed with compression method 12", id="bzip2-odd-name"),
    pytest.param("de.docx", _five_big_parts(),
                 "not read: the zip archive inflates to 150 MB (the limit is 128 MB)", id="too-much-in-all"),
    pytest.param("de.docx", _declared_size(_DOCUMENT, "word/document.xml", 20),
                 "not a Word document: word/document.xml cannot be read", id="size-that-lies"),
    pytest.param("de.docx", _OLE[:64] + "EncryptedPackage".encode("utf-16-le") + _OLE[64:],
                 "encrypted Word document (password-protected) is not read; remove the password and save it as .docx",
                 id="encrypted"),
    pytest.param("de.docx", _OLE, "not a Word document: a Word 97-2003 (.doc) or other OLE file; save it as .docx",
                 id="word-97"),
]


@pytest.mark.parametrize("name, data, problem", REFUSED)
def test_refused_with_one_line(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    file = _save(tmp_path, name, data)
    with pytest.raises(InputError) as caught:
        load_documents(file, LANGS)
    assert caught.value.path == str(file)
    assert caught.value.problem.startswith(problem), caught.value.problem
    assert "\n" not in str(caught.value)


def test_an_encrypted_zip_entry_is_refused(tmp_path: Path) -> None:
    data = bytearray(_DOCUMENT)
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1  # the central directory's "encrypted" flag of the first entry
    with pytest.raises(InputError) as caught:
        docx_versions(bytes(data), "de.docx", LANGS)
    assert caught.value.problem == "encrypted zip entry [Content_Types].xml is not read"


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the CLI runs below (a cold one costs a second per run to prepare)."""
    return tmp_path_factory.mktemp("cache")


@pytest.mark.parametrize("name, data, problem", REFUSED)
def test_refused_through_langcheck_check(langcheck_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         cache_dir: Path, name: str, data: bytes, problem: str) -> None:
    monkeypatch.setenv("LANGCHECK_CACHE_DIR", str(cache_dir))
    release = tmp_path / "release"
    _save(release, "en.docx", word(p("The Minister met his counterpart."), lang="en-GB"))
    file = _save(release, name, data)
    code, out, err = langcheck_cli("check", release)
    assert code == 2 and out == ""
    assert err.startswith(f"langcheck: error: {file}: {problem}") and err.count("\n") == 1, err
    assert "Traceback" not in err


def test_a_zip_of_too_many_entries_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("langcheck.load.ooxml.MAX_MEMBERS", 5)
    with pytest.raises(InputError) as caught:
        docx_versions(word(p("Text."), parts={f"word/header{i}.xml": "<w:hdr/>" for i in range(3)}), "de.docx", LANGS)
    assert caught.value.problem == "not read: the zip archive has 8 entries (the limit is 5)"


def test_word_lock_files_are_not_versions(tmp_path: Path) -> None:
    from langcheck.load.files import is_document

    lock = _save(tmp_path, "~$de.docx", b"\x06Editor" + b"\x00" * 155)  # what Word leaves while a file is open
    assert not is_document(lock)
    assert is_document(tmp_path / "de.docx") and is_document(tmp_path / "de.docm")


SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "docx-release"


def test_the_sample_release_is_read_as_word_shows_it_with_changes_accepted() -> None:
    # The committed python-docx files: the French one holds a tracked change, each a header,
    # a footer, a heading, a table and a page break (samples/docx-release/make.py).
    with zipfile.ZipFile(SAMPLE / "fr.docx") as archive:
        xml = archive.read("word/document.xml").decode()
    assert "<w:delText>septembre</w:delText>" in xml and "<w:ins " in xml
    [document] = load_documents(SAMPLE / "fr.docx", LANGS)
    text = [p.text for p in document.paragraphs]
    assert "Le prochain cycle de consultations aura lieu à Berlin en octobre 2024." in text
    assert not any("septembre" in t or "Service de presse" in t or "Communiqué de presse no" in t for t in text)
    assert [p.kind for p in document.paragraphs][:3] == ["title", "body", "heading"]
    assert text[4:8] == ["Programme", "Contribution", "Hébergement d’urgence", "15 millions d’euros"]
    assert (document.paragraphs[0].anchor, document.paragraphs[-1].anchor) == ("page 1", "page 2")
