"""langcheck.outputs: how a run names, guards and writes its files, without the CLI around it.

The CLI tests pin the messages as a user sees them; these pin the library calls the CLI makes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from langcheck.outputs import OutputError, distinct_outputs, guard_output, report_spec, write_atomically


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("sarif:langcheck.sarif", ("sarif", Path("langcheck.sarif"))),
        ("junit:out/a:b.xml", ("junit", Path("out/a:b.xml"))),  # a file name may hold colons
        ("html:C:/reports/r.html", ("html", Path("C:/reports/r.html"))),
    ],
)
def test_a_report_spec_is_split_at_its_first_colon(spec: str, expected: tuple[str, Path]) -> None:
    assert report_spec(spec) == expected


@pytest.mark.parametrize("spec", ["sarif", ":langcheck.sarif", "sarif:", ""])
def test_a_report_spec_without_format_or_file_is_refused(spec: str) -> None:
    with pytest.raises(OutputError, match=r"--report takes FORMAT:FILE"):
        report_spec(spec)


def test_two_outputs_onto_one_file_are_refused(tmp_path: Path) -> None:
    distinct_outputs([tmp_path / "a.json", tmp_path / "b.json"])
    with pytest.raises(OutputError, match=r"a\.json: would be written twice \(also .*a\.json\)"):
        distinct_outputs([tmp_path / "a.json", tmp_path / "sub" / ".." / "a.json"])


@pytest.mark.parametrize(
    ("name", "refused"),
    [
        ("release/en.txt", "is one of the checked documents"),     # a document under the checked path
        ("release/notes.md", "is one of the checked documents"),   # document-like, though no release's
        ("release/report.json", None),                             # not document-like: allowed
        ("langcheck.yaml", "is one of langcheck's input files"),
        ("report.txt", None),                                      # outside the checked path
    ],
)
def test_an_output_never_lands_on_a_document_or_an_input(tmp_path: Path, name: str, refused: str | None) -> None:
    (tmp_path / "release").mkdir()
    (tmp_path / "release" / "en.txt").write_text("Text.\n", encoding="utf-8")
    (tmp_path / "langcheck.yaml").write_text("source: en\n", encoding="utf-8")
    target = tmp_path / name
    if refused is None:
        guard_output(target, checked=[tmp_path / "release"], inputs=[tmp_path / "langcheck.yaml"])
    else:
        with pytest.raises(OutputError, match=refused):
            guard_output(target, checked=[tmp_path / "release"], inputs=[tmp_path / "langcheck.yaml"])


def test_a_link_is_judged_by_what_it_points_to(tmp_path: Path) -> None:
    (tmp_path / "release").mkdir()
    (tmp_path / "release" / "de.md").write_text("# Titel\n", encoding="utf-8")
    (tmp_path / "out.md").symlink_to(tmp_path / "release" / "de.md")
    with pytest.raises(OutputError, match="out.md: is one of the checked documents"):
        guard_output(tmp_path / "out.md", checked=[tmp_path / "release"])


def test_writing_replaces_a_file_whole_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomically(target, "new\r\nlines\n")
    assert target.read_bytes() == b"new\r\nlines\n"  # newlines as given
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]  # no temporary file left


def test_writing_goes_through_a_link_and_keeps_it(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("{}", encoding="utf-8")
    (tmp_path / "link.json").symlink_to(tmp_path / "real.json")
    write_atomically(tmp_path / "link.json", "[]")
    assert (tmp_path / "link.json").is_symlink() and (tmp_path / "real.json").read_text() == "[]"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_writing_into_a_fifo_keeps_the_fifo(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomically(fifo, "streamed\n")
    reader.join(timeout=10)
    assert got == [b"streamed\n"] and stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_folder_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"missing/report\.txt: cannot write \(No such file or directory\)"):
        write_atomically(tmp_path / "missing" / "report.txt", "x")


def test_the_documents_an_html_report_would_hold_are_counted(tmp_path: Path) -> None:
    from langcheck.outputs import document_bytes

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "en.txt").write_text("x" * 10, encoding="utf-8")
    (tmp_path / "a" / "de.md").write_text("y" * 5, encoding="utf-8")
    (tmp_path / "a" / "notes.json").write_text("{}", encoding="utf-8")   # no document
    (tmp_path / "a" / "ru.html").symlink_to(tmp_path / "a" / "en.txt")   # a link is not followed
    assert document_bytes([tmp_path / "a"]) == (2, 15)
    assert document_bytes([tmp_path / "a" / "en.txt"]) == (1, 10)


def test_a_large_html_report_says_how_large_before_the_run(langcheck_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import langcheck.outputs

    monkeypatch.setattr(langcheck.outputs, "HTML_NOTE_BYTES", 1)
    code, _, err = langcheck_cli("check", tmp_path / "nothing-here", "-f", "html")
    assert code == 2 and "note: the html report" not in err  # nothing to check: no note
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "en.txt").write_text("Only one version.\n", encoding="utf-8")
    code, _, err = langcheck_cli("check", tmp_path / "r", "-f", "html", "--no-cache")
    assert err.startswith("langcheck: note: the html report will hold the text of 1 document (0.0 MB)")
    code, _, err = langcheck_cli("check", tmp_path / "r", "-f", "json", "--no-cache")
    assert "note:" not in err
