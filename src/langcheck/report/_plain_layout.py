"""rich's layout of the terminal report, for output without colour, from rich's own word wrap.

The text report is laid out by rich (`Console`, `Table.grid`); without colour (a pipe, a CI log,
a file: most runs) what rich writes is only that layout. Importing rich's console and table costs
a stored-result re-check about a fifth of its time (25 ms), so the plain report is laid out here
with the two pieces of rich that decide where lines break: `rich._wrap.divide_line` (the word
wrap, folding words longer than the width) and `rich.cells` (a character's width in terminal
cells). What rich's console and table add is mirrored step by step and named after the rich
method it stands for; tests/report/test_text_plain_layout.py holds this to rich's console on
generated reports, so a rich release that lays out otherwise fails there, not in a user's log.

Input text has been through `visible` (no control characters, no tabs, no line breaks but the
ones the report puts in).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size

_TRAILING_WHITESPACE = re.compile(r"\s+$")  # rich.text's _re_whitespace


def wrapped(text: str, width: int, *, pad: bool = False) -> list[str]:
    """`text` as rich's `Text.wrap` breaks it into lines of at most `width` cells (overflow
    "fold"); with `pad` each line is filled with spaces to `width` (a table cell, justify "left")."""
    lines: list[str] = []
    for line in text.split("\n"):
        offsets = divide_line(line, width, fold=True)
        for start, end in zip((0, *offsets), (*offsets, len(line))):
            lines.append(_fitted(_rstrip_end(line[start:end], width), width, pad=pad))
    return lines


def grid(rows: Sequence[tuple[str, str]], width: int) -> list[str]:
    """The lines of rich's `Table.grid(padding=(0, 1), pad_edge=False)` with an indent column of
    width 1, a no-wrap column (`rows`' first part) and a folding one (their second), `width`
    cells wide: rich's `_calculate_column_widths`, `_collapse_widths` and row rendering."""
    indent = 1 + 1  # fixed width 1, right padding 1 (grid padding collapses the left one)
    label = max(cell_len(first) for first, _ in rows) + 1  # widest label, right padding 1
    body = min(max(_longest_line(second) for _, second in rows) or 1, width)
    if indent + label + body > width:  # only the body column may shrink
        body = max(width - indent - label, 0)
    lines: list[str] = []
    for first, second in rows:
        left = [_fitted(first, label - 1, pad=True)]  # no_wrap: one line, cropped to the column
        right = wrapped(second, body, pad=True) if body else [""]
        for i in range(max(len(left), len(right))):
            lines.append(" " * indent
                         + (left[i] + " " if i < len(left) else " " * label)
                         + (right[i] if i < len(right) else " " * body))
    return lines


def _longest_line(text: str) -> int:
    """rich's `Text.__rich_measure__` maximum: the widest line, in cells."""
    return max((cell_len(line) for line in text.splitlines()), default=0)


def _rstrip_end(line: str, width: int) -> str:
    """rich's `Text.rstrip_end`: trailing white space beyond `width` *characters* goes."""
    excess = len(line) - width
    if excess > 0:
        match = _TRAILING_WHITESPACE.search(line)
        if match is not None:
            line = line[: len(line) - min(len(match.group(0)), excess)]
    return line


def _fitted(line: str, width: int, *, pad: bool) -> str:
    """rich's `Text.truncate(width, overflow="fold", pad=pad)`."""
    length = cell_len(line)
    if length > width:
        return set_cell_size(line, width)
    return line + " " * (width - length) if pad else line
