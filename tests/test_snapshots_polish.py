"""Snapshots of the first-use polish: Ctrl+Q on practice feedback asks, the report lists prompts with their Markdown
rendered, and a skipped question's review says it is not graded. Review changes with /tmp/svgtext.py first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.helpers import AppMaker, SnapCompare, press, type_text
from tests.test_review_retake import app_on, markdown_pack
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.settings import PracticeChoice
from tui_interview.ui.screens.stage import StageScreen

__all__ = ["markdown_pack"]  # a fixture, used by name
RECRUITER_PAIR = PracticeChoice(question_ids=("recruiter-q1", "recruiter-q2"))


def test_ctrl_q_on_practice_feedback_asks(snap_compare: SnapCompare, make_app: AppMaker, fake_clock: FakeClock) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        fake_clock.advance(45)
        await type_text(pilot, "I would look at the p99")
        await press(pilot, "ctrl+s")
        while isinstance(pilot.app.screen, StageScreen):  # the follow-up
            await press(pilot, "ctrl+n")
        await press(pilot, "ctrl+q")

    app = make_app(start="practice", practice=RECRUITER_PAIR)
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps)


def test_report_lists_prompts_with_markdown_rendered(
    snap_compare: SnapCompare, markdown_pack: Path, fake_clock: FakeClock, data_home: Path
) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        fake_clock.advance(60)
        await type_text(pilot, "I would look at the p99")
        await press(pilot, "ctrl+s")
        while isinstance(pilot.app.screen, StageScreen):
            await press(pilot, "ctrl+n")
        await press(pilot, "escape", "enter")  # the feedback, the summary: the report
        await press(pilot, "down")  # brings the question list into view

    assert snap_compare(app_on(markdown_pack, fake_clock, data_home), terminal_size=(80, 24), run_before=steps)


def test_skipped_question_review_is_not_graded(snap_compare: SnapCompare, make_app: AppMaker) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await press(pilot, "ctrl+n")

    app = make_app(start="practice", practice=RECRUITER_PAIR)
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps)
