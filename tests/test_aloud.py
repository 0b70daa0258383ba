"""Answering aloud: the clock runs while the candidate speaks, then a self-check scores the answer, marked so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.helpers import AppMaker, drive, press
from tests.interviewing import INTERVIEW_PACK, ROLLOUT, SPIKE, interview_app, start_stage
from tests.scenarios import screen_rows
from tui_interview.cli import settings_from
from tui_interview.cli.parser import build_parser
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.reporting.markdown import report_markdown
from tui_interview.domain.reporting.report import build_report
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.records import SessionRecord
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.ui.screens.aloud import AloudScreen, SelfCheckScreen
from tui_interview.ui.screens.practice import ALOUD
from tui_interview.ui.screens.report import ReportScreen
from tui_interview.ui.screens.summary import SummaryScreen
from tui_interview.ui.widgets.tick_list import TickList


def saved(data_home: Path) -> SessionRecord:
    [path] = (data_home / "sessions").glob("*.toml")
    return SessionStore(data_home / "sessions").load(path)


def test_an_answer_given_aloud_is_scored_by_the_self_check_and_marked_so(
    data_home: Path, fake_clock: FakeClock
) -> None:
    app = interview_app(data_home, fake_clock)

    async def steps(pilot: Pilot[Any]) -> None:
        await start_stage(pilot, SPIKE, ROLLOUT, mode="practice", aloud=True)
        assert isinstance(app.screen, AloudScreen)
        rows = "\n".join(screen_rows(app))
        assert "Answer out loud now: about 6 min suggested" in rows
        assert "this answer 0:00 / 6 min" in rows

        fake_clock.advance(100)
        app.screen.tick()
        await press(pilot, "ctrl+s")  # done with part 1: the scenario's next part follows, the clock still running
        assert isinstance(app.screen, AloudScreen)
        assert "A new model version went out" in "\n".join(screen_rows(app))
        fake_clock.advance(60)
        await press(pilot, "ctrl+s")  # done: the self-check
        assert isinstance(app.screen, SelfCheckScreen)
        rows = "\n".join(screen_rows(app))
        assert "Self-check: did you say…?" in rows
        assert "[ ] 2. part 2: Rolls back the new version" in rows
        fake_clock.advance(300)  # reading the model answer is not interview time
        await press(pilot, "2", "tab", "space", "tab", "3")  # said the rollback, claimed the red flag, rated solid
        assert "self-check: 1 of 2 points, coverage 50% · rated solid · score 62%" in "\n".join(screen_rows(app))
        await press(pilot, "ctrl+s")

        record = saved(data_home)
        spike = record.stages[0].answers[0]
        assert spike.status == "answered"
        assert spike.seconds == 160.0
        assert spike.judgement is not None
        assert spike.judgement.by == "self"
        assert spike.judgement.points == [1]
        assert spike.judgement.flags == [0]
        assert spike.self_rating == 3
        assert record.stages[0].elapsed_seconds == 160.0  # the self-check held the clock
        assert isinstance(app.screen, AloudScreen)  # the next question
        await press(pilot, "ctrl+n")  # skipped: no self-check
        assert isinstance(app.screen, SummaryScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, ReportScreen)
        assert "Scores: self-check and offline grader" in "\n".join(screen_rows(app))

    drive(app, steps)

    record = saved(data_home)
    assert record.stages[0].aloud
    assert record.format == 2
    markdown = report_markdown(build_report(record, load_pack(INTERVIEW_PACK)))
    assert "Answered aloud: each answer is scored from your self-check." in markdown
    assert "*(answered aloud; what follows is your self-check)*" in markdown
    assert "coverage 50% · self-check" in markdown
    assert "decided by your self-check" in markdown
    assert "- ⚠ Debugs the live service instead of mitigating" in markdown
    assert "**Your rating:** 3 of 4, solid" in markdown


def test_practice_setup_offers_answering_aloud(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[Any]) -> None:
        await press(pilot, "p")
        pilot.app.screen.query_one("#practice-aloud", TickList).select(ALOUD)
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, AloudScreen)

    drive(app, steps)


def test_aloud_on_the_command_line() -> None:
    for command in (["practice", "recruiter", "--aloud"], ["loop", "--aloud"]):
        settings = settings_from(build_parser().parse_args(command))
        assert settings.aloud
    practice = settings_from(build_parser().parse_args(["practice", "--aloud"])).practice
    assert practice is not None
    assert practice.aloud
    assert not settings_from(build_parser().parse_args(["loop"])).aloud
