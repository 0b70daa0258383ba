"""Saving and reading session files: TOML, written atomically, never overwritten when unreadable.

The file name is a session's identity. A record read from a file is always saved back to that file (see
:attr:`SessionRecord.source`), whatever its ``id`` field says; a new session gets a file named after its
id, which must have the form the app gives ids, and never replaces a file already there. Nothing is
written outside the sessions folder or through a symbolic link, and a file is read only if it is a regular
file of at most :data:`~tui_interview.domain.files.SESSION_FILE_LIMIT` bytes.
"""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from pathlib import Path

import tomli_w
from pydantic import ValidationError

from tui_interview.domain.bounds import MAX_FORMAT
from tui_interview.domain.files import (
    SESSION_FILE_LIMIT,
    FileTooLargeError,
    TooDeeplyNestedError,
    UnsafeFileError,
    kind_of,
    parse_toml,
    read_regular_file,
    size_label,
    write_atomically,
)
from tui_interview.domain.sessions.records import SESSION_FORMAT, SESSION_ID_PATTERN, SessionRecord, is_session_id

SUFFIX = ".toml"


class SessionFileError(Exception):
    """A session file that cannot be read back; the message names the file and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class UnsafeSaveError(UnsafeFileError):
    """A save refused because it would write outside the sessions folder, through a link, or over a file
    that is not this session's. An ``OSError``, like every other failed save: ``strerror`` says why."""


class SessionStore:
    """The folder of saved sessions, one TOML file each."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, session_id: str) -> Path:
        """Where a new session with ``session_id`` is saved (the id is checked when it is saved)."""
        return self.folder / f"{session_id}{SUFFIX}"

    def new_id(self, stem: str) -> str:
        """``stem`` (of the form ``20261201-143005-loop``) made unique among the files in the folder."""
        if not is_session_id(stem):
            raise ValueError(f"not a session id: {stem!r} (expected {SESSION_ID_PATTERN})")
        candidate, number = stem, 1
        while os.path.lexists(self.path_for(candidate)):  # a dangling link or a folder takes the name too
            number += 1
            candidate = f"{stem}-{number}"
        return candidate

    def save(self, record: SessionRecord) -> Path:
        """Save ``record`` to the file it came from, or a new session to the file named after its id.

        Raise :class:`UnsafeSaveError` (an ``OSError``) rather than write outside the sessions folder,
        through a symbolic link, or over a file that is not this session's; any other ``OSError`` of
        writing (a full disk, a read-only folder) propagates, and the old file is left as it was.
        """
        if record.source is not None:
            path = self.writable_path(record.source)
        else:
            if not is_session_id(record.id):
                raise UnsafeSaveError(self.path_for(record.id), f"not a session id: {record.id!r}")
            path = self.writable_path(self.path_for(record.id))
            if os.path.lexists(path):
                raise UnsafeSaveError(path, "a file of that name already exists; a new session never replaces it")
        record.format = record.required_format()
        data = record.model_dump(mode="python", exclude_none=True)
        write_atomically(path, tomli_w.dumps(data, multiline_strings=True).encode("utf-8"))
        record._source = path
        return path

    def writable_path(self, path: Path) -> Path:
        """``path`` if a session may be written there, else raise :class:`UnsafeSaveError`.

        It must be a ``*.toml`` name directly in the sessions folder (links in the folder's own path are
        resolved, so the folder may itself be a link) and, if it exists, a regular file, not a link.
        """
        path = Path(path)
        if not path.name.endswith(SUFFIX) or path.name.startswith("."):
            raise UnsafeSaveError(path, "not a session file name (NAME.toml)")
        try:
            inside = path.parent.resolve() == self.folder.resolve()
        except (OSError, RuntimeError, ValueError):  # a link loop, a NUL byte
            inside = False
        if not inside:
            raise UnsafeSaveError(path, f"outside the sessions folder {self.folder}", errno.EPERM)
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return path
        if stat.S_ISLNK(info.st_mode):
            raise UnsafeSaveError(path, "a symbolic link; sessions are never written through links", errno.EPERM)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeSaveError(path, f"{kind_of(info.st_mode)} where the session file should be", errno.EPERM)
        return path

    def load(self, path: Path) -> SessionRecord:
        """Read the session in ``path``; raise :class:`SessionFileError` naming the reason it cannot be read.

        The record remembers ``path`` as its :attr:`~SessionRecord.source`: it is saved back there.
        """
        path = Path(path)
        try:
            raw = read_regular_file(path, SESSION_FILE_LIMIT)
        except FileNotFoundError:
            raise SessionFileError(path, "no such session file") from None
        except FileTooLargeError as error:
            reason = f"too large to read: {size_label(error.size)} (the limit is {size_label(error.limit)})"
            raise SessionFileError(path, reason) from None
        except UnsafeFileError as error:
            raise SessionFileError(path, f"unreadable: {error.reason}") from None
        except OSError as error:
            raise SessionFileError(path, f"unreadable: {error.strerror or error}") from None
        try:
            data = parse_toml(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            raise SessionFileError(path, f"unreadable: not UTF-8 text (byte {error.start})") from None
        except (tomllib.TOMLDecodeError, TooDeeplyNestedError) as error:
            raise SessionFileError(path, f"unreadable: {error}") from None
        saved_format = data.get("format")
        if type(saved_format) is int and SESSION_FORMAT < saved_format <= MAX_FORMAT:
            newer = f"session format {saved_format}; this version reads up to {SESSION_FORMAT}"
            raise SessionFileError(path, f"written by a newer tui-interview ({newer})")
        try:
            record = SessionRecord.model_validate(data)
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            field = ".".join(str(part) for part in first["loc"])
            count = error.error_count()
            more = f" (and {count - 1} more)" if count > 1 else ""
            raise SessionFileError(path, f"field {field!r}: {first['msg']}{more}") from None
        except RecursionError:
            raise SessionFileError(path, "unreadable: nested too deeply to check") from None
        record._source = path
        return record
