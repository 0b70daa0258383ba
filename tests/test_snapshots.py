"""What the candidate sees, as SVG snapshots. Review changes in snapshot_report.html before accepting."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

from tests.helpers import AppMaker, SnapCompare, press, type_text
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.settings import PracticeChoice
from tui_interview.ui.screens.stage import StageScreen

Steps = Callable[[Pilot[Any]], Awaitable[None]]


def no_blink(pilot: Pilot[Any]) -> None:
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False


def technical_stage(clock: FakeClock, answer: str, minutes_in: float) -> Steps:
    """Seed 1 puts the question with markup in its prompt first in the technical stage."""

    async def steps(pilot: Pilot[Any]) -> None:
        await press(pilot, "enter")
        for _ in range(4):
            await pilot.press("ctrl+n")
        await press(pilot, "enter")
        no_blink(pilot)
        await type_text(pilot, answer)
        clock.advance(minutes_in * 60)
        screen = pilot.app.screen
        assert isinstance(screen, StageScreen)
        screen.tick()
        await pilot.pause()

    return steps


def test_home(snap_compare: SnapCompare, make_app: AppMaker) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_loop_overview(snap_compare: SnapCompare, make_app: AppMaker) -> None:
    assert snap_compare(make_app(start="loop"), terminal_size=(80, 24))


def test_stage_mid_question_80x24(snap_compare: SnapCompare, make_app: AppMaker, fake_clock: FakeClock) -> None:
    steps = technical_stage(fake_clock, "Partition by [bold]date[/] and overwrite", 3)
    assert snap_compare(make_app(start="loop", seed=1), terminal_size=(80, 24), run_before=steps)


def test_stage_mid_question_120x40(snap_compare: SnapCompare, make_app: AppMaker, fake_clock: FakeClock) -> None:
    steps = technical_stage(fake_clock, "Partition by [bold]date[/] and overwrite", 3)
    assert snap_compare(make_app(start="loop", seed=1), terminal_size=(120, 40), run_before=steps)


def test_stage_warning_state(snap_compare: SnapCompare, make_app: AppMaker, fake_clock: FakeClock) -> None:
    steps = technical_stage(fake_clock, "Nearly out of time", 37)
    assert snap_compare(make_app(start="loop", seed=1), terminal_size=(80, 24), run_before=steps)


def test_stage_summary(snap_compare: SnapCompare, make_app: AppMaker, fake_clock: FakeClock) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await press(pilot, "enter")
        for answer in ("one", "two"):
            fake_clock.advance(150)
            await type_text(pilot, answer)
            await pilot.press("ctrl+s")
        await pilot.press("ctrl+n")
        fake_clock.advance(60)
        await pilot.press("ctrl+p")
        fake_clock.advance(90)
        await pilot.press("enter")
        await press(pilot, "ctrl+n")

    assert snap_compare(make_app(start="loop"), terminal_size=(80, 24), run_before=steps)


def whole_loop(clock: FakeClock, answer: str) -> Steps:
    """Answer every question (and every scenario step or follow-up) of the loop, then reach the report."""

    async def steps(pilot: Pilot[Any]) -> None:
        await press(pilot, "enter")
        for _stage in range(4):
            screen = pilot.app.screen
            assert isinstance(screen, StageScreen)
            while screen.is_active:
                clock.advance(100)
                screen.answer_box.insert(answer)  # typing key by key is covered elsewhere; this keeps it fast
                await press(pilot, "ctrl+s")
            await press(pilot, "enter")

    return steps


ANSWER = "First I look at the p99 and [b]roll back[/]"


def test_report_summary(snap_compare: SnapCompare, make_app: AppMaker, fake_clock: FakeClock) -> None:
    steps = whole_loop(fake_clock, ANSWER)
    assert snap_compare(make_app(start="loop"), terminal_size=(80, 24), run_before=steps)


def test_report_questions_keep_the_highlight_in_view(
    snap_compare: SnapCompare, make_app: AppMaker, fake_clock: FakeClock
) -> None:
    loop = whole_loop(fake_clock, ANSWER)

    async def steps(pilot: Pilot[Any]) -> None:
        await loop(pilot)
        await press(pilot, "down", "down", "down")  # the page follows the highlight down the question list

    assert snap_compare(make_app(start="loop"), terminal_size=(80, 24), run_before=steps)


def test_report_question(snap_compare: SnapCompare, make_app: AppMaker, fake_clock: FakeClock) -> None:
    loop = whole_loop(fake_clock, ANSWER)

    async def steps(pilot: Pilot[Any]) -> None:
        await loop(pilot)
        await press(pilot, "down", "enter", "down")  # to the first question, open it, to its first point

    assert snap_compare(make_app(start="loop"), terminal_size=(80, 24), run_before=steps)


def test_help(snap_compare: SnapCompare, make_app: AppMaker) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        no_blink(pilot)
        await pilot.press("f1")

    assert snap_compare(
        make_app(start="practice", practice=PracticeChoice(stage="behavioral")),
        terminal_size=(80, 24),
        run_before=steps,
    )
