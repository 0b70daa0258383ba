"""Retake and compare, without a screen: the previous attempt at a question is found in the history, and the new
answer is compared with it point by point."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.helpers import START, TEST_PACK, start_session
from tui_interview.domain.bank.pack import Pack, load_pack
from tui_interview.domain.history.attempts import previous_attempt
from tui_interview.domain.history.index import HistoryIndex, HistoryView
from tui_interview.domain.planning.practice import plan_questions
from tui_interview.domain.reporting.compare import compare_attempts
from tui_interview.domain.scoring.scores import QuestionScore, score_answer
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.records import SessionRecord
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.settings import PracticeChoice

QUESTION = "recruiter-q1"
"""Points: a concrete first check ("look at"), a number to watch ("p99"), how to roll back ("roll back")."""


@pytest.fixture
def pack() -> Pack:
    return load_pack(TEST_PACK)


def attempt(
    store: SessionStore, pack: Pack, answer: str | None, *, days: int, question_id: str = QUESTION
) -> SessionRecord:
    """A one-question practice started ``days`` after :data:`START`: ``answer`` given, or (None) skipped."""
    clock = FakeClock()
    plan = plan_questions(pack, PracticeChoice(question_ids=(question_id,)), seed=days)
    run = start_session(store, plan=plan, pack=pack, clock=clock, started=START + timedelta(days=days), mode="practice")
    stage = run.stage()
    stage.start()
    clock.advance(60)
    if answer is None:
        stage.skip()
    else:
        stage.submit(answer)
    while not stage.finished:
        stage.skip()  # any follow-up
    run.checkpoint()
    return run.record


def history(store: SessionStore, pack: Pack, tmp_path: Path) -> HistoryView:
    return HistoryIndex(store.folder, tmp_path / "cache" / "history.json", pack).load()


def score_of(record: SessionRecord, pack: Pack) -> QuestionScore:
    stage = record.stages[0]
    return score_answer(pack.by_id[QUESTION], stage.answers[0], stage.stage_id)


def test_the_previous_attempt_is_the_most_recent_earlier_answer(pack: Pack, tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    attempt(store, pack, "I would look at the logs.", days=0)
    middle = attempt(store, pack, "I would look at the p99.", days=1)
    attempt(store, pack, None, days=2)  # skipped: not an attempt
    attempt(store, pack, "Something else entirely.", days=3, question_id="recruiter-q2")  # another question
    retake = attempt(store, pack, "I would look at the p99 and roll back.", days=4)
    attempt(store, pack, "A later answer, after the retake.", days=5)

    found = previous_attempt(history(store, pack, tmp_path), store.load, pack.by_id[QUESTION], retake)
    assert found is not None
    assert found.session_id == middle.id
    assert found.started_at == middle.started_at
    assert [p.covered for p in found.score.points] == [True, True, False]


def test_no_previous_attempt_when_the_question_was_never_answered_before(pack: Pack, tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    attempt(store, pack, None, days=0)
    first = attempt(store, pack, "I would look at the p99.", days=1)
    assert previous_attempt(history(store, pack, tmp_path), store.load, pack.by_id[QUESTION], first) is None


def test_an_unreadable_earlier_session_is_passed_over(pack: Pack, tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    oldest = attempt(store, pack, "I would look at the logs.", days=0)
    broken = attempt(store, pack, "I would look at the p99.", days=1)
    retake = attempt(store, pack, "I would roll back.", days=2)
    view = history(store, pack, tmp_path)
    (store.folder / f"{broken.id}.toml").write_text("not = [a session", encoding="utf-8")  # after indexing
    found = previous_attempt(view, store.load, pack.by_id[QUESTION], retake)
    assert found is not None
    assert found.session_id == oldest.id


def test_the_previous_answer_keeps_the_candidates_own_ticks(pack: Pack, tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    first = attempt(store, pack, "I would look at the logs.", days=0)
    first.stages[0].answers[0].ticked = [2]  # "I did say how to roll back"
    store.save(first)
    retake = attempt(store, pack, "I would roll back.", days=1)
    found = previous_attempt(history(store, pack, tmp_path), store.load, pack.by_id[QUESTION], retake)
    assert found is not None
    assert found.score.points[2].covered


def test_the_comparison_says_point_by_point_what_was_added_kept_dropped_and_is_missing(
    pack: Pack, tmp_path: Path
) -> None:
    store = SessionStore(tmp_path / "sessions")
    before = score_of(attempt(store, pack, "I would look at the p99.", days=0), pack)
    now = score_of(attempt(store, pack, "I would inspect the service first, then roll back.", days=1), pack)
    comparison = compare_attempts(before, now)
    assert [(p.text, p.change) for p in comparison.points] == [
        ("Names a concrete first check", "kept"),
        ("Gives a number to watch", "dropped"),
        ("Says how to roll back", "added"),
    ]
    assert [p.text for p in comparison.of("added")] == ["Says how to roll back"]
    assert comparison.of("missing") == ()
    assert comparison.points[1].label == "dropped"
    assert comparison.summary == "coverage 67% → 67%: 1 added, 1 dropped, 0 still missing"


def test_points_never_covered_are_still_missing(pack: Pack, tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    before = score_of(attempt(store, pack, "Nothing useful.", days=0), pack)
    now = score_of(attempt(store, pack, "I would look at the p99.", days=1), pack)
    comparison = compare_attempts(before, now)
    assert [p.change for p in comparison.points] == ["added", "added", "missing"]
    assert [p.label for p in comparison.of("missing")] == ["still missing"]


def test_scores_of_different_questions_cannot_be_compared(pack: Pack, tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    one = score_of(attempt(store, pack, "I would look at the p99.", days=0), pack)
    other_record = attempt(store, pack, "I would look at the p99.", days=1, question_id="recruiter-q2")
    other = score_answer(pack.by_id["recruiter-q2"], other_record.stages[0].answers[0], "practice")
    with pytest.raises(ValueError, match="not the same points"):
        compare_attempts(one, other)
