"""Session records: the candidate's say on a talking point, and where a stage stands for a resume."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import played_session, start_session
from tui_interview.domain.sessions.records import AnswerRecord, StageProgress, StageRecord
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.vocabulary import AnswerStatus


def answer(ticked: list[int] | None = None, unticked: list[int] | None = None) -> AnswerRecord:
    return AnswerRecord(question_id="q", prompt="Why?", ticked=ticked or [], unticked=unticked or [])


@pytest.mark.parametrize(
    ("detected", "ticked", "unticked", "covered"),
    [
        (True, [], [], True),
        (False, [], [], False),
        (False, [3], [], True),
        (True, [], [3], False),
        (False, [3], [3], False),  # an untick has the last word
    ],
)
def test_a_point_counts_as_the_grader_found_it_unless_the_candidate_said_otherwise(
    detected: bool, ticked: list[int], unticked: list[int], covered: bool
) -> None:
    assert answer(ticked, unticked).covers(3, detected=detected) is covered


@pytest.mark.parametrize("detected", [True, False])
@pytest.mark.parametrize("covered", [True, False])
def test_setting_a_point_makes_it_count_as_the_candidate_said(detected: bool, covered: bool) -> None:
    record = answer()
    record.set_point(2, covered=covered, detected=detected)
    assert record.covers(2, detected=detected) is covered


def test_a_tick_is_kept_only_where_the_grader_found_nothing_and_an_untick_only_where_it_did() -> None:
    record = answer()
    record.set_point(1, covered=True, detected=False)
    record.set_point(2, covered=False, detected=True)
    assert (record.ticked, record.unticked) == ([1], [2])


def test_agreeing_with_the_grader_again_leaves_no_override() -> None:
    record = answer(ticked=[1], unticked=[2])
    record.set_point(1, covered=False, detected=False)
    record.set_point(2, covered=True, detected=True)
    assert (record.ticked, record.unticked) == ([], [])


def test_setting_a_point_keeps_the_calls_on_other_points_in_order() -> None:
    record = answer(ticked=[4], unticked=[0])
    record.set_point(1, covered=True, detected=False)
    record.set_point(3, covered=False, detected=True)
    assert (record.ticked, record.unticked) == ([1, 4], [0, 3])


def test_a_call_on_a_point_replaces_the_earlier_one() -> None:
    record = answer()
    record.set_point(2, covered=True, detected=False)
    record.set_point(2, covered=False, detected=True)  # the grader's verdict changed with the answer
    assert (record.ticked, record.unticked) == ([], [2])


def stage(statuses: list[AnswerStatus], *, minutes: float, elapsed: float) -> StageRecord:
    return StageRecord(
        stage_id="technical",
        title="Technical assessment",
        interviewer_name="Priya Raman",
        interviewer_role="Staff ML Platform Engineer",
        minutes=minutes,
        elapsed_seconds=elapsed,
        answers=[AnswerRecord(question_id=f"q{i}", prompt="Why?", status=s) for i, s in enumerate(statuses)],
    )


def test_progress_counts_every_question_no_longer_pending_and_the_time_left() -> None:
    record = stage(["answered", "skipped", "pending", "pending"], minutes=45.0, elapsed=600.5)
    assert record.progress() == StageProgress(done=2, questions=4, seconds_left=2099.5)


def test_progress_never_shows_negative_time_left() -> None:
    record = stage(["time_up", "not_reached"], minutes=1.0, elapsed=61.0)
    assert record.progress() == StageProgress(done=2, questions=2, seconds_left=0)


def test_the_current_stage_is_the_first_not_finished_and_none_at_the_end(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    fresh = start_session(store).record
    assert fresh.current_stage is fresh.stages[0]
    finished = played_session(store, ["First I look at the p99."] * 40).record
    assert finished.status == "finished"
    assert finished.current_stage is None
