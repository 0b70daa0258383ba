"""A scenario in the stage screen: parts pile up, Ctrl+N skips only the part showing, the question area scrolls
from the answer box, pack text renders as Markdown; then the summary says how it went and Ctrl+Q asks."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.helpers import SIZE, press, settle, type_text
from tests.scenarios import RERANKER, SPOT, scenario_app, screen_rows, start_scenario_stage, until_fitted
from tui_interview.domain.reporting.review import ReviewSession
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.ui.app import InterviewApp
from tui_interview.ui.screens.dialogs import ConfirmDialog
from tui_interview.ui.screens.review import QuestionReviewScreen
from tui_interview.ui.screens.stage import StageScreen
from tui_interview.ui.screens.summary import SummaryScreen
from tui_interview.ui.widgets.answer_box import AnswerBox
from tui_interview.ui.widgets.question_view import QuestionView

PROMPT_START = "A fashion marketplace serves a transformer re-ranker"


def play(
    data_home: Path, clock: FakeClock, steps: Callable[[Pilot[Any], InterviewApp], Awaitable[None]]
) -> InterviewApp:
    app = scenario_app(data_home, clock)

    async def go() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await steps(pilot, app)

    asyncio.run(go())
    return app


async def answer(pilot: Pilot[Any], text: str) -> None:
    """Put ``text`` in the answer box (typing key by key is tested elsewhere) and submit it."""
    app = pilot.app
    assert isinstance(app, InterviewApp)
    stage_screen(app).answer_box.insert(text)
    await press(pilot, "ctrl+s")
    await until_fitted(pilot)


def shown(app: InterviewApp) -> str:
    return "\n".join(screen_rows(app))


def stage_screen(app: InterviewApp) -> StageScreen:
    screen = app.screen
    assert isinstance(screen, StageScreen)
    return screen


def test_ctrl_n_in_a_scenario_skips_the_part_showing_and_the_next_part_still_comes(
    data_home: Path, fake_clock: FakeClock
) -> None:
    async def steps(pilot: Pilot[Any], app: InterviewApp) -> None:
        await start_scenario_stage(pilot, SPOT, RERANKER)
        await answer(pilot, "Checkpoint and resume")
        assert "Part 2 of 3" in shown(app)
        await press(pilot, "ctrl+n")
        await until_fitted(pilot)
        screen = shown(app)
        assert "Question 1 of 2" in screen, "skipping a part does not leave the question"
        assert "▼ Part 3 of 3 · Marcus Oyelaran adds" in screen
        assert "us-east-1a" in screen
        assert "▶ Part 2 of 3 · Marcus Oyelaran adds (skipped): The job checkpoints only" in screen
        await answer(pilot, "Spread over zones")
        assert "Question 2 of 2" in shown(app)
        await press(pilot, "ctrl+n")  # at its first answer, Ctrl+N skips the whole question
        assert isinstance(app.screen, SummaryScreen)
        summary = shown(app)
        assert "Answered     1 (1 partly: a scenario part skipped)" in summary
        assert "Skipped      1" in summary
        record = stage_screen_record(app)
        session = ReviewSession(record, app.workspace.pack, app.workspace.store)
        await app.push_screen(QuestionReviewScreen(session, (0, 0)))
        await pilot.pause()
        review = shown(app)
        assert "partly answered" in review
        assert "The interviewer added  0:00 · part 2 · skipped" in review
        assert "(skipped)" in review
        assert "(nothing typed)" not in review

    play(data_home, fake_clock, steps)


def stage_screen_record(app: InterviewApp) -> Any:
    run = app.active_run
    assert run is not None
    return run.record


def test_reveals_pile_up_and_the_question_scrolls_from_the_answer_box(data_home: Path, fake_clock: FakeClock) -> None:
    async def steps(pilot: Pilot[Any], app: InterviewApp) -> None:
        await start_scenario_stage(pilot, RERANKER, SPOT)
        await answer(pilot, "Load test first")
        screen = shown(app)
        assert PROMPT_START in screen, "a long prompt shows its first line with the first reveal below it"
        assert "During the rehearsal p99 climbs to 900 ms" in screen
        await answer(pilot, "Batching")
        screen = shown(app)
        assert f"▶ Part 1 · {PROMPT_START}" in screen, "when all cannot fit, the prompt folds to its first line"
        assert "▼ Part 3 of 3 · Marcus Oyelaran adds" in screen
        assert "^↑↓ Scroll" in screen
        assert "^o Earlier parts" in screen
        view = app.screen.query_one(QuestionView)
        assert view.can_scroll
        before = view.scroller.scroll_y
        await press(pilot, "ctrl+up")
        assert view.scroller.scroll_y < before
        assert "▶ Part 2 of 3 · Marcus Oyelaran adds: During the rehearsal p99" in shown(app)
        await press(pilot, "ctrl+down")
        assert view.scroller.scroll_y > 0
        assert isinstance(app.focused, AnswerBox), "scrolling leaves the focus in the answer box"
        await type_text(pilot, "still typing")
        assert stage_screen(app).answer_box.text == "still typing"

    play(data_home, fake_clock, steps)


def test_ctrl_o_opens_every_part_and_folds_them_again(data_home: Path, fake_clock: FakeClock) -> None:
    async def steps(pilot: Pilot[Any], app: InterviewApp) -> None:
        await start_scenario_stage(pilot, RERANKER, SPOT)
        await answer(pilot, "Load test first")
        await answer(pilot, "Batching")
        view = app.screen.query_one(QuestionView)
        await press(pilot, "ctrl+o")
        await until_fitted(pilot)
        assert view.all_open
        view.scroller.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        screen = shown(app)
        assert PROMPT_START in screen
        assert "▶ Part 1" not in screen
        assert "▼ Part 2 of 3 · Marcus Oyelaran adds" in screen
        assert "During the rehearsal p99 climbs to 900 ms at 3,000 requests per second" in screen
        await press(pilot, "ctrl+o")
        await until_fitted(pilot)
        assert not view.all_open
        view.scroller.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        assert "▶ Part 2 of 3 · Marcus Oyelaran adds: During" in shown(app)

    play(data_home, fake_clock, steps)


def test_pack_markdown_renders_in_the_stage_and_typed_text_stays_as_typed(
    data_home: Path, fake_clock: FakeClock
) -> None:
    async def steps(pilot: Pilot[Any], app: InterviewApp) -> None:
        await start_scenario_stage(pilot, RERANKER, SPOT)
        screen = shown(app)
        assert "nginx. An HPA scales it" in screen
        assert "`" not in screen
        await answer(pilot, "Load test first")
        await answer(pilot, "set `max_batch_size` to **8**")
        await pilot.resize_terminal(120, 40)
        await until_fitted(pilot)
        screen = shown(app)
        assert 'cpu: "2"' in screen, "the fenced block is shown as code"
        assert "```" not in screen
        assert "• the tokeniser runs in the request thread" in screen
        assert "• max_batch_size is 1" in screen
        box = stage_screen(app).answer_box
        box.load_text("")
        await type_text(pilot, "`literal` **stars**")
        assert "`literal` **stars**" in shown(app), "the candidate's text is never rendered as Markdown"

    play(data_home, fake_clock, steps)


def test_the_summary_says_time_ran_out_and_no_late_notice_follows(data_home: Path, fake_clock: FakeClock) -> None:
    async def steps(pilot: Pilot[Any], app: InterviewApp) -> None:
        screen = await start_scenario_stage(pilot, SPOT, RERANKER)
        await answer(pilot, "Checkpoint and resume")
        fake_clock.advance(31 * 60)
        screen.tick()
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        summary = shown(app)
        assert "Stage 1 of 1 ended: time ran out · Scenario round" in summary
        assert "complete" not in summary
        fake_clock.advance(2)
        await press(pilot, "enter")
        assert "Time is up" not in shown(app)

    play(data_home, fake_clock, steps)


def test_ctrl_q_on_the_between_stage_summary_asks_first(data_home: Path, fake_clock: FakeClock) -> None:
    async def steps(pilot: Pilot[Any], app: InterviewApp) -> None:
        await start_scenario_stage(pilot, SPOT)
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, SummaryScreen)
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Everything you typed is saved" in shown(app)
        await press(pilot, "n")
        assert isinstance(app.screen, SummaryScreen), "changing one's mind stays on the summary"
        await press(pilot, "ctrl+q")
        await press(pilot, "y")

    app = play(data_home, fake_clock, steps)
    assert app.return_code == 0
