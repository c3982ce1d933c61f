"""Bad configuration and glossaries: one line with file and line, exit status 2; YAML is loaded safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from langcheck.config import ConfigError, load_config
from langcheck.glossary import GlossaryError, load_glossary

CLEAN = Path(__file__).resolve().parents[1] / "samples" / "lavrov-belarus-2020"
# A tag that, loaded unsafely, runs a shell command creating a marker file.
EVIL = '!!python/object/apply:os.system ["touch {marker}"]'


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, langcheck_cli, tmp_path_factory: pytest.TempPathFactory):
    monkeypatch.setenv("LANGCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))

    return langcheck_cli


CONFIG_CASES = [
    # name, langcheck.yaml, expected message ({f} is the file)
    ("invalid-yaml", "languages: [en, fr\nsource: en\n", "{f}:2: invalid YAML (expected ',' or ']', but got ':')"),
    ("tab-indent", "severity:\n\tLC101: info\n", "{f}:2: invalid YAML (found character '\\t' that cannot start any token)"),
    ("wrong-key", "languages: [en, fr]\nfail_on: error\nfial_on: warning\n",
     "{f}:3: unknown key 'fial_on' (known: cache, cache_dir, checks, default_glossaries, exclude, fail_on, furniture, glossaries, "
     "ignore, languages, max_file_mb, model, severity, source)"),
    ("unknown-language", "languages: [en, xx]\n", "{f}:1: languages: unsupported language 'xx' (supported: de, en, es, fr, ru)"),
    ("unsupported-language", "cache: true\nlanguages: [en, it]\n",
     "{f}:2: languages: unsupported language 'it' (supported: de, en, es, fr, ru)"),
    ("one-language", "languages: [en]\n", "{f}:1: languages: at least two languages are needed"),
    ("source-unsupported", "source: it\n", "{f}:1: source: unsupported language 'it'"),
    ("source-not-configured", "languages: [en, fr]\nsource: de\n",
     "{f}: source: 'de' is not one of the languages (en, fr)"),
    ("bad-severity", "fail_on: fatal\n", "{f}:1: fail_on: 'fatal' is not error, warning or info"),
    ("bad-rule-severity-names-its-line", "severity:\n  LC102: error\n  LC101: fatal\n",
     "{f}:3: severity.LC101: 'fatal' is not error, warning or info"),
    ("bad-limit", "max_file_mb: -3\n", "{f}:1: max_file_mb: must be a number of megabytes above 0 and at most 4096"),
    ("limit-not-a-number", "max_file_mb: big\n", "{f}:1: max_file_mb: must be a number of megabytes above 0 and at most 4096"),
    ("bool-not-bool", "cache: maybe\n", "{f}:1: cache: must be true or false"),
    ("furniture-not-keep-or-drop", "cache: true\nfurniture: hide\n", "{f}:2: furniture: 'hide' is not keep or drop"),
    ("list-not-mapping", "- en\n- fr\n", "{f}:1: the config file must be a mapping of settings"),
    ("python-object", "a: " + EVIL + "\n",
     "{f}:1: invalid YAML (could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system')"),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in CONFIG_CASES], ids=[c[0] for c in CONFIG_CASES])
def test_bad_config_is_one_line_with_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    file = tmp_path / "langcheck.yaml"
    file.write_text(text.format(marker=tmp_path / "pwned"), encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(file)
    assert str(error.value) == expected.format(f=file)
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    "make, expected",
    [
        pytest.param(lambda d: d / "missing.yaml", "{p}: no such config file", id="missing"),
        pytest.param(lambda d: d, "{p}: is a folder, not a config file", id="a-folder"),
        pytest.param(lambda d: (d / "c.yaml").write_bytes(b"\xff\xfe\x00x") and d / "c.yaml", "{p}: not UTF-8 text", id="not-utf8"),
        pytest.param(lambda d: (d / "pyproject.toml").write_text("[tool]\nlangcheck = 3\n") and d / "pyproject.toml",
                     "{p}:2: [tool.langcheck] must be a table", id="pyproject-not-a-table"),
        pytest.param(lambda d: (d / "pyproject.toml").write_text("[tool.langcheck]\nbogus = 1\n") and d / "pyproject.toml",
                     "{p}:2: unknown key 'bogus' (known: cache, cache_dir, checks, default_glossaries, exclude, fail_on, "
                     "furniture, glossaries, ignore, languages, max_file_mb, model, severity, source)", id="pyproject-wrong-key"),
    ],
)
def test_a_config_path_that_cannot_be_used_exits_2_with_one_line(run, tmp_path: Path, make, expected: str) -> None:
    path = make(tmp_path)
    code, out, err = run("check", "--config", path, CLEAN)
    assert (code, out, err) == (2, "", f"langcheck: error: {expected.format(p=path)}\n")


def test_the_cli_reports_a_found_config_file_error_with_exit_2(run, tmp_path: Path) -> None:
    release = tmp_path / "r"
    release.mkdir()
    for name in ("en.txt", "fr.txt"):
        (release / name).write_bytes((CLEAN / name).read_bytes())
    (tmp_path / "langcheck.yaml").write_text("languages: [en, fr]\nfial_on: warning\n")
    code, out, err = run("check", release)
    assert code == 2 and out == ""
    assert err.startswith(f"langcheck: error: {tmp_path / 'langcheck.yaml'}:2: unknown key 'fial_on' (known: ")
    assert err.count("\n") == 1


GLOSSARY_CASES = [
    ("invalid-yaml", "terms:\n  - id: a\n    en: [x\n", "{f}:4: invalid YAML: expected ',' or ']', but got '<stream end>'"),
    ("wrong-top-key", "term:\n  - id: a\n    en: x\n", "{f}:1: unknown key 'term' (expected one of terms, organisations, people, places)"),
    ("wrong-entry-key", "terms:\n  - id: a\n    en: x\n    colour: red\n", "{f}:4: unknown key 'colour'"),
    ("no-language", "terms:\n  - id: a\n    note: nothing\n", "{f}:2: entry 'a' has no forms in any language"),
    ("empty-forms", "terms:\n  - id: a\n    en: []\n", "{f}:2: entry 'a' has no forms in any language"),
    ("unsupported-language", "terms:\n  - id: a\n    en: x\n    it: y\n",
     "{f}:4: unsupported language code 'it' (supported: de, en, es, fr, ru)"),
    ("unknown-language", "terms:\n  - id: a\n    en: x\n    xx: y\n", "{f}:4: unknown key 'xx'"),
    ("duplicate-id", "terms:\n  - id: a\n    en: x\n  - id: a\n    fr: y\n", "{f}:4: duplicate id 'a' (first defined at {f}:2)"),
    ("no-id", "terms:\n  - en: x\n", "{f}:2: entry without 'id'"),
    ("python-object", "terms:\n  - id: a\n    en: " + EVIL + "\n",
     "{f}:3: invalid YAML: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'"),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in GLOSSARY_CASES], ids=[c[0] for c in GLOSSARY_CASES])
def test_bad_glossary_is_one_line_with_file_and_line(run, tmp_path: Path, text: str, expected: str) -> None:
    file = tmp_path / "glossary.yaml"
    file.write_text(text.format(marker=tmp_path / "pwned"), encoding="utf-8")
    with pytest.raises(GlossaryError) as error:
        load_glossary([file])
    assert str(error.value) == expected.format(f=file)
    code, out, err = run("glossary", "validate", file)
    assert (code, out, err) == (2, "", f"langcheck: error: {expected.format(f=file)}\n")
    assert not (tmp_path / "pwned").exists()


def test_duplicate_id_across_two_glossary_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("terms:\n  - id: union-state\n    en: Union State\n")
    second.write_text("organisations:\n  - id: un\n    en: UN\n  - id: union-state\n    de: Unionsstaat\n")
    with pytest.raises(GlossaryError) as error:
        load_glossary([first, second])
    assert str(error.value) == f"{second}:4: duplicate id 'union-state' (first defined at {first}:2)"


def test_a_missing_glossary_given_to_check_exits_2(run, tmp_path: Path) -> None:
    code, out, err = run("check", "-g", tmp_path / "missing.yaml", CLEAN)
    assert (code, out, err) == (2, "", f"langcheck: error: {tmp_path / 'missing.yaml'}:1: cannot read file (no such file)\n")
