"""Saving and reading session files: TOML, written atomically, never overwritten when unreadable."""

from __future__ import annotations

import os
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import tomli_w
from pydantic import ValidationError

from tui_interview.domain.sessions.records import SessionRecord

SUFFIX = ".toml"


class SessionFileError(Exception):
    """A session file that cannot be read back; the message names the file and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class SessionScan:
    sessions: list[SessionRecord]
    """Readable sessions, newest first."""
    unreadable: list[SessionFileError]


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _temporary_beside(path) as (handle, temporary):
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.replace(temporary, path)
    except OSError:
        os.unlink(temporary)
        raise


@contextmanager
def _temporary_beside(path: Path) -> Iterator[tuple[IO[bytes], str]]:
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle, temporary
    except BaseException:
        os.unlink(temporary)
        raise


class SessionStore:
    """The folder of saved sessions, one TOML file each."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, session_id: str) -> Path:
        return self.folder / f"{session_id}{SUFFIX}"

    def new_id(self, stem: str) -> str:
        """``stem`` made unique among the files already saved."""
        candidate, number = stem, 1
        while self.path_for(candidate).exists():
            number += 1
            candidate = f"{stem}-{number}"
        return candidate

    def save(self, record: SessionRecord) -> Path:
        path = self.path_for(record.id)
        data = record.model_dump(mode="python", exclude_none=True)
        write_atomically(path, tomli_w.dumps(data, multiline_strings=True).encode("utf-8"))
        return path

    def load(self, path: Path) -> SessionRecord:
        try:
            data = tomllib.loads(path.read_bytes().decode("utf-8"))
        except FileNotFoundError:
            raise SessionFileError(path, "no such session file") from None
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise SessionFileError(path, f"unreadable: {error}") from None
        try:
            return SessionRecord.model_validate(data)
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            field = ".".join(str(part) for part in first["loc"])
            count = error.error_count()
            more = f" (and {count - 1} more)" if count > 1 else ""
            raise SessionFileError(path, f"field {field!r}: {first['msg']}{more}") from None

    def scan(self) -> SessionScan:
        sessions: list[SessionRecord] = []
        unreadable: list[SessionFileError] = []
        if self.folder.is_dir():
            for path in sorted(self.folder.glob(f"*{SUFFIX}")):
                try:
                    sessions.append(self.load(path))
                except SessionFileError as error:
                    unreadable.append(error)
        sessions.sort(key=lambda record: record.started_at, reverse=True)
        return SessionScan(sessions, unreadable)
