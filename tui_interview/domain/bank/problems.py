"""Locating problems in user-editable TOML files and reporting them one line each."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from tui_interview.domain.files import (
    DATA_FILE_LIMIT,
    TooDeeplyNestedError,
    UnsafeFileError,
    parse_toml,
    read_regular_file,
)

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, located as precisely as the input allows."""

    file: Path
    message: str
    question: str | None = None
    line: int | None = None
    field: str | None = None
    subject: str = "question"
    """What ``question`` names: a question of a pack, or a story of the story bank."""

    def __str__(self) -> str:
        where = [str(self.file)]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.question is not None:
            where.append(f"{self.subject} {self.question!r}")
        if self.field:
            where.append(f"field {self.field!r}")
        return f"{': '.join(where)}: {self.message}"


class DataFileError(Exception):
    """Raised when user data cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class PackError(DataFileError):
    """A question pack is invalid."""


class StageError(DataFileError):
    """A stage or loop definition is invalid."""


def read_toml(path: Path, problems: list[Problem]) -> dict[str, Any] | None:
    """Parse ``path``; on failure append a located problem and return None.

    Only a regular file of at most :data:`~tui_interview.domain.files.DATA_FILE_LIMIT` bytes is read (a FIFO
    or a device is reported, never waited on), and a document nested too deeply to parse is reported too.
    """
    try:
        raw = read_regular_file(path, DATA_FILE_LIMIT)
    except OSError as error:
        problems.append(unreadable(path, error))
        return None
    return toml_from_bytes(path, raw, problems)


def unreadable(path: Path, error: OSError) -> Problem:
    """The problem of a file that :func:`~tui_interview.domain.files.read_regular_file` refused or failed on."""
    if isinstance(error, UnsafeFileError):
        return Problem(path, f"cannot be read: {error.reason}")
    return Problem(path, f"cannot be read: {error.strerror or error}")


def toml_from_bytes(path: Path, raw: bytes, problems: list[Problem]) -> dict[str, Any] | None:
    """Parse ``raw``, the bytes read from ``path``, as :func:`read_toml` does."""
    try:
        text = raw.decode("utf-8-sig")  # a BOM (Notepad) is fine
    except UnicodeDecodeError as error:
        problems.append(Problem(path, f"not UTF-8 text (byte {error.start}); save the file as UTF-8"))
        return None
    try:
        return parse_toml(text)
    except TooDeeplyNestedError as error:
        problems.append(Problem(path, f"cannot be read: {error}"))
        return None
    except tomllib.TOMLDecodeError as error:
        line, message = _toml_error_location(str(error))
        problems.append(Problem(path, f"TOML syntax error: {message}", line=line))
        return None


def validate_model(
    model: type[M], data: Any, path: Path, problems: list[Problem], question: str | None = None, line: int | None = None
) -> M | None:
    """``model.model_validate(data)``; on failure append one problem per error and return None."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems.extend(validation_problems(path, error, question=question, line=line))
    except RecursionError:
        problems.append(Problem(path, "nested too deeply to check", question, line))
    return None


_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")


def _toml_error_location(message: str) -> tuple[int | None, str]:
    match = _AT_LINE.search(message)
    if match:
        return int(match.group(1)), f"{message[: match.start()]} (column {match.group(2)})"
    return None, _AT_END.sub(" (at end of file)", message)


def validation_problems(
    path: Path, error: ValidationError, question: str | None = None, line: int | None = None
) -> list[Problem]:
    """One problem per pydantic error, naming the dotted field path."""
    found = []
    for item in error.errors(include_url=False):
        field = ".".join(str(part) for part in item["loc"])
        unknown = item["type"] == "extra_forbidden"
        message = "unknown field (check the spelling)" if unknown else item["msg"]
        found.append(Problem(path, message, question, line, field or None))
    return found
