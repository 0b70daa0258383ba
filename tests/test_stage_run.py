"""What the stage screen asks of the live stage run."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import start_session
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.store import SessionStore


def test_the_step_number_is_the_scenario_step_being_answered(tmp_path: Path) -> None:
    clock = FakeClock()
    stage = start_session(SessionStore(tmp_path), stages=["scenario"], clock=clock).stage()
    stage.start()
    assert len(stage.question.steps) == 1
    assert stage.step_number == 0
    clock.advance(60)
    stage.submit("First I look at the p99.")
    turn = stage.answer.active_turn
    assert turn is not None
    assert turn.kind == "step"
    assert stage.step_number == 1
    clock.advance(60)
    stage.submit("A null rate like that is skew.")
    assert stage.number == 2
    assert stage.answer.active_turn is None
    assert stage.step_number == 0
