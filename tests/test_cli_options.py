"""The command line reads its values as typer does, without pydantic (`langcheck.cli_options`).

Each value is read by a real parameter of `langcheck check` twice: by langcheck's reading and by
typer's own coercion (its pydantic adapters); the results, or the error messages, must be the
same. Then a whole `check` command line is parsed in a fresh process, which must not import
pydantic.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.core import TyperArgument, TyperOption

from langcheck import cli
from langcheck.cli_options import UNHANDLED, PlainArgument, PlainOption, plain_value

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "lavrov-belarus-2020"


def _param(command: str, name: str) -> Any:
    return next(p for p in cli._command().commands[command].params if p.name == name)


def _read(param: Any, value: Any, typer_own: bool) -> tuple[str, Any]:
    """('ok', value) or ('error', message) for `value` read by `param`."""
    base = TyperOption if isinstance(param, PlainOption) else TyperArgument
    coercion = base.get_runtime_param(param) if typer_own else param.get_runtime_param()
    try:
        return "ok", coercion.coerce(value, param=param, ctx=None)
    except Exception as exc:  # noqa: BLE001 - the error itself is what is compared
        return "error", f"{type(exc).__name__}: {exc}"


CASES = [
    # (command, parameter, value)
    ("check", "fmt", "json"),
    ("check", "fmt", ""),
    ("check", "fmt", "text"),
    ("check", "source", None),
    ("check", "source", "\udcff"),  # an argument that was not UTF-8
    ("check", "model", "st:a\x00b"),
    ("check", "jobs", "2"),
    ("check", "jobs", "0"),
    ("check", "jobs", 1),  # the default
    ("check", "jobs", "007"),
    ("check", "jobs", " 2 "),
    ("check", "jobs", "1_0"),
    ("check", "jobs", "+1"),
    ("check", "jobs", "-1"),
    ("check", "jobs", "1.5"),
    ("check", "jobs", "abc"),
    ("check", "jobs", ""),
    ("check", "jobs", "٣"),  # an Arabic-Indic digit
    ("check", "jobs", "99999999999999999999999"),
    ("check", "output", None),
    ("check", "output", "report.json"),
    ("check", "output", ""),
    ("check", "output", str(SAMPLE)),  # exists: looked at
    ("check", "cache_dir", "/nonexistent/folder"),
    ("check", "config_file", "a\x00b"),
    ("check", "paths", (str(SAMPLE), "missing")),
    ("check", "paths", ()),
    ("check", "glossary", None),
    ("check", "glossary", ("g.yaml", str(SAMPLE / "en.md"))),
    ("check", "ignore", ("LC201", "")),
    ("check", "reports", ("sarif:out.sarif",)),
    ("check", "reports", "sarif:out.sarif"),  # a single string where a list belongs
    ("check", "no_cache", False),
    ("check", "no_cache", True),
    ("init", "path", Path("langcheck.yaml")),  # a default that is a Path already
    ("init", "path", "x.yaml"),
]


@pytest.mark.parametrize(("command", "name", "value"), CASES)
def test_a_value_is_read_as_typer_reads_it(command: str, name: str, value: Any) -> None:
    param = _param(command, name)
    assert isinstance(param, (PlainOption, PlainArgument))
    assert _read(param, value, typer_own=False) == _read(param, value, typer_own=True)


def test_an_unreadable_path_gets_typer_s_own_message(monkeypatch: pytest.MonkeyPatch) -> None:
    # As root every file is readable: make it not so, for both readings alike.
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    param = _param("check", "paths")
    ours, typers = _read(param, (str(SAMPLE),), False), _read(param, (str(SAMPLE),), True)
    assert ours == typers and ours[0] == "error" and "is not readable" in ours[1]


@pytest.mark.parametrize(
    ("annotation", "value", "multiple", "expected"),
    [
        (str, "x", False, "x"),
        (int, "12", False, 12),
        (int, "012", False, UNHANDLED),  # typer's to read (it says 12)
        (int, "-3", False, UNHANDLED),
        (Path, "a/b", False, Path("a/b")),
        (list[str], ("a", "b"), True, ["a", "b"]),
        (list[str], "ab", True, UNHANDLED),  # typer says it is not a list
        (list[int], ("1", "x"), True, UNHANDLED),  # one item typer's: the whole value is
        (str, None, False, None),
        (list[str], None, True, ()),
        (float, "1.5", False, UNHANDLED),  # no such parameter: typer's
    ],
)
def test_plain_value_converts_only_what_needs_no_validation(annotation: Any, value: Any, multiple: bool, expected: Any) -> None:
    info = _param("check", "fmt").type_descriptor.parameter_info
    assert plain_value(annotation, info, value, multiple=multiple) == expected


def test_parsing_a_whole_check_command_line_imports_no_pydantic(tmp_path: Path) -> None:
    # --format bogus stops the command after every option is read and before any checking.
    script = (
        "import sys\n"
        "from langcheck import cli\n"
        "sys.argv = ['langcheck', 'check', sys.argv[1], '--format', 'bogus', '-o', 'r.json', '-j', '2',\n"
        "            '--glossary', 'g.yaml', '--ignore', 'LC201', '--report', 'sarif:r.sarif', '--no-cache',\n"
        "            '--languages', 'de,en', '--cache-dir', 'c']\n"
        "try:\n"
        "    cli.main()\n"
        "except SystemExit as exit_:\n"
        "    print(exit_.code, 'pydantic' in sys.modules)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run([sys.executable, "-c", script, str(SAMPLE)], capture_output=True, text=True,
                          cwd=tmp_path, env=env, check=True)
    assert "unknown format 'bogus'" in done.stderr
    assert done.stdout.split() == ["2", "False"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Usage: langcheck [OPTIONS] COMMAND [ARGS]..."),
        (("check", SAMPLE, "--jobs", "abc"), "Error: Invalid value for '--jobs' / '-j': Input should be a valid integer"),
        (("check", SAMPLE, "--jobs"), "Error: Option '--jobs' requires an argument."),
        (("check", SAMPLE, "--bogus"), "Error: No such option: --bogus"),
        (("check",), "Error: Missing argument 'PATH'."),
    ],
)
def test_a_usage_error_exits_2_with_click_s_message(langcheck_cli, args: tuple, message: str) -> None:
    # click may be installed next to typer's vendored copy (dask needs it): the errors typer
    # raises are the vendored copy's, and were taken for internal errors (exit 3).
    code, out, err = langcheck_cli(*args)
    assert (code, out) == (2, "") and message in err and "internal error" not in err


def test_python_dash_m_langcheck_is_the_langcheck_command() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run([sys.executable, "-m", "langcheck", "--version"], capture_output=True, text=True, env=env)
    assert (done.returncode, done.stdout.startswith("langcheck ")) == (0, True)
