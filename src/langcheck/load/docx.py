"""Word documents (.docx): the body's paragraphs, as they read with all tracked changes accepted.

What is read: the paragraphs of the document body and of its tables (a table cell's paragraphs
are paragraphs, row by row, cell by cell), in document order, and those inside content
controls. Headers, footers, footnotes, endnotes, comments and text boxes are page chrome, like
an HTML page's site chrome: they are left out. Empty paragraphs are dropped. A paragraph in a
Word heading style ("heading 1"-"heading 9", "Title", "Subtitle", whatever the style's
localised id, or a style based on one) or with an outline level is a heading.

Tracked changes are read as accepted: inserted and moved-to text is kept, deleted and
moved-from text dropped, a deleted paragraph mark joins its paragraph to the next one, a
deleted table row or cell is gone. Hidden text (`w:vanish`) and field codes are not text; a
field's result is.

Location: Word has no lines, so `Block.line` is the paragraph's 1-based ordinal among the
body's paragraphs as Word stores them (empty ones and table cells' included). `Block.anchor` is
"page N" where the document stores its page breaks (the breaks Word wrote when it last laid out
the pages, else the explicit page and section breaks), else "paragraph N" (N = line).

Language: `Version.lang` is the language Word tagged most of the body's text with (its runs'
`w:lang`, else their styles', else the document defaults), as a fallback: the file name wins.

Suppressions: a Word comment whose text says `langcheck-ignore LC201` (no code: every rule)
puts the codes on `Block.ignored_rules` of each paragraph its range touches (or that holds its
reference mark), as `<!-- langcheck-ignore -->` does in Markdown and HTML.

Limits: text boxes, shapes and equations are not read, nor content Word imports when it opens
the file (`w:altChunk`); list numbers Word generates (`1.`, `a)`) are not text. A rendered page
number is as fresh as the last time Word laid the document out.

The zip is checked before anything is inflated (`langcheck.load.ooxml`: declared sizes,
compression ratio, encrypted entries, XML with a DTD or entity declarations), and a .docm is
refused. python-docx then opens the package (relationships, content types, parts); its element
tree is walked here, since its `Paragraph.text` drops inserted text and it does not read
content controls.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from langcheck.load.blocks import Block, Version, ignored_rules, squeeze
from langcheck.load.errors import InputError
from langcheck.load.files import _two_letter
from langcheck.load.ooxml import open_package_zip, refuse_declarations, shown

DOCM = "macro-enabled Word document (.docm) is not read; save it as .docx"
NO_DOCUMENT = "not a Word document: no word/document.xml in the zip archive"

_MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
)
_LANG_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_]|$)")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{_W}val"
_NS = {"w": _W[1:-1]}
_MAX_STYLE_CHAIN = 64  # styles based on styles: Word's own chains are a few deep
_DEFAULT_PARAGRAPH_STYLE = etree.XPath(
    'w:style[@w:type="paragraph"][@w:default="1" or @w:default="true" or @w:default="on"]/@w:styleId',
    namespaces=_NS)
_HEADING_NAME = re.compile(r"(heading [1-9]|title|subtitle)\Z")
# Containers whose content is read as if they were not there. Everything else inside a
# paragraph but runs is not text: deleted and moved-away runs (w:del, w:moveFrom), properties,
# drawings and text boxes (mc:AlternateContent, w:pict), math; inside a run, only w:t is text
# (not w:delText, w:instrText field codes, w:sym glyphs of symbol fonts).
_TRANSPARENT = {f"{_W}{name}" for name in ("hyperlink", "smartTag", "customXml", "fldSimple", "ins", "moveTo",
                                           "dir", "bdo", "sdtContent")}
_COMMENT_MARKS = {f"{_W}commentRangeStart", f"{_W}commentRangeEnd"}
_SPACES = {f"{_W}{name}" for name in ("tab", "ptab", "cr")}
_PAGE_SECTIONS = {"nextPage", "oddPage", "evenPage"}  # section breaks that start a new page


def docx_versions(data: bytes, path: str, languages: tuple[str, ...]) -> list[Version]:
    """The one language version in the Word document `data` (the bytes of the file at `path`).

    Raises InputError, one line naming `path` and the problem, for a file that is not a Word
    document, a .docm, a zip bomb, an encrypted document, or XML with a DTD. `languages` is
    unused: Word's language tag is only a fallback, and the loader decides.
    """
    if Path(path).suffix.lower() == ".docm":
        raise InputError(path, DOCM)
    if not data:
        raise InputError(path, "empty file")
    archive = open_package_zip(data, path)
    refuse_declarations(archive, path)
    body, styles, comments = _open_package(archive, data, path)
    reader = _BodyReader(_Styles(styles), _suppressions(comments))
    paragraphs = list(reader.read(body))
    blocks = [Block(text=p.text, line=p.ordinal, kind="heading" if p.heading else "body",
                    anchor=reader.anchor(p), ignored_rules=p.ignored) for p in paragraphs]
    return [Version(blocks, lang=_most_common(reader.languages), lang_is_fallback=True)]


# --- the package, opened by python-docx --------------------------------------------------------

def _open_package(archive: zipfile.ZipFile, data: bytes, path: str):
    """(the body, the styles or None, the comments or None) of the checked package, via python-docx."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.package import Package

    try:
        package = Package.open(io.BytesIO(data))
        main = package.main_document_part
        if main.content_type not in _MAIN_TYPES:
            if "macroEnabled" in main.content_type:
                raise InputError(path, DOCM)
            raise InputError(path, f"not a Word document: its main part is {shown(main.content_type)}")
        body = main.element.find(f"{_W}body")
        styles = _related(main, RT.STYLES)
        comments = _related(main, RT.COMMENTS)
    except InputError:
        raise
    except etree.XMLSyntaxError as exc:
        problem = str(exc.msg).replace(", use XML_PARSE_HUGE option", "")  # advice for programmers
        raise InputError(path, f"cannot parse the Word document's XML ({shown(problem)})") from None
    except Exception as exc:  # noqa: BLE001 - python-docx meets a hostile package with whatever it raises
        if not any(name.lower() == "word/document.xml" for name in archive.namelist()):
            raise InputError(path, NO_DOCUMENT) from None
        detail = str(exc).strip("'\"")
        if isinstance(exc, KeyError) and "no relationship of type" in detail:
            raise InputError(path, "not a Word document: _rels/.rels names no main document part") from None
        if isinstance(exc, KeyError):  # "There is no item named 'word/styles.xml' in the archive"
            raise InputError(path, f"not a Word document: {shown(detail)}") from None
        raise InputError(path, "not a Word document: python-docx cannot open it "
                               f"({type(exc).__name__}: {shown(str(exc))})") from None
    if body is None:
        raise InputError(path, "not a Word document: word/document.xml has no body")
    return body, styles, comments


def _related(part, relationship: str):
    """The element of the part `part` relates to by `relationship`, or None where there is none."""
    try:
        return part.part_related_by(relationship).element
    except KeyError:
        return None


def _suppressions(comments) -> dict[str, frozenset[str]]:
    """Word comments that say `langcheck-ignore LC201` (no code: every rule), by comment id."""
    found: dict[str, frozenset[str]] = {}
    if comments is None:
        return found
    for comment in comments.iter(f"{_W}comment"):
        codes = ignored_rules(" ".join(t.text or "" for t in comment.iter(f"{_W}t")))
        if codes is not None and comment.get(f"{_W}id") is not None:
            found[comment.get(f"{_W}id")] = codes
    return found


# --- styles: heading or not, and the language tag ------------------------------------------------

class _Styles:
    """The styles part, asked only about the styles the body uses (a template defines hundreds,
    and reading each cost more than reading the body): is it a heading, which language."""

    def __init__(self, root) -> None:
        self._by_id = {style.get(f"{_W}styleId"): style for style in root.iterchildren(f"{_W}style")} if (
            root is not None) else {}
        self._heading: dict[str, bool] = {}
        self._lang: dict[str, str | None] = {}
        self.default_paragraph: str | None = None
        self.default_lang: str | None = None
        if root is None:
            return
        defaults = _DEFAULT_PARAGRAPH_STYLE(root)
        self.default_paragraph = str(defaults[0]) if defaults else None
        self.default_lang = _lang_of(root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr"))

    def paragraph_style(self, paragraph) -> str | None:
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        return style.get(_VAL) if style is not None else self.default_paragraph

    def is_heading(self, style_id: str | None) -> bool:
        """A style named "heading N", "Title" or "Subtitle", or with an outline level, or based on one."""
        if not style_id:
            return False
        if style_id not in self._heading:
            self._heading[style_id] = any(_heading_style(style) for style in self._chain(style_id))
        return self._heading[style_id]

    def lang(self, style_id: str | None) -> str | None:
        """The language the style (or the nearest style it is based on) tags text with."""
        if not style_id:
            return None
        if style_id not in self._lang:
            self._lang[style_id] = next(
                (lang for style in self._chain(style_id) if (lang := _lang_of(style.find(f"{_W}rPr")))), None)
        return self._lang[style_id]

    def _chain(self, style_id: str) -> list:
        """The style `style_id` and those it is based on, nearest first (a loop is cut where it closes)."""
        chain: list = []
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen and len(chain) < _MAX_STYLE_CHAIN:
            seen.add(current)
            style = self._by_id.get(current)
            if style is None:
                break
            chain.append(style)
            parent = style.find(f"{_W}basedOn")
            current = parent.get(_VAL) if parent is not None else None
        return chain


def _heading_style(style) -> bool:
    name = style.find(f"{_W}name")
    level = style.find(f"{_W}pPr/{_W}outlineLvl")
    return bool((name is not None and _HEADING_NAME.match((name.get(_VAL) or "").lower()))
                or (level is not None and _outline_level(level) is not None))


def _outline_level(element) -> int | None:
    """A `w:outlineLvl` as a heading level 0-8; None for 9 (body text) or nonsense."""
    try:
        level = int(element.get(_VAL, ""))
    except ValueError:
        return None
    return level if 0 <= level <= 8 else None


def _lang_of(properties) -> str | None:
    """The two-letter language of a `w:rPr`'s `w:lang w:val="de-DE"`, or None."""
    if properties is None:
        return None
    lang = properties.find(f"{_W}lang")
    match = _LANG_TAG.match(lang.get(_VAL) or "") if lang is not None else None
    return _two_letter(match.group(1).lower()) if match else None  # `deu-DE` is de, as in file names


def _most_common(counts: Counter[str]) -> str | None:
    """The language most of the text is tagged with; None where most of it has no tag."""
    top = counts.most_common(1)
    return top[0][0] or None if top else None


# --- the body ------------------------------------------------------------------------------------

@dataclass
class _Paragraph:
    """A body paragraph as read: `ordinal` is its 1-based place among the body's stored paragraphs;
    `rendered`/`explicit` the page breaks of each kind before its text began."""

    ordinal: int
    text: str
    heading: bool
    rendered: int
    explicit: int
    ignored: frozenset[str] = frozenset()  # rule codes a `langcheck-ignore` Word comment on it names


class _BodyReader:
    """Walks the body once, in document order, counting paragraphs, page breaks and languages."""

    def __init__(self, styles: _Styles, suppressions: dict[str, frozenset[str]]) -> None:
        self.styles = styles
        self.suppressions = suppressions
        self.open_comments: set[str] = set()  # suppressing comments whose range is open here
        self.ordinal = 0
        self.rendered = 0  # w:lastRenderedPageBreak seen so far
        self.explicit = 0  # w:br type="page", pageBreakBefore, page-starting section breaks
        self.languages: Counter[str] = Counter()

    def read(self, container) -> Iterator[_Paragraph]:
        pending: _Paragraph | None = None
        for child in container:
            tag = child.tag
            if tag == f"{_W}p":
                paragraph = self._paragraph(child)
                if pending is not None:
                    # The surviving mark is this paragraph's: its style decides the kind.
                    paragraph = _Paragraph(pending.ordinal, pending.text + paragraph.text, paragraph.heading,
                                           pending.rendered, pending.explicit, pending.ignored | paragraph.ignored)
                    pending = None
                if _mark_deleted(child):
                    pending = paragraph
                    continue
                paragraph.text = squeeze(paragraph.text)
                if paragraph.text:
                    yield paragraph
            elif tag == f"{_W}tbl":
                yield from self._table(child)
            elif tag in _TRANSPARENT or tag == f"{_W}sdt":
                yield from self.read(child)
            elif tag in _COMMENT_MARKS:
                self._comment_mark(child, set())
        if pending is not None and squeeze(pending.text):  # a deleted mark closing a cell or the body
            yield _Paragraph(pending.ordinal, squeeze(pending.text), pending.heading, pending.rendered,
                             pending.explicit, pending.ignored)

    def _table(self, table) -> Iterator[_Paragraph]:
        for row in _children(table, f"{_W}tr"):
            row_deleted = row.find(f"{_W}trPr/{_W}del") is not None
            for cell in _children(row, f"{_W}tc"):
                paragraphs = self.read(cell)
                if row_deleted or cell.find(f"{_W}tcPr/{_W}cellDel") is not None:
                    for _ in paragraphs:  # read, so the ordinals after it stay where Word stores them
                        pass
                else:
                    yield from paragraphs

    def _paragraph(self, element) -> _Paragraph:
        self.ordinal += 1
        properties = element.find(f"{_W}pPr")
        if properties is not None and _on(properties.find(f"{_W}pageBreakBefore")):
            self.explicit += 1
        style = self.styles.paragraph_style(element)
        direct_level = properties.find(f"{_W}outlineLvl") if properties is not None else None
        heading = self.styles.is_heading(style) or (
            direct_level is not None and _outline_level(direct_level) is not None)
        text = _Text(self.rendered, self.explicit, comments=set(self.open_comments))
        self._inline(element, text, self.styles.lang(style) or self.styles.default_lang)
        section = properties.find(f"{_W}sectPr") if properties is not None else None
        if section is not None:
            kind = section.find(f"{_W}type")
            if (kind.get(_VAL) if kind is not None else "nextPage") in _PAGE_SECTIONS:
                self.explicit += 1
        ignored = frozenset().union(*(self.suppressions[c] for c in text.comments if c in self.suppressions))
        return _Paragraph(self.ordinal, "".join(text.parts), heading, text.rendered, text.explicit, ignored)

    def _inline(self, element, text: _Text, lang: str | None) -> None:
        """Append the accepted text under `element` (a paragraph, or a container in one) to `text`."""
        for child in element:
            tag = child.tag
            if tag == f"{_W}r":
                self._run(child, text, lang)
            elif tag in _TRANSPARENT or tag == f"{_W}sdt":
                self._inline(child, text, lang)
            elif tag in _COMMENT_MARKS:
                self._comment_mark(child, text.comments)

    def _comment_mark(self, mark, touched: set[str]) -> None:
        """Keep track of the comments whose range is open: each paragraph it touches is theirs."""
        comment = mark.get(f"{_W}id")
        if comment not in self.suppressions:
            return
        if mark.tag == f"{_W}commentRangeEnd":
            self.open_comments.discard(comment)
        else:
            if mark.tag == f"{_W}commentRangeStart":
                self.open_comments.add(comment)
            touched.add(comment)

    def _run(self, run, text: _Text, lang: str | None) -> None:
        properties = run.find(f"{_W}rPr")
        if properties is not None:
            if _on(properties.find(f"{_W}vanish")):
                return
            character_style = properties.find(f"{_W}rStyle")
            lang = (_lang_of(properties)
                    or (self.styles.lang(character_style.get(_VAL)) if character_style is not None else None)
                    or lang)
        letters = 0
        for child in run:
            tag = child.tag
            if tag == f"{_W}t":
                if child.text:
                    if not text.begun and child.text.strip():
                        text.begun, text.rendered, text.explicit = True, self.rendered, self.explicit
                    text.parts.append(child.text)
                    letters += len(child.text)
            elif tag in _SPACES:
                text.parts.append(" ")
            elif tag == f"{_W}br":
                if child.get(f"{_W}type") == "page":
                    self.explicit += 1
                text.parts.append(" ")
            elif tag == f"{_W}noBreakHyphen":
                text.parts.append("-")  # a hyphen where the line may not break: on the page, a hyphen
            elif tag == f"{_W}lastRenderedPageBreak":
                self.rendered += 1
            elif tag == f"{_W}commentReference":
                self._comment_mark(child, text.comments)
        if letters:
            self.languages[lang or ""] += letters

    def anchor(self, paragraph: _Paragraph) -> str:
        """"page N" from the breaks Word rendered, else from the explicit ones, else "paragraph N"."""
        if self.rendered:
            return f"page {paragraph.rendered + 1}"
        if self.explicit:
            return f"page {paragraph.explicit + 1}"
        return f"paragraph {paragraph.ordinal}"


@dataclass
class _Text:
    """A paragraph's text as it is read; `rendered`/`explicit`: the page breaks before it began."""

    rendered: int
    explicit: int
    parts: list[str] = field(default_factory=list)
    begun: bool = False
    comments: set[str] = field(default_factory=set)  # ids of the suppressing comments it touches


def _children(element, tag: str) -> Iterator:
    """`element`'s children with `tag`, also those wrapped in content controls or custom XML."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _children(child, tag)


def _on(toggle) -> bool:
    """Whether a Word on/off property (`<w:vanish/>`, `<w:vanish w:val="0"/>`) is present and on."""
    return toggle is not None and toggle.get(_VAL, "true") not in ("0", "false", "off")


def _mark_deleted(paragraph) -> bool:
    """Whether the paragraph's mark is a tracked deletion (or moved away): accepted, it joins the next."""
    mark = paragraph.find(f"{_W}pPr/{_W}rPr")
    return mark is not None and (mark.find(f"{_W}del") is not None or mark.find(f"{_W}moveFrom") is not None)
