"""Scenario questions in several parts, played in the app: the pack in ``tests/data/scenario-pack`` and a stage
of exactly the questions a test names (no draw, so nothing another pack change can move)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from tests.helpers import SHIPPED_STAGES, TESTS, FollowingWallClock, settle
from tui_interview.app_factory import build_app
from tui_interview.domain.planning.draw import LoopPlan, StagePlan
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.settings import Settings
from tui_interview.ui.app import InterviewApp
from tui_interview.ui.screens.stage import StageScreen
from tui_interview.ui.widgets.question_view import QuestionView

SCENARIO_PACK = TESTS / "data" / "scenario-pack"
RERANKER = "serving-reranker-sale"
"""A long prompt, then two steps: numbers, then a fenced YAML block and a bullet list."""
SPOT = "infrastructure-spot-training"
"""A one-line prompt and two short steps."""


def scenario_app(data_home: Path, clock: FakeClock) -> InterviewApp:
    """The app on the scenario pack, with a fake clock and no ticking (tests call ``tick`` themselves)."""
    settings = Settings(
        pack_path=SCENARIO_PACK, stages_path=SHIPPED_STAGES, data_home=data_home, seed=7, use_history=False
    )
    app = build_app(settings, clock=clock, now=FollowingWallClock(clock), tick_seconds=3600)
    app.animation_level = "none"
    return app


async def start_scenario_stage(pilot: Pilot[Any], *question_ids: str) -> StageScreen:
    """Start a one-stage loop of the scenario round on ``question_ids``, in that order; return its screen."""
    app = pilot.app
    assert isinstance(app, InterviewApp)
    workspace = app.workspace
    stage = workspace.catalog.stages["scenario"]
    questions = tuple(workspace.pack.question(question_id) for question_id in question_ids)
    app.start_run(LoopPlan(seed=7, pack_id=workspace.pack.id, stages=(StagePlan(stage, questions),)), "loop")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, StageScreen)
    screen.answer_box.cursor_blink = False
    await until_fitted(pilot)
    return screen


async def until_fitted(pilot: Pilot[Any]) -> None:
    """Wait until the question area has folded what it needs to (one refresh per level) and the footer follows."""
    for _ in range(100):
        await pilot.pause()
        views = pilot.app.screen.query(QuestionView)
        if not any(view.fitting for view in views):
            break
    await pilot.pause()


_TEXT_RE = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>')
_CELL_WIDTH = 12.2
"""The width of one terminal cell in Textual's SVG screenshots."""


def screen_rows(app: App[Any]) -> list[str]:
    """The text on screen now, row by row (empty rows left out), read from a screenshot."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for match in _TEXT_RE.finditer(app.export_screenshot()):
        x, y, text = float(match.group(1)), float(match.group(2)), html.unescape(re.sub("<[^>]+>", "", match.group(3)))
        rows.setdefault(y, []).append((x, text.replace("\u00a0", " ")))
    lines = []
    for y in sorted(rows):
        line = ""
        for x, text in sorted(rows[y]):
            line = line.ljust(round(x / _CELL_WIDTH)) + text
        lines.append(line.rstrip())
    return lines
