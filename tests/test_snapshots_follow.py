"""The candidate view (``tui-interview follow``) as SVG snapshots at 80x24. Review changes before accepting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.follow_sessions import FIRST_PROMPT_WORDS, interview
from tests.helpers import FollowingWallClock, SnapCompare
from tests.scenarios import screen_rows
from tui_interview.app_factory import build_follow_app
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.ui.follow_app import FollowApp

TRIES = 500
"""Pauses of 20 ms to wait at most for the view to read the file (it takes one or two)."""


def follow_app(path: Path, clock: FakeClock, tmp_path: Path) -> FollowApp:
    app = build_follow_app(path, now=FollowingWallClock(clock), config_path=tmp_path / "no-config.toml")
    app.animation_level = "none"
    return app


def until_shown(text: str) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        for _ in range(TRIES):
            if text in " ".join(" ".join(screen_rows(pilot.app)).split()):
                break
            await pilot.pause(0.02)
        await pilot.pause()

    return run_before


def test_follow_waiting_for_the_first_question(snap_compare: SnapCompare, tmp_path: Path) -> None:
    clock = FakeClock()
    app = follow_app(interview(tmp_path, clock).checkpoint(), clock, tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=until_shown("Waiting for"))


def test_follow_a_question_with_a_step_revealed(snap_compare: SnapCompare, tmp_path: Path) -> None:
    clock = FakeClock()
    loop = interview(tmp_path, clock)
    stage = loop.stage()
    stage.start()
    clock.advance(200)
    stage.submit("")  # the first scenario step is revealed
    clock.advance(100)
    app = follow_app(loop.checkpoint(), clock, tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=until_shown("Part 2"))


def test_follow_paused_with_the_file_gone(snap_compare: SnapCompare, tmp_path: Path) -> None:
    clock = FakeClock()
    loop = interview(tmp_path, clock)
    stage = loop.stage()
    stage.start()
    clock.advance(90)
    stage.pause()
    path = loop.checkpoint()
    app = follow_app(path, clock, tmp_path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await until_shown(FIRST_PROMPT_WORDS)(pilot)
        path.unlink()
        await until_shown("no such session file")(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
