"""Spaced review: weak questions come back sooner, strong ones later, and chronic failures are named."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Rating

from tests.helpers import START, TEST_PACK, start_session
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.history.index import HistoryIndex, QuestionResult, SessionSummary
from tui_interview.domain.history.spaced import build_review_state, rating_for
from tui_interview.domain.sessions.store import SessionStore

Result = tuple[str, float | None, int | None, str]
"""(question id, score, self-rating, status)"""


def session(day: float, results: Sequence[Result], session_id: str | None = None) -> SessionSummary:
    at = START + timedelta(days=day)
    return SessionSummary(
        id=session_id or f"s{day}",
        path=Path(f"{session_id or day}.toml"),
        started_at=at - timedelta(minutes=30),
        updated_at=at,
        mode="practice",
        status="finished",
        stages=("Practice",),
        duration_seconds=600.0,
        seed=1,
        pack_id="testpack",
        overall=None,
        band=None,
        questions=tuple(QuestionResult(q, "serving", score, rating, status) for q, score, rating, status in results),
    )


def rated(question_id: str, self_rating: int) -> Result:
    return (question_id, 0.5, self_rating, "answered")


def scored(question_id: str, score: float) -> Result:
    return (question_id, score, None, "answered")


def test_a_question_rated_again_comes_back_sooner_than_one_rated_easy() -> None:
    state = build_review_state([session(0, [rated("weak", 1), rated("ok", 3), rated("strong", 4)])])
    weak, ok, strong = (state.card(q) for q in ("weak", "ok", "strong"))
    assert weak is not None
    assert ok is not None
    assert strong is not None
    assert weak.due < ok.due < strong.due
    assert state.due(START + timedelta(days=1, hours=1)) == ["weak"]
    assert state.due(START + timedelta(days=30)) == ["weak", "ok", "strong"]  # most overdue first
    assert state.due(START) == []


@pytest.mark.parametrize(
    ("status", "score", "self_rating", "expected"),
    [
        ("answered", 0.39, None, Rating.Again),
        ("answered", 0.40, None, Rating.Hard),
        ("time_up", 0.59, None, Rating.Hard),
        ("answered", 0.60, None, Rating.Good),
        ("answered", 0.849, None, Rating.Good),
        ("answered", 0.85, None, Rating.Easy),
        ("answered", 1.0, 1, Rating.Again),  # the candidate's own rating wins
        ("answered", 0.0, 4, Rating.Easy),
        ("skipped", 0.0, None, Rating.Again),
        ("not_reached", 0.0, None, None),
        ("pending", 0.0, None, None),
        ("answered", None, None, None),  # unscored and unrated: no result
    ],
)
def test_results_map_to_ratings(status: str, score: float | None, self_rating: int | None, expected: Rating) -> None:
    assert rating_for(status, score, self_rating) == expected


def test_due_dates_move_later_after_good_results() -> None:
    sessions, intervals, day = [], [], 0.0
    for number in range(5):
        sessions.append(session(day, [scored("q", 0.8)], f"s{number}"))
        card = build_review_state(sessions).card("q")
        assert card is not None
        interval = (card.due - (START + timedelta(days=day)).astimezone(UTC)).days
        intervals.append(interval)
        day += interval
    assert intervals == sorted(intervals)
    assert intervals[-1] > intervals[0] * 4


def test_a_failure_brings_a_learned_question_back_soon() -> None:
    learned = [session(d, [scored("q", 0.9)], f"s{d}") for d in (0, 8, 30)]
    before = build_review_state(learned).card("q")
    after = build_review_state([*learned, session(31, [scored("q", 0.1)], "s31")]).card("q")
    assert before is not None
    assert after is not None
    assert after.due < before.due
    assert after.due <= (START + timedelta(days=31 + 7)).astimezone(UTC)  # within a week


def test_unreached_questions_are_not_scheduled_and_skips_count_as_failures() -> None:
    state = build_review_state([session(0, [("seen", 0.0, None, "skipped"), ("later", 0.0, None, "not_reached")])])
    assert state.card("later") is None
    assert state.failures("seen") == 1
    assert state.due(START + timedelta(days=2)) == ["seen"]
    assert "skipped" in state.suggestion("seen")


def test_three_failures_make_a_question_chronically_weak_until_it_is_answered_well() -> None:
    history = [session(d, [scored("q", 0.1), scored("fine", 0.9)], f"s{d}") for d in (0, 2, 4)]
    state = build_review_state(history)
    assert state.is_chronically_weak("q")
    assert not state.is_chronically_weak("fine")
    assert state.chronically_weak() == ["q"]
    assert state.suggestion("q").startswith("failed 3 times; read the model answer")

    partial = build_review_state([*history, session(6, [rated("q", 2)], "s6")])
    assert partial.is_chronically_weak("q")  # still shaky
    recovered = build_review_state([*history, session(6, [scored("q", 0.8)], "s6")])
    assert not recovered.is_chronically_weak("q")
    assert recovered.suggestion("q").startswith("solid last time")


def test_three_low_scores_in_a_row_flag_a_question_even_when_rated_partial() -> None:
    history = [session(d, [("q", 0.3, 2, "answered")], f"s{d}") for d in (0, 2, 4)]
    state = build_review_state(history)
    assert state.failures("q") == 0
    assert state.is_chronically_weak("q")
    assert "under 40% the last 3 times" in state.suggestion("q")


def test_the_suggestion_names_the_first_two_talking_points() -> None:
    question = load_pack(TEST_PACK).question("serving-technical-4")
    history = [session(d, [scored(question.id, 0.0)], f"s{d}") for d in range(4)]
    advice = build_review_state(history).suggestion(question.id, question)
    assert advice.startswith("failed 4 times")
    assert question.points[0].text in advice
    assert question.points[1].text in advice
    assert build_review_state([]).suggestion("unknown").startswith("not answered yet")


def test_the_same_history_always_gives_the_same_schedule_whatever_its_order() -> None:
    history = [session(d, [scored("a", 0.1 * d), rated("b", 1 + d % 4)], f"s{d}") for d in range(8)]
    first = build_review_state(history)
    second = build_review_state(history[::-1])
    assert {q: c.due for q, c in first.cards.items()} == {q: c.due for q, c in second.cards.items()}
    later = START + timedelta(days=40)
    assert first.due(later) == second.due(later)


def test_due_needs_a_timezone_aware_moment_in_any_zone() -> None:
    state = build_review_state([session(0, [rated("q", 1)])])
    in_tokyo = (START + timedelta(days=1, minutes=1)).astimezone(timezone(timedelta(hours=9)))
    assert state.due(in_tokyo) == ["q"]
    assert state.due(datetime(2026, 11, 26, 8, 0, tzinfo=UTC)) == []


def test_saved_sessions_feed_the_review_through_the_history_index(tmp_path: Path) -> None:
    pack = load_pack(TEST_PACK)
    run = start_session(SessionStore(tmp_path / "sessions"), stages=["technical"], seed=3, pack=pack)
    stage = run.stage()
    stage.start()
    stage.submit("My first check is the error rate and p99, then I roll back.")
    stage.skip()
    stage.submit("No idea.")
    stage.submit("No idea.")
    stage.record.answers[3].self_rating = 4  # "No idea", but the candidate rates it excellent: their call
    run.checkpoint()
    view = HistoryIndex(tmp_path / "sessions", tmp_path / "history.json", pack).load()

    state = build_review_state(view.sessions)

    ids = run.record.question_ids
    tomorrow = START + timedelta(days=1, hours=1)
    assert state.due(tomorrow) == sorted([ids[1], ids[2]])
    assert state.results_for(ids[0])[0].rating == Rating.Easy
    assert state.results_for(ids[3])[0].rating == Rating.Easy
