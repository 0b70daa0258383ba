"""Reviewing a session: the candidate's ticks and ratings are saved and every score follows."""

from __future__ import annotations

from itertools import repeat
from pathlib import Path

import pytest

from tests.helpers import TEST_PACK, played_session, scan_sessions
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.reporting.review import ReviewSession
from tui_interview.domain.sessions.store import SessionStore

ANSWER = "First I look at the p99."
"""Covers two points of three of the test pack's questions: a first check and a number to watch."""


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "sessions")


@pytest.fixture
def session(store: SessionStore) -> ReviewSession:
    loop = played_session(store, repeat(ANSWER), stages=["technical"])
    return ReviewSession(loop.record, load_pack(TEST_PACK), store)


def test_toggling_a_point_flips_whether_it_counts_and_saves_the_call(
    session: ReviewSession, store: SessionStore
) -> None:
    score = session.question((0, 0)).score
    assert score is not None
    missed = next(p.index for p in score.points if not p.covered)
    session.toggle_point((0, 0), missed)
    after = session.question((0, 0)).score
    assert after is not None
    assert after.points[missed].covered
    assert after.points[missed].overridden
    assert after.score > score.score
    [saved] = scan_sessions(store).sessions
    assert saved.stages[0].answers[0].ticked == [missed]


def test_toggling_twice_leaves_the_graders_verdict_and_no_override(session: ReviewSession, store: SessionStore) -> None:
    score = session.question((0, 1)).score
    assert score is not None
    found = next(p.index for p in score.points if p.covered)
    session.toggle_point((0, 1), found)
    untoggled = session.question((0, 1)).score
    assert untoggled is not None
    assert not untoggled.points[found].covered
    assert scan_sessions(store).sessions[0].stages[0].answers[1].unticked == [found]
    session.toggle_point((0, 1), found)
    assert session.question((0, 1)).score == score
    saved = scan_sessions(store).sessions[0].stages[0].answers[1]
    assert (saved.ticked, saved.unticked) == ([], [])


def test_a_rating_is_saved_and_averaged_into_the_score_until_cleared(
    session: ReviewSession, store: SessionStore
) -> None:
    before = session.question((0, 2)).score
    assert before is not None
    session.rate((0, 2), 4)
    rated = session.question((0, 2)).score
    assert rated is not None
    assert rated.score == (before.coverage + 1.0) / 2
    assert scan_sessions(store).sessions[0].stages[0].answers[2].self_rating == 4
    session.rate((0, 2), None)
    assert session.question((0, 2)).score == before
    assert scan_sessions(store).sessions[0].stages[0].answers[2].self_rating is None


def test_each_change_rebuilds_the_report_and_the_answer_is_the_records(session: ReviewSession) -> None:
    first = session.report
    session.rate((0, 0), 2)
    assert session.report is not first
    assert session.report.scores.overall < first.scores.overall
    assert session.answer((0, 0)) is session.record.stages[0].answers[0]


def test_moving_between_questions_goes_stage_by_stage_and_stops_at_either_end(session: ReviewSession) -> None:
    positions = session.positions()
    assert positions == [(0, q) for q in range(len(session.report.stages[0].questions))]
    assert session.step(positions[0], 1) == positions[1]
    assert session.step(positions[1], -1) == positions[0]
    assert session.step(positions[0], -1) is None
    assert session.step(positions[-1], 1) is None
