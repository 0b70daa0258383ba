"""Screen state kept as Textual reactives, the stage clocks, and the dialogs the screens wait on."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from itertools import repeat
from pathlib import Path

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from tests.helpers import START, AppMaker, drive, played_session, press, scan_sessions, start_session, type_text
from tui_interview.domain.sessions.clock import FakeClock, TimeState
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.settings import PracticeChoice
from tui_interview.ui.screens.dialogs import ConfirmDialog
from tui_interview.ui.screens.history import HistoryScreen
from tui_interview.ui.screens.home import HomeScreen
from tui_interview.ui.screens.report import ReportScreen
from tui_interview.ui.screens.review import QuestionReviewScreen
from tui_interview.ui.screens.stage import StageScreen
from tui_interview.ui.widgets.stage_clock import AnswerClock, StageClock


class Clocks(App[None]):
    def compose(self) -> ComposeResult:
        yield AnswerClock()
        yield StageClock()


def test_the_stage_clock_shows_whole_seconds_rounded_up_and_styles_itself_from_the_time_state() -> None:
    async def go() -> None:
        async with Clocks().run_test() as pilot:
            clock = pilot.app.query_one(StageClock)
            clock.remaining = 59.2
            assert clock.remaining == 60
            assert clock.render() == "1:00 left"
            classes = {}
            for state in TimeState:
                clock.state = state
                classes[state] = (clock.has_class("-warning"), clock.has_class("-alert"))
            assert classes == {
                TimeState.NORMAL: (False, False),
                TimeState.WARNING: (True, False),
                TimeState.ALERT: (False, True),
                TimeState.EXPIRED: (False, True),
            }

    asyncio.run(go())


def test_the_answer_clock_is_blank_until_the_question_is_shown() -> None:
    async def go() -> None:
        async with Clocks().run_test() as pilot:
            clock = pilot.app.query_one(AnswerClock)
            assert clock.render() == ""
            clock.suggested_minutes = 6
            clock.spent = 125.4
            assert clock.render() == "this answer 2:05 / 6 min"

    asyncio.run(go())


def test_the_home_menu_offers_due_questions_once_they_are_counted(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        home = app.screen
        assert isinstance(home, HomeScreen)
        menu = home.query_one("#home-menu", OptionList)
        without_due = menu.option_count
        assert "due" not in [option.id for option in menu.options]
        home.due_count = 3
        await pilot.pause()
        assert menu.option_count == without_due + 1
        assert "Due for review (3)" in str(menu.get_option("due").prompt)

    drive(app, steps)


def test_history_sorts_with_s_and_deletes_only_once_confirmed(make_app: AppMaker, data_home: Path) -> None:
    store = SessionStore(data_home / "sessions")
    played_session(store, repeat("I am not sure."), stages=["recruiter"], started=START)
    later = START + timedelta(days=1)
    played_session(store, repeat("First I look at the p99 and roll back."), stages=["recruiter"], started=later)
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "h")
        history = app.screen
        assert isinstance(history, HistoryScreen)
        table = history.query_one(DataTable)
        hint = history.query_one("#history-hint", Static)
        assert "sorted by date" in str(hint.content)
        await press(pilot, "s")
        assert history.sort_key == "score"
        assert "sorted by score" in str(hint.content)
        shown = [row.key.value for row in table.ordered_rows]
        assert history.view is not None
        assert shown == [summary.key for summary in history.view.sorted_by("score")]
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "n")
        assert history.is_current
        assert table.row_count == 2
        await press(pilot, "d")
        await press(pilot, "y")
        assert history.is_current
        assert table.row_count == 1
        assert "1 session ·" in str(hint.content)

    drive(app, steps)
    assert len(scan_sessions(store).sessions) == 1


def test_declining_to_resume_stays_on_the_home_screen(make_app: AppMaker, data_home: Path) -> None:
    unfinished = start_session(SessionStore(data_home / "sessions"), stages=["recruiter"])
    unfinished.stage().start()
    unfinished.checkpoint()
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "n")
        assert isinstance(app.screen, HomeScreen)

    drive(app, steps)


def test_a_review_moves_between_questions_and_the_report_follows_its_changes(
    make_app: AppMaker, data_home: Path
) -> None:
    played_session(SessionStore(data_home / "sessions"), repeat("First I look at the p99."), stages=["recruiter"])
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "h")
        await press(pilot, "enter")
        report = app.screen
        assert isinstance(report, ReportScreen)
        shown = report.report
        await press(pilot, "enter")
        review = app.screen
        assert isinstance(review, QuestionReviewScreen)
        assert review.position == (0, 0)
        await press(pilot, "n")
        assert review.position == (0, 1)
        assert " · Q2 of 4 · " in str(review.query_one("#review-title", Static).content)
        await press(pilot, "p", "p")
        assert review.position == (0, 0)
        await press(pilot, "4")
        assert report.report is shown  # the report screen catches up when it shows again
        await press(pilot, "escape")
        assert report.is_current
        assert report.report is report.session.report
        assert report.report.scores.overall > shown.scores.overall

    drive(app, steps)


def test_a_second_key_before_practice_feedback_shows_changes_nothing(make_app: AppMaker, fake_clock: FakeClock) -> None:
    app = make_app(start="practice", practice=PracticeChoice(kinds=("screen",), count=2))

    async def steps(pilot: Pilot[int]) -> None:
        stage = app.screen
        assert isinstance(stage, StageScreen)
        fake_clock.advance(40)
        await type_text(pilot, "I would roll back")
        stage.action_skip()
        stage.action_skip()  # a key pressed twice, both handled before the feedback screen is up
        stage.answer_box.insert(" again")
        await pilot.pause()
        assert isinstance(app.screen, QuestionReviewScreen)
        await press(pilot, "escape")
        assert stage.is_current
        assert stage.stage.number == 2
        assert stage.answer_box.text == ""
        second = stage.stage.record.answers[1]
        assert (second.status, second.answer) == ("pending", "")

    drive(app, steps)
