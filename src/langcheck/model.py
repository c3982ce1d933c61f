"""Value types shared by every stage of the pipeline.

Everything here is immutable: stages hand these values on, reporters only read them.

Two ways of counting paragraphs, told apart by name everywhere (Python, JSON, SARIF):
- a paragraph *index* (`Paragraph.index`, `Group.paragraphs`, `Finding.paragraph_index`) is its
  position in `Document.paragraphs`, 0-based as Python counts, for code that looks it up;
- a paragraph *number* (`Paragraph.number`, `Finding.paragraph_number`, `Location.paragraph_number`,
  `Gap`) is what people see, 1-based: the title is ¶1, as every report writes it.
Line numbers are 1-based in the source file.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Mapping


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @classmethod
    def parse(cls, value: object) -> "Severity":
        """The severity a setting names (`Warning`, `error`); ValueError saying what is allowed."""
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ValueError(f"'{value}' is not error, warning or info") from None

    @property
    def rank(self) -> int:
        """Higher is more severe; used for --fail-on thresholds."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True)
class Paragraph:
    """One block of text of one language version.

    `kind` is "title" (paragraph 0 of a document that has a title), "heading" or "body".
    `ignored_rules` holds rule codes suppressed for this paragraph by an inline comment.
    """

    index: int
    text: str
    line: int
    sentences: tuple[str, ...] = ()
    kind: str = "body"
    ignored_rules: frozenset[str] = frozenset()
    # Where the tool the paragraph came from finds it, for formats that number their own units:
    # "unit 12" (an XLIFF trans-unit/unit id), "page 3" (a Word page); "" where line is enough.
    anchor: str = ""

    @property
    def number(self) -> int:
        """The paragraph as people count it: 1-based, the title is ¶1."""
        return self.index + 1


@dataclass(frozen=True)
class Furniture:
    """A line of the web page around the article, copied with it into a text or Markdown file.

    `kind` is "date stamp", "language switcher" or "interface label"; `line` is 1-based in the
    source file; `text` is the line as written. `value` is what the line says, normalised: the
    date key of a date stamp (`2020-11-26`, see `langcheck.extract.dates`), the configured
    languages a switcher lists, space-separated (`de en es fr ru`), empty for a label.
    """

    line: int
    kind: str
    text: str
    value: str = ""


@dataclass(frozen=True)
class Document:
    """One language version of a release, as loaded from one file."""

    lang: str
    path: str
    paragraphs: tuple[Paragraph, ...]
    encoding: str = "utf-8"
    format: str = "text"  # "text" | "markdown" | "html" | "docx" | "xliff"
    # Page furniture left out of `paragraphs` (date stamp, language switcher, interface labels).
    furniture: tuple[Furniture, ...] = ()
    # Paragraph indexes shaped and placed like interface labels; the release-level step
    # (`langcheck.load.furniture.confirm_labels`) drops those no other version has a counterpart for.
    label_candidates: tuple[int, ...] = ()

    @property
    def file_name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Release:
    """All language versions of one publication, keyed by language code."""

    path: str
    documents: Mapping[str, Document]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self.documents))

    def paragraph(self, lang: str, index: int) -> Paragraph:
        return self.documents[lang].paragraphs[index]


@dataclass(frozen=True)
class Group:
    """The same content in every version: paragraph indexes per language.

    An empty tuple means the version has nothing for this content. `similarity` is the mean
    cosine similarity of the aligned versions' embeddings (0.0 when only one version is present).
    """

    paragraphs: Mapping[str, tuple[int, ...]]
    similarity: float

    def present(self) -> tuple[str, ...]:
        return tuple(lang for lang in sorted(self.paragraphs) if self.paragraphs[lang])


@dataclass(frozen=True)
class Fact:
    """A checkable piece of content found in a paragraph.

    `kind` is the finding category it feeds: "number", "date", "name", "acronym" or "term".
    `key` is the language-independent normalised value compared across versions
    (e.g. "16200000000", "2020-11-25/2020-11-26", "org:un"); `surface` is the text as written,
    and `start`/`end` are character offsets of `surface` in the paragraph text.
    """

    kind: str
    key: str
    surface: str
    start: int = 0
    end: int = 0


# The facts of a release's paragraphs, by (language, 0-based paragraph index).
Facts = dict[tuple[str, int], tuple[Fact, ...]]


def paragraph_number(index: int | None) -> int | None:
    """The 1-based paragraph number of a 0-based paragraph index (None stays None)."""
    return None if index is None else index + 1


def _deprecated_paragraph(owner: str, number: int | None) -> int | None:
    # `paragraph` was the 0-based index in langcheck-report/1 and the Python API before it;
    # kept one release so that scripts keep running, with a warning that names the new fields.
    warnings.warn(
        f"{owner}.paragraph (0-based) is deprecated: use paragraph_number (1-based, as reports "
        f"show it) or paragraph_index (0-based, to index Document.paragraphs)",
        DeprecationWarning, stacklevel=3,
    )
    return None if number is None else number - 1


@dataclass(frozen=True)
class Location:
    """Where a version says something: its file, 1-based paragraph number and 1-based line.

    `paragraph_number` is None where the location is not a paragraph (a page-furniture line).
    """

    lang: str
    file: str
    paragraph_number: int | None
    line: int | None
    # For a fact finding's related versions: how that version writes the expected value.
    form: str | None = None
    # `Paragraph.anchor` of the paragraph ("unit 12", "page 3"); None where the format has none.
    anchor: str | None = None

    @property
    def paragraph_index(self) -> int | None:
        """The 0-based index into `Document.paragraphs` (None where there is no paragraph)."""
        return None if self.paragraph_number is None else self.paragraph_number - 1

    @property
    def paragraph(self) -> int | None:
        """Deprecated: the 0-based index; use `paragraph_number` or `paragraph_index`."""
        return _deprecated_paragraph("Location", self.paragraph_number)


@dataclass(frozen=True)
class Gap:
    """Where content that a version lacks belongs in it: between two of its paragraphs.

    Both are 1-based paragraph numbers of the version that lacks the content:
    `after_paragraph_number` is the paragraph it would follow (None: it would come first),
    `before_paragraph_number` the one it would precede (None: it would come last).
    """

    after_paragraph_number: int | None
    before_paragraph_number: int | None


@dataclass(frozen=True)
class Finding:
    """One problem in one language version, with where the other versions say it.

    `paragraph_number` is 1-based (the title is ¶1), as every report shows it; None where the
    version has no paragraph for the finding (content missing from it, a whole-file finding).
    `line` is the 1-based line in `file`: the paragraph's first line, or for content the version
    lacks (`gap` set) the line of the neighbouring paragraph where it would go.
    """

    rule: str
    name: str
    category: str
    severity: Severity
    lang: str
    file: str
    paragraph_number: int | None
    line: int | None
    message: str
    expected: str | None = None
    found: str | None = None
    related: tuple[Location, ...] = ()
    # Character span in the faulty paragraph that the finding is about (for highlighting).
    span: tuple[int, int] | None = None
    # For content this version lacks: between which of its paragraphs it belongs.
    gap: Gap | None = None
    # `Paragraph.anchor` of the faulty paragraph ("unit 12", "page 3"); None where there is none.
    anchor: str | None = None

    @property
    def paragraph_index(self) -> int | None:
        """The 0-based index into `Document.paragraphs` (None where there is no paragraph)."""
        return None if self.paragraph_number is None else self.paragraph_number - 1

    @property
    def paragraph(self) -> int | None:
        """Deprecated: the 0-based index; use `paragraph_number` or `paragraph_index`."""
        return _deprecated_paragraph("Finding", self.paragraph_number)

    @property
    def fingerprint_content(self) -> str:
        """What identifies this finding across edits elsewhere in the file (no line numbers)."""
        return f"{self.rule}|{self.lang}|{self.expected or ''}|{self.found or ''}|{self.message}"


@dataclass(frozen=True)
class ReleaseReport:
    release: Release
    groups: tuple[Group, ...]
    findings: tuple[Finding, ...]

    def without_text(self) -> "ReleaseReport":
        """The same report with the documents' paragraphs dropped (paths and file names kept).

        Findings carry their own lines, excerpts and values, so only a report that shows the
        documents themselves (HTML) needs the text; a large batch keeps this compact form.
        """
        documents = {lang: replace(doc, paragraphs=()) for lang, doc in self.release.documents.items()}
        return replace(self, release=replace(self.release, documents=documents))


@dataclass(frozen=True)
class Summary:
    errors: int = 0
    warnings: int = 0
    infos: int = 0


@dataclass(frozen=True)
class Report:
    releases: tuple[ReleaseReport, ...]
    # Releases that could not be checked in a batch run: (path, one-line reason).
    failures: tuple[tuple[str, str], ...] = field(default=())

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for r in self.releases for f in r.findings)

    @property
    def summary(self) -> Summary:
        counts = {s: 0 for s in Severity}
        for finding in self.findings:
            counts[finding.severity] += 1
        return Summary(counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO])
