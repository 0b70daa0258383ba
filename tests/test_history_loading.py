"""Reading history on the UI side (issue 10, items 8 and 10).

- Two session files with the same id (a backup copy) are two rows of the History screen, not a crash.
- The saved sessions are read in a worker thread, at start-up and on the History screen, which stays usable.
"""

from __future__ import annotations

import asyncio
import shutil
import threading
from itertools import repeat
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from tests.helpers import SIZE, AppMaker, drive, played_session, press, settle
from tui_interview.domain.history.index import HistoryIndex, HistoryView
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.ui.screens.history import HistoryScreen
from tui_interview.ui.screens.home import HomeScreen
from tui_interview.ui.screens.report import ReportScreen


def test_two_files_with_one_id_are_two_rows(make_app: AppMaker, data_home: Path) -> None:
    store = SessionStore(data_home / "sessions")
    path = played_session(store, repeat("First I look at the p99."), stages=["recruiter"]).checkpoint()
    backup = path.with_name("backup-copy.toml")
    shutil.copy(path, backup)
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "h")
        history = app.screen
        assert isinstance(history, HistoryScreen)
        table = history.query_one(DataTable)
        assert sorted(str(row.key.value) for row in table.ordered_rows) == sorted([path.name, backup.name])
        await press(pilot, "s")  # the table is filled again in another order
        assert table.row_count == 2
        table.move_cursor(row=[str(r.key.value) for r in table.ordered_rows].index(backup.name))
        await press(pilot, "enter")
        report = app.screen
        assert isinstance(report, ReportScreen)
        assert report.session.record.source == backup

    drive(app, steps)


class BlockedHistory:
    """``HistoryIndex.load`` held up until released, noting which threads it ran on."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []
        self.original = HistoryIndex.load

    def __call__(self, index: HistoryIndex) -> HistoryView:
        self.threads.append(threading.current_thread())
        self.release.wait(timeout=10)
        return self.original(index)


@pytest.fixture
def blocked_history(monkeypatch: pytest.MonkeyPatch) -> BlockedHistory:
    blocked = BlockedHistory()

    def load(index: HistoryIndex) -> HistoryView:
        return blocked(index)

    monkeypatch.setattr(HistoryIndex, "load", load)
    return blocked


def test_history_is_read_off_the_ui_thread_and_the_screens_stay_usable(
    make_app: AppMaker, data_home: Path, blocked_history: BlockedHistory
) -> None:
    played_session(SessionStore(data_home / "sessions"), repeat("ok"), stages=["recruiter"])
    app = make_app()

    async def steps() -> None:
        async with app.run_test(size=SIZE) as pilot:  # not drive(): it would wait for the read to finish
            await usable_while_reading(pilot)

    async def usable_while_reading(pilot: Pilot[int]) -> None:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # shown, and answering keys, while the start-up read waits
        assert not app.sessions_read
        await pilot.press("h")
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        assert str(history.query_one("#history-hint", Static).content) == "Reading your sessions…"
        await pilot.press("s")  # sorting before anything is read is harmless
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("h")
        await pilot.pause()
        blocked_history.release.set()
        await settle(pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen)
        assert history.query_one(DataTable).row_count == 1
        assert app.sessions_read

    asyncio.run(steps())
    assert blocked_history.threads
    assert all(thread is not threading.main_thread() for thread in blocked_history.threads)
