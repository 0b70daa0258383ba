"""The question review at the keyboard: the pack's Markdown rendered, typed text literal, titles and footers that
agree, copying to the clipboard, and retaking a question to see what the new answer added."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from tests.helpers import SHIPPED_STAGES, TEST_PACK, FollowingWallClock, drive, press, scan_sessions, settle, type_text
from tui_interview.app_factory import build_app
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.settings import PracticeChoice, Settings, StartScreen
from tui_interview.ui.app import InterviewApp
from tui_interview.ui.screens.report import ReportScreen
from tui_interview.ui.screens.review import QuestionReviewScreen
from tui_interview.ui.screens.stage import StageScreen
from tui_interview.ui.screens.summary import SummaryScreen

QUESTION = "recruiter-q1"
"""Points: a concrete first check ("look at"), a number to watch ("p99"), how to roll back ("roll back")."""
PROMPT = "Recruiter question 1: why does `kubectl rollout undo` matter here? Say <b>why</b>."
MODEL_ANSWER = """
- First idea for `recruiter-q1`.
- Second idea.

```bash
kubectl rollout undo deployment/api
```
"""
TYPED = "I would look at the p99 `first` and [bold]not[/bold] guess\n# not a heading"
JUST_THE_P99 = "I would look at the p99."
RETAKE = "First I would inspect the service, look at the p99, then roll back."


@pytest.fixture
def markdown_pack(tmp_path: Path) -> Path:
    """The test pack, with a prompt and a model answer written in Markdown."""
    folder = tmp_path / "pack"
    shutil.copytree(TEST_PACK, folder)
    questions = folder / "questions.toml"
    text = questions.read_text(encoding="utf-8")
    text = text.replace('prompt = """Recruiter question 1: why this role?"""', f'prompt = """{PROMPT}"""', 1)
    old_model = '"""\n- First idea for recruiter-q1.\n- Second idea.\n- Third idea.\n- Fourth idea.\n"""'
    assert old_model in text
    questions.write_text(text.replace(old_model, f'"""{MODEL_ANSWER}"""', 1), encoding="utf-8")
    return folder


def app_on(pack: Path, clock: FakeClock, data_home: Path, *, start: StartScreen = "practice") -> InterviewApp:
    settings = Settings(
        pack_path=pack,
        stages_path=SHIPPED_STAGES,
        data_home=data_home,
        seed=42,
        use_history=False,
        start=start,
        practice=PracticeChoice(question_ids=(QUESTION,)),
    )
    app = build_app(settings, clock=clock, now=FollowingWallClock(clock), tick_seconds=3600)
    app.animation_level = "none"
    return app


def shown(static: Static, width: int = 200) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=width, file=io.StringIO(), color_system=None, record=True)
    console.print(static.content)
    return console.export_text()


def footer_keys(screen: QuestionReviewScreen) -> dict[str, str]:
    """The keys the footer shows, with their descriptions."""
    return {key: active.binding.description for key, active in screen.active_bindings.items() if active.binding.show}


async def answer(pilot: Pilot[int], clock: FakeClock, text: str) -> QuestionReviewScreen:
    """Answer the practice question with ``text`` and skip any follow-up: the feedback shows."""
    clock.advance(60)
    for number, line in enumerate(text.split("\n")):
        if number:
            await press(pilot, "enter")
        await type_text(pilot, line)
    await press(pilot, "ctrl+s")
    while isinstance(pilot.app.screen, StageScreen):
        await press(pilot, "ctrl+n")
    feedback = pilot.app.screen
    assert isinstance(feedback, QuestionReviewScreen)
    await settle(pilot)  # the previous attempt is looked up in a "history" worker
    return feedback


async def to_the_review(pilot: Pilot[int]) -> QuestionReviewScreen:
    """From practice feedback on to the report, and into the question's review."""
    await press(pilot, "escape")
    assert isinstance(pilot.app.screen, SummaryScreen)
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, ReportScreen)
    await press(pilot, "enter")  # opens the question, or first brings the list into view
    if isinstance(pilot.app.screen, ReportScreen):
        await press(pilot, "enter")
    review = pilot.app.screen
    assert isinstance(review, QuestionReviewScreen)
    assert not review.feedback
    return review


def test_the_review_renders_the_packs_markdown_and_shows_typed_text_as_typed(
    markdown_pack: Path, fake_clock: FakeClock, data_home: Path
) -> None:
    app = app_on(markdown_pack, fake_clock, data_home)

    async def steps(pilot: Pilot[int]) -> None:
        feedback = await answer(pilot, fake_clock, TYPED)
        view = shown(feedback.query_one("#review-answer", Static))
        assert "why does kubectl rollout undo matter here? Say <b>why</b>." in view  # code rendered, HTML as is
        assert "`kubectl" not in view
        assert "I would look at the p99 `first` and [bold]not[/bold] guess\n# not a heading" in view
        reference = shown(feedback.query_one("#review-reference", Static))
        assert "• First idea for recruiter-q1." in reference
        assert "- First idea" not in reference
        assert "kubectl rollout undo deployment/api" in reference
        assert "```" not in reference

    drive(app, steps)


def test_practice_feedback_says_esc_continues_in_the_title_and_the_footer(
    markdown_pack: Path, fake_clock: FakeClock, data_home: Path
) -> None:
    app = app_on(markdown_pack, fake_clock, data_home)

    async def steps(pilot: Pilot[int]) -> None:
        feedback = await answer(pilot, fake_clock, JUST_THE_P99)
        title = shown(feedback.query_one("#review-title", Static))
        assert title.startswith("Feedback · Esc: continue · ")  # first: a long title wraps after the hint
        keys = footer_keys(feedback)
        assert keys["escape"] == "Continue"
        assert "r" not in keys  # no retake in the middle of a practice
        review = await to_the_review(pilot)
        keys = footer_keys(review)
        assert (keys["escape"], keys["r"], keys["n"], keys["p"]) == ("Back", "Retake", "Next", "Prev")
        assert "Esc:" not in shown(review.query_one("#review-title", Static))

    drive(app, steps)


def test_recruiter_questions_show_no_level_and_no_repeated_stage_name(
    markdown_pack: Path, fake_clock: FakeClock, data_home: Path
) -> None:
    app = app_on(markdown_pack, fake_clock, data_home)

    async def steps(pilot: Pilot[int]) -> None:
        feedback = await answer(pilot, fake_clock, JUST_THE_P99)
        first_line = shown(feedback.query_one("#review-answer", Static)).splitlines()[0]
        assert first_line.strip() == "Recruiter screen"  # not "screen · Recruiter screen · mid"

    drive(app, steps)


def test_c_and_m_copy_the_answer_and_the_model_answer(
    markdown_pack: Path, fake_clock: FakeClock, data_home: Path
) -> None:
    app = app_on(markdown_pack, fake_clock, data_home)

    async def steps(pilot: Pilot[int]) -> None:
        await answer(pilot, fake_clock, TYPED)
        await press(pilot, "c")
        assert app.clipboard == TYPED
        note = list(app._notifications)[-1]
        assert (note.title, note.message) == ("Copied", "Copied your answer (14 words) to the clipboard.")
        await press(pilot, "m")
        assert app.clipboard == MODEL_ANSWER.strip()
        assert list(app._notifications)[-1].message == "Copied the model answer (Markdown) to the clipboard."

    drive(app, steps)


def test_retaking_a_question_saves_a_new_session_and_shows_what_the_retake_added(
    markdown_pack: Path, fake_clock: FakeClock, data_home: Path
) -> None:
    app = app_on(markdown_pack, fake_clock, data_home)
    store = SessionStore(data_home / "sessions")
    before: dict[Path, bytes] = {}

    async def steps(pilot: Pilot[int]) -> None:
        feedback = await answer(pilot, fake_clock, JUST_THE_P99)
        assert not feedback.query_one("#review-compare", Static).display  # no earlier attempt
        review = await to_the_review(pilot)
        before.update({path: path.read_bytes() for path in store.folder.glob("*.toml")})
        fake_clock.advance(600)
        await press(pilot, "r")
        stage = app.screen
        assert isinstance(stage, StageScreen)
        assert [answer.question_id for answer in stage.stage.record.answers] == [QUESTION]
        retake = await answer(pilot, fake_clock, RETAKE)
        assert retake is not review
        comparison = retake.comparison
        assert comparison is not None
        assert [(point.text, point.change) for point in comparison.points] == [
            ("Names a concrete first check", "kept"),
            ("Gives a number to watch", "kept"),
            ("Says how to roll back", "added"),
        ]
        view = shown(retake.query_one("#review-compare", Static))
        assert retake.query_one("#review-compare", Static).display
        assert view.startswith("Since your previous attempt  2026-11-26 09:3")
        assert "coverage 67% → 100%: 1 added, 0 dropped, 0 still missing" in view
        assert "+ added: Says how to roll back" in view
        assert "✓ kept: Gives a number to watch" in view
        await press(pilot, "space")  # untick the first point: the comparison follows
        assert "- dropped: Names a concrete first check" in shown(retake.query_one("#review-compare", Static))

    drive(app, steps)
    assert len(before) == 1
    for path, content in before.items():
        assert path.read_bytes() == content  # the first attempt is left exactly as it was
    sessions = scan_sessions(store).sessions
    assert len(sessions) == 2
    newest, oldest = sessions
    assert newest.stages[0].answers[0].answer == RETAKE
    assert oldest.stages[0].answers[0].answer == JUST_THE_P99


def test_a_retake_reports_a_missing_point_as_still_missing(
    markdown_pack: Path, fake_clock: FakeClock, data_home: Path
) -> None:
    app = app_on(markdown_pack, fake_clock, data_home)

    async def steps(pilot: Pilot[int]) -> None:
        await answer(pilot, fake_clock, JUST_THE_P99)
        await to_the_review(pilot)
        fake_clock.advance(600)
        await press(pilot, "r")
        retake = await answer(pilot, fake_clock, "I would inspect the service first.")
        view = shown(retake.query_one("#review-compare", Static))
        assert "✗ still missing: Says how to roll back" in view
        assert "- dropped: Gives a number to watch" in view

    drive(app, steps)


def test_esc_after_a_retake_comes_back_to_the_review_it_started_from(
    markdown_pack: Path, fake_clock: FakeClock, data_home: Path
) -> None:
    app = app_on(markdown_pack, fake_clock, data_home)

    async def steps(pilot: Pilot[int]) -> None:
        await answer(pilot, fake_clock, JUST_THE_P99)
        review = await to_the_review(pilot)
        old_report = app.screen_stack[-2]
        assert isinstance(old_report, ReportScreen)
        fake_clock.advance(600)
        await press(pilot, "r")
        await answer(pilot, fake_clock, RETAKE)
        await press(pilot, "escape")
        assert isinstance(app.screen, SummaryScreen)
        await press(pilot, "enter")
        retake_report = app.screen
        assert isinstance(retake_report, ReportScreen)
        assert retake_report.session.record.id != review.session.record.id
        assert retake_report.session.record.stages[0].answers[0].answer == RETAKE
        await press(pilot, "escape")
        assert app.screen_stack[-2:] == [old_report, review], "back to the review the retake started from, not home"
        assert review.question.answer == JUST_THE_P99
        await press(pilot, "escape")
        assert app.screen_stack[-1] is old_report

    drive(app, steps)
