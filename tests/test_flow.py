"""The whole loop driven with Pilot at 80x24, as a candidate would use it."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, SelectionList, Static, TextArea

from tests.helpers import AppMaker, drive, press, scan_sessions, type_text
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.settings import PracticeChoice
from tui_interview.ui.screens.dialogs import ConfirmDialog, NoticeDialog
from tui_interview.ui.screens.history import HistoryScreen
from tui_interview.ui.screens.home import HomeScreen
from tui_interview.ui.screens.overview import OverviewScreen
from tui_interview.ui.screens.practice import PracticeScreen
from tui_interview.ui.screens.report import ReportScreen
from tui_interview.ui.screens.review import QuestionReviewScreen
from tui_interview.ui.screens.stage import PausedScreen, StageScreen
from tui_interview.ui.screens.summary import SummaryScreen


async def answer_current_question(pilot: Pilot[int], clock: FakeClock, text: str) -> None:
    clock.advance(60)
    await type_text(pilot, text)
    await press(pilot, "ctrl+s")


def test_home_to_report_answering_every_stage(make_app: AppMaker, fake_clock: FakeClock, data_home: Path) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "l")
        assert isinstance(app.screen, OverviewScreen)
        await press(pilot, "enter")
        for stage_number in range(1, 5):
            screen = app.screen
            assert isinstance(screen, StageScreen)
            meta = screen.query_one("#question-meta", Static).visual
            assert isinstance(meta, Content)
            assert meta.plain.startswith("Question 1 of")
            while isinstance(app.screen, StageScreen):
                await answer_current_question(pilot, fake_clock, f"a{stage_number}")
            assert isinstance(app.screen, SummaryScreen)
            await press(pilot, "enter")
        assert isinstance(app.screen, ReportScreen)
        report = app.screen.report
        assert [s.answered for s in report.stages] == [4, 4, 2, 4]
        assert report.stages[0].questions[0].answer == "a1"
        assert report.stages[1].seconds_used == 4 * 60
        assert app.screen.query_one("#report-questions", OptionList).option_count == 14
        await press(pilot, "enter")  # the list is below the fold: Enter brings its first question into view
        assert app.screen.query_one("#report-questions", OptionList).highlighted == 0
        await press(pilot, "enter")
        review = app.screen
        assert isinstance(review, QuestionReviewScreen)
        assert review.query_one("#review-points", OptionList).highlighted == 0  # a short answer: the points show
        await press(pilot, "space", "4")  # tick the first point, rate the answer "excellent"
        assert review.question.score is not None
        assert review.question.score.points[0].covered
        assert review.question.score.score == (1 / 3 + 1.0) / 2
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, HomeScreen)

    drive(app, steps)
    [saved] = scan_sessions(SessionStore(data_home / "sessions")).sessions
    assert saved.status == "finished"
    assert saved.seed == 42
    first = saved.stages[0].answers[0]
    assert (first.ticked, first.self_rating) == ([0], 4)  # the candidate's say is saved


def test_time_running_out_mid_answer_keeps_the_answer(make_app: AppMaker, fake_clock: FakeClock) -> None:
    app = make_app(start="loop")

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, StageScreen)
        await type_text(pilot, "half")
        fake_clock.advance(17 * 60)
        screen.tick()
        assert screen.query_one("#countdown").has_class("-warning")
        fake_clock.advance(3 * 60 + 1)
        screen.tick()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        answers = app.screen.record.answers
        assert (answers[0].status, answers[0].answer) == ("time_up", "half")
        assert [a.status for a in answers[1:]] == ["not_reached"] * 3
        assert app.screen.tally.seconds_used == 20 * 60

    drive(app, steps)


def test_pause_stops_the_clock_and_is_recorded(make_app: AppMaker, fake_clock: FakeClock) -> None:
    app = make_app(start="practice", practice=PracticeChoice(stage="behavioral"))

    async def steps(pilot: Pilot[int]) -> None:
        screen = app.screen
        assert isinstance(screen, StageScreen)
        fake_clock.advance(30)
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, PausedScreen)
        fake_clock.advance(600)
        await press(pilot, "enter")
        assert screen.stage.countdown.elapsed == 30
        assert [(p.at_seconds, p.duration_seconds) for p in screen.stage.record.pauses] == [(30, 600)]

    drive(app, steps)


def test_quit_mid_stage_then_restart_and_resume(make_app: AppMaker, fake_clock: FakeClock) -> None:
    first = make_app(start="loop")

    async def quit_midway(pilot: Pilot[int]) -> None:
        await press(pilot, "enter")
        await answer_current_question(pilot, fake_clock, "done")
        fake_clock.advance(45)
        await type_text(pilot, "draft")
        await press(pilot, "ctrl+q")
        assert isinstance(first.screen, ConfirmDialog)
        await press(pilot, "n")  # changed my mind
        assert isinstance(first.screen, StageScreen)
        await press(pilot, "ctrl+q")
        await press(pilot, "y")

    drive(first, quit_midway)
    assert first.return_code == 0

    fake_clock.advance(3600)  # time passes while the app is closed; it must not count
    second = make_app()

    async def resume(pilot: Pilot[int]) -> None:
        assert isinstance(second.screen, ConfirmDialog)
        await press(pilot, "y")
        assert isinstance(second.screen, NoticeDialog)
        await press(pilot, "enter")
        screen = second.screen
        assert isinstance(screen, StageScreen)
        assert screen.stage.number == 2
        assert screen.query_one("#answer", TextArea).text == "draft"
        assert screen.stage.countdown.elapsed == 105
        assert screen.stage.record.answers[0].answer == "done"

    drive(second, resume)


def test_submitting_an_empty_answer_asks_for_text_instead(make_app: AppMaker) -> None:
    app = make_app(start="practice", practice=PracticeChoice(stage="recruiter"))

    async def steps(pilot: Pilot[int]) -> None:
        screen = app.screen
        assert isinstance(screen, StageScreen)
        await press(pilot, "ctrl+s")
        assert screen.stage.number == 1
        await press(pilot, "ctrl+n")
        assert screen.stage.number == 2
        assert screen.stage.record.answers[0].status == "skipped"

    drive(app, steps)


def test_practice_gives_feedback_after_each_answer_and_saves_the_rating(
    make_app: AppMaker, fake_clock: FakeClock, data_home: Path
) -> None:
    app = make_app(start="practice", practice=PracticeChoice(kinds=("screen",), count=2))

    async def steps(pilot: Pilot[int]) -> None:
        stage = app.screen
        assert isinstance(stage, StageScreen)
        fake_clock.advance(40)
        await type_text(pilot, "I would roll back")
        await press(pilot, "ctrl+s")
        assert stage.stage.answer.active_turn is not None  # one point of three: the interviewer follows up
        await press(pilot, "ctrl+n")  # skip the follow-up; the question is answered
        feedback = app.screen
        assert isinstance(feedback, QuestionReviewScreen)
        assert feedback.feedback
        assert feedback.question.score is not None
        assert feedback.question.score.points[2].covered  # "roll back"
        fake_clock.advance(300)  # reading feedback does not use the stage clock
        await press(pilot, "3", "escape")
        assert stage.is_active  # back on the stage screen
        assert stage.stage.number == 2
        assert stage.stage.countdown.elapsed == 40
        assert stage.stage.record.pauses == []
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, QuestionReviewScreen)  # skipped questions get their model answer too
        await press(pilot, "escape")
        assert isinstance(app.screen, SummaryScreen)

    drive(app, steps)
    [saved] = scan_sessions(SessionStore(data_home / "sessions")).sessions
    assert saved.mode == "practice"
    assert saved.stages[0].answers[0].self_rating == 3


def test_history_lists_sessions_and_opens_a_report(make_app: AppMaker, fake_clock: FakeClock) -> None:
    first = make_app(start="practice", practice=PracticeChoice(stage="recruiter"))

    async def answer_all(pilot: Pilot[int]) -> None:
        while not isinstance(first.screen, SummaryScreen):
            if isinstance(first.screen, QuestionReviewScreen):
                await press(pilot, "escape")  # practice feedback after each answer
            else:
                await answer_current_question(pilot, fake_clock, "ok")

    drive(first, answer_all)
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "h")
        history = app.screen
        assert isinstance(history, HistoryScreen)
        assert history.view is not None
        assert len(history.view.sessions) == 1
        await press(pilot, "enter")
        assert isinstance(app.screen, ReportScreen)

    drive(app, steps)


def test_practice_setup_draws_what_was_chosen(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "p")
        setup = app.screen
        assert isinstance(setup, PracticeScreen)
        setup.query_one("#practice-areas", SelectionList).focus()
        await pilot.press("down", "space")  # the second area: serving
        setup.query_one("#practice-count", Input).focus()
        await pilot.press("backspace", "2")
        await press(pilot, "ctrl+s")
        stage = app.screen
        assert isinstance(stage, StageScreen)
        assert stage.stage.total == 2
        assert {q.area for q in stage.stage.questions} == {"serving"}
        assert stage.stage.record.title == "Practice: serving"

    drive(app, steps)
