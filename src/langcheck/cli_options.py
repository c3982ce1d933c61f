"""How the `langcheck` command shows and reads its parameters (typer's click tree, adjusted).

Two adjustments to the tree `typer.main.get_command` builds, made in `adjust_parameters`:

- help a user can read: every parameter gets a metavariable instead of a Python type (typer
  shows an argument as `{paths}... <list[Path]>`, an option without one as `<str>`);
- values read without pydantic: typer 0.29 turns every value of an invoked command into its
  annotation's type through a pydantic `TypeAdapter` built on first use (importing pydantic and
  building one adapter per parameter cost ~80 ms of CPU, more than the rest of a warm check's
  start-up; `--help` builds none). langcheck's parameters are plain `str`, `int`, `Path` and lists
  of them, which need no validation library: `plain_value` converts those exactly as typer's
  adapters do, and hands every other value (`--jobs 1.5`, a path it cannot read) to typer's own
  coercion, so a value typer rejects is rejected with typer's own message.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Callable, get_args, get_origin

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

# A value `plain_value` leaves to typer's own coercion.
UNHANDLED = object()

# The integers whose parse nobody can argue about: ASCII digits, no sign, no leading zero, no
# space, and short of Python's limit on converting long digit strings.
_PLAIN_INT = re.compile(r"0|[1-9][0-9]{0,17}")


def adjust_parameters(command: Any) -> None:
    """Give every parameter of `command` and its subcommands a readable metavariable and the
    plain value reading (in place: each parameter's class becomes a subclass of its own).

    An option's metavariable defaults to its long name in capitals (`--cache-dir CACHE_DIR`); an
    argument is shown by its metavariable alone (`PATH...`).
    """
    for param in command.params:
        if isinstance(param, TyperArgument):
            if param.metavar is None:
                param.metavar = param.name.upper()
            param.__class__ = PlainArgument
        elif isinstance(param, TyperOption):
            if not param.is_flag and param.metavar is None:
                longest = max(param.opts, key=len).lstrip("-")
                param.metavar = longest.upper().replace("-", "_")
            param.__class__ = PlainOption
    # The --help option is made on first use, per command: its value is read the same way.
    if type(command) is TyperGroup:
        command.__class__ = PlainGroup
    elif type(command) is TyperCommand:
        command.__class__ = PlainCommand
    for sub in getattr(command, "commands", {}).values():
        adjust_parameters(sub)


def plain_value(annotation: Any, info: Any, value: Any, *, multiple: bool) -> Any:
    """`value` (as click parsed it, or the default) converted to `annotation` the way typer's
    pydantic adapters convert it, or UNHANDLED when that takes more than plain Python.

    `info` is typer's ParameterInfo (path flags, bounds, parser): anything beyond the defaults
    is left to typer. `multiple`: a repeatable option or a variadic argument (a list results).
    """
    if value is None:  # typer's RuntimeParam.coerce: an absent value
        return () if multiple else None
    if multiple:
        if get_origin(annotation) is not list or not isinstance(value, (list, tuple)):
            return UNHANDLED
        (leaf,) = get_args(annotation)
        items = [_leaf_value(leaf, info, item) for item in value]
        return UNHANDLED if any(item is UNHANDLED for item in items) else items
    return _leaf_value(annotation, info, value)


def _leaf_value(annotation: Any, info: Any, value: Any) -> Any:
    if info.parser is not None:
        return UNHANDLED
    if annotation is str:
        return value if type(value) is str else UNHANDLED
    if annotation is int:
        if info.min is not None or info.max is not None:
            return UNHANDLED
        if type(value) is int:
            return value
        return int(value) if type(value) is str and _PLAIN_INT.fullmatch(value) else UNHANDLED
    if annotation is Path:
        return _path_value(info, value)
    if annotation is bool:  # a flag (typer reads a flag's own True or False unconverted, too)
        return value if type(value) is bool else UNHANDLED
    return UNHANDLED


def _path_value(info: Any, value: Any) -> Any:
    """A path as typer reads one with default flags: `Path(value)`, after a look at the file
    (one that exists must be readable); anything else is typer's."""
    flags_are_default = (
        not info.exists and not info.resolve_path and not info.allow_dash and info.path_type is None
        and info.file_okay and info.dir_okay and not info.writable
    )
    if not flags_are_default or not isinstance(value, (str, Path)) or "\0" in str(value):
        return UNHANDLED
    path = value if isinstance(value, Path) else Path(value)
    try:
        os.stat(path)
    except OSError:
        return path
    if info.readable and not os.access(path, os.R_OK):
        return UNHANDLED  # typer says "path ... is not readable"
    return path


class _PlainCoercion:
    """typer's per-parameter coercion contract (`coerce(value, param, ctx)`), answered with
    `plain_value` and falling back to typer's own coercion, built only when a value needs it."""

    def __init__(self, param: Any, fallback: Callable[[], Any]) -> None:
        self._param = param
        self._fallback = fallback

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        descriptor = self._param.type_descriptor
        multiple = bool(param.multiple or param.nargs == -1)
        converted = plain_value(descriptor.annotation, descriptor.parameter_info, value, multiple=multiple)
        if converted is UNHANDLED:
            return self._fallback().coerce(value, param=param, ctx=ctx)
        return converted


# Both classes override typer's lazy `get_runtime_param` (single inheritance: a mixin would
# change the instance layout, and `adjust_parameters` swaps the class of existing instances).
# Should a later typer stop calling it, values are read by typer's own coercion again: slower,
# never different.


class PlainOption(TyperOption):
    """An option whose values are read without pydantic."""

    def get_runtime_param(self) -> Any:
        return _PlainCoercion(self, super().get_runtime_param)


class PlainArgument(TyperArgument):
    """An argument shown by its metavariable only (`PATH...`, `[TARGET]` when optional), its
    values read without pydantic."""

    def get_runtime_param(self) -> Any:
        return _PlainCoercion(self, super().get_runtime_param)

    def display_type_rich(self, ctx: Any) -> None:
        return None

    def _rich_display_name(self) -> str:
        return self.metavar + ("..." if self.nargs != 1 else "")

    def _usage_display_name(self) -> str:
        name = self._rich_display_name()
        return name if self.required else f"[{name}]"


def _plain_help_option(option: Any) -> Any:
    if type(option) is TyperOption:
        option.__class__ = PlainOption
    return option


class PlainCommand(TyperCommand):
    """A command whose --help option reads its value without pydantic, as its parameters do."""

    def get_help_option(self, ctx: Any) -> Any:
        return _plain_help_option(super().get_help_option(ctx))


class PlainGroup(TyperGroup):
    """A group of commands whose --help option reads its value without pydantic."""

    def get_help_option(self, ctx: Any) -> Any:
        return _plain_help_option(super().get_help_option(ctx))
