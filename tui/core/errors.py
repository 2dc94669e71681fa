"""Errors a user can cause, each shown as one line. Kept free of imports so the
command line can catch them without loading the rest of the core."""

from __future__ import annotations

from typing import NamedTuple


class InputError(Exception):
    """Bad input from a user's file or argument; the message is one line."""


class ContentProblem(NamedTuple):
    file: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.message}"


class ContentError(Exception):
    """The content folder has problems; `problems` lists every one."""

    def __init__(self, problems: list[ContentProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
