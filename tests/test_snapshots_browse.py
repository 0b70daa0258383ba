"""Study the pack, as the candidate sees it at 80x24: the filtered list, and a question's sheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.helpers import SHIPPED_STAGES, FollowingWallClock, SnapCompare, press, type_text
from tests.study_pack import CANARY, write_study_pack
from tui_interview.app_factory import build_app
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.settings import Settings
from tui_interview.ui.app import InterviewApp
from tui_interview.ui.screens.browse import QuestionSheetScreen


@pytest.fixture
def study_app(tmp_path: Path, data_home: Path, fake_clock: FakeClock) -> InterviewApp:
    settings = Settings(
        pack_path=write_study_pack(tmp_path / "study"),
        stages_path=SHIPPED_STAGES,
        data_home=data_home,
        seed=42,
        use_history=False,
    )
    app = build_app(settings, clock=fake_clock, now=FollowingWallClock(fake_clock), tick_seconds=3600)
    app.animation_level = "none"
    return app


async def browse(pilot: Pilot[Any], words: str = "") -> None:
    await press(pilot, "b")
    pilot.app.screen.query_one(Input).cursor_blink = False
    await pilot.app.workers.wait_for_complete()
    await type_text(pilot, words)
    await press(pilot)


def test_browse_list_filtered_80x24(snap_compare: SnapCompare, study_app: InterviewApp) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await browse(pilot, "pipeline")
        await press(pilot, "down", "down")  # the list has the focus, its second question highlighted

    assert snap_compare(study_app, terminal_size=(80, 24), run_before=steps)


def test_browse_list_typing_80x24(snap_compare: SnapCompare, study_app: InterviewApp) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await browse(pilot, "canary")

    assert snap_compare(study_app, terminal_size=(80, 24), run_before=steps)


def test_question_sheet_80x24(snap_compare: SnapCompare, study_app: InterviewApp) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await browse(pilot, "canary")
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, QuestionSheetScreen)
        assert pilot.app.screen.sheet.id == CANARY

    assert snap_compare(study_app, terminal_size=(80, 24), run_before=steps)


def test_question_sheet_scrolled_80x24(snap_compare: SnapCompare, study_app: InterviewApp) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await browse(pilot, "canary")
        await press(pilot, "enter", "pagedown")

    assert snap_compare(study_app, terminal_size=(80, 24), run_before=steps)
