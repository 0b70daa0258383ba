"""The story bank as the candidate uses it: write stories on their screen, tell them in a loop, read the report."""

from __future__ import annotations

import io
import shutil
from itertools import chain, repeat
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static, TextArea

from tests.helpers import REPO, AppMaker, drive, played_session, press, type_text
from tui_interview.domain.locations import stories_file
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.stories.bank import load_stories
from tui_interview.ui.screens.dialogs import ConfirmDialog
from tui_interview.ui.screens.history import HistoryScreen
from tui_interview.ui.screens.report import ReportScreen
from tui_interview.ui.screens.stories import CoverageScreen, StoriesScreen, StoryEditScreen

STORIES = REPO / "tests" / "data" / "stories" / "stories.toml"
OUTAGE_RETOLD = (
    "At my previous job, a grocery marketplace, our checkout ranking service began timing out one Friday after "
    "someone deployed the feature store. I was on call. I rolled back the deploy first, kept support updated in "
    "the incident channel, and later found a schema change in one feature view sent lookups down a slow path. "
    "Errors went from 12% to under half a percent in 18 minutes, and I added a contract test."
)
DRIFT_STORY = (
    "Last spring our fraud model's precision dropped for two weeks before anyone noticed. I was responsible for "
    "its monitoring. I added a drift dashboard on the score distribution and a weekly label backfill check. "
    "As a result precision recovered from 0.61 to 0.83 within 3 weeks."
)


def rendered(static: Static) -> str:
    """What ``static`` shows, as plain text (markup, if any were interpreted, would be gone)."""
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(static.content)
    return console.export_text()


def test_write_a_story_tell_it_in_a_loop_and_see_it_in_the_report(make_app: AppMaker, data_home: Path) -> None:
    data_home.mkdir(parents=True)
    shutil.copy(STORIES, stories_file(data_home))
    app = make_app()

    async def write_a_story(pilot: Pilot[int]) -> None:
        await press(pilot, "s")
        stories = app.screen
        assert isinstance(stories, StoriesScreen)
        assert stories.query_one("#stories-list", OptionList).option_count == 7  # six stories and "+ New story"
        await press(pilot, "n")
        editor = app.screen
        assert isinstance(editor, StoryEditScreen)
        await type_text(pilot, "fraud-drift")
        editor.query_one("#story-title", Input).value = "The [bold]silent[/bold] fraud drift"
        editor.query_one("#part-situation", TextArea).text = DRIFT_STORY
        await pilot.pause()
        assert "46 words" in rendered(editor.query_one("#label-situation", Static))
        assert rendered(editor.query_one("#story-length", Static)).startswith("short: 46 words · about 0:18 spoken")
        await press(pilot, "ctrl+s")
        assert app.screen is stories
        assert "fraud-drift" in load_stories(stories_file(data_home)).by_id
        listing = stories.query_one("#stories-list", OptionList)
        assert listing.option_count == 8
        assert "The [bold]silent[/bold] fraud drift" in str(listing.get_option_at_index(6).prompt)

    drive(app, write_a_story)

    store = SessionStore(data_home / "sessions")
    played_session(
        store, chain([OUTAGE_RETOLD, OUTAGE_RETOLD, DRIFT_STORY], repeat("I don't know.")), stages=["behavioral"]
    )
    app = make_app()

    async def read_the_report(pilot: Pilot[int]) -> None:
        await press(pilot, "h")
        assert isinstance(app.screen, HistoryScreen)
        app.screen.query_one(DataTable).move_cursor(row=0)
        await press(pilot, "enter")
        report = app.screen
        assert isinstance(report, ReportScreen)
        summary = rendered(report.query_one("#report-summary", Static))
        assert "Stories told:" in summary
        assert "Behavioral interview Q1: 'The checkout ranking outage'" in summary
        assert (
            "Behavioral interview Q2: 'The checkout ranking outage', told again (first in Behavioral interview Q1)"
            in summary
        )
        assert "Behavioral interview Q3: 'The [bold]silent[/bold] fraud drift'" in summary
        assert "Behavioral interview Q4: no prepared story" in summary
        assert "Warning: 'The checkout ranking outage' told more than once in this session" in summary

    drive(app, read_the_report)


def test_a_story_file_that_cannot_be_read_is_shown_not_changed(make_app: AppMaker, data_home: Path) -> None:
    data_home.mkdir(parents=True)
    broken = '[[stories]]\nid = "a"\ntitle = "[red]T[/red]"\nsituaton = "\\u001b[2J draft"\n'
    stories_file(data_home).write_text(broken, encoding="utf-8")
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "s")
        screen = app.screen
        assert isinstance(screen, StoriesScreen)
        assert "cannot be read, so it is not changed here" in rendered(screen.query_one("#stories-summary", Static))
        details = rendered(screen.query_one("#stories-check", Static))
        assert "field 'situaton': unknown field (check the spelling)" in details
        await press(pilot, "n", "c", "enter")
        assert app.screen is screen  # nothing to edit or map until the file is fixed
        await press(pilot, "escape")

    drive(app, steps)
    assert stories_file(data_home).read_text(encoding="utf-8") == broken


def test_leaving_an_edited_story_asks_first(make_app: AppMaker, data_home: Path) -> None:
    data_home.mkdir(parents=True)
    shutil.copy(STORIES, stories_file(data_home))
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "s", "enter")
        editor = app.screen
        assert isinstance(editor, StoryEditScreen)
        assert editor.query_one("#story-title", Input).value == "The checkout ranking outage"
        await press(pilot, "escape")
        assert isinstance(app.screen, StoriesScreen)  # nothing changed: no question
        await press(pilot, "enter")
        await type_text(pilot, " again")
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "n")
        assert isinstance(app.screen, StoryEditScreen)
        await press(pilot, "escape", "y")
        assert isinstance(app.screen, StoriesScreen)

    drive(app, steps)
    assert load_stories(stories_file(data_home)).by_id["checkout-outage"].title == "The checkout ranking outage"


def test_a_story_that_cannot_be_saved_keeps_the_editor_open(make_app: AppMaker, data_home: Path) -> None:
    data_home.mkdir(parents=True)
    shutil.copy(STORIES, stories_file(data_home))
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "s", "n")
        await type_text(pilot, "checkout-outage")  # an id already taken
        app.screen.query_one("#story-title", Input).value = "Another outage"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, StoryEditScreen)
        app.screen.query_one("#story-id", Input).value = "Bad Id"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, StoryEditScreen)
        assert app.screen.query_one("#story-title", Input).value == "Another outage"

    drive(app, steps)
    assert len(load_stories(stories_file(data_home))) == 6


def test_the_coverage_map_opens_from_the_stories_screen(make_app: AppMaker, data_home: Path) -> None:
    data_home.mkdir(parents=True)
    shutil.copy(STORIES, stories_file(data_home))
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "s", "c")
        assert isinstance(app.screen, CoverageScreen)
        table = rendered(app.screen.query_one("#coverage-fits", Static))
        assert table  # the test pack's behavioral questions carry no competencies: no story fits them
        await press(pilot, "escape")
        assert isinstance(app.screen, StoriesScreen)

    drive(app, steps)


def test_story_text_shows_literally_with_control_characters_visible(make_app: AppMaker, data_home: Path) -> None:
    data_home.mkdir(parents=True)
    stories_file(data_home).write_text(
        '[[stories]]\nid = "a"\ntitle = "[reverse]Loud[/reverse] \\u001b[2J title"\ncompetencies = ["collaboration"]\n',
        encoding="utf-8",
    )
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "s")
        listing = app.screen.query_one("#stories-list", OptionList)
        shown = str(listing.get_option_at_index(0).prompt)
        assert "[reverse]Loud[/reverse] ␛[2J title" in shown
        assert "\x1b" not in shown

    drive(app, steps)


def test_the_loop_overview_names_the_active_target(make_app: AppMaker, data_home: Path) -> None:
    from tui_interview.domain.targets.profile import Target, save_target, use_target

    save_target(data_home, Target(id="fresco", company="Fresco", role="MLOps Engineer", stack=["Kubernetes"]))
    use_target(data_home, "fresco")
    app = make_app(start="loop")

    async def steps(_: Pilot[int]) -> None:
        line = rendered(app.screen.query_one("#overview-target", Static))
        assert line.startswith("Target: Fresco · MLOps Engineer")

    drive(app, steps)
