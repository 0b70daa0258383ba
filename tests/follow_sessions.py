"""Sessions for the candidate view (``tui-interview follow``), saved as the interviewer's window saves them.

A two-stage interview on the scenario pack, played through the domain (``LoopRun``) with a fake clock whose wall
clock moves with it, so each save's ``updated_at`` and stage clock agree as they do in the app.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import SHIPPED_STAGES, FollowingWallClock
from tests.scenarios import RERANKER, SCENARIO_PACK, SPOT
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.bank.stages import load_stages
from tui_interview.domain.planning.draw import LoopPlan, StagePlan
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.run import LoopRun
from tui_interview.domain.sessions.store import SessionStore

FIRST_PROMPT_WORDS = "A nightly fine-tuning job on spot"
"""The first question's prompt (SPOT) begins with these words."""
FIRST_STEP_WORDS = "The job checkpoints only at the end"
"""Its first scenario step begins with these."""
SECOND_STEP_WORDS = "Interruptions cluster in one zone"


def interview(data_home: Path, clock: FakeClock) -> LoopRun:
    """A new interview saved in ``data_home``: the scenario round on SPOT then RERANKER, then the technical stage."""
    pack = load_pack(SCENARIO_PACK)
    catalog = load_stages(SHIPPED_STAGES)
    plan = LoopPlan(
        seed=7,
        pack_id=pack.id,
        stages=(
            StagePlan(catalog.stages["scenario"], (pack.question(SPOT), pack.question(RERANKER))),
            StagePlan(catalog.stages["technical"], (pack.question(RERANKER),)),
        ),
    )
    store = SessionStore(data_home / "sessions")
    return LoopRun.start_new(plan, pack, SHIPPED_STAGES, store, clock, FollowingWallClock(clock))


def finish_stage(loop: LoopRun, clock: FakeClock) -> None:
    """Answer every exchange of the current stage, a minute each, and save."""
    stage = loop.stage()
    stage.start()
    while not stage.finished:
        clock.advance(60)
        stage.submit("an answer")
    loop.checkpoint()
