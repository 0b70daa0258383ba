"""Findings of the first-use review fixed in the audit: prompts in lists render their Markdown, a skipped question
is not graded nor described, a recruiter question shows no level in the stage, a resume claims a draft only when
there is one, and History names the questions that keep coming back by their prompt."""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from tests.helpers import START, AppMaker, drive, played_session, press, type_text
from tests.test_review_retake import PROMPT, answer, app_on, markdown_pack, shown
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.settings import PracticeChoice
from tui_interview.ui.screens.dialogs import ConfirmDialog, NoticeDialog
from tui_interview.ui.screens.history import HistoryScreen
from tui_interview.ui.screens.report import ReportScreen
from tui_interview.ui.screens.review import QuestionReviewScreen
from tui_interview.ui.screens.stage import StageScreen
from tui_interview.ui.screens.summary import SummaryScreen
from tui_interview.ui.widgets.page_options import PageOptions

__all__ = ["markdown_pack"]  # a fixture, used by name


def test_the_report_lists_prompts_with_their_markdown_rendered(
    markdown_pack: Path, fake_clock: FakeClock, data_home: Path
) -> None:
    app = app_on(markdown_pack, fake_clock, data_home)

    async def steps(pilot: Pilot[int]) -> None:
        await answer(pilot, fake_clock, "I would look at the p99.")
        await press(pilot, "escape")
        assert isinstance(app.screen, SummaryScreen)
        await press(pilot, "enter")
        report = app.screen
        assert isinstance(report, ReportScreen)
        preview = str(report.query_one(PageOptions).get_option_at_index(0).prompt).splitlines()[1]
        assert preview.startswith("Recruiter question 1: why does kubectl rollout undo matter")
        assert "`" not in preview
        assert PROMPT.startswith("Recruiter question 1: why does `kubectl")

    drive(app, steps)


def test_a_skipped_question_is_not_graded_and_not_described(make_app: AppMaker) -> None:
    app = make_app(start="practice", practice=PracticeChoice(question_ids=("recruiter-q1", "recruiter-q2")))

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "ctrl+n")
        feedback = app.screen
        assert isinstance(feedback, QuestionReviewScreen)
        rating = shown(feedback.query_one("#review-rating", Static))
        assert "score — (skipped): not graded" in rating
        assert "coverage" not in rating
        view = shown(feedback.query_one("#review-answer", Static))
        assert "(skipped)" in view
        assert "How you said it" not in view  # no "0 words, 0 words/min" for nothing typed
        assert "Delivery" not in view

    drive(app, steps)


def test_the_stage_shows_no_level_for_a_recruiter_question(make_app: AppMaker) -> None:
    app = make_app(start="practice", practice=PracticeChoice(question_ids=("recruiter-q1",)))

    async def steps(pilot: Pilot[int]) -> None:
        stage = pilot.app.screen
        assert isinstance(stage, StageScreen)
        meta = shown(stage.query_one("#question-meta", Static)).strip()
        assert meta == "Question 1 of 1  ·  Recruiter screen"  # not "screen · Recruiter screen · mid"

    drive(app, steps)


def test_a_resume_says_the_draft_is_restored_only_when_there_is_one(make_app: AppMaker) -> None:
    bodies: list[str] = []
    for draft in ("", "half a thought"):
        first = make_app(start="practice", practice=PracticeChoice(question_ids=("recruiter-q1",)))

        async def quit_midway(pilot: Pilot[int], draft: str = draft) -> None:
            await type_text(pilot, draft)
            await press(pilot, "ctrl+q", "y")

        drive(first, quit_midway)
        second = make_app()

        async def resume(pilot: Pilot[int]) -> None:
            assert isinstance(pilot.app.screen, ConfirmDialog)
            await press(pilot, "y")
            notice = pilot.app.screen
            assert isinstance(notice, NoticeDialog)
            bodies.append(notice.body)
            await press(pilot, "enter", "ctrl+q", "y")

        drive(second, resume)
    assert "draft" not in bodies[0]
    assert "Your draft is restored." in bodies[1]


def test_history_names_the_questions_that_keep_coming_back_by_their_prompt(make_app: AppMaker, data_home: Path) -> None:
    store = SessionStore(data_home / "sessions")
    for days in (9, 6, 3):  # the same draw, failed three times
        played_session(
            store, itertools.repeat("no idea"), stages=["recruiter"], started=START - timedelta(days=days)
        ).close()
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "escape")  # the offer to resume, if any
        app.open_history()
        await press(pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen)
        weak = shown(history.query_one("#history-weak", Static))
        assert weak.startswith("Keeps coming back")
        assert "• Recruiter question" in weak
        assert "• recruiter-q" not in weak

    drive(app, steps)
