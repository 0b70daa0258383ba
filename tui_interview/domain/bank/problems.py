"""Locating problems in user-editable TOML files and reporting them one line each."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, located as precisely as the input allows."""

    file: Path
    message: str
    question: str | None = None
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = [str(self.file)]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.question is not None:
            where.append(f"question {self.question!r}")
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
    """Parse ``path``; on failure append a located problem and return None."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(Problem(path, f"not UTF-8 text (byte {error.start}); save the file as UTF-8"))
        return None
    except OSError as error:
        problems.append(Problem(path, f"cannot be read: {error.strerror}"))
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, message = _toml_error_location(str(error))
        problems.append(Problem(path, f"TOML syntax error: {message}", line=line))
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
