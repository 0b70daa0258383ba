"""The candidate's view of a session someone else runs (``tui-interview follow``), from its saved records."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.follow_sessions import FIRST_PROMPT_WORDS, FIRST_STEP_WORDS, finish_stage, interview
from tests.helpers import START
from tui_interview.domain.sessions.clock import FakeClock, TimeState
from tui_interview.domain.sessions.follow import FollowState, latest_in_progress, read_followed
from tui_interview.domain.sessions.records import TurnRecord
from tui_interview.domain.sessions.store import SessionFileError


def test_before_the_first_question_it_waits_and_names_the_stage_and_interviewer(tmp_path: Path) -> None:
    loop = interview(tmp_path, FakeClock())
    view = read_followed(loop.checkpoint())
    assert view.state is FollowState.WAITING
    assert (view.stage_number, view.stages, view.stage_title) == (1, 2, "Scenario round")
    assert view.interviewer_name == "Marcus Oyelaran"
    assert view.clock is None
    assert view.prompt == ""


def test_the_question_shown_is_the_current_one_with_the_stage_clock_counting_on(tmp_path: Path) -> None:
    clock = FakeClock()
    loop = interview(tmp_path, clock)
    loop.stage().start()
    clock.advance(100)
    view = read_followed(loop.checkpoint())
    assert view.state is FollowState.QUESTION
    assert (view.question_number, view.questions) == (1, 2)
    assert view.prompt.strip().startswith(FIRST_PROMPT_WORDS)
    assert view.parts == ()
    assert view.clock is not None
    assert not view.paused
    saved = START + timedelta(seconds=100)
    assert view.clock.elapsed_at(saved) == pytest.approx(100)
    assert view.clock.elapsed_at(saved + timedelta(seconds=30)) == pytest.approx(130)  # no save needed to count
    assert view.clock.remaining_at(saved) == pytest.approx(30 * 60 - 100)


def test_only_the_scenario_steps_shown_are_revealed(tmp_path: Path) -> None:
    clock = FakeClock()
    loop = interview(tmp_path, clock)
    stage = loop.stage()
    stage.start()
    clock.advance(60)
    stage.submit("")
    stage.answer.turns.append(TurnRecord(kind="step", prompt="not revealed yet"))  # written ahead of time
    view = read_followed(loop.checkpoint())
    assert [part.title for part in view.parts] == ["Part 2 · Marcus Oyelaran adds"]
    assert view.parts[0].text.strip().startswith(FIRST_STEP_WORDS)
    assert view.question_number == 1


def test_nothing_the_candidate_must_not_see_is_in_the_view(tmp_path: Path) -> None:
    clock = FakeClock()
    loop = interview(tmp_path, clock)
    stage = loop.stage()
    stage.start()
    answer = stage.answer
    answer.note = "last time 17%"
    answer.answer = "my own words typed"
    answer.self_rating = 3
    answer.ticked = [0]
    view = read_followed(loop.checkpoint())
    shown = repr(view)
    question = loop.pack.question(answer.question_id)
    hidden = ["last time 17%", "my own words typed", question.model_answer.strip()[:30]]
    hidden += [point.text for point in question.all_points]
    for text in hidden:
        assert text not in shown


def test_a_pause_stops_the_clock_until_a_save_shows_it_running_again(tmp_path: Path) -> None:
    clock = FakeClock()
    loop = interview(tmp_path, clock)
    stage = loop.stage()
    stage.start()
    clock.advance(50)
    stage.pause()
    path = loop.checkpoint()
    clock.advance(20)
    loop.checkpoint()  # saves during the pause, as the screens do
    view = read_followed(path)
    assert view.paused
    assert view.clock is not None
    assert view.clock.elapsed_at(START + timedelta(hours=1)) == pytest.approx(50)
    stage.resume()
    clock.advance(10)
    view = read_followed(loop.checkpoint())
    assert not view.paused
    assert view.clock is not None
    assert view.clock.elapsed_at(START + timedelta(seconds=80)) == pytest.approx(60)


def test_the_clock_stops_at_the_limit_and_turns_urgent_near_it(tmp_path: Path) -> None:
    clock = FakeClock()
    loop = interview(tmp_path, clock)
    loop.stage().start()
    clock.advance(29 * 60)
    view = read_followed(loop.checkpoint())
    assert view.clock is not None
    saved = START + timedelta(minutes=29)
    assert view.clock.state_at(saved) is TimeState.ALERT
    assert view.clock.remaining_at(saved + timedelta(hours=2)) == 0
    assert view.clock.state_at(saved + timedelta(hours=2)) is TimeState.EXPIRED


def test_between_stages_it_names_the_next_stage_without_a_clock(tmp_path: Path) -> None:
    clock = FakeClock()
    loop = interview(tmp_path, clock)
    finish_stage(loop, clock)
    view = read_followed(loop.checkpoint())
    assert view.state is FollowState.BETWEEN_STAGES
    assert (view.stage_number, view.stage_title, view.interviewer_name) == (2, "Technical assessment", "Priya Raman")
    assert view.clock is None


def test_a_finished_session_says_so(tmp_path: Path) -> None:
    clock = FakeClock()
    loop = interview(tmp_path, clock)
    finish_stage(loop, clock)
    finish_stage(loop, clock)
    view = read_followed(loop.checkpoint())
    assert view.state is FollowState.FINISHED
    assert view.clock is None


def test_a_missing_or_damaged_file_raises_naming_the_reason(tmp_path: Path) -> None:
    with pytest.raises(SessionFileError, match="no such session file"):
        read_followed(tmp_path / "gone.toml")
    damaged = tmp_path / "damaged.toml"
    damaged.write_text("status = [", encoding="utf-8")
    with pytest.raises(SessionFileError, match="unreadable"):
        read_followed(damaged)


def test_reading_never_changes_the_file(tmp_path: Path) -> None:
    loop = interview(tmp_path, FakeClock())
    loop.stage().start()
    path = loop.checkpoint()
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_followed(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.rglob("*")) == [path.name, "sessions"]  # no lock, no cache, no copy


def test_latest_is_the_newest_session_in_progress(tmp_path: Path) -> None:
    clock = FakeClock()
    older = interview(tmp_path, clock)
    older_path = older.checkpoint()
    clock.advance(3600)
    newer = interview(tmp_path, clock)
    finish_stage(newer, clock)
    finish_stage(newer, clock)  # the newest session is over
    folder = tmp_path / "sessions"
    (folder / "20991231-235959-loop.toml").write_text('status = "in_progress"\n[', encoding="utf-8")  # unreadable
    assert latest_in_progress(folder) == older_path


def test_latest_is_none_without_a_session_in_progress(tmp_path: Path) -> None:
    assert latest_in_progress(tmp_path / "sessions") is None
    clock = FakeClock()
    loop = interview(tmp_path, clock)
    finish_stage(loop, clock)
    finish_stage(loop, clock)
    assert latest_in_progress(tmp_path / "sessions") is None
