"""The stage countdown on a fake clock, and a session run through its states."""

from __future__ import annotations

from datetime import datetime
from itertools import repeat
from pathlib import Path

import pytest

from tests.helpers import START, answer_questions, start_session
from tui_interview.domain.bank.pack import Question
from tui_interview.domain.formatting import format_mmss
from tui_interview.domain.sessions.clock import Countdown, FakeClock, TimeState
from tui_interview.domain.sessions.run import FollowUp, LoopRun
from tui_interview.domain.sessions.store import SessionStore


def test_countdown_warns_at_20_percent_and_alerts_at_5_percent() -> None:
    clock = FakeClock()
    countdown = Countdown(limit_seconds=100, clock=clock)
    countdown.start()
    states = []
    for seconds in (79.5, 1, 15, 10):  # to 20.5 s left, 19.5 s, 4.5 s, past the end
        clock.advance(seconds)
        states.append(countdown.state)
    assert states == [TimeState.NORMAL, TimeState.WARNING, TimeState.ALERT, TimeState.EXPIRED]
    assert countdown.remaining == 0
    assert countdown.elapsed == 100


def test_paused_time_does_not_count_and_each_pause_is_recorded() -> None:
    clock = FakeClock()
    countdown = Countdown(limit_seconds=600, clock=clock)
    countdown.start()
    clock.advance(60)
    countdown.pause()
    clock.advance(300)
    assert countdown.elapsed == 60
    countdown.resume()
    clock.advance(30)
    assert countdown.elapsed == 90
    assert [(p.at_seconds, p.duration_seconds) for p in countdown.pauses] == [(60, 300)]


def test_countdown_label_rounds_up_so_zero_means_time_up() -> None:
    assert format_mmss(0.2) == "0:01"
    assert format_mmss(0) == "0:00"
    assert format_mmss(45 * 60) == "45:00"
    assert format_mmss(2 * 3600 + 5 * 60) == "2:05:00"


@pytest.fixture
def run(tmp_path: Path) -> tuple[LoopRun, FakeClock]:
    clock = FakeClock()
    return start_session(SessionStore(tmp_path / "sessions"), seed=11, clock=clock), clock


def test_time_up_mid_answer_keeps_the_answer_and_marks_the_rest_not_reached(run: tuple[LoopRun, FakeClock]) -> None:
    loop, clock = run
    stage = loop.stage()
    stage.start()
    clock.advance(120)
    stage.submit("First answer.")
    clock.advance(20 * 60)
    assert stage.check_time("Half of my second ans")
    statuses = [(a.status, a.answer) for a in stage.record.answers]
    assert statuses == [
        ("answered", "First answer."),
        ("time_up", "Half of my second ans"),
        ("not_reached", ""),
        ("not_reached", ""),
    ]
    assert stage.record.answers[0].seconds == 120
    assert stage.record.answers[1].seconds == 18 * 60
    assert stage.record.elapsed_seconds == 20 * 60
    assert loop.stage_index == 1


def test_submitting_every_question_finishes_the_stage_and_then_the_loop(run: tuple[LoopRun, FakeClock]) -> None:
    loop, clock = run
    answer_questions(loop, clock, repeat("An answer."), seconds_each=30)
    assert loop.finished
    assert loop.record.status == "finished"
    assert all(a.status == "answered" for s in loop.record.stages for a in s.answers)


def test_a_saved_session_resumes_with_clock_draft_and_pauses_restored(run: tuple[LoopRun, FakeClock]) -> None:
    loop, clock = run
    stage = loop.stage()
    stage.start()
    clock.advance(90)
    stage.pause()
    clock.advance(40)
    stage.resume()
    clock.advance(10)
    stage.set_draft("An unfinished thought")
    loop.checkpoint()

    later = FakeClock(start=5000)
    record = loop.store.load(loop.store.path_for(loop.record.id))
    resumed = LoopRun.resume(record, loop.pack, loop.store, later, lambda: START)
    again = resumed.stage()
    assert again.countdown.elapsed == 100
    assert again.answer.answer == "An unfinished thought"
    assert [(p.at_seconds, p.duration_seconds) for p in again.countdown.pauses] == [(90, 40)]
    again.start()
    later.advance(5)
    assert again.countdown.elapsed == 105


def test_records_keep_wall_clock_times(run: tuple[LoopRun, FakeClock]) -> None:
    loop, _ = run
    assert loop.record.started_at == START
    assert isinstance(loop.record.updated_at, datetime)


class AlwaysProbe:
    """Follows up on the first point every time it is asked."""

    def follow_up(self, question: Question, _texts: list[str]) -> FollowUp | None:
        return FollowUp(prompt=f"What about {question.points[0].text.lower()}?", point=0)


def test_scenario_steps_are_revealed_one_after_another_inside_the_stage(tmp_path: Path) -> None:
    clock = FakeClock()
    loop = start_session(SessionStore(tmp_path), stages=["scenario"], seed=2, clock=clock)
    stage = loop.stage()
    stage.start()
    clock.advance(200)
    stage.submit("First I freeze the rollout.")
    assert stage.number == 1
    assert stage.answer.active_turn is not None
    assert stage.answer.active_turn.prompt == "A feature is 30% null online."
    clock.advance(100)
    stage.submit("That is skew from the join.")
    assert stage.number == 2
    first = stage.record.answers[0]
    assert first.status == "answered"
    assert first.texts == ["First I freeze the rollout.", "That is skew from the join."]
    assert (first.seconds, first.turns[0].seconds) == (300, 100)


def test_a_follow_up_is_asked_at_most_once_and_never_for_two_questions_running(tmp_path: Path) -> None:
    loop = start_session(SessionStore(tmp_path), stages=["behavioral"], seed=2, prober=AlwaysProbe())
    stage = loop.stage()
    stage.start()
    kinds_per_question = []
    while not stage.finished:
        number = stage.number
        while stage.number == number and not stage.finished:
            stage.submit("An answer.")
        kinds_per_question.append([t.kind for t in stage.record.answers[number - 1].turns])
    assert kinds_per_question == [["follow_up"], [], ["follow_up"], []]


def test_skipping_a_follow_up_keeps_the_question_answered(tmp_path: Path) -> None:
    loop = start_session(SessionStore(tmp_path), stages=["recruiter"], seed=2, prober=AlwaysProbe())
    stage = loop.stage()
    stage.start()
    stage.submit("Main answer")
    stage.skip("")
    assert stage.record.answers[0].status == "answered"
    assert stage.number == 2
