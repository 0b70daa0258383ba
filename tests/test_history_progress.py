"""History as a first-time user meets it: progress on a fixed scale, a table that fits, sorting that says how it
sorts, and a choice before an unfinished session is resumed."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from itertools import repeat
from pathlib import Path

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from tests.helpers import START, TEST_PACK, AppMaker, drive, played_session, press, start_session
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.history.index import sort_order_label
from tui_interview.domain.planning.practice import plan_practice, practice_stage
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.ui.screens.dialogs import ChoiceDialog
from tui_interview.ui.screens.history import HistoryScreen
from tui_interview.ui.screens.report import ReportScreen
from tui_interview.ui.screens.stage import StageScreen
from tui_interview.ui.widgets.score_trend import ScoreTrend, TrendRow


class Trends(App[None]):
    def compose(self) -> ComposeResult:
        yield ScoreTrend()


def chart_lines(rows: tuple[TrendRow, ...], width: int) -> list[str]:
    """The chart's lines as plain text, drawn ``width`` cells wide."""
    lines: list[str] = []

    async def go() -> None:
        async with Trends().run_test(size=(width, 20)) as pilot:
            chart = pilot.app.query_one(ScoreTrend)
            chart.rows = rows
            await pilot.pause()
            lines.extend(str(chart.render()).splitlines())

    asyncio.run(go())
    return lines


def test_a_single_score_is_a_bar_as_long_as_the_score_not_the_whole_row() -> None:
    zero, half = chart_lines((TrendRow("Overall", (0.0,)), TrendRow("Model serving", (0.5,))), 80)
    assert "█" not in zero  # the review saw a full bar at 0%
    assert zero.rstrip().endswith("0%")
    assert half.count("█") == half.count("░") == 10  # half of a 20-cell bar
    assert half.rstrip().endswith("50%")


def test_a_flat_series_stays_at_its_height_and_shows_its_first_and_latest_value() -> None:
    [line] = chart_lines((TrendRow("Overall", (0.5, 0.5, 0.5)),), 80)
    assert "█" not in line  # a sparkline stretches a flat series to the top
    assert "▄" in line
    assert "50% → 50%" in line


def test_long_area_names_wrap_and_are_never_cut() -> None:
    name = "Experiment tracking and versioning"
    lines = chart_lines((TrendRow(name, (0.2, 0.6)), TrendRow("Overall", (0.3, 0.4))), 40)
    assert len(lines) > 2  # at 40 columns the name takes more than one line…
    words = " ".join(lines).split()
    assert all(word in words for word in name.split())  # …and keeps every word whole
    assert "20% → 60%" in lines[0]


def progress_heading(history: HistoryScreen) -> str:
    return str(history.query_one("#history-progress", Static).content)


def test_one_finished_session_says_it_is_not_yet_a_trend(make_app: AppMaker, data_home: Path) -> None:
    played_session(SessionStore(data_home / "sessions"), repeat("First I look at the p99."), stages=["recruiter"])
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "h")
        history = app.screen
        assert isinstance(history, HistoryScreen)
        assert "one finished session so far" in progress_heading(history)
        assert "0-100% scale" in progress_heading(history)
        chart = history.query_one(ScoreTrend)
        assert [row.label for row in chart.rows] == ["Overall", "Recruiter screen"]

    drive(app, steps)


def two_weeks(data_home: Path) -> SessionStore:
    store = SessionStore(data_home / "sessions")
    played_session(store, repeat("I am not sure."), stages=["recruiter"], started=START)
    played_session(store, repeat("First I look at the p99."), stages=["recruiter"], started=START + timedelta(days=7))
    return store


def header(table: DataTable[object]) -> list[str]:
    return [str(column.label) for column in table.ordered_columns]


def test_the_header_marks_the_sort_key_and_its_direction_and_r_reverses(make_app: AppMaker, data_home: Path) -> None:
    two_weeks(data_home)
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "h")
        history = app.screen
        assert isinstance(history, HistoryScreen)
        table = history.query_one(DataTable)
        hint = history.query_one("#history-hint", Static)
        assert header(table) == ["Started ▼", "Result", "Time", "Session"]
        assert "sorted by date, newest first" in str(hint.content)
        await press(pilot, "s")
        assert header(table) == ["Started", "Result ▼", "Time", "Session"]
        best_first = [row.key.value for row in table.ordered_rows]
        await press(pilot, "r")
        assert header(table) == ["Started", "Result ▲", "Time", "Session"]
        assert f"sorted by score, {sort_order_label('score', descending=False)}" in str(hint.content)
        assert [row.key.value for row in table.ordered_rows] == best_first[::-1]
        await press(pilot, "s")  # the next key starts in its usual direction again
        assert header(table) == ["Started", "Result", "Time ▼", "Session"]

    drive(app, steps)


def test_end_then_enter_opens_the_last_row_not_the_first(make_app: AppMaker, data_home: Path) -> None:
    two_weeks(data_home)
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "h")
        history = app.screen
        assert isinstance(history, HistoryScreen)
        table = history.query_one(DataTable)
        oldest = table.ordered_rows[-1].key.value
        await press(pilot, "end")
        assert table.cursor_row == table.row_count - 1
        await press(pilot, "enter")
        report = app.screen
        assert isinstance(report, ReportScreen)
        assert report.session.record.source is not None
        assert report.session.record.source.name == oldest
        await press(pilot, "escape", "home", "enter")
        report = app.screen
        assert isinstance(report, ReportScreen)
        assert report.session.record.source is not None
        assert report.session.record.source.name != oldest

    drive(app, steps)


def unfinished_session(data_home: Path) -> Path:
    run = start_session(SessionStore(data_home / "sessions"), stages=["recruiter"])
    run.stage().start()
    return run.checkpoint()


def test_an_unfinished_session_asks_before_resuming_and_can_show_its_report_so_far(
    make_app: AppMaker, data_home: Path
) -> None:
    path = unfinished_session(data_home)
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "n")  # not now, to the start-up offer to resume
        await press(pilot, "h", "enter")
        assert isinstance(app.screen, ChoiceDialog)
        await press(pilot, "escape")
        assert isinstance(app.screen, HistoryScreen)  # cancelled: nothing resumed
        await press(pilot, "enter", "v")
        report = app.screen
        assert isinstance(report, ReportScreen)
        assert report.session.record.source == path
        assert report.session.record.status == "in_progress"
        await press(pilot, "escape", "enter", "r")
        assert any(isinstance(screen, StageScreen) for screen in app.screen_stack)  # resumed, behind its notice

    drive(app, steps)


def test_the_session_column_is_not_cut_at_80_columns_and_the_table_fits_60x20(
    make_app: AppMaker, data_home: Path
) -> None:
    pack = load_pack(TEST_PACK)
    store = SessionStore(data_home / "sessions")
    for day in range(4):
        played_session(store, repeat("ok"), stages=["recruiter"], started=START + timedelta(days=day))
    practice = plan_practice(pack, practice_stage(count=2), seed=3)
    start_session(store, plan=practice, mode="practice", started=START + timedelta(days=5)).checkpoint()
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "n")  # the practice is unfinished: not now
        await press(pilot, "h")
        history = app.screen
        assert isinstance(history, HistoryScreen)
        table = history.query_one(DataTable)
        titles = [str(cell) for cell in table.get_column("Session")]
        assert "Practice: any question" in titles
        session = next(column for column in table.ordered_columns if str(column.label) == "Session")
        assert session.get_render_width(table) >= max(map(len, titles)) + 2  # no title is cut
        assert table.max_scroll_x == 0
        await pilot.resize_terminal(60, 20)
        await press(pilot)
        assert table.row_count == 5
        assert table.size.height >= table.row_count + 1  # every session shows, under the header
        assert table.max_scroll_x == 0  # no sideways scrolling: the Session column is cut with … instead

    drive(app, steps)
