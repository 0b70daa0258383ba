"""The debrief in the flow: after the last stage of a loop, before the report; and its snapshot."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import OptionList

from tests.helpers import AppMaker, SnapCompare, drive, press
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.ui.screens.debrief import DebriefScreen
from tui_interview.ui.screens.report import ReportScreen
from tui_interview.ui.screens.review import QuestionReviewScreen
from tui_interview.ui.screens.stage import StageScreen

HEDGED = "Maybe I would look at the p99, perhaps roll back [bold]now[/]."


async def play_loop(pilot: Pilot[Any], clock: FakeClock, answer: str) -> None:
    """Answer everything of the loop with ``answer`` and go past the last stage's summary."""
    await press(pilot, "enter")
    for _stage in range(4):
        screen = pilot.app.screen
        assert isinstance(screen, StageScreen)
        while screen.is_active:
            clock.advance(100)
            screen.answer_box.insert(answer)
            await press(pilot, "ctrl+s")
        await press(pilot, "enter")


def test_a_loop_ends_in_the_debrief_and_the_report_shows_your_calls(make_app: AppMaker, fake_clock: FakeClock) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await play_loop(pilot, fake_clock, HEDGED)
        debrief = pilot.app.screen
        assert isinstance(debrief, DebriefScreen)
        first, _second = debrief.debrief.items[:2]
        assert first.quote.startswith("Maybe I would look at the p99")
        assert "[bold]now" in first.quote
        await press(pilot, "y")  # confirm the first: highlight moves to the next undecided
        await press(pilot, "n")  # reject the second
        items = debrief.debrief.items
        assert [items[0].decision, items[1].decision, items[2].decision] == ["confirmed", "rejected", None]
        assert debrief.query_one("#debrief-items", OptionList).highlighted == 2
        await press(pilot, "s")
        report = pilot.app.screen
        assert isinstance(report, ReportScreen)
        points = report.report.stages[0].questions[0].score.points  # type: ignore[union-attr]
        assert [(p.status, p.decided_by) for p in points[:3]] == [
            ("covered", "you"),
            ("missed", "you"),
            ("possible", "grader"),
        ]
        await press(pilot, "down", "enter")  # to the first question (below the fold), and open it
        review = pilot.app.screen
        assert isinstance(review, QuestionReviewScreen)
        labels = [str(review.query_one("#review-points", OptionList).get_option_at_index(n).prompt) for n in range(3)]
        assert labels[0].startswith("✓ ")
        assert labels[0].endswith("· you")
        assert labels[1].startswith("✗ ")
        assert labels[1].endswith("· you")
        assert labels[2].startswith("? ")
        assert "check this" in labels[2]
        assert labels[2].endswith("· grader")
        saved = report.session.record.stages[0].answers[0]
        assert (saved.ticked, saved.unticked) == ([0], [1])

    drive(make_app(start="loop"), steps)


def test_no_debrief_when_the_grader_is_sure(make_app: AppMaker, fake_clock: FakeClock) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await play_loop(pilot, fake_clock, "First I look at the p99 and roll back.")
        assert isinstance(pilot.app.screen, ReportScreen)

    drive(make_app(start="loop"), steps)


def test_enter_skips_to_the_report(make_app: AppMaker, fake_clock: FakeClock) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await play_loop(pilot, fake_clock, HEDGED)
        assert isinstance(pilot.app.screen, DebriefScreen)
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, ReportScreen)
        assert all(p.decided_by == "grader" for p in pilot.app.screen.report.stages[0].questions[0].score.points)  # type: ignore[union-attr]

    drive(make_app(start="loop"), steps)


def test_debrief_80x24(snap_compare: SnapCompare, make_app: AppMaker, fake_clock: FakeClock) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await play_loop(pilot, fake_clock, HEDGED)
        await press(pilot, "y")

    assert snap_compare(make_app(start="loop"), terminal_size=(80, 24), run_before=steps)
