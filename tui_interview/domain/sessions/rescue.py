"""A copy of a session that cannot be saved where it belongs, written wherever it still can be.

When the sessions folder cannot be written (a full disk, a read-only or missing folder), the app keeps the
session in memory and retries; if it still cannot save when the candidate quits, :func:`write_rescue_copy`
writes the session to the first folder of :func:`rescue_folders` that accepts it, so that the quit message
can say where it is. The copy is an ordinary session file: moved into the sessions folder, it resumes.

Each copy gets a new name (never replacing a file) and is readable by its owner only, as it holds answers.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from tui_interview.domain.sessions.records import SessionRecord

RESCUE_PREFIX = "tui-interview-unsaved-"


@dataclass(frozen=True)
class RescueResult:
    """Where the copy went, or why it went nowhere."""

    path: Path | None
    """The copy written, or None when no folder would take it."""
    failures: tuple[tuple[Path, str], ...] = ()
    """Each folder tried before (or instead of) the one that worked, and why it failed."""


def failure_reason(error: OSError) -> str:
    """Why a save failed, in a few words: ``No space left on device``, ``Read-only file system``."""
    return error.strerror or str(error) or type(error).__name__


def rescue_folders(data_home: Path) -> list[Path]:
    """Where a copy is tried, in order: the data folder itself (only ``sessions/`` may be broken), the user's
    home folder, which survives a restart, then the temporary folder, often another file system."""
    folders = [Path(data_home)]
    with contextlib.suppress(RuntimeError):  # no home folder can be determined
        folders.append(Path.home())
    folders.append(Path(tempfile.gettempdir()))
    return list(dict.fromkeys(folders))


def write_rescue_copy(record: SessionRecord, folders: Iterable[Path]) -> RescueResult:
    """Write ``record`` as a new file in the first of ``folders`` that takes it."""
    data = tomli_w.dumps(record.model_dump(mode="python", exclude_none=True), multiline_strings=True).encode("utf-8")
    stem = record.source.stem if record.source is not None else record.id
    failures: list[tuple[Path, str]] = []
    for folder in folders:
        try:
            path = _write_new_file(Path(folder), f"{RESCUE_PREFIX}{stem}-", data)
        except OSError as error:
            failures.append((Path(folder), failure_reason(error)))
        else:
            return RescueResult(path, tuple(failures))
    return RescueResult(None, tuple(failures))


def _write_new_file(folder: Path, prefix: str, data: bytes) -> Path:
    """``data`` in a new file named ``prefix…toml`` in ``folder``, created with mode 0600 and synced to disk."""
    descriptor, name = tempfile.mkstemp(prefix=prefix, suffix=".toml", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)
