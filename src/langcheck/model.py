"""Value types shared by every stage of the pipeline.

Everything here is immutable: stages hand these values on, reporters only read them.
Paragraph indexes are 0-based within their document; line numbers are 1-based in the source file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Mapping


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

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
    format: str = "text"  # "text" | "markdown" | "html"
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


@dataclass(frozen=True)
class Location:
    lang: str
    file: str
    paragraph: int | None
    line: int | None
    # For a fact finding's related versions: how that version writes the expected value.
    form: str | None = None


@dataclass(frozen=True)
class Finding:
    """One problem in one language version, with where the other versions say it."""

    rule: str
    name: str
    category: str
    severity: Severity
    lang: str
    file: str
    paragraph: int | None
    line: int | None
    message: str
    expected: str | None = None
    found: str | None = None
    related: tuple[Location, ...] = ()
    # Character span in the faulty paragraph that the finding is about (for highlighting).
    span: tuple[int, int] | None = None

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
