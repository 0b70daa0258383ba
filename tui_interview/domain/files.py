"""Reading the user's files safely: regular files only, up to a size limit, and TOML of sane depth.

Every file the app reads (packs, stages, sessions, the history cache) goes through :func:`read_regular_file`,
so that a FIFO never blocks, ``/dev/zero`` is never read without end and a huge file is refused before it
is parsed. :func:`parse_toml` turns a deeply nested document (``x = [[[[…]]]]``) into a clean error rather
than a ``RecursionError`` (or, for the compiled parser it prefers, a crash), and :func:`collector_paused` keeps
Python's garbage collector from re-scanning a pack's objects over and over while they are built.

The limits, and why:

- :data:`SESSION_FILE_LIMIT`, 16 MiB: a full loop has 14 questions of up to six exchanges each; even with
  every exchange holding a 200 KB paste the file stays under 16 MiB, while a 16 MiB file still parses and
  grades in seconds (a 50 MB one took 41 s and 1.8 GB).
- :data:`DATA_FILE_LIMIT`, 8 MiB: pack and stage files are written by hand; the largest shipped one is
  under 100 KB, so 8 MiB leaves room for 1 MB prompts and ten-thousand-point files.
- :data:`CACHE_FILE_LIMIT`, 64 MiB: the history cache holds about 1.5 KB per session, so this is tens of
  thousands of sessions, and a pack's validated copy is about the size of its TOML (13 MB for 5,000
  questions); a bigger cache is ignored and rebuilt (a bigger pack copy is not written).
- :data:`MAX_NESTING`, 100 levels of arrays and inline tables: real files use fewer than five, and
  Python's TOML parser runs out of stack at about 500.
"""

from __future__ import annotations

import errno
import gc
import os
import re
import stat
import tempfile
import threading
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
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

# What is not structure: strings (closed, or running to the end of the line when never closed) and comments.
# A multi-line string may end in one or two quotes of its own before its closing three ("""a"""""). The loops
# are possessive (*+): each stops at a character the next part must start with, so none ever backtracks.
_MULTI_BASIC: Final = r'""(?:(?s:[^"\\]*+(?:(?:\\.|"(?!""))[^"\\]*+)*+)"{3,5}|[^\n]*+)'
_BASIC: Final = r'[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'
_MULTI_LITERAL: Final = r"''(?:(?s:[^']*+(?:'(?!'')[^']*+)*+)'{3,5}|[^\n]*+)"
_LITERAL: Final = r"[^'\n]*+'"
_NOT_STRUCTURE: Final = re.compile(
    rf"\"(?:{_MULTI_BASIC}|{_BASIC}|[^\n]*+)"  # a multi-line or one-line basic string, or one never closed
    rf"|'(?:{_MULTI_LITERAL}|{_LITERAL}|[^\n]*+)"  # the same for literal strings
    r"|#[^\n]*+"
)
_AS_PARENTHESES: Final = bytes.maketrans(b"[{]}", b"(())")
_NOT_A_BRACKET: Final = bytes(sorted(set(range(256)) - set(b"[]{}")))


def nesting_depth_exceeds(text: str, limit: int = MAX_NESTING) -> bool:
    """Whether arrays and inline tables in the TOML ``text`` nest deeper than ``limit``.

    A cheap scan that never recurses, so it is safe on any input: strings and comments are cut out by one
    regular expression, and the brackets left are paired off with ``bytes.replace``, one pass per level of
    nesting; only a document with both unclosed brackets and deep nesting is walked bracket by bracket. It
    does not validate: a malformed document is left to the parser (a closing bracket with nothing open
    counts for nothing).
    """
    skeleton = _NOT_STRUCTURE.sub("", text).encode("utf-8", "surrogatepass")
    brackets = skeleton.translate(_AS_PARENTHESES, _NOT_A_BRACKET)
    if brackets.count(b"(") <= limit:
        return False
    height, residue = _matched_height(brackets, limit)
    unclosed = residue.count(b"(")
    if height > limit or unclosed > limit:
        return True
    return height + unclosed > limit and _walk_exceeds(brackets, limit)


def _matched_height(brackets: bytes, limit: int) -> tuple[int, bytes]:
    """How deep the matched pairs nest (at most ``limit + 1``), and the unmatched brackets left (``)))((``)."""
    height = 0
    while height <= limit:
        inner_pairs_removed = brackets.replace(b"()", b"")
        if len(inner_pairs_removed) == len(brackets):
            break
        brackets, height = inner_pairs_removed, height + 1
    return height, brackets


def _walk_exceeds(brackets: bytes, limit: int) -> bool:
    depth = 0
    for bracket in brackets:
        depth = depth + 1 if bracket == ord("(") else max(depth - 1, 0)
        if depth > limit:
            return True
    return False


def parse_toml(text: str, max_nesting: int = MAX_NESTING) -> dict[str, Any]:
    """The TOML ``text`` as a dictionary, refusing documents nested deeper than ``max_nesting``.

    Raise ``tomllib.TOMLDecodeError`` for a syntax error and :class:`TooDeeplyNestedError` for a document
    too deep to parse (found by the pre-check, or by the parser running out of stack).

    The compiled ``tomli`` parser reads it when it is installed and reads TOML exactly as ``tomllib`` does
    (see :func:`fast_toml_loads`); it is about three times as fast. A syntax error is always reported by
    ``tomllib``, so its wording does not depend on which parser is installed. The compiled parser recurses
    on the C stack, so it only reads documents that the pre-check has limited to :data:`MAX_NESTING`.
    """
    if nesting_depth_exceeds(text, max_nesting):
        raise TooDeeplyNestedError(max_nesting)
    fast_loads = fast_toml_loads() if max_nesting <= MAX_NESTING else None
    if fast_loads is not None:
        try:
            return fast_loads(text)
        except ValueError:  # a syntax error: tomllib reads the text again below, to report it in its own words
            pass
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise TooDeeplyNestedError(max_nesting) from None


# Documents that TOML 1.1 reads and TOML 1.0 refuses: trailing commas and newlines in inline tables, the \e and
# \xHH escapes, times without seconds. Python 3.11 to 3.14's tomllib reads TOML 1.0; tomli from 2.4 reads 1.1.
_DIALECT_PROBES: Final = (
    "x = {a = 1,}\n",
    "x = {\na = 1\n}\n",
    'x = "\\e"\n',
    'x = "\\x41"\n',
    "x = 10:30\n",
)


@cache
def fast_toml_loads() -> Callable[[str], dict[str, Any]] | None:
    """``tomli.loads`` if tomli is installed and reads every dialect probe as ``tomllib`` does, else None.

    A pack must mean the same, and be valid or not, whichever parser reads it: a ``tomli`` that reads a newer
    TOML than this Python's ``tomllib`` is not used.
    """
    try:
        import tomli
    except ImportError:
        return None
    if all(_outcome(tomli.loads, probe) == _outcome(tomllib.loads, probe) for probe in _DIALECT_PROBES):
        return tomli.loads
    return None


def _outcome(loads: Callable[[str], dict[str, Any]], probe: str) -> object:
    try:
        return loads(probe)
    except ValueError:
        return "refused"


# Loading many files at once --------------------------------------------------------------------------------

_collector_lock: Final = threading.Lock()
_collector_pauses = 0
_collector_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a pack's hundreds of thousands of objects are built.

    A collection starts every 700 new objects and traverses every young object, and the older generations
    are traversed again as they grow: on a 5,000-question pack that was two thirds of validation time and a
    quarter of parsing. Reference counting still frees everything that is not a cycle meanwhile. When the
    last pause ends (pauses from several threads nest), the objects still alive are moved to the oldest
    generation at no cost (``gc.freeze`` then ``gc.unfreeze``) instead of being traversed at once by a young
    collection (~80 ms for that pack): the pack lives as long as the process, and the next full collection
    looks at them, as at any long-lived object, and at any cycle among them.
    """
    global _collector_pauses, _collector_was_enabled
    with _collector_lock:
        if _collector_pauses == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _collector_pauses += 1
    try:
        yield
    finally:
        with _collector_lock:
            _collector_pauses -= 1
            if _collector_pauses == 0 and _collector_was_enabled:
                gc.freeze()
                gc.unfreeze()
                gc.enable()


def write_atomically(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one.

    ``durable=False`` skips flushing the data to the disk before the rename, for a cache that is checked
    when read and rebuilt when torn: a power cut may then leave it empty or partial, never a mix of two files
    (writing the 13 MB copy of a large pack, the flush took 10 to 120 ms).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with _temporary_beside(path) as (handle, temporary):
        handle.write(data)
        handle.flush()
        if durable:
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
