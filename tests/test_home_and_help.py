"""Home and help polish: menu descriptions wrap in their own column, the help reflows and always shows how to
close it."""

from __future__ import annotations

import asyncio

import pytest
from textual.containers import VerticalScroll
from textual.widgets import OptionList

from tests.helpers import AppMaker, press, settle
from tui_interview.domain.settings import PracticeChoice
from tui_interview.ui.screens.help import CLOSE_HINT, GENERAL, HelpScreen
from tui_interview.ui.screens.home import LABEL_WIDTH, HomeScreen


def test_at_60_columns_menu_descriptions_wrap_under_themselves_not_under_the_labels(make_app: AppMaker) -> None:
    app = make_app()

    async def go() -> None:
        async with app.run_test(size=(60, 20)) as pilot:
            await settle(pilot)
            home = app.screen
            assert isinstance(home, HomeScreen)
            menu = home.query_one("#home-menu", OptionList)
            lines = ["".join(segment.text for segment in menu.render_line(y)) for y in range(3)]
            assert lines[0].split()[:2] == ["Full", "loop"]
            assert lines[1].split()[0] == "report"  # "every stage in order, then a / report" …
            assert lines[1].index("report") == lines[0].index("every")  # … in the description's column
            assert lines[0].index("every") > LABEL_WIDTH
            assert lines[2].split()[0] == "Practice"

    asyncio.run(go())


def test_the_general_help_is_prose_the_dialog_reflows() -> None:
    assert "\n" not in GENERAL


@pytest.mark.parametrize("practice", [None, PracticeChoice(stage="behavioral")], ids=["home help", "stage help"])
def test_the_help_shows_how_to_close_it_at_80x24(make_app: AppMaker, practice: PracticeChoice | None) -> None:
    app = make_app(start="practice", practice=practice) if practice else make_app()

    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "f1")
            help_screen = app.screen
            assert isinstance(help_screen, HelpScreen)
            frame = help_screen.query_one("#help", VerticalScroll)
            assert frame.border_subtitle == CLOSE_HINT  # on the frame's border: never scrolled or cut away
            assert frame.region.bottom <= 24  # the whole frame, border included, is on screen
            assert app.focused is frame  # so PageDown and the arrows scroll a long help
            if frame.max_scroll_y:
                await press(pilot, "pagedown")
                assert frame.scroll_y > 0

    asyncio.run(go())
