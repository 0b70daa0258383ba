"""Which sessions are open in a window: a lock per session file, held while a window plays the session.

Two windows on one data folder must not both play one session: both would save to the same file and the
last writer would silently win. So a window takes the session's lock before it starts or resumes it, and a
session whose lock another process holds is not resumed (:class:`SessionInUseError`).

The locks are ``filelock.FileLock`` files in ``locks/`` beside ``sessions/``, one per session file name
(``locks/20261201-143005-loop.toml.lock``). They are operating-system locks (``flock`` on Linux and macOS,
``LockFileEx`` on Windows), which the system releases when the process holding them ends, however it ends:
a lock left by a killed window is therefore stale by construction and the next window simply takes it
(``tests/test_two_windows.py`` kills a process holding one). The file that stays behind means nothing.

A lock is a courtesy between windows, not a condition of saving: if ``locks/`` cannot be created (a
read-only data folder), the session is played without one.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

LOCKS_FOLDER = "locks"
LOCK_SUFFIX = ".lock"


class SessionInUseError(Exception):
    """Another window (another process) holds the session's lock."""

    def __init__(self, session_path: Path) -> None:
        self.session_path = session_path
        super().__init__(f"{session_path.name} is open in another tui-interview window")


class SessionLock:
    """The lock on one session file, held by this process until :meth:`release` or until it ends."""

    def __init__(self, locks_folder: Path, session_path: Path) -> None:
        self.session_path = Path(session_path)
        self.path = Path(locks_folder) / f"{self.session_path.name}{LOCK_SUFFIX}"
        # Not thread-local: a worker thread may check a lock that the UI thread later releases.
        self._lock = FileLock(self.path, timeout=0, thread_local=False)

    @property
    def held(self) -> bool:
        """Whether this object holds the lock now."""
        return self._lock.is_locked

    def acquire(self) -> bool:
        """Take the lock without waiting; False if no lock file can be made here (the session goes unlocked).

        Raise :class:`SessionInUseError` if another process holds it.
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire(timeout=0)
        except Timeout:
            raise SessionInUseError(self.session_path) from None
        except OSError:
            return False
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)


def lock_session(locks_folder: Path, session_path: Path) -> SessionLock | None:
    """Hold the lock of ``session_path``, or None when no lock can be kept in ``locks_folder``.

    Raise :class:`SessionInUseError` if another window holds it.
    """
    lock = SessionLock(locks_folder, session_path)
    return lock if lock.acquire() else None


def open_elsewhere(locks_folder: Path, session_path: Path) -> bool:
    """Whether another window holds the lock of ``session_path`` right now (a lock that cannot be checked is not)."""
    lock = SessionLock(locks_folder, session_path)
    try:
        held = lock.acquire()
    except SessionInUseError:
        return True
    if held:
        lock.release()
    return False
