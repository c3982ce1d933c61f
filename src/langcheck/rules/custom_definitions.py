"""Checks of your own, as data: what one `checks:` entry of the config says, validated.

A check is a mapping (YAML or TOML) like:

    code: X001                 # X and three digits, unique; `ignore:` and `severity:` use it
    name: embargo-line         # lowercase words joined by -, unique (also usable in `ignore:`)
    kind: must-match           # or never-match
    pattern:                   # one regex for every language, or one per language
      de: 'Sperrfrist:? *(\\d{1,2}[.:]\\d{2})'
      en: 'Embargo:? *(\\d{1,2}[.:]\\d{2})'
    value: 1                   # must-match only: this group's text must also be the same
    languages: [de, en]        # only these versions (default: every version with a pattern)
    ignorecase: true           # default false
    severity: error            # default warning
    message: "{lang} lacks the embargo line: {expected}"   # placeholders: see PLACEHOLDERS
    description: the embargo line is in every version       # for `langcheck rules` and SARIF

Parsing is pure (the config reads the files); every problem is a `CheckDefinitionError` whose
`parts` say where (`("checks", 2, "pattern", "de")`), so the config names the file and line.

A pattern is compiled with the `regex` module (re syntax plus `\\p{L}` and friends) and must
stay small once its counted repeats are multiplied out (`EXPANDED_SIZE_LIMIT`): compiling
`(?:x{2000}){2000}` alone takes seconds, and compiling happens before any timeout can apply.
Matching time is bounded in `langcheck.rules.custom`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from langcheck.model import Severity

KINDS = ("must-match", "never-match")
CODE = re.compile(r"X\d{3}")
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
KEYS = ("code", "name", "kind", "pattern", "value", "languages", "ignorecase", "severity", "message", "description")
# Placeholders a message may use, by kind: the text the pattern matched in this version, what
# the reference versions matched, this version, the reference versions, the check's code and name.
PLACEHOLDERS = {
    "never-match": ("match", "lang", "code", "name"),
    "must-match": ("match", "expected", "lang", "reference", "code", "name"),
}
MAX_PATTERN_CHARS = 1000
MAX_MESSAGE_CHARS = 300
# The size of a pattern with its counted repeats written out ({n}, {n,m}: n or m copies); at this
# size `regex` compiles in about 30 ms (measured: a{100000} 26 ms, (a{1000}){1000} 430 ms).
EXPANDED_SIZE_LIMIT = 100_000


class CheckDefinitionError(ValueError):
    """A problem in one check's definition; `parts` locate it (`checks`, index, key, language)."""

    def __init__(self, parts: tuple[str | int, ...], problem: str) -> None:
        super().__init__(problem)
        self.parts = parts
        self.problem = problem

    @property
    def path(self) -> str:
        """`checks[2].pattern.de`, as messages write it."""
        out = ""
        for part in self.parts:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out


@dataclass(frozen=True)
class CheckDefinition:
    """One check as the config defines it.

    `patterns` holds (language, regex) for each language the check reads, sorted by language;
    `value` is the group (number or name) whose text must be the same in every version (must-match
    only; None: the match alone). `file`, `line` and `index` say where it is written (`index` in
    that file's `checks:` list), for messages at run time.
    """

    code: str
    name: str
    kind: str
    patterns: tuple[tuple[str, str], ...]
    message: str | None = None
    severity: Severity = Severity.WARNING
    ignorecase: bool = False
    value: int | str | None = None
    description: str = ""
    file: str = "<options>"
    line: int = 1
    index: int = 0

    @property
    def where(self) -> str:
        """`langcheck.yaml:12: checks[2]`: where the definition is written."""
        return f"{self.file}:{self.line}: checks[{self.index}]"


def parse_check(data: Any, index: int, languages: tuple[str, ...], *, file: str = "<options>",
                line: int = 1) -> CheckDefinition:
    """The check at `checks[index]`, validated; `languages` are those langcheck supports."""
    at = ("checks", index)
    if not isinstance(data, dict):
        raise CheckDefinitionError(at, "must be a mapping (code, name, kind, pattern, ...)")
    for key in data:
        if key not in KEYS:
            raise CheckDefinitionError((*at, str(key)), f"unknown key (known: {', '.join(KEYS)})")
    for key in ("code", "name", "kind", "pattern"):
        if key not in data:
            raise CheckDefinitionError(at, f"{key} is missing")
    code = _text(data["code"], (*at, "code")).upper()
    if not CODE.fullmatch(code):
        raise CheckDefinitionError((*at, "code"), f"'{code}' is not X and three digits (X001)")
    name = _text(data["name"], (*at, "name"))
    if not NAME.fullmatch(name) or len(name) > 40:
        raise CheckDefinitionError((*at, "name"), f"'{name}' is not lowercase words joined by - (embargo-line)")
    kind = _text(data["kind"], (*at, "kind"))
    if kind not in KINDS:
        raise CheckDefinitionError((*at, "kind"), f"'{kind}' is not {' or '.join(KINDS)}")
    ignorecase = data.get("ignorecase", False)
    if not isinstance(ignorecase, bool):
        raise CheckDefinitionError((*at, "ignorecase"), "must be true or false")
    patterns = _patterns(data["pattern"], data.get("languages"), languages, at, ignorecase)
    if kind == "must-match" and len(patterns) < 2:
        raise CheckDefinitionError((*at, "pattern"), "a must-match check compares versions: it needs two languages or more")
    value = _value(data.get("value"), kind, patterns, ignorecase, at)
    severity = _severity(data.get("severity", "warning"), (*at, "severity"))
    message = _message(data.get("message"), kind, (*at, "message"))
    description = " ".join(_text(data.get("description", ""), (*at, "description"), empty=True).split())
    return CheckDefinition(code=code, name=name, kind=kind, patterns=patterns, message=message, severity=severity,
                           ignorecase=ignorecase, value=value, description=description[:MAX_MESSAGE_CHARS],
                           file=file, line=line, index=index)


@lru_cache(maxsize=256)
def compile_pattern(pattern: str, ignorecase: bool) -> Any:
    """The compiled `regex` pattern (Unicode, re-compatible syntax); raises regex.error.
    Cached: reading the config compiles each pattern, and its rule uses that compilation."""
    import regex

    # Full case folding with ignorecase: `Weißrussland` then also finds WEISSRUSSLAND.
    return regex.compile(pattern, regex.V0 | (regex.IGNORECASE | regex.FULLCASE if ignorecase else 0))


def expanded_size(pattern: str) -> int:
    """About how many items `pattern` compiles to: counted repeats multiplied through nesting.

    `a{3}(bc){2}` is 3 + 2*2 = 7. Open-ended repeats (`*`, `+`, `{n,}`) count once (they loop);
    a character class or escape is one item. An estimate for refusing patterns that take long
    to compile, not a parser: it errs towards counting more.
    """
    stack = [0]
    last = 0  # size of the item a following quantifier repeats
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        counted = _COUNTED.match(pattern, i) if char == "{" else None
        if counted:
            low, comma, high = counted.groups()
            bound = max(int(low or 0), int(high or 0)) if (high or not comma) else int(low or 0)
            stack[-1] += last * (max(bound, 1) - 1)
            last *= max(bound, 1)
            i = counted.end()
            continue
        if char == "(":
            stack.append(0)
            intro = _GROUP_INTRO.match(pattern, i)
            i = intro.end() if intro else i + 1
            continue
        if char in "*+?":  # open-ended repeats loop; a lazy or possessive mark adds nothing
            i += 1
            continue
        if char == ")" and len(stack) > 1:
            last = max(stack.pop(), 1)
            stack[-1] += last
            i += 1
            continue
        if char == "\\":
            i += 2
            if pattern[i - 1 : i] in ("p", "P", "N", "x", "u", "U") and pattern[i : i + 1] == "{":
                end = pattern.find("}", i)
                i = n if end < 0 else end + 1
        elif char == "[":
            i = _class_end(pattern, i)
        else:
            i += 1
        last = 1
        stack[-1] += 1
    return sum(stack)


_COUNTED = re.compile(r"\{(\d{0,9})(,?)(\d{0,9})\}")
# What opens a group before its content: `(`, `(?:`, `(?P<name>`, `(?<=`, `(?!`, `(?i:`, `(?>`.
_GROUP_INTRO = re.compile(r"\((?:\?(?:P?<\w+>|<?[=!]|[a-zA-Z\-]*:|>|\|)?)?")


def _class_end(pattern: str, start: int) -> int:
    """The index after the `]` closing the character class opened at `start`."""
    i = start + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _patterns(value: Any, only: Any, supported: tuple[str, ...], at: tuple, ignorecase: bool) -> tuple[tuple[str, str], ...]:
    if isinstance(value, str):
        by_lang = {lang: value for lang in supported}
        where = {lang: (*at, "pattern") for lang in supported}
    elif isinstance(value, dict) and value:
        by_lang, where = {}, {}
        for lang, pattern in value.items():
            if lang not in supported:
                raise CheckDefinitionError((*at, "pattern", str(lang)), f"unsupported language '{lang}' (supported: {', '.join(supported)})")
            by_lang[lang] = _text(pattern, (*at, "pattern", lang))
            where[lang] = (*at, "pattern", lang)
    else:
        raise CheckDefinitionError((*at, "pattern"), "must be a regex, or a mapping of languages to regexes")
    if only is not None:
        if isinstance(only, str):
            only = [part.strip() for part in only.split(",") if part.strip()]
        if not isinstance(only, list) or not only or not all(isinstance(lang, str) for lang in only):
            raise CheckDefinitionError((*at, "languages"), "must be a list of languages")
        for lang in only:
            if lang not in by_lang:
                raise CheckDefinitionError((*at, "languages"), f"'{lang}' has no pattern")
        by_lang = {lang: p for lang, p in by_lang.items() if lang in only}
    for lang, pattern in by_lang.items():
        _check_regex(pattern, ignorecase, where[lang])
    return tuple(sorted(by_lang.items()))


def _check_regex(pattern: str, ignorecase: bool, at: tuple) -> None:
    import regex

    if not pattern:
        raise CheckDefinitionError(at, "empty regex (it matches everywhere)")
    if len(pattern) > MAX_PATTERN_CHARS:
        raise CheckDefinitionError(at, f"regex too long ({len(pattern):,} characters; the limit is {MAX_PATTERN_CHARS:,})")
    size = expanded_size(pattern)
    if size > EXPANDED_SIZE_LIMIT:
        raise CheckDefinitionError(at, f"regex too large once its counted repeats are written out "
                                       f"(about {size:,} items; the limit is {EXPANDED_SIZE_LIMIT:,})")
    try:
        compiled = compile_pattern(pattern, ignorecase)
    except (regex.error, OverflowError, RecursionError, ValueError) as exc:
        raise CheckDefinitionError(at, f"bad regex: {str(exc).splitlines()[0][:120]}") from None
    if compiled.match("") is not None:
        raise CheckDefinitionError(at, "the regex matches an empty text, so it matches everywhere")


def _value(value: Any, kind: str, patterns: tuple[tuple[str, str], ...], ignorecase: bool, at: tuple) -> int | str | None:
    if value is None:
        return None
    where = (*at, "value")
    if kind != "must-match":
        raise CheckDefinitionError(where, "only a must-match check compares a value")
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise CheckDefinitionError(where, "must be a group number or a group name of the pattern")
    for lang, pattern in patterns:
        compiled = compile_pattern(pattern, ignorecase)
        known = value in compiled.groupindex if isinstance(value, str) else 0 < value <= compiled.groups
        if not known:
            raise CheckDefinitionError(where, f"the {lang} pattern has no group {value!r}")
    return value


def _message(value: Any, kind: str, at: tuple) -> str | None:
    if value is None:
        return None
    message = " ".join(_text(value, at).split())  # a finding's message is one line
    if len(message) > MAX_MESSAGE_CHARS:
        raise CheckDefinitionError(at, f"too long ({len(message)} characters; the limit is {MAX_MESSAGE_CHARS})")
    known = PLACEHOLDERS[kind]
    try:
        fields = list(string.Formatter().parse(message))
    except ValueError as exc:  # a lone { or }
        raise CheckDefinitionError(at, f"{exc} (write {{{{ and }}}} for braces)") from None
    for _, field, spec, conversion in fields:
        # Only plain names: `{match.__class__}` or `{match:>999999}` would reach into objects
        # or build huge strings from a hostile config.
        if field is not None and (field not in known or spec or conversion):
            shown = "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise CheckDefinitionError(at, f"unknown placeholder {shown} (a {kind} check knows "
                                           f"{', '.join('{' + k + '}' for k in known)})")
    return message


def _severity(value: Any, at: tuple) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise CheckDefinitionError(at, str(exc)) from None


def _text(value: Any, at: tuple, *, empty: bool = False) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise CheckDefinitionError(at, "must be a non-empty string" if not empty else "must be a string")
    return value.strip() if at[-1] in ("code", "name", "kind") else value


def check_lines(node: Any, prefix: str, lines: dict[str, int]) -> None:
    """Record the line of every entry under a YAML `node` as `prefix.key`/`prefix.N` (1-based)."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{prefix}.{key_node.value}"
            lines[key] = key_node.start_mark.line + 1
            check_lines(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for number, item in enumerate(node.value):
            key = f"{prefix}.{number}"
            lines[key] = item.start_mark.line + 1
            check_lines(item, key, lines)


def line_of(parts: tuple[str | int, ...], lines: Mapping[str, int], default: int = 1) -> int:
    """The line of the most specific entry of `parts` that `lines` knows."""
    for end in range(len(parts), 0, -1):
        key = ".".join(str(p) for p in parts[:end])
        if key in lines:
            return lines[key]
    return default
