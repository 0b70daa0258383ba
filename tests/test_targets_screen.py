"""The Target screen as the candidate uses it: add a target in the form, make another active, read the errors."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static, TextArea

from tests.helpers import AppMaker, drive, press, type_text
from tests.test_stories_flow import rendered
from tui_interview.domain.locations import targets_dir
from tui_interview.domain.targets.profile import active_id, load_target
from tui_interview.ui.screens.home import HomeScreen
from tui_interview.ui.screens.overview import OverviewScreen
from tui_interview.ui.screens.targets import TargetEditScreen, TargetsScreen


async def fill_in(pilot: Pilot[int], target_id: str, company: str, *, notes: str = "", stack: str = "") -> None:
    """On the Target screen, add a target through the form (n, the fields, Ctrl+S)."""
    await press(pilot, "n")
    form = pilot.app.screen
    assert isinstance(form, TargetEditScreen)
    await type_text(pilot, target_id)
    form.query_one("#target-company", Input).value = company
    form.query_one("#target-role", Input).value = "Senior MLOps Engineer"
    form.query_one("#target-level", Select).value = "senior"
    form.query_one("#target-stack", Input).value = stack
    form.query_one("#target-product", TextArea).text = "Grocery delivery: substitutions at checkout."
    form.query_one("#target-notes", TextArea).text = notes
    await press(pilot, "ctrl+s")


def test_add_a_target_make_another_active_and_see_it_on_the_overview(make_app: AppMaker, data_home: Path) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "t")
        screen = app.screen
        assert isinstance(screen, TargetsScreen)
        assert "No active target" in rendered(screen.query_one("#targets-active", Static))
        notes = "Blog: cron to [bold]Dagster[/bold] | https://fresco.example/blog\nHiring for serving reliability"
        await fill_in(pilot, "fresco", "Fresco", notes=notes, stack="Kubernetes, Dagster")
        assert app.screen is screen
        assert "Active: Fresco · Senior MLOps Engineer (senior)" in rendered(
            screen.query_one("#targets-active", Static)
        )
        profile = rendered(screen.query_one("#targets-profile", Static))
        assert "Note: Blog: cron to [bold]Dagster[/bold] (source: https://fresco.example/blog)" in profile
        assert "Stack: Kubernetes, Dagster" in profile
        await fill_in(pilot, "acme", "Acme")
        listing = screen.query_one("#targets-list", OptionList)
        assert [str(listing.get_option_at_index(i).prompt) for i in range(3)] == [
            "  acme  Acme · Senior MLOps Engineer (senior)",
            "* fresco  Fresco · Senior MLOps Engineer (senior)",
            "+ New target",
        ]
        listing.highlighted = 0
        await press(pilot, "u")
        assert "Active: Acme" in rendered(screen.query_one("#targets-active", Static))
        await press(pilot, "escape", "l")
        assert isinstance(app.screen, OverviewScreen)
        assert "Target: Acme · Senior MLOps Engineer (senior)" in rendered(
            app.screen.query_one("#overview-target", Static)
        )

    drive(app, steps)
    fresco = load_target(data_home, "fresco")
    assert fresco.stack == ["Kubernetes", "Dagster"]
    assert [(note.text, note.source) for note in fresco.notes] == [
        ("Blog: cron to [bold]Dagster[/bold]", "https://fresco.example/blog"),
        ("Hiring for serving reliability", ""),
    ]
    assert active_id(data_home) == "acme"


def test_bad_input_keeps_the_form_open_with_the_cli_messages(make_app: AppMaker, data_home: Path) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "t")
        await fill_in(pilot, "Bad_Id", "")
        form = app.screen
        assert isinstance(form, TargetEditScreen)  # not saved: the draft stays
        problems = rendered(form.query_one("#target-problems", Static))
        assert "targets/Bad_Id.toml: field 'id': " in problems
        assert "field 'company': " in problems
        assert form.query_one("#target-id", Input).value == "Bad_Id"

    drive(app, steps)
    assert not targets_dir(data_home).exists() or not list(targets_dir(data_home).glob("*.toml"))


def test_a_target_file_that_cannot_be_read_is_listed_and_never_overwritten(make_app: AppMaker, data_home: Path) -> None:
    folder = targets_dir(data_home)
    folder.mkdir(parents=True)
    broken = 'company = "[red]Acme[/red]"\nlevl = "senior"\n'
    (folder / "acme.toml").write_text(broken, encoding="utf-8")
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "t")
        screen = app.screen
        assert isinstance(screen, TargetsScreen)
        profile = rendered(screen.query_one("#targets-profile", Static))
        assert "Cannot be read (not changed here; fix the file first)" in profile
        assert "acme.toml: field 'levl'" in profile
        await fill_in(pilot, "acme", "Acme")
        assert isinstance(app.screen, TargetEditScreen)
        assert "exists already" in rendered(app.screen.query_one("#target-problems", Static))

    drive(app, steps)
    assert (folder / "acme.toml").read_text(encoding="utf-8") == broken


def test_the_target_screen_opens_from_the_home_menu_and_the_palette(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        assert isinstance(app.screen, HomeScreen)
        menu = app.screen.query_one("#home-menu", OptionList)
        menu.highlighted = next(i for i in range(menu.option_count) if menu.get_option_at_index(i).id == "targets")
        await press(pilot, "enter")
        assert isinstance(app.screen, TargetsScreen)
        await press(pilot, "escape")
        commands = [command.title for command in app.get_system_commands(app.screen_stack[-1])]
        assert "Target" in commands

    drive(app, steps)
