"""Ctrl+Q asks before quitting wherever quitting could surprise: during a session whatever covers the stage (practice
feedback, help, a pause), between stages, and with a story not saved; what was typed is kept either way."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.helpers import AppMaker, drive, press, scan_sessions, type_text
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.settings import PracticeChoice
from tui_interview.ui.screens.dialogs import ConfirmDialog
from tui_interview.ui.screens.help import HelpScreen
from tui_interview.ui.screens.review import QuestionReviewScreen
from tui_interview.ui.screens.stage import PausedScreen, StageScreen
from tui_interview.ui.screens.stories import StoryEditScreen

TWO_QUESTIONS = PracticeChoice(question_ids=("recruiter-q1", "recruiter-q2"))


def saved_answers(store: SessionStore) -> list[tuple[str, str, str]]:
    """Each saved answer of the one session played: question, status and text (a draft too)."""
    [record] = scan_sessions(store).sessions
    return [(a.question_id, a.status, a.answer) for a in record.stages[0].answers]


async def to_the_feedback(pilot: Pilot[int], clock: FakeClock, text: str) -> QuestionReviewScreen:
    clock.advance(40)
    await type_text(pilot, text)
    await press(pilot, "ctrl+s")
    while isinstance(pilot.app.screen, StageScreen):  # any follow-up
        await press(pilot, "ctrl+n")
    feedback = pilot.app.screen
    assert isinstance(feedback, QuestionReviewScreen)
    assert feedback.feedback
    return feedback


def test_ctrl_q_on_practice_feedback_asks_and_no_stays_on_the_feedback(
    make_app: AppMaker, fake_clock: FakeClock, data_home: Path
) -> None:
    app = make_app(start="practice", practice=TWO_QUESTIONS)

    async def steps(pilot: Pilot[int]) -> None:
        feedback = await to_the_feedback(pilot, fake_clock, "look at the p99")
        await press(pilot, "ctrl+q")
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        assert question.title_text == "Quit the interview?"
        await press(pilot, "n")
        assert app.screen is feedback, "changing one's mind goes back to the feedback"
        await press(pilot, "escape")
        assert isinstance(app.screen, StageScreen), "and the practice goes on"
        await type_text(pilot, "half an answer")
        await press(pilot, "ctrl+q", "y")

    drive(app, steps)
    assert app.return_code == 0
    answers = saved_answers(SessionStore(data_home / "sessions"))
    assert answers[0][2] == "look at the p99"
    assert answers[1] == ("recruiter-q2", "pending", "half an answer")


def test_ctrl_q_twice_on_practice_feedback_quits_with_the_answer_saved(
    make_app: AppMaker, fake_clock: FakeClock, data_home: Path
) -> None:
    app = make_app(start="practice", practice=TWO_QUESTIONS)

    async def steps(pilot: Pilot[int]) -> None:
        await to_the_feedback(pilot, fake_clock, "roll back first")
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "ctrl+q")  # Ctrl+Q on the question answers it

    drive(app, steps)
    assert app.return_code == 0
    assert saved_answers(SessionStore(data_home / "sessions"))[0][1:] == ("answered", "roll back first")


def test_ctrl_q_over_the_stage_help_or_a_pause_asks_and_keeps_the_draft(
    make_app: AppMaker, fake_clock: FakeClock, data_home: Path
) -> None:
    app = make_app(start="practice", practice=TWO_QUESTIONS)

    async def steps(pilot: Pilot[int]) -> None:
        fake_clock.advance(20)
        await type_text(pilot, "a draft")
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "n")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape", "ctrl+p")
        assert isinstance(app.screen, PausedScreen)
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "y")

    drive(app, steps)
    assert app.return_code == 0
    assert saved_answers(SessionStore(data_home / "sessions"))[0][1:] == ("pending", "a draft")


def test_ctrl_q_in_the_story_editor_asks_only_when_the_story_has_changes(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        app.open_stories()
        await press(pilot, "n")
        editor = app.screen
        assert isinstance(editor, StoryEditScreen)
        await type_text(pilot, "my-story")
        await press(pilot, "ctrl+q")
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        assert question.title_text == "Quit tui-interview?"
        assert "not saved" in question.body
        await press(pilot, "n")
        assert app.screen is editor
        await press(pilot, "ctrl+q", "y")

    drive(app, steps)
    assert app.return_code == 0


def test_ctrl_q_on_the_home_screen_quits_at_once(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "ctrl+q")

    drive(app, steps)
    assert app.return_code == 0
