"""A mock interview and an aloud practice played in the app, on ``tests/data/interview-pack``: two questions with
weighted points, follow-ups, red flags and a scenario step, in a stage of exactly the questions a test names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.helpers import SHIPPED_STAGES, TESTS, FollowingWallClock, settle
from tui_interview.app_factory import build_app
from tui_interview.domain.planning.draw import LoopPlan, StagePlan
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.settings import Settings
from tui_interview.domain.vocabulary import Mode
from tui_interview.ui.app import InterviewApp

INTERVIEW_PACK = TESTS / "data" / "interview-pack"
ROLLOUT = "serving-rollout"
"""Three points weighing 1, 2 and 3, three follow-ups and two red flags."""
SPIKE = "serving-latency-spike"
"""A scenario: one point in the prompt, one in its single step, and a red flag."""


def interview_app(data_home: Path, clock: FakeClock) -> InterviewApp:
    """The app on the interview pack, a fake clock and no ticking (tests call ``tick`` themselves)."""
    settings = Settings(
        pack_path=INTERVIEW_PACK, stages_path=SHIPPED_STAGES, data_home=data_home, seed=3, use_history=False
    )
    app = build_app(settings, clock=clock, now=FollowingWallClock(clock), tick_seconds=3600)
    app.animation_level = "none"
    return app


async def start_stage(
    pilot: Pilot[Any], *question_ids: str, mode: Mode = "interview", stage_id: str = "technical", aloud: bool = False
) -> None:
    """Start a one-stage session of ``stage_id``'s stage on ``question_ids``, in that order, and let it settle."""
    app = pilot.app
    assert isinstance(app, InterviewApp)
    workspace = app.workspace
    stage = workspace.catalog.stages[stage_id]
    questions = tuple(workspace.pack.question(question_id) for question_id in question_ids)
    plan = LoopPlan(seed=3, pack_id=workspace.pack.id, stages=(StagePlan(stage, questions),))
    app.start_run(plan, mode, aloud=aloud)
    await settle(pilot)
