"""Errors and warnings that stancegraph reports to the user.

Every error a user can cause (a bad input file, a wrong option) is a
`StancegraphError`: its message is one line that names the thing at fault,
says what was wrong and what to do about it, so the CLI can print it as is
instead of a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Union


class StancegraphError(Exception):
    """Base of the errors stancegraph raises for problems the user can fix."""


class ArticleError(StancegraphError):
    """An input file that cannot be read as an article.

    `path` is the file at fault; `reason` says what was wrong and `hint` what to
    do. `str(err)` is the one-line message "PATH: REASON; HINT".
    """

    def __init__(self, path: Union[str, Path], reason: str, hint: str = "") -> None:
        self.path = Path(path)
        self.reason = _one_line(reason)
        self.hint = _one_line(hint)
        message = f"{self.path}: {self.reason}"
        if self.hint:
            message += f"; {self.hint}"
        super().__init__(message)

    @property
    def message(self) -> str:
        return str(self)


@dataclass(frozen=True)
class ReadError:
    """What `iter_articles` yields instead of an article for a file it could not read."""

    path: Path
    message: str  # one line, naming the file, what was wrong and what to do

    def __str__(self) -> str:
        return self.message


class DecodingWarning(UserWarning):
    """A file was not valid text in its encoding; undecodable bytes were replaced."""


class MetadataWarning(UserWarning):
    """A metadata value (e.g. a date) was present but could not be understood."""


def _one_line(text: str) -> str:
    return " ".join(str(text).split())
