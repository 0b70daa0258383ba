"""The browse screen: open it from home or the palette, filter as you type, read a question, practise it."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from textual.command import CommandPalette
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets._footer import FooterKey

from tests.helpers import AppMaker, drive, press, type_text
from tui_interview.ui.screens.browse import BrowseScreen, QuestionSheetScreen
from tui_interview.ui.screens.help import HelpScreen, bindings_table
from tui_interview.ui.screens.home import HomeScreen
from tui_interview.ui.screens.report import ReportScreen
from tui_interview.ui.screens.stage import StageScreen
from tui_interview.ui.widgets.page_options import PageOptions

MARKUP_QUESTION = "pipelines-technical-1"
"""Its prompt holds "[bold]30 days[/]" and a [link=…] tag, which must show as typed."""


def shown_text(renderable: Any, width: int = 78) -> str:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


async def open_browse(pilot: Pilot[Any]) -> BrowseScreen:
    await press(pilot, "b")
    screen = pilot.app.screen
    assert isinstance(screen, BrowseScreen)
    await pilot.app.workers.wait_for_complete()  # the questions' words are read in a thread
    await press(pilot)
    return screen


def count_line(screen: BrowseScreen) -> str:
    return shown_text(screen.query_one("#browse-count", Static).content).strip()


def listed_ids(screen: BrowseScreen) -> list[str]:
    questions = screen.query_one("#browse-questions", OptionList)
    return [str(questions.get_option_at_index(index).id) for index in range(questions.option_count)]


def test_b_on_home_opens_every_question_with_the_words_box_focused(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        screen = await open_browse(pilot)
        assert count_line(screen).startswith("All 20 questions")
        assert listed_ids(screen)[:2] == [MARKUP_QUESTION, "pipelines-scenario-1"]  # by area as declared, then kind
        assert isinstance(app.focused, Input)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)

    drive(app, steps)


def test_the_home_menu_entry_opens_it_too(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        menu = app.screen.query_one("#home-menu", OptionList)
        menu.highlighted = [option.id for option in menu.options].index("browse")
        await press(pilot, "enter")
        assert isinstance(app.screen, BrowseScreen)

    drive(app, steps)


def test_the_command_palette_opens_it(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "ctrl+p")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await type_text(pilot, "Study the pack")
        hits = palette.query_one(OptionList)
        for _ in range(100):
            if hits.option_count and "study the pack" in str(hits.get_option_at_index(0).prompt).lower():
                break
            await pilot.pause(0.02)
        await press(pilot, "enter")
        assert isinstance(app.screen, BrowseScreen)

    drive(app, steps)


def test_typing_filters_as_you_type_and_the_count_follows(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        screen = await open_browse(pilot)
        await type_text(pilot, "recruiter")
        await press(pilot)
        assert count_line(screen).startswith("6 of 20 questions")
        assert all(question_id.startswith("recruiter-") for question_id in listed_ids(screen))
        await type_text(pilot, " quantum")
        await press(pilot)
        assert count_line(screen).startswith("0 of 20 questions · none matches")
        await press(pilot, *["backspace"] * len(" quantum"))
        assert count_line(screen).startswith("6 of 20 questions")

    drive(app, steps)


def test_the_lists_narrow_by_area_kind_and_level(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        screen = await open_browse(pilot)
        await press(pilot, "tab")  # to the area list
        assert app.focused is screen.query_one("#browse-area", Select)
        await press(pilot, "enter", "down", "down", "enter")  # Any area, ML pipeline design, Model serving
        assert screen.choice.areas == ("serving",)
        await press(pilot, "tab", "enter", "down", "down", "down", "enter")  # Any kind, technical, scenario, tradeoff
        assert screen.choice.kinds == ("tradeoff",)
        assert listed_ids(screen) == ["serving-tradeoff-3"]
        assert count_line(screen).startswith("1 of 20 questions")

    drive(app, steps)


def test_enter_opens_the_sheet_with_markup_shown_literally_and_esc_comes_back(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        browse = await open_browse(pilot)
        await type_text(pilot, "backfill idempotent")
        await press(pilot, "down")  # from the words to the list
        assert isinstance(app.focused, PageOptions)
        assert listed_ids(browse) == [MARKUP_QUESTION]
        await press(pilot, "enter")
        sheet = app.screen
        assert isinstance(sheet, QuestionSheetScreen)
        text = shown_text(sheet.query_one("#sheet-body", Static).content)
        assert "How would you make a backfill of [bold]30 days[/] idempotent?" in text
        assert "[link=http://x]this[/link]" in text
        for part in ("Talking points", "• Names a concrete first check", "Follow-ups to expect", "Model answer"):
            assert part in text
        assert "• First idea for pipelines-technical-1." in text  # the model answer's bullets, rendered
        assert isinstance(app.focused, VerticalScroll)  # the keyboard scrolls the sheet
        await press(pilot, "escape")
        assert app.screen is browse
        assert browse.highlighted_id == MARKUP_QUESTION

    drive(app, steps)


def test_the_keyboard_scrolls_a_long_sheet(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await open_browse(pilot)
        await type_text(pilot, "pipelines scenario")
        await press(pilot, "down", "enter")
        sheet = app.screen
        assert isinstance(sheet, QuestionSheetScreen)
        page = sheet.query_one("#sheet", VerticalScroll)
        if page.max_scroll_y == 0:
            await pilot.resize_terminal(80, 12)
            await press(pilot)
        await press(pilot, "pagedown")
        assert page.scroll_y > 0
        await press(pilot, "home")
        assert page.scroll_y == 0

    drive(app, steps)


def test_p_on_the_sheet_starts_practice_on_that_question_and_the_report_comes_back(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await open_browse(pilot)
        await type_text(pilot, "backfill")
        await press(pilot, "enter")  # in the words: opens the best match
        assert isinstance(app.screen, QuestionSheetScreen)
        await press(pilot, "p")
        stage = app.screen
        assert isinstance(stage, StageScreen)
        assert [question.id for question in stage.stage.questions] == [MARKUP_QUESTION]
        assert stage.run.record.mode == "practice"
        await type_text(pilot, "Overwrite whole partitions")
        await press(pilot, "ctrl+s", "escape", "enter")  # the feedback, the summary, then the report
        assert isinstance(app.screen, ReportScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, QuestionSheetScreen)  # back to studying where the practice started

    drive(app, steps)


def test_p_on_the_list_practises_the_highlighted_question_but_is_a_letter_in_the_words(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        browse = await open_browse(pilot)
        await type_text(pilot, "p")  # typed into the words box: no practice
        assert isinstance(app.screen, BrowseScreen)
        assert browse.query_one("#browse-words", Input).value == "p"
        await press(pilot, "backspace", "down", "down")
        assert isinstance(app.focused, PageOptions)
        chosen = browse.highlighted_id
        assert chosen == "pipelines-scenario-1"
        await press(pilot, "p")
        stage = app.screen
        assert isinstance(stage, StageScreen)
        assert [question.id for question in stage.stage.questions] == [chosen]

    drive(app, steps)


def footer_keys(pilot: Pilot[Any]) -> list[str]:
    return [str(key.description) for key in pilot.app.screen.query(FooterKey)]


def test_the_footer_and_the_help_list_the_keys(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await open_browse(pilot)
        assert footer_keys(pilot)[:2] == ["Back", "Search words"]  # typing: p is a letter, not offered
        await press(pilot, "down")
        assert footer_keys(pilot)[:3] == ["Back", "Search words", "Practise it"]
        keys = shown_text(bindings_table(app.screen))
        for part in ("Esc", "Back", "/", "Search words", "p", "Practise it"):
            assert part in keys
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape", "enter")
        assert isinstance(app.screen, QuestionSheetScreen)
        assert footer_keys(pilot)[:2] == ["Back", "Practise it"]

    drive(app, steps)
