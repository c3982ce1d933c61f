"""Load stage: release folders on disk -> `Release` values (documents of paragraphs with lines).

This is the only stage that reads the user's files, and it only reads them.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

from langcheck.load.errors import InputError
from langcheck.load.files import DEFAULT_MAX_FILE_BYTES, FORMATS, is_document, language_from_name, read_bounded
from langcheck.model import Document, Furniture, Paragraph, Release

# What reads a file's text is imported when a file is read (each format's parser where that
# format is met, below): finding releases and a re-check answered from the result cache
# (`langcheck.result_cache`'s files key) read no text.
if TYPE_CHECKING:
    from langcheck.load.blocks import Block, Version

__all__ = ["InputError", "find_releases", "load_release", "load_document", "load_documents"]

# Every stage after loading costs memory in proportion to the longest unit it sees (the model
# holds a row per token of a sentence), so a unit has a ceiling far above real press releases:
# a 1 MB Markdown "table" read as one paragraph took 5 GB. Beyond them a file is refused.
MAX_PARAGRAPH_CHARS = 50_000  # also the longest run of non-blank lines in a .txt or .md source
MAX_SENTENCE_CHARS = 10_000
# The aligner and the rules cost a few milliseconds per paragraph (20k paragraphs took two
# minutes); a document of more than this many is refused. Press releases have tens.
MAX_PARAGRAPHS = 5_000
_VISIBLE = re.compile("[^\\s\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def find_releases(path: str | os.PathLike) -> Iterator[Path | InputError]:
    """Release folders under `path`, in sorted order.

    `path` is a release folder (it holds documents) or a tree of them. Problems inside a tree
    (a symlink loop, an unreadable folder) are yielded as InputError values, so a batch goes on
    with the other releases; a bad `path` itself raises.
    """
    root = Path(path)
    if not root.exists():
        raise InputError(str(path), "no such file or folder")
    if not root.is_dir():
        raise InputError(str(path), "not a folder: a release is a folder of language versions")
    yield from _walk(root, ancestors=frozenset(), visited=set(), inside=root.resolve())


OUTSIDE = "symbolic link leads outside the checked path"


def _outside(entry: Path, inside: Path) -> bool:
    """Whether `entry` is a link whose target lies outside `inside` (a resolved folder)."""
    # realpath, not resolve(): a link loop is reported when the file is read, not here.
    return entry.is_symlink() and not _real(entry).is_relative_to(inside)


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _walk(
    folder: Path, ancestors: frozenset[tuple[int, int]], visited: set[tuple[int, int]], inside: Path
) -> Iterator[Path | InputError]:
    """`ancestors` tell a link loop (an error); `visited` a folder already reached through
    another link, which is walked once: remembering only ancestors made a DAG of links
    exponential (22 levels of two links each were still walking after two minutes)."""
    try:
        info = folder.stat()
        entries = sorted(folder.iterdir())
    except PermissionError:
        yield InputError(str(folder), "permission denied")
        return
    except OSError as exc:  # ELOOP and friends
        yield InputError(str(folder), exc.strerror or "cannot read folder")
        return
    identity = (info.st_dev, info.st_ino)
    if identity in ancestors:
        yield InputError(str(folder), "symbolic link loop (folder already visited)")
        return
    if identity in visited:
        return
    visited.add(identity)
    ancestors = ancestors | {identity}
    if any(is_document(entry) for entry in entries):
        yield folder
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            # Path.is_dir() answers False for a link that loops (a -> a, or a -> b -> a), which
            # would skip it silently: stat() it to report the loop.
            if entry.is_symlink():
                entry.stat()
                if _outside(entry, inside):
                    # A link to /usr would walk all of it, and one to /proc/self/environ would put
                    # the environment (and CI secrets) into the report: links stay inside.
                    if entry.is_dir():
                        yield InputError(str(entry), OUTSIDE)
                    continue
            if entry.is_dir():
                yield from _walk(entry, ancestors, visited, inside)
        except FileNotFoundError:
            continue  # a dangling link is not a folder of documents
        except OSError as exc:
            problem = "symbolic link loop" if exc.errno == errno.ELOOP else exc.strerror or "cannot read"
            yield InputError(str(entry), problem)


def load_release(
    folder: str | os.PathLike,
    languages: Sequence[str],
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    furniture: bool = True,
    root: str | os.PathLike | None = None,
    read: Callable[[Path, int], bytes] | None = None,
) -> Release:
    """Read every language version in `folder`. Raises InputError on any bad file.

    `furniture=False` keeps page furniture in text and Markdown files as paragraphs
    (`langcheck.load.furniture`; config `furniture: keep`).
    `root` is the path the user asked to check (default: `folder`): a document that is a link
    to a file outside it is refused, so no report ever holds text from outside the checked path.
    `read(file, max_file_bytes)` gives a document file's bytes (default: `read_bounded`); the
    result cache serves the bytes its files key was made from (`result_cache.HashedFiles`).
    """
    folder = Path(folder)
    inside = Path(root if root is not None else folder).resolve()
    documents: dict[str, Document] = {}
    try:
        files = [entry for entry in sorted(folder.iterdir()) if is_document(entry)]
    except FileNotFoundError:
        raise InputError(str(folder), "no such folder") from None
    except NotADirectoryError:
        raise InputError(str(folder), "not a folder: a release is a folder of language versions") from None
    except PermissionError:
        raise InputError(str(folder), "permission denied") from None
    except OSError as exc:
        raise InputError(str(folder), exc.strerror or "cannot read folder") from None
    real_folder = inside if root is None else _real(folder)
    for file in files:
        # An entry that is no link is where its folder really is (realpath walks every part of
        # the path, 0.1 ms a file); a link is followed to its end.
        real = _real(file) if file.is_symlink() else real_folder / file.name
        if not real.is_relative_to(inside):
            raise InputError(str(file), OUTSIDE)
        for document in load_documents(file, languages, max_file_bytes=max_file_bytes, furniture=furniture,
                                       read=read):
            if document.lang in documents:
                first = documents[document.lang]
                # Bilingual files (XLIFF en->de, en->fr, ...) each carry the same source version:
                # the release keeps it once, and refuses sources that say different things.
                if _bilingual(first) and _bilingual(document) and _same_text(first, document):
                    continue
                problem = ("a different source text" if _bilingual(first) and _bilingual(document)
                           else "second file")
                raise InputError(str(file), f"{problem} for language '{document.lang}' (first: {first.path})")
            documents[document.lang] = document
    if len(documents) < 2:
        found = ", ".join(documents) or "none"
        raise InputError(str(folder), f"a release needs at least two language versions (found: {found})")
    return Release(path=str(folder), documents=documents)


def load_document(
    file: Path, languages: Sequence[str], *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    furniture: bool = True,
) -> Document:
    """The one language version in `file`; InputError for a file that holds several (XLIFF)."""
    documents = load_documents(file, languages, max_file_bytes=max_file_bytes, furniture=furniture)
    if len(documents) != 1:
        raise InputError(str(file), f"holds {len(documents)} language versions; load its release folder")
    return documents[0]


def load_documents(
    file: Path, languages: Sequence[str], *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    furniture: bool = True, read: Callable[[Path, int], bytes] | None = None,
) -> tuple[Document, ...]:
    """The language versions in one file: one, or two for a bilingual (XLIFF) file.

    The language comes from the file itself where it declares it authoritatively (XLIFF), else
    from the file name, else from what the file declares as a fallback (Word's language tag),
    else from the text.
    In text and Markdown, date stamps and language switchers around the article are left out
    (kept on `Document.furniture`) and interface-label candidates marked, unless `furniture` is
    False; HTML has its site chrome dropped by markup instead, Word its headers and footers.
    """
    file = Path(file)
    data = (read or _read_bytes)(file, max_file_bytes)
    fmt = FORMATS[file.suffix.lower()]
    return tuple(_document(file, fmt, version, languages, furniture)
                 for version in _versions(data, fmt, str(file), languages))


def _versions(data: bytes, fmt: str, path: str, languages: Sequence[str]) -> list[Version]:
    if fmt == "docx":
        from langcheck.load.docx import docx_versions

        return docx_versions(data, path, tuple(languages))
    if fmt == "xliff":
        from langcheck.load.xliff import xliff_versions

        return xliff_versions(data, path, tuple(languages))
    from langcheck.load.blocks import Version
    from langcheck.load.encoding import decode_bytes

    text, encoding = decode_bytes(data, path)
    if fmt != "html":  # before parsing: the parsers themselves are slow on a huge paragraph
        _refuse_long_source_paragraph(text, path)
    return [Version(_blocks(text, fmt, path), encoding=encoding)]


def _document(file: Path, fmt: str, version: Version, languages: Sequence[str], furniture: bool) -> Document:
    from langcheck.load.furniture import split_furniture
    from langcheck.segment import split_sentences

    # A paragraph of only invisible characters (zero-width spaces, joiners, bidi marks) is none.
    blocks = [block for block in version.blocks if _VISIBLE.search(block.text)]
    if not blocks:
        raise InputError(str(file), "no text found")
    lang = _language(file, version, blocks, languages)
    if len(blocks) > MAX_PARAGRAPHS:
        raise InputError(str(file), f"too many paragraphs ({len(blocks):,}; the limit is {MAX_PARAGRAPHS:,} per document)")
    for block in blocks:
        _refuse_long(block.text, MAX_PARAGRAPH_CHARS, "paragraph", str(file), block.line)
    left_out: tuple[Furniture, ...] = ()
    candidates: tuple[int, ...] = ()
    if furniture and fmt in ("text", "markdown"):
        blocks, left_out, candidates = split_furniture(blocks, lang, languages)
    paragraphs = tuple(
        Paragraph(
            index=i,
            text=block.text,
            line=block.line,
            sentences=_sentences(block, lang, str(file), split_sentences),
            kind="title" if i == 0 else block.kind,
            ignored_rules=block.ignored_rules,
            anchor=block.anchor,
        )
        for i, block in enumerate(blocks)
    )
    return Document(lang=lang, path=str(file), paragraphs=paragraphs, encoding=version.encoding, format=fmt,
                    furniture=left_out, label_candidates=candidates)


def _language(file: Path, version: Version, blocks: list[Block], languages: Sequence[str]) -> str:
    if version.lang is not None and not version.lang_is_fallback:
        return version.lang  # the reader refused a language that is not configured, naming its role
    lang = language_from_name(file, tuple(languages))
    if lang is None and version.lang in languages:
        lang = version.lang
    if lang is None:
        # Imported here: a version named by its file (the usual case) never needs the identifier.
        from langcheck.language import identify_language

        lang = identify_language(" ".join(b.text for b in blocks[:20]), languages)
        if lang is None:
            raise InputError(str(file), "no language code in the file name and the language could not be identified")
    return lang


def _bilingual(document: Document) -> bool:
    return document.format == "xliff"


def _same_text(one: Document, other: Document) -> bool:
    return [p.text for p in one.paragraphs] == [p.text for p in other.paragraphs]


def _sentences(block: Block, lang: str, path: str, split: Callable[[str, str], tuple[str, ...]]) -> tuple[str, ...]:
    # Where the file gives its segmentation (XLIFF segments), it is the translator's: keep it.
    sentences = block.sentences if block.sentences is not None else split(block.text, lang)
    for sentence in sentences:
        _refuse_long(sentence, MAX_SENTENCE_CHARS, "sentence", path, block.line)
    return sentences


def _refuse_long(text: str, limit: int, unit: str, path: str, line: int) -> None:
    if len(text) > limit:
        raise InputError(path, f"line {line}: {unit} too long ({len(text):,} characters; the limit is {limit:,})")


def _refuse_long_source_paragraph(text: str, path: str) -> None:
    """Refuse a run of non-blank lines longer than MAX_PARAGRAPH_CHARS, before it is parsed."""
    length, start = 0, 1
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not length:
                start = number
            length += len(line) + 1
            if length > MAX_PARAGRAPH_CHARS + 1:
                raise InputError(
                    path, f"line {start}: paragraph too long (over {MAX_PARAGRAPH_CHARS:,} characters; "
                    f"the limit is {MAX_PARAGRAPH_CHARS:,})"
                )
        else:
            length = 0


def _read_bytes(file: Path, max_file_bytes: int) -> bytes:
    return read_bounded(file, max_file_bytes)


def _blocks(text: str, fmt: str, path: str) -> list[Block]:
    if fmt == "markdown":
        from langcheck.load.markdown import markdown_blocks

        return markdown_blocks(text, path)
    if fmt == "html":
        from langcheck.load.html import html_blocks

        return html_blocks(text, path)
    from langcheck.load.text import text_blocks

    return text_blocks(text)
