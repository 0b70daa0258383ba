"""Snapshots of the interviewer's screen and the aloud self-check at 80x24 (fake clock, no animation, no blink)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.helpers import SnapCompare, press
from tests.interviewing import ROLLOUT, SPIKE, interview_app, start_stage
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.ui.screens.aloud import AloudScreen
from tui_interview.ui.screens.interviewer import InterviewerScreen


def test_interviewer_mid_question_80x24(snap_compare: SnapCompare, data_home: Path, fake_clock: FakeClock) -> None:
    """75 s into the first question: the rollback point heard, the follow-ups reordered to the numbers one."""

    async def steps(pilot: Pilot[Any]) -> None:
        await start_stage(pilot, ROLLOUT, SPIKE)
        await press(pilot, "enter")
        screen = pilot.app.screen
        assert isinstance(screen, InterviewerScreen)
        fake_clock.advance(75)
        screen.tick()
        await press(pilot, "3", "u")

    assert snap_compare(interview_app(data_home, fake_clock), terminal_size=(80, 24), run_before=steps)


def test_aloud_self_check_80x24(snap_compare: SnapCompare, data_home: Path, fake_clock: FakeClock) -> None:
    """The self-check after answering the rollout question aloud: one point said, rated solid."""

    async def steps(pilot: Pilot[Any]) -> None:
        await start_stage(pilot, ROLLOUT, mode="practice", aloud=True)
        screen = pilot.app.screen
        assert isinstance(screen, AloudScreen)
        fake_clock.advance(150)
        screen.tick()
        await press(pilot, "ctrl+s", "3", "tab", "tab", "3")

    assert snap_compare(interview_app(data_home, fake_clock), terminal_size=(80, 24), run_before=steps)
