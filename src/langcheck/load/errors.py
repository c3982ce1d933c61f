"""The one error type of the load stage: bad input, reported as one line naming the file."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: a missing, unreadable, binary, empty or mis-named file, or a bad release folder.

    `str(error)` is the one line the CLI prints: "<path>: <problem>".
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
