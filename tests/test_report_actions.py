"""What the report screen lets a candidate do from the keyboard: practise what it suggests, export it, use the
command palette, and pick a theme that the next start remembers."""

from __future__ import annotations

import io
import itertools
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tests.helpers import AppMaker, drive, played_session, press, run_cli, type_text
from tui_interview.domain.locations import CONFIG_VARIABLE
from tui_interview.domain.reporting.export import report_text
from tui_interview.domain.sessions.records import SessionRecord
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.ui.app import InterviewApp
from tui_interview.ui.screens.export import ExportDialog
from tui_interview.ui.screens.help import HelpScreen
from tui_interview.ui.screens.history import HistoryScreen
from tui_interview.ui.screens.report import ReportScreen
from tui_interview.ui.screens.stage import StageScreen


@pytest.fixture
def weak_session(data_home: Path) -> SessionRecord:
    """A finished loop answered "ok" throughout: every area is worth practising."""
    loop = played_session(SessionStore(data_home / "sessions"), itertools.repeat("ok"))
    assert loop.finished
    return loop.record


async def open_report(pilot: Pilot[int]) -> ReportScreen:
    await press(pilot, "h")
    assert isinstance(pilot.app.screen, HistoryScreen)
    await press(pilot, "enter")
    report = pilot.app.screen
    assert isinstance(report, ReportScreen)
    return report


def shown_text(static: Static, width: int = 78) -> str:
    """What ``static`` shows, as plain text ``width`` columns wide."""
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(static.content)
    return console.export_text()


def summary_text(report: ReportScreen) -> str:
    return shown_text(report.query_one("#report-summary", Static))


async def run_command(pilot: Pilot[Any], title: str) -> None:
    """Open the palette with Ctrl+P, type ``title``, wait for it to be found, and run it with Enter."""
    await press(pilot, "ctrl+p")
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    await type_text(pilot, title)
    hits = palette.query_one(OptionList)
    for _ in range(100):
        if hits.option_count and title.lower() in str(hits.get_option_at_index(0).prompt).lower():
            break
        await pilot.pause(0.02)
    await press(pilot, "enter")


def notifications(app: InterviewApp) -> list[tuple[str, str]]:
    return [(str(n.title), n.message) for n in app._notifications]


@pytest.mark.usefixtures("weak_session")
def test_practise_next_shows_prompts_and_p_practises_exactly_those(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        report = await open_report(pilot)
        suggested = report.practice_ids
        assert suggested
        text = summary_text(report)
        assert f"p practises these {len(suggested)} questions now" in text
        pack = report.session.pack
        bullets = [line for line in text.splitlines() if line.lstrip().startswith("•")]
        assert len(bullets) == len(suggested)
        for question_id, line in zip(suggested, bullets, strict=True):
            assert question_id not in text  # prompts, not ids
            assert line.startswith("    • " + pack.by_id[question_id].prompt[:20])  # one line, under its area
        await press(pilot, "p")
        stage = app.screen
        assert isinstance(stage, StageScreen)
        assert [q.id for q in stage.stage.questions] == list(suggested)
        assert stage.stage.record.title == f"Practice: {len(suggested)} chosen questions"

    drive(app, steps)


def test_e_exports_the_report_with_the_command_lines_code_and_says_where(
    make_app: AppMaker, weak_session: SessionRecord, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app()
    written = data_home / "exports" / f"{weak_session.id}.html"

    async def steps(pilot: Pilot[int]) -> None:
        report = await open_report(pilot)
        await press(pilot, "e")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert str(data_home / "exports" / weak_session.id) in shown_text(dialog.query(Static)[1], width=200)
        await press(pilot, "h")
        assert app.screen is report
        assert ("Report exported as HTML", str(written)) in notifications(app)
        assert written.read_text(encoding="utf-8") == report_text(report.session.record, report.session.report, "html")
        await press(pilot, "e", "escape")  # Esc writes nothing
        assert app.screen is report
        assert sorted(p.name for p in written.parent.iterdir()) == [written.name]

    drive(app, steps)
    code, out, _ = run_cli(capsys, "report", weak_session.id, "--format", "html")
    assert code == 0
    assert out == written.read_text(encoding="utf-8")


def test_the_palette_exports_this_report_and_opens_history(
    make_app: AppMaker, weak_session: SessionRecord, data_home: Path
) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await open_report(pilot)
        await run_command(pilot, "Export this report as JSON")
        assert (data_home / "exports" / f"{weak_session.id}.json").is_file()
        assert isinstance(app.screen, ReportScreen)
        await run_command(pilot, "History")
        assert isinstance(app.screen, HistoryScreen)

    drive(app, steps)


def test_ctrl_p_still_pauses_a_stage_and_its_help_does_not_list_the_palette(make_app: AppMaker) -> None:
    app = make_app(start="loop")

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "enter")
        stage = app.screen
        assert isinstance(stage, StageScreen)
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(shown_text(static) for static in app.screen.query(Static))
        assert re.search(r"Ctrl\+P\s+Pause", shown)
        assert "Commands" not in shown  # the stage's Ctrl+P hides the app's
        await press(pilot, "escape", "ctrl+p")
        assert not isinstance(app.screen, CommandPalette)
        assert stage.stage.record.pauses  # a pause began

    drive(app, steps)


def test_light_dark_is_saved_in_the_settings_file_and_applied_at_the_next_start(
    make_app: AppMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "settings" / "config.toml"
    monkeypatch.setenv(CONFIG_VARIABLE, str(config))
    app = make_app()

    async def toggle(pilot: Pilot[int]) -> None:
        assert app.theme == "textual-dark"
        await run_command(pilot, "Toggle light / dark")
        assert app.theme == "textual-light"

    drive(app, toggle)
    assert tomllib.loads(config.read_text(encoding="utf-8")) == {"ui": {"theme": "textual-light"}}
    assert any(title == "Theme textual-light" and str(config) in message for title, message in notifications(app))
    again = make_app()

    async def starts_light(pilot: Pilot[int]) -> None:
        assert again.theme == "textual-light"
        await run_command(pilot, "Toggle light / dark")

    drive(again, starts_light)
    assert tomllib.loads(config.read_text(encoding="utf-8")) == {"ui": {"theme": "textual-dark"}}


def test_a_bad_settings_file_is_a_notification_never_a_crash(
    make_app: AppMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[ui]\ntheme = "no-such-theme"\n', encoding="utf-8")
    monkeypatch.setenv(CONFIG_VARIABLE, str(config))
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        assert app.theme == "textual-dark"
        [(title, message)] = notifications(app)
        assert title == "Settings file"
        assert "there is no theme 'no-such-theme'" in message
        config.write_text("[ui\n", encoding="utf-8")  # broken meanwhile: the theme cannot be saved
        await run_command(pilot, "Toggle light / dark")
        assert app.theme == "textual-light"
        assert any(title == "Theme not saved" and "not valid TOML" in message for title, message in notifications(app))

    drive(app, steps)
    assert config.read_text(encoding="utf-8") == "[ui\n"
