"""Two windows on one data folder (issue 10, item 13): a session open in one cannot be resumed in the other.

"Another window" is another lock on the same file: in this process a second ``FileLock`` on a file is
refused just as one in another process is (the OS lock belongs to the open file, not the process); a real
second process is used where it matters, to show that a killed window's lock is taken over.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.helpers import REPO, SHIPPED_STAGES, TEST_PACK, AppMaker, drive, press, start_session, type_text
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.lock import (
    LOCKS_FOLDER,
    SessionInUseError,
    SessionLock,
    lock_session,
    open_elsewhere,
)
from tui_interview.domain.sessions.run import ResumeError
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.settings import PracticeChoice, Settings
from tui_interview.domain.workspace import Workspace
from tui_interview.ui.screens.dialogs import ConfirmDialog
from tui_interview.ui.screens.home import HomeScreen
from tui_interview.ui.screens.stage import StageScreen

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tui_interview.domain.sessions.lock import lock_session

    lock = lock_session(Path(sys.argv[1]), Path(sys.argv[2]))
    print("locked" if lock is not None else "no lock", flush=True)
    time.sleep(120)
    """
)


OtherWindow = Callable[[Path, Path], SessionLock]


@pytest.fixture
def other_window() -> Iterator[OtherWindow]:
    """Take a session's lock as another window would (``hold(locks_folder, session_path)``); all released at the end."""
    held: list[SessionLock] = []

    def hold(locks_folder: Path, session_path: Path) -> SessionLock:
        lock = SessionLock(locks_folder, session_path)
        assert lock.acquire()
        held.append(lock)
        return lock

    yield hold
    for lock in held:
        lock.release()


def in_progress_session(data_home: Path) -> Path:
    """A loop started and saved as a window would leave it, with its first stage running."""
    loop = start_session(SessionStore(data_home / "sessions"), pack=load_pack(TEST_PACK))
    loop.stage().start()
    return loop.checkpoint()


def test_a_second_lock_on_a_session_is_refused_until_the_first_is_released(tmp_path: Path) -> None:
    session = tmp_path / "sessions" / "20261126-093000-loop.toml"
    first = lock_session(tmp_path / LOCKS_FOLDER, session)
    assert first is not None
    assert (tmp_path / LOCKS_FOLDER / "20261126-093000-loop.toml.lock").exists()  # inside the data folder
    assert open_elsewhere(tmp_path / LOCKS_FOLDER, session)
    with pytest.raises(SessionInUseError, match="open in another tui-interview window"):
        lock_session(tmp_path / LOCKS_FOLDER, session)
    first.release()
    assert not open_elsewhere(tmp_path / LOCKS_FOLDER, session)
    again = lock_session(tmp_path / LOCKS_FOLDER, session)
    assert again is not None
    again.release()


def test_no_lock_is_taken_where_none_can_be_made(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", encoding="utf-8")
    session = tmp_path / "sessions" / "x.toml"
    assert lock_session(not_a_folder / LOCKS_FOLDER, session) is None
    assert not open_elsewhere(not_a_folder / LOCKS_FOLDER, session)


def test_the_lock_of_a_killed_window_is_stale_and_taken_over(tmp_path: Path) -> None:
    locks, session = tmp_path / LOCKS_FOLDER, tmp_path / "sessions" / "20261126-093000-loop.toml"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(locks), str(session)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        assert open_elsewhere(locks, session)
        with pytest.raises(SessionInUseError):
            lock_session(locks, session)
        holder.send_signal(signal.SIGKILL)  # no clean-up runs: the OS alone releases the lock
        holder.wait(timeout=30)
    finally:
        if holder.poll() is None:
            holder.kill()
    assert (locks / f"{session.name}.lock").exists()  # the file stays behind; it means nothing
    assert not open_elsewhere(locks, session)
    taken = lock_session(locks, session)
    assert taken is not None
    taken.release()


def test_a_session_open_in_another_window_is_not_offered_for_resume(
    make_app: AppMaker, data_home: Path, other_window: OtherWindow
) -> None:
    path = in_progress_session(data_home)
    elsewhere = other_window(data_home / LOCKS_FOLDER, path)
    app = make_app()

    async def steps(_pilot: Pilot[int]) -> None:
        assert isinstance(app.screen, HomeScreen)  # no resume offer
        notes = [n.message for n in app._notifications]
        assert any("is open in another tui-interview window" in note for note in notes)
        elsewhere.release()  # the other window is closed

    drive(app, steps)
    second = make_app()

    async def now_offered(pilot: Pilot[int]) -> None:
        assert isinstance(second.screen, ConfirmDialog)
        await press(pilot, "y", "enter")
        assert isinstance(second.screen, StageScreen)
        assert open_elsewhere(data_home / LOCKS_FOLDER, path)  # this window holds it now

    drive(second, now_offered)


def test_resuming_a_session_open_elsewhere_is_refused(data_home: Path, other_window: OtherWindow) -> None:
    path = in_progress_session(data_home)
    workspace = Workspace(Settings(pack_path=TEST_PACK, stages_path=SHIPPED_STAGES, data_home=data_home))
    record = workspace.store.load(path)
    elsewhere = other_window(data_home / LOCKS_FOLDER, path)
    with pytest.raises(ResumeError, match="open in another tui-interview window"):
        workspace.resume(record, FakeClock(), lambda: record.started_at)
    elsewhere.release()
    run = workspace.resume(record, FakeClock(), lambda: record.started_at)
    assert run.lock is not None
    assert run.lock.held
    run.close()
    assert not open_elsewhere(workspace.locks_folder, path)


def test_a_window_holds_the_session_it_plays_until_it_quits(make_app: AppMaker, data_home: Path) -> None:
    app = make_app(start="practice", practice=PracticeChoice(stage="behavioral"))

    async def steps(pilot: Pilot[int]) -> None:
        screen = app.screen
        assert isinstance(screen, StageScreen)
        source = screen.run.record.source
        assert source is not None
        assert open_elsewhere(data_home / LOCKS_FOLDER, source)
        await type_text(pilot, "mine")
        await press(pilot, "ctrl+q", "y")

    drive(app, steps)
    [path] = (data_home / "sessions").glob("*.toml")
    assert not open_elsewhere(data_home / LOCKS_FOLDER, path)
