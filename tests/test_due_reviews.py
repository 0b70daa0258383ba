"""Questions due for review: the home menu and footer offer them, the session they start says what it is and
how each question went last time, and with nothing due the app says when the next review is."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from itertools import repeat
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from tests.helpers import SHIPPED_STAGES, START, TEST_PACK, drive, played_session, press, start_session
from tui_interview.app_factory import build_app
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.history.index import QuestionResult, SessionSummary
from tui_interview.domain.history.spaced import DUE_NOTE, build_review_state
from tui_interview.domain.planning.practice import ANY_QUESTION_TITLE, DUE_TITLE, plan_practice, practice_stage
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.settings import Settings
from tui_interview.ui.app import InterviewApp
from tui_interview.ui.screens.home import HomeScreen
from tui_interview.ui.screens.stage import StageScreen

ANSWER = "First I look at the p99."
LATER = START + timedelta(days=30)
"""Long after the sessions saved at :data:`START`: every question answered then is due."""


def app_at(data_home: Path, now: datetime) -> InterviewApp:
    """The app on the test pack with the review schedule on (``make_app`` turns it off), its wall clock at ``now``."""
    settings = Settings(pack_path=TEST_PACK, stages_path=SHIPPED_STAGES, data_home=data_home, seed=42, use_history=True)
    app = build_app(settings, clock=FakeClock(), now=lambda: now, tick_seconds=3600)
    app.animation_level = "none"
    return app


def summary(results: Sequence[QuestionResult], at: datetime = START) -> SessionSummary:
    return SessionSummary(
        id="20261126-093000-practice",
        path=Path("20261126-093000-practice.toml"),
        started_at=at,
        updated_at=at,
        mode="practice",
        status="finished",
        stages=("Practice: any question",),
        duration_seconds=60.0,
        seed=1,
        pack_id="testpack",
        overall=None,
        band=None,
        questions=tuple(results),
    )


# The domain -------------------------------------------------------------------------------------------------


def test_each_due_question_says_how_it_went_last_time() -> None:
    state = build_review_state(
        [
            summary(
                [
                    QuestionResult("weak", "serving", 0.17, None, "answered"),
                    QuestionResult("passed", "serving", None, None, "skipped"),
                    QuestionResult("rated", "serving", None, 1, "answered"),
                ]
            )
        ]
    )
    due = state.due_reviews(LATER)
    assert set(due.ids) == {"weak", "passed", "rated"}
    assert due.notes == {"weak": "last time 17%", "passed": "skipped last time", "rated": DUE_NOTE}
    assert due.next_due is None
    assert due.next_review(LATER) == "3 questions are due for review now."


def test_with_nothing_due_it_says_when_the_next_review_is() -> None:
    state = build_review_state([summary([QuestionResult("weak", "serving", 0.17, None, "answered")])])
    soon = START + timedelta(hours=1)
    due = state.due_reviews(soon)
    assert due.ids == ()
    assert due.next_due is not None
    assert due.next_due > soon
    days = (due.next_due.astimezone(START.tzinfo).date() - soon.date()).days
    when = {0: "later today", 1: "tomorrow"}.get(days, f"in {days} days")
    assert due.next_review(soon).startswith(f"Nothing due for review; next review {when} (")
    assert build_review_state([]).due_reviews(soon).next_review(soon).startswith("Nothing due for review yet")


def test_a_practice_that_brings_due_questions_back_is_titled_so_and_carries_their_notes() -> None:
    pack = load_pack(TEST_PACK)
    notes = {"recruiter-q1": "last time 17%"}
    plan = plan_practice(pack, practice_stage(count=2), seed=3, due_ids=["recruiter-q1"], due_notes=notes)
    [stage_plan] = plan.stages
    assert stage_plan.stage.title == DUE_TITLE
    assert stage_plan.questions[0].id == "recruiter-q1"
    assert stage_plan.notes == notes
    assert plan_practice(pack, practice_stage(count=2), seed=3).stages[0].stage.title == ANY_QUESTION_TITLE
    narrowed = plan_practice(pack, practice_stage(areas=["recruiter"], count=2), seed=3, due_ids=["recruiter-q1"])
    assert narrowed.stages[0].stage.title == "Practice: recruiter"  # a chosen focus keeps its title


def test_the_note_is_saved_with_the_question_and_only_when_there_is_one(data_home: Path) -> None:
    pack = load_pack(TEST_PACK)
    store = SessionStore(data_home / "sessions")
    plan = plan_practice(
        pack, practice_stage(count=2), seed=3, due_ids=["recruiter-q1"], due_notes={"recruiter-q1": "last time 17%"}
    )
    path = start_session(store, plan=plan, pack=pack, mode="practice").checkpoint()
    first, second = store.load(path).stages[0].answers
    assert first.note == "last time 17%"
    assert second.note is None
    assert path.read_text(encoding="utf-8").count("note =") == 1  # older sessions and plain draws carry none


# The app ----------------------------------------------------------------------------------------------------


def test_d_is_in_the_footer_only_while_questions_are_due_and_starts_a_titled_review(data_home: Path) -> None:
    played_session(SessionStore(data_home / "sessions"), repeat(ANSWER), stages=["recruiter"])
    app = app_at(data_home, LATER)

    async def steps(pilot: Pilot[int]) -> None:
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.due_count == 4
        assert "d" in home.active_bindings  # shown in the footer
        await press(pilot, "d")
        stage = app.screen
        assert isinstance(stage, StageScreen)
        assert stage.stage.record.title == DUE_TITLE
        meta = str(stage.query_one("#question-meta", Static).content)
        assert "last time 67%" in meta

    drive(app, steps)


def test_with_nothing_due_the_home_screen_says_when_the_next_review_is(data_home: Path) -> None:
    played_session(SessionStore(data_home / "sessions"), repeat(ANSWER), stages=["recruiter"])
    app = app_at(data_home, START + timedelta(hours=1))

    async def steps(pilot: Pilot[int]) -> None:
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.due_count == 0
        assert "d" not in home.active_bindings
        await press(pilot, "d")
        assert app.screen is home  # d does nothing while nothing is due
        line = home.query_one("#home-next-review", Static)
        assert line.display
        assert str(line.content).startswith("Nothing due for review; next review ")

    drive(app, steps)


def test_a_first_time_user_sees_no_review_line(data_home: Path) -> None:
    app = app_at(data_home, START)

    async def steps(_: Pilot[int]) -> None:
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert not home.query_one("#home-next-review", Static).display
        assert "d" not in home.active_bindings

    drive(app, steps)


def test_the_count_is_taken_again_when_the_home_screen_shows_again(data_home: Path) -> None:
    played_session(SessionStore(data_home / "sessions"), repeat(ANSWER), stages=["recruiter"])
    app = app_at(data_home, LATER)

    async def steps(pilot: Pilot[int]) -> None:
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.due_count == 4
        await press(pilot, "h", "d", "y", "escape")  # delete the only session in History, then back home
        assert isinstance(app.screen, HomeScreen)
        assert home.due_count == 0
        assert "d" not in home.active_bindings

    drive(app, steps)
