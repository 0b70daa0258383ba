"""The practice setup: a compact form that starts at the top, no list scrolling inside the page, and ticks
that read in plain text."""

from __future__ import annotations

import asyncio

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Static

from tests.helpers import AppMaker, drive, press, settle
from tui_interview.ui.screens.practice import PracticeScreen
from tui_interview.ui.screens.stage import StageScreen
from tui_interview.ui.widgets.tick_list import TICKED, UNTICKED, TickList


def row_text(tick_list: TickList[str], y: int) -> str:
    return "".join(segment.text for segment in tick_list.render_line(y))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_the_form_starts_at_the_top_and_fits_with_nothing_scrolling(make_app: AppMaker, size: tuple[int, int]) -> None:
    app = make_app()

    async def go() -> None:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await press(pilot, "p")
            setup = app.screen
            assert isinstance(setup, PracticeScreen)
            page = setup.query_one("#practice", VerticalScroll)
            assert page.scroll_y == 0
            assert page.max_scroll_y == 0  # everything fits: no scrollbar at all
            title = setup.query_one(".screen-title", Static)
            hint = setup.query_one(".hint", Static)
            assert str(title.content) == "Practice"
            assert title.region.y == 0
            assert "Ctrl+S starts" in str(hint.content)
            assert hint.region.y == 1
            for tick_list in setup.query(TickList):
                assert tick_list.max_scroll_y == 0  # no list scrolls inside the page
                assert tick_list.region.bottom <= size[1] - 1  # above the footer
            start = setup.query_one("#practice-start")
            assert start.region.bottom <= size[1] - 1
            assert app.focused is setup.query_one("#practice-stage")

    asyncio.run(go())


def test_ticked_rows_read_differently_without_colour(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "p")
        setup = app.screen
        assert isinstance(setup, PracticeScreen)
        areas = setup.query_one("#practice-areas", TickList)
        areas.focus()
        await press(pilot, "down", "space")  # the second area: serving
        assert row_text(areas, 0).startswith(f"{UNTICKED} ML pipeline design")
        assert row_text(areas, 1).startswith(f"{TICKED} Model serving")
        assert areas.selected == ["serving"]

    drive(app, steps)


def test_due_questions_first_is_a_tick_like_the_lists(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "p")
        setup = app.screen
        assert isinstance(setup, PracticeScreen)
        due = setup.query_one("#practice-due", TickList)
        choice = setup.choice()
        assert choice is not None
        assert not choice.due_first
        due.focus()
        await press(pilot, "space")
        assert row_text(due, 0).startswith(f"{TICKED} Due questions first")
        choice = setup.choice()
        assert choice is not None
        assert choice.due_first
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, StageScreen)  # nothing is due in a fresh data folder: a usual draw

    drive(app, steps)
