"""The candidate view on screen: it follows the session file as another window saves it, and never writes it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.follow_sessions import FIRST_PROMPT_WORDS, FIRST_STEP_WORDS, finish_stage, interview
from tests.helpers import FollowingWallClock, run_cli
from tests.scenarios import screen_rows
from tui_interview.app_factory import build_follow_app
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.run import LoopRun
from tui_interview.ui.follow_app import FollowApp
from tui_interview.ui.screens.follow import FollowScreen

WAIT_SECONDS = 10.0
"""The longest a test waits for the view to catch up with a save (it takes ~0.1 s: the watcher's quiet time)."""


def follow_app(path: Path, clock: FakeClock, tmp_path: Path) -> FollowApp:
    app = build_follow_app(path, now=FollowingWallClock(clock), config_path=tmp_path / "no-config.toml")
    app.animation_level = "none"
    return app


def shown(app: FollowApp) -> str:
    return "\n".join(screen_rows(app))


async def until(pilot: Pilot[Any], condition: Callable[[], bool]) -> None:
    """Wait, briefly and at most :data:`WAIT_SECONDS`, until ``condition`` holds; fail if it never does."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, "the view did not catch up with the file"
        await pilot.pause(0.02)
    await pilot.pause()


async def until_shown(pilot: Pilot[Any], text: str) -> None:
    app = pilot.app
    assert isinstance(app, FollowApp)
    await until(pilot, lambda: text in " ".join(shown(app).split()))


def follow_screen(app: FollowApp) -> FollowScreen:
    screen = app.screen
    assert isinstance(screen, FollowScreen)
    return screen


def run_following(app: FollowApp, steps: Callable[[Pilot[int]], Any]) -> None:
    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await steps(pilot)

    asyncio.run(go())


def test_the_view_follows_each_save_of_the_interviewer_window(tmp_path: Path) -> None:
    clock = FakeClock()
    loop = interview(tmp_path, clock)
    app = follow_app(loop.checkpoint(), clock, tmp_path)

    async def steps(pilot: Pilot[int]) -> None:
        await until_shown(pilot, "Waiting for Marcus Oyelaran to ask the first question.")
        stage = loop.stage()
        stage.start()
        loop.checkpoint()
        await until_shown(pilot, FIRST_PROMPT_WORDS)
        assert "Question 1 of 2" in shown(app)
        assert "30:00 left" in shown(app)
        clock.advance(60)
        stage.submit("")  # the interviewer moves on: the first scenario step is revealed
        loop.checkpoint()
        await until_shown(pilot, FIRST_STEP_WORDS)
        assert "Part 2 · Marcus Oyelaran adds" in shown(app)
        finish_stage(loop, clock)
        await until_shown(pilot, "Stage 1 is over. The next stage starts when Priya Raman is ready.")
        assert "Stage 2 of 2 · Technical assessment" in shown(app)

    run_following(app, steps)


def test_the_clock_counts_down_between_saves_and_stops_while_paused(tmp_path: Path) -> None:
    clock = FakeClock()
    loop = interview(tmp_path, clock)
    stage = loop.stage()
    stage.start()
    app = follow_app(loop.checkpoint(), clock, tmp_path)

    async def steps(pilot: Pilot[int]) -> None:
        await until_shown(pilot, FIRST_PROMPT_WORDS)
        screen = follow_screen(app)
        clock.advance(75)
        screen.tick()
        await until_shown(pilot, "28:45 left")
        assert screen.ticking
        stage.pause()
        loop.checkpoint()
        await until_shown(pilot, "paused")
        clock.advance(600)
        screen.tick()
        await pilot.pause()
        assert "28:45 left" in shown(app)
        assert not screen.ticking  # nothing wakes the screen while nothing moves

    run_following(app, steps)


def test_a_missing_or_damaged_file_is_reported_and_the_last_view_stays(tmp_path: Path) -> None:
    clock = FakeClock()
    loop = interview(tmp_path, clock)
    loop.stage().start()
    path = loop.checkpoint()
    app = follow_app(path, clock, tmp_path)

    async def steps(pilot: Pilot[int]) -> None:
        await until_shown(pilot, FIRST_PROMPT_WORDS)
        saved = path.read_bytes()
        path.unlink()
        await until_shown(pilot, "no such session file. Showing the last version read")
        assert FIRST_PROMPT_WORDS in " ".join(shown(app).split())
        damaged = path.with_suffix(".tmp")
        damaged.write_text("status = [", encoding="utf-8")
        damaged.replace(path)
        await until_shown(pilot, "unreadable")
        path.write_bytes(saved)
        await until(pilot, lambda: "Showing the last version read" not in shown(app))
        assert FIRST_PROMPT_WORDS in " ".join(shown(app).split())

    run_following(app, steps)


def test_following_never_writes_the_session_or_takes_its_lock(tmp_path: Path) -> None:
    clock = FakeClock()
    loop = interview(tmp_path, clock)
    loop.stage().start()
    path = loop.checkpoint()
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    files_before = sorted(tmp_path.rglob("*"))
    app = follow_app(path, clock, tmp_path)

    async def steps(pilot: Pilot[int]) -> None:
        await until_shown(pilot, FIRST_PROMPT_WORDS)
        screen = follow_screen(app)
        for _ in range(3):
            clock.advance(30)
            screen.tick()
            await screen.reload()
        await pilot.press("down", "ctrl+o", "up")

    run_following(app, steps)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(tmp_path.rglob("*")) == files_before  # no lock file, no cache, no copy


def test_the_watcher_is_told_to_stop_when_the_view_closes(tmp_path: Path) -> None:
    clock = FakeClock()
    app = follow_app(interview(tmp_path, clock).checkpoint(), clock, tmp_path)
    screens: list[FollowScreen] = []
    watchers: list[Any] = []

    async def steps(pilot: Pilot[int]) -> None:
        await until_shown(pilot, "Waiting for")
        screens.append(follow_screen(app))
        watchers.extend(worker for worker in app.screen.workers if worker.group == "follow")
        assert watchers
        assert not watchers[0].is_finished
        await pilot.press("q")

    run_following(app, steps)
    # Its thread sees the event at its next step (a tenth of a second), rather than at its 5 s timeout.
    assert screens[0].stop_watching.is_set()
    assert all(worker.is_finished for worker in watchers)


def test_follow_latest_without_a_session_in_progress_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "follow")
    assert code == 1
    assert "no session in progress in" in err
    assert "tui-interview interview" in err


def test_follow_an_unknown_session_names_it(capsys: pytest.CaptureFixture[str], data_home: Path) -> None:
    loop: LoopRun = interview(data_home, FakeClock())
    loop.checkpoint()
    code, _, err = run_cli(capsys, "follow", "20261126-093001-loop")
    assert code == 1
    assert "unknown session '20261126-093001-loop'" in err
    assert "20261126-093000-loop" in err  # the one there is suggested
