"""Reading the user's files safely: regular files only, up to a size limit, and TOML of sane depth.

Every file the app reads (packs, stages, sessions, the history cache) goes through :func:`read_regular_file`,
so that a FIFO never blocks, ``/dev/zero`` is never read without end and a huge file is refused before it
is parsed. :func:`parse_toml` turns a deeply nested document (``x = [[[[…]]]]``) into a clean error rather
than a ``RecursionError``.

The limits, and why:

- :data:`SESSION_FILE_LIMIT`, 16 MiB: a full loop has 14 questions of up to six exchanges each; even with
  every exchange holding a 200 KB paste the file stays under 16 MiB, while a 16 MiB file still parses and
  grades in seconds (a 50 MB one took 41 s and 1.8 GB).
- :data:`DATA_FILE_LIMIT`, 8 MiB: pack and stage files are written by hand; the largest shipped one is
  under 100 KB, so 8 MiB leaves room for 1 MB prompts and ten-thousand-point files.
- :data:`CACHE_FILE_LIMIT`, 64 MiB: the history cache holds about 1.5 KB per session, so this is tens of
  thousands of sessions; a bigger cache is ignored and rebuilt.
- :data:`MAX_NESTING`, 100 levels of arrays and inline tables: real files use fewer than five, and
  Python's TOML parser runs out of stack at about 500.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Final

MIB: Final = 1024 * 1024
SESSION_FILE_LIMIT: Final = 16 * MIB
DATA_FILE_LIMIT: Final = 8 * MIB
CACHE_FILE_LIMIT: Final = 64 * MIB
MAX_NESTING: Final = 100


class UnsafeFileError(OSError):
    """A path that is not read (or written) because of what it is: the ``strerror`` says why."""

    def __init__(self, path: Path, reason: str, code: int = errno.EINVAL) -> None:
        super().__init__(code, reason, str(path))
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class NotRegularFileError(UnsafeFileError):
    """A folder, FIFO, device or socket where a file was expected."""


class FileTooLargeError(UnsafeFileError):
    """A file above the size limit for its kind; it is not read."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(path, f"too large: {size_label(size)} (the limit is {size_label(limit)})", errno.EFBIG)
        self.size = size
        self.limit = limit


class TooDeeplyNestedError(ValueError):
    """A TOML document nested deeper than :data:`MAX_NESTING`; it is not parsed."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"nested more than {limit} levels deep (arrays or inline tables)")
        self.limit = limit


def size_label(size: int) -> str:
    """``512 bytes``, ``12.3 KB`` or ``16.0 MB`` (powers of 1024)."""
    if size < 1024:
        return f"{size} bytes"
    if size < MIB:
        return f"{size / 1024:.1f} KB"
    return f"{size / MIB:.1f} MB"


def kind_of(mode: int) -> str:
    """What a ``st_mode`` is, in words: ``a folder``, ``a FIFO``…"""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link"),
    )
    return next((label for test, label in kinds if test(mode)), "not a regular file")


_OPEN_FLAGS: Final = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Raise :class:`NotRegularFileError` (a folder, FIFO, device…), :class:`FileTooLargeError`, or the
    ``OSError`` of opening or reading. The file is opened without blocking and checked with ``fstat``
    before anything is read, so a FIFO or a device never hangs or floods the reader. Symbolic links are
    followed; callers that must not follow them check with ``lstat`` first.
    """
    path = Path(path)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except IsADirectoryError:
        raise NotRegularFileError(path, "not a regular file (a folder)", errno.EISDIR) from None
    except ValueError as error:  # an embedded NUL byte in the path
        raise UnsafeFileError(path, f"not a usable path ({error})") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(path, f"not a regular file ({kind_of(info.st_mode)})")
        if info.st_size > limit:
            raise FileTooLargeError(path, info.st_size, limit)
        chunks: list[bytes] = []
        remaining = limit + 1  # one byte more than allowed tells a file that grew while being read
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, MIB))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise FileTooLargeError(path, len(data), limit)
        return data
    finally:
        os.close(descriptor)


# TOML --------------------------------------------------------------------------------------------------------

# What matters for nesting outside strings and comments: brackets, braces, quotes and comment starts.
_TOKEN: Final = re.compile(r"\"\"\"|'''|[\"'#\[\]{}]")
_BASIC_END: Final = re.compile(r'(?:[^"\\\n]|\\.)*"')
_LITERAL_END: Final = re.compile(r"[^'\n]*'")
_MULTI_BASIC_END: Final = re.compile(r'(?:[^"\\]|\\.|"(?!""))*"""', re.DOTALL)
_MULTI_LITERAL_END: Final = re.compile(r"(?:[^']|'(?!''))*'''", re.DOTALL)
_STRING_ENDS: Final = {'"': _BASIC_END, "'": _LITERAL_END, '"""': _MULTI_BASIC_END, "'''": _MULTI_LITERAL_END}


def nesting_depth_exceeds(text: str, limit: int = MAX_NESTING) -> bool:
    """Whether arrays and inline tables in the TOML ``text`` nest deeper than ``limit``.

    A cheap scan (strings and comments skipped) that never recurses, so it is safe on any input. It does
    not validate: a malformed document is left to the parser.
    """
    depth, position = 0, 0
    while True:
        match = _TOKEN.search(text, position)
        if match is None:
            return False
        token, position = match.group(), match.end()
        if token in "[{":
            depth += 1
            if depth > limit:
                return True
        elif token in "]}":
            depth = max(depth - 1, 0)
        elif token == "#":
            newline = text.find("\n", position)
            if newline < 0:
                return False
            position = newline + 1
        else:
            end = _STRING_ENDS[token].match(text, position)
            if end is None:
                newline = text.find("\n", position)  # an unclosed string: the parser will say so
                if newline < 0:
                    return False
                position = newline + 1
            else:
                position = end.end()


def parse_toml(text: str, max_nesting: int = MAX_NESTING) -> dict[str, Any]:
    """``tomllib.loads(text)``, refusing documents nested deeper than ``max_nesting``.

    Raise ``tomllib.TOMLDecodeError`` for a syntax error and :class:`TooDeeplyNestedError` for a document
    too deep to parse (found by the pre-check, or by the parser running out of stack).
    """
    if nesting_depth_exceeds(text, max_nesting):
        raise TooDeeplyNestedError(max_nesting)
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise TooDeeplyNestedError(max_nesting) from None


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
