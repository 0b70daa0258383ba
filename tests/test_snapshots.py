"""What the candidate sees, as SVG snapshots. Review changes in snapshot_report.html before accepting."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from itertools import repeat
from pathlib import Path
from typing import Any

from textual.command import CommandInput, CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList, TextArea

from tests.helpers import START, AppMaker, SnapCompare, played_session, press, type_text
from tests.scenarios import RERANKER, SPOT, scenario_app, start_scenario_stage, until_fitted
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.store import SessionStore
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


def test_stage_scenario_parts_pile_up_80x24(snap_compare: SnapCompare, data_home: Path, fake_clock: FakeClock) -> None:
    """At part 3 of a scenario: the prompt, part 2 folded to one line (skipped), part 3 open under it."""

    async def steps(pilot: Pilot[Any]) -> None:
        screen = await start_scenario_stage(pilot, SPOT, RERANKER)
        screen.answer_box.insert("Checkpoint every few hundred steps and resume from the last one.")
        await press(pilot, "ctrl+s")
        await press(pilot, "ctrl+n")
        await type_text(pilot, "Spread over zones")
        fake_clock.advance(4 * 60)
        screen.tick()
        await until_fitted(pilot)

    assert snap_compare(scenario_app(data_home, fake_clock), terminal_size=(80, 24), run_before=steps)


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


def test_report_command_palette(snap_compare: SnapCompare, make_app: AppMaker, fake_clock: FakeClock) -> None:
    """Ctrl+P on the report: the app's own commands, this report's exports first."""
    loop = whole_loop(fake_clock, ANSWER)

    async def steps(pilot: Pilot[Any]) -> None:
        await loop(pilot)
        await press(pilot, "ctrl+p")
        palette = pilot.app.screen
        assert isinstance(palette, CommandPalette)
        palette.query_one(CommandInput).cursor_blink = False
        hits = palette.query_one(OptionList)
        for _ in range(100):  # the commands are gathered in a worker
            if hits.option_count:
                break
            await pilot.pause(0.02)
        await pilot.pause()

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


def test_history_with_one_session(snap_compare: SnapCompare, make_app: AppMaker, data_home: Path) -> None:
    """One finished loop: bars on a fixed 0-100% scale with their values, and a note that one is not a trend."""
    played_session(SessionStore(data_home / "sessions"), repeat("First I look at the p99."), started=START)

    async def steps(pilot: Pilot[Any]) -> None:
        await press(pilot, "h")

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=steps)


def test_practice_setup(snap_compare: SnapCompare, make_app: AppMaker) -> None:
    """The whole form at 80x24 from its title down, with an area and a kind ticked ([x])."""

    async def steps(pilot: Pilot[Any]) -> None:
        await press(pilot, "p")
        await press(pilot, "tab", "down", "space", "tab", "space")  # Model serving; technical

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=steps)


def _stories_app(data_home: Path) -> Any:
    """The app on the shipped pack (its behavioral questions carry competencies), with the example story bank."""
    import shutil

    from tests.helpers import REPO, SHIPPED_STAGES, FollowingWallClock
    from tui_interview.app_factory import build_app
    from tui_interview.domain.locations import default_pack_dir, stories_file
    from tui_interview.domain.settings import Settings

    data_home.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "tests" / "data" / "stories" / "stories.toml", stories_file(data_home))
    settings = Settings(
        pack_path=default_pack_dir(), stages_path=SHIPPED_STAGES, data_home=data_home, seed=42, use_history=False
    )
    clock = FakeClock()
    app = build_app(settings, clock=clock, now=FollowingWallClock(clock), tick_seconds=3600)
    app.animation_level = "none"
    return app


def test_stories_screen(snap_compare: SnapCompare, data_home: Path) -> None:
    """The story list with each story's check, and the check of the story highlighted (the third: 6/8)."""

    async def steps(pilot: Pilot[Any]) -> None:
        await press(pilot, "s", "down", "down")

    assert snap_compare(_stories_app(data_home), terminal_size=(80, 24), run_before=steps)


def test_coverage_map(snap_compare: SnapCompare, data_home: Path) -> None:
    """Every competency with its questions and stories (the seed three starred), then the best story per question."""

    async def steps(pilot: Pilot[Any]) -> None:
        await press(pilot, "s", "c")

    assert snap_compare(_stories_app(data_home), terminal_size=(80, 24), run_before=steps)
